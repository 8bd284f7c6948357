"""Every migration runs on PostgreSQL: one at a time, on a database holding data made
before it (the data migrations of 0002, 0004 and 0005), and back down to nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from paddock.db import schema


def _insert_0003_data(con) -> None:  # type: ignore[no-untyped-def]
    """A season with a race, a results import and an official revision, as 0003 had it."""
    con.execute(text(
        "INSERT INTO season (year, name, age_reference, rookie_max_age, junior_max_age, "
        "current_car, slick_quota, carry_over_limit, classified_share_pct, drive_through_s, "
        "stop_and_go_s, number_all_starters, created_at) VALUES (2021, 'S', '2021-01-01', "
        "23, 23, '992', 8, 4, 75, 30, 40, true, '2021-01-01 00:00:00+00')"))
    con.execute(text("INSERT INTO event (season_id, number, short_name, name, "
                     "provisional_month, pole_side, time_zone) VALUES "
                     "(1, 1, 'sebring', 'Sebring', '', 'left', 'UTC')"))
    con.execute(text("INSERT INTO session (event_id, code, name, kind, race_number, "
                     "sort_order) VALUES (1, 'R1', 'Race 1', 'race', 1, 3)"))
    con.execute(text("INSERT INTO timing_import (session_id, file_name, kind, sha256, rows, "
                     "imported_by, imported_at) VALUES (1, 'r.csv', 'results', 'x', 1, 'u', "
                     "'2021-03-20 20:00:00+00')"))
    con.execute(text('INSERT INTO result_line (session_id, import_id, "order", number, '
                     "position, status, laps, total_time_ms, best_lap_ms, best_lap_number) "
                     "VALUES (1, 1, 1, '7', 1, 'classified', 20, 2700000, 132000, 5)"))
    con.execute(text("INSERT INTO classification_revision (session_id, revision, reason, "
                     "payload, content_hash, published_by, published_at) VALUES "
                     "(1, 1, '', '[]', 'abc', 'u', '2021-03-20 20:00:00+00')"))


def test_each_migration_up_with_data_then_all_down_and_up(postgres_url: str) -> None:
    pytest.importorskip("psycopg")
    engine = create_engine(postgres_url)
    try:
        schema.upgrade(engine, "0003_results")
        with engine.begin() as con:
            _insert_0003_data(con)
        for revision in schema.REVISIONS[3:]:
            schema.upgrade(engine, revision)
            with engine.connect() as con:
                assert schema.current_revision(con) == revision
        with engine.connect() as con:
            assert con.execute(text("SELECT positions FROM season_points")).scalar() == \
                "25,20,17,14,12,10,9,8,7,6,5,4,3,2,1"
            assert con.execute(text(
                'SELECT number, "order", source FROM timing_line')).one() == \
                ("7", 1, "results")
            assert con.execute(text("SELECT pending FROM penalty")).first() is None

        from alembic import command

        with engine.begin() as con:
            command.downgrade(schema.alembic_config(engine, con), "base")
        from sqlalchemy import inspect

        with engine.connect() as con:
            assert schema.current_revision(con) is None
            assert inspect(con).get_table_names() == ["alembic_version"]
        assert schema.upgrade(engine) is None
        with engine.connect() as con:
            assert schema.current_revision(con) == schema.HEAD
    finally:
        engine.dispose()
