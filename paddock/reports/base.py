"""The renderer every document builds on: page, letterhead, status band, footer, tables.

A renderer is made from one document (plain data from `paddock.reports.documents`) and
returns PDF bytes. Subclasses supply the body by overriding `story`; the base draws on
every page the letterhead (mark, series, event, venue and dates, document title, session
and its date and start),
the status band (PROVISIONAL, or OFFICIAL with revision and publication time) and the
footer (posting time, "Page X of Y", and the hash of an official document: its
revision's, or its own for a document computed from several, see `footer_hash`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from functools import cache
from io import BytesIO
from typing import Any, Generic, TypeAlias, TypeVar

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import CondPageBreak

from paddock.reports.assets import image_path
from paddock.reports.documents import DocumentBase, SessionInfo, content_hash
from paddock.reports.flowables import FitText, Line, SignatureBlock, clip, fit_size
from paddock.reports.fonts import MONO, SANS, SANS_BOLD, register_fonts
from paddock.reports.styles import (
    BODY_BOLD,
    BODY_FONT,
    BODY_SIZE,
    CELL_PAD,
    GREY,
    HEAD_SIZE,
    HEADING,
    INK,
    MIN_SCALE,
    NAVY,
    NOTE,
    RED,
    RULE,
    WHITE,
    ZEBRA,
)

D = TypeVar("D", bound=DocumentBase)
Cell: TypeAlias = "str | Flowable"


# reportlab keeps per-document state inside shared font objects (the subsets being built),
# so two renders on two worker threads at once could mix glyphs: one render at a time.
_render_lock = threading.Lock()


def local_stamp(moment: datetime, zone: tzinfo) -> str:
    """``27 Jun 2021 14:05 EDT``: a UTC-aware moment in the event's local time."""
    local = moment.astimezone(zone)
    name = local.tzname() or "UTC"
    return f"{local.day} {local:%b %Y %H:%M} {name}"


def session_date(info: SessionInfo, zone: tzinfo) -> str:
    """"Friday 19 March 2021": the session's day in the event's time zone; "" unknown."""
    if info.starts_at is None:
        return ""
    local = info.starts_at.astimezone(zone)
    return f"{local:%A} {local.day} {local:%B %Y}"


def session_start(info: SessionInfo, zone: tzinfo) -> str:
    """"14:05 EDT": the scheduled start, local, with the zone's abbreviation; "" unknown."""
    if info.starts_at is None:
        return ""
    local = info.starts_at.astimezone(zone)
    return f"{local:%H:%M} {local.tzname() or 'UTC'}"


def session_length(info: SessionInfo) -> str:
    """"45 min", "20 laps", "" when not set."""
    if info.length_laps is not None:
        return f"{info.length_laps} lap" + ("" if info.length_laps == 1 else "s")
    if info.duration_minutes is not None:
        return f"{info.duration_minutes} min"
    return ""


def session_conditions(info: SessionInfo) -> str:
    """"Dry · air 24 °C · track 31 °C"; "" when nothing was typed."""
    parts = [info.conditions.capitalize()] if info.conditions else []
    parts += [f"{what} {value:g} °C" for what, value in (("air", info.air_c),
                                                        ("track", info.track_c))
              if value is not None]
    return " · ".join(parts)


def session_facts(info: SessionInfo, zone: tzinfo) -> list[tuple[str, str]]:
    """The title block's facts as (label, value), "—" for what is not known.

    The distance is left out when unknown (qualifying, practice, a race not yet run to
    time), the conditions when nobody typed them.
    """
    facts = [("Date", session_date(info, zone)), ("Scheduled start", session_start(info, zone)),
             ("Length", session_length(info))]
    if info.distance_m:
        facts.append(("Distance", f"{info.distance_m / 1000:.2f} km"))
    facts.append(("Track length", f"{info.lap_length_m / 1000:.3f} km" if info.lap_length_m
                  else ""))
    conditions = session_conditions(info)
    if conditions:
        facts.append(("Conditions", conditions))
    return [(label, value or "—") for label, value in facts]


def facts_table(info: SessionInfo, zone: tzinfo, width: float) -> Table:
    """The session's facts under the status band: small labels over bold values."""
    facts = session_facts(info, zone)
    weights = {"Date": 1.55, "Conditions": 2.2}
    total = sum(weights.get(label, 1.0) for label, _ in facts)
    widths = [width * weights.get(label, 1.0) / total for label, _ in facts]
    values: list[Cell] = []
    for (_, value), column in zip(facts, widths, strict=True):
        if stringWidth(value, SANS_BOLD, 8.5) > column - 2 * CELL_PAD:
            values.append(FitText([Line(value, SANS_BOLD, 8.5)], "left"))
        else:
            values.append(value)
    style: list[tuple[Any, ...]] = [
        # A light box: the facts belong to the session, not to the table below.
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.4, RULE),
        ("FONT", (0, 0), (-1, 0), SANS, 6.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), GREY),
        ("FONT", (0, 1), (-1, 1), SANS_BOLD, 8.5),
        ("TEXTCOLOR", (0, 1), (-1, 1), INK),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, 0), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 1),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 3.5),
    ]
    return Table([[label for label, _ in facts], values], colWidths=widths,
                 style=TableStyle(style), hAlign="LEFT")


