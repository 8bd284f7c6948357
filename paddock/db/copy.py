"""The SQL of copying a whole Paddock database to another (SQLite ⇄ PostgreSQL).

Tables go in dependency order (a row's parents first) through the application's own
column types, so timestamps, booleans and the stored revision texts arrive as they left;
a server's id sequences are set past the copied ids afterwards. Used by
`paddock.services.copy`, which chooses the databases and checks the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Table, func, inspect, select, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from paddock.db import models  # noqa: F401  (registers every table)
from paddock.db.engine import Database
from paddock.errors import DatabaseError

BATCH = 1000


def tables() -> list[Table]:
    """Every table of the schema, parents before the tables that refer to them."""
    return list(SQLModel.metadata.sorted_tables)


def check_schema(con: Connection, where: str) -> None:
    """Refuse a database whose tables are not exactly this program's (a copy would lose
    columns or fail half-way)."""
    found = inspect(con)
    names = set(found.get_table_names()) - {"alembic_version"}
    expected = {t.name for t in tables()}
    if names != expected:
        raise DatabaseError(f"{where} does not have this Paddock's tables (missing: "
                            f"{sorted(expected - names) or 'none'}, unknown: "
                            f"{sorted(names - expected) or 'none'}); nothing was copied")
    for table in tables():
        columns = {c["name"] for c in found.get_columns(table.name)}
        if columns != {c.name for c in table.columns}:
            raise DatabaseError(f"{where}: table {table.name} has other columns than this "
                                "Paddock's; nothing was copied")


def row_counts(con: Connection) -> dict[str, int]:
    return {t.name: int(con.execute(select(func.count()).select_from(t)).scalar_one())
            for t in tables()}


@contextmanager
def snapshot(db: Database) -> Iterator[Connection]:
    """One consistent, read-only look at the whole database (every table as of one moment)."""
    with db.engine.connect() as con:
        if not db.is_sqlite:
            con = con.execution_options(isolation_level="REPEATABLE READ")
            with con.begin():
                con.execute(text("SET TRANSACTION READ ONLY"))
                yield con
        else:
            # The "begin" listener opens a SQLite read transaction: one WAL snapshot.
            with con.begin():
                yield con


def copy_rows(source: Connection, target: Connection) -> dict[str, int]:
    """Insert every row of ``source`` into ``target`` (same schema, target empty).

    Return:
        The number of rows copied, per table.
    """
    copied: dict[str, int] = {}
    for table in tables():
        order = list(table.primary_key.columns) or list(table.columns)
        result = source.execution_options(yield_per=BATCH).execute(
            select(table).order_by(*order))
        count = 0
        for batch in result.mappings().partitions(BATCH):
            rows = [dict(row) for row in batch]
            target.execute(table.insert(), rows)
            count += len(rows)
        copied[table.name] = count
    return copied


def reset_sequences(con: Connection) -> None:
    """On PostgreSQL, set each id sequence past the largest copied id (no-op on SQLite)."""
    if con.dialect.name != "postgresql":
        return
    for table in tables():
        for column in table.primary_key.columns:
            sequence = con.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                   {"t": table.name, "c": column.name}).scalar()
            if sequence is None:
                continue
            con.execute(text(
                f'SELECT setval(:s, COALESCE((SELECT max("{column.name}") FROM '
                f'"{table.name}"), 1), (SELECT max("{column.name}") FROM "{table.name}") '
                "IS NOT NULL)"), {"s": sequence})
