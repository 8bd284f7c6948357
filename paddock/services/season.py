"""The season: its events and sessions, and finding them by what a user types."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import (
    Car,
    Entry,
    Event,
    EventEntry,
    RaceClass,
    RaceSession,
    Season,
    Venue,
)
from paddock.errors import NotFound, RuleViolation

if TYPE_CHECKING:
    from paddock.services.sessions import SessionFacts


@dataclass(frozen=True)
class EventView:
    id: int
    number: int
    short_name: str
    name: str
    venue: str
    start_date: date | None
    end_date: date | None
    dates_text: str
    sessions: tuple[str, ...]
    pole_side: str
    time_zone: str
    #: Each session's start, length and conditions, in weekend order.
    schedule: tuple[SessionFacts, ...] = ()
    #: The lap length of the event's layout in metres (its own, else the venue's).
    lap_length_m: int | None = None
    #: Why the event was cancelled; "" = it was not.
    cancelled_reason: str = ""

    @property
    def cancelled(self) -> bool:
        return bool(self.cancelled_reason)


@dataclass(frozen=True)
class SeasonOverview:
    year: int
    name: str
    events: tuple[EventView, ...]


# The season this command, or this window, works on (`--season YEAR`, the window's season
# switcher); None = the season marked current. A context variable, so every service that
# asks `current_season()` sees it without taking it as an argument; the window's workers
# run in a copy of the window's context (paddock.ui.workers).
_CHOSEN: ContextVar[int | None] = ContextVar("paddock_season", default=None)


def chosen_year() -> int | None:
    """The year chosen for this context (None: the season marked current)."""
    return _CHOSEN.get()


def choose_season(year: int | None) -> Token[int | None]:
    """Work on season ``year`` from now on in this context (None: the current one).

    Return:
        What `restore_choice` takes to undo it (and every later choice).
    """
    return _CHOSEN.set(year)


def restore_choice(token: Token[int | None]) -> None:
    """Back to what was chosen before `choose_season` gave ``token``."""
    _CHOSEN.reset(token)


@contextmanager
def season_chosen(year: int | None) -> Iterator[None]:
    """Work on season ``year`` inside the block (None: the season marked current)."""
    token = _CHOSEN.set(year)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def marked_season(session: Session) -> Season | None:
    """The season marked current, else the latest one (None: no season at all)."""
    marked = session.exec(select(Season).where(col(Season.is_current).is_(True))).first()
    return marked or session.exec(select(Season).order_by(col(Season.year).desc())).first()


def season_years(session: Session) -> list[int]:
    return list(session.exec(select(Season.year).order_by(col(Season.year))).all())


def season_of_year(session: Session, year: int) -> Season:
    """The season of ``year``.

    Raises:
        NotFound: no such season (the message lists those there are).
    """
    season = session.exec(select(Season).where(Season.year == year)).first()
    if season is None:
        years = ", ".join(str(y) for y in season_years(session)) or "none"
        raise NotFound(f"no {year} season in the database (seasons: {years}); "
                       f"`paddock season new {year}` makes it")
    return season


def current_season(session: Session) -> Season:
    """The season being worked on: the one chosen (`--season`, the window's switcher),
    else the one marked current (`paddock season use`), else the latest."""
    year = _CHOSEN.get()
    if year is not None:
        return season_of_year(session, year)
    season = marked_season(session)
    if season is None:
        raise NotFound("the database has no season yet: run `paddock init`")
    return season


def dates_text(start: date | None, end: date | None, month: str, year: int) -> str:
    """'March 17–20, 2021', 'July 2021 (dates to be confirmed)'."""
    if start is None or end is None:
        return f"{month} {year} (dates to be confirmed)" if month else "dates to be confirmed"
    if start.month == end.month:
        return f"{start:%B} {start.day}–{end.day}, {end.year}"
    return f"{start:%B} {start.day} – {end:%B} {end.day}, {end.year}"


def _event_view(session: Session, event: Event, season: Season) -> EventView:
    from paddock.services.sessions import event_schedule

    assert event.id is not None
    venue = session.get(Venue, event.venue_id) if event.venue_id is not None else None
    codes = session.exec(
        select(RaceSession.code).where(RaceSession.event_id == event.id)
        .order_by(col(RaceSession.sort_order))
    ).all()
    return EventView(
        id=event.id, number=event.number, short_name=event.short_name, name=event.name,
        venue=venue.name if venue else "To be announced", start_date=event.start_date,
        end_date=event.end_date,
        dates_text=dates_text(event.start_date, event.end_date, event.provisional_month,
                              season.year),
        sessions=tuple(codes), pole_side=event.pole_side, time_zone=event.time_zone,
        schedule=event_schedule(session, event),
        lap_length_m=event.lap_length_m or (venue.lap_length_m if venue else None),
        cancelled_reason=event.cancelled_reason,
    )


def season_overview(db: Database) -> SeasonOverview:
    with db.reader() as session:
        season = current_season(session)
        events = session.exec(
            select(Event).where(Event.season_id == season.id).order_by(col(Event.number))
        ).all()
        return SeasonOverview(season.year, season.name,
                              tuple(_event_view(session, e, season) for e in events))


def session_outside_event(event: Event, what: str, starts_at: datetime | None) -> str | None:
    """Why a session starting at ``starts_at`` cannot be part of ``event``, or None."""
    if starts_at is None or event.start_date is None or event.end_date is None:
        return None
    try:
        zone = ZoneInfo(event.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    day = starts_at.astimezone(zone).date()
    if event.start_date <= day <= event.end_date:
        return None
    return (f"start of {what}: {day:%Y-%m-%d} is outside the dates of {event.short_name} "
            f"({event.start_date:%Y-%m-%d} to {event.end_date:%Y-%m-%d})")


def find_event(session: Session, season: Season, key: str) -> Event:
    """An event by its number in the season (``1``) or short name (``sebring``)."""
    key = key.strip().lower()
    query = select(Event).where(Event.season_id == season.id)
    if key.isdigit():
        query = query.where(Event.number == int(key))
    else:
        query = query.where(Event.short_name == key)
    event = session.exec(query).first()
    if event is None:
        names = session.exec(
            select(Event.short_name).where(Event.season_id == season.id)
            .order_by(col(Event.number))
        ).all()
        if not names:
            raise NotFound(f"no event '{key}': the {season.year} season has no events yet "
                           "(add them on the Season page, or `paddock season event add`)")
        raise NotFound(f"no event '{key}' in {season.year}; events are 1-{len(names)} or "
                       + ", ".join(names))
    return event


def event_view(db: Database, key: str) -> EventView:
    with db.reader() as session:
        season = current_season(session)
        return _event_view(session, find_event(session, season, key), season)


def entered_numbers(session: Session, event: Event) -> list[str]:
    """The car numbers entered at the event (part-season entries only where they run)."""
    return list(session.exec(
        select(Entry.number).join(EventEntry, col(EventEntry.entry_id) == Entry.id)
        .where(EventEntry.event_id == event.id)).all())


def find_session(session: Session, event: Event, code: str) -> RaceSession:
    found = session.exec(
        select(RaceSession).where(RaceSession.event_id == event.id,
                                  RaceSession.code == code.strip().upper())
    ).first()
    if found is None:
        codes = session.exec(select(RaceSession.code).where(RaceSession.event_id == event.id)
                             .order_by(col(RaceSession.sort_order))).all()
        raise NotFound(f"no session '{code}' at {event.name}; sessions are " + ", ".join(codes))
    return found


def add_class(db: Database, name: str, *, cars: tuple[str, ...] | None = None,
              gentleman: bool = False, max_age: int | None = None) -> None:
    """Add a class to the season (e.g. "Pro-Am 991" for the 991.2); cars default to all.

    Raises:
        RuleViolation: no name, a name taken, an unknown car, no admitted car (``cars``
            given but empty), an implausible age limit; nothing is written.
    """
    name = " ".join(name.split())
    given = cars is not None
    cars = tuple(c.strip() for c in cars or () if c.strip())
    with db.transaction() as session:
        season = current_season(session)
        known = {c.name.lower() for c in session.exec(
            select(RaceClass).where(RaceClass.season_id == season.id))}
        codes = set(session.exec(select(Car.code).where(Car.season_id == season.id)))
        problems = []
        if not name:
            problems.append("a class needs a name")
        if name.lower() in known:
            problems.append(f"class {name} already exists in {season.year}")
        unknown = [c for c in cars if c not in codes]
        if unknown:
            problems.append(f"class {name}: car {', '.join(unknown)} is not a car of the "
                            f"season ({', '.join(sorted(codes))})")
        if given and not cars:
            problems.append(f"cars of class {name}: a class admits at least one car "
                            f"({', '.join(sorted(codes))})")
        if max_age is not None and not 10 <= max_age <= 99:
            problems.append(f"age limit of class {name}: {max_age} is not an age (10-99)")
        if problems:
            raise RuleViolation(problems)
        admitted = " ".join(cars) if cars else " ".join(sorted(codes, reverse=True))
        assert season.id is not None
        session.add(RaceClass(season_id=season.id, name=name, sort_order=len(known),
                              allowed_cars=admitted, requires_gentleman=gentleman,
                              max_age=max_age))
        audit.record(session, "add", "class", name,
                     after={"cars": admitted, "gentleman": gentleman, "max_age": max_age})
