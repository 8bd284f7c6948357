"""Table models of the Tyres page: one row per car, and the tyres of the car shown.

Both hold immutable rows built from ``services.tyres.event_tyres`` and are replaced whole
after every change, like the entry table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from paddock.rules.cars import car_number_key
from paddock.rules.tyres import CarTyreSummary, TyreStatus, TyreType
from paddock.services.tyres import EventTyres, RegisterResult, TyreView
from paddock.ui.common.tables import Column, RowTableModel, natural_number_key
from paddock.ui.common.theme import PROBLEM_TEXT, TEXT_MUTED

_Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


@dataclass(frozen=True)
class CarTyreRow:
    """One car's tyres at the event: its slicks against the quota, and its wets.

    ``replacements`` and ``scrapped`` count both types; ``left`` is None when slicks are
    not limited.
    """

    car: str
    driver: str
    slicks: int
    slick_quota: int | None
    left: int | None
    carried_over: int
    replacements: int
    scrapped: int
    wets: int

    @property
    def slicks_text(self) -> str:
        if self.slick_quota is None:
            return str(self.slicks)
        return f"{self.slicks} of {self.slick_quota}"


def car_rows(info: EventTyres) -> tuple[CarTyreRow, ...]:
    """One row per car of the event (every entry, and any other car holding tyres)."""
    wets: dict[str, CarTyreSummary] = {w.car: w for w in info.wets}
    rows = []
    for slick in info.slicks:
        wet = wets.get(slick.car)
        rows.append(CarTyreRow(
            car=slick.car,
            driver=slick.driver or (wet.driver if wet and wet.driver else ""),
            slicks=slick.registered,
            slick_quota=slick.quota,
            left=slick.left,
            carried_over=slick.carried_over + (wet.carried_over if wet else 0),
            replacements=slick.replacements + (wet.replacements if wet else 0),
            scrapped=slick.scrapped + (wet.scrapped if wet else 0),
            wets=wet.registered if wet else 0,
        ))
    return tuple(rows)


def local_time_text(moment: datetime) -> str:
    """A UTC timestamp as the desk's clock shows it: ``20 Mar 14:05:09``."""
    return moment.astimezone().strftime("%d %b %H:%M:%S")


def status_text(tyre: TyreView) -> str:
    """The tyre's status in words, with where it came from and why."""
    if tyre.status == TyreStatus.CARRIED_OVER.value:
        return f"Carried from ev. {tyre.carried_from}" if tyre.carried_from else "Carried over"
    if tyre.status == TyreStatus.REPLACEMENT.value:
        return "Replacement"
    if tyre.status == TyreStatus.SCRAPPED.value:
        return "Scrapped (replacement)" if tyre.replacement else "Scrapped"
    return "Registered"


def _count(value: int | None) -> str:
    return "–" if value is None else str(value)


CAR_COLUMNS: tuple[Column[CarTyreRow], ...] = (
    Column("No.", lambda r: r.car, lambda r: natural_number_key(r.car), "Car number", True),
    Column("Driver", lambda r: r.driver, lambda r: r.driver.casefold()),
    Column("Slicks", lambda r: r.slicks_text, lambda r: r.slicks,
           "New slicks registered at this event, against the quota", True),
    Column("Left", lambda r: _count(r.left), lambda r: -1 if r.left is None else r.left,
           "New slicks the car may still register here", True),
    Column("Carried", lambda r: str(r.carried_over), lambda r: r.carried_over,
           "Unused slicks brought from the previous event", True),
    Column("Repl.", lambda r: str(r.replacements), lambda r: r.replacements,
           "Tyres replaced with the stewards' approval (outside the quota)", True),
    Column("Scrap.", lambda r: str(r.scrapped), lambda r: r.scrapped,
           "Tyres marked scrapped (they still count against the quota)", True),
    Column("Wets", lambda r: str(r.wets), lambda r: r.wets, "Wet tyres registered", True),
)
CAR_NUMBER_COLUMN = 0
CAR_LEFT_COLUMN = 3

