"""The lap documents from the real Long Beach 2023 time cards, read back from the PDFs.

The time cards sheet must say what the timing system's file says, lap for lap; the other
documents must agree with the file and with the official results.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from paddock.errors import NotFound
from paddock.rules.laptime import parse_time
from paddock.services.database import Database
from paddock.services.lap_documents import (
    LAP_DOCUMENTS,
    best_sectors_document,
    fastest_laps_document,
    flags_document,
    lap_chart_document,
    lap_document_pdf,
    pit_stops_document,
    time_cards_document,
)
from paddock.services.results import add_penalty, import_results, publish
from tests.reports.pdfread import pages_text
from tests.services.test_results import QUALI, RACE, imsa, official_lines  # noqa: F401

MARKS = {"*", "**", "X"}


@pytest.fixture
def race(imsa: Database, imsa_data: Path) -> Iterator[Database]:  # noqa: F811
    import_results(imsa, event="1", session="R1", files=[imsa_data / f"{RACE}-laps.csv",
                                                         imsa_data / f"{RACE}-results.csv"])
    yield imsa


def file_laps(imsa_data: Path, name: str) -> dict[str, list[dict[str, str]]]:
    laps: dict[str, list[dict[str, str]]] = {}
    for line in official_lines(imsa_data / f"{name}-laps.csv"):
        laps.setdefault(line["NUMBER"], []).append(line)
    for car in laps.values():
        car.sort(key=lambda line: int(line["LAP_NUMBER"]))
    return laps


def printed_laps(pdf: bytes) -> dict[str, list[list[str]]]:
    """Each car's lap lines as printed: lap, time, S1, S2, S3, km/h, elapsed, hour, flag."""
    cars: dict[str, list[list[str]]] = {}
    car = None
    for page in pages_text(pdf):
        for line in page.splitlines():
            heading = re.match(r"No\. (\S+) · ", line)
            if heading:
                car = heading.group(1)
                cars.setdefault(car, [])
                continue
            if car is None or not re.match(r"\d+ \d", line):
                continue
            words = [w.rstrip("*") for w in line.split() if w not in MARKS]
            cars[car].append(words[:9])
    return cars


def ms(text: str) -> int | None:
    return parse_time(text) if text.strip() else None


def test_the_race_time_cards_sheet_equals_the_time_cards_file_lap_for_lap(
    race: Database, imsa_data: Path
) -> None:
    pdf = lap_document_pdf(race, "time-cards", event="1", session="R1")
    printed = printed_laps(pdf)
    expected = file_laps(imsa_data, RACE)
    assert set(printed) == set(expected)
    for number in ("31", "60", *expected):  # two named cars first, then every car
        lines = printed[number]
        assert len(lines) == len(expected[number]), number
        for words, row in zip(lines, expected[number], strict=True):
            lap, time, s1, s2, s3, kph, elapsed, hour, flag = words
            assert int(lap) == int(row["LAP_NUMBER"])
            assert ms(time) == ms(row["LAP_TIME"]), (number, lap)
            assert [ms(s1), ms(s2), ms(s3)] == [ms(row["S1"]), ms(row["S2"]), ms(row["S3"])]
            assert float(kph) == float(row["KPH"])
            assert ms(elapsed) == ms(row["ELAPSED"])
            assert hour == row["HOUR"]
            assert flag == row["FLAG_AT_FL"]


def test_time_cards_of_one_car_mark_its_best_lap_sectors_and_pit_stops(
    race: Database,
) -> None:
    pdf = lap_document_pdf(race, "time-cards", event="1", session="R1", car="60")
    text = "\n".join(pages_text(pdf))
    assert "No. 60 · " in text and "No. 31 · " not in text
    assert "Best lap 1:11.616 (lap 25)" in text
    lines = {line.split()[0]: line for line in text.splitlines() if re.match(r"\d+ \d", line)}
    assert "*" in lines["25"]  # the best lap, bold and marked
    assert "IN" in lines["55"]
    assert "OUT 1:05.149, IN" in lines["56"]  # out of one stop, into the next
    assert "OUT 42.757" in lines["57"]
    document = time_cards_document(race, event="1", session="R1", car="60")
    best = [lap.lap for lap in document.cards[0].laps if lap.best]
    assert best == [25]
    with pytest.raises(NotFound):
        time_cards_document(race, event="1", session="R1", car="999")


