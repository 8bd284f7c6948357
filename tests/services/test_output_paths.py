"""Where a document may not be written, however the path is spelled; and whole writes."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from paddock.services import output_paths
from paddock.services.output_paths import (
    OutputRefused,
    check_output_file,
    check_output_folder,
    write_output,
)

PDF = b"%PDF-1.4 a document"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file with its WAL companions and a backups folder holding one copy."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "paddock.db"
    for name in ("paddock.db", "paddock.db-wal", "paddock.db-shm"):
        (folder / name).write_bytes(b"SQLite format 3\x00")
    backups = folder / "paddock.db.backups"
    backups.mkdir()
    (backups / "paddock-1-publish.db").write_bytes(b"SQLite format 3\x00")
    return path


def untouched(db_path: Path) -> bool:
    folder = db_path.parent
    return all((folder / name).read_bytes() == b"SQLite format 3\x00" for name in (
        "paddock.db", "paddock.db-wal", "paddock.db-shm",
        "paddock.db.backups/paddock-1-publish.db"))


@pytest.mark.parametrize("spelling", [
    "data/paddock.db",
    "data/../data/./paddock.db",
    "data/paddock.db-wal",
    "data/paddock.db-shm",
    "data/paddock.db-journal",  # not there now, but SQLite makes it in rollback mode
    "data/paddock.db.backups/paddock-1-publish.db",
    "data/paddock.db.backups/new.pdf",
])
def test_the_database_and_its_files_are_refused(db_path: Path, tmp_path: Path,
                                                spelling: str) -> None:
    with pytest.raises(OutputRefused, match="nothing was written"):
        write_output(tmp_path / spelling, PDF, db_path=db_path)
    assert untouched(db_path)
    assert not (db_path.parent / "paddock.db-journal").exists()
    assert not (db_path.parent / "paddock.db.backups" / "new.pdf").exists()


def test_a_symlink_to_the_database_is_refused(db_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "results.pdf"
    link.symlink_to(db_path)
    with pytest.raises(OutputRefused, match="that is the database"):
        write_output(link, PDF, db_path=db_path)
    folder_link = tmp_path / "archive"
    folder_link.symlink_to(db_path.parent / "paddock.db.backups")
    with pytest.raises(OutputRefused, match="backups folder"):
        write_output(folder_link / "r1.pdf", PDF, db_path=db_path)
    assert untouched(db_path)


def test_a_hard_link_to_the_database_is_refused(db_path: Path, tmp_path: Path) -> None:
    link = tmp_path / "results.pdf"
    os.link(db_path, link)
    with pytest.raises(OutputRefused, match="that is the database"):
        check_output_file(link, db_path)
    copy = tmp_path / "old.pdf"
    os.link(db_path.parent / "paddock.db.backups" / "paddock-1-publish.db", copy)
    with pytest.raises(OutputRefused, match="a backup copy"):
        check_output_file(copy, db_path)


def test_a_database_opened_through_a_symlink_is_still_protected(db_path: Path,
                                                                tmp_path: Path) -> None:
    opened_as = tmp_path / "current.db"
    opened_as.symlink_to(db_path)
    with pytest.raises(OutputRefused):
        check_output_file(db_path.with_name("paddock.db-wal"), opened_as)
    # Backups are made beside the path the database was opened by.
    (tmp_path / "current.db.backups").mkdir()
    with pytest.raises(OutputRefused, match="backups folder"):
        check_output_file(tmp_path / "current.db.backups" / "x.pdf", opened_as)


def test_a_folder_is_refused_where_a_file_is_written(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputRefused, match="is a folder"):
        write_output(tmp_path, PDF, db_path=db_path)
    with pytest.raises(OutputRefused, match="no such folder"):
        write_output(tmp_path / "missing" / "r1.pdf", PDF, db_path=db_path)


def test_beside_the_database_is_fine(db_path: Path) -> None:
    written = write_output(db_path.with_name("paddock.db.pdf"), PDF, db_path=db_path)
    assert written.read_bytes() == PDF
    assert untouched(db_path)


def test_an_event_pack_folder_is_not_the_backups(db_path: Path, tmp_path: Path) -> None:
    backups = db_path.parent / "paddock.db.backups"
    for folder in (backups, backups / "pack", tmp_path / "data" / ".." / "data" /
                   "paddock.db.backups"):
        with pytest.raises(OutputRefused, match="backups folder"):
            check_output_folder(folder, db_path)
    with pytest.raises(OutputRefused, match="is a file"):
        check_output_folder(db_path, db_path)
    assert check_output_folder(db_path.parent, db_path) == db_path.parent


def test_a_failed_write_keeps_the_old_file_and_leaves_no_part(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r1.pdf"
    target.write_bytes(b"%PDF the copy printed yesterday")
    real_fsync = os.fsync

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output_paths.os, "fsync", full)
    with pytest.raises(OutputRefused) as refused:
        write_output(target, PDF, db_path=None)
    assert str(refused.value) == (f"{target}: could not be written (the disk is full); "
                                  "nothing was written")
    assert target.read_bytes() == b"%PDF the copy printed yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r1.pdf"]
    monkeypatch.setattr(output_paths.os, "fsync", real_fsync)
    write_output(target, PDF, db_path=None)
    assert target.read_bytes() == PDF


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "r1.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_output(target, PDF, db_path=None)
    assert target.stat().st_mode & 0o777 == 0o640