TYRE_COLUMNS: tuple[Column[TyreView], ...] = (
    Column("Barcode", lambda t: t.barcode, lambda t: t.barcode),
    Column("Car", lambda t: t.car, lambda t: natural_number_key(t.car), "Car number", True),
    Column("Type", lambda t: t.tyre_type.capitalize(), lambda t: t.tyre_type),
    Column("Status", status_text, lambda t: t.status),
    Column("Reason", lambda t: t.reason, lambda t: t.reason.casefold(),
           "Why it was replaced or scrapped"),
    Column("Registered", lambda t: local_time_text(t.registered_at), lambda t: t.registered_at,
           "When it was registered (this computer's local time)"),
    Column("By", lambda t: t.registered_by, lambda t: t.registered_by.casefold(),
           "Who registered it"),
)
TYRE_BARCODE_COLUMN = 0
TYRE_CAR_COLUMN = 1
TYRE_STATUS_COLUMN = 3


class CarTyreModel(RowTableModel[CarTyreRow]):
    """The cars of the event with their tyre counts; a full quota shows in red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(CAR_COLUMNS, parent)
        self._full = QBrush(QColor(PROBLEM_TEXT))

    def apply_registration(self, result: RegisterResult) -> bool:
        """Take a registration's count into the car's row; False when the car has none.

        ``result.used`` is the car's count of new tyres of that type at the event, as the
        service computed it in the same transaction, so the row is exact without a reload.
        """
        index = self.row_of(result.car)
        if index is None or not result.tyres or result.tyres[0].replacement:
            return False
        row = self.row(index)
        if result.tyres[0].tyre_type == TyreType.SLICK.value:
            left = None if result.quota is None else max(result.quota - result.used, 0)
            row = replace(row, slicks=result.used, slick_quota=result.quota, left=left)
        else:
            row = replace(row, wets=result.used)
        self.replace_row(index, row)
        return True

    def row_of(self, car: str) -> int | None:
        for index, row in enumerate(self.rows()):
            if row.car == car:
                return index
        return None

    def extra(self, row: CarTyreRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == CAR_NUMBER_COLUMN:
            return self._bold
        if (role == Qt.ItemDataRole.ForegroundRole and column == CAR_LEFT_COLUMN
                and row.left == 0):
            return self._full
        if role == Qt.ItemDataRole.ToolTipRole and column == CAR_LEFT_COLUMN and row.left == 0:
            return "Quota used: a new slick needs the stewards' approval as a replacement"
        return None


class TyreModel(RowTableModel[TyreView]):
    """Tyres at the event; scrapped tyres in red, carried-over and replacements muted."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(TYRE_COLUMNS, parent)
        self._scrapped = QBrush(QColor(PROBLEM_TEXT))
        self._muted = QBrush(QColor(TEXT_MUTED))
        self._mono = QFont("monospace")
        self._mono.setStyleHint(QFont.StyleHint.Monospace)

    def row_of(self, barcode: str) -> int | None:
        for index, tyre in enumerate(self.rows()):
            if tyre.barcode == barcode:
                return index
        return None

    def add_tyres(self, tyres: Sequence[TyreView]) -> None:
        """Add newly registered tyres after the car's others, keeping the order by car."""
        if not tyres:
            return
        key = car_number_key(tyres[0].car)
        rows = self.rows()
        at = len(rows)
        for index, tyre in enumerate(rows):
            if car_number_key(tyre.car) > key:
                at = index
                break
        self.insert_rows(at, tyres)

    def extra(self, row: TyreView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            if column == TYRE_BARCODE_COLUMN:
                return self._mono
            if column == TYRE_CAR_COLUMN:
                return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and column == TYRE_STATUS_COLUMN:
            if row.status == TyreStatus.SCRAPPED.value:
                return self._scrapped
            if row.status != TyreStatus.REGISTERED.value:
                return self._muted
        if role == Qt.ItemDataRole.ToolTipRole and column == TYRE_STATUS_COLUMN and row.reason:
            return row.reason
        return None
