"""The same commands, the same results and documents on a SQLite file and on PostgreSQL.

Every test here runs twice (the `target` fixture): the results flow on the real Long Beach
files, the desks' races in real processes released together (a tyre quota, one barcode,
a penalty during a publish, decision numbers), the standings and a PDF document.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from paddock.cli import main
from paddock.services.database import init_database, open_database
from paddock.services.results import import_results, session_results
from tests.db.desks import race

RACE = "2023_08-long-beach-street-circuit_202304151405-race"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_results_flow_on_the_real_files(target: str, imsa_data: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "init", "--db", target)[0] == 0
    for name in ("GTP", "GTD", "GTDPRO"):
        assert run(capsys, "class", "add", name, "--db", target)[0] == 0
    entries = tmp_path / "entries.csv"
    with (imsa_data / f"{RACE}-results.csv").open(encoding="utf-8-sig", newline="") as f:
        lines = [{k.strip(): v for k, v in row.items()} for row in csv.DictReader(f)]
    with entries.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["number", "first_name", "last_name", "date_of_birth", "nationality",
                      "team", "car", "class", "gentleman", "full_season"])
        for line in lines:
            out.writerow([line["NUMBER"], line["DRIVER1_FIRSTNAME"], line["DRIVER1_SECONDNAME"],
                          "1990-01-01", line["DRIVER1_COUNTRY"] or "USA", line["TEAM"], "992",
                          line["CLASS"], "no", "yes"])
    assert run(capsys, "entries", "import", str(entries), "--db", target)[0] == 0
    files = [str(imsa_data / f"{RACE}-laps.csv"), str(imsa_data / f"{RACE}-results.csv")]
    code, out, err = run(capsys, "results", "import", "--event", "1", "--session", "R1",
                         *files, "--db", target)
    assert code == 0 and "check: agrees" in out, err
    code, out, err = run(capsys, "results", "publish", "--event", "1", "--session", "R1",
                         "--db", target)
    assert code == 0, err
    code, out, err = run(capsys, "penalty", "add", "--event", "1", "--session", "R1",
                         "--car", "25", "--seconds", "5", "--reason", "Track limits",
                         "--db", target)
    assert code == 0 and "published revision 2" in out, err
    code, out, _ = run(capsys, "results", "check", "--event", "1", "--session", "R1",
                       "--json", "--db", target)
    data = json.loads(out)
    assert code == 1 and not data["agrees"]
    assert any(d["car"] == "25" for d in data["differences"]), data
    code, out, err = run(capsys, "results", "show", "--event", "1", "--session", "R1",
                         "--json", "--db", target)
    assert code == 0, err
    shown = json.loads(out)
    assert (shown["status"], shown["revision"]) == ("official", 2)
    code, out, err = run(capsys, "verify", "--db", target)
    assert code == 0 and "verified: 2 revisions" in out, err


@pytest.fixture
def demo(target: str) -> str:
    """The season and the demo field, no weekend run yet."""
    init_database(target, demo=True)
    return target


def _slicks(db: str, car: str) -> int:
    with open_database(db, create=False) as d:
        from paddock.services.tyres import event_tyres

        return sum(1 for t in event_tyres(d, "1").tyres if t.car == car and t.tyre_type == "slick")


def test_two_tyre_desks_cannot_break_the_quota(demo: str, tmp_path: Path) -> None:
    """Quota 8: two desks register 5 slicks each to car 7 at the same instant."""
    outcomes = race(tmp_path, [
        ["--db", demo, "tyres", "register", "--event", "1", "--car", "7",
         *[f"Q{desk}X{i:04d}" for i in range(5)]] for desk in range(2)])
    for o in outcomes:
        assert "Traceback" not in o.stderr, o.stderr
    assert sorted(o.returncode for o in outcomes) == [0, 1], outcomes
    (loser,) = [o for o in outcomes if o.returncode]
    assert "would have 10 of 8" in loser.stderr, loser.stderr
    assert _slicks(demo, "7") == 5


def test_the_same_barcode_from_four_desks_is_registered_once(demo: str,
                                                             tmp_path: Path) -> None:
    outcomes = race(tmp_path, [
        ["--db", demo, "tyres", "register", "--event", "1", "--car", car, "MX777777"]
        for car in ("7", "12", "7", "12")])
    assert sorted(o.returncode for o in outcomes) == [0, 1, 1, 1], outcomes
    for o in outcomes:
        assert "Traceback" not in o.stderr and "IntegrityError" not in o.stderr, o.stderr
        if o.returncode:
            assert "MX777777" in o.stderr and "already registered" in o.stderr, o.stderr
            assert len(o.stderr.strip().splitlines()) == 1


TYPED = ("number,laps,total_time,best_lap,status\n"
         "7,20,45:10.100,2:12.300,\n3,20,45:09.000,2:12.000,\n12,20,45:09.500,2:12.100,\n")


def test_a_penalty_during_a_publish_is_in_the_latest_official_revision(
        demo: str, tmp_path: Path) -> None:
    typed = tmp_path / "r1.csv"
    typed.write_text(TYPED)
    with open_database(demo, create=False) as db:
        import_results(db, event="1", session="R1", files=[typed])
    outcomes = race(tmp_path, [
        ["--db", demo, "results", "publish", "--event", "1", "--session", "R1"],
        ["--db", demo, "penalty", "add", "--event", "1", "--session", "R1",
         "--car", "3", "--seconds", "5", "--reason", "Track limits"]])
    for outcome in outcomes:
        assert outcome.returncode == 0, outcome.stderr
    with open_database(demo, create=False) as db:
        latest = session_results(db, event="1", session="R1")
    assert latest.official
    car3 = next(r.row for r in latest.rows if r.row.number == "3")
    assert car3.penalty_ms == 5_000, f"revision {latest.revision}"
    assert [r.row.number for r in latest.rows] == ["12", "7", "3"]


def test_decision_numbers_are_never_repeated_by_two_desks(demo: str, tmp_path: Path) -> None:
    typed = tmp_path / "r1.csv"
    typed.write_text(TYPED)
    with open_database(demo, create=False) as db:
        import_results(db, event="1", session="R1", files=[typed])
    outcomes = race(tmp_path, [
        ["--db", demo, "penalty", "add", "--event", "1", "--session", "R1", "--car", car,
         "--seconds", "5", "--reason", f"Track limits ({desk})"]
        for desk, car in enumerate(("3", "7", "12", "3"))])
    for o in outcomes:
        assert o.returncode == 0 and "Traceback" not in o.stderr, o.stderr
    numbers = [re.match(r"decision (\S+):", o.stdout).group(1)  # type: ignore[union-attr]
               for o in outcomes]
    assert len(set(numbers)) == 4, numbers


def test_standings_and_a_pdf_from_the_database(target: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from paddock.services import standings

    init_database(target, demo_weekend=True)
    with open_database(target, create=False) as db:
        pro = standings.season_standings(db, class_name="Pro").to_json()
    assert pro["drivers"][0]["position"] == 1
    out = tmp_path / "r1.pdf"
    code, _, err = run(capsys, "--db", target, "report", "classification", "--event", "ctmp",
                       "--session", "R1", "-o", str(out))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "--db", target, "report", "standings", "--class", "Pro",
                       "-o", str(tmp_path / "pro.pdf"))
    assert code == 0, err
