"""Where a document may be written, and writing it so that a failure leaves nothing behind.

`paddock report classification -o paddock.db` once overwrote the open database with a PDF
and said it had succeeded. Every place that writes a document or an export (the CLI, the
event pack, the window's Save dialogs) goes through this module, which refuses:

- the database file itself, and its ``-wal``, ``-shm`` and ``-journal`` companions;
- anything inside its ``.backups`` folder (the copies to restore from);
- a folder, where a single file is to be written.

Paths are compared resolved (symlinks, ``..``) and, for files that exist, by identity
(`os.path.samefile`: hard links, case-insensitive file systems, bind mounts).

Writing goes to a temporary file in the same folder, then `os.replace`: a full disk or a
crash never leaves half a PDF under the document's name, and an existing copy stays
whole until the new one is complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from paddock.db.backup import backup_folder
from paddock.errors import PaddockError

#: The files SQLite keeps beside a database while it is open (WAL mode, or rollback).
COMPANIONS = ("", "-wal", "-shm", "-journal")


class OutputRefused(PaddockError):
    """A document cannot be written where asked; nothing was written."""


def _database_files(db_path: Path) -> Iterator[tuple[Path, str]]:
    """The database's own files, as given and resolved, with what each is called."""
    for base in dict.fromkeys((db_path.absolute(), db_path.resolve())):
        for suffix in COMPANIONS:
            what = "the database" if not suffix else f"the database's {suffix[1:]} file"
            yield base.with_name(base.name + suffix), what


def _backup_folders(db_path: Path) -> list[Path]:
    # Backups go next to the path as given (not resolved): both, when they differ.
    return list(dict.fromkeys((backup_folder(db_path.absolute()),
                               backup_folder(db_path.resolve()))))


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (or cannot be looked at): not the same
        return False


def _inside_backups(path: Path, db_path: Path) -> bool:
    """Whether ``path`` is a backups folder of the database, or anything under one."""
    resolved = path.resolve()
    for folder in _backup_folders(db_path):
        real = folder.resolve()
        if resolved == real or real in resolved.parents:
            return True
        if folder.is_dir() and any(_same(up, folder) for up in (resolved, *resolved.parents)
                                   if up.exists()):
            return True
    return False


def _refuse_database_files(target: Path, db_path: Path | None) -> None:
    if db_path is None:
        return
    resolved = target.resolve()
    exists = target.exists()
    for path, what in _database_files(db_path):
        if resolved == path.resolve() or (exists and _same(target, path)):
            raise OutputRefused(f"{target}: that is {what} ({db_path}); choose another file "
                                "(nothing was written)")
    if _inside_backups(target, db_path):
        raise OutputRefused(f"{target}: that is inside the database's backups folder; "
                            "choose another place (nothing was written)")
    if exists and target.is_file() and target.stat().st_nlink > 1:
        # A hard link to a backup copy from somewhere else: replacing it would be harmless
        # (os.replace makes a new file), but the official asked to write over a backup.
        for folder in _backup_folders(db_path):
            if folder.is_dir() and any(_same(target, copy) for copy in folder.iterdir()):
                raise OutputRefused(f"{target}: that is a backup copy of the database; "
                                    "choose another file (nothing was written)")


def check_output_file(target: Path | str, db_path: Path | None) -> Path:
    """Refuse a place a single document must not be written to; return it as a `Path`.

    Args:
        db_path: the open database's file; None (a server database) checks only the
            place itself.

    Raises:
        OutputRefused: a folder, a missing folder, the database or one of its files.
    """
    path = Path(target).expanduser()
    if path.is_dir():
        raise OutputRefused(f"{path}: is a folder; give the name of the file to write")
    if not path.parent.is_dir():
        raise OutputRefused(f"{path.parent}: no such folder for the output file")
    _refuse_database_files(path, db_path)
    return path


def check_output_folder(folder: Path | str, db_path: Path | None) -> Path:
    """Refuse a folder that documents (an event pack) must not be written into.

    The folder may be the database's own: the files written into it are each checked
    with `check_output_file` as they are written.

    Raises:
        OutputRefused: a file, a folder whose parent is missing, or the backups folder.
    """
    path = Path(folder).expanduser()
    if path.exists() and not path.is_dir():
        raise OutputRefused(f"{path}: is a file, not a folder")
    if not path.exists() and not path.parent.is_dir():
        raise OutputRefused(f"{path.parent}: no such folder for the documents")
    if db_path is not None and _inside_backups(path, db_path):
        raise OutputRefused(f"{path}: that is the database's backups folder; choose another "
                            "place (nothing was written)")
    return path


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "not allowed to write there"
    return exc.strerror or str(exc)


def write_output(target: Path | str, data: bytes, *, db_path: Path | None) -> Path:
    """Write a document's bytes at ``target``, whole or not at all.

    Checks the place first (`check_output_file`), writes a temporary file beside it,
    flushes it to the disk, then puts it in place in one step. An existing file keeps its
    permissions.

    Return:
        The path written.

    Raises:
        OutputRefused: a place refused, or the write failed (the disk full, no
            permission); the temporary file is removed and an existing file is untouched.
    """
    path = check_output_file(target, db_path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if path.exists():
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise OutputRefused(f"{path}: could not be written ({_reason(exc)}); nothing was "
                            "written") from exc
    return path
