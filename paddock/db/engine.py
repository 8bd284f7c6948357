"""The engine, the unit of work, and opening a database file safely.

SQLite specifics (pragmas, application id, the file checks) live here and nowhere else,
so the same services run on PostgreSQL when the paddock gets a server.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlmodel import Session

from paddock.db import schema
from paddock.errors import DatabaseError

# "PDCK": marks a SQLite file as Paddock's, so a stranger's database is refused, not migrated.
APPLICATION_ID = 0x5044434B
BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.close()


class Database:
    """One database: its engine and units of work.

    Args:
        url: an SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://...``).
        path: the file, for SQLite; shown to the user and used for backups.
    """

    def __init__(self, url: str, path: Path | None = None) -> None:
        self.url = url
        self.path = path
        self.engine: Engine = create_engine(url)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case's unit of work: commit at the end, roll back on any error."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only look; nothing is committed."""
        with Session(self.engine) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _inspect_sqlite_file(path: Path) -> str | None:
    """Say what the file is: None for a usable Paddock (or empty) file, else why not.

    Uses the standard library so a wrong file is refused before anything writes to it.
    """
    if path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return f"{path} is not a Paddock database ({exc})"
    if app_id == APPLICATION_ID:
        if revision is not None and revision not in schema.REVISIONS:
            return schema.newer_message(revision)
        return None
    if app_id == 0 and not tables:
        return None
    return f"{path} is not a Paddock database (it holds tables of another program)"


def open_sqlite(path: Path, *, create: bool = True) -> tuple[Database, bool]:
    """Open (and create or migrate) a SQLite database file.

    Return:
        The database and whether it was created now.

    Raises:
        DatabaseError: the file is not Paddock's, is newer than this program, or cannot be
            opened; the file is left as it was.
    """
    path = path.expanduser()
    existed = path.exists()
    if not existed and not create:
        raise DatabaseError(f"no database at {path}: run `paddock init` to create one")
    if existed:
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file")
        problem = _inspect_sqlite_file(path)
        if problem:
            raise DatabaseError(problem)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite_url(path), path)
    try:
        with db.engine.begin() as con:
            con.execute(text("PRAGMA journal_mode = WAL"))
            con.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        created = schema.ensure_current(db.engine)
    except SQLAlchemyDatabaseError as exc:
        db.close()
        raise DatabaseError(f"{path} cannot be used: {exc.orig}") from exc
    except DatabaseError:
        db.close()
        raise
    return db, created or not existed
