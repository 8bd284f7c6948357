"""Time cards (lap analysis): every lap of every car, one car after another.

A 40-car race is a thousand lines and more, so a car's laps are one `LapTable` flowable
that draws its lines straight onto the canvas (a reportlab ``Table`` spends most of its
time styling cell by cell) and splits itself at the foot of a page, repeating the car's
line and the column heading on the next. It looks like the house tables: navy heading,
zebra rows, condensed body.

Emphasis survives a black-and-white copier: the car's best lap and best sectors are bold
and marked ``*`` (the session's best lap ``**``); a deleted lap time is struck through,
marked ``X``, and the remark says what deleted it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from paddock.reports.base import Column, ReportRenderer, note
from paddock.reports.classification import speed_text
from paddock.reports.flowables import clip, fit_size
from paddock.reports.fonts import SANS, SANS_BOLD
from paddock.reports.lap_documents import TimeCard, TimeCardLap, TimeCardsDocument
from paddock.reports.styles import (
    BODY_BOLD,
    BODY_FONT,
    BODY_SIZE,
    CELL_PAD,
    GREY,
    HEAD_SIZE,
    INK,
    NAVY,
    RULE,
    WHITE,
    ZEBRA,
)
from paddock.rules.laptime import format_laptime, format_racetime

#: Room right of a time for its mark (``*``, ``**``, ``X``), so the digits stay aligned.
MARK_ROOM = 8.0
ROW = 11.4  # height of a lap's line
HEAD = 11.0  # height of the column heading
TITLE = 27.0  # the car's two lines above it
FOOTNOTE = 9.5  # a line under the laps
#: Columns whose times may carry a mark.
MARKED = frozenset({"Lap time", "S1", "S2", "S3"})
REMARKS = "Remarks"


@dataclass(frozen=True)
class Cell:
    """One cell of a lap's line: text, bold, a mark after it, struck through."""

    text: str
    bold: bool = False
    mark: str = ""
    struck: bool = False


