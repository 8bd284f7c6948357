"""Alembic environment: runs on the engine Paddock hands over, in batch mode for SQLite."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import paddock.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite cannot ALTER most things: batch mode copies the table instead.
            render_as_batch=True,
            compare_type=True,
        )
        context.run_migrations()


run_migrations_online()
