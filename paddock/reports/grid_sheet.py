"""The starting grid, drawn two-wide and staggered as the cars line up on the track.

Pole is on the side the event gives (left or right); the other column sits half a row
back. Each place is a box: position, car number, time that set it, driver, class, team,
which time placed it (best or second-best qualifying lap, Race 1 lap), and the penalty
or amendment that moved it. Under the grid, as tables: pit-lane starters, withdrawn cars,
the stewards' amendments with their times, and grid drops still pending.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer

from paddock.reports.base import (
    Column,
    ReportRenderer,
    data_table,
    heading,
    local_stamp,
    note,
)
from paddock.reports.documents import GridCar, GridDocument, GridSlot
from paddock.reports.flowables import fit_size
from paddock.reports.fonts import (
    CONDENSED,
    CONDENSED_BOLD,
    SANS_BOLD,
)
from paddock.reports.styles import GREY, INK, NAVY, RULE, WHITE, ZEBRA
from paddock.rules.laptime import format_laptime

BOX_WIDTH = 236.0
BOX_HEIGHT = 40.0
#: Vertical distance between two rows of the grid (one left and one right car); what
#: is left under a box holds its amendment note. 20 rows fit two Letter pages.
ROW_PITCH = 50.0
POSITION_WIDTH = 30.0

#: The time that placed a car, as printed in its box.
TIME_SOURCE_TEXT = {
    "Q best": "best Q lap",
    "Q 2nd best": "2nd-best Q lap",
    "R1 fastest": "Race 1 lap",
    "practice": "practice lap",
}
#: Marks a car moved by a penalty or amendment: visible on a black-and-white copy.
MOVED_MARK = "▶ "


def amended(note_text: str) -> str:
    """What is printed under a car: its grid penalty or amendment, as the stewards gave it.

    No "amended:" prefix: a grid penalty is not an amendment; the amendments are listed
    under the grid ("Amended: ...").
    """
    return note_text


def _fitted(canvas: Canvas, text: str, font: str, size: float, width: float,
            x: float, y: float, color: Color, align: str = "left") -> None:
    """Draw text on one line, shrunk as needed, never wider than ``width``."""
    size = fit_size(text, font, size, width, 1)
    canvas.setFont(font, size)
    canvas.setFillColor(color)
    if align == "right":
        canvas.drawRightString(x, y, text)
    elif align == "center":
        canvas.drawCentredString(x, y, text)
    else:
        canvas.drawString(x, y, text)


def draw_slot(canvas: Canvas, slot: GridSlot, x: float, y: float) -> None:
    """One grid box with its top-left corner at (x, y)."""
    bottom = y - BOX_HEIGHT
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(0.9)
    canvas.setFillColor(WHITE)
    canvas.rect(x, bottom, BOX_WIDTH, BOX_HEIGHT, fill=1, stroke=1)
    # Position block: white on navy, the first thing a marshal looks for.
    canvas.setFillColor(NAVY)
    canvas.rect(x, bottom, POSITION_WIDTH, BOX_HEIGHT, fill=1, stroke=0)
    _fitted(canvas, str(slot.position), SANS_BOLD, 17, POSITION_WIDTH - 4,
            x + POSITION_WIDTH / 2, bottom + BOX_HEIGHT / 2 - 6, WHITE, "center")

    left = x + POSITION_WIDTH + 5
    right = x + BOX_WIDTH - 5
    inner = right - left
    time_text = format_laptime(slot.time_ms) if slot.time_ms is not None else "no time"
    canvas.setFont(SANS_BOLD, 10)
    time_width = canvas.stringWidth(time_text, SANS_BOLD, 10)
    _fitted(canvas, f"#{slot.number}", SANS_BOLD, 13, inner - time_width - 8,
            left, y - 13, INK)
    _fitted(canvas, time_text, SANS_BOLD, 10, inner / 2, right, y - 12,
            INK if slot.time_ms is not None else GREY, "right")

    badge = fit_size(slot.class_name, CONDENSED_BOLD, 7, inner * 0.3, 4)
    badge_width = canvas.stringWidth(slot.class_name, CONDENSED_BOLD, badge) + 8
    canvas.setStrokeColor(NAVY)
    canvas.setFillColor(ZEBRA)
    canvas.roundRect(right - badge_width, y - 26, badge_width, 10, 2, fill=1, stroke=1)
    canvas.setFillColor(NAVY)
    canvas.setFont(CONDENSED_BOLD, badge)
    canvas.drawCentredString(right - badge_width / 2, y - 23.5, slot.class_name)

    _fitted(canvas, slot.driver, SANS_BOLD, 9, inner - badge_width - 6, left, y - 24.5, INK)
    source = TIME_SOURCE_TEXT.get(slot.time_source, slot.time_source)
    source_width = canvas.stringWidth(source, CONDENSED_BOLD, 7.5) if source else 0
    if source:
        _fitted(canvas, source, CONDENSED_BOLD, 7.5, inner / 2, right, y - 34, INK, "right")
    _fitted(canvas, slot.team, CONDENSED, 7.5, inner - source_width - 6, left, y - 34, GREY)
    if slot.note:
        _fitted(canvas, MOVED_MARK + amended(slot.note), CONDENSED_BOLD, 8, BOX_WIDTH, x,
                bottom - 8, INK)


class GridBlock(Flowable):
    """Rows of the grid; splits between rows at a page end."""

    def __init__(self, rows: Sequence[tuple[GridSlot | None, GridSlot | None]],
                 pole_side: str) -> None:
        super().__init__()
        self.rows = list(rows)
        self.pole_side = pole_side

    def _height(self, count: int) -> float:
        # The rear column sits half a pitch back: it overhangs the last row by that much.
        return count * ROW_PITCH + ROW_PITCH / 2 + 2 if count else 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self._height(len(self.rows))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fits = int((availHeight - ROW_PITCH / 2 - 2) // ROW_PITCH)
        if fits <= 0 or fits >= len(self.rows):
            return [] if fits <= 0 else [self]
        return [
            GridBlock(self.rows[:fits], self.pole_side),
            GridBlock(self.rows[fits:], self.pole_side),
        ]

    def draw(self) -> None:
        canvas = self.canv
        pole_x = 0.0 if self.pole_side == "left" else self.width - BOX_WIDTH
        other_x = self.width - BOX_WIDTH if self.pole_side == "left" else 0.0
        # The track's centre line between the two columns.
        canvas.setStrokeColor(RULE)
        canvas.setDash(3, 3)
        canvas.setLineWidth(0.6)
        canvas.line(self.width / 2, 0, self.width / 2, self.height)
        canvas.setDash()
        for index, (front, back) in enumerate(self.rows):
            top = self.height - 1 - index * ROW_PITCH
            if front is not None:
                draw_slot(canvas, front, pole_x, top)
            if back is not None:
                draw_slot(canvas, back, other_x, top - ROW_PITCH / 2)


class StartLine(Flowable):
    """The start line across the track, with the pole side marked."""

    def __init__(self, pole_side: str) -> None:
        super().__init__()
        self.pole_side = pole_side

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = 26
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        # A chequered strip for the line itself.
        square = 4.0
        for column in range(int(self.width // square)):
            for row in range(2):
                if (column + row) % 2 == 0:
                    canvas.setFillColor(INK)
                    canvas.rect(column * square, 4 + row * square, square, square,
                                fill=1, stroke=0)
        canvas.setFillColor(NAVY)
        canvas.setFont(SANS_BOLD, 8)
        canvas.drawCentredString(self.width / 2, 16, "▲  START LINE — DIRECTION OF RACE  ▲")
        label = "POLE POSITION"
        canvas.setFont(SANS_BOLD, 8)
        if self.pole_side == "left":
            canvas.drawString(0, 16, label)
        else:
            canvas.drawRightString(self.width, 16, label)


def grid_rows(slots: Sequence[GridSlot]) -> list[tuple[GridSlot | None, GridSlot | None]]:
    """Slots on the track (not from the pit lane), paired two by two in grid order."""
    on_grid = sorted((s for s in slots if not s.pit_lane), key=lambda s: s.position)
    return [
        (on_grid[i], on_grid[i + 1] if i + 1 < len(on_grid) else None)
        for i in range(0, len(on_grid), 2)
    ]


class GridSheetRenderer(ReportRenderer[GridDocument]):
    """Starting grid: staggered two-wide boxes, then pit-lane starters and notes."""

    def story(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = []
        if document.basis:
            story.append(note(f"Grid order: {document.basis}. Pole position on the "
                              f"{document.pole_side} of the track."))
        story.append(StartLine(document.pole_side))
        story.append(Spacer(0, 4))
        story.append(GridBlock(grid_rows(document.slots), document.pole_side))
        pit_lane = sorted((s for s in document.slots if s.pit_lane), key=lambda s: s.position)
        if pit_lane:
            columns = [
                Column("Pos", 26, "CENTER", bold=True),
                Column("No.", 30, "CENTER", bold=True),
                Column("Driver", 120, bold=True),
                Column("Team", 130),
                Column("Class", 48),
                Column("Reason", self.content_width - 354),
            ]
            body = [[str(s.position), s.number, s.driver, s.team, s.class_name, s.note]
                    for s in pit_lane]
            story.append(KeepTogether([heading("Start from the pit lane"),
                                       data_table(columns, body)]))
        if document.withdrawn:
            story.append(KeepTogether([heading("Withdrawn — not on the grid"),
                                       self._cars(document.withdrawn, "Reason", "Time")]))
        if document.amendments:
            zone = document.local_tz
            columns = [Column("Time", 110), Column("No.", 34, "CENTER", bold=True),
                       Column("Amendment", self.content_width - 144, bold=True)]
            body = [[local_stamp(a.made_at, zone), a.number, a.text]
                    for a in document.amendments]
            story.append(KeepTogether([heading("Amendments by the stewards"),
                                       data_table(columns, body, font_size=8.5)]))
        if document.pending:
            story.append(KeepTogether([
                heading("Grid drops pending — not applied to this grid"),
                self._cars(document.pending, "Drop", "Decided in", "Applies to")]))
        for text in document.notes:
            story.append(note(text))
        return story

    def _cars(self, cars: Sequence[GridCar], what: str, decided: str,
              applies: str = "") -> Flowable:
        fixed = 34 + 112 + 48 + 86 + (110 if applies else 0)
        columns = [Column("No.", 34, "CENTER", bold=True), Column("Driver", 112, bold=True),
                   Column("Class", 48), Column(what, self.content_width - fixed, bold=True),
                   Column(decided, 86)]
        if applies:
            columns.append(Column(applies, 110))
        body = [[c.number, c.driver, c.class_name, c.what, c.decided]
                + ([c.applies_to] if applies else []) for c in cars]
        return data_table(columns, body, font_size=8.5)


def render_grid_sheet(document: GridDocument) -> bytes:
    """The starting grid as PDF bytes."""
    return GridSheetRenderer(document).render()
