"""Session results: import timing files, classify, penalties, publish official revisions.

A session's classification is computed from what is stored (laps or result lines, the
season's settings, the stewards' penalties) until it is published. Publishing freezes a
copy as revision N; every later change (a penalty, a corrected import, a typed fix)
publishes revision N+1 with its reason at once, so an official result never changes
silently and every revision stays readable.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.backup import backup_sqlite
from paddock.db.engine import Database
from paddock.db.models import (
    Car,
    CarStatusRecord,
    Driver,
    Entry,
    Event,
    LapRecordRow,
    PenaltyRecord,
    PublishedRevision,
    RaceClass,
    RaceSession,
    ResultLine,
    Season,
    Team,
    TimingImport,
    TimingLine,
)
from paddock.errors import InputError, Location, NotFound, RuleViolation
from paddock.rules import classification as engine
from paddock.rules import penalties as pen
from paddock.rules.laptime import parse_optional_time
from paddock.rules.timing_marks import timing_system_deletions
from paddock.services.revision_hash import check_revision, content_hash
from paddock.services.season import current_season, entered_numbers, find_event, find_session

PENALTY_KINDS = tuple(k.value for k in pen.PenaltyKind)


@dataclass(frozen=True)
class ResultRowView:
    """A classification row with the entry's details, as the UI, CLI and PDFs show it."""

    row: engine.ClassificationRow
    driver: str
    nationality: str
    team: str
    car: str

    def to_json(self) -> dict[str, Any]:
        data = self.row.as_json()
        data["driver"] = self.driver
        return {k: data[k] for k in (
            "position", "number", "driver", "class", "class_position", "status", "laps",
            "total_time_ms", "gap", "best_lap_ms", "best_lap_number", "second_best_lap_ms")}


@dataclass(frozen=True)
class PenaltyView:
    id: int
    number: str
    kind: str
    time_ms: int
    lap: int | None
    places: int
    served: bool
    reason: str
    decision: str
    created_at: datetime
    created_by: str
    article: str = ""
    pending: bool = False

    def to_rule(self) -> pen.Penalty:
        return pen.Penalty(number=self.number, kind=pen.PenaltyKind(self.kind),
                           reason=self.reason, decision=self.decision, time_ms=self.time_ms,
                           lap=self.lap, places=self.places, served=self.served)


@dataclass(frozen=True)
class SessionResults:
    """A session's classification as it stands: provisional, or an official revision."""

    event_number: int
    event_short_name: str
    event_name: str
    session_code: str
    session_name: str
    session_kind: str
    official: bool
    revision: int
    published_at: datetime | None
    reason: str
    content_hash: str
    rows: tuple[ResultRowView, ...]
    penalties: tuple[PenaltyView, ...]
    winner_laps: int
    min_laps: int | None
    preview: bool = False  # the official classification as the pending decisions would make it

    @property
    def status(self) -> str:
        return "official" if self.official else "preview" if self.preview else "provisional"

    @property
    def pending(self) -> tuple[PenaltyView, ...]:
        """Decisions recorded on the official session and not yet published."""
        return tuple(p for p in self.penalties if p.pending)

    def in_class(self, class_name: str | None) -> tuple[ResultRowView, ...]:
        if not class_name:
            return self.rows
        return tuple(r for r in self.rows if r.row.class_name.casefold() == class_name.casefold())

    def to_json(self, class_name: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"status": self.status, "revision": self.revision,
                                "rows": [r.to_json() for r in self.in_class(class_name)]}
        if self.pending:
            data["pending_decisions"] = [p.decision for p in self.pending]
        return data


@dataclass(frozen=True)
class RevisionView:
    revision: int
    reason: str
    published_at: datetime
    published_by: str
    content_hash: str


@dataclass(frozen=True)
class ImportSummary:
    files: tuple[str, ...]
    kinds: tuple[str, ...]
    cars: int
    laps: int
    result_lines: int
    revision: int | None  # the revision published by a correction of an official session
    check: str = ""  # one line: how the classification compares with the timing system's
    warnings: tuple[str, ...] = ()  # possible but unusual, "FILE:LINE: what"; imported


@dataclass(frozen=True)
class PenaltyResult:
    penalty: PenaltyView
    revision: int | None  # the revision it published, when the session was official


@dataclass(frozen=True)
class _Hour:
    """Adapter: a stored lap as the engine's `LapLike`, with the time of day in ms."""

    number: str
    lap: int
    lap_time_ms: int | None
    elapsed_ms: int | None
    hour_ms: int | None


@dataclass(frozen=True)
class _Line:
    """Adapter: a stored result line as the engine's `ResultLike`."""

    number: str
    position: int | None
    status: engine.Status | None
    laps: int
    total_time_ms: int | None
    best_lap_ms: int | None
    best_lap_number: int | None
    class_name: str


# --- loading --------------------------------------------------------------------------------


