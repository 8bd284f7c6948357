"""The entry table: its columns, its model over immutable service rows, and its filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from paddock.services.entries import EntryView
from paddock.ui.common.tables import Column, RowSortProxy, RowTableModel, natural_number_key

_Index = QModelIndex | QPersistentModelIndex

CHECK_MARK = "✓"
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")


def _flag(text: Callable[[EntryView], bool]) -> Callable[[EntryView], str]:
    return lambda entry: CHECK_MARK if text(entry) else ""


ENTRY_COLUMNS: tuple[Column[EntryView], ...] = (
    Column("No.", lambda e: e.number, lambda e: natural_number_key(e.number), "Car number",
           centred=True),
    Column("Driver", lambda e: e.driver + (" (withdrawn)" if e.withdrawn else ""),
           lambda e: (e.last_name.casefold(), e.first_name.casefold())),
    Column("Nat.", lambda e: e.nationality, lambda e: e.nationality, "Nationality"),
    Column("Team", lambda e: e.team, lambda e: e.team.casefold()),
    Column("Car", lambda e: e.car, lambda e: e.car, "Porsche 911 GT3 Cup type"),
    Column("Class", lambda e: e.class_name, lambda e: e.class_name.casefold()),
    Column("Junior", _flag(lambda e: e.junior), lambda e: not e.junior,
           "Aged 23 or younger: in the Junior programme", centred=True),
    Column("Gentleman", _flag(lambda e: e.gentleman), lambda e: not e.gentleman,
           "Declared gentleman driver", centred=True),
    Column("Full season", _flag(lambda e: e.full_season), lambda e: not e.full_season,
           "Entered for the full season", centred=True),
    Column("Team champ.", _flag(lambda e: e.team_championship),
           lambda e: not e.team_championship,
           "Scores in the team championship (full season with the 992)", centred=True),
)

NUMBER_COLUMN = 0
DRIVER_COLUMN = 1
TEAM_COLUMN = 3
CLASS_COLUMN = 5


#: Yes/no columns: a centred check mark, read out as "Junior: yes" by a screen reader.
FLAG_COLUMNS = frozenset(i for i, c in enumerate(ENTRY_COLUMNS) if c.centred and i)


class EntryTableModel(RowTableModel[EntryView]):
    """The season's entries as read-only rows; replaced whole after every change."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(ENTRY_COLUMNS, parent)
        self._struck = QFont()
        self._struck.setStrikeOut(True)

    def row_of(self, entry_id: int) -> int | None:
        """Return the source row of the entry with ``entry_id``, or None."""
        for row, entry in enumerate(self.rows()):
            if entry.id == entry_id:
                return row
        return None

    def extra(self, row: EntryView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == NUMBER_COLUMN:
            return self._bold
        if role == Qt.ItemDataRole.FontRole and row.withdrawn:
            return self._struck
        if role == Qt.ItemDataRole.ForegroundRole and row.status_text:
            return QColor("#6b7280")  # withdrawn (from the season or an event): greyed
        if role == Qt.ItemDataRole.ToolTipRole and row.status_text:
            return row.status_text
        if role == Qt.ItemDataRole.AccessibleTextRole and column in FLAG_COLUMNS:
            spec = self.columns[column]
            return f"{spec.title}: {'yes' if spec.text(row) else 'no'}"
        if role == Qt.ItemDataRole.ToolTipRole and column == DRIVER_COLUMN:
            return f"Born {row.date_of_birth.isoformat()}"
        return None


class EntryFilterProxy(RowSortProxy):
    """Sorts entries naturally (ties by car number, never random) and keeps the rows whose
    number, driver, team or class match.

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

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._terms:
            return True
        source = self.sourceModel()
        fields = [
            str(source.index(source_row, column, source_parent).data()).casefold()
            for column in self._FILTER_COLUMNS
        ]
        return all(any(term in field for field in fields) for term in self._terms)
