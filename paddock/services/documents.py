"""Documents: fill the plain document data from the database, hand it to a renderer.

One pair per document: ``<name>_document(db, ...)`` returns the frozen data of
`paddock.reports.documents` (cheap, no reportlab), ``<name>_pdf(db, ...)`` the PDF bytes.
The renderer modules import reportlab, which costs start-up time; they are imported only
inside the ``_pdf`` functions, when a document is actually made.

`event_pack` writes every current document of an event into one folder in one go.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from paddock.db.engine import Database
from paddock.db.models import (
    AuditRecord,
    Car,
    Entry,
    Event,
    RaceClass,
    RaceSession,
    Season,
    TyreRecord,
)
from paddock.errors import NotFound
from paddock.reports.documents import (
    CLASSIFIED,
    DID_NOT_FINISH,
    DID_NOT_START,
    DISQUALIFIED,
    NOT_CLASSIFIED,
    PROVISIONAL,
    ClassificationDocument,
    ClassificationRow,
    ClassStandings,
    DocumentStatus,
    EntryListDocument,
    EntryListRow,
    EventPackCover,
    GridAmendment,
    GridCar,
    GridDocument,
    GridSlot,
    PackEntry,
    PenaltyLine,
    QualifyingDocument,
    QualifyingRow,
    SessionInfo,
    SourceSession,
    StandingsDocument,
    StandingsRow,
    TeamStandings,
    TeamStandingsRow,
    TyreAllocationDocument,
    TyreCar,
    TyreRow,
    TyreTotal,
)
from paddock.rules import classification as engine
from paddock.rules import penalties as pen
from paddock.rules.cars import car_number_key
from paddock.rules.laptime import format_laptime
from paddock.services.demo_season import DEMO_MARK
from paddock.services.entries import EntryView, list_entries
from paddock.services.results import (
    PenaltyView,
    SessionResults,
    revision_results,
    session_results,
)
from paddock.services.season import (
    EventView,
    current_season,
    entered_numbers,
    event_view,
    find_event,
)
from paddock.services.tyres import EventTyres, event_tyres

SERIES = "Porsche Carrera Cup North America"

#: The engine's statuses as the documents print them.
STATUS_TEXT: dict[engine.Status, str] = {
    engine.Status.CLASSIFIED: CLASSIFIED,
    engine.Status.NOT_CLASSIFIED: NOT_CLASSIFIED,
    engine.Status.DNF: DID_NOT_FINISH,
    engine.Status.DNS: DID_NOT_START,
    engine.Status.DSQ: DISQUALIFIED,
}

TYRE_STATUS_TEXT = {
    "registered": "Registered",
    "carried-over": "Carried over",
    "replacement": "Replacement",
    "scrapped": "Scrapped",
}


class NoResults(NotFound):
    """A session that exists but has nothing to classify yet."""


def round_label(number: int) -> str:
    """Event N holds rounds 2N-1 and 2N: two races per event."""
    return f"Rounds {2 * number - 1} & {2 * number}"


# --- what every document of an event shares ----------------------------------------------


@dataclass(frozen=True)
class _SeasonFacts:
    """The season's data a document needs besides the results (read in one go)."""

    year: int
    class_order: tuple[str, ...]
    penalty_settings: pen.PenaltySettings
    classified_share: Fraction
    sizes: tuple[str, ...]
    car_sizes: dict[str, str]  # car code -> "F 30/65-18 · R 31/71-18"
    tyres: str = ""  # the season's supplier and tyres, as printed
    marker: str = ""  # "DEMO — fictional data" on every page of a demo season's document


def _season_facts(session: Session, season: Season) -> _SeasonFacts:
    classes = session.exec(
        select(RaceClass.name).where(RaceClass.season_id == season.id)
        .order_by(col(RaceClass.sort_order))
    ).all()
    cars = session.exec(select(Car).where(Car.season_id == season.id)
                        .order_by(col(Car.code).desc())).all()
    sizes = tuple(f"{c.code}: front {c.front_tyre}, rear {c.rear_tyre}" for c in cars
                  if c.front_tyre or c.rear_tyre)
    return _SeasonFacts(
        year=season.year, class_order=tuple(classes),
        penalty_settings=pen.PenaltySettings(drive_through_ms=season.drive_through_s * 1000,
                                             stop_and_go_ms=season.stop_and_go_s * 1000),
        classified_share=Fraction(season.classified_share_pct, 100), sizes=sizes,
        car_sizes={c.code: f"F {c.front_tyre} · R {c.rear_tyre}" for c in cars
                   if c.front_tyre and c.rear_tyre},
        tyres=" ".join(p for p in (season.tyre_supplier, season.tyre_name) if p)
        + (f" (wet: {season.wet_tyre_name})" if season.wet_tyre_name else ""),
        marker=DEMO_MARK if season.demo else "")


