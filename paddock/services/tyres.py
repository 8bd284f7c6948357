"""Tyre control use cases: register, check (scan), correct (move, void), carry over,
replace, scrap, report.

The scan check is on the hot path (a scanner types a code and Enter; the verdict must be
on screen at once), so it loads only the tyre scanned and its car's tyres at the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import Driver, Entry, Event, EventEntry, RaceSession, Season, TyreRecord
from paddock.db.types import utcnow
from paddock.errors import NotFound, RuleViolation
from paddock.rules import tyres as rules
from paddock.rules.cars import car_number_key
from paddock.services.season import current_season, find_event


@dataclass(frozen=True)
class TyreView:
    barcode: str
    car: str
    driver: str
    event: int
    tyre_type: str
    status: str
    replacement: bool
    carried_from: int | None
    reason: str
    registered_at: datetime
    registered_by: str


@dataclass(frozen=True)
class RegisterResult:
    """What a registration did: the tyres written and the car's count against its quota."""

    car: str
    driver: str
    tyres: tuple[TyreView, ...]
    used: int
    quota: int | None

    @property
    def quota_text(self) -> str:
        return f"{self.used} (no limit)" if self.quota is None else f"{self.used} of {self.quota}"


class TyreRefusal(RuleViolation):
    """A tyre change refused by the series' rules; nothing was written.

    ``details`` holds each broken rule with the facts a headline needs (the car a tyre is
    registered to, a car's count against its quota), so a desk names the refusal without
    asking the rules or the database again.
    """

    def __init__(self, details: Sequence[rules.TyreProblem]) -> None:
        self.details = tuple(details)
        super().__init__([str(p) for p in self.details])


def tyre_rules(season: Season, event: Event) -> rules.TyreRules:
    """The season's allocation with the event's overrides."""
    return rules.TyreRules(
        slick_quota=event.slick_quota if event.slick_quota is not None else season.slick_quota,
        wet_quota=event.wet_quota if event.wet_quota is not None else season.wet_quota,
        carry_over_limit=season.carry_over_limit,
    )


