"""Style rules of the Documents and Championship pages, filled from the theme's palette.

The pages add a few roles the application style sheet does not know (the document list's
captions, the preview's grey desk, the state badges, the class switch). Colours come from
`paddock.ui.common.theme`; this module only says which role gets which.
"""

from __future__ import annotations

from string import Template

from paddock.ui.common import theme

#: Where a page of the preview lies: a light grey desk, like a print preview.
DESK = "#dfe3e8"
AMENDED_BG = "#fff4e0"
AMENDED_BORDER = "#e8b866"
AMENDED_TEXT = "#7a4b00"

_RULES = Template(
    """
#documentList { background: $surface; border: 1px solid $border; outline: none; }
#documentList::item { border: none; padding: 0; }

#previewDesk { background: $desk; border: 1px solid $border; }
#previewToolbar { background: $surface; border: 1px solid $border; border-bottom: none; }
#previewPage { background: #ffffff; }
#previewMessage { color: $text_muted; font-size: 11pt; }
#documentHeading { font-size: 12.5pt; font-weight: 700; color: $text; }
#sectionTitle { font-size: 11pt; font-weight: 700; color: $text; }

/* OFFICIAL in green, PROVISIONAL in the accent, AMENDED in amber: told apart at a glance. */
#stateBadge, #amendedBadge { border-radius: 3px; padding: 2px 9px; font-weight: 700;
                             letter-spacing: 1px; font-size: 8.5pt; }
#stateBadge[state="provisional"] { background: $accent_soft; color: $accent_dark;
                                   border: 1px solid $accent; }
#stateBadge[state="official"] { background: $ok_bg; color: $ok_text;
                                border: 1px solid $ok_border; }
#stateBadge[state="none"] { background: $window; color: $text_muted;
                            border: 1px solid $border; }
#amendedBadge { background: $amended_bg; color: $amended_text;
                border: 1px solid $amended_border; }

/* A segmented switch (classes on the Championship page). */
QPushButton#switchButton { padding: 5px 16px; border-radius: 0; margin: 0; font-weight: 700;
                           min-width: 48px; }
QPushButton#switchButton:checked { background: $accent; border-color: $accent;
                                   color: #ffffff; }

#computedFrom { background: $surface; border: 1px solid $border; border-radius: 4px;
                padding: 7px 10px; color: $text; }
"""
)


def documents_style_sheet() -> str:
    """Return the pages' style rules with the theme's colours filled in."""
    return _RULES.substitute(theme.colours(
        desk=DESK, amended_bg=AMENDED_BG, amended_text=AMENDED_TEXT,
        amended_border=AMENDED_BORDER))

