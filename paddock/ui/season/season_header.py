"""The header above every page: the season, and the event the officials are working on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from paddock.services.season import EventView, SeasonOverview


class SeasonHeader(QFrame):
    """Shows the season and lets the user pick the current event.

    Signals:
        event_changed(int): the number of the event now selected.
    """

    event_changed = Signal(int)

    def __init__(self, overview: SeasonOverview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seasonHeader")
        self._events: tuple[EventView, ...] = tuple(overview.events)

        # The season's name may already carry its year ("... North America 2021").
        title = overview.name if str(overview.year) in overview.name else (
            f"{overview.year} {overview.name}")
        self.title = QLabel(title)
        self.title.setObjectName("seasonTitle")
        rounds = sum(len([s for s in e.sessions if s.upper().startswith("R")])
                     for e in self._events)
        subtitle = f"{len(self._events)} events"
        if rounds:
            subtitle += f" · {rounds} races"
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("seasonSubtitle")

        caption = QLabel("EVENT")
        caption.setObjectName("headerCaption")
        self.event_combo = QComboBox()
        self.event_combo.setObjectName("eventCombo")
        self.event_combo.setMinimumWidth(260)
        for event in self._events:
            self.event_combo.addItem(f"{event.number}.  {event.name}", event.number)
        self.event_details = QLabel()
        self.event_details.setObjectName("eventDetails")
        self.event_combo.currentIndexChanged.connect(self._selected)

        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(self.title)
        left.addWidget(self.subtitle)

        picker = QHBoxLayout()
        picker.setSpacing(8)
        picker.addWidget(caption)
        picker.addWidget(self.event_combo)
        right = QVBoxLayout()
        right.setSpacing(2)
        right.addLayout(picker)
        right.addWidget(self.event_details, 0, Qt.AlignmentFlag.AlignRight)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 10)
        layout.addLayout(left)
        layout.addStretch(1)
        layout.addLayout(right)
        self._selected(self.event_combo.currentIndex())

    def current_event(self) -> int | None:
        """The number of the selected event, or None when the season has none."""
        number = self.event_combo.currentData()
        return int(number) if number is not None else None

    def select_event(self, number: int) -> bool:
        """Select the event numbered ``number``; False when there is no such event."""
        index = self.event_combo.findData(number)
        if index < 0:
            return False
        self.event_combo.setCurrentIndex(index)
        return True

    def _selected(self, index: int) -> None:
        if not 0 <= index < len(self._events):
            self.event_details.setText("")
            return
        event = self._events[index]
        details = [part for part in (event.venue, event.dates_text) if part]
        self.event_details.setText("  ·  ".join(details) or "Venue and dates to be announced")
        self.event_combo.setToolTip(f"{event.name} ({event.short_name})")
        self.event_changed.emit(event.number)
