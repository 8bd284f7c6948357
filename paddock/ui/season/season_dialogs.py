"""The season set-up dialogs: a new season, an event, cancelling one, a class, the tyres.

Each dialog only collects what is typed and calls one service in ``accept``; a refusal
(named field, nothing written) shows in the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError, RuleViolation
from paddock.services.calendar import POLE_SIDES, EventFields, SeasonInfo
from paddock.services.classes import ClassInfo
from paddock.services.season import EventView
from paddock.services.tyre_supply import SeasonTyres
from paddock.ui.common.dialogs import message_area, ok_cancel, show_message

if TYPE_CHECKING:
    from paddock.services.database import Database

#: A spin box at its minimum shows this: the fact is not set.
NOT_SET = "not set"


class _ServiceDialog(QDialog):
    """A form over one service call: ``save()`` calls it; a refusal stays in the dialog."""

    def __init__(self, title: str, heading: str, explain: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(440)
        self.result_value: Any = None
        head = QLabel(heading)
        head.setObjectName("placeholderHeading")
        note = QLabel(explain)
        note.setObjectName("mutedText")
        note.setWordWrap(True)
        self.form = QFormLayout()
        self.messages = message_area()
        self.messages.hide()
        self.buttons, self.ok_button = ok_cancel(self, "Save")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(head)
        layout.addWidget(note)
        layout.addLayout(self.form)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)

    def save(self) -> Any:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_value = self.save()
        except RuleViolation as exc:
            self.show_problem("\n".join(exc.problems))
            return
        except PaddockError as exc:
            self.show_problem(exc.message)
            return
        super().accept()

    def show_problem(self, text: str) -> None:
        show_message(self.messages, text, "problem")
        self.messages.show()


def _spin(minimum: int, maximum: int, value: int | None, suffix: str = "") -> QSpinBox:
    """A spin box whose minimum means "not set" (None)."""
    spin = QSpinBox()
    spin.setRange(minimum - 1, maximum)
    spin.setSpecialValueText(NOT_SET)
    spin.setSuffix(suffix)
    spin.setValue(minimum - 1 if value is None else value)
    return spin


def _spin_value(spin: QSpinBox) -> int | None:
    return None if spin.value() == spin.minimum() else spin.value()


def _date_edit(value: date | None, year: int) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setDate(QDate(value.year, value.month, value.day) if value else QDate(year, 1, 1))
    return edit


def _py_date(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class NewSeasonDialog(_ServiceDialog):
    """A new season: its year, and the season it is made from (or an empty calendar)."""

    def __init__(self, db: Database, seasons: tuple[SeasonInfo, ...],
                 parent: QWidget | None = None) -> None:
        latest = max((s.year for s in seasons), default=date.today().year - 1)
        super().__init__("New season", "New season",
                         "Copies the calendar (same days in the new year), classes, cars, "
                         "points scale and tyre rules of the season chosen; all can be "
                         "edited after. The current season stays current.", parent)
        self.setObjectName("newSeasonDialog")
        self._db = db
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("newSeasonYear")
        self.year_spin.setRange(1950, 2200)
        self.year_spin.setValue(latest + 1)
        self.from_combo = QComboBox()
        self.from_combo.setObjectName("newSeasonFrom")
        for info in reversed(seasons):
            self.from_combo.addItem(f"Copy {info.year}", info.year)
        self.from_combo.addItem("Empty calendar, default classes", None)
        self.form.addRow("Year", self.year_spin)
        self.form.addRow("Start from", self.from_combo)

    def save(self) -> SeasonInfo:
        from paddock.services.calendar import new_season

        source = self.from_combo.currentData()
        return new_season(self._db, self.year_spin.value(),
                          from_year=int(source) if source is not None else None)


class EventDialog(_ServiceDialog):
    """Add an event to the season shown, or edit one (move its dates, rename it...)."""

    def __init__(self, db: Database, year: int, event: EventView | None = None,
                 parent: QWidget | None = None) -> None:
        adding = event is None
        super().__init__(
            "Add event" if adding else f"Edit event {event.number}" if event else "",
            "New event" if adding else f"Event {event.number}: {event.name}" if event else "",
            "Moving the dates moves the sessions with the last day. The event keeps its "
            "number and short name. Untick 'Dates known' for dates to be confirmed.", parent)
        self.setObjectName("eventDialog")
        self._db, self._event, self._year = db, event, year
        self.short_edit = QLineEdit(event.short_name if event else "")
        self.short_edit.setObjectName("eventShortName")
        self.short_edit.setPlaceholderText("e.g. sebring")
        self.name_edit = QLineEdit(event.name if event else "")
        self.name_edit.setObjectName("eventName")
        venue = event.venue if event and event.venue != "To be announced" else ""
        self.venue_edit = QLineEdit(venue)
        self.venue_edit.setObjectName("eventVenue")
        self.venue_edit.setPlaceholderText("e.g. Sebring International Raceway")
        self.dates_known = QCheckBox("Dates known")
        self.dates_known.setObjectName("eventDatesKnown")
        self.dates_known.setChecked(event is None or event.start_date is not None)
        self.start_edit = _date_edit(event.start_date if event else None, year)
        self.start_edit.setObjectName("eventStart")
        self.end_edit = _date_edit(event.end_date if event else None, year)
        self.end_edit.setObjectName("eventEnd")
        self.dates_known.toggled.connect(self.start_edit.setEnabled)
        self.dates_known.toggled.connect(self.end_edit.setEnabled)
        self.start_edit.setEnabled(self.dates_known.isChecked())
        self.end_edit.setEnabled(self.dates_known.isChecked())
        self.length_spin = _spin(500, 30000, event.lap_length_m if event else None, " m")
        self.length_spin.setObjectName("eventLapLength")
        self.zone_edit = QLineEdit(event.time_zone if event else "America/New_York")
        self.zone_edit.setObjectName("eventTimeZone")
        self.pole_combo = QComboBox()
        self.pole_combo.setObjectName("eventPoleSide")
        for side in POLE_SIDES:
            self.pole_combo.addItem(side.capitalize(), side)
        self.pole_combo.setCurrentIndex(max(0, self.pole_combo.findData(
            event.pole_side if event else "left")))
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end_edit)
        self.form.addRow("Short name", self.short_edit)
        self.form.addRow("Name", self.name_edit)
        self.form.addRow("Venue", self.venue_edit)
        self.form.addRow("", self.dates_known)
        self.form.addRow("Dates", dates)
        self.form.addRow("Lap length", self.length_spin)
        self.form.addRow("Time zone", self.zone_edit)
        self.form.addRow("Pole side", self.pole_combo)

    def fields(self) -> EventFields:
        known = self.dates_known.isChecked()
        return EventFields(
            short_name=self.short_edit.text(), name=self.name_edit.text(),
            venue=self.venue_edit.text() or None,
            start=_py_date(self.start_edit) if known else None,
            end=_py_date(self.end_edit) if known else None,
            lap_length_m=_spin_value(self.length_spin), time_zone=self.zone_edit.text(),
            pole_side=str(self.pole_combo.currentData()))

    def save(self) -> EventView:
        from paddock.services.calendar import add_event, edit_event

        fields = self.fields()
        if self._event is None:
            return add_event(self._db, fields)
        clear = []
        if not self.dates_known.isChecked():
            clear.append("dates")
        if fields.venue is None:
            clear.append("venue")
        if fields.lap_length_m is None:
            clear.append("lap-length")
        return edit_event(self._db, str(self._event.number), fields, clear=clear)


class CancelEventDialog(_ServiceDialog):
    """Cancel an event with a reason (it stays on the calendar, marked cancelled)."""

    def __init__(self, db: Database, event: EventView, parent: QWidget | None = None) -> None:
        super().__init__(f"Cancel event {event.number}", f"Cancel {event.name}",
                         "The event keeps its number, results and tyres, and is shown "
                         "cancelled with the reason.", parent)
        self.setObjectName("cancelEventDialog")
        self._db, self._event = db, event
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("cancelReason")
        self.reason_edit.setPlaceholderText("e.g. hurricane warning")
        self.form.addRow("Reason", self.reason_edit)
        self.ok_button.setText("Cancel the event")

    def save(self) -> EventView:
        from paddock.services.calendar import cancel_event

        return cancel_event(self._db, str(self._event.number), self.reason_edit.text())


class AddSessionDialog(_ServiceDialog):
    """Add a session to an event (its start and length: the session facts dialog)."""

    def __init__(self, db: Database, event: EventView, parent: QWidget | None = None) -> None:
        super().__init__(f"Add a session to {event.short_name}", f"New session at {event.name}",
                         "FP1, FP2… (practice), WU (warm-up), Q, Q1, Q2… (qualifying) or R1, "
                         "R2… (races). Its start and length are set in Session facts.",
                         parent)
        self.setObjectName("addSessionDialog")
        self._db, self._event = db, event
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("sessionCode")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("sessionName")
        self.name_edit.setPlaceholderText("default: from the code")
        self.form.addRow("Code", self.code_edit)
        self.form.addRow("Name", self.name_edit)

    def save(self) -> EventView:
        from paddock.services.calendar import add_session

        return add_session(self._db, event=str(self._event.number),
                           code=self.code_edit.text(), name=self.name_edit.text() or None)


class ClassDialog(_ServiceDialog):
    """Add a class, or edit one: its name, admitted cars, age limit, declaration."""

    def __init__(self, db: Database, cars: tuple[str, ...], info: ClassInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Add class" if info is None else f"Edit class {info.name}",
                         "New class" if info is None else f"Class {info.name}",
                         "A class admits at least one car. The gentleman declaration is the "
                         "driver's signed statement that racing is not their profession.",
                         parent)
        self.setObjectName("classDialog")
        self._db, self._info = db, info
        self.name_edit = QLineEdit(info.name if info else "")
        self.name_edit.setObjectName("className")
        self.car_boxes: dict[str, QCheckBox] = {}
        row = QHBoxLayout()
        for code in cars:
            box = QCheckBox(code)
            box.setObjectName(f"classCar{code}")
            box.setChecked(info is None or code in info.cars)
            self.car_boxes[code] = box
            row.addWidget(box)
        row.addStretch(1)
        self.gentleman_box = QCheckBox("Needs the gentleman declaration")
        self.gentleman_box.setObjectName("classGentleman")
        self.gentleman_box.setChecked(bool(info and info.gentleman))
        self.age_spin = _spin(10, 99, info.max_age if info else None, " or younger")
        self.age_spin.setObjectName("classMaxAge")
        self.form.addRow("Name", self.name_edit)
        self.form.addRow("Admitted cars", row)
        self.form.addRow("", self.gentleman_box)
        self.form.addRow("Age limit", self.age_spin)

    def save(self) -> None:
        from paddock.services.classes import edit_class
        from paddock.services.season import add_class

        cars = tuple(code for code, box in self.car_boxes.items() if box.isChecked())
        age = _spin_value(self.age_spin)
        if self._info is None:
            add_class(self._db, self.name_edit.text(), cars=cars,
                      gentleman=self.gentleman_box.isChecked(), max_age=age)
            return
        rename = self.name_edit.text() if self.name_edit.text() != self._info.name else None
        edit_class(self._db, self._info.name, rename=rename, cars=cars,
                   gentleman=self.gentleman_box.isChecked(), max_age=age,
                   no_age_limit=age is None)


class TyresDialog(_ServiceDialog):
    """The season's tyre supplier, tyre names and quotas."""

    def __init__(self, db: Database, tyres: SeasonTyres, parent: QWidget | None = None) -> None:
        super().__init__(f"{tyres.year} tyres", f"Tyres of the {tyres.year} season",
                         "Printed on the tyre pages and documents. A quota at 'not set' "
                         "means not limited.", parent)
        self.setObjectName("tyresDialog")
        self._db = db
        self.supplier_edit = QLineEdit(tyres.supplier)
        self.supplier_edit.setObjectName("tyreSupplier")
        self.supplier_edit.setPlaceholderText("e.g. Michelin, Yokohama, Pirelli")
        self.dry_edit = QLineEdit(tyres.dry)
        self.dry_edit.setObjectName("tyreDry")
        self.wet_edit = QLineEdit(tyres.wet)
        self.wet_edit.setObjectName("tyreWet")
        self.slick_spin = _spin(0, 100, tyres.slick_quota)
        self.slick_spin.setObjectName("tyreSlickQuota")
        self.wet_spin = _spin(0, 100, tyres.wet_quota)
        self.wet_spin.setObjectName("tyreWetQuota")
        self.carry_spin = QSpinBox()
        self.carry_spin.setObjectName("tyreCarryOver")
        self.carry_spin.setRange(0, 100)
        self.carry_spin.setValue(tyres.carry_over)
        self.form.addRow("Supplier", self.supplier_edit)
        self.form.addRow("Dry tyre", self.dry_edit)
        self.form.addRow("Wet tyre", self.wet_edit)
        self.form.addRow("New slicks per car per event", self.slick_spin)
        self.form.addRow("New wets per car per event", self.wet_spin)
        self.form.addRow("Slicks carried over (at most)", self.carry_spin)

    def save(self) -> SeasonTyres:
        from paddock.services.tyre_supply import set_season_tyres

        slick, wet = _spin_value(self.slick_spin), _spin_value(self.wet_spin)
        clear = [name for name, value in (("slick-quota", slick), ("wet-quota", wet))
                 if value is None]
        return set_season_tyres(self._db, supplier=self.supplier_edit.text(),
                                dry=self.dry_edit.text(), wet=self.wet_edit.text(),
                                slick_quota=slick, wet_quota=wet,
                                carry_over=self.carry_spin.value(), clear=clear)


def run_dialog(dialog: _ServiceDialog, done: Callable[[Any], None]) -> _ServiceDialog:
    """Show ``dialog`` (modal); call ``done`` with the service's answer when it saved."""
    if dialog.exec() == QDialog.DialogCode.Accepted:
        done(dialog.result_value)
    return dialog


__all__ = ["AddSessionDialog", "CancelEventDialog", "ClassDialog", "EventDialog",
           "NewSeasonDialog", "TyresDialog", "run_dialog"]