@dataclass(frozen=True)
class _EventFacts:
    season: _SeasonFacts
    event: EventView
    lap_length_m: int | None
    entered: frozenset[str]

    def header(self, title: str, session: str = "", *, code: str | None = None,
               distance_m: int | None = None,
               generated_at: datetime | None = None) -> dict[str, Any]:
        """The `DocumentBase` fields of a document of this event.

        Args:
            code: the session the document is about ("R1"): its facts (date, start,
                length, distance, track length, conditions) go in the title block.
            distance_m: the distance run, when the facts cannot tell it (a race run to
                time: the winner's laps × the lap length).
        """
        ev = self.event
        return dict(series=SERIES, title=title, subtitle=f"{round_label(ev.number)} — {ev.name}",
                    venue=ev.venue, dates=ev.dates_text, session=session,
                    generated_at=generated_at or datetime.now(UTC),
                    local_tz=ZoneInfo(ev.time_zone),
                    session_info=self.session_info(code, distance_m) if code else None,
                    marker=self.season.marker)

    def session_info(self, code: str, distance_m: int | None = None) -> SessionInfo | None:
        """The title block's facts of session ``code`` (None: not a session of the event)."""
        facts = next((f for f in self.event.schedule if f.code == code.upper()), None)
        if facts is None:
            return None
        return SessionInfo(
            name=facts.name, starts_at=facts.starts_at, duration_minutes=facts.duration_minutes,
            length_laps=facts.length_laps, distance_m=facts.distance_m or distance_m,
            lap_length_m=self.lap_length_m, conditions=facts.conditions, air_c=facts.air_c,
            track_c=facts.track_c)


def _event_facts(db: Database, event: str) -> _EventFacts:
    view = event_view(db, event)
    with db.reader() as session:
        season = current_season(session)
        found = find_event(session, season, event)
        entered = entered_numbers(session, found)
        return _EventFacts(_season_facts(session, season), view,
                           view.lap_length_m, frozenset(entered))


def _season_header(db: Database, title: str, session: str = "", *,
                   generated_at: datetime | None = None) -> tuple[_SeasonFacts, dict[str, Any]]:
    with db.reader() as s:
        facts = _season_facts(s, current_season(s))
    return facts, dict(series=SERIES, title=title, subtitle=f"{facts.year} Season",
                       session=session, generated_at=generated_at or datetime.now(UTC),
                       local_tz=ZoneInfo("America/New_York"), marker=facts.marker)


# --- entry list --------------------------------------------------------------------------


def entry_list_document(db: Database, event: str | None = None, *,
                        generated_at: datetime | None = None) -> EntryListDocument:
    """The season's entry list, or an event's: only the cars entered there."""
    entries = list_entries(db)
    if event is None:
        facts, header = _season_header(db, "Entry List", generated_at=generated_at)
    else:
        ev = _event_facts(db, event)
        facts, header = ev.season, ev.header("Entry List", generated_at=generated_at)
        entries = [e for e in entries if e.number in ev.entered]
    rows = tuple(
        # A car withdrawn from the season stays listed (it ran), said so by its name.
        EntryListRow(number=e.number, class_name=e.class_name,
                     driver=f"{e.driver} (withdrawn)" if e.withdrawn else e.driver,
                     nationality=e.nationality, team=e.team, car=e.car, junior=e.junior,
                     gentleman=e.gentleman, team_championship=e.team_championship)
        for e in entries
    )
    version, version_at = _entries_version(db, {e.id for e in entries})
    return EntryListDocument(**header, rows=rows, class_order=facts.class_order,
                             status=PROVISIONAL, version=version, version_at=version_at)


def _entries_version(db: Database, listed: set[int]) -> tuple[int, datetime | None]:
    """How many changes the audit trail holds for the entries listed, and the last one's time.

    Each add, change, re-entry and delete of an entry is one change; a deleted entry is
    counted (it was on an earlier version). Nothing recorded yet is version 1.
    """
    with db.reader() as s:
        season = current_season(s)
        existing = {str(i) for i in s.exec(select(Entry.id).where(Entry.season_id == season.id))}
        rows = s.exec(select(AuditRecord.entity_id, AuditRecord.action, AuditRecord.at)
                      .where(AuditRecord.entity == "entry")).all()
    wanted = {str(i) for i in listed}
    changes = [at for entity_id, action, at in rows
               if entity_id in wanted or (action == "delete" and entity_id not in existing)]
    return max(1, len(changes)), max(changes, default=None)


def entry_list_pdf(db: Database, event: str | None = None) -> bytes:
    from paddock.reports.entry_list import render_entry_list

    return render_entry_list(entry_list_document(db, event))


# --- classifications ---------------------------------------------------------------------


def _results(db: Database, event: str, session: str, revision: int | None) -> SessionResults:
    results = (session_results(db, event=event, session=session) if revision is None
               else revision_results(db, event=event, session=session, revision=revision))
    if not results.rows:
        raise NoResults(f"no results for {results.event_short_name} {results.session_code}: "
                        "import the timing files first")
    return results