class SessionContext:
    """One session being read or changed inside a transaction: its season, event, entries
    and stored rows, shared by the results use cases and the timing-system check."""

    def __init__(self, session: Session, event_key: str, session_code: str,
                 db: Database | None = None) -> None:
        self.s = session
        self.db = db
        self.backup_path: Path | None = None
        self.season: Season = current_season(session)
        self.event: Event = find_event(session, self.season, event_key)
        self.race_session: RaceSession = find_session(session, self.event, session_code)
        assert self.race_session.id is not None
        self.session_id: int = self.race_session.id

    def back_up(self, what: str) -> None:
        """Copy the database as it was before this change (SQLite), once per change."""
        db = self.db
        if self.backup_path is None and db is not None and db.is_sqlite and db.path:
            label = f"{self.event.short_name}-{self.race_session.code}-{what}"
            self.backup_path = backup_sqlite(db.path, label)

    @property
    def session_type(self) -> engine.SessionType:
        return engine.SessionType(self.race_session.kind)

    def settings(self) -> engine.ClassificationSettings:
        return engine.ClassificationSettings(
            classified_share=Fraction(self.season.classified_share_pct, 100),
            number_all_starters=self.season.number_all_starters,
            penalties=pen.PenaltySettings(drive_through_ms=self.season.drive_through_s * 1000,
                                          stop_and_go_ms=self.season.stop_and_go_s * 1000),
        )

    def entries(self) -> dict[str, tuple[str, str, str, str, str]]:
        """Car number -> (class, driver, nationality, team, car) for the whole season."""
        rows = self.s.exec(
            # sqlmodel's select() is typed for at most 4 columns, this one has more.
            select(  # type: ignore[call-overload]
                   Entry.number, RaceClass.name, Driver.first_name, Driver.last_name,
                   Driver.nationality, Team.name, Car.code)
            .join(RaceClass, col(Entry.class_id) == RaceClass.id)
            .join(Driver, col(Entry.driver_id) == Driver.id)
            .join(Team, col(Entry.team_id) == Team.id)
            .join(Car, col(Entry.car_id) == Car.id)
            .where(Entry.season_id == self.season.id)
        ).all()
        return {n: (k, f"{f} {ln}", nat, t, c) for n, k, f, ln, nat, t, c in rows}

    def entered(self) -> list[str]:
        return entered_numbers(self.s, self.event)

    def timing_lines(self, source: str | None = None) -> list[TimingLine]:
        """The timing system's results lines (``results``, ``by-class``), in file order."""
        query = select(TimingLine).where(TimingLine.session_id == self.session_id)
        if source is not None:
            query = query.where(TimingLine.source == source)
        return list(self.s.exec(query.order_by(col(TimingLine.source), col(TimingLine.order))))

    def car_statuses(self) -> dict[str, CarStatusRecord]:
        """The officials' DNS/DNF settlements of cars without a crossing, by car."""
        rows = self.s.exec(select(CarStatusRecord).where(
            CarStatusRecord.session_id == self.session_id)).all()
        return {r.number: r for r in rows}

    def starters(self) -> list[str] | None:
        """Who took the start, in grid order, where anything says so (None: nothing does).

        A car that took the start but never crossed the line is missing from the time
        cards: the timing system's results file lists it with a position, or an official
        settles it (DNF: it started; DNS: it did not, whatever a file says).
        """
        lines = self.timing_lines("results") or self.timing_lines("by-class")
        listed = [r.number for r in sorted(lines, key=lambda r: r.position or 0)
                  if r.position is not None]
        statuses = self.car_statuses()
        starters = [n for n in listed if getattr(statuses.get(n), "status", "dnf") == "dnf"]
        starters += [n for n, r in statuses.items() if r.status == "dnf" and n not in starters]
        return starters or None

    def penalties(self) -> list[PenaltyView]:
        rows = self.s.exec(select(PenaltyRecord).where(PenaltyRecord.session_id == self.session_id)
                           .order_by(col(PenaltyRecord.id))).all()
        return [_penalty_view(p) for p in rows]

    def latest_revision(self) -> PublishedRevision | None:
        return self.s.exec(
            select(PublishedRevision).where(PublishedRevision.session_id == self.session_id)
            .order_by(col(PublishedRevision.revision).desc())
        ).first()

    def compute(self, *, with_pending: bool = False,
                ) -> tuple[engine.Classification, dict[str, tuple[str, str, str, str, str]]]:
        """The classification from what is stored; pending decisions only when asked (the
        bulletin's preview, and the publish that takes them in)."""
        entries = self.entries()
        classes = {n: v[0] for n, v in entries.items()}
        penalties = [p.to_rule() for p in self.penalties() if with_pending or not p.pending]
        laps = self.s.exec(
            # sqlmodel's select() is typed for at most 4 columns, this one has more.
            select(  # type: ignore[call-overload]
                   LapRecordRow.number, LapRecordRow.lap, LapRecordRow.lap_time_ms,
                   LapRecordRow.elapsed_ms, LapRecordRow.hour, LapRecordRow.timing_deleted,
                   LapRecordRow.timing_reason)
            .where(LapRecordRow.session_id == self.session_id)
        ).all()
        entered = self.entered()
        lines = self.s.exec(select(ResultLine).where(ResultLine.session_id == self.session_id)
                            .order_by(col(ResultLine.order))).all()
        if laps:
            adapted = [_Hour(n, lap, t, e, _hour_ms(h)) for n, lap, t, e, h, _d, _r in laps]
            timing_deleted: dict[str, dict[int, str]] = {}
            for number, lap, *_rest, deleted, why in laps:
                if deleted:
                    timing_deleted.setdefault(number, {})[lap] = why
            result = engine.classify(self.session_type, adapted, classes=classes,
                                     starters=self.starters(), entered=entered,
                                     penalties=penalties, settings=self.settings(),
                                     timing_deleted=timing_deleted)
            return result, entries
        if lines:
            adapted_lines = [
                _Line(r.number, r.position, engine.Status(r.status) if r.status else None,
                      r.laps, r.total_time_ms, r.best_lap_ms, r.best_lap_number,
                      classes.get(r.number, ""))
                for r in lines
            ]
            result = engine.classification_from_results(
                adapted_lines, session=self.session_type, classes=classes,
                penalties=penalties, settings=self.settings())
            return result, entries
        return engine.Classification(self.session_type, ()), entries


