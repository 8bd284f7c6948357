"""Which schema a database has, and bringing it to this program's version.

The revision check is one query; Alembic is imported only when a migration has to run,
because it costs start-up time on every launch of the app.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from paddock.errors import DatabaseError

MIGRATIONS = Path(__file__).with_name("migrations")
# Every revision this program knows, oldest first; a test checks it against Alembic's.
REVISIONS: tuple[str, ...] = (
    "0001_foundation", "0002_tyres", "0003_results", "0004_grids_points",
    "0005_timing_system", "0006_session_facts",
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
    upgrade(engine)
    return revision is None


def alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