class LapTable(Flowable):
    """One car's laps: its line, the column heading, a line per lap; splits across pages."""

    def __init__(self, title: str, subtitle: str, columns: Sequence[Column],
                 rows: Sequence[Sequence[Cell | str]], *, footnotes: Sequence[str] = (),
                 continued: bool = False) -> None:
        super().__init__()
        self.title, self.subtitle = title, subtitle
        self.columns = tuple(columns)
        self.rows = tuple(rows)
        self.footnotes = tuple(footnotes)  # under the last lap (the deleted laps' reasons)
        self.continued = continued

    def _head_height(self) -> float:
        return TITLE + HEAD

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = (self._head_height() + ROW * len(self.rows) + 2
                       + (FOOTNOTE * len(self.footnotes) + 3 if self.footnotes else 0))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fits = int((availHeight - self._head_height() - 2) // ROW)
        if fits >= len(self.rows):  # the laps fit, their footnotes do not: keep two back
            fits = len(self.rows) - 2
        # Never a heading alone at the foot of a page, nor one lap left over on the next.
        if fits < 3 or fits >= len(self.rows):
            return []
        if len(self.rows) - fits < 2:
            fits = len(self.rows) - 2
        return [LapTable(self.title, self.subtitle, self.columns, self.rows[:fits],
                         continued=self.continued),
                LapTable(self.title, self.subtitle, self.columns, self.rows[fits:],
                         footnotes=self.footnotes, continued=True)]

    def draw(self) -> None:
        canvas = self.canv
        width = self.width
        top = self.height
        # The car's line: number, driver, class, team, position; under it its best.
        canvas.setFillColor(NAVY)
        title = self.title + ("  (continued)" if self.continued else "")
        size = fit_size(title, SANS_BOLD, 9.5, width, 7)
        canvas.setFont(SANS_BOLD, size)
        canvas.drawString(0, top - 11, clip(title, SANS_BOLD, size, width))
        canvas.setFillColor(GREY)
        size = fit_size(self.subtitle, SANS, 7.5, width, 6)
        canvas.setFont(SANS, size)
        canvas.drawString(0, top - 21.5, clip(self.subtitle, SANS, size, width))
        y = top - TITLE
        # Column heading: white on navy.
        canvas.setFillColor(NAVY)
        canvas.rect(0, y - HEAD, width, HEAD, stroke=0, fill=1)
        canvas.setFillColor(WHITE)
        canvas.setFont(BODY_BOLD, HEAD_SIZE)
        x = 0.0
        for column in self.columns:
            pad = CELL_PAD + (MARK_ROOM if column.title in MARKED else 0)
            self._text(column.title, x, column, y - HEAD + 3.4, BODY_BOLD, HEAD_SIZE, pad)
            x += column.width
        y -= HEAD
        # Zebra rows first, then the text over them.
        canvas.setFillColor(ZEBRA)
        for index in range(1, len(self.rows), 2):
            canvas.rect(0, y - ROW * (index + 1), width, ROW, stroke=0, fill=1)
        # All the lines' text in one text object: a thousand cells drawn one call each
        # would cost more than the rest of the page together.
        text = canvas.beginText()
        text.setFillColor(INK)
        self._text_object, self._font = text, ("", 0.0)
        struck: list[tuple[float, float, float]] = []
        for row in self.rows:
            baseline = y - ROW + 3.3
            x = 0.0
            for column, cell in zip(self.columns, row, strict=True):
                if isinstance(cell, str):
                    if cell:
                        font = BODY_BOLD if column.bold else BODY_FONT
                        pad = CELL_PAD + (MARK_ROOM if column.title in MARKED else 0)
                        if column.title == REMARKS:
                            font = BODY_BOLD
                        self._put(cell, x, column, baseline, font, BODY_SIZE, pad)
                else:
                    struck += self._marked(cell, x, column, baseline)
                x += column.width
            y -= ROW
        canvas.drawText(text)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.9)
        for left, right, height in struck:
            canvas.line(left, height, right, height)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(0, y, width, y)
        y -= 3
        for line in self.footnotes:
            y -= FOOTNOTE
            canvas.setFillColor(INK)
            size = fit_size(line, SANS, 7.5, width, 6)
            canvas.setFont(SANS, size)
            canvas.drawString(CELL_PAD, y + 2, clip(line, SANS, size, width - CELL_PAD))

    def _text(self, text: str, x: float, column: Column, baseline: float, font: str,
              size: float, pad: float) -> None:
        canvas = self.canv
        canvas.setFont(font, size)
        if column.align == "RIGHT":
            canvas.drawRightString(x + column.width - pad, baseline, text)
        elif column.align == "CENTER":
            canvas.drawCentredString(x + column.width / 2, baseline, text)
        else:
            canvas.drawString(x + CELL_PAD, baseline, text)

    def _put(self, text: str, x: float, column: Column, baseline: float, font: str,
             size: float, pad: float) -> float:
        """Write ``text`` in its column on the lines' text object; return its left edge.

        Text wider than its column shrinks (down to 80 %), and past that is cut.
        """
        room = column.width - pad - CELL_PAD if column.width else 1e6
        wide = stringWidth(text, font, size)
        if wide > room:
            size = fit_size(text, font, size, room, size * 0.8)
            text = clip(text, font, size, room)
            wide = stringWidth(text, font, size)
        if self._font != (font, size):
            self._text_object.setFont(font, size)
            self._font = (font, size)
        if column.align == "LEFT":
            left = x + CELL_PAD
        elif column.align == "RIGHT":
            left = x + column.width - pad - wide
        else:
            left = x + (column.width - wide) / 2
        self._text_object.setTextOrigin(left, baseline)
        self._text_object.textOut(text)
        return left

    def _marked(self, cell: Cell, x: float, column: Column,
                baseline: float) -> list[tuple[float, float, float]]:
        """A time with its mark; the strike-through line to draw over it, if any."""
        font = BODY_BOLD if cell.bold else BODY_FONT
        pad = CELL_PAD + MARK_ROOM
        left = self._put(cell.text, x, column, baseline, font, BODY_SIZE, pad)
        right = x + column.width - pad
        if cell.mark:
            mark = Column("", 0, "LEFT")
            self._put(cell.mark, right + 1.8 - CELL_PAD, mark, baseline, BODY_BOLD,
                      BODY_SIZE - 0.5, 0)
        if cell.struck:
            return [(left - 1, right + 0.5, baseline + BODY_SIZE * 0.3)]
        return []


