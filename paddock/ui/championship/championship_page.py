"""The Championship page: driver and team standings per class, and the Junior table.

One class at a time (or the Junior table, across the classes): the drivers with their
points, wins, podiums and points round by round, then the class's teams. Under the tables
the page says which classification of each race the standings were computed from, and
marks the provisional ones. A result a class's drop rule takes out of the total shows in
brackets, greyed. "Points scale…" edits the season's scale, bonuses and drop rounds
(`PointsScaleDialog`). The standings PDF is made on the pool, then saved or printed with
the Documents page's routines.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError
from paddock.services.season import season_overview
from paddock.services.standings import StandingsView, drop_rule_text, season_standings
from paddock.ui.championship.championship_models import (
    DRIVER_COLUMNS,
    JUNIOR_COLUMNS,
    PROVISIONAL_MARK,
    TEAM_COLUMNS,
    StandingsModel,
)
from paddock.ui.championship.points_scale_dialog import PointsScaleDialog
from paddock.ui.common import theme
from paddock.ui.common.no_events import NoEventsPanel
from paddock.ui.common.tables import configure_table
from paddock.ui.documents.documents_catalogue import (
    DocumentChoice,
    DocumentKind,
    file_name,
    on_own_connection,
    render_document,
)
from paddock.ui.documents.documents_output import PdfOutput
from paddock.ui.documents.documents_style import documents_style_sheet
from paddock.ui.workers import TaskRunner

if TYPE_CHECKING:
    from paddock.services.database import Database

log = logging.getLogger(__name__)

#: The Junior table's name in the class switch.
JUNIOR = "Junior"

STANDINGS = DocumentChoice(DocumentKind.STANDINGS, "Championship standings", "Season", None,
                           "standings")


def make_standings_pdf(db_path: Path | str | None, class_name: str | None) -> bytes:
    """The standings PDF, one class or all (runs on the pool)."""
    return on_own_connection(db_path, lambda db: render_document(db, STANDINGS, class_name))


class ChampionshipPage(QWidget):
    """Standings of the current season, one class (or the Junior table) at a time.

    Args:
        db: the open database (read on the main thread only).
        runner: makes the PDF off the UI thread (default: a runner of the page's own).

    Signals:
        status(str): a line for the window's status bar.
        season_page_requested(): the season has no events and the official asked for the
            Season page to add them.
    """

    status = Signal(str)
    season_page_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.runner = runner if runner is not None else TaskRunner(parent=self)
        self._view: StandingsView | None = None
        self._has_events = True
        self._class: str | None = None
        self._making = False
        self._stale = True
        self.setObjectName("championshipPage")
        self.setStyleSheet(documents_style_sheet())
        self.output = PdfOutput(self.runner, self, db_path=self._db.path)
        self.output.status.connect(self.status)
        self.output.printed.connect(lambda _pages: self._update_actions())
        self._build()
        self.refresh()

    # --- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel("Championship")
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSummary")
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.summary)

        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("standingsBusy")
        self.busy_bar.setRange(0, 0)  # no known length: a moving busy indicator
        self.busy_bar.setMaximumWidth(110)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.print_button = QPushButton("Print…")
        self.print_button.setObjectName("printButton")
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.clicked.connect(lambda: self.print_standings())
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setObjectName("savePdfButton")
        self.save_button.setProperty("primary", "true")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.scale_button = QPushButton("Points scale…")
        self.scale_button.setObjectName("pointsScaleButton")
        self.scale_button.setToolTip("Points per class position, pole and fastest-lap "
                                     "bonuses, and each class's drop rounds")
        self.scale_button.clicked.connect(lambda: self.edit_points_scale())
        top = QHBoxLayout()
        top.addLayout(heading)
        top.addStretch(1)
        top.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.scale_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.class_group = QButtonGroup(self)
        self.class_group.setExclusive(True)
        self.class_buttons: dict[str, QPushButton] = {}
        self.class_row = QHBoxLayout()
        self.class_row.setSpacing(0)
        self.scale_label = QLabel()
        self.scale_label.setObjectName("mutedText")
        # A class's drop rule and the "(12) = dropped" key make the line longer than the
        # space beside the class switch on a 1366-pixel screen: it wraps rather than cut
        # the key off and squeeze the class buttons.
        self.scale_label.setWordWrap(True)
        switch_row = QHBoxLayout()
        switch_row.addLayout(self.class_row)
        switch_row.addSpacing(16)
        switch_row.addWidget(self.scale_label, 1)

        self.driver_title = QLabel("Drivers")
        self.driver_title.setObjectName("sectionTitle")
        self.driver_model = StandingsModel(DRIVER_COLUMNS, self)
        self.driver_table = self._table("driverStandings", self.driver_model)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        drivers = QWidget()
        drivers_layout = QVBoxLayout(drivers)
        drivers_layout.setContentsMargins(0, 0, 0, 0)
        drivers_layout.setSpacing(6)
        drivers_layout.addWidget(self.driver_title)
        drivers_layout.addWidget(self.driver_table, 1)
        drivers_layout.addWidget(self.empty_label, 1)

        self.team_title = QLabel("Teams")
        self.team_title.setObjectName("sectionTitle")
        self.team_model = StandingsModel(TEAM_COLUMNS, self)
        self.team_table = self._table("teamStandings", self.team_model)
        self.team_note = QLabel()
        self.team_note.setObjectName("mutedText")
        self.team_note.setWordWrap(True)
        self.teams_box = QWidget()
        teams_layout = QVBoxLayout(self.teams_box)
        teams_layout.setContentsMargins(0, 6, 0, 0)
        teams_layout.setSpacing(6)
        teams_layout.addWidget(self.team_title)
        teams_layout.addWidget(self.team_table, 1)
        teams_layout.addWidget(self.team_note)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(drivers)
        self.splitter.addWidget(self.teams_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.computed_from = QLabel()
        self.computed_from.setObjectName("computedFrom")
        self.computed_from.setWordWrap(True)
        self.computed_from.setTextFormat(Qt.TextFormat.RichText)
        self.computed_from.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)

        # Before the first race the tables would be empty: one calm line stands instead.
        self.standings_area = QWidget()
        area = QVBoxLayout(self.standings_area)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(10)
        area.addLayout(switch_row)
        area.addWidget(self.splitter, 1)
        area.addWidget(self.computed_from)
        self.no_races = NoEventsPanel("", "the standings start with the first race "
                                      "loaded on the Results page.")
        self.no_races.setObjectName("noRacesPanel")
        self.no_races.season_page_requested.connect(self.season_page_requested)
        self.no_races.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.standings_area, 1)
        layout.addWidget(self.no_races, 1)

    def _table(self, name: str, model: StandingsModel) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        configure_table(table, self.fontMetrics().height() + 10, min_section=30)
        table.viewport().installEventFilter(self)
        return table

    # --- reading --------------------------------------------------------------------

    @property
    def standings(self) -> StandingsView | None:
        """The standings shown, as the services computed them."""
        return self._view

    def current_class(self) -> str | None:
        """The class shown, or `JUNIOR` for the Junior table."""
        return self._class

    def refresh(self) -> None:
        """Compute the standings again (a result changed) and show the same class.

        A hidden page only notes that it is out of date, and catches up when shown.
        """
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        try:
            self._view = season_standings(self._db)
            self._has_events = bool(season_overview(self._db).events)
        except PaddockError as exc:
            log.warning("Championship page: %s", exc.message)
            self._view = None
        names = [table.class_name for table in self._view.classes] if self._view else []
        self._set_class_buttons([*names, JUNIOR] if names else [])
        if self._class not in self.class_buttons:
            self._class = names[0] if names else None
        self.set_class(self._class)

    def _set_class_buttons(self, names: Sequence[str]) -> None:
        if list(self.class_buttons) == list(names):
            return
        for button in self.class_buttons.values():
            self.class_group.removeButton(button)
            self.class_row.removeWidget(button)
            button.deleteLater()
        self.class_buttons = {}
        for name in names:
            button = QPushButton(name)
            button.setObjectName("switchButton")
            button.setCheckable(True)
            button.setToolTip("Porsche Junior drivers of every class" if name == JUNIOR
                              else f"The {name} class")
            button.clicked.connect(lambda _checked=False, n=name: self.set_class(n))
            self.class_group.addButton(button)
            self.class_row.addWidget(button)
            self.class_buttons[name] = button

    def set_class(self, name: str | None) -> None:
        """Show class ``name``'s tables, or the Junior table for `JUNIOR`."""
        self._class = name if name in self.class_buttons else None
        if self._class is not None:
            self.class_buttons[self._class].setChecked(True)
        view = self._view
        sources = view.sources if view is not None else ()
        if view is None or self._class is None:
            self.driver_model.set_rows((), ())
            self.team_model.set_rows((), ())
        elif self._class == JUNIOR:
            self.driver_model.set_rows(view.juniors, sources, JUNIOR_COLUMNS)
            self.team_model.set_rows((), ())
        else:
            table = view.table(self._class)
            self.driver_model.set_rows(table.drivers, sources, DRIVER_COLUMNS)
            self.team_model.set_rows(table.teams, sources)
        self._size_columns(self.driver_table, self.driver_model)
        self._size_columns(self.team_table, self.team_model)
        self._update_texts()
        self._update_actions()

    def _size_columns(self, table: QTableView, model: StandingsModel) -> None:
        """Fit each column to its contents once per refresh; the team takes what is left."""
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        bold = QFont(header.font())
        bold.setBold(True)
        titles = QFontMetrics(bold)
        body = QFontMetrics(table.font())
        round_width = max(titles.horizontalAdvance("CTMP R2*"),
                          body.horizontalAdvance("(25)")) + 20
        natural: dict[int, int] = {}
        for index in range(model.columnCount()):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
            if index >= model.fixed_columns:
                width = round_width
            else:
                title = str(model.headerData(index, Qt.Orientation.Horizontal) or "")
                width = max(table.sizeHintForColumn(index), titles.horizontalAdvance(title) + 16)
                if model.columns[index].key in ("driver", "team"):
                    width = min(max(width, 150) + 12, 320)
            header.resizeSection(index, width)
            natural[index] = width
        table.setProperty("naturalWidths", natural)
        self._fill_width(table, model)

    def _fill_width(self, table: QTableView, model: StandingsModel) -> None:
        """Give the team column the room the other columns leave, never less than it needs."""
        index = model.column_of("team")
        natural = table.property("naturalWidths")
        if index is None or not isinstance(natural, dict) or index not in natural:
            return
        header = table.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(model.columnCount()) if i != index)
        header.resizeSection(index, max(natural[index], table.viewport().width() - others))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            for table, model in ((self.driver_table, self.driver_model),
                                 (self.team_table, self.team_model)):
                if watched is table.viewport():
                    self._fill_width(table, model)
        return super().eventFilter(watched, event)

    def _update_texts(self) -> None:
        view = self._view
        if view is None:
            self.summary.setText("The standings cannot be read just now")
            self.computed_from.setText("")
            self.empty_label.setText("")
            self.scale_label.setText("")
            return
        sources = view.sources
        after = (f"after round {max(s.round for s in sources)}" if sources
                 else "before the first race")
        counted = f"{len(sources)} race{'s' if len(sources) != 1 else ''} counted"
        self.summary.setText(f"{view.season_year} season  ·  {after}  ·  {counted}")
        scale = view.scale
        points = "-".join(str(p) for p in scale.positions)
        bonus = []
        if scale.pole_bonus:
            bonus.append(f"class pole +{scale.pole_bonus}")
        if scale.fastest_lap_bonus:
            bonus.append(f"class fastest lap +{scale.fastest_lap_bonus}")
        drop = ""
        if self._class not in (None, JUNIOR):
            rule = drop_rule_text(view.table(self._class).drop)
            drop = f"  ·  {self._class}: {rule}  ·  (12) = dropped" if rule else ""
        self.scale_label.setText(f"Points by class position: {points}"
                                 + (f"  ·  {', '.join(bonus)}" if bonus else "") + drop)
        self.computed_from.setText(self._sources_html(view))

        junior = self._class == JUNIOR
        self.driver_title.setText("Porsche Junior drivers (all classes)" if junior
                                  else f"{self._class} — Drivers")
        self.team_title.setText(f"{self._class} — Teams")
        self.teams_box.setVisible(not junior and bool(sources))
        no_teams = self.team_model.rowCount() == 0
        self.team_table.setVisible(not no_teams)
        self.team_note.setVisible(no_teams)
        self.team_note.setText("No team scores in this class yet.")
        self._show_no_races(view)
        empty = self.driver_model.rowCount() == 0
        self.driver_table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if not sources:
            self.empty_label.setText("No race results yet.\n\nThe standings start with the "
                                     "first race loaded on the Results page.")
        else:
            self.empty_label.setText(f"No {self._class} driver has raced yet.")

    def _show_no_races(self, view: StandingsView) -> None:
        """The standings, or (no race counted yet) what the season is waiting for."""
        if view.sources:
            self.no_races.hide()
            self.standings_area.show()
            return
        if self._has_events:
            self.no_races.say(f"No race of the {view.season_year} season has results yet",
                              "The standings start with the first race loaded on the "
                              "Results page.")
        else:
            self.no_races.set_year(view.season_year)
        self.standings_area.hide()
        self.no_races.show()

    @staticmethod
    def _sources_html(view: StandingsView) -> str:
        if not view.sources:
            return "<b>Computed from:</b> no race yet."
        parts = []
        for source in view.sources:
            where = html.escape(f"R{source.round} {source.event_name} {source.session_name}")
            if source.official:
                parts.append(f"{where} <span style='color:{theme.OK_TEXT}'>official rev "
                             f"{source.revision}</span>")
            else:
                parts.append(f"{where}{PROVISIONAL_MARK} <b style='color:{theme.PROBLEM_TEXT}'>"
                             "PROVISIONAL</b>")
        text = "<b>Computed from:</b> " + "  ·  ".join(parts)
        if view.provisional:
            text += (f"<br><span style='color:{theme.TEXT_MUTED}'>{PROVISIONAL_MARK} Provisional "
                     "races may still change: these standings are provisional too.</span>")
        return text

    def points_scale_dialog(self) -> PointsScaleDialog:
        """The dialog editing the shown season's points scale (not yet opened)."""
        year = self._view.season_year if self._view is not None else None
        return PointsScaleDialog(self._db, year=year, parent=self)

    def edit_points_scale(self, dialog: PointsScaleDialog | None = None) -> bool:
        """Ask for the season's points scale; on save, show the standings it gives.

        Return:
            Whether a new scale was saved.
        """
        try:
            dialog = dialog if dialog is not None else self.points_scale_dialog()
        except PaddockError as exc:
            QMessageBox.warning(self, "Points scale", exc.message)
            return False
        if dialog.exec() != PointsScaleDialog.DialogCode.Accepted:
            return False
        self.status.emit("Points scale saved: standings recomputed")
        self.refresh()
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- save and print -------------------------------------------------------------

    def _pdf_class(self) -> str | None:
        """The class the PDF is made for: the Junior table is not in the PDF, so all."""
        return None if self._class in (None, JUNIOR) else self._class

    def _what(self) -> str:
        name = self._pdf_class()
        return "championship standings" + (f" ({name})" if name else "")

    def _update_actions(self) -> None:
        ready = bool(self._view and self._view.sources) and not self._making
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready and not self.output.printing)
        self.busy_bar.setVisible(self._making or self.output.printing)
        tip = ("The PDF holds every class's drivers and teams (it has no Junior table yet)"
               if self._class == JUNIOR else f"The {self._class} standings as a PDF")
        self.save_button.setToolTip(f"{tip} (Ctrl+S)")
        self.print_button.setToolTip(f"{tip} (Ctrl+P)")

    def save_pdf(self, target: Path | None = None) -> bool:
        """Make the standings PDF on the pool, then save it (ask where unless given).

        Return:
            Whether the PDF is being made; `PdfOutput.saved` tells when it is written.
        """
        name = self._pdf_class()
        return self._make(lambda pdf: self.output.save(
            pdf, file_name(STANDINGS, name), self._what(), target))

    def print_standings(self, printer: QPrinter | None = None) -> bool:
        """Make the standings PDF on the pool, then print it (ask for the printer unless
        given); `PdfOutput.printed` tells when it is done."""
        return self._make(lambda pdf: self.output.print(pdf, self._what(), printer))

    def _make(self, then: Callable[[bytes], object]) -> bool:
        if self._making or not (self._view and self._view.sources):
            return False
        self._making = True
        self._update_actions()
        self.status.emit(f"Making the {self._what()} PDF…")
        db_path, class_name = self._db.location, self._pdf_class()

        def made(pdf: bytes) -> None:
            self._making = False
            self._update_actions()
            then(pdf)
            self._update_actions()

        self.runner.run(lambda: make_standings_pdf(db_path, class_name),
                        on_success=made, on_failure=self._failed)
        return True

    def _failed(self, error: BaseException) -> None:
        self._making = False
        self._update_actions()
        if isinstance(error, PaddockError):
            message = error.message
        else:
            log.error("Standings PDF failed", exc_info=error)
            message = repr(error)
        self.status.emit("Standings PDF not made")
        QMessageBox.warning(self, "Championship standings", f"The PDF was not made: {message}")
