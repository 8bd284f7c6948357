"""Documents as PDF bytes: fill the plain document data, hand it to a renderer.

The renderer modules import reportlab, which costs start-up time; they are imported
only when a document is actually made.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from paddock.db.engine import Database
from paddock.db.models import RaceClass
from paddock.reports.documents import PROVISIONAL, EntryListDocument, EntryListRow
from paddock.services.entries import list_entries
from paddock.services.season import current_season, event_view

SERIES = "Porsche Carrera Cup North America"


def round_label(number: int) -> str:
    """Event N holds rounds 2N-1 and 2N: two races per event."""
    return f"Rounds {2 * number - 1} & {2 * number}"


def entry_list_document(db: Database, event: str | None = None) -> EntryListDocument:
    with db.reader() as session:
        season = current_season(session)
        class_order = tuple(session.exec(
            select(RaceClass.name).where(RaceClass.season_id == season.id)
            .order_by(RaceClass.sort_order)  # type: ignore[arg-type]
        ).all())
        year = season.year
    rows = tuple(
        EntryListRow(number=e.number, class_name=e.class_name, driver=e.driver,
                     nationality=e.nationality, team=e.team, car=e.car, junior=e.junior,
                     gentleman=e.gentleman)
        for e in list_entries(db)
    )
    if event is None:
        return EntryListDocument(
            series=SERIES, title="Entry List", subtitle=f"{year} Season",
            generated_at=datetime.now(UTC), rows=rows, class_order=class_order,
            status=PROVISIONAL, local_tz=ZoneInfo("America/New_York"),
        )
    ev = event_view(db, event)
    return EntryListDocument(
        series=SERIES, title="Entry List",
        subtitle=f"{round_label(ev.number)} — {ev.name}", venue=ev.venue, dates=ev.dates_text,
        generated_at=datetime.now(UTC), rows=rows, class_order=class_order,
        status=PROVISIONAL, local_tz=ZoneInfo(ev.time_zone),
    )


def entry_list_pdf(db: Database, event: str | None = None) -> bytes:
    from paddock.reports.entry_list import render_entry_list

    return render_entry_list(entry_list_document(db, event))
