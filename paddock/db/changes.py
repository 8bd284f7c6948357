"""Noticing that another desk changed the database.

A window shows what other desks (another window, a CLI, a tyre desk on the server) wrote,
without a click. `ChangeWatcher.changed()` answers "has anyone committed since I last
asked?" cheaply enough to be asked twice a second (the window asks from a thread of its
own, one question at a time, so a server that has gone away never stalls it):

- SQLite: ``PRAGMA data_version`` on a connection of the watcher's own. SQLite changes
  the value whenever *another* connection commits to the file (any process), so the
  watcher's connection must never write.
- PostgreSQL: ``LISTEN paddock_changes`` on a connection of the watcher's own;
  `Database.transaction` sends ``NOTIFY paddock_changes`` in every write transaction
  (delivered at its commit, never on a rollback). Asking runs ``SELECT 1``, which hands
  over the notifications received meanwhile.

Every commit counts, this desk's own too: a page then reloads once more than it needed,
never once less.

When the database cannot be reached the watcher raises `DatabaseError` and drops its
connection; the next question opens a new one (and reports "changed", since what
happened meanwhile is unknown).
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from typing import Any

from paddock.db.engine import BUSY_TIMEOUT_MS, CHANGES_CHANNEL, Database, connect_readonly
from paddock.errors import DatabaseError

#: The channel every write transaction on a server notifies.
CHANNEL = CHANGES_CHANNEL


class ChangeWatcher:
    """Answers whether the database changed since the last question.

    Args:
        db: the database to watch; the watcher opens a connection of its own.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._con: Any = None
        self._last: int | None = None
        self._pending = False

    def changed(self) -> bool:
        """Whether anyone committed since the last call (the first call: False).

        Raises:
            DatabaseError: the database cannot be reached now; ask again later.
        """
        fresh = self._con is None
        try:
            if self._db.is_sqlite:
                return self._sqlite_changed(fresh)
            return self._server_changed(fresh)
        except (sqlite3.Error, OSError) as exc:
            self._drop()
            raise DatabaseError(f"{self._db.where} cannot be read ({exc})") from exc
        except Exception as exc:
            # psycopg's errors (the server went away) without importing psycopg here.
            if type(exc).__module__.split(".")[0] != "psycopg":
                raise
            self._drop()
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DatabaseError(f"the database server {self._db.where} cannot be reached "
                                f"({reason})") from exc

    def _sqlite_changed(self, fresh: bool) -> bool:
        if fresh:
            file = self._db.file
            assert file is not None
            self._con = connect_readonly(file, timeout=BUSY_TIMEOUT_MS / 1000,
                                         check_same_thread=False)
        version = int(self._con.execute("PRAGMA data_version").fetchone()[0])
        # The value is the connection's own: a new connection (after the file could not
        # be read) starts a new count, and what happened meanwhile is unknown.
        changed = self._last is not None and (fresh or version != self._last)
        self._last = version
        return changed

    def _server_changed(self, fresh: bool) -> bool:
        if self._con is None:
            import psycopg

            url = self._db.engine.url.set(drivername="postgresql")
            # A server that went away must fail fast, not after the network's own
            # timeouts (minutes for a pulled cable): the window says so at once.
            self._con = psycopg.connect(url.render_as_string(hide_password=False),
                                        autocommit=True, connect_timeout=2,
                                        tcp_user_timeout=2000, keepalives=1,
                                        keepalives_idle=5, keepalives_interval=2,
                                        keepalives_count=2)
            self._con.add_notify_handler(self._notified)
            self._con.execute(f"LISTEN {CHANNEL}")
        # Any round trip delivers the notifications that arrived meanwhile.
        self._con.execute("SELECT 1")
        changed = self._pending or (fresh and self._last is not None)
        self._pending = False
        self._last = 1
        return changed

    def _notified(self, _notify: Any) -> None:
        self._pending = True

    def _drop(self) -> None:
        if self._con is not None:
            with suppress(Exception):
                self._con.close()
        self._con = None

    def close(self) -> None:
        """Close the watcher's connection."""
        self._drop()