def status_text(document: DocumentBase) -> str:
    """What the status band says; "" when the document has no status."""
    status = document.status
    if status is None:
        return ""
    if not status.official:
        return "PROVISIONAL"
    # Revision 0: official, but no revision of its own (standings computed from
    # official classifications, which carry theirs).
    text = f"OFFICIAL — Revision {status.revision}" if status.revision > 0 else "OFFICIAL"
    if status.published_at is not None:
        # Revision 0 (a grid, the standings): when the last of its sources was published.
        text += (", published " if status.revision > 0 else " — published ") + local_stamp(
            status.published_at, document.local_tz)
    return text


def footer_hash(document: DocumentBase) -> tuple[str, str]:
    """The hash an official document prints bottom right, and its label; ("", "") for none.

    A document drawn from one official revision prints that revision's own hash, the one
    the record holds and ``paddock verify`` recomputes ("Revision 2 hash 3d683fb2658d").
    A document computed from several revisions prints a hash of its own data, which takes
    in its sources' hashes ("Document hash ..."). Provisional documents print none: their
    content is not settled, and a hash would look like a seal.
    """
    status = document.status
    if status is None or not status.official:
        return "", ""
    if status.content_hash:
        return f"Revision {status.revision} hash ", status.content_hash
    return "Document hash ", content_hash(document)


def ordered_classes(names: Iterable[str], preferred: Sequence[str]) -> list[str]:
    """Class names in the preferred order, then the others in order of appearance."""
    seen = list(dict.fromkeys(names))
    first = [name for name in preferred if name in seen]
    return first + [name for name in seen if name not in first]


@dataclass(frozen=True)
class Column:
    """A table column: heading, width in points, alignment, and whether its body is bold."""

    title: str
    width: float
    align: str = "LEFT"  # "LEFT", "CENTER" or "RIGHT"
    bold: bool = False


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    extra_style: Sequence[tuple[Any, ...]] = (),
    font_size: float = BODY_SIZE,
) -> Table:
    """A document table: navy heading repeated on every page, zebra rows, fitted cells.

    A string too wide for its column becomes a `FitText`, which shrinks it a little and
    then wraps it, so no text ever crosses into the next column.
    """
    heading: list[Cell] = []
    for column in columns:
        room = column.width - 2 * CELL_PAD
        if stringWidth(column.title, BODY_BOLD, HEAD_SIZE) <= room:
            heading.append(column.title)
        else:
            heading.append(FitText([heading_line(column.title, room)], column.align.lower()))
    body: list[list[Cell]] = [heading]
    for row in rows:
        cells: list[Cell] = []
        for column, cell in zip(columns, row, strict=True):
            font = BODY_BOLD if column.bold else BODY_FONT
            if isinstance(cell, str) and stringWidth(cell, font, font_size) > (
                column.width - 2 * CELL_PAD
            ):
                cell = FitText([Line(cell, font, font_size)], column.align.lower())
            cells.append(cell)
        body.append(cells)

    style: list[tuple[Any, ...]] = [
        # Heading: white on navy, repeated at the top of every page (repeatRows=1).
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("TEXTCOLOR", (0, 0), (-1, 0), WHITE),
        ("FONT", (0, 0), (-1, 0), BODY_BOLD, HEAD_SIZE),
        # Body: condensed face, alternate rows shaded so a line can be followed across.
        ("FONT", (0, 1), (-1, -1), BODY_FONT, font_size),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [WHITE, ZEBRA]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
    ]
    for index, column in enumerate(columns):
        style.append(("ALIGN", (index, 0), (index, -1), column.align))
        if column.bold:
            style.append(("FONTNAME", (index, 1), (index, -1), BODY_BOLD))
    style.extend(extra_style)
    return Table(
        body,
        colWidths=[column.width for column in columns],
        repeatRows=1,
        style=TableStyle(style),
        hAlign="LEFT",
    )


def heading_line(title: str, room: float) -> Line:
    """A column heading that wraps between words only: it shrinks until its longest word fits.

    "Replacements" broken into "Replacem" / "ents" reads as two words on a photocopy.
    """
    longest = max((stringWidth(word, BODY_BOLD, HEAD_SIZE) for word in title.split()),
                  default=0.0)
    scale = min(MIN_SCALE, room / longest * 0.99) if longest > room else MIN_SCALE
    return Line(title, BODY_BOLD, HEAD_SIZE, WHITE, min_scale=max(0.3, scale))