def _class_name(facts: _SeasonFacts, class_name: str | None) -> str | None:
    """The class as the season spells it; None for all classes."""
    if not class_name:
        return None
    for name in facts.class_order:
        if name.casefold() == class_name.strip().casefold():
            return name
    raise NotFound(f"no class '{class_name}'; classes are " + ", ".join(facts.class_order))


def _status(results: SessionResults) -> DocumentStatus:
    if not results.official:
        return PROVISIONAL
    # The revision's own hash (checked against its stored text when it was read), so the
    # printout carries the hash the record holds.
    return DocumentStatus(official=True, revision=results.revision,
                          published_at=results.published_at, reason=results.reason,
                          content_hash=results.content_hash)


def _seconds(ms: int) -> str:
    return f"{ms // 1000}" if ms % 1000 == 0 else format_laptime(ms)


def penalty_text(penalty: PenaltyView, settings: pen.PenaltySettings) -> str:
    """What a decision applied, as the penalties table prints it.

    "+5 s", "Drive-through converted to +30 s", "Disqualified", "Lap 7 time deleted",
    "3-place grid drop (next race)".
    """
    rule = penalty.to_rule()
    if rule.kind is pen.PenaltyKind.DELETE_LAP:
        return f"Lap {rule.lap} time deleted"
    if rule.kind is pen.PenaltyKind.GRID_DROP:
        return f"{rule.places}-place grid drop (next race)"
    return rule.describe(settings)


def _decision_key(line: PenaltyLine) -> tuple[int, str]:
    return (int(line.decision) if line.decision.isdigit() else 10**9, line.decision)


def _penalty_lines(results: SessionResults, settings: pen.PenaltySettings,
                   numbers: set[str]) -> tuple[PenaltyLine, ...]:
    """The decisions behind this version of the classification, by decision number.

    An official revision shows only the decisions taken before it was published: a grid
    drop decided afterwards publishes no revision, and must not change what two printouts
    of the same revision say.
    """
    drivers = {view.row.number: view.driver for view in results.rows}
    lines = [
        PenaltyLine(decision=p.decision, number=p.number, driver=drivers.get(p.number, ""),
                    reason=p.reason, penalty=penalty_text(p, settings))
        for p in results.penalties
        if p.number in numbers
        and (results.published_at is None or p.created_at <= results.published_at)
    ]
    return tuple(sorted(lines, key=_decision_key))


def _speed(lap_length_m: int | None, lap_ms: int | None) -> float | None:
    if not lap_length_m or not lap_ms:
        return None
    return lap_length_m * 3600 / lap_ms  # m/ms -> km/h


def _race_row(view: Any, lap_length_m: int | None) -> ClassificationRow:
    row: engine.ClassificationRow = view.row
    return ClassificationRow(
        position=row.position, number=row.number, class_name=row.class_name,
        class_position=row.class_position, driver=view.driver, nationality=view.nationality,
        team=view.team, car=view.car, laps=row.laps, total_ms=row.total_time_ms,
        gap_ms=row.gap_ms, gap_laps=row.gap_laps, interval_ms=row.interval_ms,
        interval_laps=row.interval_laps, best_lap_ms=row.best_lap_ms,
        best_lap_number=row.best_lap_number,
        best_lap_speed=_speed(lap_length_m, row.best_lap_ms),
        status=STATUS_TEXT[row.status],
        penalty=f"+{_seconds(row.penalty_ms)} s" if row.penalty_ms > 0 else "",
    )


def _deleted_note(row: engine.ClassificationRow, penalties: Sequence[PenaltyView]) -> str:
    """"Lap 7 time deleted (Track limits, turn 1; decision 4)" for each deleted lap;
    "Lap 10 time deleted (in the timing system)" for one the timing system deleted."""
    why = {p.lap: p for p in penalties
           if p.number == row.number and p.kind == pen.PenaltyKind.DELETE_LAP.value}
    parts = []
    for lap in row.deleted_laps:
        penalty = why.get(lap)
        # Not a decision: the timing system had deleted it (its own marks, at import).
        detail = "in the timing system"
        if penalty is not None:
            detail = "; ".join(part for part in (
                penalty.reason, f"decision {penalty.decision}" if penalty.decision else "")
                if part)
        parts.append(f"Lap {lap} time deleted" + (f" ({detail})" if detail else ""))
    return ", ".join(parts)


