"""Use cases for the entry list: list, add, edit, delete, import. One transaction each."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session, col, func, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import (
    Car,
    Driver,
    Entry,
    EntryWithdrawal,
    Event,
    EventEntry,
    RaceClass,
    Season,
    Team,
    TyreRecord,
)
from paddock.db.types import utcnow
from paddock.errors import InputError, Location, NotFound, RuleViolation
from paddock.rules import eligibility as rules
from paddock.rules.cars import car_number_key
from paddock.services.season import current_season
from paddock.services.withdrawals import WITHDRAW_INSTEAD, events_with_results
from paddock.timing.csvio import csv_records, line_of, read_input_file, unify_line_ends


@dataclass(frozen=True)
class EntryInput:
    """What a user types for one entry (dialog, CSV row or CLI)."""

    number: str
    first_name: str
    last_name: str
    date_of_birth: date
    nationality: str
    team: str
    car: str  # "992" or "991.2": the car's code in the season
    class_name: str
    gentleman: bool = False
    full_season: bool = True


@dataclass(frozen=True)
class EntryView:
    """One entry as the UI, the CLI and the reports show it (plain data, no ORM)."""

    id: int
    number: str
    first_name: str
    last_name: str
    date_of_birth: date
    nationality: str
    team: str
    car: str
    class_name: str
    gentleman: bool
    full_season: bool
    junior: bool
    team_championship: bool
    #: Withdrawn from the season: the reason ("" = not withdrawn).
    withdrawn: str = ""
    #: The events (numbers) it was withdrawn from one by one (not those of the season).
    withdrawn_from: tuple[int, ...] = ()

    @property
    def status_text(self) -> str:
        """"Withdrawn: reason", "Withdrawn from event 3", or "" for a car still entered."""
        if self.withdrawn:
            return f"Withdrawn: {self.withdrawn}"
        if self.withdrawn_from:
            events = ", ".join(str(n) for n in self.withdrawn_from)
            return f"Withdrawn from event{'s' if len(self.withdrawn_from) > 1 else ''} {events}"
        return ""

    @property
    def driver(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def to_input(self) -> EntryInput:
        return EntryInput(
            number=self.number,
            first_name=self.first_name,
            last_name=self.last_name,
            date_of_birth=self.date_of_birth,
            nationality=self.nationality,
            team=self.team,
            car=self.car,
            class_name=self.class_name,
            gentleman=self.gentleman,
            full_season=self.full_season,
        )


@dataclass(frozen=True)
class EntryChoices:
    """What the entry dialog offers: the season's classes, cars and known teams."""

    season_year: int
    classes: tuple[str, ...]
    cars: tuple[str, ...]
    teams: tuple[str, ...]
    # (number, short label) of the season's events, for a part-season entry's choice.
    events: tuple[tuple[int, str], ...] = ()


# --- use cases -------------------------------------------------------------------------

CSV_COLUMNS = (
    "number", "first_name", "last_name", "date_of_birth", "nationality", "team", "car",
    "class", "gentleman", "full_season",
)


class _SeasonRules:
    """The season's classes, cars and age rule, loaded once per use case."""

    def __init__(self, session: Session, season: Season) -> None:
        assert season.id is not None
        self.season = season
        classes = session.exec(
            select(RaceClass).where(RaceClass.season_id == season.id).order_by(
                col(RaceClass.sort_order))
        ).all()
        self.classes = {c.name: c for c in classes}
        self.cars = {c.code: c for c in session.exec(select(Car).where(Car.season_id == season.id))}
        self.ages = rules.AgeRule(season.age_reference, season.rookie_max_age,
                                  season.junior_max_age)

    def rule(self, class_name: str) -> rules.ClassRule | None:
        c = self.classes.get(class_name)
        if c is None:
            return None
        return rules.ClassRule(c.name, tuple(c.allowed_cars.split()), c.requires_gentleman,
                               c.max_age)

    def problems(self, data: EntryInput) -> list[str]:
        return [problem for _field, problem in self.field_problems(data)]

    def field_problems(self, data: EntryInput) -> list[tuple[str, str]]:
        """Every rule the entry breaks, with the field (entry-list column) it is about."""
        facts = _facts(data)
        found = rules.entry_problems(
            facts, self.rule(data.class_name), self.ages,
            known_cars=tuple(self.cars), known_classes=tuple(self.classes),
        )
        if (p := rules.check_nationality(data.nationality)) is not None:
            found.append(("nationality", f"{rules.describe(facts)}: {p}"))
        if not data.team.strip():
            found.append(("team", f"{rules.describe(facts)}: the team is required"))
        return found


