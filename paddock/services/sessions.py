"""A session's facts: when it starts, how long it runs, the conditions it ran in.

The documents print them in their title block; `paddock session set` and the window's
"Session facts…" dialog change them (the season set-up page calls the same service).
The start is typed in the event's local time and stored UTC-aware; the length is either
minutes (``45m``) or laps (``20L``); the conditions are dry, wet or mixed, with air and
track temperatures in °C.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import Event, RaceSession, Venue
from paddock.errors import RuleViolation
from paddock.services.season import (
    current_season,
    find_event,
    find_session,
    session_outside_event,
)

CONDITIONS = ("dry", "wet", "mixed")
#: The facts `set_session_facts` can clear (``clear=``).
FACTS = ("start", "length", "conditions", "air", "track")

_LENGTH = re.compile(r"^\s*(\d{1,4})\s*(m|min|mins|minutes|l|lap|laps)\s*$", re.IGNORECASE)
_START = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")


@dataclass(frozen=True)
class SessionFacts:
    """What is known of one session's schedule and conditions.

    Attributes:
        starts_at: the scheduled start, UTC-aware; None when not set.
        time_zone: the event's time zone (IANA name), the start's local time.
        duration_minutes / length_laps: the length, in minutes or in laps (None: not set).
        lap_length_m: the venue's lap length in metres, None when unknown.
        conditions: "dry", "wet", "mixed" or "" (not said).
        air_c / track_c: temperatures in °C, None when not typed.
    """

    event_short_name: str
    code: str
    name: str
    kind: str
    race_number: int | None
    starts_at: datetime | None
    time_zone: str
    duration_minutes: int | None
    length_laps: int | None
    lap_length_m: int | None
    conditions: str
    air_c: float | None
    track_c: float | None

    @property
    def local_start(self) -> datetime | None:
        """The start in the event's local time."""
        if self.starts_at is None:
            return None
        return self.starts_at.astimezone(_zone(self.time_zone))

    @property
    def start_text(self) -> str:
        """"14:05 EDT", "" when not set."""
        local = self.local_start
        return "" if local is None else f"{local:%H:%M} {local.tzname() or self.time_zone}"

    @property
    def date_text(self) -> str:
        """"Saturday 26 June 2021", "" when the start is not set."""
        local = self.local_start
        return "" if local is None else f"{local:%A} {local.day} {local:%B %Y}"

    @property
    def length_text(self) -> str:
        """"45 min", "20 laps", "" when not set."""
        if self.length_laps is not None:
            return f"{self.length_laps} lap" + ("" if self.length_laps == 1 else "s")
        if self.duration_minutes is not None:
            return f"{self.duration_minutes} min"
        return ""

    @property
    def length_spec(self) -> str:
        """The length as typed: "45m", "20L", ""."""
        if self.length_laps is not None:
            return f"{self.length_laps}L"
        if self.duration_minutes is not None:
            return f"{self.duration_minutes}m"
        return ""

    @property
    def distance_m(self) -> int | None:
        """The scheduled distance of a race over laps (laps × lap length)."""
        if self.length_laps is None or not self.lap_length_m:
            return None
        return self.length_laps * self.lap_length_m

    def to_json(self) -> dict[str, Any]:
        """One session of ``paddock season --json``'s ``events[].schedule``."""
        local = self.local_start
        return {
            "session": self.code, "name": self.name, "kind": self.kind,
            "starts_at": self.starts_at.isoformat() if self.starts_at else None,
            "local_start": local.isoformat() if local else None,
            "time_zone": self.time_zone,
            "duration_minutes": self.duration_minutes, "length_laps": self.length_laps,
            "distance_m": self.distance_m,
            "conditions": self.conditions or None,
            "air_c": self.air_c, "track_c": self.track_c,
        }


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def parse_length(text: str) -> tuple[int | None, int | None]:
    """``45m`` → (45, None) minutes; ``20L`` → (None, 20) laps.

    Raises:
        RuleViolation: anything else, or a length of zero.
    """
    match = _LENGTH.match(text)
    if match is None or int(match.group(1)) == 0:
        raise RuleViolation([f"length '{text}': write minutes as 45m or laps as 20L"])
    value = int(match.group(1))
    return (None, value) if match.group(2).lower().startswith("l") else (value, None)


