"""A classification of a real IMSA race (Al Kamel export), rendered and read back.

Real names and teams ("Meyer Shank Racing w/ Curb Agajanian", two drivers per car) and
real times must print in their columns; the classification must match the file.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from paddock.reports.classification import RaceClassificationRenderer, render_race_classification
from paddock.reports.documents import CLASSIFIED, DID_NOT_START, ClassificationDocument
from paddock.reports.documents import ClassificationRow as Row
from paddock.rules.laptime import parse_optional_time, parse_time
from tests.reports.pdfread import column_bounds, pages_text, within, words
from tests.reports.samples import GENERATED

RACE = "2023_08-long-beach-street-circuit_202304151405-race-results.csv"


def gap(text: str) -> tuple[int | None, int]:
    text = text.strip()
    if text in ("", "-"):
        return None, 0
    if "Lap" in text:
        return None, int(text.split()[0])
    return parse_time(text.lstrip("+")), 0


def read_race(path: Path) -> ClassificationDocument:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = [{k.strip(): v for k, v in r.items() if k} for r in csv.DictReader(handle)]
    rows = []
    in_class: dict[str, int] = {}
    for record in records:
        started = record["POSITION"].strip() != ""
        drivers = " / ".join(
            f"{record[f'DRIVER{n}_FIRSTNAME']} {record[f'DRIVER{n}_SECONDNAME']}"
            for n in range(1, 7)
            if record.get(f"DRIVER{n}_SECONDNAME")
        )
        class_position = None
        if started:
            in_class[record["CLASS"]] = in_class.get(record["CLASS"], 0) + 1
            class_position = in_class[record["CLASS"]]
        gap_ms, gap_laps = gap(record["GAP_FIRST"])
        interval_ms, interval_laps = gap(record["GAP_PREVIOUS"])
        rows.append(
            Row(
                position=int(float(record["POSITION"])) if started else None,
                number=record["NUMBER"],
                class_name=record["CLASS"],
                class_position=class_position,
                driver=drivers,
                nationality=record["DRIVER1_COUNTRY"],
                team=record["TEAM"],
                car=record["VEHICLE"],
                laps=int(record["LAPS"] or 0),
                total_ms=parse_optional_time(record["TOTAL_TIME"]) if started else None,
                gap_ms=gap_ms,
                gap_laps=gap_laps,
                interval_ms=interval_ms,
                interval_laps=interval_laps,
                best_lap_ms=parse_optional_time(record["FL_TIME"]),
                best_lap_number=int(record["FL_LAPNUM"]) if record["FL_LAPNUM"].strip() else None,
                best_lap_speed=float(record["FL_KPH"]) if record["FL_KPH"].strip() else None,
                status=CLASSIFIED if started else DID_NOT_START,
            )
        )
    return ClassificationDocument(
        series="IMSA WeatherTech SportsCar Championship",
        title="Race Classification",
        subtitle="Acura Grand Prix of Long Beach",
        venue="Long Beach Street Circuit",
        dates="April 14–15, 2023",
        session="Race",
        generated_at=GENERATED,
        rows=tuple(rows),
        class_order=("GTP", "GTDPRO", "GTD"),
    )


@pytest.fixture(scope="module")
def document(imsa_data: Path) -> ClassificationDocument:
    return read_race(imsa_data / RACE)


def test_real_race_prints_as_timed(document: ClassificationDocument) -> None:
    pdf = render_race_classification(document)
    lines = "\n".join(pages_text(pdf)).splitlines()
    # The winner: 78 laps in 1:42:08.126, fastest lap 1:11.990 on lap 27 at 158.4 km/h.
    assert any(line.startswith("1 6 GTP 1 ") and "78 1:42:08.126" in line
               and line.endswith("1:11.990 27 158.4") for line in lines)
    assert any("+0.903 +0.903" in line for line in lines)
    assert any("2 Laps 1 Lap" in line for line in lines)
    assert "Did not start" in lines


def test_real_team_and_driver_names_stay_in_their_column(
    document: ClassificationDocument,
) -> None:
    pdf = render_race_classification(document)
    widths = [c.width for c in RaceClassificationRenderer(document).columns()]
    left, right = column_bounds(widths, 4)
    names = {"Meyer", "Shank", "Agajanian", "Blomqvist", "Albuquerque"}
    found = [w for w in words(pdf) if w.text in names and w.x0 < right]
    assert {w.text for w in found} == names
    assert within(found, left, right)
