"""Seasons and their calendars: a new season (from the last one), the season every desk
works on, and the events of a season — added, edited (moved, renamed), cancelled.

Every change is one transaction, audited; bad input is refused with a message that names
the field, and nothing is written. An event keeps its number and short name when its
dates move; an event with results or tyres cannot be deleted, only cancelled.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import (
    Car,
    Event,
    LapRecordRow,
    PublishedRevision,
    RaceClass,
    RaceSession,
    ResultLine,
    Season,
    TimingImport,
    TyreRecord,
    Venue,
)
from paddock.errors import NotFound, RuleViolation
from paddock.services.season import (
    EventView,
    _event_view,
    current_season,
    find_event,
    marked_season,
    season_of_year,
    session_outside_event,
)
from paddock.services.seed import CARS, CLASSES, WEEKEND

POLE_SIDES = ("left", "right")
#: What `edit_event` can forget (``clear=``): back to "to be announced".
CLEARABLE = ("dates", "venue", "lap-length")
FIRST_YEAR, LAST_YEAR = 1950, 2200
#: The sessions a new event gets: the series' weekend.
WEEKEND_CODES: tuple[str, ...] = tuple(code for code, *_ in WEEKEND)


@dataclass(frozen=True)
class SeasonInfo:
    year: int
    name: str
    current: bool
    events: int
    cancelled: int


@dataclass(frozen=True)
class EventFields:
    """An event's facts as typed; None leaves a fact as it is (or unset for a new event).

    ``month`` is what is known when the days are not ("July").
    """

    short_name: str | None = None
    name: str | None = None
    venue: str | None = None
    start: date | None = None
    end: date | None = None
    month: str | None = None
    lap_length_m: int | None = None
    time_zone: str | None = None
    pole_side: str | None = None


# --- seasons -------------------------------------------------------------------------------


def _info(s: Session, season: Season, current_id: int | None) -> SeasonInfo:
    events = s.exec(select(Event).where(Event.season_id == season.id)).all()
    return SeasonInfo(season.year, season.name, season.id == current_id, len(events),
                      sum(1 for e in events if e.cancelled_reason))


def list_seasons(db: Database) -> tuple[SeasonInfo, ...]:
    """Every season of the database, oldest first; ``current`` marks the desks' default."""
    with db.reader() as s:
        marked = marked_season(s)
        current_id = marked.id if marked else None
        seasons = s.exec(select(Season).order_by(col(Season.year))).all()
        return tuple(_info(s, season, current_id) for season in seasons)


def _shift_year(day: date | None, year: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=year, day=28)


def _season_name(s: Session, year: int, source: Season | None) -> str:
    model = source or marked_season(s)
    if model is not None and str(model.year) in model.name:
        return model.name.replace(str(model.year), str(year))
    if model is not None:
        return f"{model.name} {year}"
    return f"Season {year}"


