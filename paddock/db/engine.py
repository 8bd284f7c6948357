"""The engine, the unit of work, and opening a database file safely.

SQLite specifics (pragmas, application id, the file checks, the locking) live here and
nowhere else, so the same services run on PostgreSQL when the paddock gets a server.

Three things this module guarantees, because a timing office runs several desks on one
file and a laptop can lose power at any moment:

- A writer takes the write lock when its unit of work *begins* (SQLite ``BEGIN
  IMMEDIATE``; PostgreSQL: a transaction-level advisory lock that every writer takes as
  its first statement, in READ COMMITTED so what it reads after the lock is what the
  previous writer committed), so a "may I?" check made inside the unit of work still
  holds when the change is written: two tyre desks cannot both take the last set of a
  quota. Writers run one after the other on both engines, the same semantics; readers
  read one snapshot and never wait.
- A file path is taken literally: ``#`` and ``?`` are characters of a file name here, never
  URI syntax (the connection is made by ``sqlite3.connect(path, uri=False)``).
- The environment's failures (locked, disk full, read-only) become a `DatabaseError` with
  one line for the official; a bug stays a traceback.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from paddock.db import schema
from paddock.errors import DatabaseError

# "PDCK": marks a SQLite file as Paddock's, so a stranger's database is refused, not migrated.
APPLICATION_ID = 0x5044434B
BUSY_TIMEOUT_MS = 5000
# The key of the advisory lock a writer holds on a server ("PDCKW"); the schema upgrade has
# its own (schema.py).
SERVER_WRITE_LOCK = 0x5044434B57
# Execution option that marks a unit of work as a writer (it takes the write lock at BEGIN).
WRITER = "paddock_writer"
SQLITE_HEADER = b"SQLite format 3\x00"
# What every write transaction on a server notifies (watched by paddock.db.changes).
CHANGES_CHANNEL = "paddock_changes"

Notify = Callable[[str], None]
T = TypeVar("T")


def _stderr(message: str) -> None:
    print(f"paddock: {message}", file=sys.stderr)


# --- errors ----------------------------------------------------------------------------------


def describe_failure(exc: BaseException, where: object = "the database") -> str | None:
    """One line for the official when ``exc`` is the environment's fault, else None (a bug).

    Args:
        exc: a DBAPI error (``sqlite3``/``psycopg``), possibly wrapped by SQLAlchemy, or
            an OSError from writing a file.
        where: the file (or server) to name in the message.
    """
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(orig).lower()
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(orig, OSError):
        if orig.errno == errno.ENOSPC:
            return f"the disk holding {where} is full; nothing was written (free some space)"
        if orig.errno == errno.EROFS:
            return f"{where} is on a read-only disk; nothing was written"
        return f"{where}: {orig.strerror or orig}; nothing was written"
    if isinstance(exc, IntegrityError) or isinstance(orig, sqlite3.IntegrityError):
        if "foreign key" in text:
            return (f"the change refers to a record another desk removed, or removes one "
                    f"still in use ({orig}); nothing was written")
        return (f"the change conflicts with a record saved meanwhile ({orig}); nothing was "
                "written, try again")
    if sqlstate == "55P03" or "lock timeout" in text:
        return "another desk is writing; try again (nothing was written)"
    if sqlstate in ("40001", "40P01") or "could not serialize" in text or "deadlock" in text:
        return "another desk changed the same data at the same moment; nothing was written, " \
               "try again"
    if "locked" in text or "busy" in text:
        return "another desk is writing; try again (nothing was written)"
    if "disk is full" in text or "database or disk is full" in text:
        return f"the disk holding {where} is full; nothing was written (free some space)"
    if "readonly" in text or "read-only" in text:
        return f"{where} is read-only; nothing was written"
    if "disk i/o error" in text:
        if _disk_full(where):
            return f"the disk holding {where} is full; nothing was written (free some space)"
        return f"{where} cannot be read or written (disk I/O error); nothing was written"
    if "unable to open" in text:
        return f"{where} cannot be opened ({orig})"
    if "file is not a database" in text or "malformed" in text:
        return f"{where} is damaged or not a Paddock database ({orig})"
    if isinstance(exc, OperationalError) or isinstance(orig, sqlite3.OperationalError):
        return f"{where} refused the change ({orig}); nothing was written"
    return None


def _disk_full(where: object) -> bool:
    """Whether the disk holding ``where`` (a file path) has (almost) no space left.

    SQLite reports a failed write of its shared-memory file as a plain I/O error; the
    desk should hear that the disk is full, which is what they can fix.
    """
    import shutil

    folder = Path(str(where)).parent
    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except (OSError, ValueError):
        return False


class ConflictError(DatabaseError):
    """Another desk changed the same data at the same moment (a server's serialization
    failure); running the unit of work again is safe and usually succeeds."""


def _is_conflict(exc: BaseException) -> bool:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    return (getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)) in (
        "40001", "40P01")


@contextmanager
def environment_errors(where: object) -> Iterator[None]:
    """Turn the environment's database failures inside the block into a `DatabaseError`."""
    try:
        yield
    except (OperationalError, IntegrityError, DBAPIError, sqlite3.OperationalError,
            sqlite3.IntegrityError, sqlite3.DatabaseError) as exc:
        message = describe_failure(exc, where)
        if message is None:
            raise
        raise (ConflictError if _is_conflict(exc) else DatabaseError)(message) from exc


