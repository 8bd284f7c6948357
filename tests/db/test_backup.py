"""Backups: whole copies only, safely named and rotated, and gone when not needed."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from paddock.db import backup
from paddock.db.backup import backup_before, backup_folder, backup_sqlite, list_backups
from paddock.errors import DatabaseError
from paddock.services.database import init_database
from tests.db.helpers import one_line_refusal, paddock


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return init_database(tmp_path / "paddock.db")


def names(db: Path) -> list[str]:
    return sorted(os.listdir(backup_folder(db)))


def test_the_last_twenty_are_kept_whatever_the_labels(tmp_path: Path) -> None:
    db = init_database(tmp_path / "meeting [2021]*.db")
    made = [backup_sqlite(db, f"R{n} [*?]") for n in range(23)]
    kept = list_backups(db)
    assert len(kept) == 20
    assert [b.path for b in kept] == list(reversed(made[3:]))  # newest first
    assert kept[0].number == 1 and kept[0].label == "R22"
    assert all(b.size > 0 for b in kept)


def test_a_broken_copy_is_never_listed_nor_counted(database: Path) -> None:
    good = [backup_sqlite(database, f"ok{n}") for n in range(3)]
    folder = backup_folder(database)
    empty = folder / "paddock-20991231T235959000000Z-empty.db"
    empty.touch()
    cut = folder / "paddock-20991231T235958000000Z-cut.db"
    cut.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert [b.path for b in list_backups(database)] == list(reversed(good))
    killed = folder / "paddock-20991231T235957000000Z-killed.db.partial"
    killed.write_bytes(b"SQLite format 3\x00")
    os.utime(killed, (1, 1))
    backup_sqlite(database, "next", keep=3)
    assert not empty.exists() and not cut.exists() and not killed.exists()
    assert len(list_backups(database)) == 3 and not good[0].exists()


def test_a_copy_that_cannot_be_written_leaves_nothing_behind(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_copy = backup._copy

    def disk_full(source: Path, target: Path, **kw: object) -> None:
        real_copy(source, target)
        with target.open("r+b") as fh:
            fh.truncate(4096)  # half written
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    backup_sqlite(database, "before")
    monkeypatch.setattr(backup, "_copy", disk_full)
    with pytest.raises(DatabaseError, match=r"could not be written: the disk holding .* full"):
        backup_sqlite(database, "publish")
    assert len(names(database)) == 1 and names(database)[0].endswith("-before.db")


def test_backup_before_keeps_the_copy_only_when_the_block_succeeds(database: Path) -> None:
    with pytest.raises(RuntimeError), backup_before(database, "refused-publish") as copy:
        assert copy is not None and copy.exists()
        raise RuntimeError("nothing changed since revision 1")
    assert list_backups(database) == []
    with backup_before(database, "publish") as copy:
        pass
    assert [b.path for b in list_backups(database)] == [copy]
    with backup_before(None, "server") as nothing:
        assert nothing is None


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB file system of its own (root only), to fill up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
            capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small file system")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def fill(disk: Path) -> None:
    with (disk / "filler").open("wb") as fh:
        try:
            while True:
                fh.write(b"\x00" * 65536)
                fh.flush()
        except OSError:
            pass
    try:
        with (disk / "filler2").open("wb") as fh:
            while True:
                fh.write(b"\x00" * 512)
                fh.flush()
    except OSError:
        pass


def test_a_full_disk_is_one_line_and_nothing_half_done(small_disk: Path) -> None:
    db = small_disk / "paddock.db"
    assert paddock("--db", str(db), "init", "--demo").returncode == 0
    assert paddock("--db", str(db), "season").returncode == 0  # WAL files exist now
    fill(small_disk)
    codes = [f"MX{n:06d}" for n in range(200, 208)]
    line = one_line_refusal(paddock("--db", str(db), "tyres", "register", "--event", "1",
                                    "--car", "7", *codes))
    assert "full" in line and "nothing was written" in line, line
    with pytest.raises(DatabaseError, match=r"disk holding .* full"):
        backup_sqlite(db, "publish")
    assert not backup_folder(db).exists() or names(db) == []
    (small_disk / "filler").unlink()
    assert paddock("--db", str(db), "tyres", "register", "--event", "1", "--car", "7",
                   *codes).returncode == 0
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()


def test_a_new_database_on_a_full_disk_is_refused_and_leaves_nothing(small_disk: Path) -> None:
    fill(small_disk)
    line = one_line_refusal(paddock("--db", str(small_disk / "p.db"), "init", "--demo"))
    assert "full" in line or "No space" in line, line
    assert sorted(os.listdir(small_disk)) == ["filler", "filler2"]


def test_the_service_keeps_a_publish_copy_only_when_the_publish_happens(tmp_path: Path) -> None:
    from paddock.errors import RuleViolation
    from paddock.services.backups import backup_before as before_change
    from paddock.services.database import open_database

    with open_database(tmp_path / "p.db") as db:
        with pytest.raises(RuleViolation), before_change(db, "sebring-R1-publish"), \
                db.transaction():
            raise RuleViolation(["sebring R1: nothing changed since revision 1"])
        assert list_backups(db.path) == []
        with before_change(db, "sebring-R1-publish") as copy, db.transaction():
            pass
        assert [b.path for b in list_backups(db.path)] == [copy]
