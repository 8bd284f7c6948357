"""`paddock verify`: the official record, the file and the backups, checked; nothing changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from paddock.db.backup import backup_folder, backup_sqlite
from paddock.services.database import init_database
from tests.db.helpers import digest, paddock


@pytest.fixture(scope="module")
def weekend(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_database(tmp_path_factory.mktemp("verify") / "template.db", demo_weekend=True)


@pytest.fixture
def database(weekend: Path, tmp_path: Path) -> Path:
    path = tmp_path / "paddock.db"
    path.write_bytes(weekend.read_bytes())
    return path


def test_an_untouched_database_verifies(database: Path) -> None:
    backup_sqlite(database, "sebring-R1-publish")
    done = paddock("--db", str(database), "verify", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["ok"] and data["problems"] == [] and data["backups"] == 1
    assert data["revisions"] >= 4


def test_a_hand_edited_revision_and_a_broken_backup_are_named(database: Path) -> None:
    backup_sqlite(database, "good")
    (backup_folder(database) / "paddock-20210320T150000000000Z-cut.db").write_bytes(b"")
    con = sqlite3.connect(database)
    # A hand edit of the first published result: one more lap for the winner.
    con.execute("UPDATE classification_revision SET payload = replace(payload, '\"laps\": ', "
                "'\"laps\": 1') WHERE id = (SELECT min(id) FROM classification_revision)")
    con.commit()
    con.close()
    assert paddock("--db", str(database), "season").returncode == 0  # first open: WAL mode
    before = digest(database)
    done = paddock("--db", str(database), "verify")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert any("has been altered outside Paddock" in line for line in lines), done.stdout
    assert any("-cut.db: not a whole copy" in line for line in lines), done.stdout
    assert "2 problem(s)" in done.stderr
    assert digest(database) == before