def parse_start(text: str) -> time:
    """``14:05`` (24-hour clock) → 14:05.

    Raises:
        RuleViolation: not a time of day.
    """
    match = _START.match(text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise RuleViolation([f"start '{text}': write the local time as HH:MM, e.g. 14:05"])
    return time(int(match.group(1)), int(match.group(2)))


def _facts(s: Session, event: Event, found: RaceSession) -> SessionFacts:
    venue = s.get(Venue, event.venue_id) if event.venue_id is not None else None
    return SessionFacts(
        event_short_name=event.short_name, code=found.code, name=found.name, kind=found.kind,
        race_number=found.race_number, starts_at=found.starts_at, time_zone=event.time_zone,
        duration_minutes=found.duration_minutes, length_laps=found.length_laps,
        lap_length_m=event.lap_length_m or (venue.lap_length_m if venue else None),
        conditions=found.conditions,
        air_c=found.air_temp_c, track_c=found.track_temp_c)


def event_schedule(s: Session, event: Event) -> tuple[SessionFacts, ...]:
    """Every session of an event with its facts, in weekend order (inside a reader)."""
    found = s.exec(select(RaceSession).where(RaceSession.event_id == event.id)
                   .order_by(col(RaceSession.sort_order))).all()
    return tuple(_facts(s, event, f) for f in found)


def session_facts(db: Database, *, event: str, session: str) -> SessionFacts:
    """One session's facts.

    Raises:
        NotFound: no such event or session.
    """
    with db.reader() as s:
        found_event = find_event(s, current_season(s), event)
        return _facts(s, found_event, find_session(s, found_event, session))


def _temperature(value: float, what: str) -> float:
    if not -40 <= value <= 90:
        raise RuleViolation([f"{what} temperature {value:g} °C is not plausible (-40 to 90)"])
    return float(value)


def set_session_facts(
    db: Database, *, event: str, session: str, start: str | time | None = None,
    day: date | None = None, length: str | None = None, conditions: str | None = None,
    air: float | None = None, track: float | None = None, clear: Collection[str] = (),
) -> SessionFacts:
    """Change a session's facts in one transaction, audited; None keeps a fact as it is.

    Args:
        start: the scheduled start in the event's local time ("14:05").
        day: the session's date; default the date it already has (a session with no
            date yet needs one).
        length: "45m" (minutes) or "20L" (laps); one replaces the other.
        conditions: "dry", "wet" or "mixed".
        air, track: temperatures in °C.
        clear: facts to forget: "start", "length", "conditions", "air", "track".

    Raises:
        NotFound: no such event or session.
        RuleViolation: a value that does not parse or is not plausible (nothing changed).
    """
    problems: list[str] = []
    unknown = sorted(set(clear) - set(FACTS))
    if unknown:
        problems.append(f"cannot clear {', '.join(unknown)}; facts are {', '.join(FACTS)}")
    when: time | None = None
    if start is not None:
        try:
            when = start if isinstance(start, time) else parse_start(start)
        except RuleViolation as exc:
            problems.extend(exc.problems)
    minutes = laps = None
    if length is not None:
        try:
            minutes, laps = parse_length(length)
        except RuleViolation as exc:
            problems.extend(exc.problems)
    if conditions is not None and conditions.strip().lower() not in CONDITIONS:
        problems.append(f"conditions '{conditions}': dry, wet or mixed")
    for value, what in ((air, "air"), (track, "track")):
        if value is not None:
            try:
                _temperature(value, what)
            except RuleViolation as exc:
                problems.extend(exc.problems)
    if problems:
        raise RuleViolation(problems)

    with db.transaction() as s:
        found_event = find_event(s, current_season(s), event)
        found = find_session(s, found_event, session)
        before = _facts(s, found_event, found)
        zone = _zone(found_event.time_zone)
        if "start" in clear:
            found.starts_at = None
        if when is not None or day is not None:
            current = before.local_start
            on = day or (current.date() if current else None) or _event_day(found_event, found)
            if on is None:
                raise RuleViolation([f"{found.name} has no date yet: give the date too "
                                     "(--date YYYY-MM-DD)"])
            at = when or (current.timetz().replace(tzinfo=None) if current else None)
            if at is None:
                raise RuleViolation([f"{found.name} has no start time yet: give --start HH:MM"])
            found.starts_at = datetime.combine(on, at, zone).astimezone(UTC)
            outside = session_outside_event(found_event, found.name, found.starts_at)
            if outside:
                raise RuleViolation([outside])
        if "length" in clear:
            found.duration_minutes = found.length_laps = None
        if length is not None:
            found.duration_minutes, found.length_laps = minutes, laps
        if "conditions" in clear:
            found.conditions = ""
        if conditions is not None:
            found.conditions = conditions.strip().lower()
        if "air" in clear:
            found.air_temp_c = None
        if air is not None:
            found.air_temp_c = float(air)
        if "track" in clear:
            found.track_temp_c = None
        if track is not None:
            found.track_temp_c = float(track)
        s.add(found)
        s.flush()
        after = _facts(s, found_event, found)
        audit.record(s, "set", "session", f"{found_event.short_name}/{found.code}",
                     before=before.to_json(), after=after.to_json())
        return after


def _event_day(event: Event, found: RaceSession) -> date | None:
    """A one-day event's date: the only day a session can be on without asking."""
    if event.start_date is not None and event.start_date == event.end_date:
        return event.start_date
    return None
