"""The `target` fixture: each test that takes it runs on a SQLite file and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database: a file that does not exist yet, or an empty server database.

    The PostgreSQL case is skipped (with the reason) where no server can be had.
    """
    if request.param == "sqlite":
        return str(tmp_path / "paddock.db")
    return str(request.getfixturevalue("postgres_url"))
