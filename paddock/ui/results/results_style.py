"""The Results page's own style rules, filled from the theme's palette.

The page adds a few roles the application style sheet does not know yet (the state badge,
the session switch, the drop target). Their colours come from `paddock.ui.common.theme`; this
module only says which role gets which of them.
"""

from __future__ import annotations

from string import Template

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
    return _RULES.substitute(theme.colours())
