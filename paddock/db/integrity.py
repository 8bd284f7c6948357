"""The database engine's own checks of a database: pages, indexes, foreign keys, copies.

SQLite specifics, so they live in `paddock.db`; a server checks its own storage.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from paddock.db.backup import backup_folder, list_backups
from paddock.db.engine import Database, connect_readonly

MAX_REPORTED = 10


def database_problems(db: Database) -> list[str]:
    """What SQLite finds wrong in the file (``integrity_check``, ``foreign_key_check``)."""
    if not db.is_sqlite:
        return []
    problems: list[str] = []
    with db.engine.connect() as con:
        rows = [r[0] for r in con.execute(text("PRAGMA integrity_check")).fetchall()]
        if rows != ["ok"]:
            problems.extend(f"{db.where}: {r}" for r in rows[:MAX_REPORTED])
        broken = con.execute(text("PRAGMA foreign_key_check")).fetchall()
        problems.extend(f"{db.where}: row {r[1]} of table {r[0]} refers to a missing "
                        f"{r[2]}" for r in broken[:MAX_REPORTED])
    return problems


def backup_problems(db_path: Path) -> tuple[int, list[str]]:
    """How many kept copies read back whole, and what is wrong with the others.

    A file in the backups folder that is not a whole copy (empty, cut short) is named too:
    it is never counted as a backup, and the official should know it is there.
    """
    kept = list_backups(db_path)
    whole = {b.path for b in kept}
    problems = []
    folder = backup_folder(db_path)
    if folder.is_dir():
        prefix = f"{db_path.stem}-"
        for path in sorted(folder.iterdir()):
            if path.name.startswith(prefix) and path.name.endswith(".db") \
                    and path not in whole:
                problems.append(f"{path}: not a whole copy (empty or cut short)")
    good = 0
    for b in kept:
        try:
            con = connect_readonly(b.path)
            try:
                result = con.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error as exc:
            result = str(exc)
        if result == "ok":
            good += 1
        else:
            problems.append(f"backup {b.number} ({b.path.name}): {result}")
    return good, problems