# --- the engine ------------------------------------------------------------------------------


def _sqlite_file_of(url: str) -> str:
    """The file of a ``sqlite:///PATH`` URL, literally (no query string, no fragment)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        raise DatabaseError(f"not a SQLite URL: {url}")
    return url[len(prefix):]


def readonly_uri(path: Path | str, *, immutable: bool = False) -> str:
    """A ``file:`` URI that opens ``path`` read-only, every special character quoted."""
    return "file:" + quote(os.path.abspath(path)) + "?mode=ro" + (
        "&immutable=1" if immutable else "")


def connect_readonly(path: Path | str, **kwargs: Any) -> sqlite3.Connection:
    """A read-only connection that works even on a WAL file in a folder we cannot write.

    Reading a WAL database needs its ``-shm`` file; when that cannot be created (a
    read-only share, a write-protected USB stick), SQLite can still read the file as
    ``immutable``, which is what a file nobody may write is.
    """
    con = sqlite3.connect(readonly_uri(path), uri=True, **kwargs)
    try:
        con.execute("PRAGMA schema_version").fetchone()
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        if not any(m in str(exc) for m in ("readonly", "unable to open", "disk I/O")):
            raise
    return sqlite3.connect(readonly_uri(path, immutable=True), uri=True, **kwargs)


class Database:
    """One database: its engine and units of work.

    Args:
        url: an SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://...``). For
            SQLite the path after ``sqlite:///`` is taken literally.
        path: the file, for SQLite; shown to the user and used for backups. None for a
            handle without backups (the demo writer) or a server.
        read_only: open the SQLite file read-only (a file the user may not write).
    """

    def __init__(self, url: str, path: Path | None = None, *, read_only: bool = False) -> None:
        self.url = url
        self.path = path
        self.read_only = read_only
        #: Called (on the writing thread) with each `DatabaseError` a unit of work raised:
        #: a window asks at once whether the database can still be reached.
        self.failure_listeners: list[Callable[[DatabaseError], None]] = []
        if url.startswith("sqlite"):
            file = str(path) if path is not None else _sqlite_file_of(url)
            self.file: str | None = file

            def connect() -> sqlite3.Connection:
                # uri=False: '#' and '?' are part of the file name, not URI syntax.
                options: dict[str, Any] = {
                    "timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False,
                    "isolation_level": None}
                if read_only:
                    return connect_readonly(file, **options)
                return sqlite3.connect(file, uri=False, **options)

            self.engine: Engine = create_engine("sqlite://", creator=connect,
                                                poolclass=QueuePool)
            event.listen(self.engine, "connect", _sqlite_on_connect)
            event.listen(self.engine, "begin", _sqlite_begin)
            self._writer = self.engine.execution_options(**{WRITER: True})
        else:
            self.file = None
            # Readers: one snapshot per unit of work, as on SQLite (a read-only REPEATABLE
            # READ transaction never fails to serialize).
            self.engine = create_engine(url, isolation_level="REPEATABLE READ")
            event.listen(self.engine, "begin", _server_begin)
            # Writers: READ COMMITTED after the write lock taken at BEGIN (see
            # _server_begin), so each one sees every change committed before it.
            self._writer = self.engine.execution_options(
                isolation_level="READ COMMITTED", **{WRITER: True})

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def location(self) -> Path | str:
        """What `open_database` takes to open this database again (a worker's own
        connection): the file, or the server's URL (with its password)."""
        return self.path if self.path is not None else self.url

    @property
    def where(self) -> str:
        """The database as named to the user: the file, or the server without password."""
        if self.path is not None:
            return str(self.path)
        if self.file is not None:
            return self.file
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case's unit of work: commit at the end, roll back on any error.

        The write lock is taken at the start (SQLite ``BEGIN IMMEDIATE``), so whatever the
        block reads to decide ("is the quota left?", "is this barcode free?") cannot be
        changed by another desk before the block's writes are committed. A lock that does
        not clear within the busy timeout, a full disk or a read-only file raise
        `DatabaseError` with one line; nothing is written.
        """
        if self.read_only:
            raise DatabaseError(f"{self.where} is read-only; nothing was written")
        dumps: list[Path] = []
        try:
            with environment_errors(self.where), \
                    Session(self._writer, expire_on_commit=False) as session, session.begin():
                if not self.is_sqlite:
                    event.listen(session, "before_flush",
                                 lambda s, _ctx, _objs: self._dump_before_publish(s, dumps))
                yield session
                if not self.is_sqlite:
                    # Desks watching the server hear of the change when it commits (see
                    # paddock.db.changes); a rollback sends nothing.
                    session.connection().exec_driver_sql(f"NOTIFY {CHANGES_CHANNEL}")
        except BaseException as exc:
            # Backups are for changes that happened.
            for dump in dumps:
                with suppress(OSError):
                    dump.unlink()
            if isinstance(exc, DatabaseError):
                for listener in list(self.failure_listeners):
                    with suppress(Exception):
                        listener(exc)
            raise

    def _dump_before_publish(self, session: Session, dumps: list[Path]) -> None:
        """On a server, keep a ``pg_dump`` of the database before an official revision is
        written (the SQLite file is copied by the publish itself): once per unit of work."""
        if dumps:
            return
        from paddock.db.models import Event, PublishedRevision, RaceSession

        revisions = [o for o in session.new if isinstance(o, PublishedRevision)]
        if not revisions:
            return
        label = "publish"
        with suppress(Exception), session.no_autoflush:
            race = session.get(RaceSession, revisions[0].session_id)
            event_row = session.get(Event, race.event_id) if race is not None else None
            if race is not None and event_row is not None:
                label = f"{event_row.short_name}-{race.code}-publish"
        from paddock.db.backup import dump_server

        dump = dump_server(self.engine.url, label)
        if dump is not None:
            dumps.append(dump)

    def write(self, work: Callable[[Session], T], *, attempts: int = 3) -> T:
        """Run ``work`` in a unit of work, again when a server reports a conflict.

        The write lock taken at BEGIN (both engines) leaves no conflict between two
        Paddock desks; a server may still report one (a deadlock with another program, a
        unique key written meanwhile by a tool outside Paddock): the unit of work is then
        rolled back whole and ``work`` runs again on the new state. ``work`` must do
        nothing but database work (it may run more than once).
        """
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction() as session:
                    return work(session)
            except ConflictError:
                if attempt == attempts:
                    raise
        raise AssertionError("unreachable")

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only look at one consistent snapshot; nothing is committed."""
        with environment_errors(self.where), Session(self.engine) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy's documented recipe for real SQLite transactions: the driver emits no
    # BEGIN (and no COMMIT before DDL) of its own; the "begin" listener below does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # Writers lock at once and wait (busy timeout) for another desk's write to finish;
    # readers read a snapshot and never block a writer (WAL).
    if conn.get_execution_options().get(WRITER, False):
        _begin_immediate(conn.connection.dbapi_connection)
    else:
        conn.exec_driver_sql("BEGIN")