class _Context:
    """The season, the event and lookups shared by the tyre use cases."""

    def __init__(self, session: Session, event_key: str) -> None:
        self.session = session
        self.season = current_season(session)
        self.event = find_event(session, self.season, event_key)
        self.rules = tyre_rules(self.season, self.event)
        self._event_numbers: dict[int, int] = {}

    def event_number(self, event_id: int) -> int:
        if not self._event_numbers:
            self._event_numbers = {
                e.id: e.number for e in self.session.exec(
                    select(Event).where(Event.season_id == self.season.id)) if e.id is not None
            }
        return self._event_numbers[event_id]

    def entered(self) -> dict[str, tuple[int, str]]:
        """Car number -> (entry id, driver) for the cars entered at the event."""
        rows = self.session.exec(
            select(Entry.number, Entry.id, Driver.first_name, Driver.last_name)
            .join(EventEntry, col(EventEntry.entry_id) == Entry.id)
            .join(Driver, col(Entry.driver_id) == Driver.id)
            .where(EventEntry.event_id == self.event.id)
        ).all()
        return {n: (i, f"{f} {ln}") for n, i, f, ln in rows if i is not None}

    def entry_by_number(self, number: str) -> tuple[Entry, str] | None:
        row = self.session.exec(
            select(Entry, Driver).join(Driver, col(Entry.driver_id) == Driver.id)
            .where(Entry.season_id == self.season.id, Entry.number == number)
        ).first()
        return (row[0], f"{row[1].first_name} {row[1].last_name}") if row else None

    def records(self, *conditions: object) -> list[tuple[TyreRecord, str]]:
        rows = self.session.exec(
            select(TyreRecord, Entry.number).join(Entry, col(TyreRecord.entry_id) == Entry.id)
            .where(TyreRecord.season_id == self.season.id, *conditions)  # type: ignore[arg-type]
        ).all()
        return list(rows)

    def to_rule(self, record: TyreRecord, car: str) -> rules.Tyre:
        return rules.Tyre(
            barcode=record.barcode, car=car, event=self.event_number(record.event_id),
            tyre_type=rules.TyreType(record.tyre_type), status=rules.TyreStatus(record.status),
            reason=record.reason,
            carried_from=(self.event_number(record.carried_from_event_id)
                          if record.carried_from_event_id is not None else None),
            replacement=record.replacement,
            first_event=(self.event_number(record.first_event_id)
                         if record.first_event_id is not None else None),
        )

    def correction_window(self) -> rules.CorrectionWindow:
        """Until when this event's registrations may be corrected: its first race's start."""
        race = self.session.exec(
            select(RaceSession).where(RaceSession.event_id == self.event.id,
                                      RaceSession.kind == "race")
            .order_by(col(RaceSession.race_number), col(RaceSession.sort_order))
        ).first()
        if race is None:
            return rules.CorrectionWindow()
        if race.starts_at is None:
            return rules.CorrectionWindow(race.name)
        try:
            zone = ZoneInfo(self.event.time_zone)
        except (KeyError, ValueError):
            zone = ZoneInfo("UTC")
        local = race.starts_at.astimezone(zone)
        return rules.CorrectionWindow(race.name, race.starts_at,
                                      local.strftime("%a %d %b %H:%M ") + (local.tzname() or ""))

    def car_tyres_here(self, entry_id: int,
                       tyre_type: rules.TyreType | None = None) -> list[rules.Tyre]:
        """The car's tyres at the event, and those bought here and carried on since
        (only those of ``tyre_type`` when given: a quota is per type)."""
        of_type = () if tyre_type is None else (TyreRecord.tyre_type == tyre_type.value,)
        # Plain columns, not ORM objects: this runs on every scan, and a car's tyres at an
        # event are read only to be judged (hydrating them was most of a scan's time).
        rows = self.session.execute(
            sa_select(*(col(c) for c in (
                TyreRecord.barcode, TyreRecord.event_id, TyreRecord.tyre_type,
                TyreRecord.status, TyreRecord.reason, TyreRecord.carried_from_event_id,
                TyreRecord.replacement, TyreRecord.first_event_id, Entry.number)))
            .join(Entry, col(TyreRecord.entry_id) == Entry.id)
            .where(col(TyreRecord.season_id) == self.season.id,
                   col(TyreRecord.entry_id) == entry_id,
                   (col(TyreRecord.event_id) == self.event.id)
                   | (col(TyreRecord.first_event_id) == self.event.id),
                   *of_type)
        ).all()
        number = self.event_number
        return [rules.Tyre(
            barcode=barcode, car=car, event=number(event_id),
            tyre_type=rules.TyreType(kind), status=rules.TyreStatus(status), reason=reason,
            carried_from=number(carried) if carried is not None else None,
            replacement=replacement,
            first_event=number(first) if first is not None else None,
        ) for barcode, event_id, kind, status, reason, carried, replacement, first, car in rows]


def _view(record: TyreRecord, car: str, driver: str, event_number: int,
          carried_from: int | None) -> TyreView:
    return TyreView(
        barcode=record.barcode, car=car, driver=driver, event=event_number,
        tyre_type=record.tyre_type, status=record.status, replacement=record.replacement,
        carried_from=carried_from, reason=record.reason, registered_at=record.registered_at,
        registered_by=record.registered_by,
    )