def _hour_ms(text: str) -> int | None:
    try:
        return parse_optional_time(text)
    except ValueError:
        return None


def _penalty_view(p: PenaltyRecord) -> PenaltyView:
    assert p.id is not None
    return PenaltyView(p.id, p.number, p.kind, p.time_ms, p.lap, p.places, p.served, p.reason,
                       p.decision, p.created_at, p.created_by, p.article, p.pending)


def _views(result: engine.Classification,
           entries: dict[str, tuple[str, str, str, str, str]]) -> tuple[ResultRowView, ...]:
    views = []
    for row in result.rows:
        _cls, driver, nat, team, car = entries.get(row.number, ("", "", "", "", ""))
        views.append(ResultRowView(row, driver, nat, team, car))
    return tuple(views)


def _payload(rows: Sequence[ResultRowView]) -> list[dict[str, Any]]:
    out = []
    for view in rows:
        data = dataclasses.asdict(view.row)
        data["status"] = view.row.status.value
        data["deleted_laps"] = list(view.row.deleted_laps)
        out.append({"row": data, "driver": view.driver, "nationality": view.nationality,
                    "team": view.team, "car": view.car})
    return out


def _from_payload(payload: str) -> tuple[ResultRowView, ...]:
    views = []
    for item in json.loads(payload):
        data = dict(item["row"])
        data["status"] = engine.Status(data["status"])
        data["deleted_laps"] = tuple(data["deleted_laps"])
        views.append(ResultRowView(engine.ClassificationRow(**data), item["driver"],
                                   item["nationality"], item["team"], item["car"]))
    return tuple(views)


def _hash(payload: list[dict[str, Any]]) -> str:
    return content_hash(payload)


def _official_rows(ctx: SessionContext, revision: PublishedRevision) -> tuple[ResultRowView, ...]:
    """A published revision's rows, after checking them against the hash they were published
    with (RevisionAltered when the stored text was changed outside Paddock)."""
    check_revision(f"{ctx.event.short_name} {ctx.race_session.code}", revision.revision,
                   revision.payload, revision.content_hash)
    return _from_payload(revision.payload)


def _results(ctx: SessionContext) -> SessionResults:
    latest = ctx.latest_revision()
    penalties = tuple(ctx.penalties())
    base = dict(
        event_number=ctx.event.number, event_short_name=ctx.event.short_name,
        event_name=ctx.event.name, session_code=ctx.race_session.code,
        session_name=ctx.race_session.name, session_kind=ctx.race_session.kind,
        penalties=penalties,
    )
    if latest is not None:
        # Official: exactly what was published; nothing is recomputed.
        rows = _official_rows(ctx, latest)
        winner_laps = max((r.row.laps for r in rows), default=0)
        return SessionResults(**base, official=True, revision=latest.revision,  # type: ignore[arg-type]
                              published_at=latest.published_at, reason=latest.reason,
                              content_hash=latest.content_hash, rows=rows,
                              winner_laps=winner_laps,
                              min_laps=ctx.settings().min_laps(winner_laps) if rows else None)
    result, entries = ctx.compute()
    rows = _views(result, entries)
    return SessionResults(**base, official=False, revision=1, published_at=None,  # type: ignore[arg-type]
                          reason="", content_hash=_hash(_payload(rows)), rows=rows,
                          winner_laps=result.winner_laps, min_laps=result.min_laps)


def session_results(db: Database, *, event: str, session: str,
                    preview: bool = False) -> SessionResults:
    """The classification as it stands: the latest official revision, else provisional.

    Args:
        preview: on an official session with pending decisions, the classification those
            decisions would publish (marked ``preview``, not official), for the stewards to
            check their bulletin before it goes out.
    """
    with db.reader() as s:
        ctx = SessionContext(s, event, session)
        results = _results(ctx)
        if not preview or not results.official or not results.pending:
            return results
        result, entries = ctx.compute(with_pending=True)
        rows = _views(result, entries)
        return dataclasses.replace(
            results, official=False, preview=True, revision=results.revision + 1,
            published_at=None, reason=_bulletin_reason(results.pending), rows=rows,
            content_hash=_hash(_payload(rows)), winner_laps=result.winner_laps,
            min_laps=result.min_laps)


