"""Withdrawing an entry from the season or from one event, with a reason.

An entry with tyres or results is evidence and is never deleted: it is withdrawn. It stays
(with its tyres and results) and leaves the events it had not run, so no new tyre
registration, timing import, classification or grid takes it (they all read the event's
entered cars). What the car ran stays: at an event where it ran, the stewards take it off
a grid with a grid amendment (`paddock.services.grids.adjust_grid`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import (
    CarStatusRecord,
    Driver,
    Entry,
    EntryWithdrawal,
    Event,
    EventEntry,
    LapRecordRow,
    PenaltyRecord,
    RaceSession,
    ResultLine,
    TimingLine,
)
from paddock.errors import NotFound, RuleViolation
from paddock.services.season import current_season, find_event

WITHDRAW_INSTEAD = ("Withdraw it instead (Withdraw… on the Entries page, or `paddock entries "
                     "withdraw --car NO --reason TEXT`).")


@dataclass(frozen=True)
class Withdrawal:
    """What a withdrawal did, for the confirmation line."""

    number: str
    driver: str
    reason: str
    event: str = ""  # the event's name; "" for the season
    #: The events the car left (numbers): those it had not run yet.
    left: tuple[int, ...] = ()
    #: The events it stays in because it ran there (its results stand).
    kept: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        what = f"from {self.event}" if self.event else "from the season"
        text = f"car {self.number} ({self.driver}) withdrawn {what}: {self.reason}"
        if not self.event and self.kept:
            text += (f"; its results at event {', '.join(str(n) for n in self.kept)} "
                     "stand")
        return text


def events_with_results(session: Session, entry: Entry) -> dict[int, int]:
    """Event id -> number, for the events of the entry's season where the car ran.

    Ran: a timed lap, a classified line, a DNS/DNF ruling or a stewards' decision.
    """
    sessions = (select(RaceSession.id).join(Event, col(RaceSession.event_id) == Event.id)
                .where(Event.season_id == entry.season_id))
    ran: set[int] = set()
    for model in (LapRecordRow, ResultLine, TimingLine, CarStatusRecord, PenaltyRecord):
        ran |= set(session.exec(
            select(RaceSession.event_id).join(model, col(model.session_id) == RaceSession.id)
            .where(model.number == entry.number, col(RaceSession.id).in_(sessions))).all())
    if not ran:
        return {}
    return {e.id: e.number for e in session.exec(select(Event).where(col(Event.id).in_(ran)))
            if e.id is not None}


def withdraw_entry(db: Database, number: str, *, reason: str,
                   event: str | None = None) -> Withdrawal:
    """Withdraw car ``number`` from the season, or from one ``event``, with a reason.

    The entry stays (with its tyres and results: evidence). It leaves the events it had
    not run yet — every one for the season, the one named for an event — so no new tyre
    registration, timing import, classification or grid takes it. An event it ran at
    keeps it: a car that ran is taken off a grid by the stewards (a grid amendment).

    Raises:
        RuleViolation: no reason, already withdrawn, not entered at the event, or it ran
            there; nothing written.
        NotFound: no such car or event.
    """
    reason = " ".join(reason.split())
    number = number.strip()
    with db.transaction() as session:
        season = current_season(session)
        entry = session.exec(select(Entry).where(Entry.season_id == season.id,
                                                 Entry.number == number)).first()
        if entry is None or entry.id is None:
            raise NotFound(f"car {number} is not entered in {season.year}")
        driver = session.get_one(Driver, entry.driver_id)
        who = f"Car {entry.number} ({driver.first_name} {driver.last_name})"
        if not reason:
            raise RuleViolation([f"reason: {who}: a withdrawal needs a reason"])
        records = session.exec(select(EntryWithdrawal)
                               .where(EntryWithdrawal.entry_id == entry.id)).all()
        if any(r.event_id is None for r in records):
            raise RuleViolation([f"{who} is already withdrawn from the season"])
        ran = events_with_results(session, entry)
        entered = {row.event_id: row for row in session.exec(
            select(EventEntry).where(EventEntry.entry_id == entry.id))}
        numbers = {e.id: e.number for e in session.exec(
            select(Event).where(Event.season_id == season.id)) if e.id is not None}
        found: Event | None = None
        if event is not None:
            found = find_event(session, season, event)
            if found.id in ran:
                raise RuleViolation([
                    f"{who} ran at {found.name} (it has results there): a car that ran is "
                    "not withdrawn from the event; the stewards take it off a grid with a "
                    "grid amendment (`paddock grid adjust --event E --race N --withdraw "
                    "--car NO --reason TEXT`)"])
            if any(r.event_id == found.id for r in records):
                raise RuleViolation([f"{who} is already withdrawn from {found.name}"])
            if found.id not in entered:
                raise RuleViolation([f"{who} is not entered at {found.name}; nothing to "
                                     "withdraw from"])
            leaving = [found.id]
        else:
            leaving = [event_id for event_id in entered if event_id not in ran]
        for event_id in leaving:
            session.delete(entered[event_id])
        session.add(EntryWithdrawal(entry_id=entry.id,
                                    event_id=found.id if found is not None else None,
                                    reason=reason, created_by=audit.current_user()))
        left = tuple(sorted(numbers[i] for i in leaving if i is not None))
        kept = tuple(sorted(ran.values()))
        audit.record(session, "withdraw", "entry", entry.id,
                     after={"number": entry.number, "event": found.number if found else None,
                            "reason": reason, "left": list(left)})
        return Withdrawal(entry.number, f"{driver.first_name} {driver.last_name}", reason,
                          found.name if found is not None else "", left, kept)