#: How long a writer waiting for the lock sleeps between two tries, at most (seconds).
LOCK_POLL_S = 0.002


def _begin_immediate(raw: Any) -> None:
    """``BEGIN IMMEDIATE``, waiting up to the busy timeout for the write lock, fairly.

    SQLite's own wait (``busy_timeout``) backs off to a try every 100 ms: with four desks
    writing all the time, a desk that has waited a while tries 50 times less often than
    one that just came, and can still be waiting after 5 s while the others wrote a
    hundred times (measured: 2 refusals in 1,200 scans from 8 desks). Trying again every
    1-2 ms keeps every waiting desk in the running: the lock goes to one of them at random.
    """
    import random
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() >= deadline:
                    raise
            time.sleep(random.uniform(LOCK_POLL_S / 2, LOCK_POLL_S))
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _server_begin(conn: Connection) -> None:
    # A writer waits (up to the busy timeout, like SQLite's) for the desk writing now to
    # commit, then reads the committed state: writers are serial, as on one SQLite file.
    # Taken in READ COMMITTED, so the lock's wait is not hidden behind an older snapshot.
    if conn.get_execution_options().get(WRITER, False):
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_MS}ms'")
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SERVER_WRITE_LOCK})")


def sqlite_url(path: Path) -> str:
    """A URL for display and for `Database`; the path after ``sqlite:///`` is literal."""
    return f"sqlite:///{path}"


