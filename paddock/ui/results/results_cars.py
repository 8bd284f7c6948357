"""The cars a results dialog offers: those entered at the event, or those classified."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paddock.services import entries as entry_service
from paddock.services.results import ResultRowView
from paddock.ui.common.tables import natural_number_key

if TYPE_CHECKING:
    from paddock.services.database import Database


@dataclass(frozen=True)
class CarChoice:
    """One car in a picker: its number and what the picker shows."""

    number: str
    driver: str
    class_name: str

    @property
    def label(self) -> str:
        return f"{self.number}  ·  {self.driver}  ({self.class_name})"


def entered_cars(db: Database, event_number: int) -> tuple[CarChoice, ...]:
    """The cars entered at event ``event_number``, by car number."""
    cars = [
        CarChoice(entry.number, entry.driver, entry.class_name)
        for entry in entry_service.list_entries(db, event=event_number)
    ]
    return tuple(sorted(cars, key=lambda car: natural_number_key(car.number)))


def cars_in(rows: Sequence[ResultRowView]) -> tuple[CarChoice, ...]:
    """The cars of a classification, by car number."""
    cars = [CarChoice(view.row.number, view.driver, view.row.class_name) for view in rows]
    return tuple(sorted(cars, key=lambda car: natural_number_key(car.number)))
