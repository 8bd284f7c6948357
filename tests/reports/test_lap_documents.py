"""The lap documents' renderers, from plain data: layout, emphasis, page breaks, read back."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import pdfplumber
import pytest

from paddock.reports.lap_chart import render_lap_chart
from paddock.reports.lap_documents import (
    BestLap,
    BestLapsDocument,
    BestLapsRow,
    CarInfo,
    CarPitStops,
    FastestLapRow,
    FastestLapsDocument,
    FlagPeriod,
    FlagsDocument,
    LapChartCar,
    LapChartDocument,
    PitStop,
    PitStopsDocument,
    TimeCard,
    TimeCardLap,
    TimeCardsDocument,
)
from paddock.reports.lap_sheets import render_lap_sheet
from paddock.reports.time_cards import render_time_cards
from tests.reports.pdfread import pages_text

HEADER = dict(series="Porsche Carrera Cup North America", subtitle="Rounds 9 & 10 — Road America",
              generated_at=datetime(2021, 8, 8, 18, 0, tzinfo=UTC), venue="Road America",
              session="Race 1")
CLASSES = ("Pro", "Pro-Am", "Rookie")


def car(index: int) -> CarInfo:
    number = f"0{index}" if index % 7 == 0 else str(index)
    return CarInfo(number=number, driver=f"Driver {index} Lindqvist-Adeyemi",
                   class_name=CLASSES[index % 3], team=f"Kestrel Motorsport {index % 5}",
                   car="992", position=index)


def long_card() -> TimeCardsDocument:
    """One car with 120 laps: lap 7 deleted by decision 4, lap 50 its best."""
    laps = []
    elapsed = 0
    for n in range(1, 121):
        time = 100_000 + (n * 37) % 900 if n != 50 else 99_001
        if n == 7:
            time = 98_500
        elapsed += time
        laps.append(TimeCardLap(
            lap=n, lap_time_ms=time, sectors=(30_000, 35_000, time - 65_000), kph=150.0,
            elapsed_ms=elapsed, hour="14:00:00.000", flag="FCY" if n in (20, 21) else "GF",
            in_pit=n == 30, pit_out=n == 31, pit_time_ms=65_432 if n == 31 else None,
            deleted="Track limits turn 5" if n == 7 else "",
            deleted_by="decision 4" if n == 7 else "", best=n == 50, session_best=n == 50,
            best_sectors=(n == 3, False, n == 50)))
    card = TimeCard(car=car(1), laps=tuple(laps), best_lap_ms=99_001, best_lap_number=50,
                    best_sectors_ms=(30_000, 35_000, 34_001))
    return TimeCardsDocument(**HEADER, title="Time Cards", cards=(card,))


@pytest.fixture(scope="module")
def time_cards() -> bytes:
    return render_time_cards(long_card())


def test_a_long_card_breaks_across_pages_with_its_line_and_heading_repeated(
    time_cards: bytes,
) -> None:
    pages = pages_text(time_cards)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "No. 1 · Driver 1 Lindqvist-Adeyemi" in page
        assert ("(continued)" in page) == (number > 1)
        assert "Lap Lap time S1 S2 S3 km/h Elapsed Time of day Flag Pit lane Remarks" in page
    laps = [int(line.split()[0]) for page in pages for line in page.splitlines()
            if line[:1].isdigit() and " 1:" in line and "Generated" not in line]
    assert laps == list(range(1, 121))
    text = "\n".join(pages)
    assert "Lap 7 time deleted: Track limits turn 5 (decision 4)" in pages[-1]
    assert "OUT 1:05.432" in text and "FCY" in text


def test_best_lap_and_sectors_are_bold_and_marked_deleted_lap_struck(time_cards: bytes) -> None:
    lines = {line.split()[0]: line for page in pages_text(time_cards)
             for line in page.splitlines() if line[:1].isdigit()}
    assert "1:39.001" in lines["50"] and "**" in lines["50"]
    assert "X" in lines["7"].split() or "1:38.500X" in lines["7"]
    assert "DELETED — decision 4" in lines["7"]
    with pdfplumber.open(io.BytesIO(time_cards)) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["fontname"])
        deleted = next(w for w in words if w["text"].startswith("1:38.500"))
        best_s1 = [w for w in words if w["text"].rstrip("*") == "30.000"
                   and "Condensed" in w["fontname"]]  # the laps' lines, not the car's
        assert [w["text"] for w in best_s1 if "Bold" in w["fontname"]] == ["30.000*"]
        # Best sector 1 (lap 3) in bold, the others plain.
        assert sum("Bold" in w["fontname"] for w in best_s1) == 1
        # A line is drawn through the deleted time, at mid-height of its digits.
        through = [line for line in page.lines
                   if line["x0"] <= deleted["x0"] and line["x1"] >= deleted["x1"] - 1
                   and deleted["top"] < line["top"] < deleted["bottom"]]
        assert through


def test_fastest_laps_of_40_cars_on_one_page_with_the_best_per_class() -> None:
    rows = []
    for index in range(1, 41):
        rows.append(FastestLapRow(position=index, car=car(index),
                                  class_position=(index - 1) // 3 + 1,
                                  lap_time_ms=100_000 + index * 111, lap_number=index % 20 + 1,
                                  hour="14:23:45.678", gap_ms=(index - 1) * 111 or None,
                                  interval_ms=111 if index > 1 else None, kph=150.5))
    rows.append(FastestLapRow(position=None, car=car(41), class_position=None,
                              lap_time_ms=None))
    pdf = render_lap_sheet(FastestLapsDocument(**HEADER, title="Fastest Laps",
                                               rows=tuple(rows), class_order=CLASSES))
    pages = pages_text(pdf)
    assert len(pages) == 1
    text = pages[0]
    positions = [line.split()[0] for line in text.splitlines()
                 if line[:1].isdigit() and "Driver" in line]
    # The car without a time has no position: its line begins with its number.
    assert positions == [str(n) for n in range(1, 41)] + ["41"]
    assert "1:40.111" in text and "+0.111" in text and "no time" in text
    best = text[text.index("Best lap per class"):]
    assert "Pro 3 Driver 3" in best or "Pro 03" in best


def test_best_laps_lists_each_car_s_quickest_laps_with_their_numbers() -> None:
    rows = tuple(BestLapsRow(position=i, car=car(i), laps=tuple(
        BestLap(lap, 100_000 + i * 100 + lap) for lap in range(1, 11))) for i in range(1, 6))
    pdf = render_lap_sheet(BestLapsDocument(**HEADER, title="Best 10 Laps", rows=rows))
    text = pages_text(pdf)[0]
    assert "1:40.101" in text and "lap 10" in text


def test_pit_stops_and_flags_read_back() -> None:
    stops = (CarPitStops(car(2), (
        PitStop(1, 12, "14:30:00.000", 13, 64_321, "A", "B"),
        PitStop(2, 20, "14:45:00.000", None, None))),)
    text = pages_text(render_lap_sheet(PitStopsDocument(**HEADER, title="Pit Stops",
                                                        cars=stops)))[0]
    assert "1:04.321" in text and "Driver: B" in text and "Stayed in" in text
    flags = FlagsDocument(**HEADER, title="Flags", periods=(
        FlagPeriod("SC", 3, 5, 200_000, 520_000, "14:08:20", "14:13:40", crossings=88),
        FlagPeriod("FCY", 12, 12, 1_300_000, 1_400_000, "14:27:00", "14:28:40")),
        leader_laps=27, session_ms=2_700_000)
    text = pages_text(render_lap_sheet(flags))[0]
    assert "SC — Safety car 3–5 3 88 14:08:20 14:13:40" in text
    assert "5:20.000" in text and "1:40.000" in text
    empty = FlagsDocument(**HEADER, title="Flags", periods=(), leader_laps=27,
                          session_ms=2_700_000)
    assert "No lap was completed under a flag" in pages_text(render_lap_sheet(empty))[0]


def test_lap_chart_table_has_every_lap_and_the_chart_a_legend() -> None:
    cars = []
    order = []
    for lap in range(1, 31):
        numbers = [car(i).number for i in range(1, 41)]
        shift = lap % 40
        order.append(tuple(numbers[shift:] + numbers[:shift]))
    for index in range(1, 41):
        number = car(index).number
        cars.append(LapChartCar(car(index), tuple(o.index(number) + 1 for o in order)))
    pdf = render_lap_chart(LapChartDocument(**HEADER, title="Lap Chart", cars=tuple(cars),
                                            order=tuple(order), class_order=CLASSES))
    pages = pages_text(pdf)
    assert all(name in pages[0] for name in CLASSES)  # the legend
    rows = [line.split() for page in pages[1:] for line in page.splitlines()
            if line[:1].isdigit() and len(line.split()) == 41]
    assert [int(row[0]) for row in rows] == list(range(1, 31))
    assert [tuple(row[1:]) for row in rows] == order


def test_the_speed_trap_has_a_column_only_when_the_time_cards_carry_it() -> None:
    document = long_card()
    card = document.cards[0]
    trapped = replace(card, laps=tuple(replace(lap, top_speed=240.5 + lap.lap / 10)
                                       for lap in card.laps))
    text = pages_text(render_time_cards(replace(document, cards=(trapped,))))[0]
    assert "km/h Top Elapsed" in text and "240.6" in text
