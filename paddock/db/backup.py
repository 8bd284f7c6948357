"""Copies of the database file before an official publication (SQLite backup API).

The backup API copies a consistent snapshot even while the app has the file open in WAL
mode, which a plain file copy does not.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

KEEP = 20


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def backup_sqlite(db_path: Path, label: str, *, keep: int = KEEP) -> Path:
    """Write a snapshot next to the database and keep only the newest ``keep``.

    Return:
        The snapshot's path.
    """
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-")
    target = folder / f"{db_path.stem}-{stamp}-{safe}.db"
    source = sqlite3.connect(db_path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    snapshots = sorted(folder.glob(f"{db_path.stem}-*.db"))
    for old in snapshots[:-keep]:
        old.unlink()
    return target