def _facts(data: EntryInput) -> rules.EntryFacts:
    return rules.EntryFacts(
        number=data.number, driver=f"{data.first_name} {data.last_name}".strip(),
        date_of_birth=data.date_of_birth, car=data.car, class_name=data.class_name,
        gentleman=data.gentleman, full_season=data.full_season,
    )


def _normalised(data: EntryInput) -> EntryInput:
    return EntryInput(
        number=data.number.strip(), first_name=data.first_name.strip(),
        last_name=data.last_name.strip(), date_of_birth=data.date_of_birth,
        nationality=data.nationality.strip().upper(), team=" ".join(data.team.split()),
        car=data.car.strip(), class_name=data.class_name.strip(), gentleman=data.gentleman,
        full_season=data.full_season,
    )


def _number_taken(session: Session, season_id: int, number: str, entry_id: int | None) -> bool:
    query = select(Entry.id).where(Entry.season_id == season_id, Entry.number == number)
    if entry_id is not None:
        query = query.where(Entry.id != entry_id)
    return session.exec(query).first() is not None


def _view(entry: Entry, driver: Driver, team: Team, car: Car, cls: RaceClass,
          sr: _SeasonRules) -> EntryView:
    assert entry.id is not None
    facts = rules.EntryFacts(entry.number, f"{driver.first_name} {driver.last_name}",
                             driver.date_of_birth, car.code, cls.name, entry.gentleman,
                             entry.full_season)
    return EntryView(
        id=entry.id, number=entry.number, first_name=driver.first_name,
        last_name=driver.last_name, date_of_birth=driver.date_of_birth,
        nationality=driver.nationality, team=team.name, car=car.code, class_name=cls.name,
        gentleman=entry.gentleman, full_season=entry.full_season,
        junior=rules.is_junior(driver.date_of_birth, sr.ages),
        team_championship=rules.team_championship_eligible(facts, sr.season.current_car),
    )


def _team(session: Session, name: str) -> Team:
    team = session.exec(select(Team).where(Team.name == name)).first()
    if team is None:
        team = Team(name=name)
        session.add(team)
        session.flush()
    return team


def _driver(session: Session, data: EntryInput) -> Driver:
    driver = session.exec(
        select(Driver).where(
            Driver.first_name == data.first_name, Driver.last_name == data.last_name,
            Driver.date_of_birth == data.date_of_birth,
        )
    ).first()
    if driver is None:
        driver = Driver(first_name=data.first_name, last_name=data.last_name,
                        date_of_birth=data.date_of_birth, nationality=data.nationality)
        session.add(driver)
        session.flush()
    elif driver.nationality != data.nationality:
        driver.nationality = data.nationality
    return driver


def _write(session: Session, sr: _SeasonRules, data: EntryInput, entry: Entry | None) -> Entry:
    season_id = sr.season.id
    assert season_id is not None
    driver, team = _driver(session, data), _team(session, data.team)
    car, cls = sr.cars[data.car], sr.classes[data.class_name]
    assert driver.id is not None and team.id is not None
    assert car.id is not None and cls.id is not None
    if entry is None:
        entry = Entry(season_id=season_id, number=data.number, driver_id=driver.id,
                      team_id=team.id, car_id=car.id, class_id=cls.id,
                      gentleman=data.gentleman, full_season=data.full_season)
        session.add(entry)
        session.flush()
        assert entry.id is not None
        # A new entry is entered in every event; part-season entries are trimmed after.
        for event_id in session.exec(select(Event.id).where(Event.season_id == season_id)):
            assert event_id is not None
            session.add(EventEntry(event_id=event_id, entry_id=entry.id))
    else:
        entry.number, entry.driver_id, entry.team_id = data.number, driver.id, team.id
        entry.car_id, entry.class_id = car.id, cls.id
        entry.gentleman, entry.full_season = data.gentleman, data.full_season
        entry.updated_at = utcnow()
    session.flush()
    return entry


