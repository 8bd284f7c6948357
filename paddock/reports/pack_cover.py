"""The cover page of the combined event pack: the event, when the pack was made, and an
index of its documents with their state and the page each starts on."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from paddock.reports.base import (
    Cell,
    Column,
    ReportRenderer,
    data_table,
    heading,
    local_stamp,
    note,
)
from paddock.reports.documents import EventPackCover
from paddock.reports.fonts import SANS_BOLD
from paddock.reports.styles import TEXT

INDEX_COLUMNS = (
    Column("No.", 28, "CENTER"),
    Column("Document", 180, bold=True),
    Column("State", 120),
    Column("File", 144),
    Column("Pages", 30, "CENTER"),
    Column("From page", 38, "CENTER", bold=True),
)
MISSING_COLUMNS = (
    Column("Document", 218, bold=True),
    Column("Not in the pack because", 322),
)


class PackCoverRenderer(ReportRenderer[EventPackCover]):
    def story(self) -> list[Flowable]:
        document = self.document
        made = local_stamp(document.generated_at, document.local_tz)
        included = [e for e in document.entries if e.first_page is not None]
        missing = [e for e in document.entries if e.first_page is None]
        intro = (f"<font name='{SANS_BOLD}'>Made {made}</font> by Paddock. "
                 f"{len(included)} document{'s' if len(included) != 1 else ''} follow"
                 f"{'' if len(included) != 1 else 's'} this cover, each as it stood at that "
                 "time and with its own page numbers; each is also in the pack's folder as a "
                 "file of its own.")
        story: list[Flowable] = [Paragraph(intro, TEXT), heading("Contents")]
        rows: list[list[Cell]] = [
            [str(index), e.title, e.state or "—", e.file_name, str(e.pages), str(e.first_page)]
            for index, e in enumerate(included, start=1)]
        story.append(data_table(INDEX_COLUMNS, rows, font_size=8.5))
        story.append(Spacer(0, 3))
        story.append(note("From page: the page of this file the document starts on."))
        if missing:
            story.append(heading("Not made yet"))
            story.append(data_table(MISSING_COLUMNS, [[e.title, e.missing] for e in missing]))
        return story


def render_pack_cover(document: EventPackCover) -> bytes:
    """The combined event pack's cover and index, as PDF bytes."""
    return PackCoverRenderer(document).render()


