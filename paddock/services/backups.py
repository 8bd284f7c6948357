"""The copies kept before publishes and upgrades: listing them and restoring one.

The copying itself (SQLite's backup API) lives in `paddock.db.backup`; this module names
the database the way every command does and says what happened in the desk's words.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from paddock.db import backup as store
from paddock.db.engine import Database
from paddock.errors import DatabaseError, NotFound
from paddock.services.database import resolve_target

__all__ = ["BackupView", "RestoreResult", "backup_before", "list_backups", "restore_backup"]


@dataclass(frozen=True)
class BackupView:
    """One kept copy; ``number`` 1 is the newest (the number ``restore`` takes)."""

    number: int
    at: datetime
    label: str
    size: int
    file: Path

    def to_json(self) -> dict[str, object]:
        return {"number": self.number, "time": self.at.isoformat(), "label": self.label,
                "size": self.size, "file": str(self.file)}


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    restored: BackupView
    # The database as it was just before, kept as a copy of its own (None: there was none).
    previous: Path | None


@contextmanager
def backup_before(db: Database, label: str) -> Iterator[Path | None]:
    """A copy of the database for a change about to happen; kept only if it happens.

    For a publish (and any change of the official record)::

        with backup_before(db, "sebring-R1-publish"), db.transaction() as s:
            ...  # refused (RuleViolation)? the copy is removed again

    Yields the copy's path, or None where no copy is made (a server; the demo's handle).
    """
    path = db.path if db.is_sqlite else None
    with store.backup_before(path, label) as copy:
        yield copy


def _database_file(path: Path | str | None) -> Path:
    target = resolve_target(path)
    if isinstance(target, str):
        raise DatabaseError("backups are kept for a database file; a server keeps its own")
    return target


def _view(b: store.Backup) -> BackupView:
    return BackupView(b.number, b.at, b.label, b.size, b.path)


def list_backups(path: Path | str | None = None) -> tuple[Path, list[BackupView]]:
    """The database file and its whole copies, newest first."""
    file = _database_file(path)
    return file, [_view(b) for b in store.list_backups(file)]


def restore_backup(path: Path | str | None, number: int) -> RestoreResult:
    """Put copy ``number`` back as the database, after copying the database as it is.

    The copy is written into the database through SQLite, so a desk that has it open
    reads the restored data next time it looks. Refused while another desk is writing,
    and the copy of the current state is then dropped again (nothing happened).

    Raises:
        NotFound: no copy with that number.
        DatabaseError: another desk is writing, the copy is not usable, the disk refused.
    """
    file = _database_file(path)
    if file.exists() and not file.is_file():
        raise DatabaseError(f"{file} is not a database file; nothing was restored")
    backups = store.list_backups(file)
    chosen = next((b for b in backups if b.number == number), None)
    if chosen is None:
        raise NotFound(f"there is no backup {number} of {file} "
                       f"({len(backups)} kept; see `paddock backup list`)")
    store.check_restorable(chosen.path)
    if not file.exists():
        # The database was deleted or lost: the copy simply becomes it again.
        store.restore_sqlite(file, chosen.path)
        return RestoreResult(file, _view(chosen), None)
    previous = store.backup_sqlite(file, f"before-restoring-{chosen.at:%Y%m%dT%H%M%S}",
                                   protect=chosen.path)
    try:
        store.restore_sqlite(file, chosen.path)
    except BaseException:
        store.remove_backup(previous)
        raise
    return RestoreResult(file, _view(chosen), previous)