# --- files -----------------------------------------------------------------------------------


def _regular_file_problem(path: Path) -> str | None:
    """Why ``path`` (which exists) cannot be a database file, or None."""
    try:
        info = path.stat()
    except OSError as exc:
        return f"{path} cannot be read ({exc.strerror})"
    if stat.S_ISDIR(info.st_mode):
        return f"{path} is a folder, not a database file"
    if not stat.S_ISREG(info.st_mode):
        return f"{path} is not a regular file (a pipe or a device?); not a Paddock database"
    if info.st_size == 0:
        return (f"{path} is empty: it is not a Paddock database. Use `paddock init --force` "
                "to make a new database there, or remove the file")
    if not os.access(path, os.R_OK):
        return f"{path} cannot be read (permission denied)"
    return None


def _writable(path: Path) -> bool:
    """Whether we may write the file and its journal beside it.

    The journal (``-wal``/``-shm``, or ``-journal``) is created in the folder; a folder we
    may not write still works when the WAL files are already there and writable.
    """
    if not os.access(path, os.W_OK):
        return False
    folder = path.parent if str(path.parent) else Path(".")
    if os.access(folder, os.W_OK | os.X_OK):
        return True
    wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
    return all(p.exists() and os.access(p, os.W_OK) for p in (wal, shm))


