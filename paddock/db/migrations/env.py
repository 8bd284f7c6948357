"""Alembic environment: runs inside the transaction `schema.upgrade` opened.

Every migration of one upgrade runs in that single transaction (``transactional_ddl``,
``transaction_per_migration=False``): killed part-way, the database keeps its old schema.
SQLite cannot ALTER most things, so batch mode copies a table instead.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from typing import Any

from alembic import context
from alembic.runtime.migration import MigrationContext, MigrationInfo
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import paddock.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata
# Test hook only: the process dies right after this revision is applied (crash tests).
DIE_AFTER = "PADDOCK_TEST_DIE_AFTER_MIGRATION"


def _after_each(ctx: MigrationContext, step: MigrationInfo, heads: Collection[Any],
                run_args: Mapping[str, Any]) -> None:
    # Alembic calls it with these keywords: ctx, step, heads, run_args.
    if os.environ.get(DIE_AFTER) and step.up_revision_id == os.environ[DIE_AFTER]:
        os._exit(75)


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        transactional_ddl=True,
        transaction_per_migration=False,
        on_version_apply=_after_each,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # Used by Alembic's own tooling (an engine, no open transaction): one transaction too.
    engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        _run(connection)


run_migrations_online()