def test_a_deleted_lap_is_struck_with_what_deleted_it(imsa: Database,  # noqa: F811
                                                      imsa_data: Path) -> None:
    import_results(imsa, event="1", session="Q", files=[imsa_data / f"{QUALI}-laps.csv"])
    add_penalty(imsa, event="1", session="Q", car="10", kind="delete-lap", lap=11,
                reason="Track limits T8", decision="7")
    document = time_cards_document(imsa, event="1", session="Q")
    cards = {card.car.number: card for card in document.cards}
    car10 = {lap.lap: lap for lap in cards["10"].laps}
    assert (car10[11].deleted, car10[11].deleted_by) == ("Track limits T8", "decision 7")
    assert not car10[11].best
    assert car10[12].best and cards["10"].best_lap_ms == parse_time("1:10.184")
    car60 = {lap.lap: lap for lap in cards["60"].laps}
    assert car60[10].deleted_by == "timing system" and car60[12].best
    text = "\n".join(pages_text(lap_document_pdf(imsa, "time-cards", event="1", session="Q")))
    assert "DELETED — decision 7" in text
    assert "Lap 11 time deleted: Track limits T8 (decision 7)" in text
    assert "Lap 10 time deleted: deleted in the timing system: quicker than lap 12" in text
    assert "DELETED — timing system" in text
    # Reinstated: the lap counts again, as the car's best.
    add_penalty(imsa, event="1", session="Q", car="60", kind="reinstate-lap", lap=10,
                reason="Video: no track limits offence")
    car60 = {lap.lap: lap for lap in time_cards_document(
        imsa, event="1", session="Q", car="60").cards[0].laps}
    assert not car60[10].deleted and car60[10].best


def test_fastest_laps_equal_the_official_results(race: Database, imsa_data: Path) -> None:
    pdf = lap_document_pdf(race, "fastest-laps", event="1", session="R1")
    text = "\n".join(pages_text(pdf))
    official = {line["NUMBER"]: line for line in official_lines(imsa_data / f"{RACE}-results.csv")
                if line["FL_TIME"].strip()}
    laps = file_laps(imsa_data, RACE)

    def set_at(number: str) -> tuple[int, int]:  # equal times: the one set first ranks ahead
        lap = laps[number][int(official[number]["FL_LAPNUM"]) - 1]
        return parse_time(official[number]["FL_TIME"]), parse_time(lap["ELAPSED"])

    order = sorted(official, key=set_at)
    rows = [line.split() for line in text.splitlines() if re.match(r"\d+ \d+ ", line)]
    printed = [(row[0], row[1]) for row in rows][:len(order)]
    assert printed == [(str(i), n) for i, n in enumerate(order, start=1)]
    for row in rows[:len(order)]:
        line = official[row[1]]
        assert line["FL_TIME"] in row and line["FL_LAPNUM"] in row
        assert line["CLASS"] in row
    best = text[text.index("Best lap per class"):]
    assert "GTP 25 Connor De Phillippi" in best and "1:11.503 60" in best
    assert "GTD 66" in best and "GTDPRO 9" in best


def test_best_sectors_and_ideal_lap_from_the_file(race: Database, imsa_data: Path) -> None:
    document = best_sectors_document(race, event="1", session="R1")
    laps = file_laps(imsa_data, RACE)
    for row in document.rows:
        for index, sector in enumerate(row.sectors):
            times = [ms(lap[f"S{index + 1}"]) for lap in laps[row.car.number]]
            assert sector is not None and sector.time_ms == min(t for t in times if t)
        assert row.ideal_ms == sum(s.time_ms for s in row.sectors if s)
    ideals = [row.ideal_ms for row in document.rows]
    assert ideals == sorted(ideals)
    car31 = next(row for row in document.rows if row.car.number == "31")
    assert [(s.time_ms, s.lap) for s in car31.sectors if s] == [
        (23_351, 26), (27_028, 74), (21_330, 26)]  # the laps the file marks for car 31
    text = "\n".join(pages_text(lap_document_pdf(race, "best-sectors", event="1", session="R1")))
    assert "23.351 (26)" in text and "1:11.709" in text


