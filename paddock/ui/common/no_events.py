"""What a page shows while the season it works on has no events yet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStackedLayout, QVBoxLayout, QWidget


def no_events_text(year: int) -> str:
    return f"The {year} season has no events yet"


class NoEventsPanel(QWidget):
    """The page's title and one calm line in place of its body: where to add the events.

    Signals:
        season_page_requested(): the official asked for the Season page.
    """

    season_page_requested = Signal()

    def __init__(self, page_title: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noEventsPanel")
        self._what = what
        self.headline = QLabel()
        self.headline.setObjectName("noEventsHeadline")
        self.headline.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel()
        self.detail.setObjectName("emptyState")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.season_button = QPushButton("Open the Season page")
        self.season_button.setObjectName("openSeasonButton")
        self.season_button.setProperty("primary", "true")
        self.season_button.setToolTip("Add the season's events (Ctrl+6)")
        self.season_button.clicked.connect(self.season_page_requested)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        if page_title:
            title = QLabel(page_title)
            title.setObjectName("pageTitle")
            layout.setContentsMargins(24, 18, 24, 18)
            layout.addWidget(title)
        else:
            # Inside a page that keeps its own title.
            layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.season_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)

    def set_year(self, year: int) -> None:
        """Say that the ``year`` season has no events, and where to add them."""
        self.say(no_events_text(year), f"Add them on the Season page (Ctrl+6): {self._what}",
                 season_button=True)

    def say(self, headline: str, detail: str, *, season_button: bool = False) -> None:
        """Another calm line (the season has events, but nothing to show yet)."""
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.season_button.setVisible(season_button)

    def text(self) -> str:
        """What the panel says, as one line."""
        return f"{self.headline.text()} — {self.detail.text()}"


class EventBody:
    """A page's body and its no-events panel, one shown at a time.

    The page lays its controls out on ``body`` (never on itself); `show_body` or
    `show_no_events` picks what is seen. The hidden body is also disabled, so no button or
    shortcut of the page acts on an event while there is none.
    """

    def __init__(self, page: QWidget, page_title: str, what: str) -> None:
        self.body = QWidget()
        self.panel = NoEventsPanel(page_title, what)
        self._stack = QStackedLayout(page)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self.body)
        self._stack.addWidget(self.panel)

    @property
    def showing_no_events(self) -> bool:
        return self._stack.currentWidget() is self.panel

    def show_body(self) -> None:
        self.body.setEnabled(True)
        self._stack.setCurrentWidget(self.body)

    def show_no_events(self, year: int) -> None:
        self.panel.set_year(year)
        self.body.setEnabled(False)
        self._stack.setCurrentWidget(self.panel)