def _bulletin_reason(pending: Sequence[PenaltyView]) -> str:
    """One revision's reason for a bulletin: "Decisions 4, 5: car 7 +5 s (Track limits); ..."."""
    numbers = ", ".join(p.decision for p in pending)
    word = "Decision" if len(pending) == 1 else "Decisions"
    parts = [f"car {p.number} {p.to_rule().describe()} ({p.reason})" for p in pending]
    return f"{word} {numbers}: " + "; ".join(parts)


def revisions(db: Database, *, event: str, session: str) -> list[RevisionView]:
    with db.reader() as s:
        ctx = SessionContext(s, event, session)
        rows = s.exec(select(PublishedRevision).where(
            PublishedRevision.session_id == ctx.session_id)
            .order_by(col(PublishedRevision.revision))).all()
        return [RevisionView(r.revision, r.reason, r.published_at, r.published_by,
                             r.content_hash) for r in rows]


def revision_results(db: Database, *, event: str, session: str, revision: int) -> SessionResults:
    """A past official revision, exactly as published."""
    with db.reader() as s:
        ctx = SessionContext(s, event, session)
        found = s.exec(select(PublishedRevision).where(
            PublishedRevision.session_id == ctx.session_id,
            PublishedRevision.revision == revision)).first()
        if found is None:
            raise NotFound(f"{ctx.event.short_name} {ctx.race_session.code} has no revision "
                           f"{revision}")
        current = _results(ctx)
        return dataclasses.replace(
            current, official=True, revision=found.revision, published_at=found.published_at,
            reason=found.reason, content_hash=found.content_hash,
            rows=_official_rows(ctx, found))


# --- writing --------------------------------------------------------------------------------


@contextmanager
def _change(db: Database, event: str, session: str) -> Iterator[SessionContext]:
    """One change of a session, in one write transaction: "is it official?" is read inside
    it, so a publish from another desk cannot slip between the check and the change. A
    backup made for a change that then fails is removed: backups are for what happened."""
    with contextlib.ExitStack() as stack:
        s = stack.enter_context(db.transaction())
        ctx = SessionContext(s, event, session, db=db)
        try:
            yield ctx
        except BaseException:
            if ctx.backup_path is not None:
                ctx.backup_path.unlink(missing_ok=True)
            raise


def _official_change(ctx: SessionContext, reason: str | None, what: str) -> bool:
    """Whether the session is official (the change then publishes the next revision);
    an official session demands a reason for a change that carries none of its own."""
    official = ctx.latest_revision() is not None
    if official and reason is not None and not reason.strip():
        raise RuleViolation([f"{ctx.event.short_name} {ctx.race_session.code} is official; a "
                             f"{what} publishes a new revision and needs a reason (--reason)"])
    return official


def _publish_in(ctx: SessionContext, reason: str, *, require_change: bool = True,
                what: str = "publish") -> int:
    """Freeze the computed classification as the next revision (inside the transaction).

    The database is backed up first (the state before this change), once every check has
    passed: a refused publish makes no backup."""
    result, entries = ctx.compute()
    if not result.rows:
        raise RuleViolation([f"{ctx.event.short_name} {ctx.race_session.code}: there are no "
                             "results to publish; import the timing files first"])
    payload = _payload(_views(result, entries))
    digest = _hash(payload)
    latest = ctx.latest_revision()
    if latest is not None and require_change and latest.content_hash == digest:
        raise RuleViolation([f"{ctx.event.short_name} {ctx.race_session.code}: nothing changed "
                             f"since revision {latest.revision}; no new revision published"])
    number = 1 if latest is None else latest.revision + 1
    if number > 1 and not reason.strip():
        raise RuleViolation([f"revision {number} of an official classification needs a reason"])
    ctx.back_up(what)
    ctx.s.add(PublishedRevision(session_id=ctx.session_id, revision=number,
                                reason=reason.strip(), payload=json.dumps(payload),
                                content_hash=digest, published_by=audit.current_user()))
    audit.record(ctx.s, "publish", "classification",
                 f"{ctx.event.short_name}/{ctx.race_session.code}",
                 before=None if latest is None else {"revision": latest.revision,
                                                     "hash": latest.content_hash},
                 after={"revision": number, "hash": digest, "reason": reason.strip()})
    return number