def _qualifying_rows(results: SessionResults, rows: Sequence[Any],
                     lap_length_m: int | None, within_class: bool) -> tuple[QualifyingRow, ...]:
    """Rows by best lap; with ``within_class`` the gaps are to the class's fastest car."""
    out = []
    leader: int | None = None
    ahead: int | None = None
    for view in rows:
        row: engine.ClassificationRow = view.row
        gap, interval = row.gap_ms, row.interval_ms
        if within_class:
            gap = interval = None
            if row.best_lap_ms is not None and row.position is not None:
                if leader is not None and ahead is not None:
                    gap, interval = row.best_lap_ms - leader, row.best_lap_ms - ahead
                leader = row.best_lap_ms if leader is None else leader
                ahead = row.best_lap_ms
        out.append(QualifyingRow(
            position=row.position, number=row.number, class_name=row.class_name,
            class_position=row.class_position, driver=view.driver,
            nationality=view.nationality, team=view.team, car=view.car, laps=row.laps,
            best_lap_ms=row.best_lap_ms, best_lap_number=row.best_lap_number,
            second_lap_ms=row.second_best_lap_ms, second_lap_number=row.second_best_lap_number,
            gap_ms=gap, interval_ms=interval,
            best_lap_speed=_speed(lap_length_m, row.best_lap_ms),
            note=_deleted_note(row, results.penalties)))
    return tuple(out)


def _title(kind: str) -> str:
    return {"race": "Race Classification", "qualifying": "Qualifying Classification"}.get(
        kind, "Practice Classification")


def classification_document(
    db: Database, *, event: str, session: str, class_name: str | None = None,
    revision: int | None = None, generated_at: datetime | None = None,
) -> ClassificationDocument | QualifyingDocument:
    """A session's classification: a race's, or qualifying / practice by best lap.

    Args:
        class_name: only this class (qualifying gaps then measured within the class).
        revision: a past official revision, exactly as published; default the current
            state (the latest official revision, else provisional).

    Raises:
        NotFound: unknown event, session, class or revision.
        NoResults: the session has no results yet.
    """
    facts = _event_facts(db, event)
    results = _results(db, event, session, revision)
    wanted = _class_name(facts.season, class_name)
    rows = results.in_class(wanted)
    numbers = {view.row.number for view in rows}
    label = results.session_name + (f" — {wanted}" if wanted else "")
    leader = next((v.row for v in results.rows if v.row.position == 1), None)
    run = (leader.laps * facts.lap_length_m if results.session_kind == "race" and leader
           and leader.laps and facts.lap_length_m else None)
    common = dict(
        **facts.header(_title(results.session_kind), label, code=results.session_code,
                       distance_m=run, generated_at=generated_at),
        status=_status(results),
        penalties=_penalty_lines(results, facts.season.penalty_settings, numbers),
        class_order=facts.season.class_order,
    )
    if results.session_kind == "race":
        notes = []
        if leader is not None and leader.laps:
            needed = engine.ClassificationSettings(
                classified_share=facts.season.classified_share).min_laps(leader.laps)
            percent = float(facts.season.classified_share * 100)
            notes.append(f"Classified: at least {needed} laps ({percent:g} % of the winner's "
                         f"{leader.laps}, rounded down).")
        return ClassificationDocument(
            **common, rows=tuple(_race_row(v, facts.lap_length_m) for v in rows),
            notes=tuple(notes))
    return QualifyingDocument(
        **common, rows=_qualifying_rows(results, rows, facts.lap_length_m, wanted is not None))


def results_by_class_document(
    db: Database, *, event: str, session: str, class_name: str | None = None,
    revision: int | None = None, generated_at: datetime | None = None,
) -> ClassificationDocument | QualifyingDocument:
    """A session's results, one table per class (or the one class asked for): a race's
    by finishing order, qualifying's and practice's by best lap."""
    document = classification_document(db, event=event, session=session,
                                       class_name=class_name, revision=revision,
                                       generated_at=generated_at)
    if isinstance(document, QualifyingDocument):
        return replace(document, title=f"{_kind_title(document.title)} by Class")
    return replace(document, title="Results by Class")


def _kind_title(title: str) -> str:
    """"Qualifying Classification" -> "Qualifying"."""
    return title.replace(" Classification", "").strip() or "Qualifying"


def classification_pdf(
    db: Database, *, event: str, session: str, class_name: str | None = None,
    by_class: bool = False, revision: int | None = None,
) -> bytes:
    """The session's classification as PDF, chosen by the session's kind.

    A race with ``by_class`` or a ``class_name`` prints results by class (gaps within the
    class); qualifying and practice print best and second-best laps.
    """
    from paddock.reports import classification as render

    document = classification_document(db, event=event, session=session,
                                       class_name=class_name, revision=revision)
    if isinstance(document, QualifyingDocument):
        if by_class:
            # Each class's order on its best laps: the order a grid by class starts in.
            return render.render_qualifying_by_class(
                replace(document, title=f"{_kind_title(document.title)} by Class"))
        return render.render_qualifying_classification(document)
    if by_class or class_name:
        return render.render_results_by_class(replace(document, title="Results by Class"))
    return render.render_race_classification(document)


# --- tyres -------------------------------------------------------------------------------


