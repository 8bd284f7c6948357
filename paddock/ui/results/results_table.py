"""Table models of the Results page: the classification, and its small side lists.

The classification model holds the immutable rows `services.results` returns and is
replaced whole after every change. Its columns depend on the session: a race shows total
time and laps, qualifying and practice the best lap first. With a class filter on, the
gaps are those within the class.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from paddock.rules.classification import Status
from paddock.rules.laptime import format_laptime, format_racetime
from paddock.services.results import PenaltyView, ResultRowView, RevisionView
from paddock.ui.common import theme
from paddock.ui.common.tables import (
    CENTRE,
    LEFT,
    RIGHT,
    TextColumn,
    natural_number_key,
)

_Index = QModelIndex | QPersistentModelIndex
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")


STATUS_TEXT: dict[Status, str] = {
    Status.CLASSIFIED: "Classified",
    Status.NOT_CLASSIFIED: "NC",
    Status.DNF: "DNF",
    Status.DNS: "DNS",
    Status.DSQ: "DSQ",
}
STATUS_TOOLTIP: dict[Status, str] = {
    Status.CLASSIFIED: "Classified",
    Status.NOT_CLASSIFIED: "Not classified: took the flag short of the laps needed",
    Status.DNF: "Did not finish",
    Status.DNS: "Did not start",
    Status.DSQ: "Disqualified",
}

PENALTY_LABELS: dict[str, str] = {
    "time": "Time penalty",
    "drive-through": "Drive-through",
    "stop-and-go": "Stop-and-go",
    "dsq": "Disqualification",
    "grid-drop": "Grid drop (next race)",
    "delete-lap": "Lap time deleted",
    "reinstate-lap": "Lap time reinstated",
    "warning": "Warning",
    "reprimand": "Reprimand",
}


def _none_last(value: int | None) -> float:
    return math.inf if value is None else value


def _lap_number(value: int | None) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class ResultColumn:
    """One column of the classification table.

    ``text`` gets the row and whether the gaps are shown within the class.
    """

    key: str
    title: str
    text: Callable[[ResultRowView, bool], str]
    sort_key: Callable[[ResultRowView], Any]
    align: Qt.AlignmentFlag = LEFT
    timing: bool = False  # a time or gap: fixed-width digits, right-aligned
    tooltip: str = ""
    sample: str = ""  # the widest text expected, to size the column
    stretch: bool = False


def _gap(view: ResultRowView, by_class: bool) -> str:
    return view.row.class_gap if by_class else view.row.gap


def _interval(view: ResultRowView, by_class: bool) -> str:
    return view.row.class_interval if by_class else view.row.interval


_POS = ResultColumn("pos", "Pos", lambda v, _c: "" if v.row.position is None
                    else str(v.row.position), lambda v: 0, CENTRE,
                    tooltip="Overall position", sample="88")
_NUMBER = ResultColumn("number", "No.", lambda v, _c: v.row.number,
                       lambda v: natural_number_key(v.row.number), CENTRE,
                       tooltip="Car number", sample="888")
_CLASS = ResultColumn("class", "Class", lambda v, _c: v.row.class_name,
                      lambda v: v.row.class_name.casefold(), sample="Pro-Am")
_PIC = ResultColumn("pic", "PIC", lambda v, _c: "" if v.row.class_position is None
                    else str(v.row.class_position),
                    lambda v: (v.row.class_name.casefold(), _none_last(v.row.class_position)),
                    CENTRE, tooltip="Position in class", sample="88")
_DRIVER = ResultColumn("driver", "Driver", lambda v, _c: v.driver,
                       lambda v: v.driver.casefold(), sample="Kenji Watanabe-Hart  ")
_TEAM = ResultColumn("team", "Team", lambda v, _c: v.team, lambda v: v.team.casefold(),
                     sample="Maple Leaf Speedworks  ")
_LAPS = ResultColumn("laps", "Laps", lambda v, _c: str(v.row.laps), lambda v: -v.row.laps,
                     RIGHT, tooltip="Laps completed", sample="888")
_TOTAL = ResultColumn("total", "Total time", lambda v, _c: format_racetime(v.row.total_time_ms),
                      lambda v: (-v.row.laps, _none_last(v.row.total_time_ms)), RIGHT,
                      timing=True, tooltip="Race time at the flag, time penalties included",
                      sample="8:88:88.888")
_GAP = ResultColumn("gap", "Gap", _gap, lambda v: 0, RIGHT, timing=True,
                    tooltip="Gap to the leader", sample="+8:88.888")
_INTERVAL = ResultColumn("interval", "Interval", _interval, lambda v: 0, RIGHT, timing=True,
                         tooltip="Gap to the car ahead", sample="+8:88.888")
_BEST = ResultColumn("best", "Best lap", lambda v, _c: format_laptime(v.row.best_lap_ms),
                     lambda v: _none_last(v.row.best_lap_ms), RIGHT, timing=True,
                     tooltip="Best valid lap (deleted lap times never count)",
                     sample="8:88.888")
_BEST_LAP = ResultColumn("best_lap", "Lap", lambda v, _c: _lap_number(v.row.best_lap_number),
                         lambda v: _none_last(v.row.best_lap_number), RIGHT,
                         tooltip="Lap on which the best lap was set", sample="888")
_SECOND = ResultColumn("second", "2nd best",
                       lambda v, _c: format_laptime(v.row.second_best_lap_ms),
                       lambda v: _none_last(v.row.second_best_lap_ms), RIGHT, timing=True,
                       tooltip="Second-best valid lap: breaks a tie on the best lap",
                       sample="8:88.888")
_SECOND_LAP = ResultColumn("second_lap", "Lap",
                           lambda v, _c: _lap_number(v.row.second_best_lap_number),
                           lambda v: _none_last(v.row.second_best_lap_number), RIGHT,
                           tooltip="Lap on which the second-best lap was set", sample="888")
_STATUS = ResultColumn("status", "Status", lambda v, _c: STATUS_TEXT[v.row.status],
                       lambda v: list(Status).index(v.row.status), CENTRE,
                       sample="Classified")
_NOTE = ResultColumn("note", "Note", lambda v, _c: v.row.note, lambda v: v.row.note,
                     tooltip="Penalties applied and laps deleted (hover for the stewards' "
                     "decisions)",
                     stretch=True)

RACE_COLUMNS: tuple[ResultColumn, ...] = (
    _POS, _NUMBER, _CLASS, _PIC, _DRIVER, _TEAM, _LAPS, _TOTAL, _GAP, _INTERVAL, _BEST,
    _BEST_LAP, _STATUS, _NOTE)
QUALIFYING_COLUMNS: tuple[ResultColumn, ...] = (
    _POS, _NUMBER, _CLASS, _PIC, _DRIVER, _TEAM, _BEST, _BEST_LAP, _GAP, _INTERVAL, _SECOND,
    _SECOND_LAP, _LAPS, _STATUS, _NOTE)
PRACTICE_COLUMNS: tuple[ResultColumn, ...] = (
    _POS, _NUMBER, _CLASS, _PIC, _DRIVER, _TEAM, _BEST, _BEST_LAP, _GAP, _INTERVAL, _LAPS,
    _STATUS, _NOTE)


def columns_for(kind: str) -> tuple[ResultColumn, ...]:
    """The columns of a session of ``kind`` ("race", "qualifying" or "practice")."""
    if kind == "race":
        return RACE_COLUMNS
    if kind == "qualifying":
        return QUALIFYING_COLUMNS
    return PRACTICE_COLUMNS


def timing_font() -> QFont:
    """Fixed-width digits for times and gaps, so they line up down the column."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(QFont().pointSizeF(), theme.BASE_POINT_SIZE))
    return font


