"""The Entries page: the season's entry list with filter, add, edit, delete and withdraw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError
from paddock.services import entries as entry_service
from paddock.services.entries import EntryView
from paddock.ui.common.tables import configure_table, select_source_row, selected_row
from paddock.ui.entries.entry_dialog import EntryDialog
from paddock.ui.entries.entry_models import (
    CLASS_COLUMN,
    DRIVER_COLUMN,
    ENTRY_COLUMNS,
    NUMBER_COLUMN,
    TEAM_COLUMN,
    EntryFilterProxy,
    EntryTableModel,
)
from paddock.ui.entries.withdraw_dialog import WithdrawEntryDialog

if TYPE_CHECKING:
    from paddock.services.database import Database


class EntryTableView(QTableView):
    """The entry table; Enter asks to edit the current row, Delete to delete it.

    Signals:
        edit_requested(): Enter or Return pressed, or a row double-clicked.
        delete_requested(): Delete pressed.
    """

    edit_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doubleClicked.connect(lambda _index: self.edit_requested.emit())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.edit_requested.emit()
            return
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class EntriesPage(QWidget):
    """Lists the entries and changes them through ``services.entries``.

    Signals:
        entries_changed(): an entry was added, edited or deleted here.
    """

    entries_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setObjectName("entriesPage")

        self.model = EntryTableModel(self)
        self.proxy = EntryFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel("Entries")
        title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageSummary")

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("entryFilter")
        self.filter_edit.setPlaceholderText("Filter: number, driver, team or class (Ctrl+F)")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(320)
        self.filter_edit.textChanged.connect(self._filter)
        # Type, Enter, Enter: filter, go to the first match, edit it.
        self.filter_edit.returnPressed.connect(self.focus_table)
        clear_filter = QAction("Clear filter", self.filter_edit)
        clear_filter.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear_filter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear_filter.triggered.connect(self.filter_edit.clear)
        self.filter_edit.addAction(clear_filter)

        self.add_action = QAction("&Add entry…", self)
        self.add_action.setShortcut(QKeySequence.StandardKey.New)
        self.add_action.triggered.connect(self.add_entry)
        self.edit_action = QAction("&Edit…", self)
        self.edit_action.triggered.connect(self.edit_selected)
        self.delete_action = QAction("&Delete…", self)
        self.delete_action.triggered.connect(self.delete_selected)
        self.withdraw_action = QAction("&Withdraw…", self)
        self.withdraw_action.setToolTip("Withdraw the entry from the season or an event, with "
                                        "a reason (an entry with tyres or results is kept)")
        self.withdraw_action.triggered.connect(lambda: self.withdraw_selected())
        find_action = QAction("Find", self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self._focus_filter)
        # Shortcuts live on the page: they work only while the page is shown.
        for action in (self.add_action, find_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)

        self.add_button = self._button(self.add_action, "Add entry", "Ctrl+N", primary=True)
        self.edit_button = self._button(self.edit_action, "Edit", "Enter")
        self.delete_button = self._button(self.delete_action, "Delete", "Del")
        self.withdraw_button = QPushButton("Withdraw…")
        self.withdraw_button.setObjectName("withdrawEntryButton")
        self.withdraw_button.setToolTip(self.withdraw_action.toolTip())
        self.withdraw_button.clicked.connect(self.withdraw_action.trigger)

        self.table = EntryTableView()
        self.table.setObjectName("entryTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NUMBER_COLUMN, Qt.SortOrder.AscendingOrder)
        configure_table(self.table, self.fontMetrics().height() + 10, min_section=40)
        self.table.horizontalHeader().setStretchLastSection(False)
        self._size_columns()
        self.table.edit_requested.connect(self.edit_selected)
        self.table.delete_requested.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)

        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.summary)
        top = QHBoxLayout()
        top.addLayout(heading)
        top.addStretch(1)
        top.addWidget(self.filter_edit, 0, Qt.AlignmentFlag.AlignBottom)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)

        self.refresh()

    def _size_columns(self) -> None:
        """Driver and team share the free width; the short columns fit their titles.

        Sized from the titles rather than ``ResizeToContents``, which reserves room for a
        sort arrow in every column and leaves the names too little space.
        """
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        bold = QFont(header.font())
        bold.setBold(True)
        title_metrics = QFontMetrics(bold)
        for column, spec in enumerate(ENTRY_COLUMNS):
            if column in (DRIVER_COLUMN, TEAM_COLUMN):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            sample = "Pro-Am 991" if column == CLASS_COLUMN else "991.2"
            widest = max(title_metrics.horizontalAdvance(spec.title),
                         metrics.horizontalAdvance(sample))
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, widest + 22)

    def _button(self, action: QAction, text: str, keys: str, *, primary: bool = False
                ) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(f"{action.text().replace('&', '').rstrip('…')} ({keys})")
        button.clicked.connect(action.trigger)
        if primary:
            button.setProperty("primary", "true")
        return button

    # --- state ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the entries from the services, keeping the selected entry selected."""
        selected = self.selected_entry()
        self.model.set_rows(entry_service.list_entries(self._db))
        if selected is not None:
            self.select_entry(selected.id)
        self._update_summary()
        self._update_actions()

    def selected_entry(self) -> EntryView | None:
        """The entry of the current row, or None."""
        return selected_row(self.table, self.model)

    def select_entry(self, entry_id: int) -> bool:
        """Select and show the row of ``entry_id``; False when it is filtered out or gone."""
        return select_source_row(self.table, self.model, self.model.row_of(entry_id))

    def header_state(self) -> QByteArray:
        """Column widths and sort order, for the window's settings."""
        return self.table.horizontalHeader().saveState()

    def restore_header_state(self, state: QByteArray) -> None:
        self.table.horizontalHeader().restoreState(state)

    def _filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._update_summary()
        self._update_actions()

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _update_summary(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        noun = "entry" if total == 1 else "entries"
        withdrawn = sum(1 for row in range(total) if self.model.row(row).withdrawn)
        if shown == total:
            self.summary.setText(f"{total} {noun} in the season"
                                 + (f", {withdrawn} withdrawn" if withdrawn else ""))
        else:
            self.summary.setText(f"{shown} of {total} {noun} shown")
        if total == 0:
            self.empty_label.setText(
                "No entries yet.\n\nAdd one with “Add entry” (Ctrl+N), or import an entry "
                "list with File ▸ Import entries CSV…")
            self.stack.setCurrentWidget(self.empty_label)
        elif shown == 0:
            self.empty_label.setText(f"No entry matches “{self.filter_edit.text()}”.")
            self.stack.setCurrentWidget(self.empty_label)
        else:
            self.stack.setCurrentWidget(self.table)

    def _update_actions(self) -> None:
        has_selection = self.selected_entry() is not None
        self.edit_action.setEnabled(has_selection)
        self.delete_action.setEnabled(has_selection)
        self.edit_button.setEnabled(has_selection)
        self.delete_button.setEnabled(has_selection)
        entry = self.selected_entry()
        can_withdraw = entry is not None and not entry.withdrawn
        self.withdraw_action.setEnabled(can_withdraw)
        self.withdraw_button.setEnabled(can_withdraw)

    # --- use cases ------------------------------------------------------------------

    def add_entry(self) -> None:
        """Open the dialog for a new entry; on save, refresh and select it."""
        self._open_dialog(None)

    def edit_selected(self) -> None:
        """Open the dialog on the selected entry."""
        entry = self.selected_entry()
        if entry is not None:
            self._open_dialog(entry)

    def _open_dialog(self, entry: EntryView | None) -> None:
        try:
            choices = entry_service.entry_choices(self._db)
        except PaddockError as exc:
            QMessageBox.warning(self, "Entries", exc.message)
            return
        dialog = EntryDialog(self._db, choices, entry, self)
        if dialog.exec() == EntryDialog.DialogCode.Accepted and dialog.saved_entry is not None:
            self._changed(select=dialog.saved_entry.id)
        dialog.deleteLater()

    def delete_selected(self) -> None:
        """Delete the selected entry after the user confirms it by car and driver."""
        entry = self.selected_entry()
        if entry is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete entry",
            f"Delete car {entry.number}, {entry.driver} ({entry.team}, {entry.class_name})?\n\n"
            "The entry is removed from the season's entry list.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            entry_service.delete_entry(self._db, entry.id)
        except PaddockError as exc:
            QMessageBox.warning(self, "Delete entry", exc.message)
            return
        self._changed(select=None)

    def withdraw_selected(self) -> WithdrawEntryDialog | None:
        """Ask from what and why, and withdraw the selected entry (it stays listed)."""
        entry = self.selected_entry()
        if entry is None or entry.withdrawn:
            return None
        try:
            choices = entry_service.entry_choices(self._db)
        except PaddockError as exc:
            QMessageBox.warning(self, "Withdraw entry", exc.message)
            return None
        dialog = WithdrawEntryDialog(self._db, entry, choices.events, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.done_withdrawal is not None:
            self._changed(select=entry.id)
        dialog.deleteLater()
        return dialog

    def _changed(self, *, select: int | None) -> None:
        self.refresh()
        if select is not None:
            self.select_entry(select)
        self.entries_changed.emit()

    def focus_table(self) -> None:
        """Put the keyboard focus on the table, on its first row when none is current."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.selected_entry() is None and self.proxy.rowCount() > 0:
            self.table.selectRow(0)
