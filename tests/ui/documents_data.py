"""Results for the Documents and Championship page tests.

The demo database comes with Sebring and CTMP run and published (services.demo_weekend).
Should a demo without them be opened, Sebring's weekend is generated here and its races
published, so the tests always have official results at event 1.
"""

from __future__ import annotations

from pathlib import Path

from paddock.services.database import Database
from paddock.services.results import publish, session_results
from tests.services.test_documents_weekend import load_weekend

EVENT = 1
SEBRING = "sebring"


def ensure_results(db: Database, folder: Path) -> None:
    """Make sure event 1 has qualifying and both races, the races official."""
    if session_results(db, event=SEBRING, session="R2").rows:
        return
    load_weekend(db, folder, event=SEBRING, sessions=("FP1", "Q", "R1", "R2"))
    for race in ("R1", "R2"):
        publish(db, event=SEBRING, session=race)


def pdf_text(path_or_bytes: Path | bytes) -> str:
    """The text of every page of a PDF, read back with pdfplumber."""
    import io

    import pdfplumber

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with pdfplumber.open(source) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pdf_pages(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def load_provisional_race(db: Database, folder: Path) -> None:
    """Watkins Glen (event 3): qualifying and Race 1 loaded, not published."""
    load_weekend(db, folder, event="watkins-glen", sessions=("Q", "R1"))
