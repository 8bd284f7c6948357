import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paddock.cli import main

HEADER = (
    "number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,full_season\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_init_creates_the_season_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    assert run(capsys, "init", "--demo", "--db", db)[0] == 0
    before = Path(db).read_bytes()
    code, _, err = run(capsys, "--db", db, "init")
    assert code == 1 and "already exists" in err
    assert Path(db).read_bytes() == before


def test_init_force_keeps_the_old_file_as_a_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.db"
    run(capsys, "init", "--demo", "--db", str(db))
    assert run(capsys, "init", "--force", "--db", str(db))[0] == 0
    assert len(list(tmp_path.glob("p.db.replaced-*"))) == 1
    _, out, _ = run(capsys, "entries", "list", "--json", "--db", str(db))
    assert json.loads(out) == {"entries": []}


def test_entries_list_json_follows_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    run(capsys, "init", "--demo", "--db", db)
    code, out, _ = run(capsys, "--db", db, "entries", "list", "--json")
    assert code == 0
    entries = json.loads(out)["entries"]
    assert len(entries) == 32
    assert set(entries[0]) == {"number", "driver", "date_of_birth", "nationality", "team", "car",
                               "class", "junior", "gentleman", "full_season",
                               "team_championship", "withdrawn", "withdrawn_from"}
    by_number = {e["number"]: e for e in entries}
    assert by_number["02"]["junior"] is True and by_number["02"]["class"] == "Rookie"
    assert by_number["44"]["car"] == "991.2" and by_number["44"]["team_championship"] is False


def test_entries_import_reports_file_and_line_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    run(capsys, "init", "--db", db)
    bad = tmp_path / "list.csv"
    bad.write_text(HEADER + "5,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n"
                   + "6,Bo,Lund,1999-02-30,SWE,T,992,Pro,no,yes\n")
    code, _, err = run(capsys, "entries", "import", str(bad), "--db", db)
    assert code == 1
    assert f"{bad}:3: date_of_birth: '1999-02-30'" in err
    assert json.loads(run(capsys, "entries", "list", "--json", "--db", db)[1]) == {"entries": []}


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["entries", "frobnicate"])
    assert exc.value.code == 2


def test_the_db_comes_from_paddock_db_when_not_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PADDOCK_DB", str(tmp_path / "env.db"))
    assert run(capsys, "init")[0] == 0
    assert (tmp_path / "env.db").exists()


def test_the_installed_command_runs(tmp_path: Path) -> None:
    env = {**os.environ, "PADDOCK_DB": str(tmp_path / "p.db")}
    done = subprocess.run([sys.executable, "-m", "paddock", "season", "--json"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["events"][0]["short_name"] == "sebring"


def test_tyres_register_and_check_follow_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    run(capsys, "init", "--demo", "--db", db)
    code, out, _ = run(capsys, "tyres", "register", "--event", "sebring", "--car", "7",
                       "MX000001", "MX000002", "--db", db)
    assert code == 0 and "2 of 8" in out
    code, out, _ = run(capsys, "tyres", "check", "--event", "1", "MX000001", "--json",
                       "--db", db)
    assert code == 0
    assert json.loads(out) == {"barcode": "MX000001", "verdict": "ok", "car": "7",
                               "driver": "Callum Ashdown"}
    code, out, _ = run(capsys, "tyres", "check", "--event", "ctmp", "MX000001", "--json",
                       "--db", db)
    assert code == 1 and json.loads(out)["verdict"] == "other-event"
    code, _, err = run(capsys, "tyres", "register", "--event", "1", "--car", "12",
                       "MX000002", "BAD", "--db", db)
    assert code == 1 and "MX000002" in err and "BAD" in err
    code, out, _ = run(capsys, "tyres", "check", "--event", "1", "NOPE0000", "--json",
                       "--db", db)
    assert code == 1 and json.loads(out) == {"barcode": "NOPE0000", "verdict": "not-registered",
                                             "car": None, "driver": None}


def test_results_import_show_penalty_publish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    run(capsys, "init", "--demo", "--db", db)
    typed = tmp_path / "r1.csv"
    typed.write_text("number,laps,total_time,best_lap,status\n"
                     "7,20,45:10.100,2:12.300,\n3,20,45:09.000,2:12.000,\n")
    assert run(capsys, "results", "import", "--event", "sebring", "--session", "R1",
               str(typed), "--db", db)[0] == 0
    code, out, _ = run(capsys, "results", "show", "--event", "1", "--session", "r1", "--json",
                       "--db", db)
    shown = json.loads(out)
    assert code == 0 and (shown["status"], shown["revision"]) == ("provisional", 1)
    first = shown["rows"][0]
    assert set(first) == {"position", "number", "driver", "class", "class_position", "status",
                          "laps", "total_time_ms", "gap", "best_lap_ms", "best_lap_number",
                          "second_best_lap_ms"}
    assert (first["number"], first["gap"], first["total_time_ms"]) == ("3", "-", 2_709_000)
    assert run(capsys, "results", "publish", "--event", "1", "--session", "R1", "--db", db)[0] == 0
    code, out, _ = run(capsys, "penalty", "add", "--event", "1", "--session", "R1", "--car", "3",
                       "--seconds", "5", "--reason", "Track limits", "--db", db)
    assert code == 0 and "revision 2" in out
    shown = json.loads(run(capsys, "results", "show", "--event", "1", "--session", "R1",
                           "--json", "--db", db)[1])
    assert (shown["status"], shown["revision"]) == ("official", 2)
    assert [r["number"] for r in shown["rows"]] == ["7", "3"]
    code, _, err = run(capsys, "penalty", "add", "--event", "1", "--session", "R1", "--car",
                       "3", "--dsq", "--reason", "", "--db", db)
    assert code == 1 and "reason" in err


def test_audit_shows_who_changed_what(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PADDOCK_USER", "chief.scrutineer")
    db = str(tmp_path / "p.db")
    run(capsys, "init", "--demo", "--db", db)
    run(capsys, "tyres", "register", "--event", "1", "--car", "7", "MX000001", "--db", db)
    code, out, _ = run(capsys, "audit", "--entity", "tyre", "--json", "--db", db)
    (change,) = json.loads(out)["changes"]
    assert code == 0
    assert (change["user"], change["action"], change["id"]) == (
        "chief.scrutineer", "register", "MX000001")
    assert change["after"]["car"] == "7"


def test_init_demo_weekend_gives_published_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    code, out, _ = run(capsys, "init", "--demo-weekend", "--db", db)
    assert code == 0 and "Sebring and CTMP" in out
    shown = json.loads(run(capsys, "results", "show", "--event", "ctmp", "--session", "R1",
                           "--json", "--db", db)[1])
    assert (shown["status"], shown["revision"]) == ("official", 2)
    assert shown["rows"][0]["position"] == 1 and shown["rows"][0]["gap"] == "-"


def test_a_part_season_car_is_entered_in_the_events_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    run(capsys, "init", "--demo", "--db", db)
    code, out, _ = run(capsys, "entries", "events", "7", "--set", "1,3,8", "--json", "--db", db)
    assert code == 0 and json.loads(out) == {"number": "7", "events": [1, 3, 8]}
    code, _, err = run(capsys, "tyres", "register", "--event", "2", "--car", "7", "MX000001",
                       "--db", db)
    assert code == 1 and "car 7 is not entered at event 2" in err
    code, _, err = run(capsys, "entries", "events", "7", "--set", "1,9", "--db", db)
    assert code == 1 and "no event 9" in err
    assert "events 1, 3, 8" in run(capsys, "entries", "events", "7", "--db", db)[1]
