"""SQLite's own checks of a database and of its backup copies, for `paddock verify`.

Kept in the database layer because they are SQLite specifics (pragmas, read-only URIs);
the services ask these functions and get plain answers back, so `verify` runs unchanged
on PostgreSQL, where the server looks after its own pages and there are no backup files.
"""

from __future__ import annotations

import sqlite3
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


def backup_problem(path: Path) -> str | None:
    """Why a backup copy could not be restored from; None when it is sound.

    The copy is opened read-only and immutable: nothing is written next to it (no -wal or
    -shm files) and it cannot be changed by looking at it. ``PRAGMA quick_check`` reads
    every page; the application id says it is a Paddock database, not some other file.
    """
    # A path is not a URI: "?", "#" and "%" in a folder name would cut or change it.
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            found = [str(row[0]) for row in
                     con.execute(f"PRAGMA quick_check({MAX_FINDINGS})").fetchall()]
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        return f"unreadable ({exc})"
    if found != ["ok"]:
        return "damaged (" + "; ".join(found) + ")"
    if app_id != APPLICATION_ID:
        return "not a Paddock database"
    return None
