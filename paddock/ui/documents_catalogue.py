"""Which documents an event has, which can be made now, and making one.

The Documents page lists every document of the weekend in weekend order, grouped by
session, with each one's state ("Official · rev 2", "Provisional", "Amended") or the
reason it cannot be made yet ("No results for R1 yet"). The list is read on the UI
thread (a few small queries); the PDFs are made on the pool by `render_document`, with a
database connection of the worker's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from paddock.errors import PaddockError
from paddock.services import documents as document_service
from paddock.services import entries as entry_service
from paddock.services.grids import starting_grid
from paddock.services.lap_documents import RACE_ONLY, lap_document_pdf, sessions_with_laps
from paddock.services.results import SessionResults, session_results
from paddock.services.season import event_view
from paddock.services.standings import season_standings
from paddock.services.tyres import event_tyres
from paddock.ui.pdf_pages import PDFIUM_LOCK

if TYPE_CHECKING:
    from paddock.services.database import Database

T = TypeVar("T")


class DocumentKind(StrEnum):
    ENTRY_LIST = "entry-list"
    CLASSIFICATION = "classification"
    RESULTS_BY_CLASS = "results-by-class"
    GRID = "grid"
    TYRES = "tyres"
    STANDINGS = "standings"
    SEASON_ENTRY_LIST = "season-entry-list"
    # From the session's time cards (paddock.services.lap_documents, by the same names).
    TIME_CARDS = "time-cards"
    FASTEST_LAPS = "fastest-laps"
    BEST_LAPS = "best-laps"
    BEST_SECTORS = "best-sectors"
    PIT_STOPS = "pit-stops"
    FLAGS = "flags"
    LAP_CHART = "lap-chart"


#: The lap documents in the order a session lists them, with their titles in the list.
LAP_KINDS: dict[DocumentKind, str] = {
    DocumentKind.TIME_CARDS: "Time cards",
    DocumentKind.LAP_CHART: "Lap chart",
    DocumentKind.FASTEST_LAPS: "Fastest laps",
    DocumentKind.BEST_LAPS: "Best 10 laps",
    DocumentKind.BEST_SECTORS: "Best sectors and ideal lap",
    DocumentKind.PIT_STOPS: "Pit stops",
    DocumentKind.FLAGS: "Flags",
}


#: The kinds that can be made for one class as well as for all.
CLASS_KINDS = frozenset({DocumentKind.CLASSIFICATION, DocumentKind.RESULTS_BY_CLASS,
                         DocumentKind.STANDINGS})


@dataclass(frozen=True)
class DocumentChoice:
    """One document of the list.

    Attributes:
        kind: what document it is.
        title: how the list names it ("Race 1 classification").
        group: the heading it is listed under ("Race 1 · R1", "Event", "Season").
        event: the event's number; None for a season document.
        session: the session's code for a session document ("R1").
        race: 1 or 2 for a starting grid.
        state: how it stands when it can be made ("Official · rev 2", "Provisional").
        missing: why it cannot be made yet; empty when it can.
        amended: a starting grid the stewards changed by hand.
        file_stem: the file name it is saved under, without ".pdf".
        session_name: the session's name ("Race 1") for a session document.
        official: whether it is official (None: a document without that status).
        revision: the official revision it prints (0 when there is none).
    """

    kind: DocumentKind
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
    def takes_class(self) -> bool:
        """Whether the document can be made for one class."""
        return self.kind in CLASS_KINDS

    @property
    def key(self) -> tuple[str, str | None, int | None]:
        """What stays the same for "this document" when the event or the data change."""
        return (self.kind.value, self.session, self.race)


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


def _state(results: SessionResults) -> str:
    return f"Official · rev {results.revision}" if results.official else "Provisional"


def document_catalogue(db: Database, event: int) -> Catalogue:
    """The documents of event ``event``, with what each is waiting for.

    Raises:
        NotFound: no such event.
    """
    view = event_view(db, str(event))
    short = view.short_name
    choices: list[DocumentChoice] = [DocumentChoice(
        DocumentKind.ENTRY_LIST, "Entry list", "Event", event, f"{short}-entry-list",
        state=f"The cars entered at {view.name}")]

    sessions = [session_results(db, event=str(event), session=code) for code in view.sessions]
    qualifying = [r for r in sessions if r.session_kind == "qualifying"]
    qualifying_results = next((r for r in qualifying if r.rows), None)
    with_laps = sessions_with_laps(db, str(event))
    race_number = 0
    for results in sessions:
        code, name = results.session_code, results.session_name
        group = f"{name} · {code}"
        missing = "" if results.rows else f"No results for {code} yet"
        state = _state(results) if results.rows else ""
        official = results.official if results.rows else None
        revision = results.revision if results.official else 0
        if results.session_kind == "race":
            race_number += 1
            choices.append(_grid_choice(db, event, short, results, race_number,
                                        qualifying_results, has_qualifying=bool(qualifying)))
        choices.append(DocumentChoice(
            DocumentKind.CLASSIFICATION, "Classification", group, event,
            f"{short}-{code}-classification", session=code, state=state, missing=missing,
            session_name=name, official=official, revision=revision))
        if results.session_kind == "race":
            choices.append(DocumentChoice(
                DocumentKind.RESULTS_BY_CLASS, "Results by class", group, event,
                f"{short}-{code}-results-by-class", session=code, state=state,
                missing=missing, session_name=name, official=official,
                revision=revision))
        choices += _lap_choices(event, short, results, state if code in with_laps else "",
                                official, revision, has_laps=code in with_laps)

    tyres = event_tyres(db, str(event)).tyres
    choices.append(DocumentChoice(
        DocumentKind.TYRES, "Tyre allocation", "Event", event, f"{short}-tyres",
        state=f"{len(tyres)} tyres registered" if tyres else "",
        missing="" if tyres else f"No tyres registered at {view.name} yet"))

    standings = season_standings(db)
    choices.append(DocumentChoice(
        DocumentKind.STANDINGS, "Championship standings", "Season", None, "standings",
        state=_standings_state(len(standings.sources), standings.provisional),
        official=not standings.provisional if standings.sources else None,
        missing="" if standings.sources else "No race results in the season yet"))
    choices.append(DocumentChoice(
        DocumentKind.SEASON_ENTRY_LIST, "Season entry list", "Season", None,
        f"{standings.season_year}-entry-list", state="Every entry of the season"))

    classes = entry_service.entry_choices(db).classes
    return Catalogue(event, view.name, short, standings.season_year, tuple(classes),
                     tuple(_in_weekend_order(choices)))


def _grid_choice(db: Database, event: int, short: str, race: SessionResults, number: int,
                 qualifying: SessionResults | None, *, has_qualifying: bool) -> DocumentChoice:
    code = race.session_code
    base = DocumentChoice(DocumentKind.GRID, "Starting grid", f"{race.session_name} · {code}",
                          event, f"{short}-{code}-grid", session=code, race=number,
                          session_name=race.session_name)
    if qualifying is None:
        return replace(base, missing="No qualifying results yet" if has_qualifying
                       else "This event has no qualifying")
    try:
        grid = starting_grid(db, event=str(event), race=number)
    except PaddockError as exc:
        # A stored amendment no longer fits: listed, so that it can be taken back.
        return replace(base, state=exc.message, amended=True)
    # A grid has no revision of its own: it says which qualifying revision it comes from.
    state = "Official" if grid.official else "Provisional"
    if grid.official and grid.qualifying_revision:
        state += f" (Q rev {grid.qualifying_revision})"
    if grid.amended:
        count = len(grid.adjustments)
        state = f"Amended ({count} {'amendment' if count == 1 else 'amendments'}) · {state}"
    return replace(base, state=state, amended=grid.amended, official=grid.official)


def _lap_choices(event: int, short: str, results: SessionResults, state: str,
                 official: bool | None, revision: int, *, has_laps: bool) -> list[DocumentChoice]:
    """The session's lap documents (time cards, lap chart, ...): made from its time cards.

    Until the session has time cards only "Time cards" is listed, saying so: six grey
    lines a session would say the same thing six times.
    """
    code, name = results.session_code, results.session_name
    missing = "" if has_laps else f"No time cards for {code} yet"
    kinds = LAP_KINDS if has_laps else {DocumentKind.TIME_CARDS: LAP_KINDS[
        DocumentKind.TIME_CARDS]}
    return [DocumentChoice(kind, title, f"{name} · {code}", event,
                           f"{short}-{code}-{kind.value}", session=code, state=state,
                           missing=missing, session_name=name,
                           official=official if has_laps else None, revision=revision)
            for kind, title in kinds.items()
            if kind.value not in RACE_ONLY or results.session_kind == "race"]


def _standings_state(races: int, provisional: bool) -> str:
    if not races:
        return ""
    noun = "race" if races == 1 else "races"
    return f"{races} {noun} counted" + (" · some provisional" if provisional else " · official")


def _in_weekend_order(choices: list[DocumentChoice]) -> list[DocumentChoice]:
    """Event documents first, then each session's, then the season's; stable within."""
    rank = {"Event": 0, "Season": 2}
    return sorted(choices, key=lambda c: rank.get(c.group, 1))


def render_document(db: Database, choice: DocumentChoice, class_name: str | None = None) -> bytes:
    """Make the PDF of ``choice`` (for one class when it takes one and ``class_name`` is set).

    Raises:
        PaddockError: the document cannot be made (no results, unknown class...).
    """
    event = None if choice.event is None else str(choice.event)
    wanted = class_name if choice.takes_class else None
    match choice.kind:
        case DocumentKind.ENTRY_LIST:
            return document_service.entry_list_pdf(db, event)
        case DocumentKind.SEASON_ENTRY_LIST:
            return document_service.entry_list_pdf(db, None)
        case DocumentKind.CLASSIFICATION | DocumentKind.RESULTS_BY_CLASS:
            assert event is not None and choice.session is not None
            return document_service.classification_pdf(
                db, event=event, session=choice.session, class_name=wanted,
                by_class=choice.kind is DocumentKind.RESULTS_BY_CLASS)
        case DocumentKind.GRID:
            assert event is not None and choice.race is not None
            return document_service.grid_pdf(db, event=event, race=choice.race)
        case DocumentKind.TYRES:
            assert event is not None
            # The barcode pages are joined with PDFium, which takes one caller at a time.
            with PDFIUM_LOCK:
                return document_service.tyres_pdf(db, event=event)
        case DocumentKind.STANDINGS:
            return document_service.standings_pdf(db, class_name=wanted)
        case kind if kind in LAP_KINDS:
            assert event is not None and choice.session is not None
            return lap_document_pdf(db, kind.value, event=event, session=choice.session)
    raise PaddockError(f"unknown document kind {choice.kind}")


def on_own_connection(db_path: Path | None, work: Callable[[Database], T]) -> T:
    """Run ``work`` with a database connection of this thread's own (for the pool).

    A SQLite connection, and anything loaded through it, belongs to the thread that
    opened it: a worker never uses the window's.

    Raises:
        PaddockError: the database is not a file (work on the pool opens it by its path).
    """
    from paddock.services.database import open_database

    if db_path is None:
        raise PaddockError("this database has no file to open a second connection from")
    db = open_database(db_path)
    try:
        return work(db)
    finally:
        db.close()


def file_name(choice: DocumentChoice, class_name: str | None = None) -> str:
    """The name a document is saved under: ``sebring-R1-classification-pro.pdf``."""
    stem = choice.file_stem
    if class_name and choice.takes_class:
        stem += "-" + "-".join(class_name.lower().split())
    return stem + ".pdf"