def _load_view(session: Session, sr: _SeasonRules, entry: Entry) -> EntryView:
    return _view(entry, session.get_one(Driver, entry.driver_id),
                 session.get_one(Team, entry.team_id), session.get_one(Car, entry.car_id),
                 session.get_one(RaceClass, entry.class_id), sr)


def list_entries(db: Database, *, event: int | None = None) -> list[EntryView]:
    """The season's entries by car number (numeric order; "01" next to "1").

    Args:
        event: only the entries entered at this event (its number in the season).
    """
    with db.reader() as session:
        sr = _SeasonRules(session, current_season(session))
        query = (
            # sqlmodel's select() is typed for at most 4 columns, this one has more.
            select(  # type: ignore[call-overload]
                   Entry, Driver, Team, Car, RaceClass)
            .join(Driver, col(Entry.driver_id) == Driver.id)
            .join(Team, col(Entry.team_id) == Team.id)
            .join(Car, col(Entry.car_id) == Car.id)
            .join(RaceClass, col(Entry.class_id) == RaceClass.id)
            .where(Entry.season_id == sr.season.id)
        )
        if event is not None:
            query = (query.join(EventEntry, col(EventEntry.entry_id) == Entry.id)
                     .join(Event, col(EventEntry.event_id) == Event.id)
                     .where(Event.number == event))
        rows = session.exec(query).all()
        withdrawn = _withdrawals(session, sr.season)
        views = [_with_withdrawals(_view(e, d, t, c, k, sr), withdrawn)
                 for e, d, t, c, k in rows]
    return sorted(views, key=lambda v: car_number_key(v.number))


def _withdrawals(session: Session, season: Season) -> dict[int, tuple[str, list[int]]]:
    """Entry id -> (the season withdrawal's reason, the events it was withdrawn from)."""
    found: dict[int, tuple[str, list[int]]] = {}
    rows = session.exec(
        select(EntryWithdrawal, Event.number)
        .join(Entry, col(EntryWithdrawal.entry_id) == Entry.id)
        .outerjoin(Event, col(EntryWithdrawal.event_id) == Event.id)
        .where(Entry.season_id == season.id).order_by(col(Event.number))).all()
    for record, number in rows:
        _reason, events = found.setdefault(record.entry_id, ("", []))
        if record.event_id is None:
            found[record.entry_id] = (record.reason, events)
        elif number is not None:
            events.append(number)
    return found


def _with_withdrawals(view: EntryView,
                      withdrawn: dict[int, tuple[str, list[int]]]) -> EntryView:
    if view.id not in withdrawn:
        return view
    reason, events = withdrawn[view.id]
    return dataclasses.replace(view, withdrawn=reason, withdrawn_from=tuple(sorted(events)))


def entry_choices(db: Database) -> EntryChoices:
    with db.reader() as session:
        sr = _SeasonRules(session, current_season(session))
        teams = session.exec(select(Team.name).order_by(Team.name)).all()
        events = session.exec(select(Event.number, Event.short_name)
                              .where(Event.season_id == sr.season.id)
                              .order_by(col(Event.number))).all()
        return EntryChoices(sr.season.year, tuple(sr.classes), tuple(sr.cars), tuple(teams),
                            tuple((n, _short_label(short)) for n, short in events))


def _short_label(short_name: str) -> str:
    """'ctmp' -> 'CTMP', 'watkins-glen' -> 'Watkins Glen': fits a checkbox."""
    return short_name.upper() if len(short_name) <= 4 else short_name.replace("-", " ").title()