def register_tyres(
    db: Database,
    *,
    event: str,
    car: str,
    barcodes: Sequence[str],
    tyre_type: str = "slick",
    replacement: bool = False,
    reason: str = "",
) -> RegisterResult:
    """Register a batch of tyres to a car for an event: all of them, or none.

    Every check (barcode free this season, the car's quota left, ...) reads inside the
    writing transaction, which holds the write lock from its start: two desks registering
    at once are served one after the other, and the second sees the first's tyres.

    Raises:
        RuleViolation: each problem names the rule, the car and the barcode.
    """
    car = car.strip()
    if not barcodes:
        raise RuleViolation([f"car {car}: no barcode given"])
    try:
        kind = rules.TyreType(tyre_type)
    except ValueError:
        raise RuleViolation([f"tyre type '{tyre_type}' is not slick or wet"]) from None

    def register(session: Session) -> RegisterResult:
        ctx = _Context(session, event)
        entered = ctx.entered()
        codes = [rules.normalise_barcode(b) for b in barcodes if not rules.barcode_problem(b)]
        existing = ctx.records(col(TyreRecord.barcode).in_(codes)) if codes else []
        known = [ctx.to_rule(r, c) for r, c in existing]
        here = ctx.car_tyres_here(entered[car][0], kind) if car in entered else []
        problems = rules.check_registration(
            list(barcodes), car=car, event=ctx.event.number, tyres=known + here,
            entries=entered, tyre_type=kind, replacement=replacement, reason=reason,
            rules=ctx.rules,
        )
        if problems:
            raise TyreRefusal(problems)
        entry_id, driver = entered[car]
        user = audit.current_user()
        views = []
        added = rules.new_tyres(barcodes, car=car, event=ctx.event.number, tyre_type=kind,
                                replacement=replacement, reason=reason)
        assert ctx.season.id is not None and ctx.event.id is not None
        # A voided registration keeps its row (the barcode is unique in the season):
        # registering the tyre again takes that row over.
        voided = {r.barcode: (r, c) for r, c in existing
                  if r.status == rules.TyreStatus.VOID.value}
        for tyre in added:
            before = None
            if tyre.barcode in voided:
                record, old_car = voided[tyre.barcode]
                before = {"car": old_car, "event": ctx.event_number(record.event_id),
                          "status": record.status, "reason": record.reason}
                record.entry_id, record.event_id = entry_id, ctx.event.id
                record.tyre_type, record.status = tyre.tyre_type.value, tyre.status.value
                record.replacement, record.reason = tyre.replacement, tyre.reason
                record.carried_from_event_id, record.first_event_id = None, ctx.event.id
                record.registered_by, record.registered_at = user, utcnow()
            else:
                record = TyreRecord(
                    season_id=ctx.season.id, barcode=tyre.barcode, entry_id=entry_id,
                    event_id=ctx.event.id, tyre_type=tyre.tyre_type.value,
                    status=tyre.status.value, replacement=tyre.replacement, reason=tyre.reason,
                    registered_by=user, first_event_id=ctx.event.id,
                )
            session.add(record)
            views.append(_view(record, car, driver, ctx.event.number, None))
            audit.record(session, "register", "tyre", tyre.barcode, before=before,
                         after={"car": car, "event": ctx.event.number,
                                "type": tyre.tyre_type.value, "status": tyre.status.value,
                                "reason": tyre.reason})
        try:
            session.flush()
        except IntegrityError:
            # The checks above run under the write lock, so only a server without it
            # (or a bug) gets here; still a sentence for the desk, never a traceback.
            raise RuleViolation([f"car {car}: tyre(s) {', '.join(t.barcode for t in added)} "
                                 "were registered meanwhile by another desk (already "
                                 "registered this season); nothing was written"]) from None
        used = rules.quota_used([*here, *added], car, ctx.event.number, kind)
        return RegisterResult(car, driver, tuple(views), used, ctx.rules.quota(kind))

    return db.write(register)


def check_tyre(db: Database, *, event: str, barcode: str,
               expected_car: str | None = None) -> rules.Verdict:
    """The scan verdict: is this tyre legal at the event (and on the car inspected)?"""
    with db.reader() as session:
        ctx = _Context(session, event)
        code = rules.normalise_barcode(barcode)
        found = ctx.records(TyreRecord.barcode == code)
        tyres = [ctx.to_rule(r, c) for r, c in found]
        drivers: dict[str, str] = {}
        for record, car in found:
            entry = ctx.entry_by_number(car)
            if entry:
                drivers[car] = entry[1]
            tyres.extend(
                ctx.to_rule(r, c) for r, c in ctx.records(
                    TyreRecord.entry_id == record.entry_id, TyreRecord.barcode != code,
                    (TyreRecord.event_id == record.event_id)
                    | (TyreRecord.first_event_id == record.event_id))
            )
        return rules.verdict(barcode, ctx.event.number, tyres, drivers,
                             expected_car=expected_car.strip() if expected_car else None,
                             rules=ctx.rules)