def _tyre_note(tyre: Any, event_names: dict[int, str]) -> str:
    parts = []
    if tyre.carried_from is not None:
        parts.append(f"Carried over from {event_names.get(tyre.carried_from, tyre.carried_from)}")
    if tyre.reason:
        parts.append(tyre.reason)
    return "; ".join(parts)


@dataclass(frozen=True)
class _CarriedAway:
    """A tyre that was at this event and has since been carried on to a later one."""

    barcode: str
    car: str
    tyre_type: str
    registered_at: datetime
    to_event: int
    note: str


def _carried_away(s: Session, season: Season, event: Event) -> list[_CarriedAway]:
    """The tyres carried from ``event`` to a later event, each with where it went first.

    A carry moves the tyre's row to the new event (its ``event_id``), so the event's own
    record would lose it; the audit trail keeps every carry, even of a tyre carried on
    again since, and the row itself keeps the last one.
    """
    to_event: dict[str, int] = {}
    for barcode, before, after in s.exec(
        select(AuditRecord.entity_id, AuditRecord.before, AuditRecord.after)
        .where(AuditRecord.action == "carry-over", AuditRecord.entity == "tyre")
        .order_by(col(AuditRecord.id))
    ):
        try:
            was, went = json.loads(before).get("event"), json.loads(after).get("event")
        except (ValueError, AttributeError):
            continue
        if was == event.number and isinstance(went, int):
            to_event.setdefault(barcode, went)
    rows = s.exec(
        select(TyreRecord, Entry.number).join(Entry, col(TyreRecord.entry_id) == Entry.id)
        .where(TyreRecord.season_id == season.id, TyreRecord.event_id != event.id,
               col(TyreRecord.barcode).in_(to_event)
               | (TyreRecord.carried_from_event_id == event.id))
    ).all()
    numbers = {e.id: e.number for e in s.exec(select(Event).where(Event.season_id == season.id))}
    found = []
    for record, car in rows:
        went = to_event.get(record.barcode, numbers.get(record.event_id, 0))
        found.append(_CarriedAway(record.barcode, car, record.tyre_type, record.registered_at,
                                  went, record.reason))
    return found


def tyre_allocation_document(db: Database, *, event: str,
                             generated_at: datetime | None = None) -> TyreAllocationDocument:
    """The tyres registered at an event, by car, with each car's totals against quota.

    Every car entered at the event is listed, with or without tyres, so the tyre desk sees
    who has not registered yet. The event's record stays as it was there: a tyre carried
    on to a later event is still listed, marked "Carried to <event>".
    """
    facts = _event_facts(db, event)
    info: EventTyres = event_tyres(db, event)
    with db.reader() as s:
        season = current_season(s)
        here = find_event(s, season, event)
        event_names = {e.number: e.name for e in s.exec(
            select(Event).where(Event.season_id == season.id))}
        carried_away = _carried_away(s, season, here)
    entries: dict[str, EntryView] = {e.number: e for e in list_entries(db)}
    slicks = {s.car: s for s in info.slicks}
    wets = {s.car: s for s in info.wets}
    numbers = sorted(facts.entered | {t.car for t in info.tyres}
                     | {t.car for t in carried_away}, key=car_number_key)
    carry_limit = info.tyre_rules.carry_over_limit
    # Replacements and scrapped tyres are the exception: a column only when some car has one.
    wanted_totals = {"New slicks", "Wets", "Carried over"}
    if any(s.replacements for s in (*info.slicks, *info.wets)):
        wanted_totals.add("Replacements")
    if any(s.scrapped for s in (*info.slicks, *info.wets)):
        wanted_totals.add("Scrapped")
    cars = []
    for number in numbers:
        entry = entries.get(number)
        tyres = tuple(
            # The registry does not know where on the car a tyre goes: the car's sizes.
            TyreRow(barcode=t.barcode, tyre_type=t.tyre_type.capitalize(),
                    position=facts.season.car_sizes.get(entry.car, "") if entry else "",
                    registered_at=t.registered_at,
                    status=TYRE_STATUS_TEXT.get(t.status, t.status),
                    note=_tyre_note(t, event_names))
            for t in info.tyres if t.car == number)
        away = tuple(
            TyreRow(barcode=t.barcode, tyre_type=t.tyre_type.capitalize(),
                    position=facts.season.car_sizes.get(entry.car, "") if entry else "",
                    registered_at=t.registered_at,
                    status=f"Carried to {event_names.get(t.to_event, t.to_event)}",
                    note=t.note, carried_to=event_names.get(t.to_event, str(t.to_event)))
            for t in carried_away if t.car == number)
        tyres = tuple(sorted(tyres + away, key=lambda t: (t.registered_at, t.barcode)))
        slick, wet = slicks.get(number), wets.get(number)
        totals = [TyreTotal("New slicks", slick.registered if slick else 0,
                            info.tyre_rules.slick_quota),
                  TyreTotal("Wets", wet.registered if wet else 0, info.tyre_rules.wet_quota),
                  TyreTotal("Carried over",
                            (slick.carried_over if slick else 0)
                            + (wet.carried_over if wet else 0), carry_limit),
                  TyreTotal("Replacements", (slick.replacements if slick else 0)
                            + (wet.replacements if wet else 0), None),
                  TyreTotal("Scrapped", (slick.scrapped if slick else 0)
                            + (wet.scrapped if wet else 0), None)]
        totals = [t for t in totals if t.label in wanted_totals]
        cars.append(TyreCar(
            number=number, driver=entry.driver if entry else (slick.driver if slick else "")
            or "", team=entry.team if entry else "",
            class_name=entry.class_name if entry else "", car=entry.car if entry else "",
            tyres=tyres, totals=tuple(totals)))
    return TyreAllocationDocument(**facts.header("Tyre Allocation", generated_at=generated_at),
                                  status=None, cars=tuple(cars), sizes=facts.season.sizes,
                                  signatures=("Tyre Official",), tyres=facts.season.tyres)