def _inspect_sqlite_file(path: Path) -> tuple[str | None, str | None]:
    """What the file is: (why it is refused or None, its schema revision).

    Uses the standard library, read-only, so a wrong file is refused before anything
    writes to it.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        return f"{path} cannot be read ({exc.strerror})", None
    if header != SQLITE_HEADER:
        return f"{path} is not a Paddock database (not a SQLite file)", None
    try:
        con = connect_readonly(path, timeout=BUSY_TIMEOUT_MS / 1000)
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
        if "not a database" in str(exc) or "malformed" in str(exc):
            return f"{path} is not a Paddock database ({exc})", None
        return describe_failure(exc, path) or f"{path} cannot be read ({exc})", None
    if app_id == APPLICATION_ID:
        if revision is not None and revision not in schema.REVISIONS:
            return schema.newer_message(revision), revision
        if revision is None:
            return (f"{path} is an unfinished Paddock database (no schema); remove it or "
                    "use `paddock init --force`"), None
        return None, revision
    if app_id == 0 and not tables:
        return (f"{path} is an empty SQLite file, not a Paddock database; use "
                "`paddock init --force` to make one there, or remove it"), None
    return f"{path} is not a Paddock database (it holds tables of another program)", None


def open_sqlite(path: Path, *, create: bool = True,
                notify: Notify = _stderr) -> tuple[Database, bool]:
    """Open (and create or upgrade) a SQLite database file.

    A missing file is created with the schema (see `building_sqlite`) when ``create``.

    Return:
        The database and whether it was created now.
    """
    path = path.expanduser()
    created = False
    if not path.exists():
        if not create:
            raise DatabaseError(f"no database at {path}: run `paddock init` to create one")
        try:
            with building_sqlite(path):
                pass
            created = True
        except AlreadyExists:
            pass
    return open_existing_sqlite(path, notify=notify), created


def open_existing_sqlite(path: Path, *, notify: Notify = _stderr) -> Database:
    """Open an existing Paddock database file, upgrading its schema when it is older.

    A file we may not write is opened read-only (reading commands work; a change is
    refused with a message). An upgrade is announced through ``notify``, preceded by a
    backup, and runs as one transaction: killed part-way, the file keeps its old schema.

    Raises:
        DatabaseError: no such file, not a regular file, empty, not Paddock's, newer than
            this program, read-only and needing an upgrade, or locked; the file is left
            as it was.
    """
    path = path.expanduser()
    if not path.exists():
        raise DatabaseError(f"no database at {path}: run `paddock init` to create one")
    problem = _regular_file_problem(path)
    if problem is None:
        problem, revision = _inspect_sqlite_file(path)
    if problem:
        raise DatabaseError(problem)
    writable = _writable(path)
    if revision != schema.HEAD:
        if not writable:
            raise DatabaseError(
                f"{path} needs upgrading from schema {revision} to {schema.HEAD}, but it is "
                "read-only; make it writable (or copy it somewhere writable) and open it again")
        _upgrade_file(path, str(revision), notify)
    db = Database(sqlite_url(path), path, read_only=not writable)
    if writable:
        try:
            with environment_errors(path), db.engine.connect() as con:
                raw = con.connection.driver_connection
                assert raw is not None
                if raw.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    raw.execute("PRAGMA journal_mode = WAL")
        except DatabaseError:
            db.close()
            raise
    return db


def _upgrade_file(path: Path, revision: str, notify: Notify) -> None:
    from paddock.db.backup import backup_sqlite

    copy = backup_sqlite(path, f"before-upgrade-from-{revision}")
    notify(f"upgrading the database from schema {revision} to {schema.HEAD}; "
           f"a copy is at {copy}")
    db = Database(sqlite_url(path), path)
    try:
        with environment_errors(path):
            schema.upgrade(db.engine)
    finally:
        db.close()


# --- creating a new file ---------------------------------------------------------------------


class AlreadyExists(DatabaseError):
    """Another process created the database while this one was building it."""


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def _remove_stale_builds(path: Path) -> None:
    """Remove the half-built files a killed first start left beside ``path``."""
    prefix = f".{path.name}.building-"
    with suppress(OSError):
        for name in os.listdir(path.parent if str(path.parent) else "."):
            if not name.startswith(prefix):
                continue
            pid = name[len(prefix):].split("-", 1)[0]
            if pid.isdigit() and not _pid_alive(int(pid)):
                with suppress(OSError):
                    (path.parent / name).unlink()


@contextmanager
def building_sqlite(path: Path, *, replace: bool = False,
                    keep_old: Callable[[Path], Path] | None = None) -> Iterator[Database]:
    """A new database built beside ``path``, put in place only when the block succeeds.

    The schema is created in a temporary file next to the target; the block fills it
    (the season, the demo field...). Only then is it moved to ``path`` in one atomic
    step, so a first start killed part-way leaves nothing a later start would refuse, and
    two first starts at once cannot both write one file: the second finds the first's
    database and raises `AlreadyExists` (its own copy is discarded).

    Args:
        replace: put the new file in place even if ``path`` exists (``init --force``);
            ``keep_old`` first keeps the old file under another name (see `keep_aside`)
            and returns it; the new file then replaces the old in one step.

    Raises:
        AlreadyExists: ``path`` appeared meanwhile (and ``replace`` is False).
        DatabaseError: the folder cannot be written, or the disk is full.
    """
    path = path.expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create the folder {path.parent} ({exc.strerror})") \
            from exc
    _remove_stale_builds(path)
    temp = path.with_name(f".{path.name}.building-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    db = Database(sqlite_url(temp), temp)
    try:
        with environment_errors(path):
            with db.engine.connect() as con:
                raw = con.connection.driver_connection
                assert raw is not None
                raw.execute("PRAGMA journal_mode = WAL")
                raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            schema.upgrade(db.engine)
        yield db
        db.close()
        with environment_errors(path):
            # One self-contained file (no -wal beside it) before it moves into place.
            plain = sqlite3.connect(temp, isolation_level=None)
            try:
                plain.execute("PRAGMA journal_mode = DELETE")
            finally:
                plain.close()
            fd = os.open(temp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _move_into_place(temp, path, replace=replace, keep_old=keep_old)
    except BaseException:
        db.close()
        for leftover in (temp, *_sidecars(temp)):
            with suppress(OSError):
                leftover.unlink()
        raise


def checkpoint(path: Path) -> None:
    """Fold the file's write-ahead log into it, when it is a SQLite file we can write."""
    with suppress(sqlite3.Error, OSError):
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()


