"""The tables every page shares: rows described by columns, sorting, and one look.

A page's model holds immutable rows from a service and is replaced whole after every
change; a column says its title, text, sort key and alignment. `configure_table` gives
every table the same behaviour (whole rows, no grid, no row numbers) so that no page sets
it up its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from paddock.rules.cars import car_number_key

_Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTRE = Qt.AlignmentFlag.AlignCenter


def natural_number_key(number: str) -> tuple[float, int, str]:
    """Car numbers in the order every screen and document uses (see rules.cars)."""
    return car_number_key(number)


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: its title, its text, how it sorts and how it lines up."""

    title: str
    text: Callable[[Row], str]
    sort_key: Callable[[Row], Any]
    tooltip: str = ""
    centred: bool = False


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Read-only rows described by ``columns``; replaced whole with `set_rows`."""

    def __init__(self, columns: Sequence[Column[Row]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: tuple[Row, ...] = ()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row with ``rows``."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[Row, ...]:
        return self._rows

    def replace_row(self, index: int, row: Row) -> None:
        """Show ``row`` in place of row ``index``."""
        self._rows = (*self._rows[:index], row, *self._rows[index + 1:])
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(self.columns) - 1))

    def insert_rows(self, index: int, rows: Sequence[Row]) -> None:
        """Insert ``rows`` before row ``index``."""
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), index, index + len(rows) - 1)
        self._rows = (*self._rows[:index], *rows, *self._rows[index:])
        self.endInsertRows()

    def row(self, index: int) -> Row:
        """The row shown in source row ``index``."""
        return self._rows[index]

    def sort_key(self, row: int, column: int) -> Any:
        return self.columns[column].sort_key(self._rows[row])

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.centred:
                return Qt.AlignmentFlag.AlignCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return self.extra(row, index.column(), role)

    def extra(self, row: Row, column: int, role: int) -> Any:
        """Roles beyond text and alignment (fonts, colours); None by default."""
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.centred:
                return Qt.AlignmentFlag.AlignCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None


class RowSortProxy(QSortFilterProxyModel):
    """Sorts a `RowTableModel` by its columns' keys, ties by the first column's key."""

    def _source(self) -> RowTableModel[Any]:
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        return model

    def lessThan(self, left: _Index, right: _Index) -> bool:
        source = self._source()
        left_key = source.sort_key(left.row(), left.column())
        right_key = source.sort_key(right.row(), right.column())
        if left_key == right_key:
            left_key = source.sort_key(left.row(), 0)
            right_key = source.sort_key(right.row(), 0)
        return bool(left_key < right_key)


def configure_table(table: QTableView, row_height: int, *, min_section: int = 28) -> None:
    """The look every table shares: whole rows, no grid, no row numbers."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setMinimumSectionSize(min_section)


@dataclass(frozen=True)
class TextColumn:
    title: str
    align: Qt.AlignmentFlag = LEFT
    stretch: bool = False


class TextTableModel(QAbstractTableModel):
    """Rows of ready-made text with the value each row stands for (a penalty, a revision)."""

    def __init__(self, columns: Sequence[TextColumn], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: tuple[tuple[str, ...], ...] = ()
        self._values: tuple[Any, ...] = ()

    @property
    def columns(self) -> tuple[TextColumn, ...]:
        return self._columns

    def set_rows(self, rows: Sequence[tuple[str, ...]], values: Sequence[Any]) -> None:
        """Replace every row; ``values[i]`` is what row ``i`` shows."""
        self.beginResetModel()
        self._rows = tuple(rows)
        self._values = tuple(values)
        self.endResetModel()

    def value(self, row: int) -> Any:
        return self._values[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._columns[index.column()].align
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._columns[section].align
        return None


def size_text_columns(table: QTableView, model: TextTableModel) -> None:
    """Fit the short columns to their contents, stretch the long one."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for index, column in enumerate(model.columns):
        mode = (QHeaderView.ResizeMode.Stretch if column.stretch
                else QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(index, mode)


def selected_row(table: QTableView, model: RowTableModel[Row]) -> Row | None:
    """The row of ``model`` selected in ``table`` (shown through a sort/filter proxy), or None."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    proxy = table.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    return model.row(proxy.mapToSource(rows[0]).row())


def select_source_row(table: QTableView, model: RowTableModel[Row], row: int | None) -> bool:
    """Select and show source row ``row`` of ``model`` in ``table``; False when there is no
    such row or the proxy filters it out."""
    if row is None:
        return False
    proxy = table.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    index = proxy.mapFromSource(model.index(row, 0))
    if not index.isValid():
        return False
    table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    table.scrollTo(index)
    return True