def test_pit_stops_take_the_pit_time_from_the_out_lap(race: Database) -> None:
    cars = {c.car.number: c for c in pit_stops_document(race, event="1", session="R1").cars}
    stops = [(s.in_lap, s.out_lap, s.pit_time_ms) for s in cars["60"].stops]
    assert stops == [(55, 56, 65_149), (56, 57, 42_757)]
    first = cars["1"].stops[0]
    assert (first.in_lap, first.out_lap, first.pit_time_ms) == (25, 26, 67_455)
    assert (first.driver_in, first.driver_out) == ("Madison Snow", "Bryan Sellers")
    text = "\n".join(pages_text(lap_document_pdf(race, "pit-stops", event="1", session="R1")))
    assert "Driver: Bryan Sellers" in text and "1:07.455" in text


def test_flags_are_the_laps_under_full_course_yellow(race: Database, imsa_data: Path) -> None:
    document = flags_document(race, event="1", session="R1")
    assert [(p.flag, p.first_lap, p.last_lap) for p in document.periods] == [
        ("FCY", 1, 4), ("FCY", 77, 77)]
    # Every FCY crossing of the file: 99 on laps 1-4, 25 at the end (laps 70-77).
    assert [p.crossings for p in document.periods] == [99, 25]
    assert document.periods[0].start_ms == 0
    assert document.leader_laps == 78
    text = "\n".join(pages_text(lap_document_pdf(race, "flags", event="1", session="R1")))
    assert "FCY — Full-course yellow 1–4 4" in text
    # Qualifying's cars are not in step: its red flag goes by the crossings, in time order.
    import_results(race, event="1", session="Q", files=[imsa_data / f"{QUALI}-laps.csv"])
    quali = flags_document(race, event="1", session="Q")
    assert [(p.flag, p.start_hour, p.end_hour, p.crossings) for p in quali.periods] == [
        ("RF", "17:29:07", "17:31:04", 19)]
    assert not quali.by_leader


def test_the_lap_chart_orders_cars_by_time_at_the_line(race: Database,
                                                        imsa_data: Path) -> None:
    document = lap_chart_document(race, event="1", session="R1")
    laps = file_laps(imsa_data, RACE)
    for lap in (1, 5, 33, 78):
        at = sorted((ms(row["ELAPSED"]), n) for n, rows in laps.items() for row in rows
                    if int(row["LAP_NUMBER"]) == lap)
        assert document.order[lap - 1] == tuple(n for _t, n in at)
    text = "\n".join(pages_text(lap_document_pdf(race, "lap-chart", event="1", session="R1")))
    assert "Positions at the end of each lap" in text
    first = next(line for line in text.splitlines() if line.startswith("1 10 6 25"))
    assert first.split()[1:] == list(document.order[0])
    with pytest.raises(NotFound):
        lap_chart_document(race, event="1", session="Q")


def test_every_lap_document_renders(race: Database) -> None:
    for name in LAP_DOCUMENTS:
        pdf = lap_document_pdf(race, name, event="1", session="R1")
        assert pdf.startswith(b"%PDF") and "Race 1" in pages_text(pdf)[0]
        assert "PROVISIONAL" in pages_text(pdf)[0]


def test_an_official_session_s_lap_documents_name_its_revision(race: Database) -> None:
    published = publish(race, event="1", session="R1")
    text = pages_text(lap_document_pdf(race, "flags", event="1", session="R1"))[0]
    assert "OFFICIAL — Revision 1" in text
    assert (f"From the official classification, revision 1 (hash {published.content_hash})"
            in text)
    assert "Document hash" in text  # its own: the time cards are not the revision's text


def test_a_disqualified_car_s_fastest_lap_has_no_position(race: Database) -> None:
    add_penalty(race, event="1", session="R1", car="25", kind="dsq", reason="Technical")
    document = fastest_laps_document(race, event="1", session="R1")
    assert document.rows[0].car.number == "60"  # 25's 1:11.503 no longer leads
    dsq = next(row for row in document.rows if row.car.number == "25")
    assert dsq.position is None and dsq.lap_time_ms == 71_503
    text = "\n".join(pages_text(lap_document_pdf(race, "fastest-laps", event="1",
                                                 session="R1")))
    assert "DSQ 25 Connor De Phillippi" in text