def publish(db: Database, *, event: str, session: str, reason: str = "") -> SessionResults:
    """Publish the classification as official (revision 1, or N+1 with a reason).

    A classification that disagrees with the timing system's own results file is published
    only with a reason saying why (cars without a crossing left unsettled are listed by
    `results check` and on the Results page; settling one later makes a new revision).
    The database is backed up next to itself first (the last 20 copies are kept).
    """
    from paddock.services.timing_check import check_in

    with _change(db, event, session) as ctx:
        pending = [p for p in ctx.penalties() if p.pending]
        if pending:
            reason = "; ".join(part for part in (reason.strip(), _bulletin_reason(pending))
                               if part)
            ctx.s.execute(update(PenaltyRecord).where(
                col(PenaltyRecord.session_id) == ctx.session_id,
                col(PenaltyRecord.pending)).values(pending=False))
            ctx.s.expire_all()
            audit.record(ctx.s, "publish-bulletin", "penalty",
                         f"{ctx.event.short_name}/{ctx.race_session.code}",
                         after={"decisions": [p.decision for p in pending]})
            _publish_in(ctx, reason, require_change=False, what="bulletin")
            ctx.s.flush()
            return _results(ctx)
        check = check_in(ctx)
        if not check.reconciliation.agrees and not reason.strip():
            raise RuleViolation([
                f"{ctx.event.short_name} {ctx.race_session.code}: "
                f"{check.reconciliation.summary}; publish "
                "only with a reason that says why (--reason), or settle them first "
                f"(paddock results check --event {ctx.event.short_name} --session "
                f"{ctx.race_session.code})"])
        _publish_in(ctx, reason)
        ctx.s.flush()
        return _results(ctx)


_RESULT_KINDS = {
    "race": {"alkamel-race-results", "alkamel-results-by-class", "generic-results",
             "alkamel-time-cards", "generic-laps"},
    "qualifying": {"alkamel-qualifying-results", "generic-results", "alkamel-time-cards",
                   "generic-laps"},
}
_RESULT_KINDS["practice"] = _RESULT_KINDS["qualifying"]


def import_results(db: Database, *, event: str, session: str, files: Sequence[Path],
                   reason: str = "") -> ImportSummary:
    """Load timing files into a session, all of them or none.

    Time cards replace the session's laps, a results file its result lines. A session
    already official takes a corrected file only with a ``reason``, and publishes the
    next revision with it.

    Raises:
        InputError: ``FILE:LINE: what`` for a file that cannot be read, is of the wrong
            kind, or names a car that is not entered.
    """
    from paddock.services.timing_check import check_in
    from paddock.timing.detect import read_timing_file
    from paddock.timing.records import FileKind
    from paddock.timing.sanity import cross_check

    if not files:
        raise RuleViolation(["no file given"])
    parsed = [(Path(f), read_timing_file(f)) for f in files]
    warnings = [str(w) for _, timing in parsed for w in timing.warnings]
    # Time cards and a results file given together must tell the same story (a cut file
    # shows as a car whose laps differ): refused whole, nothing written.
    for _, cards in parsed:
        for _, other in parsed:
            if cards.kind.has_laps and not other.kind.has_laps:
                errors, cross = cross_check(cards, other)
                if errors:
                    raise RuleViolation([str(e) for e in errors])
                warnings += [str(w) for w in cross]
    with _change(db, event, session) as ctx:
        s = ctx.s
        official = _official_change(ctx, reason, "corrected import")
        entered = set(ctx.entered())
        known = set(ctx.entries())
        lap_count = line_count = 0
        cars: set[str] = set()
        for path, timing in parsed:
            kind = timing.kind.value
            if kind not in _RESULT_KINDS[ctx.race_session.kind]:
                raise InputError(f"a {timing.kind.label} file cannot be loaded into "
                                 f"{ctx.race_session.name} ({ctx.race_session.kind})",
                                 Location(str(path), 1))
            records = timing.laps if timing.kind.has_laps else timing.results
            for record in records:
                if record.number not in entered:
                    where = "is not entered this season" if record.number not in known else \
                        f"is not entered at {ctx.event.name}"
                    raise InputError(f"car {record.number} {where}",
                                     Location(str(path), record.line, "NUMBER"))
                cars.add(record.number)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            imp = TimingImport(session_id=ctx.session_id, file_name=path.name, kind=kind,
                               sha256=digest, rows=len(records),
                               imported_by=audit.current_user())
            s.add(imp)
            s.flush()
            if timing.kind.has_laps:
                s.execute(delete(LapRecordRow).where(
                    col(LapRecordRow.session_id) == ctx.session_id))
                if timing.laps:
                    s.execute(insert(LapRecordRow), _lap_rows(ctx.session_id, imp.id, timing))
                lap_count += len(timing.laps)
            else:
                source = "by-class" if timing.kind is FileKind.ALKAMEL_RESULTS_BY_CLASS \
                    else "results"
                s.execute(delete(TimingLine).where(col(TimingLine.session_id) == ctx.session_id,
                                                   col(TimingLine.source) == source))
                s.execute(insert(TimingLine), [
                    {"session_id": ctx.session_id, "import_id": imp.id, "source": source,
                     "order": i, "number": r.number, "position": r.position,
                     "class_position": r.class_position,
                     "status": r.status.value if r.status else "", "status_text": r.status_text,
                     "laps": r.laps, "total_time_ms": r.total_time_ms,
                     "best_lap_ms": r.best_lap_ms, "best_lap_number": r.best_lap_number,
                     "class_name": r.class_name, "gap_first": r.gap_first,
                     "gap_previous": r.gap_previous, "driver": r.driver, "team": r.team}
                    for i, r in enumerate(timing.results)])
                _rebuild_result_lines(ctx)
                line_count += len(timing.results)
            audit.record(s, "import", "timing", f"{ctx.event.short_name}/{ctx.race_session.code}",
                         after={"file": path.name, "kind": kind, "sha256": digest,
                                "rows": len(records)})
        revision = _publish_in(ctx, reason, what="corrected-import") if official else None
        s.flush()
        check = check_in(ctx).summary
    return ImportSummary(tuple(str(p) for p, _ in parsed), tuple(t.kind.value for _, t in parsed),
                         len(cars), lap_count, line_count, revision, check,
                         tuple(dict.fromkeys(warnings)))


