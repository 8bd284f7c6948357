"""The demo season: telling it apart, and clearing it in one step for the real field.

The demo is the 2021 season with a fictional field (`paddock.services.demo`) and, on the
window's first start, its first weekends run. It is marked (``season.demo``) so the window
shows a banner and every document printed from it says "DEMO — fictional data". Clearing
it removes what the demo made up — entries, tyres, timing, results, decisions, grid
amendments — in one transaction, after a backup; the calendar, classes and cars stay, and
the season is no longer marked: the real entry list goes in next.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete
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
    GridAdjustment,
    LapRecordRow,
    PenaltyRecord,
    PublishedRevision,
    RaceSession,
    ResultLine,
    Team,
    TimingImport,
    TimingLine,
    TyreRecord,
)
from paddock.errors import RuleViolation
from paddock.services.backups import backup_before
from paddock.services.season import current_season

#: Printed on every document of a demo season and shown in the window's banner.
DEMO_MARK = "DEMO — fictional data"


def is_demo(db: Database) -> bool:
    """Whether the season being worked on is the fictional demo."""
    with db.reader() as session:
        return current_season(session).demo


@dataclass(frozen=True)
class ClearedDemo:
    """What clearing the demo removed, for the confirmation line."""

    year: int
    entries: int
    tyres: int
    results: int  # classified or timed lines and published revisions
    decisions: int

    @property
    def text(self) -> str:
        return (f"demo season {self.year} cleared: {self.entries} entries, {self.tyres} tyres, "
                f"{self.results} result lines and revisions, {self.decisions} decisions removed; "
                "the calendar, classes and cars stay")


def _count_and_delete(session: Session, model: type, *conditions: object) -> int:
    query = delete(model).where(*conditions)  # type: ignore[arg-type]
    return int(session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def clear_demo(db: Database) -> ClearedDemo:
    """Remove the demo season's entries, tyres, timing and results, all in one step.

    The database is copied first (``NAME.db.backups/``, label ``clear-demo``), so even
    this can be undone with ``paddock backup restore``.

    Raises:
        RuleViolation: the season is not the demo (a real season's entries, tyres and
            results are evidence and are never cleared); nothing written.
    """
    with db.reader() as session:
        season = current_season(session)
        if not season.demo:
            raise RuleViolation([
                f"the {season.year} season is not the demo season: its entries, tyres and "
                "results are kept (withdraw an entry instead); nothing was changed"])
    with backup_before(db, "clear-demo"), db.transaction() as session:
        season = current_season(session)
        if not season.demo:  # made real by another desk meanwhile
            raise RuleViolation([f"the {season.year} season is not the demo season; "
                                 "nothing was changed"])
        events = select(Event.id).where(Event.season_id == season.id)
        sessions = select(RaceSession.id).where(col(RaceSession.event_id).in_(events))
        entries = select(Entry.id).where(Entry.season_id == season.id)
        in_sessions = (
            LapRecordRow, ResultLine, TimingLine, CarStatusRecord, PublishedRevision)
        results = sum(_count_and_delete(session, model, col(model.session_id).in_(sessions))
                      for model in in_sessions)
        decisions = _count_and_delete(session, PenaltyRecord,
                                      col(PenaltyRecord.session_id).in_(sessions))
        decisions += _count_and_delete(session, GridAdjustment,
                                       col(GridAdjustment.event_id).in_(events))
        _count_and_delete(session, TimingImport, col(TimingImport.session_id).in_(sessions))
        tyres = _count_and_delete(session, TyreRecord, TyreRecord.season_id == season.id)
        _count_and_delete(session, EntryWithdrawal, col(EntryWithdrawal.entry_id).in_(entries))
        _count_and_delete(session, EventEntry, col(EventEntry.entry_id).in_(entries))
        count = _count_and_delete(session, Entry, Entry.season_id == season.id)
        # The fictional drivers and teams go too, unless another season entered them.
        _count_and_delete(session, Driver, col(Driver.id).not_in(select(Entry.driver_id)))
        _count_and_delete(session, Team, col(Team.id).not_in(select(Entry.team_id)))
        season.demo = False
        session.add(season)
        cleared = ClearedDemo(season.year, count, tyres, results, decisions)
        audit.record(session, "clear-demo", "season", season.year,
                     after={"entries": count, "tyres": tyres, "results": results,
                            "decisions": decisions})
    return cleared
