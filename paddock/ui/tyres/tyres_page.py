"""The Tyres page: the tyre bay's scan desk for the selected event.

A USB scanner types a barcode and Enter into the scan field. Each Enter is one scan,
handled at once on the UI thread (one small transaction, a few milliseconds): in
Register mode the tyre is registered to the chosen car, in Check mode the page says whose
tyre it is. The verdict fills a large green or red panel; the field clears itself and
keeps the focus, so the next scan can follow straight away. Nothing is done per
keystroke, so a scanner typing at full speed is never outrun: keys that arrive while a
scan is being handled wait in Qt's queue and land in the cleared field.

A refused scan cannot be missed: the panel flashes, the system beeps, and the refusal
stays in the "last refusal" strip until it is acknowledged or another one replaces it
(a burst of good scans after it does not hide it). The big number on the panel is always
the car the tyre belongs to; the car chosen at the desk is shown in the scan bar.

Keys: F2 Register, F3 Check, F4 type the car's number (Enter confirms the exact number),
F6 slick/wet, Esc clears the field.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import DatabaseError, PaddockError, RuleViolation
from paddock.rules.tyres import TyreRule, TyreStatus, TyreType
from paddock.services import tyres as tyre_service
from paddock.services.season import EventView, season_overview
from paddock.services.tyre_supply import season_tyres
from paddock.services.tyres import EventTyres, TyreRefusal, TyreView
from paddock.ui.common.no_events import EventBody
from paddock.ui.common.tables import (
    RowSortProxy,
    configure_table,
    select_source_row,
    selected_row,
)
from paddock.ui.common.theme import ACCENT, BORDER, PROBLEM_TEXT, SURFACE, TEXT, TEXT_MUTED
from paddock.ui.tyres.tyre_dialogs import (
    CarryOverDialog,
    CorrectionDialog,
    ReplacementDialog,
    ScrapDialog,
)
from paddock.ui.tyres.tyre_models import (
    TYRE_CAR_COLUMN,
    CarTyreModel,
    CarTyreRow,
    TyreModel,
    car_rows,
)
from paddock.ui.tyres.tyre_verdict import (
    VERDICT_BAD,
    VERDICT_GOOD,
    Tone,
    VerdictDisplay,
    VerdictPanel,
    already_here_display,
    correction_display,
    idle_display,
    refusal_headline,
    refused_display,
    registered_display,
    verdict_display,
)

if TYPE_CHECKING:
    from paddock.services.database import Database

log = logging.getLogger(__name__)

#: How long after the last scan the tables reload from the database (to pick up what
#: other desks wrote). Each scan already updates its rows, so this waits for a pause.
REFRESH_DELAY_MS = 3000
#: Scans kept in the "Recent scans" list.
RECENT_SCANS = 60


_KEYS = "F2 register  ·  F3 check  ·  F4 type the car number  ·  F6 slick / wet"


class ScanMode(StrEnum):
    REGISTER = "register"
    CHECK = "check"


@dataclass(frozen=True)
class ScanRecord:
    """One scan as handled: the text typed and what the panel showed for it."""

    text: str
    mode: ScanMode
    display: VerdictDisplay
    at: datetime


_PAGE_STYLE = f"""
#scanBar {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 4px; }}
#scanField {{ font-size: 20pt; font-family: monospace; padding: 6px 10px;
              border: 2px solid {ACCENT}; border-radius: 4px; background: {SURFACE}; }}
#scanField:disabled {{ border-color: {BORDER}; }}
#scanCaption {{ color: {TEXT_MUTED}; font-size: 8.5pt; font-weight: 700; letter-spacing: 1px; }}
#carCombo {{ font-size: 13pt; padding: 4px 8px; min-height: 28px; }}
#carNumber {{ font-size: 20pt; font-weight: 800; padding: 2px 6px; border: 2px solid {TEXT};
              border-radius: 4px; background: {SURFACE}; color: {TEXT}; }}
#carNumber[state="none"] {{ border-color: {PROBLEM_TEXT}; }}
#carStatus {{ font-size: 10pt; color: {TEXT_MUTED}; }}
#carStatus[state="problem"] {{ color: {PROBLEM_TEXT}; font-weight: 700; }}
#lastRefusal {{ background: {PROBLEM_TEXT}; border-radius: 4px; }}
#lastRefusal QLabel {{ color: #ffffff; font-size: 10pt; }}
#lastRefusalCaption {{ font-weight: 700; letter-spacing: 1px; font-size: 8.5pt; }}
#lastRefusal QPushButton {{ padding: 3px 10px; }}
QPushButton#modeButton {{ font-size: 12pt; font-weight: 700; padding: 8px 18px; }}
QPushButton#modeButton:checked {{ background: {ACCENT}; border-color: {ACCENT};
                                  color: #ffffff; }}
QPushButton#typeButton {{ font-size: 12pt; padding: 6px 14px; }}
QPushButton#typeButton:checked {{ background: {TEXT}; border-color: {TEXT};
                                  color: #ffffff; font-weight: 700; }}
