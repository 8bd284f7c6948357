"""The look of the window: one restrained palette, one accent colour, one style sheet.

Fusion is the base style on every platform so the style sheet renders the same on the
paddock laptop (Windows or macOS) as in the offscreen tests. Colours live here only;
widgets pick their role through ``objectName`` or a dynamic property, never a colour.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

ACCENT = "#0b5cad"
ACCENT_DARK = "#084a8c"
ACCENT_SOFT = "#dbe8f6"
TEXT = "#1b2026"
TEXT_MUTED = "#5d6772"
WINDOW = "#f3f4f6"
SURFACE = "#ffffff"
BORDER = "#d5d9de"
GRID = "#e6e9ed"
SIDEBAR = "#1d242c"
SIDEBAR_TEXT = "#c3cbd4"
SIDEBAR_HOVER = "#28313b"
SIDEBAR_SELECTED = "#313c48"
PROBLEM_BG = "#fcebea"
PROBLEM_BORDER = "#e3a39c"
PROBLEM_TEXT = "#8f1d14"
OK_BG = "#e7f3ea"
OK_BORDER = "#a9d2b4"
OK_TEXT = "#1d6335"
#: Amber: something for an official to look at, not yet wrong (differences to explain).
WARN_BG = "#fff4e0"
WARN_BORDER = "#e8b866"
WARN_TEXT = "#7a4b00"

#: Base text size in points: legible at arm's length on a laptop in a bright garage.
BASE_POINT_SIZE = 10

ICON_DIR = Path(__file__).resolve().parents[3] / "resources" / "icons"

_STYLE_SHEET = Template(
    """
QMainWindow, QDialog { background: $window; }

/* Left navigation: dark column, the current page marked with the accent. */
#sidebar { background: $sidebar; }
#appName { color: #ffffff; font-size: 15pt; font-weight: 700; letter-spacing: 2px;
           padding: 18px 18px 2px 18px; }
#appTagline { color: $sidebar_text; font-size: 8.5pt; padding: 0 18px 14px 18px; }
#navigation { background: $sidebar; border: none; outline: none; color: $sidebar_text;
              font-size: 10.5pt; }
#navigation::item { padding: 9px 16px; border-left: 3px solid transparent; }
#navigation::item:hover { background: $sidebar_hover; color: #ffffff; }
#navigation::item:selected { background: $sidebar_selected; color: #ffffff;
                             border-left: 3px solid $accent_nav; }

/* Header: the season and the event the officials are working on. */
#seasonHeader { background: $surface; border-bottom: 1px solid $border; }
#seasonTitle { font-size: 13pt; font-weight: 700; color: $text; }
#seasonSubtitle, #eventDetails { color: $text_muted; }
#headerCaption { color: $text_muted; font-size: 8.5pt; font-weight: 700;
                 letter-spacing: 1px; }

/* Pages */
#pageTitle { font-size: 15pt; font-weight: 700; color: $text; }
#pageSummary, #mutedText { color: $text_muted; }
#emptyState { color: $text_muted; font-size: 11pt; }
#placeholderCard { background: $surface; border: 1px solid $border; border-radius: 4px; }
#placeholderHeading { font-size: 11pt; font-weight: 700; color: $text; }

QTableView { background: $surface; alternate-background-color: #f7f8fa;
             border: 1px solid $border; gridline-color: $grid;
             selection-background-color: $accent_soft; selection-color: $text; }
QTableView::item { padding: 0 6px; }
QTableView::item:selected:active { background: $accent; color: #ffffff; }
QHeaderView::section { background: #eceef1; color: $text; font-weight: 700;
                       padding: 5px 6px; border: none; border-right: 1px solid $grid;
                       border-bottom: 1px solid $border; }

/* Inputs keep Fusion's drawing (arrows, spin buttons); only their height is ours. */
QLineEdit { padding: 3px 4px; }
QLineEdit[invalid="true"] { border: 1px solid $problem_border; background: $problem_bg; }

QGroupBox { background: $surface; border: 1px solid $border; border-radius: 4px;
            margin-top: 12px; padding: 10px 8px 6px 8px; font-weight: 700; }
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; color: $text; }
QMenuBar { background: $surface; border-bottom: 1px solid $border; }

