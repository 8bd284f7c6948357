"""The one catalogue of documents: which documents an event has, which can be made now,
and making one.

The window's Documents page, the event pack and `paddock report` all read it, so a
document listed in one is listed in all three, under the same name, for the same
sessions, with races numbered the same way (the race number each race session has).

Adding a document is one entry in `DOCUMENTS`::

    DocumentType("time-cards", "Time cards", time_cards_pdf,
                 session_kinds=ALL_SESSIONS, required=("event", "session"),
                 optional=("car",))

``build`` is called as ``build(db, **options)`` with the options the entry names (those
of ``required`` always, those of ``optional`` when given), and returns the PDF bytes.
Options are ``event`` (the event's number or short name), ``session`` (its code),
``race`` (1 or 2), ``class_name``, ``car``, ``decision``, ``revision``, ``barcodes``.
A session document is listed once per session of a kind in ``session_kinds``; ``ready``
(optional) says whether it can be made now and how it stands, by default from the
session's results.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from paddock.errors import NotFound, PaddockError
from paddock.services import documents as docs
from paddock.services.lap_documents import RACE_ONLY
from paddock.services.season import EventView, event_view
from paddock.services.sessions import SessionFacts

if TYPE_CHECKING:
    from paddock.db.engine import Database

Scope = Literal["event", "session", "season"]

ALL_SESSIONS = frozenset({"practice", "qualifying", "race"})
RACES = frozenset({"race"})
#: The options a builder may take, as `paddock report` names them (``--class`` is
#: ``class_name``).
OPTIONS = ("event", "session", "race", "class_name", "car", "decision", "revision", "barcodes")


@dataclass(frozen=True)
class Readiness:
    """Whether a document can be made now, and how it stands.

    Attributes:
        missing: why it cannot be made yet ("No results for R1 yet"); "" when it can.
        state: how it stands ("Official · rev 2", "Provisional", "Amended (1 amendment)").
        official: True / False, None for a document without that status.
        revision: the official revision it prints (0 when none).
        amended: a starting grid the stewards changed by hand.
    """

    missing: str = ""
    state: str = ""
    official: bool | None = None
    revision: int = 0
    amended: bool = False


@dataclass(frozen=True)
class DocumentType:
    """One kind of document: an entry of the catalogue.

    Attributes:
        key: the name `paddock report` takes and files carry ("classification").
        title: as the list shows it, in sentence case ("Classification"); a session
            document is shown with its session before it ("Race 1 classification").
        build: ``build(db, **options) -> bytes`` (see the module's docstring).
        scope: "event" (one per event), "session" (one per session of ``session_kinds``)
            or "season".
        session_kinds: the kinds of session a session document is made for.
        required: the options ``build`` always needs.
        optional: the options ``build`` takes when given (``class_name``: the document
            can be made for one class).
        ready: ``ready(look, choice) -> Readiness``; None: a session document needs
            the session's results, an event or season document is always ready.
        in_pack: written into the event pack.
        pack_kinds: the kinds of session whose document goes into the pack (None: every
            kind of ``session_kinds``), e.g. the time cards of races only.
        merges_pdfs: ``build`` joins PDFs with PDFium (the window then holds PDFium's
            lock while making it).
        stem: the file name without ".pdf", with ``{short}``, ``{code}``, ``{year}``,
            ``{key}`` filled in; "" for the default of the scope.
        place: where an event document comes in the weekend: "start" (before the
            sessions' documents, as the entry list) or "end" (after them).
    """

    key: str
    title: str
    build: Callable[..., bytes]
    scope: Scope = "session"
    session_kinds: frozenset[str] = ALL_SESSIONS
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    ready: Callable[[EventLook, DocumentChoice], Readiness] | None = None
    in_pack: bool = True
    pack_kinds: frozenset[str] | None = None
    merges_pdfs: bool = False
    stem: str = ""
    place: Literal["start", "end"] = "end"

    @property
    def takes_class(self) -> bool:
        return "class_name" in self.optional

    def file_stem(self, *, short: str = "", code: str = "", year: int = 0) -> str:
        default = {"event": "{short}-{key}", "session": "{short}-{code}-{key}",
                   "season": "{key}"}[self.scope]
        return (self.stem or default).format(short=short, code=code, year=year, key=self.key)


@dataclass(frozen=True)
class DocumentChoice:
    """One document of an event's list.

    Attributes:
        kind: the document's key in the catalogue ("classification").
        title: how the list names it ("Classification").
        group: the heading it is listed under ("Race 1 · R1", "Event", "Season").
        event: the event's number; None for a season document.
        file_stem: the file name it is saved under, without ".pdf".
        session: the session's code for a session document ("R1").
        race: the race's number (1 or 2) for a document of a race session that takes a
            ``race`` option (the starting grid); None otherwise.
        state: how it stands when it can be made ("Official · rev 2", "Provisional").
        missing: why it cannot be made yet; empty when it can.
        amended: a starting grid the stewards changed by hand.
        session_name: the session's name ("Race 1") for a session document.
        official: whether it is official (None: a document without that status).
        revision: the official revision it prints (0 when there is none).
        session_kind: "race", "qualifying" or "practice" for a session document.
    """

    kind: str
    title: str
    group: str
    event: int | None
    file_stem: str
    session: str | None = None
    race: int | None = None
    state: str = ""
    missing: str = ""
    amended: bool = False
    session_name: str = ""
    official: bool | None = None
    revision: int = 0
    session_kind: str = ""

    @property
    def document(self) -> DocumentType:
        return document_type(self.kind)

    @property
    def full_title(self) -> str:
        """The title with its session: "Race 1 starting grid"."""
        if not self.session_name:
            return self.title
        return f"{self.session_name} {self.title[0].lower()}{self.title[1:]}"

    @property
    def available(self) -> bool:
        return not self.missing

    @property
    def in_pack(self) -> bool:
        """Whether the event pack holds it (a race's time cards do, practice's do not)."""
        document = self.document
        return document.in_pack and (not self.session_kind or document.pack_kinds is None
                                     or self.session_kind in document.pack_kinds)

    @property
    def takes_class(self) -> bool:
        """Whether the document can be made for one class."""
        return self.document.takes_class

    @property
    def key(self) -> tuple[str, str | None, int | None]:
        """What stays the same for "this document" when the event or the data change."""
        return (self.kind, self.session, self.race)

    def options(self, **extra: Any) -> dict[str, Any]:
        """The options its builder is called with (``extra``: class_name, car, ...)."""
        known: dict[str, Any] = {
            "event": None if self.event is None else str(self.event),
            "session": self.session, "race": self.race, **extra}
        return known


@dataclass(frozen=True)
class Catalogue:
    """The documents of one event, in weekend order, and the season's classes."""

    event_number: int
    event_name: str
    short_name: str
    season_year: int
    classes: tuple[str, ...]
    choices: tuple[DocumentChoice, ...]

    @property
    def available(self) -> tuple[DocumentChoice, ...]:
        return tuple(choice for choice in self.choices if choice.available)

    def find(self, key: tuple[str, str | None, int | None]) -> DocumentChoice | None:
        return next((choice for choice in self.choices if choice.key == key), None)


@dataclass(frozen=True)
class SessionStatus:
    """How a session stands, read without classifying it (for the list, not for print).

    Attributes:
        has_results: an official revision, or timing data (laps or results lines).
        official: it has an official revision; ``revision`` is the latest (0: none).
        decisions / pending: the stewards' decisions recorded in it, and how many of
            them wait for the next publication.
    """

    has_results: bool = False
    official: bool = False
    revision: int = 0
    decisions: int = 0
    pending: int = 0


class EventLook:
    """What the readiness checks of one listing share, each read once when first asked.

    The list only needs to know whether each session has results, whether they are
    official (and which revision) and how many decisions it holds: `status` reads that for
    every session of the event in a few queries, where classifying each session (what
    printing it needs) would take most of a second for a weekend.
    """

    def __init__(self, db: Database, event: EventView) -> None:
        self.db = db
        self.event = event

    @functools.cached_property
    def _statuses(self) -> dict[str, SessionStatus]:
        from sqlalchemy import func
        from sqlmodel import col, select

        from paddock.db.models import (
            Event,
            LapRecordRow,
            PenaltyRecord,
            PublishedRevision,
            RaceSession,
            ResultLine,
        )
        from paddock.services.season import current_season

        with self.db.reader() as s:
            season = current_season(s)
            codes = dict(s.exec(
                select(RaceSession.id, RaceSession.code)
                .join(Event, col(RaceSession.event_id) == Event.id)
                .where(Event.season_id == season.id, Event.number == self.event.number)).all())
            ids = list(codes)
            revisions = dict(s.exec(
                select(PublishedRevision.session_id, func.max(PublishedRevision.revision))
                .where(col(PublishedRevision.session_id).in_(ids))
                .group_by(col(PublishedRevision.session_id))).all())
            timed = {i for table in (LapRecordRow, ResultLine) for i in s.exec(
                select(table.session_id).where(col(table.session_id).in_(ids)).distinct())}
            decisions: dict[int, list[int]] = {}
            for session_id, pending in s.exec(
                    select(PenaltyRecord.session_id, PenaltyRecord.pending)
                    .where(col(PenaltyRecord.session_id).in_(ids))):
                decisions.setdefault(session_id, []).append(int(pending))
        return {code: SessionStatus(
            has_results=session_id in revisions or session_id in timed,
            official=session_id in revisions, revision=revisions.get(session_id) or 0,
            decisions=len(decisions.get(session_id, ())),
            pending=sum(decisions.get(session_id, ())))
            for session_id, code in codes.items() if session_id is not None}

    @functools.cached_property
    def season_races(self) -> tuple[int, bool]:
        """The season's races with results (as the standings count them), and whether
        some of them are still provisional; read without computing the standings."""
        from sqlmodel import col, select

        from paddock.db.models import (
            Event,
            LapRecordRow,
            PublishedRevision,
            RaceSession,
            ResultLine,
        )
        from paddock.services.season import current_season

        with self.db.reader() as s:
            season = current_season(s)
            ids = [i for i in s.exec(
                select(RaceSession.id).join(Event, col(RaceSession.event_id) == Event.id)
                .where(Event.season_id == season.id, RaceSession.kind == "race")).all()
                if i is not None]
            official = set(s.exec(select(PublishedRevision.session_id).where(
                col(PublishedRevision.session_id).in_(ids)).distinct()).all())
            timed = {i for table in (LapRecordRow, ResultLine) for i in s.exec(
                select(table.session_id).where(col(table.session_id).in_(ids)).distinct())}
        return len(official | timed), bool(timed - official)

    def status(self, code: str) -> SessionStatus:
        """How session ``code`` stands (no results: a default status)."""
        return self._statuses.get(code, SessionStatus())

    def sessions(self, kind: str) -> list[SessionFacts]:
        return [f for f in self.event.schedule if f.kind == kind]

    @functools.cached_property
    def tyres(self) -> int:
        """The tyres registered at the event and not voided (as the tyre sheet lists)."""
        from sqlalchemy import func
        from sqlmodel import select

        from paddock.db.models import Event, TyreRecord
        from paddock.services.season import current_season

        with self.db.reader() as s:
            season = current_season(s)
            return int(s.exec(
                select(func.count()).select_from(TyreRecord)
                .join(Event, TyreRecord.event_id == Event.id)  # type: ignore[arg-type]
                .where(Event.season_id == season.id, Event.number == self.event.number,
                       TyreRecord.status != "void")).one())

    @functools.cached_property
    def with_laps(self) -> frozenset[str]:
        """The codes of the event's sessions that hold time cards."""
        from paddock.services.lap_documents import sessions_with_laps

        return sessions_with_laps(self.db, str(self.event.number))


# --- readiness -----------------------------------------------------------------------------


def session_readiness(look: EventLook, choice: DocumentChoice) -> Readiness:
    """A document made from the session's classification: needs its results."""
    assert choice.session is not None
    status = look.status(choice.session)
    if not status.has_results:
        return Readiness(missing=f"No results for {choice.session} yet")
    return Readiness(state=f"Official · rev {status.revision}" if status.official
                     else "Provisional", official=status.official,
                     revision=status.revision if status.official else 0)


def _grid_readiness(look: EventLook, choice: DocumentChoice) -> Readiness:
    """A grid needs qualifying results; official when every session it comes from is.

    Read from the sessions' standing and the stored amendments, without forming the grid:
    an amendment that no longer fits the grid is said when the grid is made.
    """
    from paddock.services.grids import grid_adjustments

    qualifying = look.sessions("qualifying")
    if not qualifying:
        return Readiness(missing="This event has no qualifying")
    if not any(look.status(q.code).has_results for q in qualifying):
        return Readiness(missing="No qualifying results yet")
    if choice.race is None:
        return Readiness(missing="This session is not a numbered race")
    # Qualifying run per class: the grid comes from every qualifying session.
    qs = [look.status(q.code) for q in qualifying]
    sources = list(qs)
    if choice.race == 2:
        sources += [look.status(r.code) for r in look.sessions("race") if r.race_number == 1]
    official = all(source.official for source in sources)
    try:
        count = len(grid_adjustments(look.db, event=str(look.event.number), race=choice.race))
    except PaddockError as exc:
        return Readiness(missing=exc.message)
    # A grid has no revision of its own: it says which qualifying revision it comes from.
    state = "Official" if official else "Provisional"
    if official and len(qs) == 1 and qs[0].revision:
        state += f" (Q rev {qs[0].revision})"
    elif official:
        state += " (" + ", ".join(f"{q.code} rev {status.revision}"
                                  for q, status in zip(qualifying, qs, strict=True)) + ")"
    if count:
        state = f"Amended ({count} {'amendment' if count == 1 else 'amendments'}) · {state}"
    return Readiness(state=state, amended=bool(count), official=official)


def _laps_readiness(look: EventLook, choice: DocumentChoice) -> Readiness:
    """A document made from the session's time cards: needs them (and its results)."""
    assert choice.session is not None
    if choice.session not in look.with_laps:
        return Readiness(missing=f"No time cards for {choice.session} yet")
    return session_readiness(look, choice)


def _decisions_readiness(look: EventLook, choice: DocumentChoice) -> Readiness:
    """The stewards' decisions of a session: needs one."""
    assert choice.session is not None
    status = look.status(choice.session)
    if not status.decisions:
        return Readiness(missing=f"No decisions in {choice.session} yet")
    count, pending = status.decisions, status.pending
    state = f"{count} {'decision' if count == 1 else 'decisions'}"
    if pending:
        state += f" · {pending} pending"
    return Readiness(state=state)


def _entry_list_readiness(look: EventLook, choice: DocumentChoice) -> Readiness:
    return Readiness(state=f"The cars entered at {look.event.name}")


def _tyres_readiness(look: EventLook, choice: DocumentChoice) -> Readiness:
    count = look.tyres
    if not count:
        return Readiness(missing=f"No tyres registered at {look.event.name} yet")
    return Readiness(state=f"{count} tyres registered")


def _standings_readiness(look: EventLook, choice: DocumentChoice) -> Readiness:
    races, provisional = look.season_races
    if not races:
        return Readiness(missing="No race results in the season yet")
    noun = "race" if races == 1 else "races"
    state = f"{races} {noun} counted" + (" · some provisional" if provisional
                                         else " · official")
    return Readiness(state=state, official=not provisional)


def _season_entry_list_readiness(look: EventLook, choice: DocumentChoice) -> Readiness:
    return Readiness(state="Every entry of the season")


# --- the catalogue ---------------------------------------------------------------------------


def _season_entry_list(db: Database) -> bytes:
    return docs.entry_list_pdf(db, None)


def _decisions(db: Database, *, event: str, session: str,
               decision: str | None = None) -> bytes:
    from paddock.services.decision_documents import decisions_pdf

    return decisions_pdf(db, event=event, session=session, decision=decision)


def _lap_document(key: str, db: Database, *, event: str, session: str,
                  car: str | None = None) -> bytes:
    from paddock.services.lap_documents import lap_document_pdf

    return lap_document_pdf(db, key, event=event, session=session, car=car)


#: The documents made from a session's time cards (paddock.services.lap_documents), in
#: the order a session lists them; the lap chart is a race's only.
LAP_TITLES = {"time-cards": "Time cards", "lap-chart": "Lap chart",
              "fastest-laps": "Fastest laps", "best-laps": "Best 10 laps",
              "best-sectors": "Best sectors and ideal lap", "pit-stops": "Pit stops",
              "flags": "Flags"}

#: The lap documents the event pack holds for some kinds of session only: the time cards
#: of every car run to a hundred pages in a race weekend, so the pack has a race's (the
#: ones teams and the stewards ask for); pit stops and flags matter in a race.
LAP_PACK_KINDS = {"time-cards": RACES, "pit-stops": RACES, "flags": RACES}


DOCUMENTS: list[DocumentType] = [
    DocumentType("entry-list", "Entry list", docs.entry_list_pdf, scope="event",
                 optional=("event",), ready=_entry_list_readiness, place="start"),
    DocumentType("grid", "Starting grid", docs.grid_pdf, session_kinds=RACES,
                 required=("event", "race"), ready=_grid_readiness),
    DocumentType("classification", "Classification", docs.classification_pdf,
                 required=("event", "session"), optional=("class_name", "revision")),
    DocumentType("results-by-class", "Results by class",
                 functools.partial(docs.classification_pdf, by_class=True),
                 required=("event", "session"),
                 optional=("class_name", "revision"),
                 # Qualifying by class orders each class's grid; practice's stays on call.
                 pack_kinds=frozenset({"race", "qualifying"})),
    *(DocumentType(key, title, functools.partial(_lap_document, key),
                   session_kinds=RACES if key in RACE_ONLY else ALL_SESSIONS,
                   required=("event", "session"),
                   optional=("car",) if key == "time-cards" else (),
                   ready=_laps_readiness, pack_kinds=LAP_PACK_KINDS.get(key))
      for key, title in LAP_TITLES.items()),
    DocumentType("decisions", "Stewards' decisions", _decisions,
                 required=("event", "session"), optional=("decision",),
                 ready=_decisions_readiness),
    DocumentType("tyres", "Tyre allocation", docs.tyres_pdf, scope="event",
                 required=("event",), optional=("barcodes",), ready=_tyres_readiness),
    DocumentType("standings", "Championship standings", docs.standings_pdf, scope="season",
                 optional=("class_name",), ready=_standings_readiness),
    DocumentType("season-entry-list", "Season entry list", _season_entry_list,
                 scope="season", ready=_season_entry_list_readiness, in_pack=False,
                 stem="{year}-entry-list"),
]


def document_type(key: str) -> DocumentType:
    """The catalogue's entry ``key``.

    Raises:
        NotFound: no such document.
    """
    for document in DOCUMENTS:
        if document.key == key:
            return document
    raise NotFound(f"no document '{key}'; documents are "
                   + ", ".join(d.key for d in DOCUMENTS))


def register(document: DocumentType) -> None:
    """Add a document to the catalogue (replacing one of the same key, in its place)."""
    for index, known in enumerate(DOCUMENTS):
        if known.key == document.key:
            DOCUMENTS[index] = document
            return
    DOCUMENTS.append(document)


def _ready(document: DocumentType, look: EventLook, choice: DocumentChoice) -> Readiness:
    if document.ready is not None:
        return document.ready(look, choice)
    if document.scope == "session":
        return session_readiness(look, choice)
    return Readiness()


def _with(choice: DocumentChoice, ready: Readiness) -> DocumentChoice:
    return replace(choice, state=ready.state, missing=ready.missing, official=ready.official,
                   revision=ready.revision, amended=ready.amended)


def event_documents(db: Database, event: str | int) -> Catalogue:
    """The documents of an event in weekend order, with what each is waiting for.

    Weekend order: the event's own documents that come first (the entry list), each
    session's documents in the order of the sessions and of the catalogue, the event's
    other documents (tyres), then the season's.

    Raises:
        NotFound: no such event.
    """
    from paddock.services.entries import entry_choices

    view = event_view(db, str(event))
    look = EventLook(db, view)
    classes = entry_choices(db)
    short, number, year = view.short_name, view.number, classes.season_year
    first = [d for d in DOCUMENTS if d.scope == "event" and d.place == "start"]
    later = [d for d in DOCUMENTS if d.scope == "event" and d.place == "end"]
    choices: list[DocumentChoice] = []

    def add(document: DocumentType, choice: DocumentChoice) -> None:
        choices.append(_with(choice, _ready(document, look, choice)))

    for document in first:
        add(document, DocumentChoice(document.key, document.title, "Event", number,
                                     document.file_stem(short=short, year=year)))
    for facts in view.schedule:
        for document in DOCUMENTS:
            if document.scope != "session" or facts.kind not in document.session_kinds:
                continue
            add(document, DocumentChoice(
                document.key, document.title, f"{facts.name} · {facts.code}", number,
                document.file_stem(short=short, code=facts.code, year=year),
                session=facts.code,
                race=facts.race_number if "race" in (*document.required, *document.optional)
                else None,
                session_name=facts.name, session_kind=facts.kind))
    for document in later:
        add(document, DocumentChoice(document.key, document.title, "Event", number,
                                     document.file_stem(short=short, year=year)))
    for document in DOCUMENTS:
        if document.scope == "season":
            add(document, DocumentChoice(document.key, document.title, "Season", None,
                                         document.file_stem(short=short, year=year)))
    return Catalogue(number, view.name, short, year, tuple(classes.classes), tuple(choices))


def build(db: Database, key: str, **options: Any) -> bytes:
    """Make document ``key`` with the options given (None means not given).

    Only the options the document names are passed on to its builder.

    Raises:
        NotFound: no such document.
        PaddockError: a required option is missing, or the document cannot be made.
    """
    document = document_type(key)
    given = {name: value for name, value in options.items() if value is not None}
    missing = [name for name in document.required if name not in given]
    if missing:
        raise PaddockError(f"the {key} document needs {' and '.join(missing)}")
    wanted = {name: given[name] for name in (*document.required, *document.optional)
              if name in given}
    return document.build(db, **wanted)


def build_choice(db: Database, choice: DocumentChoice, class_name: str | None = None,
                 **extra: Any) -> bytes:
    """Make the PDF of an event's listed document (for one class when it takes one)."""
    options: Mapping[str, Any] = choice.options(
        class_name=class_name if choice.takes_class else None, **extra)
    return build(db, choice.kind, **options)


def pack_candidates(catalogue: Catalogue) -> list[tuple[int, DocumentChoice]]:
    """The event pack's documents in weekend order with their slot numbers, numbered
    whether or not they can be made now (a document keeps its file name from one run to
    the next)."""
    wanted = [c for c in catalogue.choices if c.in_pack]
    return list(enumerate(wanted, start=1))
