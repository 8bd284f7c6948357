import io

import pdfplumber

from paddock.services.database import Database
from paddock.services.documents import entry_list_pdf
from paddock.services.entries import list_entries


def pdf_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_event_entry_list_lists_every_car_with_class_and_junior_mark(db: Database) -> None:
    pages = pdf_text(entry_list_pdf(db, event="sebring"))
    text = "\n".join(pages)
    assert "Entry List" in text and "Rounds 1 & 2 — Sebring" in text
    assert "March 17–20, 2021" in text
    assert f"Page 1 of {len(pages)}" in pages[0]
    lines = text.splitlines()
    for entry in list_entries(db):
        line = next(ln for ln in lines if ln.startswith(f"{entry.number} {entry.class_name} "))
        assert entry.driver in line and entry.nationality in line
        assert line.rstrip().endswith("J") == (entry.junior and not entry.gentleman)


def test_season_entry_list_without_event(db: Database) -> None:
    text = "\n".join(pdf_text(entry_list_pdf(db)))
    assert "2021 Season" in text and "Mila Novakova" in text
