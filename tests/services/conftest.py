from collections.abc import Iterator
from pathlib import Path

import pytest

from paddock.services.database import Database, open_database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A demo-season database in a temporary folder."""
    database = open_database(tmp_path / "paddock.db", demo_if_new=True)
    yield database
    database.close()