@dataclass(frozen=True)
class JuniorStatus:
    """A driver's age on the season's reference date, and whether that makes a Junior."""

    age: int
    reference: date
    junior: bool

    @property
    def text(self) -> str:
        # The season's year goes without saying: the dialog is short of room.
        on = f"{self.reference:%b} {self.reference.day}"
        return f"{'Yes' if self.junior else 'No'} – aged {self.age} on {on}"


def junior_status(db: Database, date_of_birth: date) -> JuniorStatus:
    """For the entry dialog: the age rule of the current season applied to one birth date."""
    with db.reader() as session:
        sr = _SeasonRules(session, current_season(session))
    age = rules.age_on(date_of_birth, sr.ages.reference)
    return JuniorStatus(age, sr.ages.reference,
                        age >= 0 and rules.is_junior(date_of_birth, sr.ages))


def check_entry(db: Database, data: EntryInput, *, entry_id: int | None = None,
                events: Sequence[int] | None = None) -> list[str]:
    """Every rule the entry would break if saved (with ``events``, if entered in those)."""
    data = _normalised(data)
    with db.reader() as session:
        sr = _SeasonRules(session, current_season(session))
        problems = sr.problems(data)
        assert sr.season.id is not None
        if data.number and _number_taken(session, sr.season.id, data.number, entry_id):
            problems.append(f"Car {data.number}: the number is already entered this season; "
                            "choose another number or edit that entry")
        problems += _check_events(data, events, _event_numbers(session, sr.season.id))
    return problems


def _event_numbers(session: Session, season_id: int) -> list[int]:
    return list(session.exec(select(Event.number).where(Event.season_id == season_id)).all())


def _check_events(data: EntryInput, events: Sequence[int] | None,
                  season_events: Sequence[int]) -> list[str]:
    if events is None:
        return []
    who = f"Car {data.number}"
    if not events:
        return [f"{who}: choose the events the car is entered in (at least one)"]
    if data.full_season and set(events) != set(season_events):
        return [f"{who}: a full-season entry is entered in every event; untick "
                "'Full-season entry' for a part-season car"]
    return []


def add_entry(db: Database, data: EntryInput, *,
              events: Sequence[int] | None = None) -> EntryView:
    """Add one entry, entered in every event or in ``events`` (part season).

    Raises:
        RuleViolation: a series rule refuses it; nothing is saved.
    """
    data = _normalised(data)
    with db.transaction() as session:
        season = current_season(session)
        assert season.id is not None
        if problems := _check_events(data, events, _event_numbers(session, season.id)):
            raise RuleViolation(problems)
        (view,) = add_many(session, [data])
        if events is not None:
            enter_events(session, session.get_one(Entry, view.id), events)
    return view


def add_many(session: Session, inputs: Iterable[EntryInput], *, action: str = "add",
             locations: Sequence[str] | None = None) -> list[EntryView]:
    """Add entries inside the caller's transaction, all or none.

    Args:
        locations: a prefix per input (``FILE:LINE``) for the messages of an import.
    """
    sr = _SeasonRules(session, current_season(session))
    assert sr.season.id is not None
    items = [_normalised(d) for d in inputs]
    problems: list[str] = []
    seen: dict[str, str] = {}
    for i, data in enumerate(items):
        where = f"{locations[i]}: " if locations else ""
        found = sr.problems(data)
        if data.number in seen:
            found.append(f"Car {data.number}: number entered twice (first at {seen[data.number]})")
        elif _number_taken(session, sr.season.id, data.number, None):
            found.append(f"Car {data.number}: the number is already entered this season")
        seen.setdefault(data.number, locations[i] if locations else f"entry {i + 1}")
        problems.extend(where + p for p in found)
    if problems:
        raise RuleViolation(problems)
    views = []
    for data in items:
        entry = _write(session, sr, data, None)
        view = _load_view(session, sr, entry)
        audit.record(session, action, "entry", entry.id, after=view.to_input().__dict__)
        views.append(view)
    return views


