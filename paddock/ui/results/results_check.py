"""The Results page's timing-system panel: the classification beside the timekeepers' own.

One line says how the session's classification compares with the timing system's results
file (``services.timing_check``): AGREES, N DIFFERENCES or NOT CHECKED, each with a sign
and a word as well as its colour. Under it, a short scrollable list gives each difference
(car, what, ours, theirs, likely cause) and each car without a crossing, with what an
official can do about it: record the time penalty the file shows, settle a car as DNS or
DNF. The panel only asks: the page opens the dialogs, where nothing is recorded until an
official confirms with the reason.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from paddock.rules.laptime import format_laptime
from paddock.services.timing_check import SessionCheck
from paddock.ui.common.theme import set_style_property

FIELD_NAMES = {
    "position": "Position",
    "laps": "Laps",
    "total_time": "Total time",
    "best_lap": "Best lap",
    "class_position": "Class position",
}
#: Rows shown before the list scrolls: the classification keeps the screen.
VISIBLE_ROWS = 3
#: Rows built at most; the rest are counted (``paddock results check`` lists them all).
MAX_ROWS = 60
COLUMNS = ("Car", "What", "Ours", "Theirs", "Likely cause", "")


def shown_value(field: str, value: Any) -> str:
    """A compared value as an official reads it: "1:42:09.029", "1:10.583 (lap 12)", "–"."""
    if value is None:
        return "–"
    if field in ("total_time", "best_lap") and isinstance(value, int):
        return format_laptime(value)
    if field == "best_lap" and isinstance(value, list | tuple):
        time, lap = (*value, None, None)[:2]
        if time is None:
            return "no valid lap"
        return f"{format_laptime(time)} (lap {lap})" if lap is not None else \
            format_laptime(time)
    return str(value)


class ElidedLabel(QLabel):
    """One line of text that ends in "…" where the room ends (the tooltip holds it whole)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        painter.setPen(self.palette().color(self.foregroundRole()))
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         text)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TimingCheckPanel(QFrame):
    """Shows one `SessionCheck`; asks the page to act through its signals.

    Signals:
        penalty_requested(str, int): record +N s for car (the dialog, pre-filled).
        reinstate_requested(str, int): reinstate lap N of car, which the timing system
            counts as its best (the dialog, pre-filled).
        status_requested(str, str): settle car as "dns" or "dnf" (the dialog asks why).
    """

    penalty_requested = Signal(str, int)
    reinstate_requested = Signal(str, int)
    status_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timingCheckPanel")
        self.check: SessionCheck | None = None
        self.state = "unchecked"
        self._details_wanted: bool | None = None  # None: open when there is work to do
        # Compact (a short window): the details stay closed until asked for; the badges and
        # the button's count say there is work.
        self._compact = False
        self.action_buttons: list[QPushButton] = []
        self._deleted: Mapping[str, Collection[int]] = {}

        caption = QLabel("TIMING SYSTEM")
        caption.setObjectName("timingCheckCaption")
        caption.setToolTip("The classification beside the timing system's own results file")
        self.badge = QLabel()
        self.badge.setObjectName("timingCheckBadge")
        self.settle_badge = QLabel()
        self.settle_badge.setObjectName("timingSettleBadge")
        self.settle_badge.hide()
        # A long summary ends in "…" at the panel's edge (the tooltip has it whole), never
        # wrapped: the panel stays one line.
        self.summary = ElidedLabel()
        self.summary.setObjectName("timingCheckSummary")
        self.details_button = QPushButton("Details")
        self.details_button.setObjectName("timingCheckDetails")
        self.details_button.setCheckable(True)
        self.details_button.setToolTip("Show or hide each difference and each car to settle")
        self.details_button.toggled.connect(self._details_toggled)

        header = QHBoxLayout()
        header.setContentsMargins(10, 3, 4, 3)
        header.setSpacing(10)
        header.addWidget(caption)
        header.addWidget(self.badge)
        header.addWidget(self.settle_badge)
        header.addWidget(self.summary, 1)
        header.addWidget(self.details_button)

        self.rows = QWidget()
        self.rows.setObjectName("timingCheckRows")
        self.list = QScrollArea()
        self.list.setObjectName("timingCheckList")
        self.list.setWidgetResizable(True)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWidget(self.rows)
        self.list.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.list)
        self.set_check(None)

    # --- what is shown ----------------------------------------------------------------------

    @property
    def details_shown(self) -> bool:
        return self.list.isVisibleTo(self)

    def set_compact(self, compact: bool) -> None:
        """On a short window, keep the list closed unless the official opens it."""
        if compact != self._compact:
            self._compact = compact
            self._show_details()

    @property
    def compact(self) -> bool:
        return self._compact

    def reset_details(self) -> None:
        """Forget the official's open/closed choice (another session is shown)."""
        self._details_wanted = None

    def set_check(self, check: SessionCheck | None, problem: str = "", *,
                  deleted_laps: Mapping[str, Collection[int]] | None = None) -> None:
        """Show ``check`` (None: nothing to check, or ``problem`` said why not).

        Args:
            deleted_laps: per car, the laps deleted here (the classification's): a best lap
                of the timing system's that is one of them is offered for reinstatement.
        """
        self.check = check
        self._deleted = deleted_laps or {}
        if check is None:
            self._set_state("unchecked", "–  NOT CHECKED",
                            problem or "No session to compare with the timing system")
            self.summary.setToolTip(self.summary.text())
            self.settle_badge.hide()
            self._build_rows(None)
            self._show_details()
            return
        differences = check.reconciliation.differences
        notes: tuple[str, ...] = check.reconciliation.notes
        if not check.has_file:
            state, word = "unchecked", "–  NOT CHECKED"
            text = "No results file from the timing system loaded"
            notes = ("Load its results file (03_ Results, or 05_ Results by class) beside the "
                     "time cards to compare",)
        elif differences:
            state, word = "differs", f"⚠  {_plural(len(differences), 'DIFFERENCE')}"
            text = check.reconciliation.summary
            text = text[:1].upper() + text[1:]
        else:
            state, word = "agrees", "✓  AGREES"
            text = "Agrees with the timing system's results file"
        unsettled = check.no_crossing
        if unsettled:
            cars = ", ".join(c.car for c in unsettled)
            text += f"  ·  {_plural(len(unsettled), 'car')} never crossed the line"
            self.settle_badge.setText(f"⚠  {len(unsettled)} TO SETTLE")
            self.settle_badge.setToolTip(f"Cars on the grid that never crossed the line ({cars}): "
                                         "an official settles each as DNS or DNF")
        self.settle_badge.setVisible(bool(unsettled))
        self._set_state(state, word, text)
        self.summary.setToolTip("\n".join([text, *(f"•  {n}" for n in notes)]))
        self._build_rows(check)
        self._show_details()

    def _set_state(self, state: str, word: str, text: str) -> None:
        self.state = state
        self.badge.setText(word)
        set_style_property(self.badge, "state", state)
        set_style_property(self, "state", "differs" if state == "differs" else "")
        self.summary.setText(text)

    def _has_rows(self) -> bool:
        check = self.check
        return check is not None and bool(
            check.reconciliation.differences or check.no_crossing or check.reconciliation.notes)

    def _show_details(self) -> None:
        has_rows = self._has_rows()
        check = self.check
        work = check is not None and bool(check.reconciliation.differences or check.no_crossing)
        wanted = self._details_wanted if self._details_wanted is not None else (
            work and not self._compact)
        shown = has_rows and wanted
        self.details_button.setVisible(has_rows)
        self.details_button.blockSignals(True)
        self.details_button.setChecked(shown)
        self.details_button.blockSignals(False)
        count = 0 if check is None else len(check.reconciliation.differences) + len(
            check.no_crossing)
        self.details_button.setText("Hide details" if shown else
                                    f"Details ({count})" if count else "Details")
        self.list.setVisible(shown)

    def _details_toggled(self, shown: bool) -> None:
        self._details_wanted = shown
        self._show_details()

    # --- the list ----------------------------------------------------------------------------

    def _build_rows(self, check: SessionCheck | None) -> None:
        old = self.list.takeWidget()
        if old is not None:
            old.deleteLater()
        self.action_buttons = []
        self.rows = QWidget()
        self.rows.setObjectName("timingCheckRows")
        grid = QGridLayout(self.rows)
        grid.setContentsMargins(10, 4, 10, 4)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        for column, title in enumerate(COLUMNS):
            heading = QLabel(title)
            heading.setObjectName("timingCheckHeading")
            grid.addWidget(heading, 0, column)
        # The cause takes the width left (a long one ends in "…"); the actions keep theirs.
        grid.setColumnStretch(4, 1)
        row = 1
        if check is not None:
            suggested = {p.car: p.seconds for p in check.reconciliation.suggested_penalties}
            differences = check.reconciliation.differences
            for difference in differences[:MAX_ROWS]:
                actions = []
                seconds = suggested.get(difference.car)
                if difference.field == "total_time" and seconds:
                    actions.append(self._action(
                        f"Record +{seconds} s for car {difference.car}…",
                        f"Open the penalty dialog with +{seconds} s for car {difference.car}: "
                        "nothing is recorded until an official confirms it with the reason",
                        lambda _c=False, car=difference.car, s=seconds:
                            self.penalty_requested.emit(car, s)))
                lap = self._reinstatable(difference)
                if lap is not None:
                    actions.append(self._action(
                        f"Reinstate lap {lap} for car {difference.car}…",
                        f"Open the penalty dialog to reinstate lap {lap}, the best lap the "
                        "timing system counts: nothing is recorded until an official "
                        "confirms it with the reason",
                        lambda _c=False, car=difference.car, n=lap:
                            self.reinstate_requested.emit(car, n)))
                self._add_row(grid, row, difference.car,
                              FIELD_NAMES.get(difference.field, difference.field),
                              shown_value(difference.field, difference.ours),
                              shown_value(difference.field, difference.theirs),
                              difference.cause, actions)
                row += 1
            if len(differences) > MAX_ROWS:
                more = QLabel(f"… and {len(differences) - MAX_ROWS} more: "
                              "paddock results check lists them all")
                more.setObjectName("mutedText")
                grid.addWidget(more, row, 0, 1, len(COLUMNS))
                row += 1
            for car in check.no_crossing:
                actions = [
                    self._action("DNS…", f"Car {car.car} did not take the start (asks why)",
                                 lambda _c=False, n=car.car: self.status_requested.emit(n, "dns")),
                    self._action("DNF…", f"Car {car.car} took the start and retired before "
                                 "its first crossing (asks why)",
                                 lambda _c=False, n=car.car: self.status_requested.emit(n, "dnf")),
                ]
                self._add_row(grid, row, car.car, "Start", "no crossing", "–",
                              "DNS or DNF? Nothing says whether it started", actions)
                row += 1
            for note in check.reconciliation.notes:
                label = ElidedLabel(f"Note: {note}")
                label.setObjectName("mutedText")
                label.setToolTip(note)
                grid.addWidget(label, row, 0, 1, len(COLUMNS))
                row += 1
        grid.setRowStretch(row, 1)
        self.list.setWidget(self.rows)
        # Tab goes from Details to each action in the order shown, then on to the table.
        previous: QWidget = self.details_button
        for button in self.action_buttons:
            QWidget.setTabOrder(previous, button)
            previous = button
        self._fit_height(grid, row)

    def _reinstatable(self, difference: Any) -> int | None:
        """The timing system's best lap of the car when it is deleted here, else None."""
        if difference.field != "best_lap" or not isinstance(difference.theirs, list | tuple):
            return None
        lap = (*difference.theirs, None, None)[1]
        return lap if lap is not None and lap in self._deleted.get(difference.car, ()) \
            else None

    def _action(self, text: str, tip: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("timingCheckAction")
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        self.action_buttons.append(button)
        return button

    def _add_row(self, grid: QGridLayout, row: int, car: str, what: str, ours: str,
                 theirs: str, cause: str, actions: list[QPushButton]) -> None:
        car_label = QLabel(car)
        car_label.setObjectName("timingCheckCar")
        grid.addWidget(car_label, row, 0)
        grid.addWidget(QLabel(what), row, 1)
        grid.addWidget(QLabel(ours), row, 2)
        grid.addWidget(QLabel(theirs), row, 3)
        cause_label = ElidedLabel(cause)
        cause_label.setObjectName("timingCheckCause")
        cause_label.setToolTip(cause)
        grid.addWidget(cause_label, row, 4)
        box = QHBoxLayout()
        box.setSpacing(6)
        for button in actions:
            box.addWidget(button)
        box.addStretch(1)
        grid.addLayout(box, row, 5)

    def _fit_height(self, grid: QGridLayout, rows: int) -> None:
        """As high as the rows, up to a few: more scroll."""
        line = self.fontMetrics().height() + 6
        for button in self.action_buttons:
            button.ensurePolished()
            line = max(line, button.sizeHint().height())
        heading = self.fontMetrics().height() + 6
        margins = grid.contentsMargins()
        shown = min(max(rows - 1, 1), VISIBLE_ROWS)
        wanted = heading + shown * (line + grid.verticalSpacing()) + margins.top() \
            + margins.bottom() + 2
        if rows - 1 > VISIBLE_ROWS:
            wanted += line // 2  # half a row more: the official sees the list goes on
        self.list.setFixedHeight(wanted)
