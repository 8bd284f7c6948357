"""SQLite's own checks of a database and of its backup copies, for `paddock verify`.

Kept in the database layer because they are SQLite specifics (pragmas, read-only URIs);
the services ask these functions and get plain answers back, so `verify` runs unchanged
on PostgreSQL, where the server looks after its own pages and there are no backup files.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import text

from paddock.db.backup import backup_folder
from paddock.db.engine import APPLICATION_ID, Database

#: How many of SQLite's findings are worth printing: after that it is one broken file.
MAX_FINDINGS = 10


def integrity_problems(db: Database) -> list[str]:
    """What SQLite finds wrong with the open database: [] when all is well.

    ``PRAGMA integrity_check`` reads every page (broken pages, bad indexes) and
    ``PRAGMA foreign_key_check`` finds rows pointing at nothing, which a hand edit with
    foreign keys off can leave. PostgreSQL keeps its own pages sound: nothing to check.
    """
    if not db.is_sqlite:
        return []
    problems: list[str] = []
    with db.engine.connect() as con:
        found = [str(row[0]) for row in
                 con.execute(text(f"PRAGMA integrity_check({MAX_FINDINGS})"))]
        if found != ["ok"]:
            problems.extend(found)
        for table, rowid, parent, _fk in con.execute(text("PRAGMA foreign_key_check")).all():
            if len(problems) >= MAX_FINDINGS:
                break
            problems.append(f"{table} row {rowid} points at a missing {parent}")
    return problems


def backup_files(db: Database) -> list[Path]:
    """The backup copies kept next to a SQLite database, oldest first ([] for none)."""
    if not db.is_sqlite or db.path is None:
        return []
    folder = backup_folder(db.path)
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.db") if path.is_file())


@dataclass(frozen=True)
class StoredRevision:
    """An official revision as a file holds it: where from, its text and recorded hash."""

    year: int | None
    event: str | None  # the event's short name; None when its session is gone
    session: str | None
    session_id: int
    revision: int
    payload: str
    content_hash: str


@dataclass(frozen=True)
class BackupCheck:
    """What a backup copy is: ``problem`` None when it can be restored from."""

    problem: str | None
    revisions: tuple[StoredRevision, ...] = ()


_REVISIONS_SQL = """
    SELECT season.year, event.short_name, session.code, r.session_id, r.revision, r.payload,
           r.content_hash
    FROM classification_revision AS r
    LEFT JOIN session ON session.id = r.session_id
    LEFT JOIN event ON event.id = session.event_id
    LEFT JOIN season ON season.id = event.season_id
    ORDER BY season.year, event.number, session.sort_order, r.revision
"""


def check_backup(path: Path) -> BackupCheck:
    """Whether a backup copy could be restored from, and the official revisions it holds.

    The copy is opened read-only and immutable: nothing is written next to it (no -wal or
    -shm files) and it cannot be changed by looking at it. ``PRAGMA quick_check`` reads
    every page; the application id says it is a Paddock database, not some other file.
    Its revisions are returned so their hashes are checked too: a copy to restore from
    must hold the record as published.
    """
    # A path is not a URI: "?", "#" and "%" in a folder name would cut or change it.
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    revisions: tuple[StoredRevision, ...] = ()
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            found = [str(row[0]) for row in
                     con.execute(f"PRAGMA quick_check({MAX_FINDINGS})").fetchall()]
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            if found == ["ok"] and app_id == APPLICATION_ID:
                tables = {row[0] for row in con.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
                if "classification_revision" in tables:
                    revisions = tuple(StoredRevision(*row) for row in
                                      con.execute(_REVISIONS_SQL).fetchall())
        finally:
            con.close()
    except sqlite3.Error as exc:
        return BackupCheck(f"unreadable ({exc})")
    if found != ["ok"]:
        return BackupCheck("damaged (" + "; ".join(found) + ")")
    if app_id != APPLICATION_ID:
        return BackupCheck("not a Paddock database")
    return BackupCheck(None, revisions)
