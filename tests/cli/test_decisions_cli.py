"""`paddock report decisions --event E --session S [--decision NO] -o PATH`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from paddock.cli import main
from paddock.services.database import open_database
from tests.reports.pdfread import pages_text
from tests.services.test_decision_documents import TRACK_LIMITS, Decided, decide
from tests.services.test_documents_weekend import EVENT, load_weekend


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def weekend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Decided]]:
    folder = tmp_path_factory.mktemp("decisions-cli")
    path = folder / "p.db"
    db = open_database(path, demo_if_new=True)
    w = load_weekend(db, folder / "timing", sessions=("Q", "R1"))
    decided = decide(db, w.cars)
    db.close()
    yield str(path), decided


def test_the_bulletin(weekend: tuple[str, Decided], tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    db, decided = weekend
    out = tmp_path / "bulletin.pdf"
    code, _, err = run(capsys, "--db", db, "report", "decisions", "--event", EVENT,
                       "--session", "R1", "-o", str(out))
    assert code == 0, err
    text = "\n".join(pages_text(out.read_bytes()))
    assert "Stewards' Decisions" in text and TRACK_LIMITS in text
    assert all(car in text for car in (decided.timed, decided.warned, decided.pending))


def test_one_decision(weekend: tuple[str, Decided], tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    db, decided = weekend
    out = tmp_path / "d2.pdf"
    code, _, err = run(capsys, "--db", db, "report", "decisions", "--event", EVENT,
                       "--session", "R1", "--decision", "2", "-o", str(out))
    assert code == 0, err
    text = "\n".join(pages_text(out.read_bytes()))
    assert "Stewards' Decision No. 2" in text and f"Car {decided.warned}" in text
    assert "Penalty Warning" in text and "Regulation article SR 27.3" in text


def test_refusals(weekend: tuple[str, Decided], tmp_path: Path,
                  capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = weekend
    out = tmp_path / "x.pdf"
    code, _, err = run(capsys, "--db", db, "report", "decisions", "--event", EVENT,
                       "--session", "R1", "--decision", "42", "-o", str(out))
    assert code == 1 and "no decision '42'" in err and not out.exists()
    code, _, err = run(capsys, "--db", db, "report", "decisions", "--event", EVENT,
                       "--session", "Q", "-o", str(out))
    assert code == 1 and "no stewards' decisions" in err and not out.exists()
    code, _, err = run(capsys, "--db", db, "report", "decisions", "--event", EVENT,
                       "-o", str(out))
    assert code == 2 and "--session" in err
