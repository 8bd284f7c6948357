"""Several seasons through the command line: `season new/use/event`, `class edit`, the
global `--season`, and the season's tyre supplier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paddock.cli import main

HEADER = ("number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,"
          "full_season\n")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "p.db")
    assert run(capsys, "--db", path, "init")[0] == 0
    return path


def test_acceptance_2022_from_2021_am_class_a_moved_event_and_an_entry_list(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db, "season", "new", "2022", "--from", "2021")
    assert code == 0, err
    assert "8 events" in out
    # Made in the middle of 2021: the desks still work on 2021.
    assert json.loads(run(capsys, "--db", db, "season", "--json")[1])["year"] == 2021

    code, _, err = run(capsys, "--db", db, "--season", "2022", "class", "add", "Am",
                       "--cars", "992,991.2", "--gentleman")
    assert code == 0, err
    code, _, err = run(capsys, "season", "event", "edit", "vir", "--start", "2022-09-02",
                       "--end", "2022-09-04", "--db", db, "--season", "2022")
    assert code == 0, err
    csv = tmp_path / "entries-2022.csv"
    csv.write_text(HEADER + "7,Ann,Lee,1975-04-02,USA,Lee Racing,991.2,Am,yes,yes\n"
                   "12,Bo,Kim,2003-06-01,CAN,Kim Motorsport,992,Pro,no,yes\n",
                   encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "--season", "2022", "entries", "import", str(csv))
    assert code == 0, err

    code, out, _ = run(capsys, "--db", db, "--season", "2022", "season", "--json")
    data = json.loads(out)
    assert data["year"] == 2022 and data["tyres"]["supplier"] == "Michelin"
    vir = data["events"][5]
    assert (vir["number"], vir["short_name"], vir["start_date"], vir["end_date"]) == (
        6, "vir", "2022-09-02", "2022-09-04")
    assert vir["sessions"] == ["FP1", "FP2", "Q", "R1", "R2"]
    assert vir["schedule"][-1]["local_start"].startswith("2022-09-04T11:30")
    entries = json.loads(run(capsys, "--db", db, "--season", "2022", "entries", "list",
                             "--json")[1])["entries"]
    assert [(e["number"], e["class"]) for e in entries] == [("7", "Am"), ("12", "Pro")]
    # Entries are per season: 2021 has none, and its calendar did not move.
    assert json.loads(run(capsys, "--db", db, "entries", "list", "--json")[1]) == {
        "entries": []}
    data_2021 = json.loads(run(capsys, "--db", db, "season", "--json")[1])
    assert data_2021["events"][5]["start_date"] == "2021-08-20"

    assert run(capsys, "--db", db, "season", "use", "2022")[0] == 0
    assert json.loads(run(capsys, "--db", db, "season", "--json")[1])["year"] == 2022
    code, out, _ = run(capsys, "--db", db, "season", "list", "--json")
    assert [(s["year"], s["current"]) for s in json.loads(out)["seasons"]] == [
        (2021, False), (2022, True)]


def test_bad_input_is_refused_naming_the_field(db: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db, "season", "event", "edit", "ctmp", "--start",
                       "2021-03-18", "--end", "2021-03-21")
    assert code == 1 and "overlap event 1 sebring" in err
    code, _, err = run(capsys, "--db", db, "session", "set", "--event", "sebring",
                       "--session", "R1", "--date", "2021-03-25")
    assert code == 1 and "start of Race 1: 2021-03-25 is outside the dates of sebring" in err
    code, _, err = run(capsys, "--db", db, "class", "edit", "Pro", "--cars", "")
    assert code == 1 and "cars of class Pro" in err
    code, _, err = run(capsys, "--db", db, "season", "new", "2021")
    assert code == 1 and "year: the 2021 season already exists" in err
    code, _, err = run(capsys, "--db", db, "--season", "2019", "season")
    assert code == 1 and "no 2019 season" in err
    data = json.loads(run(capsys, "--db", db, "season", "--json")[1])
    assert data["events"][1]["start_date"] == "2021-05-20"


def test_an_event_is_added_cancelled_and_shown_so(db: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db, "season", "new", "2024")[0] == 0
    code, out, err = run(capsys, "--db", db, "--season", "2024", "season", "event", "add",
                         "miami", "--name", "Miami", "--venue", "Miami International Autodrome",
                         "--start", "2024-05-03", "--end", "2024-05-05", "--track-length",
                         "5.412km", "--sessions", "FP1,Q,R1,R2")
    assert code == 0, err
    assert "May 3–5, 2024" in out
    code, _, err = run(capsys, "--db", db, "--season", "2024", "season", "event", "session",
                       "miami", "FP2")
    assert code == 0, err
    code, _, err = run(capsys, "--db", db, "--season", "2024", "session", "set", "--event",
                       "miami", "--session", "R1", "--date", "2024-05-04", "--start", "16:10",
                       "--length", "35m")
    assert code == 0, err
    code, out, _ = run(capsys, "--db", db, "--season", "2024", "season", "event", "cancel",
                       "1", "--reason", "circuit not ready")
    assert code == 0
    code, out, _ = run(capsys, "--db", db, "--season", "2024", "season")
    assert "CANCELLED: circuit not ready" in out
    event = json.loads(run(capsys, "--db", db, "--season", "2024", "season", "--json")[1])[
        "events"][0]
    assert event["cancelled"] is True and event["cancelled_reason"] == "circuit not ready"
    assert event["lap_length_m"] == 5412 and event["sessions"] == ["FP1", "Q", "R1", "R2",
                                                                   "FP2"]


def test_the_tyre_supplier_is_the_seasons(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db, "season", "new", "2024", "--from", "2021")[0] == 0
    code, out, err = run(capsys, "--db", db, "--season", "2024", "season", "tyres",
                         "--supplier", "Yokohama", "--dry", "ADVAN A005", "--wet",
                         "ADVAN A006")
    assert code == 0, err
    assert "Yokohama ADVAN A005 (wet: ADVAN A006)" in out
    code, out, _ = run(capsys, "--db", db, "season", "tyres", "--json")
    assert json.loads(out)["supplier"] == "Michelin"
    code, _, err = run(capsys, "--db", db, "season", "tyres", "--slick-quota", "-2")
    assert code == 1 and "slick quota: -2" in err
    code, out, err = run(capsys, "--db", db, "--season", "2024", "season", "car", "992.2",
                         "--name", "Porsche 911 GT3 Cup (992.2)", "--front", "30/65-18")
    assert code == 0, err
    assert "front 30/65-18" in out


def test_classes_are_listed_and_edited(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db, "class", "add", "Pro-Am 991", "--cars", "991.2",
               "--gentleman")[0] == 0
    code, _, err = run(capsys, "--db", db, "class", "edit", "Pro-Am", "--cars", "992")
    assert code == 0, err
    code, _, err = run(capsys, "--db", db, "class", "edit", "Rookie", "--max-age", "25",
                       "--gentleman")
    assert code == 0, err
    classes = {c["name"]: c for c in json.loads(
        run(capsys, "--db", db, "class", "list", "--json")[1])["classes"]}
    assert classes["Pro-Am"]["cars"] == ["992"]
    assert classes["Pro-Am 991"]["cars"] == ["991.2"]
    assert (classes["Rookie"]["max_age"], classes["Rookie"]["gentleman"]) == (25, True)
