"""The tyre sheet an official signs: the event's record as it was, numbered through the file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from paddock.reports.documents import TyreTotal
from paddock.reports.tyres import render_tyre_allocation
from paddock.services.database import Database, open_database
from paddock.services.documents import tyre_allocation_document, tyres_pdf
from paddock.services.tyres import carry_over_tyres, register_tyres
from tests.reports.pdfread import pages_text, words
from tests.reports.samples import tyres

SET = [f"MX{i:06d}" for i in range(8)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Car 7: eight slicks at Sebring, four carried to CTMP, two of those on to Watkins Glen."""
    database = open_database(tmp_path_factory.mktemp("tyres") / "p.db", demo_if_new=True)
    register_tyres(database, event="1", car="7", barcodes=SET)
    register_tyres(database, event="1", car="3", barcodes=[f"MY{i:06d}" for i in range(8)])
    carry_over_tyres(database, event="1", car="7", barcodes=SET[:4])
    carry_over_tyres(database, event="2", car="7", barcodes=SET[:2])
    yield database
    database.close()


def status_of(db: Database, event: str, barcode: str) -> str:
    document = tyre_allocation_document(db, event=event)
    return next(t.status for car in document.cars for t in car.tyres if t.barcode == barcode)


def test_a_carried_tyre_stays_on_the_sheet_of_the_event_that_registered_it(db: Database) -> None:
    sebring = tyre_allocation_document(db, event="1")
    car = next(car for car in sebring.cars if car.number == "7")
    assert [t.barcode for t in car.tyres] == SET
    # Carried on again since (CTMP → Watkins Glen): Sebring still says where it went first.
    assert status_of(db, "1", SET[0]) == "Carried to Canadian Tire Motorsport Park"
    assert status_of(db, "1", SET[3]) == "Carried to Canadian Tire Motorsport Park"
    assert status_of(db, "1", SET[4]) == "Registered"
    # CTMP keeps the two that went on to Watkins Glen, and the two still there.
    assert status_of(db, "2", SET[0]) == "Carried to Watkins Glen"
    assert status_of(db, "2", SET[2]) == "Carried over"
    text = "\n".join(pages_text(tyres_pdf(db, event="1")))
    assert text.count("Carried to Canadian Tire") == 4


def test_page_numbers_run_through_the_sheet_and_its_barcode_pages(db: Database) -> None:
    pages = pages_text(tyres_pdf(db, event="1"))
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page
    barcode_pages = [page for page in pages if "Tyre Barcodes" in page]
    # Cars 3 and 7 have tyres at Sebring; car 7's label page holds only the four still there.
    assert len(barcode_pages) == 2
    assert "MX000004" in barcode_pages[1] and "MX000000" not in barcode_pages[1]
    # The signature closes the sheet, before the labels.
    signed = next(i for i, page in enumerate(pages) if "TYRE OFFICIAL" in page)
    assert signed < pages.index(barcode_pages[0])


def test_no_column_heading_breaks_inside_a_word() -> None:
    # The sheet's widest set of counts: replacements and scrapped tyres as well.
    document = tyres(12)
    extra = tuple(TyreTotal(label, 1, None) for label in ("Replacements", "Scrapped"))
    crowded = replace(document, cars=tuple(replace(car, totals=(*car.totals, *extra))
                                           for car in document.cars))
    found = [w.text for w in words(render_tyre_allocation(crowded)) if w.page == 1]
    for word in ("Replacements", "Scrapped", "New", "slicks", "Carried", "over", "Wets"):
        assert word in found
    assert not [w for w in found if re.fullmatch(r"Repl\w*|\w*ments|Scrap\w*|\w*pped", w)
                and w not in ("Replacements", "Scrapped")]


def test_over_quota_is_marked_for_a_black_and_white_copy() -> None:
    text = pages_text(render_tyre_allocation(tyres(12)))[0]
    assert "9 / 8 ▲" in text


def test_tyre_sheet_pdf_written(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    path.write_bytes(tyres_pdf(db, event="2"))
    assert path.stat().st_size > 1000
