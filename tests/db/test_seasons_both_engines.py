"""Several seasons on a SQLite file and on PostgreSQL: the same commands, the same answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paddock.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_season_moved_cancelled_and_made_current(target: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "init", "--db", target)[0] == 0
    code, _, err = run(capsys, "season", "new", "2022", "--from", "2021", "--db", target)
    assert code == 0, err
    code, _, err = run(capsys, "--season", "2022", "season", "event", "edit", "ctmp",
                       "--start", "2022-05-27", "--end", "2022-05-30", "--db", target)
    assert code == 0, err
    code, _, err = run(capsys, "--season", "2022", "season", "event", "edit", "ctmp",
                       "--start", "2022-03-18", "--end", "2022-03-21", "--db", target)
    assert code == 1 and "overlap event 1 sebring" in err
    code, _, err = run(capsys, "--season", "2022", "season", "event", "cancel", "tba",
                       "--reason", "no venue", "--db", target)
    assert code == 0, err
    assert run(capsys, "--season", "2022", "class", "add", "Am", "--gentleman",
               "--db", target)[0] == 0
    entries = tmp_path / "e.csv"
    entries.write_text("number,first_name,last_name,date_of_birth,nationality,team,car,class,"
                       "gentleman,full_season\n7,Ann,Lee,1975-04-02,USA,Lee,992,Am,yes,yes\n",
                       encoding="utf-8")
    assert run(capsys, "--season", "2022", "entries", "import", str(entries),
               "--db", target)[0] == 0
    assert json.loads(run(capsys, "season", "--json", "--db", target)[1])["year"] == 2021
    assert run(capsys, "season", "use", "2022", "--db", target)[0] == 0
    data = json.loads(run(capsys, "season", "--json", "--db", target)[1])
    assert data["year"] == 2022
    ctmp = data["events"][1]
    assert (ctmp["number"], ctmp["start_date"], ctmp["schedule"][-1]["local_start"][:10]) == (
        2, "2022-05-27", "2022-05-30")
    assert data["events"][6]["cancelled_reason"] == "no venue"
    listed = json.loads(run(capsys, "entries", "list", "--json", "--db", target)[1])
    assert [e["class"] for e in listed["entries"]] == ["Am"]
    seasons = json.loads(run(capsys, "season", "list", "--json", "--db", target)[1])
    assert [(s["year"], s["current"]) for s in seasons["seasons"]] == [(2021, False),
                                                                       (2022, True)]
