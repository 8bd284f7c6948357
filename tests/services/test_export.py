"""Results export: the timing service's CSV layout, read back by our own importer; JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from paddock.errors import NotFound
from paddock.services.database import Database, open_database
from paddock.services.export import QUALIFYING_COLUMNS, RACE_COLUMNS, export_results
from paddock.services.output_paths import OutputRefused
from paddock.services.results import add_penalty, import_results, session_results
from paddock.timing.detect import read_timing_file
from paddock.timing.records import FileKind
from tests.services.test_documents_weekend import EVENT, Weekend, load_weekend

#: Not in the timing service's results layout: only the JSON carries it.
NOT_IN_CSV = {"second_best_lap_ms"}


@pytest.fixture(scope="module")
def weekend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, Weekend]]:
    folder = tmp_path_factory.mktemp("export")
    db = open_database(folder / "p.db", demo_if_new=True)
    w = load_weekend(db, folder / "timing", sessions=("FP1", "Q", "R1"))
    add_penalty(db, event=EVENT, session="R1", car=w.cars[1], kind="time", seconds=5,
                reason="Track limits, turn 5")
    add_penalty(db, event=EVENT, session="R1", car=w.cars[4], kind="dsq",
                reason="Technical infringement")
    add_penalty(db, event=EVENT, session="FP1", car=w.cars[3], kind="dsq",
                reason="Ignored the red flag")
    yield db, w
    db.close()


def rows(db: Database, session: str) -> list[dict[str, object]]:
    return [{k: v for k, v in row.items() if k not in NOT_IN_CSV}
            for row in session_results(db, event=EVENT, session=session).to_json()["rows"]]


def test_a_race_exports_in_the_results_layout_with_semicolons(
        weekend: tuple[Database, Weekend], tmp_path: Path) -> None:
    db, w = weekend
    result = export_results(db, event=EVENT, session="R1", format="csv",
                            output=tmp_path / "r1.csv")
    text = result.path.read_text(encoding="utf-8")
    header = text.splitlines()[0]
    assert header == ";".join(RACE_COLUMNS)
    assert header.startswith("POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;GAP_PREVIOUS;"
                             "FL_LAPNUM;FL_TIME;")
    lines = list(csv.DictReader(text.splitlines(), delimiter=";"))
    by_car = {line["NUMBER"]: line for line in lines}
    assert lines[0]["POSITION"] == "1" and lines[0]["GAP_FIRST"] == "-"
    assert by_car[w.dns]["STATUS"] == "Not started" and by_car[w.dns]["POSITION"] == ""
    assert by_car[w.dnf]["STATUS"] == "Retired"
    assert by_car[w.nc]["STATUS"] == "Not classified"
    assert by_car[w.cars[4]]["STATUS"] == "Disqualified"
    assert read_timing_file(result.path).kind is FileKind.ALKAMEL_RACE_RESULTS


def test_practice_exports_in_the_qualifying_layout(
        weekend: tuple[Database, Weekend], tmp_path: Path) -> None:
    db, _ = weekend
    path = export_results(db, event=EVENT, session="FP1", format="csv",
                          output=tmp_path / "fp1.csv").path
    assert path.read_text(encoding="utf-8").splitlines()[0] == ";".join(QUALIFYING_COLUMNS)
    assert read_timing_file(path).kind is FileKind.ALKAMEL_QUALIFYING_RESULTS


@pytest.mark.parametrize(("source", "target"), [("R1", "R2"), ("FP1", "FP2")])
def test_the_export_imported_into_a_session_of_the_same_kind_classifies_the_same(
        weekend: tuple[Database, Weekend], tmp_path: Path, source: str, target: str) -> None:
    db, _ = weekend
    path = export_results(db, event=EVENT, session=source, format="csv",
                          output=tmp_path / f"{source}.csv").path
    import_results(db, event=EVENT, session=target, files=[path])
    assert rows(db, target) == rows(db, source)


def test_json_has_the_session_the_classification_and_every_lap(
        weekend: tuple[Database, Weekend], tmp_path: Path) -> None:
    db, w = weekend
    result = export_results(db, event=EVENT, session="R1", format="json",
                            output=tmp_path / "r1.json")
    data = json.loads(result.path.read_text(encoding="utf-8"))
    assert data["event"]["short_name"] == EVENT
    assert data["session"]["session"] == "R1" and data["session"]["status"] == "provisional"
    assert data["session"]["duration_minutes"] == 45 and data["session"]["local_start"]
    assert [r["number"] for r in data["classification"]] == [
        r["number"] for r in rows(db, "R1")]
    assert data["classification"][0]["total_time_ms"] == rows(db, "R1")[0]["total_time_ms"]
    timing = (w.folder / f"{EVENT}-R1.csv").read_text().splitlines()[1:]
    assert len(data["laps"]) == len(timing) == result.laps
    first = next(lap for lap in data["laps"] if lap["number"] == w.cars[0] and lap["lap"] == 1)
    assert isinstance(first["lap_time_ms"], int) and first["lap_time_ms"] > 60_000


def test_refusals(weekend: tuple[Database, Weekend], tmp_path: Path) -> None:
    db, _ = weekend
    with pytest.raises(NotFound):
        export_results(db, event=EVENT, session="R2x", format="csv", output=tmp_path / "x")
    assert db.path is not None
    before = db.path.read_bytes()[:100]
    with pytest.raises(OutputRefused):
        export_results(db, event=EVENT, session="R1", format="csv", output=db.path)
    assert db.path.read_bytes()[:100] == before
