"""The Documents page's view of the catalogue of documents, and making one on the pool.

Which documents an event has, which can be made now and how each is made is decided in
one place, `paddock.services.catalogue`, which the event pack and `paddock report` read
too; this module only adds what the window needs: the list read on the UI thread (a few
small queries), the PDFs made on the pool by `render_document` with a database
connection of the worker's own, and the file names offered in the Save dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from paddock.errors import PaddockError
from paddock.services.catalogue import Catalogue, DocumentChoice, build_choice, event_documents
from paddock.ui.common.pdf_pages import PDFIUM_LOCK

if TYPE_CHECKING:
    from paddock.services.database import Database

__all__ = ["Catalogue", "DocumentChoice", "DocumentKind", "document_catalogue", "file_name",
           "on_own_connection", "render_document"]

T = TypeVar("T")


class DocumentKind(StrEnum):
    """The catalogue's keys the window refers to by name (the list shows every entry)."""

    ENTRY_LIST = "entry-list"
    CLASSIFICATION = "classification"
    RESULTS_BY_CLASS = "results-by-class"
    GRID = "grid"
    TYRES = "tyres"
    STANDINGS = "standings"
    SEASON_ENTRY_LIST = "season-entry-list"


def document_catalogue(db: Database, event: int) -> Catalogue:
    """The documents of event ``event``, with what each is waiting for, grouped as the
    list shows them: the event's documents, each session's, then the season's.

    Raises:
        NotFound: no such event.
    """
    catalogue = event_documents(db, event)
    rank = {"Event": 0, "Season": 2}
    ordered = sorted(catalogue.choices, key=lambda c: rank.get(c.group, 1))
    return Catalogue(catalogue.event_number, catalogue.event_name, catalogue.short_name,
                     catalogue.season_year, catalogue.classes, tuple(ordered))


def render_document(db: Database, choice: DocumentChoice, class_name: str | None = None) -> bytes:
    """Make the PDF of ``choice`` (for one class when it takes one and ``class_name`` is set).

    Raises:
        PaddockError: the document cannot be made (no results, unknown class...).
    """
    # A document that joins PDFs uses PDFium, which takes one caller at a time.
    with PDFIUM_LOCK if choice.document.merges_pdfs else nullcontext():
        return build_choice(db, choice, class_name)


def on_own_connection(db_path: Path | str | None, work: Callable[[Database], T]) -> T:
    """Run ``work`` with a database connection of this thread's own (for the pool).

    A SQLite connection, and anything loaded through it, belongs to the thread that
    opened it: a worker never uses the window's.

    Raises:
        PaddockError: the database is not a file (work on the pool opens it by its path).
    """
    from paddock.services.database import open_database

    if db_path is None:
        raise PaddockError("this database has no file to open a second connection from")
    db = open_database(db_path)
    try:
        return work(db)
    finally:
        db.close()


def file_name(choice: DocumentChoice, class_name: str | None = None) -> str:
    """The name a document is saved under: ``sebring-R1-classification-pro.pdf``."""
    stem = choice.file_stem
    if class_name and choice.takes_class:
        stem += "-" + "-".join(class_name.lower().split())
    return stem + ".pdf"
