"""The hash a document prints is the record's: a printout can be checked against it.

A document drawn from one official revision prints that revision's own hash (the one
`paddock results show` reports and `paddock verify` recomputes); a document computed from
several prints a hash of its own and names each revision with its hash; a provisional
document prints no hash at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from paddock.reports.base import local_stamp
from paddock.reports.documents import content_hash
from paddock.services.database import Database, open_database
from paddock.services.documents import (
    classification_pdf,
    grid_document,
    grid_pdf,
    standings_document,
    standings_pdf,
)
from paddock.services.results import revisions, session_results
from paddock.services.standings import season_standings
from tests.reports.pdfread import pages_text


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Sebring and CTMP run and published (CTMP race 1 in revision 2); Watkins Glen practice
    provisional."""
    database = open_database(tmp_path_factory.mktemp("hashes") / "p.db", demo_if_new=True,
                             demo_weekend=True)
    yield database
    database.close()


@pytest.mark.parametrize(("event", "session", "by_class"), [
    ("sebring", "R1", False),
    ("sebring", "R1", True),
    ("sebring", "Q", False),
    ("ctmp", "R1", False),  # revision 2, after a decision
])
def test_an_official_classification_prints_its_revisions_hash(
        db: Database, event: str, session: str, by_class: bool) -> None:
    results = session_results(db, event=event, session=session)
    assert results.official
    pages = pages_text(classification_pdf(db, event=event, session=session, by_class=by_class))
    for page in pages:  # on every page, in the footer
        assert f"Revision {results.revision} hash {results.content_hash}" in page
        assert "Document hash" not in page


def test_a_past_revision_prints_its_own_hash(db: Database) -> None:
    first, second = revisions(db, event="ctmp", session="R1")
    assert first.content_hash != second.content_hash
    text = "\n".join(pages_text(classification_pdf(db, event="ctmp", session="R1",
                                                   revision=1)))
    assert f"Revision 1 hash {first.content_hash}" in text
    assert second.content_hash not in text


def test_a_provisional_classification_prints_no_hash(db: Database) -> None:
    results = session_results(db, event="watkins-glen", session="FP1")
    assert not results.official and results.rows
    text = "\n".join(pages_text(classification_pdf(db, event="watkins-glen",
                                                   session="FP1")))
    assert "PROVISIONAL" in text.replace(" ", "")
    assert "hash" not in text.lower() and results.content_hash not in text


def test_a_grid_prints_its_own_hash_and_names_its_revisions(db: Database) -> None:
    qualifying = session_results(db, event="sebring", session="Q")
    race1 = session_results(db, event="sebring", session="R1")
    document = grid_document(db, event="sebring", race=2)
    text = " ".join(" ".join(pages_text(grid_pdf(db, event="sebring", race=2))).split())
    assert f"Document hash {content_hash(document)}" in text
    for source in (qualifying, race1):
        assert source.published_at is not None
        published = local_stamp(source.published_at, ZoneInfo("America/New_York"))
        assert (f"{source.session_name} (official, revision {source.revision} published "
                f"{published}, hash {source.content_hash})") in text
    # Its own hash is not one of its sources': it is worked out from the grid as printed.
    assert content_hash(document) not in {qualifying.content_hash, race1.content_hash}


def test_standings_print_their_own_hash_and_every_race_with_its_hash(db: Database) -> None:
    view = season_standings(db)
    document = standings_document(db)
    text = "\n".join(pages_text(standings_pdf(db)))
    assert document.status is not None and document.status.official
    assert f"Document hash {content_hash(document)}" in text
    computed_from = text[text.index("Computed from"):]
    for source in view.sources:
        results = session_results(db, event=source.event_short_name, session=source.session)
        assert source.content_hash == results.content_hash
        line = next(line for line in computed_from.splitlines()
                    if line.startswith(f"Round {source.round} "))
        assert line.split()[-1] == results.content_hash, line

