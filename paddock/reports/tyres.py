"""Tyre allocation: the event's registered tyres by car, and scannable barcode pages.

`render_tyre_allocation` prints a totals-against-quota summary (one line per car) and
then each car's tyres. `render_tyre_barcodes` prints one page per car with a Code 128
label for each of its tyres, for the scrutineers to scan back against the car.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from paddock.reports.base import (
    Column,
    ReportRenderer,
    data_table,
    heading,
    local_stamp,
    note,
)
from paddock.reports.documents import TyreAllocationDocument, TyreCar, TyreRow, TyreTotal
from paddock.reports.flowables import FitText, Line, fit_size
from paddock.reports.fonts import MONO_BOLD, SANS, SANS_BOLD
from paddock.reports.styles import (
    BODY_BOLD,
    BODY_SIZE,
    CELL_PAD,
    GREY,
    HEAD_SIZE,
    INK,
    NAVY,
    RED,
    RULE,
)

LABEL_WIDTH = 262.0
LABEL_HEIGHT = 84.0


#: Marks a count over its quota, so a black-and-white copy shows it as well as red does.
OVER_MARK = " ▲"


def total_text(total: TyreTotal) -> str:
    """``8 / 8``, ``9 / 8 ▲`` (over quota), or ``4`` where the type is not limited."""
    if total.quota is None:
        return str(total.count)
    return f"{total.count} / {total.quota}" + (OVER_MARK if over_quota(total) else "")


def over_quota(total: TyreTotal) -> bool:
    return total.quota is not None and total.count > total.quota


def car_title(car: TyreCar) -> str:
    return f"#{car.number}  {car.driver}"


def car_subtitle(car: TyreCar) -> str:
    return "  ·  ".join(part for part in (car.team, car.class_name, car.car) if part)


class TyreAllocationRenderer(ReportRenderer[TyreAllocationDocument]):
    """Summary of totals against quota by car, then each car's tyres.

    With ``barcodes`` (car numbers), the barcode pages of those cars follow the signature,
    numbered with the sheet ("Page 5 of 9" runs through the whole file).
    """

    def __init__(self, document: TyreAllocationDocument,
                 barcodes: Sequence[str] | None = None) -> None:
        super().__init__(document)
        self.barcodes = barcodes

    def page_templates(self) -> list[tuple[str, str]]:
        return [("barcodes", "Tyre Barcodes")] if self.barcodes else []

    def appendix(self) -> list[Flowable]:
        if not self.barcodes:
            return []
        wanted = set(self.barcodes)
        cars = [car for car in self.document.cars if car.number in wanted]
        return [NextPageTemplate("barcodes"), PageBreak(),
                *barcode_pages(cars, self.content_width)]

    def story(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = []
        if document.tyres:
            story.append(note("Tyres: " + document.tyres))
        if document.sizes:
            story.append(note("Sizes: " + "; ".join(document.sizes)))
        story.append(heading("Totals against quota"))
        story.append(self._summary())
        story.append(note(f"Counts over their quota are marked{OVER_MARK} and printed in red. "
                          "A tyre carried on to a later event stays listed here, "
                          "marked \u201cCarried to\u201d that event."))
        for car in document.cars:
            story.append(CondPageBreak(90))
            story.append(KeepTogether(self._car_section(car)))
        return story

    def _summary(self) -> Table:
        cars = self.document.cars
        labels = list(dict.fromkeys(t.label for car in cars for t in car.totals))
        fixed = [
            Column("No.", 30, "CENTER", bold=True),
            Column("Driver", 120, bold=True),
            Column("Team", 130),
            Column("Class", 48),
        ]
        # Each count column as wide as its heading's longest word and its widest count, so
        # a heading wraps between words and never shrinks to unreadable; the team gives way.
        widths = []
        for label in labels:
            counts = [total_text(t) for car in cars for t in car.totals if t.label == label]
            widths.append(2 * CELL_PAD + 2 + max(
                [stringWidth(word, BODY_BOLD, HEAD_SIZE) for word in label.split()]
                + [min(46.0, stringWidth(label, BODY_BOLD, HEAD_SIZE))]
                + [stringWidth(text, BODY_BOLD, BODY_SIZE) for text in counts] + [24.0]))
        room = self.content_width - sum(c.width for c in fixed) - 40 + 130
        team = max(70.0, room - sum(widths))
        if team + sum(widths) > room:
            widths = [w * (room - team) / sum(widths) for w in widths]
        fixed[2] = Column("Team", team)
        columns = [
            *fixed,
            *(Column(label, width, "RIGHT", bold=True) for label, width in zip(labels, widths,
                                                                            strict=True)),
            Column("Tyres", 40, "RIGHT"),
        ]
        body = []
        style = []
        for row_index, car in enumerate(cars, start=1):
            by_label = {t.label: t for t in car.totals}
            cells = [car.number, car.driver, car.team, car.class_name]
            for column_index, label in enumerate(labels, start=len(fixed)):
                total = by_label.get(label)
                cells.append("" if total is None else total_text(total))
                if total is not None and over_quota(total):
                    style.append(("TEXTCOLOR", (column_index, row_index),
                                  (column_index, row_index), RED))
                    style.append(("BACKGROUND", (column_index, row_index),
                                  (column_index, row_index), RULE))
            cells.append(str(len(car.tyres)))
            body.append(cells)
        return data_table(columns, body, extra_style=style)

    def _car_section(self, car: TyreCar) -> list[Flowable]:
        zone = self.document.local_tz
        columns = [
            Column("#", 20, "RIGHT"),
            Column("Barcode", 90, bold=True),
            Column("Type", 32),
            Column("Position", 84),
            Column("Registered", 88),
            Column("Status", 110),
            Column("Note", self.content_width - 424),
        ]
        body = [
            [
                str(index),
                tyre.barcode,
                tyre.tyre_type,
                tyre.position,
                local_stamp(tyre.registered_at, zone),
                tyre.status,
                tyre.note,
            ]
            for index, tyre in enumerate(car.tyres, start=1)
        ]
        totals = "   ".join(f"{t.label}: {total_text(t)}" for t in car.totals)
        flagged = [t.label for t in car.totals if over_quota(t)]
        lines = [Line(car_title(car), SANS_BOLD, 10, NAVY), Line(car_subtitle(car), SANS, 8, GREY)]
        section: list[Flowable] = [Spacer(0, 8), FitText(lines), Spacer(0, 3)]
        gone = [("FONTNAME", (5, row), (5, row), BODY_BOLD)
                for row, tyre in enumerate(car.tyres, start=1) if tyre.carried_to]
        section.append(data_table(columns, body, extra_style=gone) if body
                       else note("No tyres registered."))
        summary = [Line(f"Totals — {totals}" if totals else "No totals.", BODY_BOLD, 8, INK)]
        if flagged:
            summary.append(Line("Over quota: " + ", ".join(flagged),
                                BODY_BOLD, 8, RED))
        section += [Spacer(0, 2), FitText(summary)]
        return section


class BarcodeLabel(Flowable):
    """One tyre's label: a Code 128 barcode, its digits, type, position and status."""

    def __init__(self, car: TyreCar, tyre: TyreRow, index: int) -> None:
        super().__init__()
        self.car = car
        self.tyre = tyre
        self.index = index

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = min(availWidth, LABEL_WIDTH)
        self.height = LABEL_HEIGHT
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.setDash(2, 2)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.setDash()
        # A wide module scans reliably off an office laser printer: as wide as fits, ≤ 1.2 pt.
        probe = Code128(self.tyre.barcode, barWidth=1.0, quiet=False)
        bar_width = min(1.2, (self.width - 24) / probe.width)
        barcode = Code128(
            self.tyre.barcode, barWidth=bar_width, barHeight=38, quiet=False
        )
        barcode.drawOn(canvas, (self.width - barcode.width) / 2, 28)
        canvas.setFillColor(INK)
        canvas.setFont(MONO_BOLD, fit_size(self.tyre.barcode, MONO_BOLD, 11, self.width - 12, 6))
        canvas.drawCentredString(self.width / 2, 16, self.tyre.barcode)
        detail = f"{self.index}. {self.tyre.tyre_type} · {self.tyre.position} · {self.tyre.status}"
        canvas.setFont(SANS, fit_size(detail, SANS, 7, self.width - 12, 4))
        canvas.setFillColor(GREY)
        canvas.drawCentredString(self.width / 2, 6, detail)
        canvas.setFont(SANS_BOLD, 7)
        canvas.setFillColor(NAVY)
        canvas.drawString(4, self.height - 10, f"#{self.car.number}")


