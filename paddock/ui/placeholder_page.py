"""Pages for the areas still to come: they say what each will do, and offer nothing fake."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget


@dataclass(frozen=True)
class PlannedArea:
    """What an area of the app is for and what it will offer."""

    title: str
    purpose: str
    planned: tuple[str, ...]


TYRES = PlannedArea(
    "Tyres",
    "Tyre barcodes registered to each car for each event, and checks at scrutineering.",
    (
        "Register slick and wet tyre barcodes to a car for the selected event",
        "Check a barcode at any time: registered to this car, another car, or scrapped",
        "Quotas per event (8 new slicks by default), carry-over and replacements",
        "Tyre allocation report for the stewards",
    ),
)
RESULTS = PlannedArea(
    "Results",
    "Timing files in, classifications and grids out.",
    (
        "Import Al Kamel results and time cards for each session",
        "Classification by class, with penalties and deleted lap times",
        "Race 1 and race 2 starting grids from qualifying",
        "Publish results: provisional, then official, then revisions with a reason",
    ),
)
DOCUMENTS = PlannedArea(
    "Documents",
    "The official documents of the event, ready to print or to send.",
    (
        "Starting grids, classifications and results by class",
        "The event pack: every document of the weekend in one PDF",
    ),
)
CHAMPIONSHIP = PlannedArea(
    "Championship",
    "Driver and team standings in each class.",
    (
        "Points per class and per race (25, 20, 17 … for positions 1 to 15)",
        "Team standings: full-season entries with the current car",
        "Ties broken by count-back",
    ),
)


class PlaceholderPage(QWidget):
    """An area still to be built: its purpose, what is planned, and any real actions.

    Args:
        area: what the area is for.
        actions: actions that already work for this area (shown as buttons).
    """

    def __init__(
        self, area: PlannedArea, actions: Sequence[QAction] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.area = area
        self.setObjectName(f"{area.title.lower()}Page")

        title = QLabel(area.title)
        title.setObjectName("pageTitle")
        purpose = QLabel(area.purpose)
        purpose.setObjectName("pageSummary")
        purpose.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(purpose)

        if actions:
            available = QFrame()
            available.setObjectName("placeholderCard")
            box = QVBoxLayout(available)
            box.setContentsMargins(16, 14, 16, 16)
            heading = QLabel("Available now")
            heading.setObjectName("placeholderHeading")
            box.addWidget(heading)
            for action in actions:
                button = QPushButton(action.text().replace("&", ""))
                button.setToolTip(action.toolTip())
                button.clicked.connect(action.trigger)
                button.setEnabled(action.isEnabled())
                action.enabledChanged.connect(button.setEnabled)
                box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(available)

        card = QFrame()
        card.setObjectName("placeholderCard")
        box = QVBoxLayout(card)
        box.setContentsMargins(16, 14, 16, 16)
        box.setSpacing(6)
        heading = QLabel("Coming in a later version")
        heading.setObjectName("placeholderHeading")
        box.addWidget(heading)
        self.planned_label = QLabel("\n".join(f"•  {item}" for item in area.planned))
        self.planned_label.setObjectName("mutedText")
        self.planned_label.setWordWrap(True)
        self.planned_label.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.planned_label)
        layout.addWidget(card)
        layout.addStretch(1)
