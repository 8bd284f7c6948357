"""A penalty and a publish from two desks at once: the official result never misses it.

"Is this session official?" is read inside the write transaction that acts on it, so
whichever desk goes first, the penalty ends up in the latest official revision.
"""

from __future__ import annotations

from pathlib import Path

from paddock.services.database import init_database, open_database
from paddock.services.results import import_results, session_results
from tests.db.desks import race


def test_a_penalty_during_a_publish_is_in_the_latest_official_revision(tmp_path: Path) -> None:
    typed = tmp_path / "r1.csv"
    typed.write_text("number,laps,total_time,best_lap,status\n"
                     "7,20,45:10.100,2:12.300,\n3,20,45:09.000,2:12.000,\n"
                     "12,20,45:09.500,2:12.100,\n")
    for attempt in range(4):
        path = init_database(tmp_path / f"p{attempt}.db", demo=True)
        with open_database(path) as db:
            import_results(db, event="1", session="R1", files=[typed])
        outcomes = race(tmp_path, [
            ["--db", str(path), "results", "publish", "--event", "1", "--session", "R1"],
            ["--db", str(path), "penalty", "add", "--event", "1", "--session", "R1",
             "--car", "3", "--seconds", "5", "--reason", "Track limits"],
        ])
        for outcome in outcomes:
            assert outcome.returncode == 0, outcome.stderr
            assert "Traceback" not in outcome.stderr
        with open_database(path) as db:
            latest = session_results(db, event="1", session="R1")
        assert latest.official
        car3 = next(r.row for r in latest.rows if r.row.number == "3")
        assert car3.penalty_ms == 5_000, f"attempt {attempt}: revision {latest.revision}"
        assert [r.row.number for r in latest.rows] == ["12", "7", "3"]