#recentScans {{ font-size: 10pt; background: {SURFACE}; border: 1px solid {BORDER}; }}
#sectionTitle {{ font-size: 11pt; font-weight: 700; color: {TEXT}; }}
"""


class _ScanRedirect(QObject):
    """Sends typing that lands on a table or list to the scan field.

    An official who clicked a row and then scans must not lose the scan to the table's
    keyboard search: printable keys and Enter go to the scan field instead.
    """

    def __init__(self, field: QLineEdit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        printable = bool(text) and text.isprintable() and not text.isspace() and modifiers in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if not printable:
            return False
        self._field.setFocus(Qt.FocusReason.OtherFocusReason)
        self._field.insert(text)
        return True


class _ExactCarView(QListView):
    """The car list's popup: typing picks the car whose number is exactly what was typed.

    Qt's own keyboard search starts from the current car and matches prefixes, so "6"
    with car 7 chosen picked car 60. Here "6" picks car 6 (or nothing), "60" car 60.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._reset = QTimer(self)
        self._reset.setSingleShot(True)
        self._reset.setInterval(QApplication.keyboardInputInterval())
        self._reset.timeout.connect(self._forget)

    def _forget(self) -> None:
        self._typed = ""

    def keyboardSearch(self, search: str) -> None:
        self._typed += search.strip()
        self._reset.start()
        model = self.model()
        for row in range(model.rowCount()):
            index = model.index(row, self.modelColumn())
            if index.data(Qt.ItemDataRole.UserRole) == self._typed:
                self.setCurrentIndex(index)
                return


class _CarNumberEdit(QLineEdit):
    """The chosen car's number, large; type another number and Enter to choose that car.

    Esc (or leaving the field) puts the chosen car's number back.

    Signals:
        escaped(): Esc was pressed.
        left(): the field lost the focus.
    """

    escaped = Signal()
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.deselect()
        self.left.emit()


