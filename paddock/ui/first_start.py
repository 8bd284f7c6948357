"""The first start (no database yet): the demo season, or a new season of one's own.

Nothing is created until the official chooses: closing the dialog leaves no file behind.
The demo season is marked everywhere (`DemoBanner` here, "DEMO — fictional data" on
every document), and `paddock --demo` shows it without touching the real database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

#: Shown in the banner of a demo season's window (the documents print the same words).
DEMO_BANNER = "DEMO — fictional data"
FIRST_YEAR, LAST_YEAR = 2021, 2100


@dataclass(frozen=True)
class FirstStartChoice:
    """What the official chose: the demo, or a new season of ``year``."""

    demo: bool
    year: int | None = None


class FirstStartDialog(QDialog):
    """Asks, on the first start, for the demo season or a new season (its year).

    ``choice`` holds the answer once accepted; a rejected dialog has none.
    """

    def __init__(self, where: str, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.setWindowTitle("Welcome to Paddock")
        self.choice: FirstStartChoice | None = None

        intro = QLabel(
            "<b>There is no Paddock database yet.</b><br>"
            f"It will be made at <code>{where}</code>.")
        intro.setObjectName("firstStartIntro")
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.demo_button = QCommandLinkButton(
            "Open the demo season",
            "The 2021 calendar with a fictional field of 32 cars and the first weekends "
            "run: try every page. Marked DEMO everywhere; clear it later in one step.")
        self.demo_button.setObjectName("firstStartDemo")
        self.demo_button.clicked.connect(self._choose_demo)

        self.year_box = QSpinBox()
        self.year_box.setObjectName("firstStartYear")
        self.year_box.setRange(FIRST_YEAR, LAST_YEAR)
        self.year_box.setValue(max(FIRST_YEAR, min(LAST_YEAR, (today or date.today()).year)))
        self.year_box.setAccessibleName("Year of the new season")
        self.new_button = QCommandLinkButton(
            "Start a new season",
            "An empty season of the year below, from the series' default classes and cars: "
            "then set up the calendar and import the entry list.")
        self.new_button.setObjectName("firstStartNew")
        self.new_button.clicked.connect(self._choose_new)
        year_row = QHBoxLayout()
        year_row.setContentsMargins(40, 0, 0, 0)
        label = QLabel("Season:")
        label.setBuddy(self.year_box)
        year_row.addWidget(label)
        year_row.addWidget(self.year_box)
        year_row.addStretch(1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.new_button)
        layout.addLayout(year_row)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _choose_demo(self) -> None:
        self.choice = FirstStartChoice(demo=True)
        self.accept()

    def _choose_new(self) -> None:
        self.choice = FirstStartChoice(demo=False, year=self.year_box.value())
        self.accept()


class DemoBanner(QFrame):
    """The banner over a demo season's pages: what it is, and a way out of it.

    Signals:
        clear_requested(): "Clear the demo…" was clicked (the window asks to confirm).
    """

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        # One slim line: the pages below keep their room (a 1366×768 laptop).
        self.setStyleSheet(
            "#demoBanner { background: #f2b705; } "
            "#demoBanner QLabel { color: #1b1b1b; font-weight: 700; } "
            "#demoBanner QPushButton { padding: 0 6px; min-height: 0; border: none; "
            "background: transparent; color: #1b1b1b; text-decoration: underline; }")
        self.label = QLabel(f"{DEMO_BANNER} · a made-up field, not a real season")
        self.label.setObjectName("demoBannerText")
        self.label.setWordWrap(True)
        self.clear_button = QPushButton("Clear the demo…")
        self.clear_button.setFlat(True)
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.setObjectName("demoClearButton")
        self.clear_button.setToolTip("Remove the demo's entries, tyres and results, keeping "
                                     "the calendar, to enter the real season")
        self.clear_button.clicked.connect(self.clear_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 1, 12, 1)
        row.addWidget(self.label, 1)
        row.addWidget(self.clear_button)