def seconds_text(ms: int) -> str:
    """Milliseconds as the stewards write seconds: ``5000`` -> "5", ``2500`` -> "2.5"."""
    whole, millis = divmod(ms, 1000)
    return str(whole) if not millis else f"{whole}.{millis:03d}".rstrip("0")


def penalty_summary(penalty: PenaltyView) -> str:
    """What a penalty does, in a few words: "+5 s", "Drive-through (served)", "Lap 7"."""
    if penalty.kind == "time":
        return f"+{seconds_text(penalty.time_ms)} s"
    if penalty.kind in ("drive-through", "stop-and-go"):
        served = "served" if penalty.served else "not served"
        return f"{PENALTY_LABELS[penalty.kind]} ({served})"
    if penalty.kind == "grid-drop":
        places = "place" if penalty.places == 1 else "places"
        return f"{penalty.places} grid {places}"
    if penalty.kind == "delete-lap":
        return f"Lap {penalty.lap} time deleted"
    if penalty.kind == "reinstate-lap":
        return f"Lap {penalty.lap} time reinstated"
    return PENALTY_LABELS.get(penalty.kind, penalty.kind)


def timing_deleted_laps(view: ResultRowView, penalties: Sequence[PenaltyView]) -> tuple[int, ...]:
    """The car's deleted laps that no stewards' decision deleted: the timing system did.

    A deletion by decision carries its decision number; one the timing system made (its
    own marks, read at import) has none, and an official may reinstate it with a reason.
    """
    by_decision = {p.lap for p in penalties
                   if p.number == view.row.number and p.kind == "delete-lap"}
    return tuple(lap for lap in view.row.deleted_laps if lap not in by_decision)


