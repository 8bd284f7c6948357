"""The Documents page's catalogue lists the lap documents of each session with time cards."""

from __future__ import annotations

from pathlib import Path

from paddock.services.catalogue import LAP_TITLES
from paddock.services.database import open_database
from paddock.services.lap_documents import sessions_with_laps
from paddock.ui.documents.documents_catalogue import document_catalogue, render_document
from tests.services.test_documents_weekend import EVENT, load_weekend


def test_the_documents_page_lists_the_lap_documents_of_each_session(tmp_path: Path) -> None:
    db = open_database(tmp_path / "p.db", demo_if_new=True)
    try:
        load_weekend(db, tmp_path / "timing", sessions=("Q", "R1"))
        assert sessions_with_laps(db, EVENT) == {"Q", "R1"}
        catalogue = document_catalogue(db, 5)
        by_key = {(c.kind, c.session): c for c in catalogue.choices}
        for kind in LAP_TITLES:
            assert by_key[(kind, "R1")].available
        assert ("lap-chart", "Q") not in by_key  # races only
        assert by_key[("time-cards", "Q")].available
        assert by_key[("time-cards", "R2")].missing == "No time cards for R2 yet"
        choice = by_key[("fastest-laps", "R1")]
        assert choice.full_title == "Race 1 fastest laps"
        assert choice.file_stem == "road-america-R1-fastest-laps"
        assert render_document(db, choice).startswith(b"%PDF")
    finally:
        db.close()
