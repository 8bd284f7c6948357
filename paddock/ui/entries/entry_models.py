"""The entry table: its columns, its model over immutable service rows, and its filter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from paddock.services.entries import EntryView
from paddock.ui.common.tables import natural_number_key

_Index = QModelIndex | QPersistentModelIndex

CHECK_MARK = "✓"
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")


@dataclass(frozen=True)
class Column:
    """One column of the entry table: its title, text and how it sorts."""

    title: str
    text: Callable[[EntryView], str]
    sort_key: Callable[[EntryView], Any]
    tooltip: str = ""
    flag: bool = False  # a yes/no column, shown as a centred check mark


def _flag(text: Callable[[EntryView], bool]) -> Callable[[EntryView], str]:
    return lambda entry: CHECK_MARK if text(entry) else ""


ENTRY_COLUMNS: tuple[Column, ...] = (
    Column("No.", lambda e: e.number, lambda e: natural_number_key(e.number), "Car number"),
    Column("Driver", lambda e: e.driver + (" (withdrawn)" if e.withdrawn else ""),
           lambda e: (e.last_name.casefold(), e.first_name.casefold())),
    Column("Nat.", lambda e: e.nationality, lambda e: e.nationality, "Nationality"),
    Column("Team", lambda e: e.team, lambda e: e.team.casefold()),
    Column("Car", lambda e: e.car, lambda e: e.car, "Porsche 911 GT3 Cup type"),
    Column("Class", lambda e: e.class_name, lambda e: e.class_name.casefold()),
    Column("Junior", _flag(lambda e: e.junior), lambda e: not e.junior,
           "Aged 23 or younger: in the Junior programme", flag=True),
    Column("Gentleman", _flag(lambda e: e.gentleman), lambda e: not e.gentleman,
           "Declared gentleman driver", flag=True),
    Column("Full season", _flag(lambda e: e.full_season), lambda e: not e.full_season,
           "Entered for the full season", flag=True),
    Column("Team champ.", _flag(lambda e: e.team_championship),
           lambda e: not e.team_championship,
           "Scores in the team championship (full season with the 992)", flag=True),
)

NUMBER_COLUMN = 0
DRIVER_COLUMN = 1
TEAM_COLUMN = 3
CLASS_COLUMN = 5


class EntryTableModel(QAbstractTableModel):
    """The season's entries as read-only rows; replaced whole after every change."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: tuple[EntryView, ...] = ()
        self._bold = QFont()
        self._bold.setBold(True)
        self._struck = QFont()
        self._struck.setStrikeOut(True)

    def set_entries(self, entries: Sequence[EntryView]) -> None:
        """Replace every row with ``entries``."""
        self.beginResetModel()
        self._entries = tuple(entries)
        self.endResetModel()

    def entry(self, row: int) -> EntryView:
        """Return the entry shown in source row ``row``."""
        return self._entries[row]

    def row_of(self, entry_id: int) -> int | None:
        """Return the source row of the entry with ``entry_id``, or None."""
        for row, entry in enumerate(self._entries):
            if entry.id == entry_id:
                return row
        return None

    def sort_key(self, row: int, column: int) -> Any:
        """Return the value ``row`` sorts by in ``column``."""
        return ENTRY_COLUMNS[column].sort_key(self._entries[row])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ENTRY_COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = ENTRY_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.flag or index.column() == NUMBER_COLUMN:
                return Qt.AlignmentFlag.AlignCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and index.column() == NUMBER_COLUMN:
            return self._bold
        if role == Qt.ItemDataRole.FontRole and entry.withdrawn:
            return self._struck
        if role == Qt.ItemDataRole.ForegroundRole and entry.status_text:
            return QColor("#6b7280")  # withdrawn (from the season or an event): greyed
        if role == Qt.ItemDataRole.ToolTipRole and entry.status_text:
            return entry.status_text
        if role == Qt.ItemDataRole.AccessibleTextRole and column.flag:
            return f"{column.title}: {'yes' if column.text(entry) else 'no'}"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == DRIVER_COLUMN:
            return f"Born {entry.date_of_birth.isoformat()}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ENTRY_COLUMNS):
            return None
        column = ENTRY_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.flag or section == NUMBER_COLUMN:
                return Qt.AlignmentFlag.AlignCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None


class EntryFilterProxy(QSortFilterProxyModel):
    """Sorts entries naturally and keeps the rows whose number, driver, team or class match.

    Every word typed must match one of those fields (case-insensitive, anywhere in it), so
    "pro-am 9" finds Pro-Am cars whose number contains a 9.
    """

    _FILTER_COLUMNS = (NUMBER_COLUMN, DRIVER_COLUMN, TEAM_COLUMN, CLASS_COLUMN)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: tuple[str, ...] = ()

    def set_filter_text(self, text: str) -> None:
        """Show only the rows matching every word of ``text``; empty text shows all."""
        terms = tuple(text.casefold().split())
        if terms == self._terms:
            return
        if _HAS_FILTER_CHANGE:
            self.beginFilterChange()
            self._terms = terms
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt before 6.10
            self._terms = terms
            self.invalidateRowsFilter()

    def _source(self) -> EntryTableModel:
        model = self.sourceModel()
        assert isinstance(model, EntryTableModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._terms:
            return True
        source = self._source()
        fields = [
            str(source.index(source_row, column, source_parent).data()).casefold()
            for column in self._FILTER_COLUMNS
        ]
        return all(any(term in field for field in fields) for term in self._terms)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        source = self._source()
        left_key = source.sort_key(left.row(), left.column())
        right_key = source.sort_key(right.row(), right.column())
        if left_key == right_key:
            # Ties (same class, same team...) fall back to the car number, never random.
            left_key = natural_number_key(source.entry(left.row()).number)
            right_key = natural_number_key(source.entry(right.row()).number)
        return bool(left_key < right_key)
