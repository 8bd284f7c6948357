"""Migration 0007 (session facts: laps, conditions, temperatures) on a database made before it."""

from pathlib import Path

from sqlalchemy import create_engine, text

from paddock.db import schema
from paddock.db.engine import APPLICATION_ID, open_sqlite


def test_sessions_made_before_keep_their_start_and_length_and_say_nothing_of_conditions(
        tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    schema.upgrade(engine, "0006_decisions")
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
                         "(1, 1, 1, 'sebring', 'Sebring', '', 'left', 'America/New_York')"))
        con.execute(text("INSERT INTO session (id, event_id, code, name, kind, race_number, "
                         "sort_order, duration_minutes, starts_at) VALUES (1, 1, 'R1', "
                         "'Race 1', 'race', 1, 3, 45, '2021-03-19 19:00:00')"))
    engine.dispose()

    db, _ = open_sqlite(path)
    with db.engine.connect() as con:
        assert schema.current_revision(con) == schema.HEAD
        row = con.execute(text("SELECT duration_minutes, starts_at, length_laps, conditions, "
                               "air_temp_c, track_temp_c FROM session")).one()
        assert row[0] == 45 and str(row[1]).startswith("2021-03-19 19:00:00")
        assert tuple(row[2:]) == (None, "", None, None)
    db.close()
    from paddock.services.database import open_database
    from paddock.services.sessions import session_facts

    with open_database(path) as opened:
        facts = session_facts(opened, event="sebring", session="R1")
    assert facts.start_text == "15:00 EDT" and facts.length_text == "45 min"
    assert facts.conditions == "" and facts.air_c is None