def barcode_pages(cars: Sequence[TyreCar], width: float) -> list[Flowable]:
    """One page per car: its tyres still at the event as Code 128 labels, two across."""
    if not cars:
        return [note("No tyres registered.")]
    story: list[Flowable] = []
    for index, car in enumerate(cars):
        if index:
            story.append(PageBreak())
        story.append(FitText([Line(car_title(car), SANS_BOLD, 16, NAVY),
                              Line(car_subtitle(car), SANS, 9, GREY)]))
        story.append(Spacer(0, 8))
        here = [tyre for tyre in car.tyres if not tyre.carried_to]
        labels = [BarcodeLabel(car, tyre, i) for i, tyre in enumerate(here, start=1)]
        if not labels:
            story.append(note("No tyres registered."))
            continue
        pairs = [labels[i:i + 2] + [""] * (2 - len(labels[i:i + 2]))
                 for i in range(0, len(labels), 2)]
        story.append(
            Table(
                pairs,
                colWidths=[width / 2] * 2,
                style=[
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                    ("ALIGN", (0, 0), (0, -1), "LEFT"),
                    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ],
                hAlign="LEFT",
            )
        )
    return story


class TyreBarcodesRenderer(ReportRenderer[TyreAllocationDocument]):
    """One page per car: its tyres as Code 128 labels, two across."""

    def letterhead_title(self) -> str:
        return "Tyre Barcodes"

    def __init__(self, document: TyreAllocationDocument,
                 numbers: Sequence[str] | None = None) -> None:
        # The barcode pages alone sign nothing: the signature belongs to the sheet.
        super().__init__(replace(document, signatures=()))
        wanted = None if numbers is None else set(numbers)
        self.cars = [c for c in document.cars if wanted is None or c.number in wanted]

    def story(self) -> list[Flowable]:
        return barcode_pages(self.cars, self.content_width)


def render_tyre_allocation(document: TyreAllocationDocument,
                           barcodes: Sequence[str] | None = None) -> bytes:
    """The event's tyre allocation by car, as PDF bytes; then the barcode pages of the
    cars numbered in ``barcodes``, if given, in the same file and page count."""
    return TyreAllocationRenderer(document, barcodes).render()


def render_tyre_barcodes(
    document: TyreAllocationDocument, numbers: Sequence[str] | None = None
) -> bytes:
    """Barcode pages, one per car (all cars, or the car numbers given), as PDF bytes."""
    return TyreBarcodesRenderer(document, numbers).render()
