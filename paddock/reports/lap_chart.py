"""The lap chart: each car's position at the end of every lap, drawn and tabled.

Page 1 (landscape) is the chart, drawn with reportlab's own graphics: one line per car,
position 1 at the top, each class in its colour *and* its own dash pattern and marker, so
a grey photocopy still tells the classes apart; every line carries its car's number at
both ends. Then the table: laps down, positions across, the car numbers in the cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.platypus import Flowable, PageBreak, Spacer

from paddock.reports.base import Column, ReportRenderer, data_table, heading, note
from paddock.reports.fonts import CONDENSED, CONDENSED_BOLD, SANS
from paddock.reports.lap_documents import LapChartDocument
from paddock.reports.styles import GREY, INK, RULE

#: One style per class, in the season's class order: colour, dash pattern, marker.
CLASS_STYLES: tuple[tuple[Any, tuple[float, ...], str], ...] = (
    (colors.HexColor("#1f4e9c"), (), "circle"),
    (colors.HexColor("#c0392b"), (5, 2), "square"),
    (colors.HexColor("#1e8449"), (1.2, 1.8), "triangle"),
    (colors.HexColor("#b9770e"), (6, 2, 1.5, 2), "diamond"),
    (colors.HexColor("#6c3483"), (3, 3), "cross"),
    (colors.HexColor("#5d6d7e"), (8, 3), "circle"),
)
#: Markers on every this-many laps (and on the first and last) keep a long race readable.
MARKER_EVERY = 5


def _rect(x: float, y: float, width: float, height: float, **style: Any) -> Rect:
    # types-reportlab types Rect's **kw as the TypedDict itself rather than Unpack[...] of it,
    # so it refuses every keyword; passed on as a dict they are checked by reportlab alone.
    return Rect(x, y, width, height, **style)


def _marker(kind: str, x: float, y: float, color: Any, size: float = 2.4) -> list[Any]:
    if kind == "square":
        return [_rect(x - size, y - size, 2 * size, 2 * size, fillColor=colors.white,
                     strokeColor=color, strokeWidth=0.8)]
    if kind == "triangle":
        return [Polygon([x - size, y - size, x + size, y - size, x, y + size * 1.2],
                        fillColor=color, strokeColor=color, strokeWidth=0.5)]
    if kind == "diamond":
        return [Polygon([x, y - size * 1.3, x + size, y, x, y + size * 1.3, x - size, y],
                        fillColor=colors.white, strokeColor=color, strokeWidth=0.8)]
    if kind == "cross":
        return [Line(x - size, y - size, x + size, y + size, strokeColor=color, strokeWidth=1),
                Line(x - size, y + size, x + size, y - size, strokeColor=color, strokeWidth=1)]
    return [Circle(x, y, size, fillColor=color, strokeColor=color, strokeWidth=0.5)]


def class_styles(classes: Sequence[str]) -> dict[str, tuple[Any, tuple[float, ...], str]]:
    return {name: CLASS_STYLES[index % len(CLASS_STYLES)] for index, name in enumerate(classes)}


def chart_drawing(document: LapChartDocument, width: float, height: float) -> Drawing:
    """The lap chart as one drawing of ``width`` by ``height`` points."""
    drawing = Drawing(width, height)
    cars = [car for car in document.cars if car.positions]
    laps = max((len(car.positions) for car in cars), default=0)
    field = max((max((*car.positions, car.grid_position or 0)) for car in cars), default=0)
    # With a grid the lines start from it, at "lap 0".
    first = 0 if any(car.grid_position for car in cars) else 1
    classes = [c for c in document.class_order if any(car.car.class_name == c for car in cars)]
    classes += [name for name in dict.fromkeys(car.car.class_name for car in cars)
                if name not in classes]
    styles = class_styles(classes)
    if not laps or not field:
        drawing.add(String(width / 2, height / 2, "No laps", fontName=SANS, fontSize=10,
                           textAnchor="middle"))
        return drawing

    legend_height = 18
    left, right, bottom, top = 36.0, width - 36.0, 20.0, height - legend_height - 6
    step_x = (right - left) / max(1, laps - first) if laps > first else 0
    step_y = (top - bottom) / max(1, field - 1)

    def x_of(lap: int) -> float:
        return left + (lap - first) * step_x if laps > first else (left + right) / 2

    def y_of(position: int) -> float:
        return top - (position - 1) * step_y

    # Grid: a faint line per position, labels both sides; laps along the bottom.
    label_size = min(6.5, max(4.0, step_y * 0.85))
    for position in range(1, field + 1):
        y = y_of(position)
        drawing.add(Line(left, y, right, y, strokeColor=colors.HexColor("#e3e6eb"),
                         strokeWidth=0.3))
        ends: tuple[tuple[float, Literal["start", "end"]], ...] = ((4, "start"), (width - 4, "end"))
        for x, anchor in ends:
            drawing.add(String(x, y - label_size * 0.35, str(position), fontName=CONDENSED,
                               fontSize=label_size, fillColor=GREY, textAnchor=anchor))
    lap_step = 1 if laps <= 30 else 5 if laps <= 150 else 10
    for lap in range(first, laps + 1):
        if lap in (first, 1, laps) or lap % lap_step == 0:
            x = x_of(lap)
            drawing.add(Line(x, bottom - 3, x, top, strokeColor=colors.HexColor("#e3e6eb"),
                             strokeWidth=0.3))
            drawing.add(String(x, bottom - 11, str(lap) if lap else "Grid", fontName=CONDENSED,
                               fontSize=6.5, fillColor=GREY, textAnchor="middle"))
    drawing.add(String((left + right) / 2, 1, "Lap", fontName=CONDENSED_BOLD, fontSize=7,
                       fillColor=INK, textAnchor="middle"))

    # One line per car, the leader's last; numbers at both ends.
    number_size = min(6.0, max(4.0, step_y * 0.8))
    for car in reversed(cars):
        color, dash, marker = styles[car.car.class_name]
        points: list[float] = []
        if first == 0 and car.grid_position:
            points += [x_of(0), y_of(car.grid_position)]
        for lap, position in enumerate(car.positions, start=1):
            points += [x_of(lap), y_of(position)]
        if len(points) >= 4:
            drawing.add(PolyLine(points, strokeColor=color, strokeWidth=0.9,
                                 # None (solid) is reportlab's own default; the stubs omit it.
                                 strokeDashArray=list(dash) or None,  # type: ignore[arg-type]
                                 strokeLineJoin=1))
        last = len(car.positions)
        for lap, position in enumerate(car.positions, start=1):
            if lap in (1, last) or lap % MARKER_EVERY == 0:
                for shape in _marker(marker, x_of(lap), y_of(position), color):
                    drawing.add(shape)
        end_x, end_y = x_of(last), y_of(car.positions[-1])
        drawing.add(String(end_x + 4, end_y - number_size * 0.35, car.car.number,
                           fontName=CONDENSED_BOLD, fontSize=number_size, fillColor=INK))
        start_lap, start = ((0, car.grid_position) if first == 0 and car.grid_position
                            else (1, car.positions[0]))
        if start_lap == 0:
            for shape in _marker(marker, x_of(0), y_of(start), color):
                drawing.add(shape)
        start_y = y_of(start)
        drawing.add(String(x_of(start_lap) - 4, start_y - number_size * 0.35, car.car.number,
                           fontName=CONDENSED_BOLD, fontSize=number_size, fillColor=INK,
                           textAnchor="end"))

    # Legend: each class's line, marker and name, across the top.
    x = left
    y = height - legend_height / 2
    for name in classes:
        color, dash, marker = styles[name]
        drawing.add(Line(x, y, x + 28, y, strokeColor=color, strokeWidth=1.2,
                         # None (solid) is reportlab's own default; the stubs omit it.
                         strokeDashArray=list(dash) or None))  # type: ignore[arg-type]
        for shape in _marker(marker, x + 14, y, color, 2.8):
            drawing.add(shape)
        drawing.add(String(x + 33, y - 3, name or "(no class)", fontName=CONDENSED_BOLD,
                           fontSize=8, fillColor=INK))
        x += 48 + len(name or "(no class)") * 5.2
    drawing.add(_rect(left, bottom, right - left, top - bottom, fillColor=None,
                      strokeColor=RULE, strokeWidth=0.5))
    return drawing


class LapChartRenderer(ReportRenderer[LapChartDocument]):
    """Landscape: the chart on the first page, the table of positions after it."""

    pagesize = landscape(LETTER)

    def chart_height(self) -> float:
        return self.pagesize[1] - self.header_height - self.footer_height - 34

    def table_columns(self, field: int) -> list[Column]:
        lap_width = 26.0
        cell = (self.content_width - lap_width) / max(1, field)
        return [Column("Lap", lap_width, "CENTER", bold=True),
                *(Column(str(p), cell, "CENTER") for p in range(1, field + 1))]

    def story(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = [
            chart_drawing(document, self.content_width, self.chart_height()),
            Spacer(0, 4),
            note("Lines by class: colour, dash pattern and marker (markers every "
                 f"{MARKER_EVERY} laps). Car numbers at both ends of each line."),
        ]
        if document.order:
            field = max(len(order) for order in document.order)
            field = max(field, len(document.grid))
            body = [[str(lap), *order, *([""] * (field - len(order)))]
                    for lap, order in enumerate(document.order, start=1)]
            if document.grid:
                body.insert(0, ["Grid", *document.grid,
                                *([""] * (field - len(document.grid)))])
            size = 8.0 if field <= 30 else 7.0
            story += [PageBreak(), heading("Positions at the end of each lap"),
                      data_table(self.table_columns(field), body, font_size=size)]
        return story + [note(text) for text in document.notes]


def render_lap_chart(document: LapChartDocument) -> bytes:
    """The lap chart (drawing and table) as PDF bytes."""
    return LapChartRenderer(document).render()
