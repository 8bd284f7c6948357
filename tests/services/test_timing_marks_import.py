"""Small generated Al Kamel time cards: the timing system's marks decide on import."""

from pathlib import Path

from sqlmodel import select

from paddock.db.models import LapRecordRow
from paddock.services.database import Database
from paddock.services.results import import_results, session_results

HEADER = ("NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; "
          "CROSSING_FINISH_LINE_IN_PIT; S1; S1_IMPROVEMENT; S2; S2_IMPROVEMENT; S3; "
          "S3_IMPROVEMENT; KPH; ELAPSED; HOUR; TOP_SPEED; DRIVER_NAME; PIT_TIME; FLAG_AT_FL;")


def time_cards(path: Path, cars: dict[str, list[tuple[str, int]]]) -> Path:
    """Write time cards: per car, (lap time, LAP_IMPROVEMENT) for laps 1, 2, ..."""
    from paddock.rules.laptime import format_laptime, format_racetime, parse_time

    lines = [HEADER]
    for number, laps in cars.items():
        elapsed = 0
        for lap, (time, mark) in enumerate(laps, start=1):
            ms = parse_time(time)
            elapsed += ms
            third = ms // 3
            lines.append(
                f"{number};1;{lap};{time};{mark};;{format_laptime(third)};0;"
                f"{format_laptime(third)};0;{format_laptime(ms - 2 * third)};0;150.1;"
                f"{format_racetime(elapsed)};14:{lap:02d}:00.000;251.3;Driver {number};;GF;")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


def test_marks_in_a_generated_file_decide_each_cars_best_lap(db: Database, tmp_path: Path) -> None:
    files = [time_cards(tmp_path / "23_Time Cards_Qualifying.CSV", {
        # Two marks: the quicker marked lap counts; lap 2 (quicker, unmarked) was deleted.
        "7": [("2:15.000", 2), ("2:11.000", 0), ("2:12.000", 3), ("2:14.000", 2)],
        # No mark at all: every time disallowed, no valid lap.
        "12": [("2:10.000", 0), ("2:10.500", 0)],
        # The mark is not on the fastest lap: the car ranks on the marked lap.
        "3": [("2:11.500", 0), ("2:12.500", 2), ("2:13.000", 0)],
    })]
    summary = import_results(db, event="1", session="Q", files=files)
    assert summary.laps == 9
    rows = {r.row.number: r.row for r in session_results(db, event="1", session="Q").rows}
    assert (rows["7"].position, rows["7"].best_lap_number, rows["7"].best_lap_ms) == (1, 3, 132_000)
    assert (rows["3"].position, rows["3"].best_lap_number) == (2, 2)
    assert rows["12"].best_lap_ms is None and rows["12"].deleted_laps == (1, 2)
    with db.reader() as s:
        deleted = {(lap.number, lap.lap) for lap in s.exec(
            select(LapRecordRow).where(LapRecordRow.timing_deleted))}
        stored = s.exec(select(LapRecordRow).where(LapRecordRow.number == "7",
                                                   LapRecordRow.lap == 1)).one()
    assert deleted == {("7", 2), ("12", 1), ("12", 2), ("3", 1)}
    # Every column the documents need is kept.
    assert (stored.mark, stored.s1_ms, stored.kph, stored.top_speed, stored.flag) == (
        2, 45_000, 150.1, 251.3, "GF")
