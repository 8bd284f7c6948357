"""Two desks, one file: the "may I?" check and the write are one transaction.

Real processes, released together: a quota can never be exceeded, a barcode is never
registered twice, and the desk that loses hears why in one line (no traceback).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from paddock.services.database import init_database
from tests.db.desks import race
from tests.db.helpers import paddock as run


def paddock(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("--db", str(db), *args)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return init_database(tmp_path / "paddock.db", demo=True)


def slicks_of(db: Path, car: str) -> int:
    listing = json.loads(paddock(db, "tyres", "list", "--event", "1", "--json").stdout)
    return sum(1 for t in listing["tyres"] if t["car"] == car and t["type"] == "slick")


def test_two_tyre_desks_cannot_break_the_quota_together(demo: Path, tmp_path: Path) -> None:
    """Quota 8: two desks register 5 slicks each to car 7 at the same instant."""
    for attempt in range(2):
        desks = [
            ["--db", str(demo), "tyres", "register", "--event", "1", "--car", "7",
             *[f"D{desk}A{attempt}{i:04d}" for i in range(5)]]
            for desk in range(2)
        ]
        outcomes = race(tmp_path, desks)
        for o in outcomes:
            assert "Traceback" not in o.stderr, o.stderr
        winners = [o for o in outcomes if o.returncode == 0]
        losers = [o for o in outcomes if o.returncode != 0]
        if attempt == 0:
            assert len(winners) == 1, outcomes
            assert "5 of 8" in winners[0].stdout
            assert losers[0].returncode == 1
            assert "would have 10 of 8" in losers[0].stderr
        assert slicks_of(demo, "7") <= 8
    assert slicks_of(demo, "7") == 5


def test_the_same_barcode_from_two_desks_is_registered_once(demo: Path, tmp_path: Path) -> None:
    outcomes = race(tmp_path, [
        ["--db", str(demo), "tyres", "register", "--event", "1", "--car", car, "MX777777"]
        for car in ("7", "12", "7", "12")
    ])
    assert sorted(o.returncode for o in outcomes) == [0, 1, 1, 1], outcomes
    for o in outcomes:
        assert "Traceback" not in o.stderr and "IntegrityError" not in o.stderr, o.stderr
        if o.returncode:
            assert "MX777777" in o.stderr and "already registered" in o.stderr
            assert len(o.stderr.strip().splitlines()) == 1
    check = json.loads(paddock(demo, "tyres", "check", "--event", "1", "MX777777",
                               "--json").stdout)
    assert check["verdict"] == "ok"


def test_a_write_lock_that_does_not_clear_is_one_line_not_a_traceback(demo: Path) -> None:
    """Another program holds the write lock past the busy timeout: the desk is told."""
    import sqlite3

    holder = sqlite3.connect(demo, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = paddock(demo, "tyres", "register", "--event", "1", "--car", "7", "MX123456")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1
    assert done.stderr.strip() == "paddock: another desk is writing; try again (nothing was " \
                                  "written)"
    assert slicks_of(demo, "7") == 0
    # A reader is never blocked by a writer (WAL): listing works while the lock is held.
    holder = sqlite3.connect(demo, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert paddock(demo, "entries", "list").returncode == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_two_first_starts_at_once_make_one_database(tmp_path: Path) -> None:
    path = tmp_path / "new" / "paddock.db"
    outcomes = race(tmp_path, [["--db", str(path), "season", "--json"] for _ in range(4)])
    for o in outcomes:
        assert o.returncode == 0 and "Traceback" not in o.stderr, o.stderr
        assert json.loads(o.stdout)["year"] == 2021
    assert [p.name for p in path.parent.iterdir()] == ["paddock.db"]
