"""Qualifying run per class: the grid is formed from every qualifying session of the event."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from paddock.db.models import Event, RaceSession
from paddock.services.catalogue import event_documents
from paddock.services.database import Database
from paddock.services.documents import classification_pdf, grid_document
from paddock.services.grids import starting_grid
from paddock.services.results import publish
from tests.reports.pdfread import pages_text
from tests.services.timing_csv import load_laps


def add_second_qualifying(db: Database) -> None:
    """Sebring gets "Q2" (say, the Pro-Am class's), right after its "Q"."""
    with db.transaction() as s:
        event = s.exec(select(Event).where(Event.number == 1)).one()
        q = s.exec(select(RaceSession).where(RaceSession.event_id == event.id,
                                             RaceSession.code == "Q")).one()
        assert event.id is not None
        s.add(RaceSession(event_id=event.id, code="Q2", name="Qualifying Pro-Am",
                          kind="qualifying", sort_order=q.sort_order))


def test_the_grid_takes_each_cars_time_from_its_classs_qualifying(
        db: Database, tmp_path: Path) -> None:
    add_second_qualifying(db)
    load_laps(db, tmp_path, "sebring", "Q", {"7": [99_000, 99_500], "1": [99_100, 99_600]})
    load_laps(db, tmp_path, "sebring", "Q2", {"8": [98_900, 99_700], "15": [99_050, 99_900]})
    grid = starting_grid(db, event="sebring", race=1)
    assert [s.number for s in grid.slots[:4]] == ["8", "7", "15", "1"]
    assert [source.session for source in grid.sources] == ["Q", "Q2"]
    race2 = starting_grid(db, event="sebring", race=2)
    assert [s.number for s in race2.slots[:4]] == ["7", "1", "8", "15"]
    # Official once both are: the list says which revisions it comes from.
    publish(db, event="sebring", session="Q")
    assert not grid_document(db, event="sebring", race=1).status.official  # type: ignore[union-attr]
    publish(db, event="sebring", session="Q2")
    assert grid_document(db, event="sebring", race=1).status.official  # type: ignore[union-attr]
    choice = next(c for c in event_documents(db, "sebring").choices
                  if c.kind == "grid" and c.race == 1)
    assert choice.state == "Official (Q rev 1, Q2 rev 1)"
    # Each qualifying has its classification by class too.
    text = "\n".join(pages_text(classification_pdf(db, event="sebring", session="Q2",
                                                   by_class=True)))
    assert "Qualifying by Class" in text
