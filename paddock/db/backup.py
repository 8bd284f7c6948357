"""Copies of the database file before an official publication or an upgrade.

The SQLite backup API copies a consistent snapshot even while the app has the file open
in WAL mode, which a plain file copy does not. Each copy is written under a temporary
name, checked, synced and only then renamed to its final name, so a full disk or a kill
never leaves a broken file that counts among the copies kept.

For a publish (the lead's ``results.publish``), use `backup_before`: the copy is kept only
when the publish succeeds::

    with backup_before(db.path, "sebring-R1-publish"):
        ...  # the publish's transaction; on an exception the copy is removed

or `make_backup` / `remove_backup` when the two ends are far apart.

Names are ``STEM-YYYYMMDDTHHMMSSffffffZ-LABEL.db`` in ``NAME.db.backups/``. The folder is
listed and filtered by prefix, never globbed: a file name with ``[`` or ``*`` would be a
pattern.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paddock.db import schema
from paddock.db.engine import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    SQLITE_HEADER,
    describe_failure,
    readonly_uri,
)
from paddock.errors import DatabaseError

KEEP = 20
_STAMP = re.compile(r"^(\d{8}T\d{12}Z)-(.*)\.db$")
_PARTIAL = ".partial"
PARTIAL_STALE_S = 600


@dataclass(frozen=True)
class Backup:
    """One kept copy. ``number`` 1 is the newest."""

    number: int
    path: Path
    at: datetime
    label: str
    size: int


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def _prefix(db_path: Path) -> str:
    return f"{db_path.stem}-"


def _is_whole(path: Path) -> bool:
    """A finished, non-empty SQLite file (a cheap check: the header and the size)."""
    try:
        if path.stat().st_size < 512:
            return False
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def list_backups(db_path: Path) -> list[Backup]:
    """The whole copies of ``db_path``, newest first (broken or partial ones are skipped)."""
    folder = backup_folder(db_path)
    prefix = _prefix(db_path)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found: list[tuple[str, Path, str]] = []
    for name in names:
        if not name.startswith(prefix):
            continue
        match = _STAMP.match(name[len(prefix):])
        path = folder / name
        if match and _is_whole(path):
            found.append((match.group(1), path, match.group(2)))
    found.sort(key=lambda f: f[0], reverse=True)
    backups = []
    for number, (stamp, path, label) in enumerate(found, start=1):
        at = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        backups.append(Backup(number, path, at, label, path.stat().st_size))
    return backups


def _rotate(db_path: Path, keep: int, protect: Path | None = None) -> None:
    """Keep the newest ``keep`` whole copies; remove broken ones and older copies."""
    folder = backup_folder(db_path)
    prefix = _prefix(db_path)
    now = datetime.now(UTC).timestamp()
    with suppress(OSError):
        for name in os.listdir(folder):
            path = folder / name
            if not name.startswith(prefix):
                continue
            if name.endswith(".db") and not _is_whole(path):
                with suppress(OSError):
                    path.unlink()  # an empty or cut-short copy: never one of the kept
            elif name.endswith(_PARTIAL):
                # Left by a process killed while copying (a live one takes seconds).
                with suppress(OSError):
                    if now - path.stat().st_mtime > PARTIAL_STALE_S:
                        path.unlink()
    for old in list_backups(db_path)[keep:]:
        if protect is not None and old.path == protect:
            continue
        with suppress(OSError):
            old.path.unlink()


def _copy(source: Path | str, target: Path, *, source_uri: bool = True) -> None:
    """Copy a database with the backup API into ``target`` (a single file, no journal)."""
    src = sqlite3.connect(readonly_uri(source) if source_uri else source, uri=source_uri,
                          timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dest = sqlite3.connect(target, isolation_level=None)
        try:
            src.backup(dest)
            # A copy is one file: out of WAL mode, so it needs nothing beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        src.close()
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_sqlite(db_path: Path, label: str, *, keep: int = KEEP,
                  protect: Path | None = None) -> Path:
    """Write a snapshot next to the database and keep only the newest ``keep``.

    Args:
        protect: a copy rotation must not remove (the one about to be restored).

    Return:
        The snapshot's path.

    Raises:
        DatabaseError: the copy could not be written (disk full, read-only folder); no
            partial copy is left behind.
    """
    folder = backup_folder(db_path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-.") or "backup"
    target = folder / f"{_prefix(db_path)}{stamp}-{safe}.db"
    # Two desks backing up in the same microsecond must not write one temporary file.
    partial = target.with_name(f"{target.name}.{os.getpid()}{_PARTIAL}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _copy(db_path, partial)
        if not _is_whole(partial):
            raise DatabaseError(f"the backup of {db_path} came out empty; nothing was changed")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (partial, target):
            with suppress(OSError):
                leftover.unlink()
        what = describe_failure(exc, folder) or str(exc)
        raise DatabaseError(f"the backup of the database could not be written: {what}") \
            from exc
    except BaseException:
        for leftover in (partial, target):
            with suppress(OSError):
                leftover.unlink()
        raise
    _rotate(db_path, keep, protect)
    return target


def remove_backup(path: Path | None) -> None:
    """Drop a copy that turned out not to be needed (e.g. the publish was refused)."""
    if path is not None:
        with suppress(FileNotFoundError):
            path.unlink()


@contextmanager
def backup_before(db_path: Path | None, label: str) -> Iterator[Path | None]:
    """A copy of the database, kept only when the block succeeds.

    Make the copy, run the block (the change it protects), and remove the copy when the
    block raises: a refused publish leaves no backup behind, and the 20 kept copies are all
    of changes that happened. ``db_path`` None (a server, a demo handle) makes no copy.
    """
    if db_path is None:
        yield None
        return
    copy = backup_sqlite(db_path, label)
    try:
        yield copy
    except BaseException:
        remove_backup(copy)
        raise


def check_restorable(copy: Path) -> None:
    """Refuse a copy that is not a Paddock database this program can open."""
    try:
        con = sqlite3.connect(readonly_uri(copy), uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
            ok = con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"{copy} is not a usable Paddock database ({exc})") from exc
    if app_id != APPLICATION_ID or revision is None:
        raise DatabaseError(f"{copy} is not a Paddock database; nothing was restored")
    if revision[0] not in schema.REVISIONS:
        raise DatabaseError(schema.newer_message(revision[0]))
    if ok != "ok":
        raise DatabaseError(f"{copy} is damaged ({ok}); nothing was restored")


def restore_sqlite(db_path: Path, copy: Path) -> None:
    """Write the copy over the database, in place, through SQLite (not a file copy).

    The backup API writes into the live file under its write lock, so a desk that has the
    database open sees the restored data on its next read, and the file's WAL stays
    consistent. Refused at once (not after a wait) while another process is writing.

    Raises:
        DatabaseError: another desk holds the write lock, or the disk refused.
    """
    check_restorable(copy)
    if not db_path.exists():
        _restore_missing(db_path, copy)
        return
    try:
        dest = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseError(describe_failure(exc, db_path) or str(exc)) from exc
    try:
        try:
            dest.execute("BEGIN IMMEDIATE")
            dest.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseError("another desk is writing to the database; nothing was "
                                    "restored (try again when it is done)") from exc
            raise DatabaseError(describe_failure(exc, db_path) or str(exc)) from exc
        src = sqlite3.connect(readonly_uri(copy), uri=True)
        try:
            src.backup(dest)
        except sqlite3.Error as exc:
            raise DatabaseError(
                "the database could not be restored: "
                + (describe_failure(exc, db_path) or str(exc))) from exc
        finally:
            src.close()
        # The copy is in rollback-journal mode; the database keeps WAL.
        dest.execute("PRAGMA journal_mode = WAL")
    finally:
        dest.close()


def _restore_missing(db_path: Path, copy: Path) -> None:
    """The database file is gone: put the copy in its place whole (temporary file, link)."""
    temp = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for suffix in ("-wal", "-shm", "-journal"):
        # A journal left by the lost file would be replayed onto the restored one.
        orphan = db_path.with_name(db_path.name + suffix)
        if orphan.exists():
            orphan.rename(orphan.with_name(f"{orphan.name}.orphaned-{stamp}"))
    try:
        _copy(copy, temp)
        os.link(temp, db_path)
    except FileExistsError:
        raise DatabaseError(f"{db_path} was created meanwhile; nothing was restored; "
                            "run the restore again") from None
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError("the database could not be restored: "
                            + (describe_failure(exc, db_path) or str(exc))) from exc
    finally:
        with suppress(OSError):
            temp.unlink()


# --- a server's copies (pg_dump) -------------------------------------------------------------
#
# Before an official revision is written to a PostgreSQL database, `pg_dump -Fc` keeps the
# database as it was (a consistent snapshot; the publish holds the write lock, so nothing
# else changes meanwhile). Kept in PADDOCK_SERVER_BACKUPS, else the user data folder's
# ``server-backups/HOST-PORT-NAME/``, the last KEEP of them; restore with ``pg_restore``.
# Without the client tools (or when pg_dump fails) the publish goes on and one line says
# that no copy was made.

SERVER_BACKUPS_ENV = "PADDOCK_SERVER_BACKUPS"


def pg_dump_program() -> str | None:
    import glob
    import shutil

    found = shutil.which("pg_dump")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return candidates[-1] if candidates else None


def server_backup_folder(url: Any) -> Path:
    """Where a server database's dumps are kept (``url``: its SQLAlchemy URL)."""
    base = os.environ.get(SERVER_BACKUPS_ENV)
    if base:
        root = Path(base)
    else:
        from platformdirs import user_data_path

        root = user_data_path("Paddock", appauthor=False) / "server-backups"
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{url.host or 'local'}-{url.port or 5432}-"
                                            f"{url.database or ''}")
    return root / name


