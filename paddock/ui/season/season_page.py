"""The Season page: the calendar (events, dates, venue, cancelled), the classes, the tyres.

It shows the season the window shows (the header's season switcher) and changes it only
through the services: each button opens a dialog that calls one service. After a change
`season_changed` tells the window, which refreshes the header and the other pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError
from paddock.services.calendar import SeasonInfo, list_seasons
from paddock.services.classes import ClassInfo, list_classes
from paddock.services.season import EventView, season_overview
from paddock.services.tyre_supply import SeasonTyres, season_tyres
from paddock.ui.common.tables import configure_table
from paddock.ui.season.season_dialogs import (
    AddSessionDialog,
    CancelEventDialog,
    ClassDialog,
    EventDialog,
    NewSeasonDialog,
    TyresDialog,
    run_dialog,
)
from paddock.ui.season.session_facts_dialog import SessionFactsDialog

if TYPE_CHECKING:
    from paddock.services.database import Database

CALENDAR_COLUMNS = ("#", "Event", "Short name", "Dates", "Status", "Venue", "Lap", "Pole",
                    "Sessions")
#: The calendar's column that says why an event was cancelled (never struck out).
STATUS_COLUMN = CALENDAR_COLUMNS.index("Status")
CLASS_COLUMNS = ("Class", "Admitted cars", "Declaration", "Age limit", "Entries")


def _table(name: str, columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    configure_table(table, table.fontMetrics().height() + 12)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(text: str, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _button(text: str, name: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    return button


class SeasonPage(QWidget):
    """The season set-up.

    Signals:
        season_changed(): the calendar, classes or tyres changed (the header and the
            other pages reload).
        season_made(int): a new season was made (the window offers it in the switcher).
        status(str): a line for the status bar.
    """

    season_changed = Signal()
    season_made = Signal(int)
    status = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seasonPage")
        self._db = db
        self._events: tuple[EventView, ...] = ()
        self._classes: tuple[ClassInfo, ...] = ()
        self._tyres: SeasonTyres | None = None
        self._seasons: tuple[SeasonInfo, ...] = ()
        self._year = 0

        self.heading = QLabel()
        self.heading.setObjectName("placeholderHeading")
        self.current_note = QLabel()
        self.current_note.setObjectName("mutedText")
        self.new_season_button = _button("New season…", "newSeasonButton",
                                         "Make next season, from this one or empty")
        self.make_current_button = _button("Make current", "makeCurrentButton",
                                           "Every desk works on this season unless told "
                                           "otherwise")
        self.new_season_button.clicked.connect(self.new_season)
        self.make_current_button.clicked.connect(self.make_current)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.current_note, 1)
        top.addWidget(self.make_current_button)
        top.addWidget(self.new_season_button)

        # --- the calendar
        self.calendar_table = _table("calendarTable", CALENDAR_COLUMNS)
        self.calendar_table.itemSelectionChanged.connect(self._event_selected)
        self.calendar_table.doubleClicked.connect(lambda _index: self.edit_event())
        self.add_event_button = _button("Add event…", "addEventButton")
        self.edit_event_button = _button("Edit…", "editEventButton",
                                         "Move, rename, venue, lap length, time zone")
        self.cancel_event_button = _button("Cancel event…", "cancelEventButton",
                                           "An event is cancelled with a reason, never "
                                           "deleted")
        self.reinstate_button = _button("Reinstate", "reinstateEventButton")
        self.add_session_button = _button("Add session…", "addSessionButton")
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("sessionCombo")
        self.session_facts_button = _button("Session facts…", "sessionFactsButton",
                                            "The session's start and length")
        self.add_event_button.clicked.connect(self.add_event)
        self.edit_event_button.clicked.connect(self.edit_event)
        self.cancel_event_button.clicked.connect(self.cancel_event)
        self.reinstate_button.clicked.connect(self.reinstate_event)
        self.add_session_button.clicked.connect(self.add_session)
        self.session_facts_button.clicked.connect(self.edit_session_facts)
        calendar_buttons = QHBoxLayout()
        for widget in (self.add_event_button, self.edit_event_button,
                       self.cancel_event_button, self.reinstate_button):
            calendar_buttons.addWidget(widget)
        calendar_buttons.addStretch(1)
        calendar_buttons.addWidget(self.add_session_button)
        calendar_buttons.addWidget(self.session_combo)
        calendar_buttons.addWidget(self.session_facts_button)
        calendar = QGroupBox("Calendar")
        box = QVBoxLayout(calendar)
        box.addWidget(self.calendar_table)
        box.addLayout(calendar_buttons)

        # --- the classes
        self.classes_table = _table("classesTable", CLASS_COLUMNS)
        self.classes_table.doubleClicked.connect(lambda _index: self.edit_class())
        self.add_class_button = _button("Add class…", "addClassButton")
        self.edit_class_button = _button("Edit class…", "editClassButton",
                                         "Admitted cars, age limit, declaration")
        self.add_class_button.clicked.connect(self.add_class)
        self.edit_class_button.clicked.connect(self.edit_class)
        class_buttons = QHBoxLayout()
        class_buttons.addWidget(self.add_class_button)
        class_buttons.addWidget(self.edit_class_button)
        class_buttons.addStretch(1)
        classes = QGroupBox("Classes")
        box = QVBoxLayout(classes)
        box.addWidget(self.classes_table)
        box.addLayout(class_buttons)

        # --- the tyres
        self.tyres_label = QLabel()
        self.tyres_label.setObjectName("tyresLabel")
        self.tyres_label.setWordWrap(True)
        self.tyres_label.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_tyres_button = _button("Edit tyres…", "editTyresButton",
                                         "Supplier, tyre names, quotas")
        self.edit_tyres_button.clicked.connect(self.edit_tyres)
        tyres = QGroupBox("Tyres")
        box = QVBoxLayout(tyres)
        box.addWidget(self.tyres_label)
        box.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.edit_tyres_button)
        row.addStretch(1)
        box.addLayout(row)

        lower = QHBoxLayout()
        lower.addWidget(classes, 3)
        lower.addWidget(tyres, 2)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(24, 16, 24, 16)
        column.setSpacing(12)
        column.addLayout(top)
        column.addWidget(calendar, 5)
        column.addLayout(lower, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.refresh()

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the season shown again (keeps the selected event and class)."""
        selected = self.selected_event()
        chosen_class = self.selected_class()
        overview = season_overview(self._db)
        self._year = overview.year
        self._events = overview.events
        self._classes = list_classes(self._db)
        self._tyres = season_tyres(self._db)
        self._seasons = list_seasons(self._db)
        current = next((s.year for s in self._seasons if s.current), None)
        self.heading.setText(f"{overview.year} season")
        self.current_note.setText(
            "the desks' current season" if current == overview.year else
            f"not the current season ({current} is): the desks work on {current}")
        self.make_current_button.setEnabled(current != overview.year)
        self._fill_calendar()
        self._fill_classes()
        self._show_tyres()
        if selected is not None:
            self.set_event(selected.number)
        elif self._events:
            self.calendar_table.selectRow(0)
        if chosen_class is not None:
            self.select_class(chosen_class.name)
        self._event_selected()

    def _fill_calendar(self) -> None:
        table = self.calendar_table
        table.setRowCount(len(self._events))
        for row, e in enumerate(self._events):
            lap = f"{e.lap_length_m / 1000:.2f} km" if e.lap_length_m else ""
            status = f"Cancelled: {e.cancelled_reason}" if e.cancelled else ""
            cells = (str(e.number), e.name, e.short_name, e.dates_text, status, e.venue, lap,
                     e.pole_side.capitalize(), " ".join(e.sessions))
            for column, text in enumerate(cells):
                item = _item(text, e.number)
                if e.cancelled:
                    font = item.font()
                    font.setStrikeOut(column != STATUS_COLUMN)
                    item.setFont(font)
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(len(CALENDAR_COLUMNS) - 1,
                                                      QHeaderView.ResizeMode.Stretch)

    def _fill_classes(self) -> None:
        table = self.classes_table
        table.setRowCount(len(self._classes))
        for row, c in enumerate(self._classes):
            cells = (c.name, " or ".join(c.cars), "Gentleman" if c.gentleman else "",
                     "" if c.max_age is None else f"{c.max_age} or younger", str(c.entries))
            for column, text in enumerate(cells):
                table.setItem(row, column, _item(text, c.name))
        table.resizeColumnsToContents()
        # As high as its rows: the calendar takes the room.
        height = table.horizontalHeader().height() + 2 + sum(
            table.rowHeight(row) for row in range(table.rowCount()))
        table.setMinimumHeight(min(height, 200))
        table.setMaximumHeight(max(height, 80))

    def _show_tyres(self) -> None:
        tyres = self._tyres
        if tyres is None:
            return
        quota = "not limited" if tyres.slick_quota is None else str(tyres.slick_quota)
        wets = "not limited" if tyres.wet_quota is None else str(tyres.wet_quota)
        lines = [f"Supplier: {tyres.supplier or 'not set'}",
                 f"Dry: {tyres.dry or '—'}    Wet: {tyres.wet or '—'}",
                 f"New slicks per car per event: {quota}; wets: {wets}; carry-over up to "
                 f"{tyres.carry_over}"]
        lines += [f"{c.code}: front {c.front or '—'}, rear {c.rear or '—'}" for c in tyres.cars]
        self.tyres_label.setText("\n".join(lines))

    def _event_selected(self) -> None:
        event = self.selected_event()
        self.session_combo.clear()
        for code in event.sessions if event else ():
            self.session_combo.addItem(code, code)
        for button in (self.edit_event_button, self.add_session_button):
            button.setEnabled(event is not None)
        self.cancel_event_button.setEnabled(event is not None and not event.cancelled)
        self.reinstate_button.setEnabled(event is not None and event.cancelled)
        self.session_facts_button.setEnabled(bool(event and event.sessions))

    # --- selection ----------------------------------------------------------------------

    def selected_event(self) -> EventView | None:
        rows = self.calendar_table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self._events[row] if 0 <= row < len(self._events) else None

    def set_event(self, number: int) -> bool:
        """Select event ``number`` in the calendar (the header's event)."""
        for row, event in enumerate(self._events):
            if event.number == number:
                self.calendar_table.selectRow(row)
                return True
        return False

    def selected_class(self) -> ClassInfo | None:
        rows = self.classes_table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self._classes[row] if 0 <= row < len(self._classes) else None

    def select_class(self, name: str) -> bool:
        for row, info in enumerate(self._classes):
            if info.name == name:
                self.classes_table.selectRow(row)
                return True
        return False

    # --- changes (each through one dialog, one service) ---------------------------------

    def _changed(self, text: str) -> None:
        self.refresh()
        self.status.emit(text)
        self.season_changed.emit()

    def new_season(self) -> QDialog:
        def made(info: SeasonInfo) -> None:
            self.status.emit(f"Made the {info.year} season ({info.events} events); choose it "
                             "in the season switcher")
            self.season_made.emit(info.year)

        return run_dialog(NewSeasonDialog(self._db, self._seasons, self), made)

    def make_current(self) -> bool:
        from paddock.services.calendar import use_season

        try:
            use_season(self._db, self._year)
        except PaddockError as exc:
            QMessageBox.warning(self, "Paddock", exc.message)
            return False
        self._changed(f"{self._year} is now the desks' current season")
        return True

    def add_event(self) -> QDialog:
        return run_dialog(EventDialog(self._db, self._year, parent=self),
                          lambda view: self._added(view))

    def _added(self, view: EventView) -> None:
        self._changed(f"Added event {view.number} {view.name}")
        self.set_event(view.number)

    def edit_event(self) -> QDialog | None:
        event = self.selected_event()
        if event is None:
            return None
        return run_dialog(EventDialog(self._db, self._year, event, self),
                          lambda view: self._changed(f"Event {view.number} {view.name}: "
                                                     f"{view.dates_text}"))

    def cancel_event(self) -> QDialog | None:
        event = self.selected_event()
        if event is None or event.cancelled:
            return None
        return run_dialog(CancelEventDialog(self._db, event, self),
                          lambda view: self._changed(f"Event {view.number} {view.name} "
                                                     f"cancelled: {view.cancelled_reason}"))

    def reinstate_event(self) -> bool:
        from paddock.services.calendar import reinstate_event

        event = self.selected_event()
        if event is None or not event.cancelled:
            return False
        try:
            view = reinstate_event(self._db, str(event.number))
        except PaddockError as exc:
            QMessageBox.warning(self, "Paddock", exc.message)
            return False
        self._changed(f"Event {view.number} {view.name} is back on the calendar")
        return True

    def add_session(self) -> QDialog | None:
        event = self.selected_event()
        if event is None:
            return None
        return run_dialog(AddSessionDialog(self._db, event, self),
                          lambda view: self._changed(f"{view.name}: sessions "
                                                     + ", ".join(view.sessions)))

    def edit_session_facts(self) -> SessionFactsDialog | None:
        """The existing session facts dialog, for the session chosen beside the button."""
        event = self.selected_event()
        code = self.session_combo.currentData()
        if event is None or code is None:
            return None
        dialog = SessionFactsDialog(self._db, event=str(event.number), session=str(code),
                                    parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._changed(f"{dialog.saved.name}: session facts saved")
        return dialog

    def add_class(self) -> QDialog:
        cars = tuple(c.code for c in self._tyres.cars) if self._tyres else ()
        return run_dialog(ClassDialog(self._db, cars, parent=self),
                          lambda _none: self._changed("Class added"))

    def edit_class(self) -> QDialog | None:
        info = self.selected_class()
        if info is None:
            return None
        cars = tuple(c.code for c in self._tyres.cars) if self._tyres else ()
        return run_dialog(ClassDialog(self._db, cars, info, self),
                          lambda _none: self._changed(f"Class {info.name} saved"))

    def edit_tyres(self) -> QDialog | None:
        if self._tyres is None:
            return None
        return run_dialog(TyresDialog(self._db, self._tyres, self),
                          lambda tyres: self._changed(f"{tyres.year} tyres: "
                                                      f"{tyres.label or tyres.supplier_text}"))
