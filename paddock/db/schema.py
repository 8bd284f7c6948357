"""Which schema a database has, and bringing it to this program's version.

The revision check is one query; Alembic is imported only when a migration has to run,
because it costs start-up time on every launch of the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from paddock.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# Every revision this program knows, oldest first; a test checks it against Alembic's.
REVISIONS: tuple[str, ...] = (
    "0001_foundation", "0002_tyres", "0003_results", "0004_grids_points",
    "0005_timing_system", "0006_decisions", "0007_session_facts", "0008_points_drop",
    "0009_seasons", "0010_demo_withdraw",
)
HEAD = REVISIONS[-1]


def current_revision(con: Connection) -> str | None:
    if not inspect(con).has_table("alembic_version"):
        return None
    row = con.execute(text("SELECT version_num FROM alembic_version")).first()
    return row[0] if row else None


def newer_message(revision: str) -> str:
    return (
        f"this database was made by a newer version of Paddock (schema {revision}); "
        f"this program knows schemas up to {HEAD}. Install the newer Paddock to open it; "
        "the file was not changed."
    )


def ensure_current(engine: Engine) -> bool:
    """Create or upgrade the schema to HEAD.

    Return:
        True when the database was empty and has been created.

    Raises:
        DatabaseError: the database was written by a newer Paddock.
    """
    with engine.connect() as con:
        revision = current_revision(con)
        has_tables = bool(inspect(con).get_table_names())
    if revision == HEAD:
        return False
    if revision is not None and revision not in REVISIONS:
        raise DatabaseError(newer_message(revision))
    if revision is None and has_tables:
        raise DatabaseError("this database is not a Paddock database (no schema version)")
    # Read again under the upgrade's lock: of two first starts on one server, only the
    # one that really created the schema says so (and fills the season).
    return upgrade(engine) is None


def alembic_config(engine: Engine | None = None,
                   connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Bring the schema to ``revision`` in ONE transaction: all the migrations, or none.

    SQLite's DDL is transactional, so a process killed between two migrations leaves the
    file at its old revision, and the next start upgrades it again from there. The
    transaction is a writer's (``BEGIN IMMEDIATE`` on Paddock's engine), so a second
    process upgrading at the same moment waits, then finds the schema current (on
    PostgreSQL an advisory lock held to the commit does the same).

    Return:
        The revision found under the lock, before upgrading (None: the database was empty).
    """
    from alembic import command

    with engine.connect() as con:
        sqlite = con.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table (copy, drop, rename); with foreign keys enforced
            # the drop of a referenced table fails. The pragma is a no-op inside a
            # transaction, so it goes to the driver before anything begins; the foreign
            # keys are checked again before the commit (env.py).
            raw = con.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            con.execution_options(paddock_writer=True)
            if not sqlite:
                # What a first start waited for must be seen once the lock is ours.
                con.execution_options(isolation_level="READ COMMITTED")
            with con.begin():
                if con.dialect.name == "postgresql":
                    con.execute(text("SELECT pg_advisory_xact_lock(1346650955)"))  # "PDCK"
                found = current_revision(con)
                command.upgrade(alembic_config(engine, con), revision)
        finally:
            if sqlite:
                # Never hand this connection (foreign keys off) back to the pool.
                con.invalidate()
    return found