def heading(text: str) -> Paragraph:
    """A section heading ("Not classified", "Fastest lap per class")."""
    return Paragraph(_escape(text), HEADING)


def note(text: str) -> Paragraph:
    """A short italic note under a table."""
    return Paragraph(_escape(text), NOTE)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def _mark() -> ImageReader:
    # Decoded once per process: each render then only embeds the already-read image.
    return ImageReader(str(image_path("paddock-mark-print.png")))


def _draw_marker(canvas: Canvas, text: str, x: float, y: float, *,
                 centred: bool = False) -> None:
    """A marker such as "DEMO — fictional data": red, bold, on every page."""
    canvas.saveState()
    canvas.setFillColor(RED)
    canvas.setFont(SANS_BOLD, 9)
    if centred:
        canvas.drawCentredString(x, y, text)
    else:
        canvas.drawRightString(x, y, text)
    canvas.restoreState()


def _numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages back until the end, to print "Page X of Y"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            # Canvas's own (private) page reset: types-reportlab does not declare it.
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                # A private Canvas attribute that types-reportlab does not declare.
                footer(self, self._pageNumber, total)  # type: ignore[attr-defined]
                super().showPage()
            super().save()

    return NumberedCanvas


class ReportRenderer(Generic[D]):
    """Base of every document renderer (US Letter, portrait).

    Subclasses override `story`; `render` returns the PDF.
    """

    pagesize: tuple[float, float] = LETTER
    margin_x = 36.0
    #: Space above the frame for the letterhead and status band.
    header_height = 104.0
    #: Space below the frame for the footer.
    footer_height = 50.0

    def __init__(self, document: D) -> None:
        self.document = document
        self._hash_label, self._hash = footer_hash(document)

    @property
    def content_width(self) -> float:
        return self.pagesize[0] - 2 * self.margin_x

    # --- hooks -------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        """The document's body, between letterhead and footer."""
        raise NotImplementedError

    def letterhead_title(self) -> str:
        """The title printed top right (the document's own, unless a renderer says)."""
        return self.document.title

    def session_when(self) -> str:
        """"Fri 19 Mar 2021 · start 14:05 EDT" under the session's name; "" for none."""
        info = self.document.session_info
        if info is None or info.starts_at is None:
            return ""
        local = info.starts_at.astimezone(self.document.local_tz)
        return (f"{local:%a} {local.day} {local:%b %Y} · start "
                f"{session_start(info, self.document.local_tz)}")

    def pdf_title(self) -> str:
        parts = [self.document.series, self.letterhead_title(), self.document.session]
        return " — ".join(part for part in parts if part)

    # --- building ----------------------------------------------------------------------

    def render(self) -> bytes:
        """Build the PDF and return its bytes."""
        register_fonts()
        buffer = BytesIO()
        height = self.pagesize[1]
        template = BaseDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.margin_x,
            rightMargin=self.margin_x,
            topMargin=self.header_height,
            bottomMargin=self.footer_height,
            title=self.pdf_title(),
            author="Paddock",
            creator="Paddock",
            subject=self.document.subtitle,
        )
        frame = Frame(
            self.margin_x,
            self.footer_height,
            self.content_width,
            height - self.header_height - self.footer_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        templates = [PageTemplate(id="page", frames=[frame], onPage=self._draw_letterhead)]
        for kind, title in self.page_templates():
            templates.append(PageTemplate(id=kind, frames=[frame],
                                          onPage=self._letterhead_titled(title)))
        template.addPageTemplates(templates)
        with _render_lock:
            template.build(self._full_story(), canvasmaker=_numbered_canvas(self._draw_footer))
        return buffer.getvalue()

    def _full_story(self) -> list[Flowable]:
        story: list[Flowable] = []
        info = self.document.session_info
        if info is not None:
            story.append(facts_table(info, self.document.local_tz, self.content_width))
            story.append(Spacer(0, 5))
        status = self.document.status
        if status is not None and status.reason:
            story.append(note(f"Revision {status.revision}: {status.reason}"
                              if status.official and status.revision > 0 else status.reason))
            story.append(Spacer(0, 4))
        story.extend(self.story())
        if self.document.signatures:
            story.append(CondPageBreak(80))
            story.append(KeepTogether([Spacer(0, 16), SignatureBlock(self.document.signatures)]))
        story.extend(self.appendix())
        return story

    def appendix(self) -> list[Flowable]:
        """Pages after the signatures, numbered with the document (e.g. barcode labels)."""
        return []

    def page_templates(self) -> list[tuple[str, str]]:
        """Further page kinds as (template id, letterhead title); the first kind is "page".

        A story switches with ``NextPageTemplate(id)`` before a page break.
        """
        return []

    # --- page furniture ----------------------------------------------------------------

    def _letterhead_titled(self, title: str) -> Callable[[Canvas, BaseDocTemplate], None]:
        def draw(canvas: Canvas, template: BaseDocTemplate) -> None:
            self._draw_letterhead(canvas, template, title)

        return draw

    def _draw_letterhead(self, canvas: Canvas, _template: BaseDocTemplate,
                         title: str | None = None) -> None:
        document = self.document
        width, height = self.pagesize
        left, right = self.margin_x, width - self.margin_x
        top = height - 30
        canvas.saveState()

        canvas.drawImage(_mark(), left - 2, top - 42, 44, 44)
        text_left = left + 50
        # The right block (title, session) gets what it needs, up to 45% of the width.
        title = title or self.letterhead_title()
        title_size = fit_size(title, SANS_BOLD, 15, self.content_width * 0.45, 9)
        session_size = fit_size(document.session, SANS_BOLD, 11, self.content_width * 0.45, 7)
        right_width = min(
            self.content_width * 0.45,
            max(
                stringWidth(title, SANS_BOLD, title_size),
                stringWidth(document.session, SANS_BOLD, session_size),
                stringWidth(self.session_when(), SANS, 7.5),
            ),
        )
        room = right - right_width - 16 - text_left

        where = "  ·  ".join(part for part in (document.venue, document.dates) if part)
        lines = (
            (document.series, SANS_BOLD, 13, 8, NAVY, 11),
            (document.subtitle, SANS, 10, 6.5, INK, 25),
            (where, SANS, 8.5, 6, GREY, 37),
        )
        for text, font, size, smallest, color, drop in lines:
            # Shrink first; a name too long even then is cut rather than run into the title.
            size = fit_size(text, font, size, room, smallest)
            canvas.setFillColor(color)
            canvas.setFont(font, size)
            canvas.drawString(text_left, top - drop, clip(text, font, size, room))

        canvas.setFillColor(INK)
        canvas.setFont(SANS_BOLD, title_size)
        canvas.drawRightString(right, top - 12, clip(title, SANS_BOLD, title_size, right_width))
        if document.session:
            canvas.setFillColor(NAVY)
            canvas.setFont(SANS_BOLD, session_size)
            canvas.drawRightString(
                right, top - 28, clip(document.session, SANS_BOLD, session_size, right_width)
            )
        when = self.session_when()
        if when:
            # On every page: which day and start the sheet is about.
            canvas.setFillColor(GREY)
            canvas.setFont(SANS, 7.5)
            canvas.drawRightString(right, top - 40, clip(when, SANS, 7.5, right_width))

        canvas.setStrokeColor(NAVY)
        canvas.setLineWidth(1.4)
        canvas.line(left, top - 47, right, top - 47)
        if document.marker:
            _draw_marker(canvas, document.marker, right, height - 18)

        band = status_text(document)
        if band:
            official = document.status is not None and document.status.official
            canvas.setFillColor(NAVY if official else WHITE)
            canvas.setStrokeColor(NAVY)
            canvas.setLineWidth(1)
            canvas.rect(left, top - 68, right - left, 16, fill=1, stroke=1)
            canvas.setFillColor(WHITE if official else NAVY)
            canvas.setFont(SANS_BOLD, 9.5)
            if official:
                canvas.drawCentredString(width / 2, top - 63.5, band)
            else:
                # Letter-spaced so it reads as a stamp, not as a word in the text.
                canvas.drawCentredString(width / 2, top - 63.5, band, charSpace=2.5)
        canvas.restoreState()

    def _draw_footer(self, canvas: Canvas, page: int, total: int) -> None:
        document = self.document
        width = self.pagesize[0]
        left, right = self.margin_x, width - self.margin_x
        y = self.footer_height - 22
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(left, y + 11, right, y + 11)
        canvas.setFillColor(GREY)
        canvas.setFont(SANS, 7.5)
        stamp = local_stamp(document.generated_at.astimezone(UTC), document.local_tz)
        canvas.drawString(left, y, f"Posted {stamp} · Paddock")
        canvas.setFillColor(INK)
        canvas.setFont(SANS_BOLD, 8.5)
        canvas.drawCentredString(width / 2, y, f"Page {page} of {total}")
        if document.marker:
            _draw_marker(canvas, document.marker, width / 2, y - 13, centred=True)
        if self._hash:
            canvas.setFont(SANS, 7.5)
            canvas.setFillColor(GREY)
            canvas.drawRightString(right - stringWidth(self._hash, MONO, 8), y,
                                   self._hash_label)
            canvas.setFont(MONO, 8)
            canvas.setFillColor(INK)
            canvas.drawRightString(right, y, self._hash)
        canvas.restoreState()