def scrap_tyre(db: Database, *, event: str, barcode: str, reason: str) -> TyreView:
    """Mark a tyre scrapped (it keeps counting against its car's quota)."""
    if not reason.strip():
        raise RuleViolation(["scrapping a tyre needs a reason (e.g. 'puncture, FP2')"])
    with db.transaction() as session:
        ctx = _Context(session, event)
        code = rules.normalise_barcode(barcode)
        found = ctx.records(TyreRecord.barcode == code)
        if not found:
            raise NotFound(f"tyre {code} is not registered this season")
        record, car = found[0]
        if record.status == rules.TyreStatus.SCRAPPED.value:
            raise RuleViolation([f"tyre {code} of car {car} is already scrapped"])
        if record.status == rules.TyreStatus.VOID.value:
            raise RuleViolation([f"tyre {code} is not registered (its registration to car "
                                 f"{car} was voided: {record.reason})"])
        before = record.status
        record.status, record.reason = rules.TyreStatus.SCRAPPED.value, reason.strip()
        audit.record(session, "scrap", "tyre", code, before={"status": before},
                     after={"status": record.status, "reason": record.reason})
        entry = ctx.entry_by_number(car)
        return _view(record, car, entry[1] if entry else "", ctx.event_number(record.event_id),
                     None)


def carry_over_tyres(db: Database, *, event: str, car: str, barcodes: Sequence[str],
                     to_event: str | None = None) -> tuple[TyreView, ...]:
    """Carry unused slicks of a car from ``event`` to the next (or ``to_event``)."""
    with db.transaction() as session:
        ctx = _Context(session, event)
        target = find_event(session, ctx.season, to_event or str(ctx.event.number + 1))
        entered = ctx.entered()
        if car not in entered:
            raise RuleViolation([f"car {car} is not entered at event {ctx.event.number}"])
        entry_id, driver = entered[car]
        season_tyres = [ctx.to_rule(r, c) for r, c in ctx.records(TyreRecord.entry_id == entry_id)]
        problems = rules.check_carry_over(list(barcodes), car=car, from_event=ctx.event.number,
                                          tyres=season_tyres, to_event=target.number,
                                          rules=ctx.rules)
        if problems:
            raise RuleViolation([str(p) for p in problems])
        wanted = {rules.normalise_barcode(b) for b in barcodes}
        views = []
        assert target.id is not None
        for record, _car in ctx.records(TyreRecord.entry_id == entry_id,
                                        col(TyreRecord.barcode).in_(wanted)):
            record.carried_from_event_id, record.event_id = record.event_id, target.id
            record.status = rules.TyreStatus.CARRIED_OVER.value
            audit.record(session, "carry-over", "tyre", record.barcode,
                         before={"event": ctx.event.number}, after={"event": target.number})
            views.append(_view(record, car, driver, target.number, ctx.event.number))
        return tuple(views)


@dataclass(frozen=True)
class CorrectionResult:
    """What a correction did.

    Attributes:
        action: "move" or "void".
        tyre: the tyre as it now stands (moved: registered to ``to_car``; voided: void).
        from_car: the car it was registered to.
        to_car: the car it now belongs to ("" when voided).
        used / quota: the new car's new tyres of that type at the event, and the quota
            (a move); the old car's count (a void).
        window: one sentence on until when corrections are open at the event.
        reason: why, as typed (and audited).
    """

    action: str
    tyre: TyreView
    from_car: str
    to_car: str
    used: int
    quota: int | None
    window: str
    reason: str = ""

    @property
    def quota_text(self) -> str:
        return f"{self.used} (no limit)" if self.quota is None else f"{self.used} of {self.quota}"


def _correct(db: Database, event: str, barcode: str, reason: str, now: datetime | None,
             to_car: str | None) -> CorrectionResult:
    """Move a tyre to ``to_car``, or void it (None), after the rules' checks, in one go."""
    at = now or utcnow()
    code = rules.normalise_barcode(barcode)
    with db.transaction() as session:
        ctx = _Context(session, event)
        window = ctx.correction_window()
        entered = ctx.entered()
        found = ctx.records(TyreRecord.barcode == code)
        tyres = [ctx.to_rule(r, c) for r, c in found]
        if to_car is not None and to_car in entered:
            tyres += [t for t in ctx.car_tyres_here(entered[to_car][0]) if t.barcode != code]
        if to_car is None:
            problems = rules.check_void(code, event=ctx.event.number, tyres=tyres,
                                        reason=reason, window=window, now=at)
        else:
            problems = rules.check_move(code, to_car=to_car, event=ctx.event.number,
                                        tyres=tyres, entries=entered, reason=reason,
                                        window=window, now=at, rules=ctx.rules)
        if problems:
            raise TyreRefusal(problems)
        record, from_car = found[0]
        tyre = tyres[0]
        why = reason.strip()
        if to_car is None:
            record.status, record.reason = rules.TyreStatus.VOID.value, why
            audit.record(session, "void", "tyre", code,
                         before={"car": from_car, "event": ctx.event.number,
                                 "status": tyre.status.value},
                         after={"car": from_car, "status": record.status, "reason": why})
            owner = from_car
            left = [t for t in ctx.car_tyres_here(record.entry_id) if t.barcode != code]
        else:
            record.entry_id = entered[to_car][0]
            audit.record(session, "move", "tyre", code,
                         before={"car": from_car, "event": ctx.event.number},
                         after={"car": to_car, "event": ctx.event.number, "reason": why})
            owner = to_car
            left = [*(t for t in tyres[1:]), replace(tyre, car=to_car)]
        session.add(record)
        used = rules.quota_used(left, owner, ctx.event.number, tyre.tyre_type)
        driver = entered[owner][1] if owner in entered else ""
        view = _view(record, owner, driver, ctx.event.number, None)
        return CorrectionResult("void" if to_car is None else "move", view, from_car,
                                to_car or "", used, ctx.rules.quota(tyre.tyre_type),
                                window.describe(), why)


