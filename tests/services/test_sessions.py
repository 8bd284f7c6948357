"""A session's facts: start (local time, stored UTC), length in minutes or laps, conditions."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from paddock.db.models import AuditRecord
from paddock.errors import NotFound, RuleViolation
from paddock.services.database import Database
from paddock.services.season import season_overview
from paddock.services.sessions import parse_length, session_facts, set_session_facts


def test_the_start_is_typed_in_local_time_and_stored_utc(db: Database) -> None:
    facts = set_session_facts(db, event="sebring", session="R1", start="14:05")
    # Sebring, March 2021: Eastern Daylight Time (UTC-4) from 14 March.
    assert facts.starts_at == datetime(2021, 3, 19, 18, 5, tzinfo=UTC)
    assert facts.start_text == "14:05 EDT"
    assert facts.date_text == "Friday 19 March 2021"
    again = session_facts(db, event="1", session="r1")
    assert again.starts_at == facts.starts_at and again.starts_at.tzinfo is not None


def test_a_start_on_another_day_and_in_another_zone(db: Database) -> None:
    facts = set_session_facts(db, event="ctmp", session="Q", start="9:30", day=date(2021, 5, 21))
    assert facts.local_start is not None and facts.local_start.date() == date(2021, 5, 21)
    assert facts.start_text.startswith("09:30 ")


@pytest.mark.parametrize(("text", "minutes", "laps"), [
    ("45m", 45, None), ("45 min", 45, None), ("20L", None, 20), ("20 laps", None, 20)])
def test_length_in_minutes_or_laps(text: str, minutes: int | None, laps: int | None) -> None:
    assert parse_length(text) == (minutes, laps)


def test_length_conditions_and_temperatures_are_set_and_audited(db: Database) -> None:
    facts = set_session_facts(db, event="sebring", session="R2", length="20L",
                              conditions="wet", air=18.5, track=21)
    assert (facts.length_laps, facts.duration_minutes) == (20, None)
    assert facts.length_text == "20 laps"
    assert facts.distance_m == 20 * facts.lap_length_m  # type: ignore[operator]
    assert (facts.conditions, facts.air_c, facts.track_c) == ("wet", 18.5, 21.0)
    with db.reader() as s:
        record = s.exec(select(AuditRecord).where(AuditRecord.entity == "session")).all()[-1]
    assert record.entity_id == "sebring/R2" and record.action == "set"
    assert json.loads(record.before)["duration_minutes"] == 45
    assert json.loads(record.after)["length_laps"] == 20
    # Minutes again replace the laps; a fact can be forgotten.
    facts = set_session_facts(db, event="sebring", session="R2", length="45m",
                              clear=("conditions", "air"))
    assert (facts.length_laps, facts.duration_minutes) == (None, 45)
    assert facts.conditions == "" and facts.air_c is None and facts.track_c == 21.0


@pytest.mark.parametrize("kwargs", [
    {"start": "25:00"}, {"start": "2pm"}, {"length": "45"}, {"length": "0L"},
    {"conditions": "snow"}, {"air": 150.0}, {"clear": ("weather",)}])
def test_bad_values_are_refused_and_nothing_changes(db: Database, kwargs: dict) -> None:
    before = session_facts(db, event="sebring", session="FP1")
    with pytest.raises(RuleViolation):
        set_session_facts(db, event="sebring", session="FP1", **kwargs)
    assert session_facts(db, event="sebring", session="FP1") == before


def test_unknown_session_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        set_session_facts(db, event="sebring", session="R3", start="10:00")


def test_a_session_without_a_date_needs_one(db: Database) -> None:
    # Event 7 has no dates yet ("to be announced"): a start needs its day.
    event = next(e for e in season_overview(db).events if e.start_date is None)
    with pytest.raises(RuleViolation, match="--date"):
        set_session_facts(db, event=str(event.number), session="R1", start="14:00")
    facts = set_session_facts(db, event=str(event.number), session="R1", start="14:00",
                              day=date(2021, 9, 12))
    assert facts.local_start is not None and facts.local_start.hour == 14


def test_the_season_overview_carries_the_schedule(db: Database) -> None:
    event = season_overview(db).events[0]
    assert [f.code for f in event.schedule] == list(event.sessions)
    assert event.schedule[0].start_text == "10:00 EDT"
