"""`paddock report ...`: every document written from the command line, and the refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from paddock.cli import main
from paddock.services.database import open_database
from paddock.services.results import add_penalty
from tests.reports.pdfread import pages_text
from tests.services.test_documents_weekend import (
    EVENT,
    Weekend,
    load_weekend,
    register_some_tyres,
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def weekend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Weekend]]:
    """A database with Road America's qualifying and race 1, a decision and some tyres."""
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "p.db"
    db = open_database(path, demo_if_new=True)
    w = load_weekend(db, folder / "timing", sessions=("Q", "R1"))
    add_penalty(db, event=EVENT, session="R1", car=w.cars[2], kind="time", seconds=5,
                reason="Track limits, turn 17")
    register_some_tyres(db, EVENT, list(w.cars[:2]))
    db.close()
    yield str(path), w


@pytest.mark.parametrize(("args", "expected"), [
    (("entry-list", "--event", EVENT), "Entry List"),
    (("entry-list",), "2021 Season"),
    (("classification", "--event", EVENT, "--session", "R1"), "Race Classification"),
    (("classification", "--event", "5", "--session", "r1", "--by-class"), "Results by Class"),
    (("classification", "--event", "5", "--session", "R1", "--class", "pro-am"), "Race 1 — Pro-Am"),
    (("classification", "--event", EVENT, "--session", "Q"), "Qualifying Classification"),
    (("classification", "--event", EVENT, "--session", "Q", "--by-class"),
     "Qualifying by Class"),
    (("grid", "--event", EVENT, "--race", "1"), "Starting Grid"),
    (("grid", "--event", EVENT, "--race", "2"), "Race 2"),
    (("tyres", "--event", EVENT), "Tyre Barcodes"),
    (("standings", "--class", "Rookie"), "Rookie — Drivers"),
])
def test_each_report_writes_its_pdf(weekend: tuple[str, Weekend], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                    expected: str) -> None:
    db, _ = weekend
    out = tmp_path / "doc.pdf"
    code, stdout, err = run(capsys, "report", *args, "--db", db, "-o", str(out))
    assert code == 0, err
    assert stdout == ""
    assert f"wrote {out}" in err
    assert expected in "\n".join(pages_text(out.read_bytes()))


def test_classification_shows_the_decision(weekend: tuple[str, Weekend], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db, w = weekend
    out = tmp_path / "r1.pdf"
    assert run(capsys, "--db", db, "report", "classification", "--event", EVENT,
               "--session", "R1", "-o", str(out))[0] == 0
    text = "\n".join(pages_text(out.read_bytes()))
    assert f"1 {w.cars[2]} " in text[text.index("Penalties applied"):]


@pytest.mark.parametrize(("args", "message"), [
    (("classification", "--event", EVENT, "--session", "R2"),
     "no results for road-america R2: import the timing files first"),
    (("classification", "--event", "daytona", "--session", "R1"), "no event 'daytona'"),
    (("classification", "--event", EVENT, "--session", "R9"), "no session 'R9' at Road America"),
    (("classification", "--event", EVENT, "--session", "R1", "--class", "GT3"),
     "no class 'GT3'"),
    (("classification", "--event", EVENT, "--session", "R1", "--revision", "2"),
     "road-america R1 has no revision 2"),
    (("tyres", "--event", "99"), "no event '99'"),
])
def test_refusals_exit_1_with_the_reason_and_write_nothing(
        weekend: tuple[str, Weekend], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        args: tuple[str, ...], message: str) -> None:
    db, _ = weekend
    out = tmp_path / "doc.pdf"
    code, stdout, err = run(capsys, "--db", db, "report", *args, "-o", str(out))
    assert code == 1
    assert message in err and stdout == ""
    assert not out.exists()


def test_standings_before_any_race_are_refused(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "new.db")
    run(capsys, "init", "--db", db)  # the season alone: no race run
    out = tmp_path / "standings.pdf"
    code, _, err = run(capsys, "--db", db, "report", "standings", "-o", str(out))
    assert code == 1 and "no race results in the 2021 season yet" in err
    assert not out.exists()


def test_missing_output_folder_is_refused(weekend: tuple[str, Weekend], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = weekend
    code, _, err = run(capsys, "--db", db, "report", "classification", "--event", "5",
                       "--session", "R1", "-o", str(tmp_path / "nowhere" / "r1.pdf"))
    assert code == 1 and "nowhere: no such folder" in err
    code, _, err = run(capsys, "--db", db, "report", "event-pack", "--event", "5",
                       "-o", str(tmp_path / "nowhere" / "pack"))
    assert code == 1 and "no such folder" in err


@pytest.mark.parametrize(("args", "message"), [
    (("classification", "--event", "5"), "needs --session"),
    (("grid", "--event", "5"), "needs --race"),
    (("tyres",), "needs --event"),
    (("event-pack",), "needs --event"),
    (("grid", "--event", "5", "--race", "1", "--by-class"), "--by-class is for"),
])
def test_missing_options_are_usage_errors(weekend: tuple[str, Weekend], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          args: tuple[str, ...], message: str) -> None:
    db, _ = weekend
    code, _, err = run(capsys, "--db", db, "report", *args, "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and message in err and "usage:" in err


def test_event_pack_prints_what_it_wrote(weekend: tuple[str, Weekend], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = weekend
    folder = tmp_path / "pack"
    code, stdout, err = run(capsys, "--db", db, "report", "event-pack", "--event", EVENT,
                            "-o", str(folder))
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names.pop(0) == "00-road-america-event-pack.pdf"
    assert f"wrote {folder / '00-road-america-event-pack.pdf'} (" in stdout
    assert names == ["01-road-america-entry-list.pdf", "12-road-america-Q-classification.pdf",
                     "13-road-america-Q-results-by-class.pdf",
                     "14-road-america-Q-fastest-laps.pdf", "15-road-america-Q-best-laps.pdf",
                     "16-road-america-Q-best-sectors.pdf", "18-road-america-R1-grid.pdf",
                     "19-road-america-R1-classification.pdf",
                     "20-road-america-R1-results-by-class.pdf",
                     "21-road-america-R1-time-cards.pdf", "22-road-america-R1-lap-chart.pdf",
                     "23-road-america-R1-fastest-laps.pdf", "24-road-america-R1-best-laps.pdf",
                     "25-road-america-R1-best-sectors.pdf", "26-road-america-R1-pit-stops.pdf",
                     "27-road-america-R1-flags.pdf", "28-road-america-R1-decisions.pdf",
                     "29-road-america-R2-grid.pdf", "40-road-america-tyres.pdf",
                     "41-standings.pdf"]
    for name in names:
        assert f"wrote {folder / name} (" in stdout
    assert "skipped Free Practice 1 classification: no results for FP1 yet" in err
    assert "20 document(s)" in err


def test_the_real_command_exit_codes(weekend: tuple[str, Weekend], tmp_path: Path) -> None:
    db, _ = weekend
    env = {**os.environ, "PADDOCK_DB": db}
    out = tmp_path / "r1.pdf"
    done = subprocess.run([sys.executable, "-m", "paddock", "report", "classification",
                           "--event", EVENT, "--session", "R1", "-o", str(out)],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:5] == b"%PDF-"
    done = subprocess.run([sys.executable, "-m", "paddock", "report", "classification",
                           "--event", EVENT, "--session", "R2", "-o", str(out)],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1
    assert done.stderr.strip() == ("paddock: no results for road-america R2: import the "
                                   "timing files first")