def tyres_pdf(db: Database, *, event: str, barcodes: bool = True) -> bytes:
    """The tyre allocation sheet, followed by one barcode page per car with tyres."""
    from paddock.reports.tyres import render_tyre_allocation

    document = tyre_allocation_document(db, event=event)
    with_tyres = [car.number for car in document.cars
                  if any(not tyre.carried_to for tyre in car.tyres)]
    # One renderer for both parts, so "Page X of Y" runs through the whole file.
    return render_tyre_allocation(document, with_tyres if barcodes and with_tyres else None)


def _concatenate(pdfs: Sequence[bytes]) -> bytes:
    """One PDF holding the pages of several, in order (each keeps its own page numbers)."""
    import io

    import pypdfium2

    merged = pypdfium2.PdfDocument.new()
    sources = [pypdfium2.PdfDocument(data) for data in pdfs]
    try:
        for source in sources:
            merged.import_pages(source)
        buffer = io.BytesIO()
        merged.save(buffer)
        return buffer.getvalue()
    finally:
        for source in sources:
            source.close()
        merged.close()


# --- starting grid -----------------------------------------------------------------------


def grid_document(db: Database, *, event: str, race: int,
                  generated_at: datetime | None = None) -> GridDocument:
    """A race's starting grid as it stands (qualifying, race 1, drops, amendments).

    Official when every classification it is formed from is official (their revisions
    are named in the notes); the latest publication time of its sources.
    """
    from paddock.services.grids import starting_grid

    facts = _event_facts(db, event)
    grid = starting_grid(db, event=event, race=race)
    sources = [session_results(db, event=event, session=source.session)
               for source in grid.sources]
    status = PROVISIONAL
    if sources and all(source.official for source in sources):
        published = [s.published_at for s in sources if s.published_at is not None]
        # The grid has no revision of its own: its sources' revisions are in the notes.
        status = DocumentStatus(official=True, revision=0,
                                published_at=max(published, default=None))
    if grid.amendments:
        # Seen first, under the band: whoever reads the sheet must know it was changed.
        amended = "; ".join(f"{text[0].upper()}{text[1:]}" for text in grid.amendments)
        status = replace(status, reason=f"AMENDED — {amended}.")
    zone = ZoneInfo(facts.event.time_zone)
    notes = []
    if sources:
        # Each source named with its state, revision, publication time and that revision's
        # hash: the grid's own hash (in the footer) is worked out from this data, theirs
        # included.
        notes.append("Formed from " + ", ".join(
            f"{s.session_name} ({s.status}"
            + (f", revision {s.revision}"
               + (f" published {_stamp(s.published_at, zone)}" if s.published_at else "")
               + f", hash {s.content_hash})" if s.official else ")")
            for s in sources) + ".")
    qualifying = [s for s in sources if s.session_kind == "qualifying"]
    if qualifying and not any(s.rows for s in qualifying):
        notes.append(f"No {qualifying[0].session_name.lower()} times: cars are placed by their "
                     "best practice lap, then by car number.")
    untimed = [slot.number for slot in grid.slots if slot.time_ms is None]
    if untimed:
        notes.append("No time: " + ", ".join(f"#{car}" for car in untimed)
                     + " (behind the timed cars).")
    entries = {e.number: e for e in list_entries(db)}

    def car(number: str, what: str, decided: str = "", applies_to: str = "") -> GridCar:
        entry = entries.get(number)
        return GridCar(number, entry.driver if entry else "", entry.team if entry else "",
                       entry.class_name if entry else "", what, decided, applies_to)

    withdrawn = tuple(car(a.number, a.reason, _stamp(a.created_at, zone))
                      for a in grid.adjustments if a.kind == "withdraw")
    amendments = tuple(GridAmendment(a.created_at, a.number, _amendment_text(a))
                       for a in grid.adjustments)
    pending = tuple(car(p.number, p.text, p.decided_in, p.applies_to) for p in grid.pending)
    code, name = _race_session(db, event, race)
    return GridDocument(
        **facts.header("Starting Grid", name, code=code, generated_at=generated_at),
        status=status,
        slots=tuple(GridSlot(position=slot.position, number=slot.number, driver=slot.driver,
                             team=slot.team, class_name=slot.class_name, time_ms=slot.time_ms,
                             note=slot.note, pit_lane=slot.pit_lane,
                             time_source=slot.time_source or "")
                    for slot in grid.slots),
        pole_side="right" if grid.pole_side == "right" else "left", basis=grid.basis,
        notes=tuple(notes), withdrawn=withdrawn, amendments=amendments, pending=pending)