def move_tyre(db: Database, *, event: str, barcode: str, to_car: str, reason: str,
              now: datetime | None = None) -> CorrectionResult:
    """Move a tyre registered by mistake to another car at the event, with the reason.

    Allowed until the event's first race starts (its scheduled start; none set: allowed);
    the tyre then counts against the new car's quota, which must have room. Every check
    reads inside the writing transaction.

    Args:
        now: the time of the correction (default: now, UTC).

    Raises:
        TyreRefusal: each broken rule, naming the tyre and the cars.
    """
    return _correct(db, event, barcode, reason, now, to_car.strip())


def void_tyre(db: Database, *, event: str, barcode: str, reason: str,
              now: datetime | None = None) -> CorrectionResult:
    """Void a registration made by mistake, with the reason: the quota it used is free.

    Same window as `move_tyre`; the tyre's barcode may then be registered again.

    Raises:
        TyreRefusal: each broken rule, naming the tyre and its car.
    """
    return _correct(db, event, barcode, reason, now, None)


@dataclass(frozen=True)
class EventTyres:
    """Everything the tyre desk and the tyre report show for one event."""

    event_number: int
    event_name: str
    tyre_rules: rules.TyreRules
    tyres: tuple[TyreView, ...]
    slicks: tuple[rules.CarTyreSummary, ...]
    wets: tuple[rules.CarTyreSummary, ...]
    #: Registrations voided at the event (corrections): they count nowhere.
    voided: tuple[TyreView, ...] = ()
    #: Until when the event's registrations may be corrected.
    window: rules.CorrectionWindow = field(default_factory=rules.CorrectionWindow)


def event_tyres(db: Database, event: str) -> EventTyres:
    with db.reader() as session:
        ctx = _Context(session, event)
        entered = ctx.entered()
        drivers = {n: d for n, (_i, d) in entered.items()}
        records = ctx.records(TyreRecord.event_id == ctx.event.id)
        moved_on = ctx.records(TyreRecord.first_event_id == ctx.event.id,
                               TyreRecord.event_id != ctx.event.id)
        for _r, car in records:
            if car not in drivers:
                entry = ctx.entry_by_number(car)
                drivers[car] = entry[1] if entry else ""
        tyres = [ctx.to_rule(r, c) for r, c in records + moved_on]
        every = sorted(
            (_view(r, c, drivers.get(c, ""), ctx.event.number,
                   ctx.event_number(r.carried_from_event_id)
                   if r.carried_from_event_id is not None else None)
             for r, c in records),
            key=lambda v: (car_number_key(v.car), v.registered_at, v.barcode),
        )
        void = rules.TyreStatus.VOID.value
        return EventTyres(
            ctx.event.number, ctx.event.name, ctx.rules,
            tuple(v for v in every if v.status != void),
            rules.tyre_summary(ctx.event.number, tyres, drivers, tyre_type="slick",
                               rules=ctx.rules),
            rules.tyre_summary(ctx.event.number, tyres, drivers, tyre_type="wet",
                               rules=ctx.rules),
            voided=tuple(v for v in every if v.status == void),
            window=ctx.correction_window(),
        )


def registered_barcodes(db: Database, event: str) -> Iterable[str]:
    return [t.barcode for t in event_tyres(db, event).tyres]