def update_entry(db: Database, entry_id: int, data: EntryInput, *,
                 events: Sequence[int] | None = None) -> EntryView:
    """Change an entry (and, given ``events``, the events it is entered in)."""
    data = _normalised(data)
    with db.transaction() as session:
        sr = _SeasonRules(session, current_season(session))
        entry = session.get(Entry, entry_id)
        if entry is None:
            raise NotFound(f"entry {entry_id} does not exist (deleted by someone else?)")
        before = _load_view(session, sr, entry)
        problems = sr.problems(data)
        assert sr.season.id is not None
        if _number_taken(session, sr.season.id, data.number, entry_id):
            problems.append(f"Car {data.number}: the number is already entered this season")
        problems += _check_events(data, events, _event_numbers(session, sr.season.id))
        if problems:
            raise RuleViolation(problems)
        _write(session, sr, data, entry)
        if events is not None:
            enter_events(session, entry, events)
        after = _load_view(session, sr, entry)
        audit.record(session, "update", "entry", entry_id, before=before.to_input().__dict__,
                     after=after.to_input().__dict__)
    return after


def delete_entry(db: Database, entry_id: int) -> None:
    with db.transaction() as session:
        sr = _SeasonRules(session, current_season(session))
        entry = session.get(Entry, entry_id)
        if entry is None:
            raise NotFound(f"entry {entry_id} does not exist (deleted by someone else?)")
        before = _load_view(session, sr, entry)
        tyres = session.exec(select(TyreRecord.id).where(TyreRecord.entry_id == entry_id)).all()
        if tyres:
            raise RuleViolation([
                f"Car {entry.number} ({before.driver}) has {len(tyres)} registered tyres; "
                "an entry with a tyre record cannot be deleted (the record is evidence). "
                f"{WITHDRAW_INSTEAD}"
            ])
        ran = events_with_results(session, entry)
        if ran:
            raise RuleViolation([
                f"Car {entry.number} ({before.driver}) has results at event "
                f"{', '.join(str(n) for n in sorted(ran.values()))}; an entry with results "
                f"cannot be deleted (the results are evidence). {WITHDRAW_INSTEAD}"
            ])
        session.delete(entry)
        audit.record(session, "delete", "entry", entry_id, before=before.to_input().__dict__)


def entry_events(db: Database, entry_id: int) -> list[int]:
    """The numbers of the events the entry is entered in."""
    with db.reader() as session:
        return list(session.exec(
            select(Event.number).join(EventEntry, col(EventEntry.event_id) == Event.id)
            .where(EventEntry.entry_id == entry_id).order_by(col(Event.number))
        ).all())


def set_entry_events(db: Database, entry_id: int, event_numbers: Iterable[int]) -> None:
    """Enter the entry in exactly these events of its season (part-season entries)."""
    with db.transaction() as session:
        entry = session.get(Entry, entry_id)
        if entry is None:
            raise NotFound(f"entry {entry_id} does not exist")
        enter_events(session, entry, event_numbers)


def enter_events(session: Session, entry: Entry, event_numbers: Iterable[int]) -> None:
    """`set_entry_events` inside the caller's transaction."""
    entry_id = entry.id
    wanted = sorted(set(event_numbers))
    if entry_id is not None and session.exec(
            select(EntryWithdrawal.id).where(EntryWithdrawal.entry_id == entry_id,
                                             col(EntryWithdrawal.event_id).is_(None))).first():
        raise RuleViolation([f"Car {entry.number} is withdrawn from the season; it is entered "
                             "in no more events"])
    if entry_id is not None:
        events = {e.number: e for e in session.exec(
            select(Event).where(Event.season_id == entry.season_id))}
        unknown = [n for n in wanted if n not in events]
        if unknown:
            raise RuleViolation([f"Car {entry.number}: no event {n} in the season"
                                 for n in unknown])
        before = [e.event_id for e in session.exec(
            select(EventEntry).where(EventEntry.entry_id == entry_id))]
        for row in session.exec(select(EventEntry).where(EventEntry.entry_id == entry_id)):
            session.delete(row)
        session.flush()
        for n in wanted:
            event_id = events[n].id
            assert event_id is not None
            session.add(EventEntry(event_id=event_id, entry_id=entry_id))
        audit.record(session, "events", "entry", entry_id,
                     before=sorted(before), after=wanted)