def _amendment_text(adjustment: Any) -> str:
    """"Withdrawn: engine change" — the car has its own column on the sheet."""
    if adjustment.kind == "withdraw":
        return f"Withdrawn: {adjustment.reason}"
    if adjustment.kind == "move":
        return f"Moved to position {adjustment.position}: {adjustment.reason}"
    return f"Starts from the pit lane: {adjustment.reason}"


def _race_session(db: Database, event: str, race: int) -> tuple[str | None, str]:
    """The code and name of race ``race`` of the event ("R1", "Race 1")."""
    with db.reader() as s:
        found = find_event(s, current_season(s), event)
        row = s.exec(select(RaceSession.code, RaceSession.name).where(
            RaceSession.event_id == found.id, RaceSession.kind == "race",
            RaceSession.race_number == race)).first()
    return (row[0], row[1]) if row else (None, f"Race {race}")


def _stamp(moment: datetime, zone: ZoneInfo) -> str:
    """"19 Mar 2021 16:10 EDT" (as `paddock.reports.base.local_stamp`, without reportlab)."""
    local = moment.astimezone(zone)
    return f"{local.day} {local:%b %Y %H:%M} {local.tzname() or 'UTC'}"


def grid_pdf(db: Database, *, event: str, race: int) -> bytes:
    from paddock.reports.grid_sheet import render_grid_sheet

    return render_grid_sheet(grid_document(db, event=event, race=race))


# --- standings ---------------------------------------------------------------------------


def standings_document(db: Database, *, class_name: str | None = None,
                       generated_at: datetime | None = None) -> StandingsDocument:
    """The championship standings (every class, or one), with the races they count.

    Official when every race counted is official; the revision of each race counted is
    listed on the document (the standings have no revision of their own).

    Raises:
        NotFound: no such class.
        NoResults: no race of the season has results yet.
    """
    from paddock.services.standings import drop_rule_text, season_standings

    view = season_standings(db, class_name=class_name)
    if not view.sources:
        raise NoResults(f"no race results in the {view.season_year} season yet: import the "
                        "timing files first")
    _facts, header = _season_header(
        db, "Championship Standings", generated_at=generated_at,
        session=(f"After round {max(s.round for s in view.sources)}" if view.sources
                 else "Before round 1") + (f" — {view.class_name}" if view.class_name else ""))
    rounds = tuple(source.column for source in view.sources)
    def rows(drivers: Sequence[Any]) -> tuple[StandingsRow, ...]:
        return tuple(
            StandingsRow(position=row.position, number=row.number, driver=row.driver,
                         nationality=row.nationality, points=row.points, wins=row.wins,
                         round_points=row.standing.per_race, dropped=row.standing.dropped)
            for row in drivers)

    classes = tuple(ClassStandings(class_name=table.class_name, rounds=rounds,
                                   rows=rows(table.drivers),
                                   drop_rule=drop_rule_text(table.drop))
                    for table in view.classes)
    if view.class_name is None and view.juniors:
        # The Porsche Junior programme: every driver aged 23 or younger, across classes.
        classes += (ClassStandings(class_name="Junior", rounds=rounds, rows=rows(view.juniors)),)
    teams = tuple(
        TeamStandings(class_name=table.class_name, rounds=rounds, rows=tuple(
            TeamStandingsRow(position=team.position, team=team.team, points=team.points,
                             wins=team.wins, round_points=team.per_race)
            for team in table.teams))
        for table in view.classes if table.teams)
    sources = tuple(
        SourceSession(name=f"Round {s.round} — {s.event_name}, {s.session_name}",
                      revision=s.revision, official=s.official, published_at=s.published_at,
                      content_hash=s.content_hash)
        for s in view.sources)
    status = PROVISIONAL
    if view.sources and not view.provisional:
        published = [s.published_at for s in view.sources if s.published_at is not None]
        status = DocumentStatus(
            official=True, revision=0, published_at=max(published, default=None),
            reason=f"Computed from the official classifications of {len(view.sources)} races "
                   "(revisions and their hashes listed under the tables).")
    return StandingsDocument(**header, status=status, classes=classes, teams=teams,
                             computed_from=sources)


def standings_pdf(db: Database, *, class_name: str | None = None) -> bytes:
    from paddock.reports.standings import render_standings

    return render_standings(standings_document(db, class_name=class_name))


