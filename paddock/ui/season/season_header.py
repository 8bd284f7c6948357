"""The header above every page: the season, and the event the officials are working on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from paddock.services.season import EventView, SeasonOverview


class SeasonHeader(QFrame):
    """Shows the season and lets the user pick the season and the current event.

    Signals:
        event_changed(int): the number of the event now selected.
        events_gone(): the season shown has no events (another season was chosen, or its
            last event deleted): no event is selected any more.
        season_picked(int): the user chose another season (the window switches to it).
    """

    event_changed = Signal(int)
    events_gone = Signal()
    season_picked = Signal(int)

    def __init__(self, overview: SeasonOverview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("seasonHeader")
        self._events: tuple[EventView, ...] = ()
        self._year = overview.year

        self.title = QLabel()
        self.title.setObjectName("seasonTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("seasonSubtitle")

        season_caption = QLabel("SEASON")
        season_caption.setObjectName("headerCaption")
        self.season_combo = QComboBox()
        self.season_combo.setObjectName("seasonCombo")
        self.season_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.season_combo.setToolTip("The season this window shows (the desks' current "
                                     "season is marked)")
        self.season_combo.addItem(str(overview.year), overview.year)
        self.season_combo.activated.connect(self._season_activated)

        caption = QLabel("EVENT")
        caption.setObjectName("headerCaption")
        self.event_combo = QComboBox()
        self.event_combo.setObjectName("eventCombo")
        self.event_combo.setMinimumWidth(260)
        self.event_combo.setPlaceholderText("No events yet")
        self.event_details = QLabel()
        self.event_details.setObjectName("eventDetails")
        self.event_combo.currentIndexChanged.connect(self._selected)

        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(self.title)
        left.addWidget(self.subtitle)

        picker = QHBoxLayout()
        picker.setSpacing(8)
        picker.addWidget(season_caption)
        picker.addWidget(self.season_combo)
        picker.addSpacing(12)
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
        self.set_overview(overview)

    def set_overview(self, overview: SeasonOverview) -> None:
        """Show ``overview`` (another season, or this one changed): the selected event
        stays selected while the season has it; `event_changed` is emitted only when the
        selection changes."""
        before = self.current_event()
        same_season = overview.year == self._year
        self._year = overview.year
        # The season's name may already carry its year ("... North America 2021").
        self.title.setText(overview.name if str(overview.year) in overview.name else (
            f"{overview.year} {overview.name}"))
        events = tuple(overview.events)
        rounds = sum(len([s for s in e.sessions if s.upper().startswith("R")])
                     for e in events if not e.cancelled)
        subtitle = f"{len(events)} events"
        cancelled = sum(1 for e in events if e.cancelled)
        if cancelled:
            subtitle += f" ({cancelled} cancelled)"
        if rounds:
            subtitle += f" · {rounds} races"
        self.subtitle.setText(subtitle)
        self._events = events
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for event in events:
            label = f"{event.number}.  {event.name}" + ("  (cancelled)" if event.cancelled
                                                       else "")
            self.event_combo.addItem(label, event.number)
        index = self.event_combo.findData(before) if before is not None and same_season else -1
        self.event_combo.setCurrentIndex(max(index, 0) if events else -1)
        self.event_combo.setEnabled(bool(events))
        self.event_combo.setToolTip("" if events else
                                    "Add the season's events on the Season page (Ctrl+6)")
        self.event_combo.blockSignals(False)
        self._show_details(self.event_combo.currentIndex())
        after = self.current_event()
        if after is not None and (after != before or not same_season):
            self.event_changed.emit(after)
        elif after is None and before is not None:
            self.events_gone.emit()

    def set_seasons(self, seasons: list[tuple[int, bool]]) -> None:
        """The seasons to choose from, as (year, current); the shown one stays selected."""
        self.season_combo.blockSignals(True)
        self.season_combo.clear()
        for year, current in seasons:
            self.season_combo.addItem(f"{year}  (current)" if current else str(year), year)
        self.season_combo.setCurrentIndex(max(self.season_combo.findData(self._year), 0))
        self.season_combo.blockSignals(False)

    def shown_year(self) -> int:
        return self._year

    def _season_activated(self, index: int) -> None:
        year = self.season_combo.itemData(index)
        if year is not None and int(year) != self._year:
            self.season_picked.emit(int(year))

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

    def _show_details(self, index: int) -> EventView | None:
        if not 0 <= index < len(self._events):
            self.event_details.setText("" if self._events else
                                       "Add the events on the Season page (Ctrl+6)")
            return None
        event = self._events[index]
        details = [part for part in (event.venue, event.dates_text) if part]
        if event.cancelled:
            details.append(f"CANCELLED: {event.cancelled_reason}")
        self.event_details.setText("  ·  ".join(details) or "Venue and dates to be announced")
        self.event_combo.setToolTip(f"{event.name} ({event.short_name})")
        return event

    def _selected(self, index: int) -> None:
        event = self._show_details(index)
        if event is not None:
            self.event_changed.emit(event.number)
