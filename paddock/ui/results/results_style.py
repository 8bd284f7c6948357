"""The Results page's own style rules, filled from the theme's palette.

The page adds a few roles the application style sheet does not know yet (the state badge,
the session switch, the drop target). Their colours come from `paddock.ui.common.theme`; this
module only says which role gets which of them.
"""

from __future__ import annotations

from string import Template

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from paddock.ui.common import theme

_RULES = Template(
    """
/* PROVISIONAL in the accent, OFFICIAL in green: told apart at a glance. */
#resultsBadge { border-radius: 3px; padding: 3px 10px; font-weight: 700;
                letter-spacing: 1px; }
#resultsBadge[state="provisional"] { background: $accent_soft; color: $accent_dark;
                                     border: 1px solid $accent; }
#resultsBadge[state="official"] { background: $ok_bg; color: $ok_text;
                                  border: 1px solid $ok_border; }
#resultsBadge[state="empty"] { background: $window; color: $text_muted;
                               border: 1px solid $border; }
#contentHash { color: $text_muted; }

/* The session switch: one segmented row, the current session filled with the accent. */
QPushButton#sessionButton { padding: 5px 18px; border-radius: 0; margin: 0;
                            font-weight: 700; min-width: 36px; }
QPushButton#sessionButton:checked { background: $accent; border-color: $accent;
                                    color: #ffffff; }

/* The timing system's check: AGREES in green, differences in amber, NOT CHECKED grey.
   The word and its sign say it too: never the colour alone. */
#timingCheckPanel { background: $surface; border: 1px solid $border; border-radius: 3px; }
#timingCheckPanel[state="differs"] { border-color: $warn_border; }
#timingCheckCaption { color: $text_muted; font-size: 8.5pt; font-weight: 700;
                      letter-spacing: 1px; }
#timingCheckBadge, #timingSettleBadge { border-radius: 3px; padding: 2px 8px;
                                        font-weight: 700; letter-spacing: 1px; }
#timingCheckBadge[state="agrees"] { background: $ok_bg; color: $ok_text;
                                    border: 1px solid $ok_border; }
#timingCheckBadge[state="differs"], #timingSettleBadge { background: $warn_bg;
                                    color: $warn_text; border: 1px solid $warn_border; }
#timingCheckBadge[state="unchecked"] { background: $window; color: $text_muted;
                                       border: 1px solid $border; }
#timingCheckList { background: transparent; border: none; border-top: 1px solid $grid; }
#timingCheckRows { background: transparent; }
#timingCheckHeading { color: $text_muted; font-weight: 700; }
#timingCheckCar { font-weight: 700; }
#timingCheckCause { color: $warn_text; }
QPushButton#timingCheckAction, QPushButton#timingCheckDetails { padding: 2px 10px; }

/* While files are dragged over the page, the table says where they will land. */
QTableView#resultsTable[dropTarget="true"] { border: 2px dashed $accent; }
#dropHint { color: $accent_dark; font-weight: 700; }
"""
)


def results_style_sheet() -> str:
    """Return the page's style rules with the theme's colours filled in."""
    return _RULES.substitute(
        accent=theme.ACCENT,
        accent_dark=theme.ACCENT_DARK,
        accent_soft=theme.ACCENT_SOFT,
        ok_bg=theme.OK_BG,
        ok_text=theme.OK_TEXT,
        ok_border=theme.OK_BORDER,
        window=theme.WINDOW,
        text_muted=theme.TEXT_MUTED,
        border=theme.BORDER,
        surface=theme.SURFACE,
        grid=theme.GRID,
        warn_bg=theme.WARN_BG,
        warn_border=theme.WARN_BORDER,
        warn_text=theme.WARN_TEXT,
    )


def set_style_property(widget: QWidget, name: str, value: str) -> None:
    """Set a style-sheet property and re-polish so the new look shows at once."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def message_area() -> QLabel:
    """The message area dialogs and the page share: info, problem or ok (``#checkMessages``)."""
    label = QLabel()
    label.setObjectName("checkMessages")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def show_message(label: QLabel, text: str, state: str) -> None:
    """Show ``text`` in a message area in ``state`` ("info", "warn", "problem" or "ok")."""
    label.setText(text)
    set_style_property(label, "state", state)


def ok_cancel(dialog: QDialog, ok_text: str = "", *, primary: bool = True,
              ) -> tuple[QDialogButtonBox, QPushButton]:
    """The OK / Cancel row of a results dialog, wired to its accept and reject.

    Return:
        The button box and its OK button (named ``ok_text``; the primary look unless told).
    """
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok_button is not None  # asked for above
    if ok_text:
        ok_button.setText(ok_text)
    if primary:
        ok_button.setProperty("primary", "true")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button
