import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from paddock.db import schema
from paddock.db.engine import APPLICATION_ID, open_sqlite
from paddock.db.models import AuditRecord
from paddock.errors import DatabaseError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_has_foreign_keys_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    db, created = open_sqlite(tmp_path / "p.db")
    with db.engine.connect() as con:
        assert con.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert con.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert con.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        assert schema.current_revision(con) == schema.HEAD
    assert created
    db.close()


def test_the_known_revisions_are_alembics(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine

    scripts = ScriptDirectory.from_config(schema.alembic_config(create_engine("sqlite://")))
    revisions = [r.revision for r in reversed(list(scripts.walk_revisions()))]
    assert tuple(revisions) == schema.REVISIONS


def test_migrations_create_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    db, _ = open_sqlite(tmp_path / "p.db")
    with db.engine.connect() as con:
        diff = compare_metadata(MigrationContext.configure(con), SQLModel.metadata)
    db.close()
    assert diff == []


def test_a_database_from_a_newer_paddock_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    db, _ = open_sqlite(path)
    with db.engine.begin() as con:
        con.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    db.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="newer version of Paddock"):
        open_sqlite(path)
    assert digest(path) == before


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("lap times, scribbled\n" * 200)
    before = digest(path)
    with pytest.raises(DatabaseError, match="is not a Paddock database"):
        open_sqlite(path)
    assert digest(path) == before


def test_another_programs_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a Paddock database"):
        open_sqlite(path)
    assert digest(path) == before


def test_timestamps_come_back_utc_aware_and_naive_ones_are_refused(tmp_path: Path) -> None:
    db, _ = open_sqlite(tmp_path / "p.db")
    at = datetime(2021, 3, 20, 15, 0, tzinfo=UTC)
    with db.transaction() as s:
        s.add(AuditRecord(at=at, user="u", action="a", entity="e"))
    with db.reader() as s:
        (row,) = s.exec(select(AuditRecord)).all()
        assert row.at == at and row.at.tzinfo is not None
    with pytest.raises(Exception, match="naive datetime"), db.transaction() as s:
        s.add(AuditRecord(at=datetime(2021, 3, 20), user="u", action="a", entity="e"))
    db.close()


def test_a_failed_unit_of_work_writes_nothing(tmp_path: Path) -> None:
    db, _ = open_sqlite(tmp_path / "p.db")
    with pytest.raises(RuntimeError), db.transaction() as s:
        s.add(AuditRecord(user="u", action="a", entity="e"))
        s.flush()
        raise RuntimeError("disk yanked")
    with db.reader() as s:
        assert s.exec(select(AuditRecord)).all() == []
    db.close()


def test_upgrading_a_foundation_database_keeps_its_entries_and_enters_them_in_events(
    tmp_path: Path,
) -> None:
    """A laptop with last month's database gets the tyre tables without losing a row."""
    from sqlalchemy import create_engine

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0001_foundation")
    with engine.begin() as con:
        con.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        con.execute(text("INSERT INTO season (id, year, name, age_reference, rookie_max_age, "
                         "junior_max_age, current_car, created_at) VALUES "
                         "(1, 2021, 'S', '2021-01-01', 23, 23, '992', '2021-01-01 00:00:00')"))
        for n in (1, 2):
            con.execute(text(f"INSERT INTO event (id, season_id, number, short_name, name, "
                             f"provisional_month, pole_side, time_zone) VALUES ({n}, 1, {n}, "
                             f"'e{n}', 'E{n}', '', 'left', 'UTC')"))
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
    db, created = open_sqlite(path)
    assert not created
    with db.engine.connect() as con:
        assert schema.current_revision(con) == schema.HEAD
        assert con.execute(text("SELECT number FROM entry")).scalars().all() == ["07"]
        assert con.execute(text("SELECT count(*) FROM event_entry")).scalar() == 2
        assert con.execute(text("SELECT slick_quota, carry_over_limit FROM season")).one() == (
            8, 4)
    db.close()