QPushButton { padding: 5px 14px; border: 1px solid $border; border-radius: 3px;
              background: $surface; color: $text; }
QPushButton:hover { border-color: $accent; }
QPushButton:disabled { color: #9aa3ad; background: #f1f2f4; }
QPushButton[primary="true"] { background: $accent; border-color: $accent; color: #ffffff;
                              font-weight: 700; }
QPushButton[primary="true"]:hover { background: $accent_dark; }
QPushButton[primary="true"]:disabled { background: #a9bdd2; border-color: #a9bdd2;
                                       color: #eef2f6; }

/* The dialog's message area: red while the entry cannot be saved, green when it can. */
#checkMessages { border-radius: 3px; padding: 8px 10px; }
#checkMessages[state="problem"] { background: $problem_bg; border: 1px solid $problem_border;
                                  color: $problem_text; }
#checkMessages[state="info"] { background: #eef2f7; border: 1px solid #c8d2de; color: $text; }
#checkMessages[state="ok"] { background: $ok_bg; border: 1px solid $ok_border;
                             color: $ok_text; }
#checkMessages[state="warn"] { background: $warn_bg; border: 1px solid $warn_border;
                               color: $warn_text; }
#juniorBadge[junior="true"] { color: #ffffff; background: $accent; border-radius: 3px;
                              padding: 2px 8px; font-weight: 700; }
#juniorBadge[junior="false"] { color: $text_muted; padding: 2px 0; }

QStatusBar { background: $surface; border-top: 1px solid $border; color: $text_muted; }
QStatusBar QLabel { color: $text_muted; padding: 0 6px; }
"""
)


def colours(**extra: str) -> dict[str, str]:
    """The palette by the names style sheets use (``$accent``, ``$text_muted``...), plus ``extra``.

    Every page's own rules fill from here, so a colour changes in one place.
    """
    return {
        "accent": ACCENT, "accent_dark": ACCENT_DARK, "accent_soft": ACCENT_SOFT,
        # The navigation marker sits on a dark background: a lighter tint of the accent.
        "accent_nav": "#4d9be6",
        "text": TEXT, "text_muted": TEXT_MUTED, "window": WINDOW, "surface": SURFACE,
        "border": BORDER, "grid": GRID,
        "sidebar": SIDEBAR, "sidebar_text": SIDEBAR_TEXT, "sidebar_hover": SIDEBAR_HOVER,
        "sidebar_selected": SIDEBAR_SELECTED,
        "problem_bg": PROBLEM_BG, "problem_border": PROBLEM_BORDER, "problem_text": PROBLEM_TEXT,
        "ok_bg": OK_BG, "ok_border": OK_BORDER, "ok_text": OK_TEXT,
        "warn_bg": WARN_BG, "warn_border": WARN_BORDER, "warn_text": WARN_TEXT,
        **extra,
    }


def style_sheet() -> str:
    """Return the application style sheet with the palette filled in."""
    return _STYLE_SHEET.substitute(colours())


def set_style_property(widget: QWidget, name: str, value: str) -> None:
    """Set a style-sheet property and re-polish so the new look shows at once."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def palette() -> QPalette:
    """Return the light palette that Fusion draws unstyled parts with."""
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(WINDOW))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Base, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f8fa"))
    pal.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Button, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8b949e"))
    pal.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa3ad"))
    return pal


def app_icon() -> QIcon | None:
    """Return the Paddock icon from resources/icons, or None when it is not there."""
    for name in ("paddock.svg", "paddock.png"):
        path = ICON_DIR / name
        if path.is_file():
            icon = QIcon(str(path))
            if not icon.isNull():
                return icon
    return None


def apply_theme(app: QApplication) -> None:
    """Give ``app`` the Paddock look: Fusion, the palette, the base font, the style sheet."""
    app.setStyle("Fusion")
    app.setPalette(palette())
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), BASE_POINT_SIZE))
    app.setFont(font)
    app.setStyleSheet(style_sheet())
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(icon)
