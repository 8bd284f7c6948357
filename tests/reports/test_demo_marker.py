"""Every document printed from the demo season says "DEMO — fictional data" on every page."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from paddock.services.catalogue import DOCUMENTS, build
from paddock.services.database import Database, init_database, open_database
from paddock.services.demo_season import DEMO_MARK, clear_demo
from tests.reports.pdfread import pages_text

OPTIONS = {"event": "sebring", "session": "R1", "race": 1}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    init_database(path, demo_weekend=True)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    copy = tmp_path / "paddock.db"
    shutil.copy(demo_file, copy)
    with open_database(copy) as database:
        yield database


def _options(key: str) -> dict[str, object]:
    document = next(d for d in DOCUMENTS if d.key == key)
    # Sebring's pole lap was deleted in qualifying: the demo's decision to print.
    given = {**OPTIONS, "session": "Q"} if key == "decisions" else OPTIONS
    return {name: given[name] for name in (*document.required, *document.optional)
            if name in given}


@pytest.mark.parametrize("key", [d.key for d in DOCUMENTS])
def test_every_page_of_every_demo_document_is_marked(demo: Database, key: str) -> None:
    pdf = build(demo, key, **_options(key))
    pages = pages_text(pdf)
    assert pages and all(page.count(DEMO_MARK) == 2 for page in pages), (key, pages[0][-300:])


def test_a_real_season_prints_no_marker(demo: Database) -> None:
    clear_demo(demo)
    pdf = build(demo, "entry-list", **_options("entry-list"))
    assert "DEMO" not in "".join(pages_text(pdf))
