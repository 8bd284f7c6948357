"""Migration 0005 (every lap column, the timing system's lines) on a database made before it."""

from pathlib import Path

from sqlalchemy import create_engine, text

from paddock.db import schema
from paddock.db.engine import APPLICATION_ID, open_sqlite


def test_laps_and_results_imported_before_keep_working_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0004_grids_points")
    with engine.begin() as con:
        con.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        con.execute(text(
            "INSERT INTO season (year, name, age_reference, rookie_max_age, junior_max_age, "
            "current_car, slick_quota, carry_over_limit, classified_share_pct, "
            "drive_through_s, stop_and_go_s, number_all_starters, created_at) VALUES "
            "(2021, 'S', '2021-01-01', 23, 23, '992', 8, 4, 75, 30, 40, 1, "
            "'2021-01-01 00:00:00')"))
        con.execute(text("INSERT INTO event (id, season_id, number, short_name, name, "
                         "provisional_month, pole_side, time_zone) VALUES "
                         "(1, 1, 1, 'sebring', 'Sebring', '', 'left', 'UTC')"))
        con.execute(text("INSERT INTO session (id, event_id, code, name, kind, race_number, "
                         "sort_order) VALUES (1, 1, 'R1', 'Race 1', 'race', 1, 3)"))
        con.execute(text("INSERT INTO timing_import (id, session_id, file_name, kind, sha256, "
                         "rows, imported_by, imported_at) VALUES (1, 1, 'r.csv', "
                         "'alkamel-race-results', 'x', 1, 'u', '2021-03-20 20:00:00')"))
        con.execute(text("INSERT INTO lap (session_id, number, lap, lap_time_ms, elapsed_ms, "
                         "hour, in_pit, driver_name, flag) VALUES "
                         "(1, '7', 1, 71000, 71000, '', 0, 'A B', 'GF')"))
        con.execute(text("INSERT INTO result_line (session_id, import_id, \"order\", number, "
                         "position, status, laps, total_time_ms) VALUES "
                         "(1, 1, 0, '7', 1, 'classified', 1, 71000)"))
    engine.dispose()

    db, _ = open_sqlite(path)
    with db.engine.connect() as con:
        assert schema.current_revision(con) == schema.HEAD
        lap = con.execute(text("SELECT lap_time_ms, timing_deleted, timing_reason, mark, s1_ms "
                               "FROM lap")).one()
        assert tuple(lap) == (71000, 0, "", None, None)
        line = con.execute(text("SELECT source, number, position, laps, total_time_ms "
                                "FROM timing_line")).one()
        assert tuple(line) == ("results", "7", 1, 1, 71000)
    db.close()
