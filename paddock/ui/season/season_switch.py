"""Which season the window shows: the header's season switcher, and keeping it current.

The window starts on the season marked current (or the one `paddock --season YEAR`
chose). Picking another season in the header chooses it for this window's context, so
every service the window and its workers call sees that season; the choice is undone when
the window closes.
"""

from __future__ import annotations

from contextvars import Token
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from paddock.errors import PaddockError
from paddock.services.calendar import list_seasons
from paddock.services.season import choose_season, restore_choice, season_overview
from paddock.ui.season.season_header import SeasonHeader

if TYPE_CHECKING:
    from paddock.services.database import Database


class SeasonSwitch(QObject):
    """Keeps the header's seasons and events in step with the database.

    Signals:
        switched(int): the window now shows this season (the pages reload).
        refused(str): the season could not be shown (why).
    """

    switched = Signal(int)
    refused = Signal(str)

    def __init__(self, db: Database, header: SeasonHeader,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._header = header
        self._token: Token[int | None] | None = None
        header.season_picked.connect(self.switch_to)
        self.refresh()

    def refresh(self) -> None:
        """Read the seasons and the shown season's calendar again (another desk, or the
        Season page, changed them)."""
        self._header.set_overview(season_overview(self._db))
        self._header.set_seasons([(s.year, s.current) for s in list_seasons(self._db)])

    def switch_to(self, year: int) -> bool:
        """Show season ``year`` in this window."""
        if year == self._header.shown_year():
            return True
        if year not in {s.year for s in list_seasons(self._db)}:
            self.refused.emit(f"there is no {year} season in this database")
            self.refresh()
            return False
        token = choose_season(year)
        if self._token is None:
            self._token = token
        try:
            self.refresh()
        except PaddockError as exc:
            self.refused.emit(exc.message)
            return False
        self.switched.emit(year)
        return True

    def release(self) -> None:
        """Undo this window's choice (it closes)."""
        if self._token is not None:
            restore_choice(self._token)
            self._token = None
