"""Schema upgrades: announced, backed up, all-or-nothing, and never on a read-only file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from paddock.db import schema
from paddock.db.backup import list_backups
from paddock.db.engine import APPLICATION_ID
from tests.db.helpers import digest, one_line_refusal, paddock, read_only_folder

OLD = "0002_tyres"


def old_database(path: Path, revision: str = OLD) -> None:
    """A database as an older Paddock left it, with one entry in it."""
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, revision)
    with engine.begin() as con:
        con.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        con.execute(text("INSERT INTO season (id, year, name, age_reference, rookie_max_age, "
                         "junior_max_age, current_car, created_at, slick_quota, wet_quota, "
                         "carry_over_limit) VALUES (1, 2021, 'S', '2021-01-01', "
                         "23, 23, '992', '2021-01-01 00:00:00', 8, NULL, 4)"))
        con.execute(text("INSERT INTO team (id, name) VALUES (1, 'T')"))
        con.execute(text("INSERT INTO driver (id, first_name, last_name, date_of_birth, "
                         "nationality) VALUES (1, 'A', 'B', '2000-01-01', 'USA')"))
        con.execute(text("INSERT INTO car (id, season_id, code, name, front_tyre, rear_tyre) "
                         "VALUES (1, 1, '992', 'Cup', '', '')"))
        con.execute(text("INSERT INTO race_class (id, season_id, name, sort_order, allowed_cars, "
                         "requires_gentleman) VALUES (1, 1, 'Pro', 0, '992', 0)"))
        con.execute(text("INSERT INTO entry (season_id, number, driver_id, team_id, car_id, "
                         "class_id, gentleman, full_season, created_at, updated_at) VALUES "
                         "(1, '07', 1, 1, 1, 1, 0, 1, '2021-01-01 00:00:00', "
                         "'2021-01-01 00:00:00')"))
    engine.dispose()


def revision_of(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def tables_of(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_an_upgrade_is_announced_and_a_copy_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    done = paddock("--db", str(path), "entries", "list", "--json")
    assert done.returncode == 0, done.stderr
    (copy,) = list_backups(path)
    assert done.stderr.splitlines()[0] == (
        f"paddock: upgrading the database from schema {OLD} to {schema.HEAD}; "
        f"a copy is at {copy.path}")
    assert '"number": "07"' in done.stdout
    assert revision_of(path) == schema.HEAD
    assert revision_of(copy.path) == OLD
    # Current now: the next command says nothing and copies nothing.
    again = paddock("--db", str(path), "season")
    assert again.returncode == 0 and again.stderr == ""
    assert len(list_backups(path)) == 1


@pytest.mark.parametrize("die_after", ["0003_results", schema.HEAD])
def test_an_upgrade_killed_part_way_leaves_the_old_schema_and_runs_again(
    tmp_path: Path, die_after: str
) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    tables = tables_of(path)
    killed = paddock("--db", str(path), "season", process=True,
                     env={"PADDOCK_TEST_DIE_AFTER_MIGRATION": die_after})
    assert killed.returncode == 75, killed.stderr  # died between two migrations
    assert revision_of(path) == OLD
    assert tables_of(path) == tables
    done = paddock("--db", str(path), "entries", "list", "--json")
    assert done.returncode == 0, done.stderr
    assert '"number": "07"' in done.stdout
    assert revision_of(path) == schema.HEAD


def test_a_read_only_file_that_needs_an_upgrade_is_refused_with_a_reason(
    tmp_path: Path,
) -> None:
    with read_only_folder(tmp_path) as (folder, make_read_only):
        path = folder / "old.db"
        old_database(path)
        make_read_only()
        before = digest(path)
        line = one_line_refusal(paddock("--db", str(path), "season"))
        assert line == (f"paddock: {path} needs upgrading from schema {OLD} to {schema.HEAD}, "
                        "but it is read-only; make it writable (or copy it somewhere "
                        "writable) and open it again")
        assert digest(path) == before
        assert sorted(p.name for p in folder.iterdir()) == ["old.db"]
