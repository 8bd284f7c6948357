"""File → Connect to server…: open a PostgreSQL server's Paddock database by its URL.

The URLs used are remembered (``QSettings``), newest first, so a desk picks the paddock's
server from the list at the next weekend; never with their password (the settings file is
plain text on a shared laptop). The password is typed again in the dialog, or libpq finds
it in the official's ``~/.pgpass`` (or the file ``PGPASSFILE`` names).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

RECENT_KEY = "server/recent"
#: How many server URLs the list keeps.
RECENT_MAX = 8
SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def without_password(url: str) -> str:
    """``url`` with its password taken out (``user:secret@host`` and ``?password=``)."""
    parts = urlsplit(url)
    userinfo, at, host = parts.netloc.rpartition("@")
    user = userinfo.partition(":")[0]
    netloc = (f"{user}@{host}" if user else host) if at else parts.netloc
    query = "&".join(p for p in parts.query.split("&")
                     if p and p.partition("=")[0].lower() != "password")
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def with_password(url: str, password: str) -> str:
    """``url`` with ``password`` put in, unless it has one already (or none is given)."""
    parts = urlsplit(url)
    userinfo, at, host = parts.netloc.rpartition("@")
    if not password or ":" in userinfo or "password=" in parts.query.lower():
        return url
    user = userinfo if at else ""
    netloc = f"{user}:{quote(password, safe='')}@{host if at else parts.netloc}"
    return urlunsplit(parts._replace(netloc=netloc))


def recent_servers(settings: QSettings) -> list[str]:
    """The server URLs used before, newest first, without their passwords."""
    value = settings.value(RECENT_KEY, [])
    # QSettings gives a lone string back for a one-item list, and None for an empty one.
    items: list[object] = [value] if isinstance(value, str) else \
        list(value) if isinstance(value, list | tuple) else []
    stored = [str(url) for url in items if str(url).strip()]
    urls = list(dict.fromkeys(without_password(url) for url in stored))
    if urls != stored:
        # Settings written by an older Paddock kept the passwords: they go now.
        settings.setValue(RECENT_KEY, urls)
        settings.sync()
    return urls


def remember_server(settings: QSettings, url: str) -> None:
    """Put ``url`` first in the recent list (once, without its password), keeping at
    most `RECENT_MAX`."""
    url = without_password(url)
    urls = [url, *(u for u in recent_servers(settings) if u != url)][:RECENT_MAX]
    settings.setValue(RECENT_KEY, urls)
    settings.sync()


class ConnectDialog(QDialog):
    """Asks for a server's URL (``postgresql://user:password@host:port/name``), and for the
    password apart when the URL (a remembered one) has none.

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
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("serverPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText("when the URL has none; never remembered")
        self.password_edit.setToolTip(
            "Not kept: type it at each connection, or keep it in ~/.pgpass (PGPASSFILE)")
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
        form = QFormLayout()
        form.addRow("Password:", self.password_edit)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def url(self) -> str:
        """The URL to connect with: as typed or picked, with the password typed apart."""
        return with_password(self.url_box.currentText().strip(), self.password_edit.text())

    def _check(self) -> None:
        url = self.url_box.currentText().strip()
        ok = url.lower().startswith(SCHEMES)
        self.problem.setText("" if ok or not url else
                             "A server's URL starts with postgresql://")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