# --- event pack --------------------------------------------------------------------------


@dataclass(frozen=True)
class PackFile:
    """One document written by `event_pack`."""

    path: Path
    title: str
    size: int


@dataclass(frozen=True)
class EventPack:
    """What `event_pack` wrote, and what it skipped and why."""

    folder: Path
    written: tuple[PackFile, ...]
    skipped: tuple[str, ...]
    #: The combined file: a cover with an index, then every document written (None when
    #: nothing was written).
    combined: PackFile | None = None


def event_pack(db: Database, *, event: str, folder: Path | str) -> EventPack:
    """Write every current document of an event into ``folder``, in weekend order.

    The documents are the catalogue's (`paddock.services.catalogue`) that go into the
    pack: the entry list; each session's documents (a race's starting grid, its
    classification, its results by class...); the tyre allocation with its barcode
    pages; the championship standings as they stand. Files are numbered by their place in
    the weekend, whether or not the documents before them exist yet, so a document keeps
    its file name from one run to the next and a re-run replaces it:
    ``04-sebring-Q-classification.pdf``. Beside them, one combined file
    (``00-sebring-event-pack.pdf``): a cover page with the event, the time the pack was
    made and an index of the documents with their state and the page each starts on,
    then every document written. A document that cannot be made yet is skipped
    (with the reason), not an error. Everything is rendered before anything is written,
    so a failure leaves the folder as it was; the folder itself is created when its
    parent exists.

    Raises:
        NotFound: unknown event.
        OutputRefused: the folder's parent does not exist, the folder is a file or the
            database's backups folder, or a file would overwrite one of the database's.
    """
    from paddock.services.catalogue import build_choice, event_documents, pack_candidates
    from paddock.services.output_paths import check_output_file, check_output_folder, write_output

    # Never into the backups folder, never over the database's files (checked per file).
    target = check_output_folder(folder, db.path)
    catalogue = event_documents(db, event)
    candidates = pack_candidates(catalogue)
    width = max(2, len(str(len(candidates))))
    rendered: list[tuple[Path, str, bytes]] = []
    skipped: list[str] = []
    made: list[tuple[Any, Path | None, bytes]] = []
    for slot, choice in candidates:
        if choice.missing:
            skipped.append(f"{choice.full_title}: {choice.missing[0].lower()}"
                           f"{choice.missing[1:]}")
            made.append((choice, None, b""))
            continue
        path = target / f"{slot:0{width}d}-{choice.file_stem}.pdf"
        data = build_choice(db, choice)
        rendered.append((path, choice.full_title, data))
        made.append((choice, path, data))
    combined_path = target / f"{0:0{width}d}-{catalogue.short_name}-event-pack.pdf"
    if rendered:
        rendered.append((combined_path, "Event pack (cover, index and every document)",
                         _combined_pack(db, event, made)))
    for path, _title, _data in rendered:
        if target.is_dir():
            check_output_file(path, db.path)
    target.mkdir(exist_ok=True)
    written = []
    for path, title, data in rendered:
        write_output(path, data, db_path=db.path)
        written.append(PackFile(path, title, len(data)))
    combined = written.pop() if rendered else None
    return EventPack(target, tuple(written), tuple(skipped), combined)


def _page_count(pdf: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def pack_cover_document(db: Database, *, event: str,
                        made: Sequence[tuple[Any, Path | None, bytes]], cover_pages: int = 1,
                        generated_at: datetime | None = None) -> EventPackCover:
    """The combined pack's cover: ``made`` holds each candidate (a catalogue
    `DocumentChoice`), the file it was written to (None: not made) and its PDF."""
    facts = _event_facts(db, event)
    entries = []
    page = cover_pages + 1
    for choice, path, data in made:
        if path is None:
            entries.append(PackEntry(title=choice.full_title, missing=choice.missing))
            continue
        pages = _page_count(data)
        entries.append(PackEntry(title=choice.full_title, file_name=path.name,
                                 state=choice.state, first_page=page, pages=pages))
        page += pages
    return EventPackCover(**facts.header("Event Pack", generated_at=generated_at),
                          status=None, entries=tuple(entries))


def _combined_pack(db: Database, event: str,
                   made: Sequence[tuple[Any, Path | None, bytes]]) -> bytes:
    """The cover with its index, then every document made, as one PDF."""
    from paddock.reports.pack_cover import render_pack_cover

    generated_at = datetime.now(UTC)
    cover_pages = 1
    while True:
        # The index names the page each document starts on, which depends on how many
        # pages the cover itself takes: rendered again until that settles.
        cover = render_pack_cover(pack_cover_document(
            db, event=event, made=made, cover_pages=cover_pages, generated_at=generated_at))
        pages = _page_count(cover)
        if pages == cover_pages:
            break
        cover_pages = pages
    return _concatenate([cover, *(data for _, path, data in made if path is not None)])