def _lap_rows(session_id: int, import_id: int | None, timing: Any) -> list[dict[str, Any]]:
    """The time cards' laps as rows, with every column and the timing system's deletions."""
    deleted = timing_system_deletions(timing.laps)
    rows = []
    for lap in timing.laps:
        sectors = (*lap.sectors, None, None, None)[:3]
        marks = (*lap.sector_marks, None, None, None)[:3]
        why = deleted.get(lap.number, {}).get(lap.lap, "")
        rows.append({
            "session_id": session_id, "import_id": import_id, "number": lap.number,
            "lap": lap.lap, "lap_time_ms": lap.lap_time_ms, "elapsed_ms": lap.elapsed_ms,
            "hour": lap.hour, "in_pit": lap.in_pit, "driver_name": lap.driver_name,
            "flag": lap.flag, "driver_number": lap.driver_number, "mark": lap.mark,
            "s1_ms": sectors[0], "s2_ms": sectors[1], "s3_ms": sectors[2],
            "s1_mark": marks[0], "s2_mark": marks[1], "s3_mark": marks[2],
            "kph": lap.kph, "top_speed": lap.top_speed, "pit_time_ms": lap.pit_time_ms,
            "timing_deleted": bool(why), "timing_reason": why})
    return rows


def _rebuild_result_lines(ctx: SessionContext) -> None:
    """The lines a session without time cards is classified from: the timing system's
    overall results file, else its results by class (typed lines are replaced)."""
    lines = ctx.timing_lines("results") or ctx.timing_lines("by-class")
    ctx.s.execute(delete(ResultLine).where(col(ResultLine.session_id) == ctx.session_id))
    ctx.s.execute(insert(ResultLine), [
        {"session_id": ctx.session_id, "import_id": r.import_id, "order": i, "number": r.number,
         "position": r.position, "status": r.status, "laps": r.laps,
         "total_time_ms": r.total_time_ms, "best_lap_ms": r.best_lap_ms,
         "best_lap_number": r.best_lap_number}
        for i, r in enumerate(lines)])


def add_penalty(
    db: Database, *, event: str, session: str, car: str, kind: str, reason: str,
    seconds: float | None = None, places: int | None = None, lap: int | None = None,
    served: bool = False, decision: str = "", article: str = "", pending: bool = False,
) -> PenaltyResult:
    """Record a stewards' decision; on an official session it publishes revision N+1.

    With ``pending`` on an official session the decision is recorded but not published:
    the next `publish` takes every pending decision into one revision (a stewards'
    bulletin), and `session_results(preview=True)` shows what it would give. Decisions
    that change no classification (grid drops, warnings, reprimands) are never pending.

    Raises:
        RuleViolation: unknown car or kind, missing amount, no reason; nothing written.
    """
    car, reason = car.strip(), reason.strip()
    problems = []
    if kind not in PENALTY_KINDS:
        problems.append(f"penalty '{kind}' is not one of {', '.join(PENALTY_KINDS)}")
    if not reason:
        problems.append(f"car {car}: a penalty needs the stewards' reason")
    if kind == "time" and (seconds is None or seconds <= 0):
        problems.append(f"car {car}: a time penalty needs a positive number of seconds")
    if kind == "grid-drop" and (places is None or places <= 0):
        problems.append(f"car {car}: a grid drop needs a positive number of places")
    if kind in ("delete-lap", "reinstate-lap") and (lap is None or lap < 1):
        problems.append(f"car {car}: a lap {kind.split('-')[0]} needs the lap number")
    if problems:
        raise RuleViolation(problems)
    with _change(db, event, session) as ctx:
        s = ctx.s
        official = _official_change(ctx, None, "penalty")
        if car not in set(ctx.entered()):
            raise RuleViolation([f"car {car} is not entered at {ctx.event.name}"])
        if kind in ("delete-lap", "reinstate-lap"):
            assert lap is not None
            _check_lap_change(ctx, car, lap, kind)
        if not decision:
            decision = str(_next_decision(s, ctx.event))
        record = PenaltyRecord(
            session_id=ctx.session_id, number=car, kind=kind,
            time_ms=round((seconds or 0) * 1000) if kind == "time" else 0,
            lap=lap if kind in ("delete-lap", "reinstate-lap") else None,
            places=places or 0 if kind == "grid-drop" else 0, served=served, reason=reason,
            decision=decision, article=article.strip(), created_by=audit.current_user(),
            pending=official and pending and pen.PenaltyKind(kind).changes_the_classification)
        s.add(record)
        s.flush()
        view = _penalty_view(record)
        audit.record(s, "penalty", "penalty", record.id, after={
            "event": ctx.event.short_name, "session": ctx.race_session.code, "car": car,
            "kind": kind, "time_ms": record.time_ms, "lap": record.lap, "places": record.places,
            "decision": decision, "reason": reason, "article": record.article,
            "pending": record.pending})
        revision = None
        if official and not record.pending and pen.PenaltyKind(kind).changes_the_classification:
            revision = _publish_in(ctx, f"Decision {decision}: car {car}, {reason}",
                                   require_change=False, what="penalty")
    return PenaltyResult(view, revision)


