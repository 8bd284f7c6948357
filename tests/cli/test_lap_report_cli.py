"""`paddock report time-cards|fastest-laps|best-laps|best-sectors|pit-stops|flags|lap-chart`.

The weekend's laps come from generic laps CSVs (no sectors, no flags, no pit times): the
documents must still be made, saying what they do not know rather than failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from paddock.cli import main
from paddock.services.database import open_database
from tests.reports.pdfread import pages_text
from tests.services.test_documents_weekend import EVENT, Weekend, load_weekend


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def weekend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Weekend]]:
    folder = tmp_path_factory.mktemp("laps-cli")
    path = folder / "p.db"
    db = open_database(path, demo_if_new=True)
    w = load_weekend(db, folder / "timing", sessions=("Q", "R1"))
    db.close()
    yield str(path), w


@pytest.mark.parametrize(("document", "session", "expected"), [
    ("time-cards", "R1", "Time Cards"),
    ("fastest-laps", "R1", "Best lap per class"),
    ("best-laps", "Q", "Best 10 Laps"),
    ("best-sectors", "R1", "Best Sectors and Ideal Lap"),
    ("pit-stops", "R1", "Pit Stops"),
    ("flags", "R1", "No lap was completed under a flag other than green"),
    ("lap-chart", "R1", "Positions at the end of each lap"),
])
def test_each_lap_document_is_written(weekend: tuple[str, Weekend], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str], document: str,
                                      session: str, expected: str) -> None:
    db, _ = weekend
    out = tmp_path / f"{document}.pdf"
    code, _stdout, err = run(capsys, "--db", db, "report", document, "--event", EVENT,
                             "--session", session, "-o", str(out))
    assert code == 0, err
    assert expected in "\n".join(pages_text(out.read_bytes()))


def test_time_cards_of_one_car(weekend: tuple[str, Weekend], tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    db, w = weekend
    out = tmp_path / "car.pdf"
    car = w.cars[0]
    assert run(capsys, "--db", db, "report", "time-cards", "--event", EVENT, "--session", "R1",
               "--car", car, "-o", str(out))[0] == 0
    text = "\n".join(pages_text(out.read_bytes()))
    assert f"No. {car} · " in text
    assert f"No. {w.cars[1]} · " not in text


@pytest.mark.parametrize(("args", "code", "message"), [
    (("lap-chart", "--session", "Q"), 1, "the lap chart is for races"),
    (("time-cards", "--session", "FP1"), 1, "no time cards for road-america FP1"),
    (("time-cards", "--session", "R1", "--car", "999"), 1, "car 999 has no laps in R1"),
    (("flags", "--session", "R1", "--car", "7"), 2, "--car is not an option of the flags report"),
    (("pit-stops",), 2, "the pit-stops report needs --session"),
])
def test_refusals(weekend: tuple[str, Weekend], tmp_path: Path,
                  capsys: pytest.CaptureFixture[str], args: tuple[str, ...], code: int,
                  message: str) -> None:
    db, _ = weekend
    out = tmp_path / "x.pdf"
    got, _stdout, err = run(capsys, "--db", db, "report", args[0], "--event", EVENT, *args[1:],
                            "-o", str(out))
    assert got == code and message in err
    assert not out.exists()


def test_the_lap_chart_starts_from_the_starting_grid(weekend: tuple[str, Weekend],
                                                     tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db, w = weekend
    out = tmp_path / "chart.pdf"
    assert run(capsys, "--db", db, "report", "lap-chart", "--event", EVENT, "--session", "R1",
               "-o", str(out))[0] == 0
    pages = pages_text(out.read_bytes())
    grid = next(line.split()[1:] for page in pages[1:] for line in page.splitlines()
                if line.startswith("Grid "))
    assert w.dns in grid  # on the grid, though it never crossed the line
    assert "Grid" in pages[0]  # the chart's first column