# --- CSV import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvRow:
    """One row of an entry list as read: the entry, and the columns that could not be read.

    A column that could not be read holds a stand-in (the season's age reference for a
    date, "no" for yes/no) so the row's other columns can still be checked against the
    rules; the stand-in is never written (the import refuses the file).
    """

    data: EntryInput
    line: int
    where: str  # FILE:LINE
    errors: tuple[tuple[str, str], ...] = ()  # (column, what)


def _yes_no(value: str) -> bool | None:
    text = value.strip().lower()
    if text in ("yes", "y", "true", "1"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    return None


def read_entries_rows(path: Path, *,
                      reference: date = date(2000, 1, 1),
                      ) -> tuple[list[CsvRow], list[tuple[int, str]]]:
    """Read every row of an entry list; what cannot be read is listed, not raised.

    The file is read only if it is a regular file of a sane size (a FIFO or a device is
    refused unread); CR, LF and CR LF line ends count alike in ``FILE:LINE``.

    Args:
        reference: the stand-in date of birth of a row whose date cannot be read.

    Return:
        The rows that have the right number of fields (with their unreadable columns) and
        the problems of the rows that do not, as (line, ``FILE:LINE: what``).

    Raises:
        InputError: the file as a whole cannot be read (not text, no header, a quote
            left open).
    """
    name = str(path)
    raw = read_input_file(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as CSV UTF-8",
            Location(name, line_of(raw, exc.start)),
        ) from exc
    if "\0" in text:
        raise InputError("the file holds NUL bytes: not a CSV file",
                         Location(name, line_of(raw, raw.index(b"\0"))))
    if not text.strip():
        raise InputError("the file is empty; expected the header " + ",".join(CSV_COLUMNS),
                         Location(name, 1))
    records = csv_records(unify_line_ends(text), ",", name)
    _, first = next(records)
    header = [h.strip().lower() for h in first]
    if header != list(CSV_COLUMNS):
        missing = [c for c in CSV_COLUMNS if c not in header]
        extra = [h[:40] for h in header if h not in CSV_COLUMNS]
        detail = "; ".join(
            part for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unexpected {', '.join(extra)}" if extra else "",
                "columns in the wrong order" if not missing and not extra else "",
            ) if part
        )
        raise InputError(f"the header must be exactly {','.join(CSV_COLUMNS)} ({detail})",
                         Location(name, 1))
    rows: list[CsvRow] = []
    problems: list[tuple[int, str]] = []
    for line, fields in records:
        if not any(f.strip() for f in fields):
            continue
        where = f"{name}:{line}"
        if len(fields) != len(CSV_COLUMNS):
            problems.append((line, f"{where}: expected {len(CSV_COLUMNS)} fields, "
                                   f"found {len(fields)}"))
            continue
        rows.append(_row(fields, line, where, reference))
    if not rows and not problems:
        raise InputError("the file has a header but no entries", Location(name, 2))
    return rows, problems


# The longest name or team a row may give: anything longer is a damaged or hostile file.
_MAX_TEXT = 100
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _row(fields: list[str], line: int, where: str, reference: date) -> CsvRow:
    values = dict(zip(CSV_COLUMNS, (f.strip() for f in fields), strict=True))
    errors: list[tuple[str, str]] = []
    for column, value in values.items():
        if len(value) > _MAX_TEXT:
            errors.append((column, f"{len(value)} characters long (at most {_MAX_TEXT})"))
            values[column] = ""
        elif any(unicodedata.category(c) == "Cc" for c in value):
            errors.append((column, "holds a control character"))
            values[column] = ""
        elif not value and column in ("number", "first_name", "last_name", "team", "car",
                                      "class"):
            errors.append((column, "is empty"))
    born = reference
    text = values["date_of_birth"]
    if "date_of_birth" not in dict(errors):
        try:
            if not _DATE.fullmatch(text):
                raise ValueError(text)
            born = date.fromisoformat(text)
        except ValueError:
            errors.append(("date_of_birth",
                           f"'{text}' is not a date in the form YYYY-MM-DD"))
    flags: dict[str, bool] = {}
    for column in ("gentleman", "full_season"):
        flag = _yes_no(values[column])
        if flag is None and column not in dict(errors):
            errors.append((column, f"must be yes or no, not '{values[column]}'"))
        flags[column] = bool(flag)
    data = EntryInput(
        number=values["number"], first_name=values["first_name"],
        last_name=values["last_name"], date_of_birth=born,
        nationality=values["nationality"], team=values["team"], car=values["car"],
        class_name=values["class"], gentleman=flags["gentleman"],
        full_season=flags["full_season"],
    )
    return CsvRow(data, line, where, tuple(errors))