def withdraw_pending(db: Database, *, event: str, session: str, decision: str,
                     reason: str) -> None:
    """Take back a pending decision before it is published (typed by mistake, reconsidered).

    A published decision is never withdrawn: the stewards take a new decision instead.
    """
    if not reason.strip():
        raise RuleViolation(["withdrawing a pending decision needs a reason"])
    with _change(db, event, session) as ctx:
        record = ctx.s.exec(select(PenaltyRecord).where(
            PenaltyRecord.session_id == ctx.session_id,
            PenaltyRecord.decision == decision.strip())).first()
        if record is None:
            raise NotFound(f"no decision {decision} in {ctx.event.short_name} "
                           f"{ctx.race_session.code}")
        if not record.pending:
            raise RuleViolation([f"decision {decision} is published; take a new decision to "
                                 "change it"])
        audit.record(ctx.s, "withdraw", "penalty", record.id,
                     before={"decision": record.decision, "car": record.number,
                             "kind": record.kind, "reason": record.reason},
                     after={"reason": reason.strip()})
        ctx.s.delete(record)


def _check_lap_change(ctx: SessionContext, car: str, lap: int, kind: str) -> None:
    """Refuse deleting a lap that is not there or already deleted, and reinstating one
    that counts."""
    row = ctx.s.exec(select(LapRecordRow).where(
        LapRecordRow.session_id == ctx.session_id, LapRecordRow.number == car,
        LapRecordRow.lap == lap)).first()
    if row is None:
        raise RuleViolation([f"car {car} has no lap {lap} in {ctx.race_session.name}"])
    timing = {car: {lap: row.timing_reason}} if row.timing_deleted else {}
    rules = [p.to_rule() for p in ctx.penalties() if p.number == car]
    deleted = lap in pen.deleted_laps_by_car(rules, timing).get(car, {})
    if kind == "delete-lap" and deleted:
        raise RuleViolation([f"car {car} lap {lap} is already deleted"])
    if kind == "reinstate-lap" and not deleted:
        raise RuleViolation([f"car {car} lap {lap} is not deleted; nothing to reinstate"])


def set_car_status(db: Database, *, event: str, session: str, car: str, status: str,
                   reason: str) -> SessionResults:
    """Settle a car that never crossed the line: it took the start (DNF) or not (DNS).

    Audited; on an official session it publishes the next revision with the reason.
    """
    car, reason, status = car.strip(), reason.strip(), status.strip().lower()
    problems = []
    if status not in ("dns", "dnf"):
        problems.append(f"car {car}: status '{status}' is not dns or dnf")
    if not reason:
        problems.append(f"car {car}: settling a status needs a reason")
    if problems:
        raise RuleViolation(problems)
    with _change(db, event, session) as ctx:
        official = _official_change(ctx, reason, "status change")
        if ctx.race_session.kind != "race":
            raise RuleViolation([f"{ctx.race_session.name} is not a race: only a race has "
                                 "starters to settle"])
        if car not in set(ctx.entered()):
            raise RuleViolation([f"car {car} is not entered at {ctx.event.name}"])
        crossed = ctx.s.exec(select(LapRecordRow.id).where(
            LapRecordRow.session_id == ctx.session_id, LapRecordRow.number == car)).first()
        if crossed is not None:
            raise RuleViolation([f"car {car} crossed the line in {ctx.race_session.name}; its "
                                 "status comes from its laps"])
        record = ctx.car_statuses().get(car)
        before = None if record is None else {"status": record.status, "reason": record.reason}
        if record is None:
            record = CarStatusRecord(session_id=ctx.session_id, number=car, status=status,
                                     reason=reason, created_by=audit.current_user())
        else:
            record.status, record.reason = status, reason
            record.created_by = audit.current_user()
        ctx.s.add(record)
        ctx.s.flush()
        audit.record(ctx.s, "status", "classification",
                     f"{ctx.event.short_name}/{ctx.race_session.code}/{car}", before=before,
                     after={"status": status, "reason": reason})
        if official:
            _publish_in(ctx, f"Car {car} {status.upper()}: {reason}", what="status")
        return _results(ctx)


