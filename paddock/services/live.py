"""Live desks: whether another desk changed the database since the window last looked.

The UI asks a `ChangeWatcher` from here (it may not import `paddock.db`); how the change
is noticed (SQLite's ``data_version``, PostgreSQL's ``LISTEN``) is the database layer's.
"""

from __future__ import annotations

from paddock.db.changes import ChangeWatcher
from paddock.db.engine import Database

__all__ = ["ChangeWatcher", "watch_changes"]


def watch_changes(db: Database) -> ChangeWatcher:
    """A watcher of ``db`` on a connection of its own; ``changed()`` raises
    `DatabaseError` while the database cannot be reached, and reconnects when asked again."""
    return ChangeWatcher(db)
