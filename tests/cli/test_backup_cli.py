"""`paddock backup list|restore N` as the desk uses them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from paddock.db.backup import backup_sqlite
from paddock.services.database import init_database
from tests.db.helpers import one_line_refusal, paddock


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return init_database(tmp_path / "paddock.db", demo=True)


def tyre_count(db: Path) -> int:
    listing = json.loads(paddock("--db", str(db), "tyres", "list", "--event", "1",
                                 "--json").stdout)
    return len(listing["tyres"])


def test_list_shows_the_copies_newest_first(database: Path) -> None:
    first = backup_sqlite(database, "sebring-R1-publish")
    second = backup_sqlite(database, "sebring-R2-publish")
    done = paddock("--db", str(database), "backup", "list", "--json")
    data = json.loads(done.stdout)
    assert data["database"] == str(database)
    assert [(b["number"], b["label"], b["file"]) for b in data["backups"]] == [
        (1, "sebring-R2-publish", str(second)), (2, "sebring-R1-publish", str(first))]
    assert all(b["size"] > 0 and b["time"].endswith("+00:00") for b in data["backups"])
    text = paddock("--db", str(database), "backup", "list")
    assert text.stdout.splitlines()[0].split()[0] == "1"
    assert "sebring-R2-publish" in text.stdout.splitlines()[0]


def test_restore_puts_a_copy_back_and_keeps_the_state_it_replaced(database: Path) -> None:
    backup_sqlite(database, "before-tyres")
    assert paddock("--db", str(database), "tyres", "register", "--event", "1", "--car", "7",
                   "MX300001", "MX300002").returncode == 0
    # A desk with the database open sees the restore on its next read.
    desk = sqlite3.connect(database)
    assert desk.execute("SELECT count(*) FROM tyre").fetchone() == (2,)
    done = paddock("--db", str(database), "backup", "restore", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("restored backup 1 (")
    assert "before-tyres) over" in done.stdout and "as it was is kept at" in done.stdout
    assert tyre_count(database) == 0
    assert desk.execute("SELECT count(*) FROM tyre").fetchone() == (0,)
    desk.close()
    # ... and the state before the restore is now backup 1: restoring it undoes the restore.
    listed = json.loads(paddock("--db", str(database), "backup", "list", "--json").stdout)
    assert listed["backups"][0]["label"].startswith("before-restoring-")
    assert paddock("--db", str(database), "backup", "restore", "1").returncode == 0
    assert tyre_count(database) == 2


def test_restore_is_refused_while_another_desk_is_writing(database: Path) -> None:
    backup_sqlite(database, "publish")
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        line = one_line_refusal(paddock("--db", str(database), "backup", "restore", "1"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert line == ("paddock: another desk is writing to the database; nothing was restored "
                    "(try again when it is done)")
    listed = json.loads(paddock("--db", str(database), "backup", "list", "--json").stdout)
    assert [b["label"] for b in listed["backups"]] == ["publish"]


def test_restore_of_a_number_not_kept_is_refused(database: Path) -> None:
    line = one_line_refusal(paddock("--db", str(database), "backup", "restore", "3"))
    assert line == (f"paddock: there is no backup 3 of {database} (0 kept; see `paddock "
                    "backup list`)")


def test_a_lost_database_file_is_restored_from_its_copy(database: Path) -> None:
    assert paddock("--db", str(database), "tyres", "register", "--event", "1", "--car", "7",
                   "MX300001").returncode == 0
    backup_sqlite(database, "sebring-R1-publish")
    database.unlink()
    done = paddock("--db", str(database), "backup", "restore", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("(there was no database file)")
    assert tyre_count(database) == 1
