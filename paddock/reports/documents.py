"""The documents Paddock prints, as plain frozen data.

A service fills one of these from the database and hands it to a renderer
(``paddock.reports.entry_list.render_entry_list`` and friends), which returns PDF bytes.
This module imports nothing heavy (no reportlab), so building a document is cheap and
can happen anywhere.

Every document shares the fields of `DocumentBase` (series, title, event line, session,
status, time zone, signatures). All document classes are keyword-only, so a caller
names every field and field order never matters.

Times are integer milliseconds, car numbers are strings (``"01"`` is not ``"1"``), and
datetimes are timezone-aware UTC; the renderer prints them in ``local_tz``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any, Literal

#: Statuses of a classification row. Anything else is printed as given, in its own section.
CLASSIFIED = "Classified"
NOT_CLASSIFIED = "NC"
DID_NOT_FINISH = "DNF"
DID_NOT_START = "DNS"
DISQUALIFIED = "DSQ"


@dataclass(frozen=True)
class DocumentStatus:
    """Where a document stands: provisional, or official in a given revision.

    Attributes:
        official: False prints "PROVISIONAL" and no hash; True prints "OFFICIAL — Revision
            N, published <time>" and a hash in the footer.
        revision: the revision number printed on an official document.
        published_at: when the official revision was published (UTC-aware).
        reason: why this revision exists (printed under the band), "" for none.
        content_hash: the official revision's own content hash, for a document drawn from
            that one revision (a classification, results by class): the footer prints it
            with the revision number, so a printout is checked against the record
            (``paddock results show``, ``paddock verify``). "" for a document computed
            from several revisions (standings, grid): it prints a hash of its own
            (`content_hash` of the document) and names its sources with theirs.
    """

    official: bool = False
    revision: int = 0
    published_at: datetime | None = None
    reason: str = ""
    content_hash: str = ""


PROVISIONAL = DocumentStatus()


@dataclass(frozen=True)
class SessionInfo:
    """The facts of the session a document is about, for its title block.

    Attributes:
        name: the session's name, e.g. "Race 1".
        starts_at: the scheduled start (UTC-aware; printed in the document's ``local_tz``
            with the zone's abbreviation); None when not set.
        duration_minutes / length_laps: the scheduled length (one of them, or neither).
        distance_m: the distance in metres (laps × lap length; for a race run to time,
            the winner's laps), None when unknown.
        lap_length_m: the track length used, None when unknown.
        conditions: "dry", "wet", "mixed" or "" (not typed).
        air_c / track_c: temperatures in °C, None when not typed.
    """

    name: str
    starts_at: datetime | None = None
    duration_minutes: int | None = None
    length_laps: int | None = None
    distance_m: int | None = None
    lap_length_m: int | None = None
    conditions: str = ""
    air_c: float | None = None
    track_c: float | None = None


@dataclass(frozen=True, kw_only=True)
class DocumentBase:
    """What every document's letterhead and footer show.

    Attributes:
        series: the championship, e.g. "Porsche Carrera Cup North America".
        title: the document's title, e.g. "Entry List", "Race Classification".
        subtitle: the event ("Round 5 & 6 — Watkins Glen") or the season ("2021 Season").
        generated_at: when the document was produced (UTC-aware). Not part of the hash.
        venue: e.g. "Watkins Glen International", "" when unknown.
        dates: the event's dates as printed, e.g. "June 24–27, 2021".
        session: e.g. "Race 1", "Qualifying", "" for none.
        status: provisional / official; None prints no status band at all.
        local_tz: the time zone that timestamps are printed in (default UTC).
        signatures: the officials who sign, e.g. ("Race Director", "Chief Steward");
            empty prints no signature block.
        session_info: the session's date, start, length, distance, track length and
            conditions (a session document's title block); None for an event or season
            document.
        marker: printed on every page in red, e.g. "DEMO — fictional data" for a document
            of the demo season; "" for none.
    """

    series: str
    title: str
    subtitle: str
    generated_at: datetime
    venue: str = ""
    dates: str = ""
    session: str = ""
    status: DocumentStatus | None = PROVISIONAL
    local_tz: tzinfo = UTC
    signatures: tuple[str, ...] = ()
    session_info: SessionInfo | None = None
    marker: str = ""


# --- Entry list -------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryListRow:
    """One entry: a car and its (single) driver."""

    number: str
    class_name: str
    driver: str
    nationality: str
    team: str
    car: str  # "992" or "991.2"
    junior: bool = False
    gentleman: bool = False
    #: Scores for its team in the team championship (a full-season entry in the current car).
    team_championship: bool = False


@dataclass(frozen=True, kw_only=True)
class EntryListDocument(DocumentBase):
    """The entry list of an event or a season; rows are printed by car number.

    ``class_order`` fixes the order of the per-class summary (classes not named come after,
    in order of appearance). ``version`` counts the changes made to the entries listed
    (each added, changed, deleted or re-entered entry is one), ``version_at`` is the time of
    the last one: two printouts with the same version list the same entries.
    """

    rows: tuple[EntryListRow, ...]
    class_order: tuple[str, ...] = ()
    version: int | None = None
    version_at: datetime | None = None


# --- Classifications --------------------------------------------------------------------


@dataclass(frozen=True)
class ClassificationRow:
    """One car in a race classification.

    ``position``/``class_position`` are None for cars not classified. Gaps come as either a
    time (``gap_ms``) or a number of laps (``gap_laps`` > 0 wins); the leader has neither.
    ``status`` is one of CLASSIFIED, NOT_CLASSIFIED, DID_NOT_FINISH, DID_NOT_START,
    DISQUALIFIED. ``total_ms`` already includes time penalties; ``penalty`` is a short
    note printed beside the total (e.g. "+5 s").
    """

    position: int | None
    number: str
    class_name: str
    class_position: int | None
    driver: str
    nationality: str
    team: str
    car: str
    laps: int
    total_ms: int | None
    gap_ms: int | None = None
    gap_laps: int = 0
    interval_ms: int | None = None
    interval_laps: int = 0
    best_lap_ms: int | None = None
    best_lap_number: int | None = None
    best_lap_speed: float | None = None
    status: str = CLASSIFIED
    penalty: str = ""


@dataclass(frozen=True)
class PenaltyLine:
    """A stewards' decision applied to the classification."""

    decision: str  # the decision's number, e.g. "12"
    number: str
    driver: str
    reason: str  # the infringement, e.g. "Track limits, turn 7 (4th offence)"
    penalty: str  # what was applied, e.g. "+5 s", "Drive-through converted to +30 s"


@dataclass(frozen=True, kw_only=True)
class ClassificationDocument(DocumentBase):
    """A race's classification (overall, and as "results by class").

    Fastest laps per class are derived from the rows' best laps. ``speed_unit`` labels the
    speed column, which is printed only when some row has a speed.
    """

    rows: tuple[ClassificationRow, ...]
    penalties: tuple[PenaltyLine, ...] = ()
    class_order: tuple[str, ...] = ()
    speed_unit: str = "km/h"
    notes: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ("Race Director", "Chief Steward")


@dataclass(frozen=True)
class QualifyingRow:
    """One car in a qualifying or practice classification.

    ``gap_ms``/``interval_ms`` are on the best lap, to the first and to the car ahead.
    ``position`` is None for a car without a time (printed after the others).
    """

    position: int | None
    number: str
    class_name: str
    class_position: int | None
    driver: str
    nationality: str
    team: str
    car: str
    laps: int
    best_lap_ms: int | None
    best_lap_number: int | None = None
    second_lap_ms: int | None = None
    second_lap_number: int | None = None
    gap_ms: int | None = None
    interval_ms: int | None = None
    best_lap_speed: float | None = None
    note: str = ""  # e.g. "Lap 7 deleted (track limits)"


@dataclass(frozen=True, kw_only=True)
class QualifyingDocument(DocumentBase):
    """Qualifying or practice classification: best and second-best laps."""

    rows: tuple[QualifyingRow, ...]
    penalties: tuple[PenaltyLine, ...] = ()
    class_order: tuple[str, ...] = ()
    speed_unit: str = "km/h"
    notes: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ("Race Director", "Chief Steward")


# --- Starting grid ----------------------------------------------------------------------


@dataclass(frozen=True)
class GridSlot:
    """One place on the grid.

    ``time_ms`` is the time that set the place (None: no time). ``note`` explains an
    amendment or penalty ("5-place grid penalty, decision 7"); ``pit_lane`` starters are
    listed under the grid instead of in a box.
    """

    position: int
    number: str
    driver: str
    team: str
    class_name: str
    time_ms: int | None = None
    note: str = ""
    pit_lane: bool = False
    #: Which time placed the car: "Q best", "Q 2nd best", "R1 fastest", "practice", "".
    time_source: str = ""


@dataclass(frozen=True)
class GridCar:
    """A car listed beside the grid (withdrawn, or with a grid drop still to come)."""

    number: str
    driver: str
    team: str
    class_name: str
    what: str  # the reason it was withdrawn, or the drop ("+3 places: decision 5, ...")
    decided: str = ""  # where / when: "14:05 EDT", "Sebring Race 2"
    applies_to: str = ""  # a pending drop: the grid it waits for


@dataclass(frozen=True)
class GridAmendment:
    """One stewards' amendment of the grid, with when it was made."""

    made_at: datetime
    number: str
    text: str  # "Withdrawn: engine change", "Moved to position 3: ..."


@dataclass(frozen=True, kw_only=True)
class GridDocument(DocumentBase):
    """A starting grid, drawn two-wide and staggered as on the track.

    ``withdrawn`` cars are not on the grid; ``amendments`` are the stewards' changes in the
    order made; ``pending`` drops were decided but wait for a later grid.
    """

    slots: tuple[GridSlot, ...]
    pole_side: Literal["left", "right"] = "left"
    basis: str = ""  # how the order was formed, e.g. "Best qualifying lap"
    notes: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ("Race Director", "Chief Steward")
    withdrawn: tuple[GridCar, ...] = ()
    amendments: tuple[GridAmendment, ...] = ()
    pending: tuple[GridCar, ...] = ()


# --- Standings --------------------------------------------------------------------------


@dataclass(frozen=True)
class StandingsRow:
    """A driver's line in a class's standings.

    ``round_points`` has one entry per round of `ClassStandings.rounds`: points scored, or
    None where the driver did not take part (printed as a dash). ``dropped`` marks the
    rounds the class's drop rule took out of ``points`` (empty: none).
    """

    position: int
    number: str
    driver: str
    nationality: str
    points: int
    wins: int
    round_points: tuple[int | None, ...]
    dropped: tuple[bool, ...] = ()


@dataclass(frozen=True)
class ClassStandings:
    """One class's driver championship; ``rounds`` are short labels ("SEB R1");
    ``drop_rule`` says what the class drops ("" = every result counts)."""

    class_name: str
    rounds: tuple[str, ...]
    rows: tuple[StandingsRow, ...]
    drop_rule: str = ""


@dataclass(frozen=True)
class TeamStandingsRow:
    """A team's line in the team championship of a class."""

    position: int
    team: str
    points: int
    wins: int
    round_points: tuple[int | None, ...]


@dataclass(frozen=True)
class TeamStandings:
    """One class's team championship."""

    class_name: str
    rounds: tuple[str, ...]
    rows: tuple[TeamStandingsRow, ...]


@dataclass(frozen=True)
class SourceSession:
    """A session the standings were computed from, with the revision used."""

    name: str  # e.g. "Sebring — Race 1"
    revision: int
    official: bool
    published_at: datetime | None = None
    content_hash: str = ""  # the official revision's hash ("" while provisional)


@dataclass(frozen=True, kw_only=True)
class StandingsDocument(DocumentBase):
    """Championship standings: per class, drivers then teams; and where they came from."""

    classes: tuple[ClassStandings, ...]
    teams: tuple[TeamStandings, ...] = ()
    computed_from: tuple[SourceSession, ...] = ()


# --- Tyres ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TyreRow:
    """One registered tyre; ``status`` as the registry has it ("Registered", "Carried over",
    "Replaced", "Scrapped")."""

    barcode: str
    tyre_type: str  # "Slick" or "Wet"
    position: str  # "Front" / "Rear" or the size, e.g. "30/65-18"
    registered_at: datetime
    status: str
    note: str = ""
    #: The event it was carried on to since ("" while it is still here): the event's
    #: record keeps it, marked as gone.
    carried_to: str = ""


@dataclass(frozen=True)
class TyreTotal:
    """A count against its quota: "New slicks 8 / 8"; ``quota`` None means not limited."""

    label: str
    count: int
    quota: int | None


@dataclass(frozen=True)
class TyreCar:
    """One car's tyres at the event."""

    number: str
    driver: str
    team: str
    class_name: str
    car: str
    tyres: tuple[TyreRow, ...]
    totals: tuple[TyreTotal, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TyreAllocationDocument(DocumentBase):
    """The tyre allocation of one event, by car; also renders per-car barcode pages."""

    cars: tuple[TyreCar, ...]
    sizes: tuple[str, ...] = ()  # e.g. ("992: front 30/65-18, rear 31/71-18",)
    #: The season's tyres, e.g. "Michelin Pilot Sport Cup N3 (wet: Pilot Sport Cup N3
    #: rain)"; "" when the season has not said (never a fixed supplier).
    tyres: str = ""


# --- Helpers ----------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")

#: Fields that change how a document is printed, not what it says: kept out of the hash.
_PRESENTATION_ONLY = frozenset({"generated_at", "local_tz", "marker"})


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _PRESENTATION_ONLY
        }
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


def content_hash(document: DocumentBase) -> str:
    """The first 12 hex digits of a SHA-256 over the document's data.

    Two printouts of the same data carry the same hash, whenever and in whatever time zone
    they were generated; any change of content (a time, a name, a revision) changes it.
    """
    payload = {"type": type(document).__name__, "data": _plain(document)}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# --- Event pack cover ---------------------------------------------------------------------


@dataclass(frozen=True)
class PackEntry:
    """One document of the event pack as its cover lists it.

    Attributes:
        title: "Race 1 classification".
        file_name: the separate file it was also written to ("06-sebring-R1-....pdf").
        state: how it stands ("Official · rev 2", "Provisional").
        first_page: the page of the combined file it starts on; None when it is not in
            it (cannot be made yet: ``missing`` says why).
        pages: how many pages it has.
        missing: why it is not in the pack, "" when it is.
    """

    title: str
    file_name: str = ""
    state: str = ""
    first_page: int | None = None
    pages: int = 0
    missing: str = ""


@dataclass(frozen=True, kw_only=True)
class EventPackCover(DocumentBase):
    """The cover and index of the combined event pack: its documents in weekend order."""

    entries: tuple[PackEntry, ...]
