"""`paddock session set`, `paddock season --json`'s schedule and `paddock export results`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paddock.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "p.db")
    assert run(capsys, "--db", path, "init", "--demo-weekend")[0] == 0
    return path


def test_session_set_then_season_json_shows_the_facts(db: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "session", "set", "--db", db, "--event", "sebring",
                         "--session", "R1", "--start", "14:05", "--length", "45m",
                         "--conditions", "dry", "--air", "24", "--track", "31")
    assert code == 0, err
    assert "14:05 EDT" in out and "45 min" in out and "air 24 °C" in out
    code, out, _ = run(capsys, "--db", db, "season", "--json")
    data = json.loads(out)
    event = data["events"][0]
    # Today's keys stay; the facts come as new ones.
    assert {"number", "short_name", "name", "venue", "start_date", "end_date",
            "sessions"} <= set(event)
    r1 = next(s for s in event["schedule"] if s["session"] == "R1")
    assert r1["local_start"] == "2021-03-19T14:05:00-04:00"
    assert r1["starts_at"] == "2021-03-19T18:05:00+00:00"
    assert (r1["duration_minutes"], r1["conditions"], r1["air_c"], r1["track_c"]) == (
        45, "dry", 24.0, 31.0)


def test_session_set_refuses_a_bad_value_with_exit_1(db: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "session", "set", "--db", db, "--event", "sebring",
                       "--session", "R1", "--length", "forty")
    assert code == 1 and "45m" in err
    with pytest.raises(SystemExit) as exit_:
        main(["session", "set", "--db", db, "--event", "sebring", "--session", "R1",
              "--conditions", "snow"])
    assert exit_.value.code == 2


def test_export_results_csv_and_json(db: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r1.csv"
    code, _, err = run(capsys, "export", "results", "--db", db, "--event", "sebring",
                       "--session", "R1", "--format", "csv", "-o", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("POSITION;NUMBER;STATUS;LAPS;")
    target = tmp_path / "q.json"
    code, _, err = run(capsys, "export", "results", "--db", db, "--event", "1",
                       "--session", "Q", "--format", "json", "-o", str(target))
    assert code == 0, err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["session"]["kind"] == "qualifying" and data["laps"]
    code, _, err = run(capsys, "export", "results", "--db", db, "--event", "1",
                       "--session", "Q", "--format", "csv", "-o", db)
    assert code == 1 and "database" in err