def dump_server(url: Any, label: str, *, notify: Any = None) -> Path | None:
    """``pg_dump -Fc`` of the server database at ``url`` (a SQLAlchemy URL) before a change.

    Return:
        The dump, or None when none could be made (said in one line through ``notify``).
    """
    import subprocess
    import sys

    def say(line: str) -> None:
        (notify or (lambda m: print(f"paddock: {m}", file=sys.stderr)))(line)

    program = pg_dump_program()
    if program is None:
        say("no server backup before this change (pg_dump is not installed here)")
        return None
    folder = server_backup_folder(url)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safe_label = re.sub(r"[^A-Za-z0-9_.-]", "_", label)
    target = folder / f"{stamp}-{safe_label}.dump"
    partial = target.with_name(target.name + _PARTIAL)
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    libpq = url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([program, "-Fc", "-f", str(partial), "-d", libpq],
                              capture_output=True, text=True, env=env, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        say(f"no server backup before this change (pg_dump: {exc})")
        with suppress(OSError):
            partial.unlink()
        return None
    if done.returncode:
        reason = (done.stderr.strip().splitlines() or ["failed"])[-1]
        say(f"no server backup before this change (pg_dump: {reason})")
        with suppress(OSError):
            partial.unlink()
        return None
    os.replace(partial, target)
    dumps = sorted(p for p in folder.iterdir() if p.name.endswith(".dump"))
    for old in dumps[:-KEEP]:
        with suppress(OSError):
            old.unlink()
    return target
