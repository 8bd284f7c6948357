"""File → Connect to server…: open a PostgreSQL server's Paddock database by its URL.

The URLs used are remembered (``QSettings``), newest first, so a desk picks the paddock's
server from the list at the next weekend.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

RECENT_KEY = "server/recent"
#: How many server URLs the list keeps.
RECENT_MAX = 8
SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def recent_servers(settings: QSettings) -> list[str]:
    """The server URLs used before, newest first."""
    value = settings.value(RECENT_KEY, [])
    # QSettings gives a lone string back for a one-item list, and None for an empty one.
    items: list[object] = [value] if isinstance(value, str) else \
        list(value) if isinstance(value, list | tuple) else []
    return [str(url) for url in items if str(url).strip()]


def remember_server(settings: QSettings, url: str) -> None:
    """Put ``url`` first in the recent list (once), keeping at most `RECENT_MAX`."""
    urls = [url, *(u for u in recent_servers(settings) if u != url)][:RECENT_MAX]
    settings.setValue(RECENT_KEY, urls)
    settings.sync()


class ConnectDialog(QDialog):
    """Asks for a server's URL (``postgresql://user:password@host:port/name``).

    Args:
        settings: where the recent servers are kept.
    """

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.setWindowTitle("Connect to server")
        self.url_box = QComboBox()
        self.url_box.setObjectName("serverUrl")
        self.url_box.setEditable(True)
        self.url_box.addItems(recent_servers(settings))
        self.url_box.setMinimumWidth(460)
        line = self.url_box.lineEdit()
        assert line is not None  # an editable combo box has its line edit
        line.setPlaceholderText("postgresql://paddock:PASSWORD@192.168.1.20:5432/paddock")
        line.textChanged.connect(self._check)
        intro = QLabel("The paddock's server, as <code>scripts/server</code> printed it:")
        self.problem = QLabel()
        self.problem.setObjectName("connectProblem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Connect")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.url_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def url(self) -> str:
        return self.url_box.currentText().strip()

    def _check(self) -> None:
        url = self.url()
        ok = url.lower().startswith(SCHEMES)
        self.problem.setText("" if ok or not url else
                             "A server's URL starts with postgresql://")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
