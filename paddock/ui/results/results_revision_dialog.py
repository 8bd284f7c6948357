"""A past official revision, shown exactly as it was published and read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from paddock.services.results import SessionResults
from paddock.ui.common.tables import configure_table
from paddock.ui.common.theme import set_style_property
from paddock.ui.results.results_style import results_style_sheet
from paddock.ui.results.results_table import (
    ResultsFilterProxy,
    ResultsTableModel,
    local_time,
    size_result_columns,
)


class RevisionDialog(QDialog):
    """Shows one published revision of a session; nothing in it can be changed.

    Args:
        results: the revision, from ``services.results.revision_results``.
        latest: the session's latest revision number (to say "superseded").
        time_zone: the event's time zone, for the publication time.

    Signals:
        print_requested(int), save_requested(int): "Print…" or "Save PDF…" of this
            revision (the page makes its document off the UI thread).
    """

    print_requested = Signal(int)
    save_requested = Signal(int)

    def __init__(self, results: SessionResults, *, latest: int, time_zone: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = results
        self.setObjectName("revisionDialog")
        self.setWindowTitle(f"{results.event_name} – {results.session_name} – revision "
                            f"{results.revision} (read-only)")
        self.setStyleSheet(results_style_sheet())
        self.resize(1180, 640)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            self.resize(min(1180, screen.width() - 40), min(640, screen.height() - 60))

        title = QLabel(f"{results.event_name} · {results.session_name}")
        title.setObjectName("pageTitle")
        self.badge = QLabel(f"OFFICIAL · REV {results.revision}")
        self.badge.setObjectName("resultsBadge")
        set_style_property(self.badge, "state", "official")
        state = "current" if results.revision == latest else (
            f"superseded by revision {latest}")
        published = "" if results.published_at is None else local_time(
            results.published_at, time_zone)
        details = [f"Read-only, {state}", f"published {published}" if published else "",
                   results.reason or "first publication"]
        self.details = QLabel("  ·  ".join(d for d in details if d))
        self.details.setObjectName("mutedText")
        self.details.setWordWrap(True)
        self.hash_label = QLabel(f"Content hash {results.content_hash}")
        self.hash_label.setObjectName("contentHash")
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = ResultsTableModel(self)
        self.model.set_results(results.rows, results.session_kind, results.penalties)
        self.proxy = ResultsFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("revisionTable")
        configure_table(self.table, self.fontMetrics().height() + 10)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        size_result_columns(self.table, self.model)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button = QPushButton("Print…")
        self.print_button.setObjectName("printRevisionButton")
        self.print_button.setToolTip(f"Print revision {results.revision}'s classification")
        self.print_button.clicked.connect(lambda: self.print_requested.emit(results.revision))
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setObjectName("saveRevisionButton")
        self.save_button.setToolTip(f"Save revision {results.revision}'s classification "
                                    "as a PDF")
        self.save_button.clicked.connect(lambda: self.save_requested.emit(results.revision))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)

        badge_row = QHBoxLayout()
        badge_row.setSpacing(10)
        badge_row.addWidget(self.badge)
        badge_row.addWidget(self.details, 1)
        badge_row.addWidget(self.hash_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(badge_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