def _refuse_replacing_cars_with_tyres(session: Session, season_id: int | None) -> None:
    """A tyre record is evidence and names its entry: such entries cannot be replaced."""
    rows = session.exec(
        select(Entry.number, func.count(col(TyreRecord.id)))
        .join(TyreRecord, col(TyreRecord.entry_id) == Entry.id)
        .where(Entry.season_id == season_id).group_by(col(Entry.number))
    ).all()
    if rows:
        cars = ", ".join(f"{n} ({c})" for n, c in sorted(rows, key=lambda r: car_number_key(r[0])))
        raise RuleViolation([
            f"the entry list cannot be replaced: cars with registered tyres would be deleted "
            f"(car and tyres: {cars}); tyre records are evidence. Import without --replace "
            "to add entries; nothing was changed"
        ])


def import_entries_csv(db: Database, path: Path, *, replace: bool = False) -> int:
    """Import an entry list, all rows or none.

    Every problem of every row is reported at once, as ``FILE:LINE: column: what`` in file
    order (a date that cannot be read does not hide the class rule the next row breaks):
    an official corrects the file in one pass.

    Args:
        replace: first remove the season's current entries (in the same transaction).

    Return:
        How many entries were added.

    Raises:
        InputError: the file as a whole cannot be read.
        RuleViolation: every problem of every row; nothing is written.
    """
    with db.reader() as session:
        reference = current_season(session).age_reference
    rows, shape_problems = read_entries_rows(path, reference=reference)
    with db.transaction() as session:
        season = current_season(session)
        if replace:
            _refuse_replacing_cars_with_tyres(session, season.id)
        problems = _import_problems(session, rows, replace=replace) + shape_problems
        if problems:
            raise RuleViolation([p for _line, p in sorted(problems, key=lambda p: p[0])])
        if replace:
            for entry in session.exec(select(Entry).where(Entry.season_id == season.id)):
                audit.record(session, "delete", "entry", entry.id, before={"number": entry.number})
                session.delete(entry)
            session.flush()
        add_many(session, [r.data for r in rows], action="import",
                 locations=[r.where for r in rows])
    return len(rows)


def _import_problems(session: Session, rows: Sequence[CsvRow], *,
                     replace: bool) -> list[tuple[int, str]]:
    """Every problem of every row, as (line, ``FILE:LINE: column: what``)."""
    sr = _SeasonRules(session, current_season(session))
    assert sr.season.id is not None
    problems: list[tuple[int, str]] = []
    seen: dict[str, str] = {}
    for row in rows:
        data = _normalised(row.data)
        unreadable = {column for column, _ in row.errors}
        found = list(row.errors)
        # A column that could not be read holds a stand-in: its rules are not judged.
        found += [(field, p) for field, p in sr.field_problems(data) if field not in unreadable
                  and not (field == "class" and "class" in unreadable)]
        if data.number and "number" not in unreadable:
            if data.number in seen:
                found.append(("number", f"Car {data.number}: number entered twice (first at "
                                        f"{seen[data.number]})"))
            elif not replace and _number_taken(session, sr.season.id, data.number, None):
                found.append(("number", f"Car {data.number}: the number is already entered "
                                        "this season"))
            seen.setdefault(data.number, row.where)
        problems.extend((row.line, f"{row.where}: {column}: {what}") for column, what in found)
    return problems