class TyresPage(QWidget):
    """The scan desk and the tyre counts of one event.

    Args:
        db: the open database.
        event_number: the event worked on (None when the season has no event yet);
            the window's event selector changes it with `set_event`.

    Signals:
        tyres_changed(): a tyre was registered, scrapped or carried over here.
        season_page_requested(): the season has no events and the official asked for the
            Season page to add them.
    """

    tyres_changed = Signal()
    season_page_requested = Signal()

    def __init__(self, db: Database, event_number: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._event: int | None = None
        self._events: tuple[EventView, ...] = season_overview(db).events
        self._info: EventTyres | None = None
        self._supplier = ""  # the season's tyres ("Michelin Pilot Sport Cup N3")
        self._mode = ScanMode.REGISTER
        self._not_saved = False
        # The scans of each event seen here, by season and event number (each season
        # numbers its events from 1): the list shows the current event's.
        self._scans: dict[tuple[int, int | None], list[ScanRecord]] = {}
        self._year = 0
        self.last_refusal: ScanRecord | None = None
        self._shown_car: str | None = None
        self.setObjectName("tyresPage")
        self.setStyleSheet(_PAGE_STYLE)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

        self._build()
        self._connect()
        self._set_mode(ScanMode.REGISTER, focus=False)
        if event_number is not None:
            self.set_event(event_number)
        else:
            self._show_no_event()

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel("Tyres")
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSummary")

        self.register_button = self._mode_button("Register  (F2)", ScanMode.REGISTER,
                                                 "Register each scanned tyre to the car")
        self.check_button = self._mode_button("Check  (F3)", ScanMode.CHECK,
                                              "Scan a tyre to see whose it is")
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_group.addButton(self.register_button)
        self.mode_group.addButton(self.check_button)

        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.summary)
        top = QHBoxLayout()
        top.addLayout(heading)
        top.addStretch(1)
        top.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignBottom)

        # The scan bar: the car, the tyre type and the field the scanner types into.
        self.car_caption = QLabel()
        self.car_caption.setObjectName("scanCaption")
        self.car_edit = _CarNumberEdit()
        self.car_edit.setObjectName("carNumber")
        self.car_edit.setAccessibleName("Car number")
        self.car_edit.setMaxLength(4)
        self.car_edit.setFixedWidth(92)
        self.car_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.car_edit.setToolTip("F4: type the car's number, then Enter (exactly that car)")
        self.car_combo = QComboBox()
        self.car_combo.setObjectName("carCombo")
        self.car_combo.setView(_ExactCarView(self.car_combo))
        self.car_combo.setMinimumWidth(230)
        self.car_combo.setMaxVisibleItems(20)
        # Never holds the focus: a scan typed into it would pick another car.
        self.car_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.car_combo.setToolTip("Choose the car with the mouse; or F4 and type its number")
        self.car_status = QLabel()
        self.car_status.setObjectName("carStatus")

        self.type_caption = QLabel("TYRE TYPE  (F6)")
        self.type_caption.setObjectName("scanCaption")
        self.slick_button = self._type_button("Slick")
        self.wet_button = self._type_button("Wet")
        self.slick_button.setChecked(True)
        self.type_group = QButtonGroup(self)
        self.type_group.setExclusive(True)
        self.type_group.addButton(self.slick_button)
        self.type_group.addButton(self.wet_button)
        types = QHBoxLayout()
        types.setSpacing(0)
        types.addWidget(self.slick_button)
        types.addWidget(self.wet_button)
        self.type_box = QWidget()
        type_column = QVBoxLayout(self.type_box)
        type_column.setContentsMargins(0, 0, 0, 0)
        type_column.setSpacing(4)
        type_column.addWidget(self.type_caption)
        type_column.addLayout(types)

        scan_caption = QLabel("SCAN  (barcode, then Enter)")
        scan_caption.setObjectName("scanCaption")
        self.scan_edit = QLineEdit()
        self.scan_edit.setObjectName("scanField")
        self.scan_edit.setAccessibleName("Tyre barcode")
        self.scan_edit.setClearButtonEnabled(False)
        self.scan_edit.setMaxLength(64)

        car_row = QHBoxLayout()
        car_row.setSpacing(6)
        car_row.addWidget(self.car_edit)
        car_row.addWidget(self.car_combo, 1)
        car_column = QVBoxLayout()
        car_column.setSpacing(4)
        car_column.addWidget(self.car_caption)
        car_column.addLayout(car_row)
        car_column.addWidget(self.car_status)
        scan_column = QVBoxLayout()
        scan_column.setSpacing(4)
        scan_column.addWidget(scan_caption)
        scan_column.addWidget(self.scan_edit)
        scan_column.addStretch(1)

        scan_bar = QFrame()
        scan_bar.setObjectName("scanBar")
        bar = QHBoxLayout(scan_bar)
        bar.setContentsMargins(14, 10, 14, 12)
        bar.setSpacing(18)
        bar.addLayout(car_column)
        bar.addWidget(self.type_box)
        bar.addLayout(scan_column, 1)

        # The verdict, and the scans before it (a red one in a burst must not go unseen).
        self.verdict = VerdictPanel()
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentScans")
        self.recent_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.recent_list.setFixedWidth(330)
        self.recent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.recent_list.setUniformItemSizes(True)
        self.recent_caption = QLabel("RECENT SCANS")
        self.recent_caption.setObjectName("scanCaption")
        # The last refusal stays here until acknowledged or replaced by the next one.
        self.refusal_strip = QFrame()
        self.refusal_strip.setObjectName("lastRefusal")
        self.refusal_strip.setFixedWidth(330)
        refusal_caption = QLabel("LAST REFUSAL")
        refusal_caption.setObjectName("lastRefusalCaption")
        self.refusal_label = QLabel()
        self.refusal_label.setObjectName("lastRefusalText")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal_ack = QPushButton("Seen")
        self.refusal_ack.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.refusal_ack.setToolTip("Acknowledge the refusal and hide this strip")
        self.refusal_ack.clicked.connect(self.acknowledge_refusal)
        strip = QHBoxLayout(self.refusal_strip)
        strip.setContentsMargins(10, 6, 8, 6)
        strip.setSpacing(8)
        strip_text = QVBoxLayout()
        strip_text.setSpacing(0)
        strip_text.addWidget(refusal_caption)
        strip_text.addWidget(self.refusal_label)
        strip.addLayout(strip_text, 1)
        strip.addWidget(self.refusal_ack, 0, Qt.AlignmentFlag.AlignVCenter)
        self.refusal_strip.hide()
        self.recent_list.setMinimumHeight(40)
        recent_box = QWidget()
        # As high as the verdict: the tables below keep every pixel left.
        recent_box.setFixedHeight(self.verdict.height())
        recent = QVBoxLayout(recent_box)
        recent.setContentsMargins(0, 0, 0, 0)
        recent.setSpacing(4)
        recent.addWidget(self.refusal_strip)
        recent.addWidget(self.recent_caption)
        recent.addWidget(self.recent_list, 1)
        verdict_row = QHBoxLayout()
        verdict_row.setSpacing(12)
        verdict_row.addWidget(self.verdict, 1)
        verdict_row.addWidget(recent_box)

        # The event's cars, and the tyres of the car chosen.
        self.car_model = CarTyreModel(self)
        self.car_proxy = RowSortProxy(self)
        self.car_proxy.setSourceModel(self.car_model)
        self.car_table = self._table("carTyreTable", self.car_proxy)
        self._size_columns(self.car_table, [42, 150, 56, 42, 64, 50, 56, 48], stretch=1)
        self.car_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        self.tyre_model = TyreModel(self)
        self.tyre_proxy = RowSortProxy(self)
        self.tyre_proxy.setSourceModel(self.tyre_model)
        self.tyre_proxy.setFilterKeyColumn(TYRE_CAR_COLUMN)
        self.tyre_table = self._table("tyreTable", self.tyre_proxy)
        self._size_columns(self.tyre_table, [104, 40, 58, 108, 120, 134, 54], stretch=4)
        self.tyre_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

        cars_title = QLabel("Cars at this event")
        cars_title.setObjectName("sectionTitle")
        self.tyres_title = QLabel("Tyres")
        self.tyres_title.setObjectName("sectionTitle")
        self.tyres_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.scrap_action = QAction("Scrap…", self)
        self.scrap_action.triggered.connect(self.scrap_tyre)
        self.carry_action = QAction("Carry over…", self)
        self.carry_action.triggered.connect(self.carry_over)
        self.replace_action = QAction("Replacement…", self)
        self.replace_action.triggered.connect(self.register_replacement)
        self.correct_action = QAction("Correct…", self)
        self.correct_action.triggered.connect(self.correct_tyre)
        self.correct_button = self._action_button(
            self.correct_action, "Move the selected (or a scanned) tyre to another car, or "
            "void its registration, with a reason: until the event's first race starts")
        self.scrap_button = self._action_button(
            self.scrap_action, "Mark the selected (or a scanned) tyre scrapped, with a reason")
        self.carry_button = self._action_button(
            self.carry_action, "Carry unused slicks of the car to the next event")
        self.replace_button = self._action_button(
            self.replace_action, "Register a replacement tyre with the stewards' approval")

        cars_box = QWidget()
        cars_layout = QVBoxLayout(cars_box)
        cars_layout.setContentsMargins(0, 0, 0, 0)
        cars_layout.setSpacing(6)
        cars_layout.addWidget(cars_title)
        cars_layout.addWidget(self.car_table, 1)

        tyre_head = QHBoxLayout()
        tyre_head.setSpacing(8)
        tyre_head.addWidget(self.tyres_title, 1)
        tyre_head.addWidget(self.correct_button)
        tyre_head.addWidget(self.scrap_button)
        tyre_head.addWidget(self.carry_button)
        tyre_head.addWidget(self.replace_button)
        tyres_box = QWidget()
        tyres_layout = QVBoxLayout(tyres_box)
        tyres_layout.setContentsMargins(0, 0, 0, 0)
        tyres_layout.setSpacing(6)
        tyres_layout.addLayout(tyre_head)
        tyres_layout.addWidget(self.tyre_table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(cars_box)
        self.splitter.addWidget(tyres_box)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([530, 570])

        self.event_body = EventBody(self, "Tyres", "the tyres are registered per event.")
        self.event_body.panel.season_page_requested.connect(self.season_page_requested)
        layout = QVBoxLayout(self.event_body.body)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(scan_bar)
        layout.addLayout(verdict_row)
        layout.addWidget(self.splitter, 1)

        # Shortcuts live on the page: they work only while the page is shown.
        self._shortcuts: list[QAction] = []
        for keys, slot in (
            ("F2", lambda: self._set_mode(ScanMode.REGISTER)),
            ("F3", lambda: self._set_mode(ScanMode.CHECK)),
            ("F4", self.choose_car),
            ("F6", self.toggle_tyre_type),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self._shortcuts.append(action)

        self._redirect = _ScanRedirect(self.scan_edit, self)
        for view in (self.car_table, self.tyre_table):
            view.installEventFilter(self._redirect)

    def _mode_button(self, text: str, mode: ScanMode, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("modeButton")
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _checked=False: self._set_mode(mode))
        return button

    def _type_button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("typeButton")
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumWidth(74)
        return button

    def _action_button(self, action: QAction, tip: str) -> QPushButton:
        button = QPushButton(action.text())
        button.setToolTip(tip)
        # Buttons never keep the focus: the next scan must reach the scan field.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        return button

    def _table(self, name: str, model: RowSortProxy) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSortingEnabled(True)
        configure_table(table, self.fontMetrics().height() + 10, min_section=36)
        return table

    @staticmethod
    def _size_columns(table: QTableView, widths: Sequence[int], *, stretch: int) -> None:
        header = table.horizontalHeader()
        for column, width in enumerate(widths):
            if column == stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                table.setColumnWidth(column, width)

    def _connect(self) -> None:
        self.scan_edit.returnPressed.connect(self._scan_entered)
        self.car_edit.returnPressed.connect(self._car_typed)
        self.car_edit.escaped.connect(self._car_typing_cancelled)
        self.car_edit.left.connect(self._show_chosen_number)
        self.car_combo.activated.connect(lambda _index: self._car_chosen())
        self.car_combo.currentIndexChanged.connect(lambda _index: self._show_car())
        self.type_group.buttonClicked.connect(lambda _button: self._type_changed())
        self.car_table.selectionModel().selectionChanged.connect(self._car_row_selected)
        self.tyre_table.selectionModel().selectionChanged.connect(self._update_actions)

    # --- the event ------------------------------------------------------------------

    def set_event(self, number: int | None) -> None:
        """Work on event ``number``: reload its tyres and clear the verdict (None: the
        season has no events; the page says so and nothing acts on an event)."""
        self._event = number
        self._year = season_overview(self._db).year
        self._refresh_timer.stop()
        if number is None:
            self.acknowledge_refusal()
            self._fill_recent()
            self._show_no_event()
            return
        self.acknowledge_refusal()
        self._fill_recent()
        self.refresh()
        self._show_ready()

    @property
    def event_number(self) -> int | None:
        return self._event

    def refresh(self) -> None:
        """Reload the event's tyres, keeping the chosen car and the selected tyre."""
        self._refresh_timer.stop()
        if self._event is None:
            self._show_no_event()
            return
        try:
            info = tyre_service.event_tyres(self._db, str(self._event))
        except PaddockError as exc:
            self._info = None
            self.car_model.set_rows(())
            self.tyre_model.set_rows(())
            self.summary.setText(exc.message)
            self._show(refused_display("", [exc.message]), record=False)
            self._update_actions()
            return
        self._info = info
        self._show_event_body(True)
        # The season's supplier, never a fixed name (it changes: Michelin, Yokohama...).
        self._supplier = season_tyres(self._db).label
        # The calendar may have changed (the Season page, another season shown).
        self._events = season_overview(self._db).events
        car = self.current_car()
        tyre = self.selected_tyre()
        # A car number being typed (not yet confirmed with Enter) stays as typed: another
        # desk's change reloads the page under the official's hands.
        typing = self.car_edit.text() if self.car_edit.hasFocus() else None
        self.car_model.set_rows(car_rows(info))
        self.tyre_model.set_rows(info.tyres)
        self._fill_car_combo(car)
        self._show_car()
        if typing is not None and self.car_edit.text() != typing:
            self.car_edit.setText(typing)
        if tyre is not None:
            self.select_tyre(tyre.barcode)
        self._update_summary()
        self._update_actions()

    def _update_summary(self) -> None:
        info = self._info
        if info is None:
            return
        tyres = self.tyre_model.rows()
        total = len(tyres)
        scrapped = sum(1 for t in tyres if t.status == TyreStatus.SCRAPPED.value)
        quota = info.tyre_rules.slick_quota
        supplier = self._supplier
        self.summary.setText(
            (f"{supplier} · " if supplier else "")
            + f"Event {info.event_number} · {info.event_name} · {total} "
            f"tyre{'' if total == 1 else 's'} registered"
            + (f" ({scrapped} scrapped)" if scrapped else "")
            + (f" · {len(info.voided)} voided" if info.voided else "")
            + f" · quota {quota if quota is not None else 'unlimited'} new slicks per car")

    def _show_no_event(self) -> None:
        self._info = None
        self._events = ()
        self.car_model.set_rows(())
        self.tyre_model.set_rows(())
        self.car_combo.clear()
        self.summary.setText("The season has no events yet.")
        self._show(idle_display("No event", "Add the season's events to register tyres."),
                   record=False)
        self.scan_edit.setEnabled(False)
        self._update_actions()
        self._show_event_body(False)

    def _show_event_body(self, shown: bool) -> None:
        """The desk, or the no-events panel with every control and shortcut off."""
        if shown:
            self.event_body.show_body()
        else:
            self.event_body.show_no_events(season_overview(self._db).year)
        for action in self._shortcuts:
            action.setEnabled(shown)

    def _fill_car_combo(self, keep: str | None) -> None:
        self.car_combo.blockSignals(True)
        try:
            self.car_combo.clear()
            self.car_combo.addItem("Any car", None)
            for row in self.car_model.rows():
                self.car_combo.addItem(f"{row.car}   ·   {row.driver}", row.car)
            index = self.car_combo.findData(keep) if keep is not None else 0
            self.car_combo.setCurrentIndex(max(index, 0))
        finally:
            self.car_combo.blockSignals(False)
        self.scan_edit.setEnabled(True)

    # --- mode, car and type ---------------------------------------------------------

    @property
    def mode(self) -> ScanMode:
        return self._mode

    def set_mode(self, mode: ScanMode) -> None:
        """Switch between registering and checking; the scan field gets the focus."""
        self._set_mode(mode)

    def _set_mode(self, mode: ScanMode, *, focus: bool = True) -> None:
        self._mode = mode
        register = mode is ScanMode.REGISTER
        self.register_button.setChecked(register)
        self.check_button.setChecked(not register)
        self.type_box.setVisible(register)
        self.car_caption.setText("REGISTERING TO CAR  (F4)" if register
                                 else "CAR BEING INSPECTED  (F4)")
        self.car_combo.setItemText(0, "Choose a car…" if register else "Any car")
        self.scan_edit.setPlaceholderText(
            "Scan a tyre to register it" if register else "Scan a tyre to check it")
        if self._event is not None:
            self._show_ready()
        self._show_chosen_number()
        if focus:
            self.focus_scan()

    @property
    def scans(self) -> list[ScanRecord]:
        """The scans made here at the current event, oldest first."""
        return self._scans.setdefault((self._year, self._event), [])

    def current_car(self) -> str | None:
        """The car chosen in the picker, or None for "any car"."""
        data = self.car_combo.currentData()
        return str(data) if data is not None else None

    def select_car(self, car: str | None) -> bool:
        """Choose ``car`` in the picker (None: any car); False when it is not at the event."""
        index = 0 if car is None else self.car_combo.findData(car)
        if index < 0:
            return False
        self.car_combo.setCurrentIndex(index)
        return True

    @property
    def tyre_type(self) -> TyreType:
        return TyreType.WET if self.wet_button.isChecked() else TyreType.SLICK

    def set_tyre_type(self, kind: TyreType) -> None:
        (self.wet_button if kind is TyreType.WET else self.slick_button).setChecked(True)
        self._type_changed()

    def toggle_tyre_type(self) -> None:
        if self._mode is ScanMode.REGISTER:
            self.set_tyre_type(TyreType.SLICK if self.tyre_type is TyreType.WET
                               else TyreType.WET)

    def choose_car(self) -> None:
        """F4: the car number field takes the keys; type the number and Enter."""
        if self.car_combo.count():
            self.car_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.car_edit.selectAll()

    def _car_typed(self) -> None:
        """Enter in the car number field: choose exactly that car, or say there is none."""
        typed = self.car_edit.text().strip()
        if not typed:
            if self._mode is ScanMode.CHECK:
                self.select_car(None)  # checking: an empty number means any car
            self._show_chosen_number()
            self.focus_scan()
            return
        if not self.select_car(typed):
            self._set_car_status(
                f"No car {typed} at this event: type the number again (Esc keeps car "
                f"{self.current_car() or '–'})", problem=True)
            self.car_edit.selectAll()
            return
        self._show_chosen_number()
        self.focus_scan()

    def _car_typing_cancelled(self) -> None:
        self._show_chosen_number()
        self.focus_scan()

    def _show_chosen_number(self) -> None:
        """The car number field and the line under it follow the car chosen."""
        car = self.current_car()
        self.car_edit.setText(car or "")
        self.car_edit.setPlaceholderText("–" if self._mode is ScanMode.REGISTER else "any")
        state = "none" if car is None and self._mode is ScanMode.REGISTER else ""
        if self.car_edit.property("state") != state:
            self.car_edit.setProperty("state", state)
            self.car_edit.style().unpolish(self.car_edit)
            self.car_edit.style().polish(self.car_edit)
        row = self.car_row(car) if car is not None else None
        if car is None:
            text = ("No car chosen: F4, type its number, Enter"
                    if self._mode is ScanMode.REGISTER else "Checking tyres of any car")
            self._set_car_status(text, problem=self._mode is ScanMode.REGISTER)
        elif row is not None:
            left = "" if row.left is None else f"  ·  {row.left} left"
            self._set_car_status(f"Slicks {row.slicks_text}{left}  ·  wets {row.wets}",
                                 problem=False)

    def _set_car_status(self, text: str, *, problem: bool) -> None:
        self.car_status.setText(text)
        state = "problem" if problem else ""
        if self.car_status.property("state") != state:
            self.car_status.setProperty("state", state)
            self.car_status.style().unpolish(self.car_status)
            self.car_status.style().polish(self.car_status)

    def focus_scan(self) -> None:
        """Put the keyboard focus in the scan field."""
        self.scan_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _car_chosen(self) -> None:
        self.focus_scan()

    def _type_changed(self) -> None:
        self._show_ready()
        self.focus_scan()

    def _cause_changed(self) -> None:
        """The car, tyre type or mode changed: a red panel about the old one goes.

        The refusal itself stays in the "last refusal" strip until acknowledged.
        """
        if self.verdict.display.tone in (Tone.IDLE, Tone.BAD):
            self._show_ready()

    def _show_car(self) -> None:
        """Follow the picker: select the car's row and show only its tyres."""
        car = self.current_car()
        self.tyre_proxy.setFilterFixedString("")
        if car is None:
            self.tyre_proxy.setFilterRegularExpression("")
            self.tyre_table.setColumnHidden(TYRE_CAR_COLUMN, False)
            self.car_table.clearSelection()
            self.tyres_title.setText("All tyres at this event")
        else:
            # Whole-cell match: car "1" must not show the tyres of car "12".
            self.tyre_proxy.setFilterRegularExpression(f"^{re.escape(car)}$")
            self.tyre_table.setColumnHidden(TYRE_CAR_COLUMN, True)
            self.car_table.selectionModel().blockSignals(True)
            select_source_row(self.car_table, self.car_model, self.car_model.row_of(car))
            self.car_table.selectionModel().blockSignals(False)
            self.car_table.viewport().update()
            self.tyres_title.setText(f"Tyres of car {car}")
            self.tyres_title.setToolTip(self._driver(car))
        if car != self._shown_car:
            self._shown_car = car
            if self._event is not None:
                self._cause_changed()
        elif self._event is not None and self.verdict.display.tone is Tone.IDLE:
            self._show_ready()
        self._show_chosen_number()
        self._update_actions()

    def _car_row_selected(self) -> None:
        row = selected_row(self.car_table, self.car_model)
        if row is not None and row.car != self.current_car():
            self.select_car(row.car)

    def _driver(self, car: str) -> str:
        row = self.car_model.row_of(car)
        return self.car_model.row(row).driver if row is not None else ""

    def car_row(self, car: str) -> CarTyreRow | None:
        """The car's counts as the table shows them, or None."""
        row = self.car_model.row_of(car)
        return self.car_model.row(row) if row is not None else None

    # --- scanning -------------------------------------------------------------------

    def _scan_entered(self) -> None:
        text = self.scan_edit.text()
        self.scan_edit.clear()
        self._not_saved = False
        if text.strip():
            self.scan(text)
        if self._not_saved:
            # The database could not be reached: the barcode stays, Enter tries again.
            self.scan_edit.setText(text)
            self.scan_edit.selectAll()

    def scan(self, text: str) -> VerdictDisplay:
        """Handle one scan in the current mode and show its verdict.

        Return:
            What the panel now shows.
        """
        try:
            register = self._mode is ScanMode.REGISTER
            display = self._register(text) if register else self._check(text)
        except Exception as exc:
            # Shown, not swallowed: a stale green panel would pass a tyre nobody checked.
            log.exception("tyre scan %r failed", text)
            display = refused_display(text.strip(), [f"The scan was not processed: {exc}"])
        self._show(display, text=text)
        return display

    def _register(self, text: str) -> VerdictDisplay:
        code = text.strip()
        if self._event is None:
            return refused_display(code, ["there is no event to register tyres for"])
        car = self.current_car()
        if car is None:
            return refused_display(code, ["choose the car first (F4), then scan its tyres"])
        try:
            result = tyre_service.register_tyres(
                self._db, event=str(self._event), car=car, barcodes=[text],
                tyre_type=self.tyre_type.value)
        except TyreRefusal as exc:
            # The refusal names its rule and facts: nothing is asked again.
            if all(d.rule is TyreRule.ALREADY_THIS_CAR for d in exc.details):
                row = self.car_row(car)
                count = (f"{self.tyre_type.value.upper()}  ·  {row.slicks_text}"
                         if row is not None and self.tyre_type is TyreType.SLICK else "")
                return already_here_display(exc.details[0], driver=self._driver(car),
                                            details=count)
            headline, owner = refusal_headline(exc.details)
            return refused_display(code, exc.problems, car=owner,
                                   driver=self._driver(owner) if owner else "",
                                   headline=headline)
        except PaddockError as exc:
            self._not_saved = isinstance(exc, DatabaseError)
            problems = exc.problems if isinstance(exc, RuleViolation) else (exc.message,)
            return refused_display(code, problems)
        self.car_model.apply_registration(result)
        self.tyre_model.add_tyres(result.tyres)
        self._update_summary()
        self._show_chosen_number()
        self._changed()
        return registered_display(result)

    def _check(self, text: str) -> VerdictDisplay:
        if self._event is None:
            return refused_display(text.strip(), ["there is no event to check tyres at"])
        try:
            verdict = tyre_service.check_tyre(self._db, event=str(self._event), barcode=text,
                                              expected_car=self.current_car())
        except PaddockError as exc:
            return refused_display(text.strip(), [exc.message])
        return verdict_display(verdict)

    def _show(self, display: VerdictDisplay, *, text: str = "", record: bool = True) -> None:
        self.verdict.show_display(display)
        if not record:
            return
        scan = ScanRecord(text, self._mode, display, datetime.now().astimezone())
        self.scans.append(scan)
        self.recent_list.insertItem(0, self._recent_item(scan))
        while self.recent_list.count() > RECENT_SCANS:
            self.recent_list.takeItem(self.recent_list.count() - 1)
        self._update_recent_caption()
        if display.refused:
            self._announce_refusal(scan)

    def _announce_refusal(self, scan: ScanRecord) -> None:
        """A refusal is seen and heard: the panel flashes, the system beeps, and the strip
        keeps it until it is acknowledged or the next refusal takes its place."""
        self.last_refusal = scan
        display = scan.display
        self.refusal_label.setText(
            f"{scan.at:%H:%M:%S}  {display.barcode or scan.text.strip()}\n"
            + display.headline.lstrip("✗ ")
            + (f" · car {display.car}" if display.car
               and display.car not in display.headline else ""))
        self.refusal_label.setToolTip(display.message)
        self.refusal_strip.show()
        self.verdict.flash()
        QApplication.beep()

    def acknowledge_refusal(self) -> None:
        """Hide the "last refusal" strip (the refusal stays in the recent scans)."""
        self.last_refusal = None
        self.refusal_strip.hide()
        self.focus_scan()

    @staticmethod
    def _recent_item(scan: ScanRecord) -> QListWidgetItem:
        display = scan.display
        item = QListWidgetItem(f"{display.mark}  {display.summary()}")
        item.setToolTip(f"{scan.at:%H:%M:%S}  {display.message}")
        colour = {Tone.GOOD: VERDICT_GOOD, Tone.BAD: VERDICT_BAD}.get(display.tone, TEXT)
        item.setForeground(QColor(colour))
        if display.refused:
            bold = QFont(item.font())
            bold.setBold(True)
            item.setFont(bold)
        return item

    def _fill_recent(self) -> None:
        """The recent scans of the current event (another event's stay with it)."""
        self.recent_list.clear()
        for scan in self.scans[-RECENT_SCANS:]:
            self.recent_list.insertItem(0, self._recent_item(scan))
        self._update_recent_caption()

    def _update_recent_caption(self) -> None:
        shown, total = self.recent_list.count(), len(self.scans)
        refused = sum(1 for scan in self.scans if scan.display.refused)
        count = f"{shown}" if shown == total else f"latest {shown} of {total}"
        self.recent_caption.setText(
            f"RECENT SCANS  ({count}" + (f"  ·  {refused} refused)" if refused else ")"))

    def _show_ready(self) -> None:
        if self._event is None:
            return
        car = self.current_car()
        if self._mode is ScanMode.REGISTER:
            if car is None:
                display = idle_display("Register: choose the car (F4)",
                                       "Then scan its tyres; each scan registers one tyre.")
            else:
                driver = self._driver(car)
                row = self.car_row(car)
                count = f" ({row.slicks_text} slicks so far)" if row is not None else ""
                display = idle_display(
                    f"Register {self.tyre_type.value}s to car {car}",
                    f"{driver}{count}. Scan a tyre: it is registered at once.")
        else:
            target = f"on car {car}" if car is not None else "on any car"
            display = idle_display(f"Check: scan a tyre {target}",
                                   "The verdict shows whose tyre it is.")
        self.verdict.show_display(replace(display, message=display.message + "\n\n" + _KEYS))

    def _changed(self) -> None:
        # The rows were updated from the service's answer; the full reload (a tenth of a
        # second on a full event) waits for a pause, so a scanner never waits for it.
        self._refresh_timer.start()
        self.tyres_changed.emit()

    # --- selected tyre and actions --------------------------------------------------

    def selected_tyre(self) -> TyreView | None:
        return selected_row(self.tyre_table, self.tyre_model)

    def select_tyre(self, barcode: str) -> bool:
        return select_source_row(self.tyre_table, self.tyre_model,
                                 self.tyre_model.row_of(barcode))

    def _next_event(self) -> EventView | None:
        if self._event is None:
            return None
        return next((e for e in self._events if e.number == self._event + 1), None)

    def _update_actions(self) -> None:
        has_event = self._info is not None
        car = self.current_car()
        self.scrap_action.setEnabled(has_event)
        self.correct_action.setEnabled(has_event)
        self.replace_action.setEnabled(has_event and car is not None)
        self.carry_action.setEnabled(has_event and car is not None
                                     and self._next_event() is not None)
        if self._next_event() is None and has_event:
            self.carry_button.setToolTip("This is the last event of the season")

    def scrap_tyre(self) -> None:
        """Ask for the tyre (selected or scanned) and the reason; mark it scrapped."""
        if self._event is None:
            return
        tyre = self.selected_tyre()
        dialog = ScrapDialog(self._db, self._event, tyre.barcode if tyre else "", self)
        if dialog.exec() == ScrapDialog.DialogCode.Accepted and dialog.scrapped is not None:
            done = dialog.scrapped
            # The official's own action, not a refusal: no flash, no beep.
            self._show(VerdictDisplay(
                tone=Tone.CALM,
                headline="=  SCRAPPED", car=done.car, driver=done.driver,
                details=done.tyre_type.upper(),
                message=f"Tyre {done.barcode} is scrapped: {done.reason}.",
                barcode=done.barcode), text=done.barcode)
            self._after_action(select=done.barcode)
        dialog.deleteLater()
        self.focus_scan()

    def correct_tyre(self) -> None:
        """Move the selected (or a scanned) tyre to another car, or void it, with a reason."""
        if self._event is None or self._info is None:
            return
        tyre = self.selected_tyre()
        cars = [(row.car, row.driver) for row in self.car_model.rows()]
        dialog = CorrectionDialog(self._db, self._event, tyre.barcode if tyre else "", cars,
                                  self._info.window, self)
        if dialog.exec() == CorrectionDialog.DialogCode.Accepted and dialog.corrected:
            done = dialog.corrected
            self._show(correction_display(done), text=done.tyre.barcode)
            self._after_action(select=done.tyre.barcode if done.action == "move" else None)
        dialog.deleteLater()
        self.focus_scan()

    def register_replacement(self) -> None:
        """Register a replacement tyre for the chosen car, with the stewards' reason."""
        car = self.current_car()
        if self._event is None or car is None:
            return
        dialog = ReplacementDialog(self._db, self._event, car, self._driver(car),
                                   self.tyre_type, self)
        if dialog.exec() == ReplacementDialog.DialogCode.Accepted and dialog.registered:
            result = dialog.registered
            self._show(registered_display(result), text=result.tyres[-1].barcode)
            self._after_action(select=result.tyres[-1].barcode)
        dialog.deleteLater()
        self.focus_scan()

    def carry_over(self) -> None:
        """Pick unused slicks of the chosen car and carry them to the next event."""
        car = self.current_car()
        target = self._next_event()
        if self._event is None or car is None or target is None or self._info is None:
            return
        candidates = [t for t in self._info.tyres if t.car == car
                      and t.tyre_type == TyreType.SLICK.value
                      and t.status != TyreStatus.SCRAPPED.value]
        dialog = CarryOverDialog(
            self._db, self._event, car, self._driver(car), candidates,
            limit=self._info.tyre_rules.carry_over_limit,
            to_event=f"event {target.number} ({target.name})", parent=self)
        if dialog.exec() == CarryOverDialog.DialogCode.Accepted and dialog.carried:
            count = len(dialog.carried)
            self._show(VerdictDisplay(
                tone=Tone.GOOD, headline="✓  CARRIED OVER",
                car=car, driver=self._driver(car),
                details=f"{count} slick{'' if count == 1 else 's'} to event {target.number}",
                message="Carried to " + target.name + ": "
                + ", ".join(t.barcode for t in dialog.carried) + "."), text="")
            self._after_action(select=None)
        dialog.deleteLater()
        self.focus_scan()

    def _after_action(self, *, select: str | None) -> None:
        self.refresh()
        if select is not None:
            self.select_tyre(select)
        self.tyres_changed.emit()
