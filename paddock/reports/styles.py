"""Colours, sizes and the one table style every document shares.

Printed documents are read in black and white off a pit wall noticeboard, so colour only
ever doubles what weight or position already says.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from paddock.reports.fonts import CONDENSED, CONDENSED_BOLD, SANS, SANS_BOLD, SANS_ITALIC

INK = colors.HexColor("#111111")
NAVY = colors.HexColor("#14213d")
RED = colors.HexColor("#d62828")
GREY = colors.HexColor("#5b6270")
RULE = colors.HexColor("#9aa1ad")
ZEBRA = colors.HexColor("#eef1f5")
WHITE = colors.white

#: Table body text: condensed faces fit a 40-car field's columns at a readable size.
BODY_FONT = CONDENSED
BODY_BOLD = CONDENSED_BOLD
BODY_SIZE = 8.0
HEAD_SIZE = 7.0
#: Cells shrink their text to this share of its size before they wrap it.
MIN_SCALE = 0.8
CELL_PAD = 2.5

HEADING = ParagraphStyle(
    "heading",
    fontName=SANS_BOLD,
    fontSize=10,
    leading=13,
    textColor=NAVY,
    spaceBefore=8,
    spaceAfter=4,
    alignment=TA_LEFT,
)
TEXT = ParagraphStyle("text", fontName=SANS, fontSize=8, leading=10.5, textColor=INK)
NOTE = ParagraphStyle("note", fontName=SANS_ITALIC, fontSize=7.5, leading=10, textColor=GREY)