def keep_aside(old: Path, aside: Path) -> Path:
    """Keep the file at ``old`` also as ``aside`` (before a new file replaces ``old``).

    The write-ahead log is folded in first, so the copy aside is whole by itself; a log
    that cannot be folded (another desk is writing) refuses the replacement, because
    that log would otherwise be replayed onto the new file. A hard link keeps the very
    same file; where links are not possible, a copy.
    """
    import shutil

    checkpoint(old)
    wal = old.with_name(old.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise DatabaseError(f"{old} is in use by another Paddock (its journal cannot be "
                            "folded in); close it and try again; nothing was changed")
    try:
        os.link(old, aside)
    except OSError:
        shutil.copy2(old, aside)
    return aside


def _move_into_place(temp: Path, path: Path, *, replace: bool,
                     keep_old: Callable[[Path], Path] | None) -> None:
    try:
        if replace:
            if path.exists() and keep_old is not None:
                keep_old(path)
            os.replace(temp, path)
            return
        try:
            # link() never overwrites: of two first starts, exactly one puts its file there.
            os.link(temp, path)
        except FileExistsError:
            raise AlreadyExists(f"{path} was created meanwhile by another Paddock") from None
        except OSError:
            # A file system without hard links (FAT on a USB stick): check, then rename.
            if path.exists():
                raise AlreadyExists(f"{path} was created meanwhile by another Paddock") \
                    from None
            os.rename(temp, path)
            return
        temp.unlink()
    except OSError as exc:
        raise DatabaseError(describe_failure(exc, path) or str(exc)) from exc