def _next_decision(s: Session, event: Event) -> int:
    rows = s.exec(select(PenaltyRecord.decision).join(
        RaceSession, col(PenaltyRecord.session_id) == RaceSession.id)
        .where(RaceSession.event_id == event.id)).all()
    numbers = [int(d) for d in rows if d.isdigit()]
    return max(numbers, default=0) + 1


@dataclass(frozen=True)
class TypedResult:
    """One car's result as typed by hand (no time cards: another timing system, paper)."""

    number: str
    laps: int
    total_time_ms: int | None = None
    best_lap_ms: int | None = None
    best_lap_number: int | None = None
    status: str = ""  # "" = classified (dns without a lap); else a `Status` value


def set_typed_result(db: Database, *, event: str, session: str, result: TypedResult,
                     reason: str = "") -> SessionResults:
    """Add or correct one car's typed result line.

    Refused when the session's results come from time cards (correct those with a penalty
    or a corrected import). On an official session it needs a reason and publishes the
    next revision.
    """
    number = result.number.strip()
    problems = []
    if result.laps < 0:
        problems.append(f"car {number}: laps cannot be negative")
    if result.status and result.status not in {s.value for s in engine.Status}:
        problems.append(f"car {number}: status '{result.status}' is not one of "
                        + ", ".join(s.value for s in engine.Status))
    for label, value in (("total time", result.total_time_ms), ("best lap", result.best_lap_ms)):
        if value is not None and value <= 0:
            problems.append(f"car {number}: the {label} must be positive")
    if problems:
        raise RuleViolation(problems)
    with _change(db, event, session) as ctx:
        s = ctx.s
        official = _official_change(ctx, reason, "correction")
        if number not in set(ctx.entered()):
            raise RuleViolation([f"car {number} is not entered at {ctx.event.name}"])
        has_laps = s.exec(select(LapRecordRow.id).where(
            LapRecordRow.session_id == ctx.session_id)).first() is not None
        if has_laps:
            raise RuleViolation([
                f"{ctx.race_session.name} results come from the time cards; correct them with a "
                "penalty (time, lap deletion, DSQ) or a corrected import"])
        line = s.exec(select(ResultLine).where(ResultLine.session_id == ctx.session_id,
                                               ResultLine.number == number)).first()
        before = None if line is None else {
            "laps": line.laps, "total_time_ms": line.total_time_ms,
            "best_lap_ms": line.best_lap_ms, "status": line.status}
        if line is None:
            count = len(s.exec(select(ResultLine.id).where(
                ResultLine.session_id == ctx.session_id)).all())
            line = ResultLine(session_id=ctx.session_id, number=number, order=count)
            s.add(line)
        line.laps, line.total_time_ms = result.laps, result.total_time_ms
        line.best_lap_ms, line.best_lap_number = result.best_lap_ms, result.best_lap_number
        # As the generic results file: no status means classified, or DNS without a lap.
        line.status = result.status or ("classified" if result.laps else "dns")
        # Typed lines carry no position: the engine orders them by laps and time.
        line.position = None
        s.flush()
        audit.record(s, "type-result", "result_line",
                     f"{ctx.event.short_name}/{ctx.race_session.code}/{number}",
                     before=before, after={"laps": result.laps,
                                           "total_time_ms": result.total_time_ms,
                                           "best_lap_ms": result.best_lap_ms,
                                           "status": result.status, "reason": reason})
        if official:
            _publish_in(ctx, reason, what="correction")
        return _results(ctx)


def delete_typed_result(db: Database, *, event: str, session: str, number: str,
                        reason: str = "") -> SessionResults:
    """Remove one car's typed line (typed by mistake)."""
    with _change(db, event, session) as ctx:
        s = ctx.s
        official = _official_change(ctx, reason, "correction")
        line = s.exec(select(ResultLine).where(ResultLine.session_id == ctx.session_id,
                                               ResultLine.number == number.strip())).first()
        if line is None:
            raise NotFound(f"car {number} has no typed result in {ctx.race_session.name}")
        audit.record(s, "delete", "result_line",
                     f"{ctx.event.short_name}/{ctx.race_session.code}/{number}",
                     before={"laps": line.laps, "total_time_ms": line.total_time_ms})
        s.delete(line)
        s.flush()
        if official:
            _publish_in(ctx, reason, what="correction")
        return _results(ctx)


def session_sources(db: Database, *, event: str, session: str) -> list[tuple[str, str, int,
                                                                           datetime, str]]:
    """The files a session's data came from: (file, kind, rows, when, who), newest first."""
    with db.reader() as s:
        ctx = SessionContext(s, event, session)
        rows = s.exec(select(TimingImport).where(TimingImport.session_id == ctx.session_id)
                      .order_by(col(TimingImport.id).desc())).all()
        return [(r.file_name, r.kind, r.rows, r.imported_at, r.imported_by) for r in rows]
