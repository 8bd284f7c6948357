"""Table models of the Championship page: drivers and teams, one column per round.

Both hold immutable rows of `services.standings` and are replaced whole on each refresh.
A round still provisional reads differently (its header marked with an asterisk, its
points in italics), so nobody mistakes it for an official result. A result the class's
drop rule took out of the total is in brackets and greyed, "(12)".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from paddock.rules.standings import TeamStanding
from paddock.services.standings import DriverRow, StandingsSource
from paddock.ui.common import theme

_Index = QModelIndex | QPersistentModelIndex

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter

#: A round where the driver or team did not take part.
NOT_TAKING_PART = "–"
#: Marks a provisional round's column header.
PROVISIONAL_MARK = "*"


@dataclass(frozen=True)
class Column:
    """A fixed column: its title, its text for a row, how it is aligned."""

    key: str
    title: str
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = LEFT
    tooltip: str = ""


DRIVER_COLUMNS = (
    Column("pos", "Pos", lambda r: str(r.position), CENTRE, "Position in the championship"),
    Column("number", "No.", lambda r: r.number, CENTRE, "Car number"),
    Column("driver", "Driver", lambda r: r.driver),
    Column("team", "Team", lambda r: r.team),
    Column("points", "Points", lambda r: str(r.points), RIGHT),
    Column("wins", "Wins", lambda r: str(r.wins), RIGHT, "Class wins"),
    Column("podiums", "Podiums", lambda r: str(r.standing.podiums), RIGHT,
           "Class podiums (top three in the class)"),
)
#: The Junior table crosses the classes: it also says which class each driver races in.
JUNIOR_COLUMNS = (*DRIVER_COLUMNS[:3],
                  Column("class", "Class", lambda r: r.standing.class_name),
                  *DRIVER_COLUMNS[3:])
TEAM_COLUMNS = (
    Column("pos", "Pos", lambda t: str(t.position), CENTRE, "Position in the championship"),
    Column("team", "Team", lambda t: t.team),
    Column("cars", "Cars", lambda t: ", ".join(f"#{c}" for c in t.cars), LEFT,
           "The team's cars that score in this class"),
    Column("points", "Points", lambda t: str(t.points), RIGHT),
    Column("wins", "Wins", lambda t: str(t.wins), RIGHT, "Class wins"),
    Column("podiums", "Podiums", lambda t: str(t.podiums), RIGHT, "Class podiums"),
)


def round_title(source: StandingsSource) -> str:
    """The column header of a round, its venue and race: "SEB R1", "CTMP R1*" while
    provisional (as the standings PDF names it)."""
    return source.column + ("" if source.official else PROVISIONAL_MARK)


def round_tooltip(source: StandingsSource) -> str:
    status = (f"official, revision {source.revision}" if source.official
              else "PROVISIONAL: not published yet")
    return f"Round {source.round}: {source.event_name}, {source.session_name} ({status})"


class StandingsModel(QAbstractTableModel):
    """Rows of a standings table (drivers or teams), then one column per round counted."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: tuple[DriverRow | TeamStanding, ...] = ()
        self._sources: tuple[StandingsSource, ...] = ()
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._muted = QColor(theme.TEXT_MUTED)
        self._points = QColor(theme.ACCENT_DARK)

    def set_rows(self, rows: Sequence[DriverRow | TeamStanding],
                 sources: Sequence[StandingsSource],
                 columns: Sequence[Column] | None = None) -> None:
        """Replace every row (and the columns, when given)."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._sources = tuple(sources)
        if columns is not None:
            self._columns = tuple(columns)
        self.endResetModel()

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def fixed_columns(self) -> int:
        return len(self._columns)

    def row(self, index: int) -> DriverRow | TeamStanding:
        return self._rows[index]

    def column_of(self, key: str) -> int | None:
        return next((i for i, c in enumerate(self._columns) if c.key == key), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns) + len(self._sources)

    def _per_race(self, row: DriverRow | TeamStanding) -> tuple[int | None, ...]:
        return row.standing.per_race if isinstance(row, DriverRow) else row.per_race

    @staticmethod
    def is_dropped(row: DriverRow | TeamStanding, race: int) -> bool:
        """Whether the row's result in race ``race`` was dropped (teams drop nothing)."""
        return isinstance(row, DriverRow) and row.standing.is_dropped(race)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column < len(self._columns):
            fixed = self._columns[column]
            if role == Qt.ItemDataRole.DisplayRole:
                return fixed.text(row)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return fixed.align
            if role == Qt.ItemDataRole.FontRole and fixed.key in ("pos", "number", "points"):
                return self._bold
            if role == Qt.ItemDataRole.ForegroundRole and fixed.key == "points":
                return self._points
            return None
        race = column - len(self._columns)
        source = self._sources[race]
        per_race = self._per_race(row)
        points = per_race[race] if race < len(per_race) else None
        dropped = self.is_dropped(row, race)
        if role == Qt.ItemDataRole.DisplayRole:
            if dropped:
                return f"({points or 0})"
            return NOT_TAKING_PART if points is None else str(points)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTRE
        if role == Qt.ItemDataRole.FontRole and not source.official:
            return self._italic
        if role == Qt.ItemDataRole.ForegroundRole and (
                points is None or not source.official or dropped):
            return self._muted
        if role == Qt.ItemDataRole.ToolTipRole:
            if dropped:
                return (round_tooltip(source) + "\nDropped under the class's drop rule: not "
                        "in the points total, still counted in the tie-break")
            return round_tooltip(source)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section < 0:
            return None
        if section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return column.align
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tooltip or None
            return None
        race = section - len(self._columns)
        if race >= len(self._sources):
            return None
        source = self._sources[race]
        if role == Qt.ItemDataRole.DisplayRole:
            return round_title(source)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTRE
        if role == Qt.ItemDataRole.ToolTipRole:
            return round_tooltip(source)
        return None