def new_season(db: Database, year: int, *, from_year: int | None = None) -> SeasonInfo:
    """Make the ``year`` season; the season marked current stays current (no desk moves).

    With ``from_year``: its calendar (same month and day in the new year, each session at
    the same local time, conditions not copied), classes, car types with their tyre sizes,
    points scale with its bonuses and drop rules, tyre supplier and quotas, all editable
    afterwards. Cancelled events are
    not copied. Without: an empty calendar, the default classes and cars.

    Raises:
        RuleViolation: the year exists or is not a plausible year.
        NotFound: ``from_year`` is not a season of the database.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise RuleViolation([f"year: {year} is not a season year ({FIRST_YEAR}-{LAST_YEAR})"])
    with db.transaction() as s:
        if s.exec(select(Season).where(Season.year == year)).first() is not None:
            raise RuleViolation([f"year: the {year} season already exists; "
                                 f"`paddock --season {year} season` shows it"])
        source = season_of_year(s, from_year) if from_year is not None else None
        # Keep every desk where it is: the season they work on now becomes the marked one.
        marked = marked_season(s)
        if marked is not None and not marked.is_current:
            marked.is_current = True
            s.add(marked)
        season = Season(year=year, name=_season_name(s, year, source),
                        age_reference=date(year, 1, 1))
        if source is not None:
            keep = source.model_dump(exclude={"id", "year", "name", "age_reference",
                                              "is_current", "created_at"})
            for field, value in keep.items():
                setattr(season, field, value)
            season.age_reference = _shift_year(source.age_reference, year) or season.age_reference
        s.add(season)
        s.flush()
        assert season.id is not None
        if source is None:
            _default_classes_and_cars(s, season.id)
        else:
            _copy_setup(s, source, season)
        audit.record(s, "add", "season", year,
                     after={"from": from_year, "name": season.name})
        s.flush()
        return _info(s, season, marked.id if marked is not None else season.id)


def _default_classes_and_cars(s: Session, season_id: int) -> None:
    for order, (name, cars, gentleman, max_age) in enumerate(CLASSES):
        s.add(RaceClass(season_id=season_id, name=name, sort_order=order, allowed_cars=cars,
                        requires_gentleman=gentleman, max_age=max_age))
    for code, name, front, rear in CARS:
        s.add(Car(season_id=season_id, code=code, name=name, front_tyre=front, rear_tyre=rear))


def _copy_setup(s: Session, source: Season, season: Season) -> None:
    assert source.id is not None and season.id is not None
    from paddock.services.standings import copy_points_scale

    for cls in s.exec(select(RaceClass).where(RaceClass.season_id == source.id)).all():
        s.add(RaceClass(**cls.model_dump(exclude={"id", "season_id"}), season_id=season.id))
    for car in s.exec(select(Car).where(Car.season_id == source.id)).all():
        s.add(Car(**car.model_dump(exclude={"id", "season_id"}), season_id=season.id))
    s.flush()
    # The scale, its bonuses and the drop rules (which follow the classes by name).
    copy_points_scale(s, source, season)
    events = s.exec(select(Event).where(Event.season_id == source.id, Event.cancelled_reason == "")
                    .order_by(col(Event.number))).all()
    for number, old in enumerate(events, start=1):
        start, end = _shift_year(old.start_date, season.year), _shift_year(old.end_date,
                                                                           season.year)
        event = Event(**old.model_dump(exclude={"id", "season_id", "number", "start_date",
                                                "end_date"}),
                      season_id=season.id, number=number, start_date=start, end_date=end)
        s.add(event)
        s.flush()
        assert event.id is not None
        days = (start - old.start_date).days if start and old.start_date else None
        zone = _zone(old.time_zone)
        for found in s.exec(select(RaceSession).where(RaceSession.event_id == old.id)):
            starts = None
            if found.starts_at is not None and days is not None:
                local = found.starts_at.astimezone(zone)
                starts = datetime.combine(local.date() + timedelta(days=days),
                                          local.time(), zone)
            s.add(RaceSession(event_id=event.id, code=found.code, name=found.name,
                              kind=found.kind, race_number=found.race_number,
                              sort_order=found.sort_order,
                              duration_minutes=found.duration_minutes,
                              length_laps=found.length_laps, starts_at=starts))


def use_season(db: Database, year: int) -> SeasonInfo:
    """Mark ``year`` as the season every desk works on unless told otherwise."""
    with db.transaction() as s:
        season = season_of_year(s, year)
        before = marked_season(s)
        for other in s.exec(select(Season).where(col(Season.is_current).is_(True))):
            other.is_current = False
            s.add(other)
        s.flush()
        season.is_current = True
        s.add(season)
        audit.record(s, "use", "season", year,
                     before={"current": before.year if before else None},
                     after={"current": year})
        s.flush()
        return _info(s, season, season.id)


# --- events --------------------------------------------------------------------------------


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _short(text: str) -> str:
    return "-".join(text.strip().lower().split())


def _field_problems(fields: EventFields) -> list[str]:
    problems = []
    if fields.short_name is not None:
        short = _short(fields.short_name)
        if not short:
            problems.append("short name: an event needs one (e.g. sebring)")
        elif short.isdigit():
            problems.append(f"short name '{short}': not a number (numbers are the rounds')")
    if fields.name is not None and not fields.name.strip():
        problems.append("name: an event needs a name")
    if fields.time_zone is not None:
        try:
            ZoneInfo(fields.time_zone.strip())
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"time zone '{fields.time_zone}': not a time zone name "
                            "(e.g. America/New_York)")
    if fields.pole_side is not None and fields.pole_side.strip().lower() not in POLE_SIDES:
        problems.append(f"pole side '{fields.pole_side}': left or right")
    if fields.lap_length_m is not None and not 500 <= fields.lap_length_m <= 30000:
        problems.append(f"track length {fields.lap_length_m} m: not a lap length "
                        "(500-30000 m)")
    return problems


def _venue(s: Session, name: str) -> int | None:
    name = " ".join(name.split())
    if not name:
        return None
    venue = s.exec(select(Venue).where(Venue.name == name)).first()
    if venue is None:
        venue = Venue(name=name)
        s.add(venue)
        s.flush()
    return venue.id


def _dates_label(event: Event) -> str:
    return f"{event.start_date:%Y-%m-%d} to {event.end_date:%Y-%m-%d}"


def _check_event(s: Session, season: Season, event: Event) -> list[str]:
    """What is wrong with ``event`` as it would be written (its season's other events)."""
    problems = []
    start, end = event.start_date, event.end_date
    if (start is None) != (end is None):
        problems.append(f"dates of {event.short_name}: give both the start and the end")
    if start is not None and end is not None:
        if end < start:
            problems.append(f"end date {end:%Y-%m-%d} of {event.short_name} is before its "
                            f"start date {start:%Y-%m-%d}")
        elif (end - start).days > 14:
            problems.append(f"dates of {event.short_name}: {(end - start).days + 1} days is "
                            "not one event weekend (at most 15 days)")
        if start.year != season.year:
            problems.append(f"start date {start:%Y-%m-%d} of {event.short_name} is not in "
                            f"the {season.year} season")
        if not event.cancelled_reason:
            for other in s.exec(select(Event).where(Event.season_id == season.id)):
                if (other.id == event.id or other.cancelled_reason or other.start_date is None
                        or other.end_date is None):
                    continue
                if start <= other.end_date and other.start_date <= end:
                    problems.append(
                        f"dates of {event.short_name} ({start:%Y-%m-%d} to {end:%Y-%m-%d}) "
                        f"overlap event {other.number} {other.short_name} "
                        f"({_dates_label(other)})")
    clash = s.exec(select(Event).where(Event.season_id == season.id,
                                       Event.short_name == event.short_name)).all()
    if any(other.id != event.id for other in clash):
        problems.append(f"short name '{event.short_name}' is already an event of "
                        f"{season.year}")
    return problems


def _apply(s: Session, event: Event, fields: EventFields) -> None:
    """Write ``fields`` into ``event`` (the venue first: it may be a new row)."""
    if fields.venue is not None:
        venue_id = _venue(s, fields.venue)
    with s.no_autoflush:
        _apply_facts(event, fields)
        if fields.venue is not None:
            event.venue_id = venue_id


def _apply_facts(event: Event, fields: EventFields) -> None:
    if fields.short_name is not None:
        event.short_name = _short(fields.short_name)
    if fields.name is not None:
        event.name = " ".join(fields.name.split())
    if fields.start is not None:
        event.start_date = fields.start
    if fields.end is not None:
        event.end_date = fields.end
    if fields.start is not None and fields.month is None:
        event.provisional_month = f"{fields.start:%B}"
    if fields.month is not None:
        event.provisional_month = fields.month.strip().capitalize()
    if fields.lap_length_m is not None:
        event.lap_length_m = fields.lap_length_m
    if fields.time_zone is not None:
        event.time_zone = fields.time_zone.strip()
    if fields.pole_side is not None:
        event.pole_side = fields.pole_side.strip().lower()


def _snapshot(event: Event) -> dict[str, object]:
    return event.model_dump(exclude={"id", "season_id"})


def add_event(db: Database, fields: EventFields, *,
              sessions: Sequence[str] = WEEKEND_CODES) -> EventView:
    """Add an event at the end of the season's calendar (the next number), with the
    weekend's sessions (no start times yet: `paddock session set` gives them).

    Raises:
        RuleViolation: a field that does not fit (named), overlapping dates, a short name
            the season already has; nothing is written.
    """
    problems = _field_problems(fields)
    if not fields.short_name:
        problems.append("short name: an event needs one (e.g. sebring)")
    codes = [c.strip().upper() for c in sessions if c.strip()]
    problems += [p for c in codes if (p := _session_code_problem(c))]
    if problems:
        raise RuleViolation(list(dict.fromkeys(problems)))
    with db.transaction() as s:
        season = current_season(s)
        assert season.id is not None
        numbers = s.exec(select(Event.number).where(Event.season_id == season.id)).all()
        short = _short(fields.short_name or "")
        event = Event(season_id=season.id, number=max(numbers, default=0) + 1,
                      short_name=short, name=(fields.name or short).strip())
        _apply(s, event, replace(fields, name=fields.name or short))
        problems = _check_event(s, season, event)
        if problems:
            raise RuleViolation(problems)
        s.add(event)
        s.flush()
        assert event.id is not None
        for order, code in enumerate(dict.fromkeys(codes)):
            s.add(_new_session(event.id, code, order))
        s.flush()
        audit.record(s, "add", "event", f"{season.year}/{event.short_name}",
                     after=_snapshot(event))
        return _event_view(s, event, season)


def edit_event(db: Database, key: str, fields: EventFields, *,
               clear: Collection[str] = ()) -> EventView:
    """Change an event's facts; None keeps a fact. When the weekend moves (both dates
    change), its sessions move with it: each keeps its day counted from the last day and
    its local time. A weekend made longer or shorter keeps its sessions where they are
    (one left outside the new dates is refused). The event keeps its number and short
    name.

    Args:
        clear: facts to forget: "dates" (to be confirmed), "venue" (to be announced),
            "lap-length" (the venue's).

    Raises:
        NotFound: no such event in the season.
        RuleViolation: a field that does not fit (named), overlapping dates, a session that
            would fall outside the event's dates; nothing is written.
    """
    problems = _field_problems(fields)
    unknown = sorted(set(clear) - set(CLEARABLE))
    if unknown:
        problems.append(f"cannot clear {', '.join(unknown)}; facts are {', '.join(CLEARABLE)}")
    if problems:
        raise RuleViolation(problems)
    with db.transaction() as s:
        season = current_season(s)
        event = find_event(s, season, key)
        before = _snapshot(event)
        old_start, old_end = event.start_date, event.end_date
        sessions = s.exec(select(RaceSession).where(RaceSession.event_id == event.id)
                          .order_by(col(RaceSession.sort_order))).all()
        _apply(s, event, fields)
        # Nothing reaches the database before every check has passed (a short name taken
        # by another event is refused by name, not by the unique key).
        with s.no_autoflush:
            if "dates" in clear:
                event.start_date = event.end_date = None
            if "venue" in clear:
                event.venue_id = None
            if "lap-length" in clear:
                event.lap_length_m = None
            problems = _check_event(s, season, event)
            moved = _days_moved(old_start, old_end, event.start_date, event.end_date)
            zone = _zone(event.time_zone)
            for found in sessions:
                if found.starts_at is None:
                    continue
                if moved:
                    local = found.starts_at.astimezone(zone)
                    found.starts_at = datetime.combine(local.date() + timedelta(days=moved),
                                                       local.time(), zone)
                problem = session_outside_event(event, found.name, found.starts_at)
                if problem:
                    problems.append(problem)
        if problems:
            raise RuleViolation(problems)
        for found in sessions:
            s.add(found)
        s.add(event)
        s.flush()
        audit.record(s, "edit", "event", f"{season.year}/{event.short_name}", before=before,
                     after=_snapshot(event))
        return _event_view(s, event, season)


def _days_moved(old_start: date | None, old_end: date | None, start: date | None,
                end: date | None) -> int:
    """How many days the weekend's sessions move: when both dates change (the weekend
    moved), each session keeps its day counted from the last day; when one date changes
    (a longer or shorter weekend), the sessions stay where they are."""
    if not (old_start and old_end and start and end):
        return 0
    if start == old_start or end == old_end:
        return 0
    return (end - old_end).days


def cancel_event(db: Database, key: str, reason: str) -> EventView:
    """Cancel an event, with a reason: it keeps its number, results and tyres, and is
    shown cancelled on the calendar. Its dates no longer block another event's."""
    reason = " ".join(reason.split())
    if not reason:
        raise RuleViolation(["reason: say why the event is cancelled"])
    with db.transaction() as s:
        season = current_season(s)
        event = find_event(s, season, key)
        if event.cancelled_reason:
            raise RuleViolation([f"event {event.number} {event.short_name} is already "
                                 f"cancelled ({event.cancelled_reason})"])
        event.cancelled_reason = reason
        s.add(event)
        audit.record(s, "cancel", "event", f"{season.year}/{event.short_name}",
                     after={"reason": reason})
        s.flush()
        return _event_view(s, event, season)


def reinstate_event(db: Database, key: str) -> EventView:
    """Take a cancelled event back onto the calendar (its dates are checked again)."""
    with db.transaction() as s:
        season = current_season(s)
        event = find_event(s, season, key)
        if not event.cancelled_reason:
            raise RuleViolation([f"event {event.number} {event.short_name} is not cancelled"])
        before = event.cancelled_reason
        with s.no_autoflush:
            event.cancelled_reason = ""
            problems = _check_event(s, season, event)
        if problems:
            raise RuleViolation(problems)
        s.add(event)
        audit.record(s, "reinstate", "event", f"{season.year}/{event.short_name}",
                     before={"reason": before})
        s.flush()
        return _event_view(s, event, season)


def event_has_data(s: Session, event: Event) -> list[str]:
    """What an event holds that a deletion would lose: results, timing files, tyres."""
    ids = list(s.exec(select(RaceSession.id).where(RaceSession.event_id == event.id)))
    held = []
    if ids and (s.exec(select(TimingImport.id).where(col(TimingImport.session_id).in_(ids)))
                .first() or s.exec(select(ResultLine.id).where(
                    col(ResultLine.session_id).in_(ids))).first()
                or s.exec(select(LapRecordRow.id).where(
                    col(LapRecordRow.session_id).in_(ids))).first()):
        held.append("results")
    if ids and s.exec(select(PublishedRevision.id).where(
            col(PublishedRevision.session_id).in_(ids))).first():
        held.append("official classifications")
    if s.exec(select(TyreRecord.id).where(TyreRecord.event_id == event.id)).first():
        held.append("tyres")
    return held


def delete_event(db: Database, key: str) -> None:
    """Delete an event that holds nothing (a round added by mistake).

    Raises:
        RuleViolation: it has results or tyres: cancel it instead, with a reason.
    """
    from paddock.db.models import EventEntry, GridAdjustment

    with db.transaction() as s:
        season = current_season(s)
        event = find_event(s, season, key)
        held = event_has_data(s, event)
        if held:
            raise RuleViolation([
                f"event {event.number} {event.short_name} has {' and '.join(held)}: it cannot "
                "be deleted; cancel it with a reason (`paddock season event cancel`)"])
        last = max(s.exec(select(Event.number).where(Event.season_id == season.id)).all())
        if event.number != last:
            raise RuleViolation([
                f"event {event.number} {event.short_name} is not the last round: the rounds "
                "keep their numbers, so only the last can be deleted; cancel it instead"])
        before = _snapshot(event)
        for model in (RaceSession, EventEntry, GridAdjustment):
            for row in s.exec(select(model).where(model.event_id == event.id)):
                s.delete(row)
        s.flush()
        s.delete(event)
        audit.record(s, "delete", "event", f"{season.year}/{event.short_name}", before=before)


# --- sessions ------------------------------------------------------------------------------


def _session_code_problem(code: str) -> str | None:
    if code in {w[0] for w in WEEKEND}:
        return None
    if code[:2] == "FP" and code[2:].isdigit():
        return None
    if code[:1] in "QR" and (code[1:].isdigit() or code[1:] == ""):
        return None if code != "R" else "session 'R': races are R1, R2, ..."
    if code == "WU":
        return None
    return (f"session '{code}': a session code is FP1, FP2... (practice), WU (warm-up), Q, "
            "Q1, Q2... (qualifying) or R1, R2... (races)")


def _new_session(event_id: int, code: str, order: int) -> RaceSession:
    known = {w[0]: w for w in WEEKEND}
    if code in known:
        _, name, kind, race, *_ = known[code]
        return RaceSession(event_id=event_id, code=code, name=name, kind=kind,
                           race_number=race, sort_order=order)
    if code.startswith("FP"):
        return RaceSession(event_id=event_id, code=code, name=f"Free Practice {code[2:]}",
                           kind="practice", sort_order=order)
    if code == "WU":
        return RaceSession(event_id=event_id, code=code, name="Warm-up", kind="practice",
                           sort_order=order)
    if code.startswith("Q"):
        return RaceSession(event_id=event_id, code=code, name=f"Qualifying {code[1:]}",
                           kind="qualifying", sort_order=order)
    number = int(code[1:])
    return RaceSession(event_id=event_id, code=code, name=f"Race {number}", kind="race",
                       race_number=number, sort_order=order)


def add_session(db: Database, *, event: str, code: str, name: str | None = None) -> EventView:
    """Add a session to an event, after the sessions it has (its start and length are then
    set with `paddock session set`).

    Raises:
        RuleViolation: not a session code, or the event has it already.
    """
    code = code.strip().upper()
    problem = _session_code_problem(code)
    if problem:
        raise RuleViolation([problem])
    with db.transaction() as s:
        season = current_season(s)
        found = find_event(s, season, event)
        assert found.id is not None
        existing = s.exec(select(RaceSession).where(RaceSession.event_id == found.id)).all()
        if any(r.code == code for r in existing):
            raise RuleViolation([f"session {code}: {found.name} has it already"])
        added = _new_session(found.id, code, max((r.sort_order for r in existing),
                                                 default=-1) + 1)
        if name and name.strip():
            added.name = " ".join(name.split())
        s.add(added)
        s.flush()
        audit.record(s, "add", "session", f"{found.short_name}/{code}",
                     after={"name": added.name, "kind": added.kind})
        return _event_view(s, found, season)


__all__ = [
    "CLEARABLE", "POLE_SIDES", "EventFields", "NotFound", "SeasonInfo", "add_event",
    "add_session", "cancel_event", "delete_event", "edit_event", "event_has_data",
    "list_seasons", "new_season", "reinstate_event", "use_season",
]
