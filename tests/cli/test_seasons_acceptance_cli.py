"""Issue "Any season", acceptance through the command line, in a fresh database: make 2022
from 2021, add the Am class, move an event, set drop rounds for Pro-Am, import an entry
list, run and publish a weekend, and read the standings with the dropped result marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paddock.cli import main
from tests.services.timing_csv import race_laps, write_laps

HEADER = ("number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,"
          "full_season\n")
ENTRIES = (
    "7,Ann,Lee,1975-04-02,USA,Lee Racing,991.2,Am,yes,yes\n"
    "12,Bo,Kim,1990-06-01,CAN,Kim Motorsport,992,Pro,no,yes\n"
    "21,Cy,Park,1970-01-05,USA,Park GT,992,Pro-Am,yes,yes\n"
    "22,Di,Ross,1972-03-09,USA,Ross GT,992,Pro-Am,yes,yes\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out = capsys.readouterr()
    assert code == 0, (args, out.err)
    return out.out


def test_a_2022_season_from_2021_run_and_published_with_a_dropped_result(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "p.db")
    run(capsys, "--db", db, "init")
    run(capsys, "--db", db, "season", "new", "2022", "--from", "2021")
    run(capsys, "--db", db, "season", "use", "2022")
    run(capsys, "--db", db, "class", "add", "Am", "--cars", "992,991.2", "--gentleman")
    # Sebring moves a week; the rest of the calendar is not run this year (cancelled),
    # so one weekend is the whole season and Pro-Am drops its lower race.
    run(capsys, "--db", db, "season", "event", "edit", "1", "--start", "2022-03-23",
        "--end", "2022-03-26")
    for number in range(2, 9):
        run(capsys, "--db", db, "season", "event", "cancel", str(number),
            "--reason", "not on the 2022 calendar")
    run(capsys, "--db", db, "points-scale", "--drop", "Pro-Am=1")
    entries = tmp_path / "entries.csv"
    entries.write_text(HEADER + ENTRIES, encoding="utf-8")
    run(capsys, "--db", db, "entries", "import", str(entries))

    quali = write_laps(tmp_path / "q.csv", {"12": [120_000, 119_000], "21": [121_000, 120_500],
                                            "22": [122_000, 121_500], "7": [123_000]})
    run(capsys, "--db", db, "results", "import", "--event", "1", "--session", "Q", str(quali))
    run(capsys, "--db", db, "results", "publish", "--event", "1", "--session", "Q")
    for race, order in (("R1", ["12", "21", "22", "7"]), ("R2", ["12", "22", "21", "7"])):
        laps = write_laps(tmp_path / f"{race}.csv", race_laps(order, 10))
        run(capsys, "--db", db, "results", "import", "--event", "1", "--session", race,
            str(laps))
        run(capsys, "--db", db, "results", "publish", "--event", "1", "--session", race)

    data = json.loads(run(capsys, "--db", db, "standings", "--class", "Pro-Am", "--json"))
    assert data["drop"] is not None
    drivers = {d["number"]: d for d in data["drivers"]}
    # Car 21: 1st and 2nd in class; the 2nd (R2) is dropped, with nothing else lost.
    park = drivers["21"]
    assert [r["dropped"] for r in park["races"]] == [False, True]
    assert park["points"] == park["races"][0]["points"]
    assert drivers["22"]["races"][0]["dropped"] is True
    # The plain text says which result was dropped, and 2021 is untouched.
    assert "dropped:" in run(capsys, "--db", db, "standings", "--class", "Pro-Am")
    assert json.loads(run(capsys, "--db", db, "--season", "2021", "season", "--json"))[
        "events"][0]["start_date"] == "2021-03-17"