def lap_list(laps: Sequence[int]) -> str:
    """"Lap 10", "Laps 3, 10", "Laps 1–12": runs of three or more laps as a range."""
    ordered = sorted(set(laps))
    parts: list[str] = []
    start = 0
    while start < len(ordered):
        end = start
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{ordered[start]}–{ordered[end]}")
        else:
            parts.extend(str(lap) for lap in ordered[start:end + 1])
        start = end + 1
    if len(ordered) == 1:
        return f"Lap {ordered[0]}"
    return "Laps " + ", ".join(parts)


def timing_deletion_text(laps: Sequence[int]) -> str:
    """"Lap 10 deleted in the timing system" ("" when none)."""
    return f"{lap_list(laps)} deleted in the timing system" if laps else ""


class ResultsTableModel(QAbstractTableModel):
    """A session's classification rows, read-only; replaced whole after every change."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ResultRowView, ...] = ()
        self._columns: tuple[ResultColumn, ...] = RACE_COLUMNS
        self._kind = "race"
        self._penalties: dict[str, tuple[PenaltyView, ...]] = {}
        self._by_class = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._timing = timing_font()
        self._muted = QColor(theme.TEXT_MUTED)
        self._problem = QColor(theme.PROBLEM_TEXT)
        self._problem_bg = QColor(theme.PROBLEM_BG)

    # --- content ------------------------------------------------------------------------

    def set_results(
        self, rows: Sequence[ResultRowView], kind: str,
        penalties: Sequence[PenaltyView] = (),
    ) -> None:
        """Replace every row; ``kind`` (the session's) chooses the columns."""
        by_car: dict[str, list[PenaltyView]] = {}
        for penalty in penalties:
            by_car.setdefault(penalty.number, []).append(penalty)
        self.beginResetModel()
        self._rows = tuple(rows)
        self._kind = kind
        self._columns = columns_for(kind)
        self._penalties = {number: tuple(items) for number, items in by_car.items()}
        self.endResetModel()

    def set_by_class(self, by_class: bool) -> None:
        """Show the gaps within the class (a class filter is on) or to the overall leader."""
        if by_class == self._by_class:
            return
        self._by_class = by_class
        for key in ("gap", "interval"):
            column = self.column_of(key)
            if column is not None:
                self.dataChanged.emit(self.index(0, column),
                                      self.index(max(0, len(self._rows) - 1), column))
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def columns(self) -> tuple[ResultColumn, ...]:
        return self._columns

    def column_of(self, key: str) -> int | None:
        """The index of the column named ``key``, or None when this session has none."""
        for index, column in enumerate(self._columns):
            if column.key == key:
                return index
        return None

    def view(self, row: int) -> ResultRowView:
        """The classification row shown in source row ``row``."""
        return self._rows[row]

    def sort_key(self, row: int, column: int) -> Any:
        """What source row ``row`` sorts by in ``column``; ties keep the classification order."""
        return (self._columns[column].sort_key(self._rows[row]), row)

    # --- Qt's model interface -----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        view = self._rows[index.row()]
        column = self._columns[index.column()]
        status = view.row.status
        if role == Qt.ItemDataRole.DisplayRole:
            if column.key == "note":
                return self.note(view)
            return column.text(view, self._by_class)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.FontRole:
            if column.timing:
                return self._timing
            if column.key in ("pos", "number") or (
                    column.key == "status" and status is not Status.CLASSIFIED):
                return self._bold
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            # Cars out of the classification read as set apart: muted, DSQ in red.
            if status is Status.DSQ and column.key in ("status", "pos", "number"):
                return self._problem
            if status is not Status.CLASSIFIED:
                return self._muted
            if column.key in ("best_lap", "second_lap", "status"):
                return self._muted
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if status is Status.DSQ and column.key == "status":
                return self._problem_bg
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(view, column)
        return None

    def _tooltip(self, view: ResultRowView, column: ResultColumn) -> str | None:
        if column.key == "status":
            return STATUS_TOOLTIP[view.row.status]
        if column.key == "driver":
            return "  ·  ".join(p for p in (view.nationality, view.car) if p) or None
        if column.key == "note":
            lines = [f"Decision {p.decision}: {penalty_summary(p)} – {p.reason}"
                     for p in self._penalties.get(view.row.number, ())]
            timing = self._timing_deleted(view)
            if timing:
                lines.append(f"{timing_deletion_text(timing)} (no decision): it does not "
                             "count for the best lap; Add penalty… › Lap time reinstated "
                             "overrules it with a reason")
            return "\n".join(lines) or None
        if column.key in ("best", "best_lap") and view.row.deleted_laps:
            return "\n".join(["Deleted lap times do not count:", *self._deletions(view)])
        if column.key == "total" and view.row.penalty_ms:
            return f"Includes {seconds_text(view.row.penalty_ms)} s of penalties"
        return None

    def _timing_deleted(self, view: ResultRowView) -> tuple[int, ...]:
        return timing_deleted_laps(view, self._penalties.get(view.row.number, ()))

    def _deletions(self, view: ResultRowView) -> list[str]:
        """Each deleted lap of the car, by whom: "Lap 7 deleted by decision 4"."""
        timing = self._timing_deleted(view)
        lines = [f"Lap {p.lap} deleted by decision {p.decision}"
                 for p in self._penalties.get(view.row.number, ())
                 if p.kind == "delete-lap" and p.lap in view.row.deleted_laps]
        if timing:
            lines.append(timing_deletion_text(timing))
        return lines

    def note(self, view: ResultRowView) -> str:
        """The note column: the penalties applied, then the laps the timing system deleted."""
        timing = timing_deletion_text(self._timing_deleted(view))
        return ", ".join(part for part in (view.row.note, timing) if part)

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.key in ("gap", "interval") and self._by_class:
                return column.tooltip + " in the class"
            return column.tooltip or None
        return None


class ResultsFilterProxy(QSortFilterProxyModel):
    """Keeps one class's rows (or all) and sorts by the model's keys, ties in race order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._class_name = ""

    @property
    def class_name(self) -> str:
        return self._class_name

    def set_class_name(self, class_name: str) -> None:
        """Show only ``class_name``'s cars; an empty name shows every car."""
        if class_name == self._class_name:
            return
        if _HAS_FILTER_CHANGE:
            self.beginFilterChange()
            self._class_name = class_name
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt before 6.10
            self._class_name = class_name
            self.invalidateRowsFilter()

    def _source(self) -> ResultsTableModel:
        model = self.sourceModel()
        assert isinstance(model, ResultsTableModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._class_name:
            return True
        return self._source().view(source_row).row.class_name == self._class_name

    def lessThan(self, left: _Index, right: _Index) -> bool:
        source = self._source()
        return bool(source.sort_key(left.row(), left.column())
                    < source.sort_key(right.row(), right.column()))


#: Room for the sort arrow Fusion draws beside a column's title.
SORT_ARROW_ROOM = 12
#: The style sheet's item padding and Fusion's frame around a cell's text.
CELL_PADDING = 20
#: Driver and team never take more than this: the note keeps its room.
MAX_NAME_WIDTH = 250


def size_result_columns(table: QTableView, model: ResultsTableModel) -> None:
    """Give each column room for its widest expected text; the note takes what is left.

    Sized from samples rather than ``ResizeToContents``, which would re-measure every row
    of a long race on each refresh and change the widths while the official reads.
    """
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    timing = QFontMetrics(timing_font())
    bold = QFont(header.font())
    bold.setBold(True)
    # Titles, numbers and statuses other than "Classified" are bold: measure them so.
    titles = QFontMetrics(bold)
    for index, column in enumerate(model.columns):
        if column.stretch:
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
        metrics = timing if column.timing else titles
        width = max(titles.horizontalAdvance(column.title) + SORT_ARROW_ROOM,
                    metrics.horizontalAdvance(column.sample))
        header.resizeSection(index, width + CELL_PADDING)
    fit_name_columns(table, model)


def fit_name_columns(table: QTableView, model: ResultsTableModel) -> None:
    """Widen driver and team to the longest name shown, within reason, after each load."""
    header = table.horizontalHeader()
    for key in ("driver", "team"):
        index = model.column_of(key)
        if index is None:
            continue
        sample = table.fontMetrics().horizontalAdvance(model.columns[index].sample)
        wanted = max(sample + CELL_PADDING, table.sizeHintForColumn(index) + 6)
        header.resizeSection(index, min(wanted, MAX_NAME_WIDTH))


# --- the side lists: penalties, revisions, sources ------------------------------------------


PENALTY_COLUMNS = (TextColumn("Decision", CENTRE), TextColumn("Car", CENTRE),
                   TextColumn("Penalty"), TextColumn("Reason", stretch=True),
                   TextColumn("Recorded"))
REVISION_COLUMNS = (TextColumn("Revision", CENTRE), TextColumn("Published"),
                    TextColumn("By"), TextColumn("Content hash"),
                    TextColumn("Reason", stretch=True))
SOURCE_COLUMNS = (TextColumn("File", stretch=True), TextColumn("Kind"),
                  TextColumn("Rows", RIGHT), TextColumn("Loaded"), TextColumn("By"))


def local_time(moment: datetime, time_zone: str) -> str:
    """A UTC moment in the event's time zone: "Sat 17 Jul 2021 16:02 EDT"."""
    try:
        zone: Any = ZoneInfo(time_zone) if time_zone else None
    except (KeyError, ValueError):
        zone = None
    shown = moment.astimezone(zone) if zone is not None else moment
    return shown.strftime("%a %d %b %Y %H:%M %Z").strip()


def penalty_rows(penalties: Sequence[PenaltyView],
                 time_zone: str) -> list[tuple[str, ...]]:
    """One line per decision; a pending one says so beside its kind."""
    return [(p.decision, p.number,
             penalty_summary(p) + ("  · PENDING" if p.pending else ""),
             (f"{p.article}: " if p.article else "") + p.reason,
             local_time(p.created_at, time_zone)) for p in penalties]


def revision_rows(revisions: Sequence[RevisionView],
                  time_zone: str) -> list[tuple[str, ...]]:
    return [(str(r.revision), local_time(r.published_at, time_zone), r.published_by,
             r.content_hash, r.reason or "First publication") for r in revisions]


def source_rows(sources: Sequence[tuple[str, str, int, datetime, str]],
                time_zone: str) -> list[tuple[str, ...]]:
    return [(name, kind, str(rows), local_time(when, time_zone), who)
            for name, kind, rows, when, who in sources]