class TimeCardsRenderer(ReportRenderer[TimeCardsDocument]):
    """Lap analysis: each car's laps, one car after another, in classification order."""

    COLUMNS = (
        Column("Lap", 22, "CENTER", bold=True),
        Column("Lap time", 52 + MARK_ROOM, "RIGHT"),
        Column("S1", 38 + MARK_ROOM, "RIGHT"),
        Column("S2", 38 + MARK_ROOM, "RIGHT"),
        Column("S3", 38 + MARK_ROOM, "RIGHT"),
        Column("km/h", 30, "RIGHT"),
        Column("Top", 30, "RIGHT"),
        Column("Elapsed", 50, "RIGHT"),
        Column("Time of day", 56, "RIGHT"),
        Column("Flag", 26, "CENTER"),
        Column("Pit lane", 68, "LEFT"),
    )

    def columns(self) -> list[Column]:
        """The columns the time cards carry: a file without sectors, time of day or flags
        prints none (a generic laps file has only lap times), and Remarks gets the room."""
        laps = [lap for card in self.document.cards for lap in card.laps]
        missing = set()
        if not any(ms is not None for lap in laps for ms in lap.sectors):
            missing |= {"S1", "S2", "S3"}
        for title, known in (("km/h", any(lap.kph is not None for lap in laps)),
                             ("Top", any(lap.top_speed is not None for lap in laps)),
                             ("Time of day", any(lap.hour for lap in laps)),
                             ("Flag", any(lap.flag for lap in laps))):
            if not known:
                missing.add(title)
        kept = [c for c in self.COLUMNS if c.title not in missing]
        used = sum(c.width for c in kept)
        return [*kept, Column(REMARKS, self.content_width - used)]

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [note(text) for text in self.document.notes]
        story.append(Spacer(0, 2))
        columns = self.columns()
        for card in self.document.cards:
            story.append(self.card(card, columns))
            story.append(Spacer(0, 6))
        return story

    def card(self, card: TimeCard, columns: Sequence[Column]) -> LapTable:
        car = card.car
        parts = [f"No. {car.number}", car.driver, car.class_name, car.team]
        if car.position is not None:
            parts.append(f"P{car.position}" + ("" if car.status in ("", "Classified")
                                                 else f" ({car.status})"))
        elif car.status:
            parts.append(car.status)
        more = []
        if card.best_lap_ms is not None:
            more.append(f"Best lap {format_laptime(card.best_lap_ms)} (lap {card.best_lap_number})")
        else:
            more.append("No valid lap time")
        if any(card.best_sectors_ms):
            more.append("best sectors " + " · ".join(
                format_laptime(ms) or "—" for ms in card.best_sectors_ms))
        more.append(f"{len(card.laps)} laps")
        if card.drivers:
            more.append("drivers " + ", ".join(card.drivers))
        rows = []
        previous_driver = card.laps[0].driver if card.laps else ""
        for lap in card.laps:
            cells = self.line(lap, previous_driver)
            rows.append([cells[column.title] for column in columns])
            previous_driver = lap.driver or previous_driver
        footnotes = [
            f"X  Lap {lap.lap} time deleted: {lap.deleted}"
            + ("" if lap.deleted_by == "timing system" else f" ({lap.deleted_by})")
            for lap in card.laps if lap.deleted]
        return LapTable("  ·  ".join(part for part in parts if part), ";  ".join(more),
                        columns, rows, footnotes=footnotes)

    @staticmethod
    def line(lap: TimeCardLap, previous_driver: str) -> dict[str, Cell | str]:
        """The lap's cells by column title."""
        time = format_laptime(lap.lap_time_ms)
        time_cell: Cell | str = time
        if lap.deleted:
            time_cell = Cell(time, mark="X", struck=True)
        elif lap.best:
            time_cell = Cell(time, bold=True, mark="**" if lap.session_best else "*")
        sectors: list[Cell | str] = []
        for ms, best in zip(lap.sectors, lap.best_sectors, strict=True):
            text = format_laptime(ms)
            sectors.append(Cell(text, bold=True, mark="*") if best and text else text)
        pit = ""
        if lap.pit_out:
            pit = "OUT " + format_laptime(lap.pit_time_ms) if lap.pit_time_ms else "OUT"
        if lap.in_pit:
            pit = f"{pit}, IN" if pit else "IN"
        remarks = []
        if lap.deleted:
            remarks.append(f"DELETED — {lap.deleted_by}")
        if lap.driver and lap.driver != previous_driver:
            remarks.append(f"Driver: {lap.driver}")
        return {"Lap": str(lap.lap), "Lap time": time_cell, "S1": sectors[0], "S2": sectors[1],
                "S3": sectors[2], "km/h": speed_text(lap.kph), "Top": speed_text(lap.top_speed),
                "Elapsed": format_racetime(lap.elapsed_ms), "Time of day": lap.hour,
                "Flag": lap.flag, "Pit lane": pit, REMARKS: "; ".join(remarks)}


def render_time_cards(document: TimeCardsDocument) -> bytes:
    """The time cards as PDF bytes."""
    return TimeCardsRenderer(document).render()
