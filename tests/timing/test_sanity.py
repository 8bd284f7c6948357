"""Timing files are refused whole when cut, damaged or absurd; the unusual is a warning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from paddock.errors import InputError
from paddock.rules.laptime import format_laptime, format_racetime
from paddock.timing.csvio import read_input_file
from paddock.timing.detect import read_timing_bytes, read_timing_file
from paddock.timing.records import TimingFile
from paddock.timing.sanity import cross_check

HEADER = "NUMBER,DRIVER_NUMBER,LAP_NUMBER,LAP_TIME,ELAPSED,DRIVER_NAME,FLAG_AT_FL,"


def cards(laps: dict[str, list[int]], *, start: int = 0) -> list[str]:
    """Time-card lines (trailing separator, as the copies in circulation)."""
    lines = [HEADER]
    for number, times in laps.items():
        elapsed = start
        for lap, ms in enumerate(times, start=1):
            elapsed += ms
            lines.append(f"{number},1,{lap},{format_laptime(ms)},{format_racetime(elapsed)},"
                         "Jo Doe,GF,")
    return lines


def read(lines: list[str], name: str = "tc.csv") -> TimingFile:
    return read_timing_bytes(("\n".join(lines) + "\n").encode(), name)


def refused(lines: list[str], name: str = "tc.csv") -> str:
    with pytest.raises(InputError) as caught:
        read(lines, name)
    return str(caught.value)


GOOD = cards({"7": [90_123, 85_456, 86_789], "21": [91_000, 84_000, 84_500]})


def test_a_sound_file_reads_without_warnings() -> None:
    f = read(GOOD)
    assert len(f.laps) == 6 and f.warnings == ()


def test_a_last_line_cut_short_is_refused_at_that_line() -> None:
    cut = [*GOOD[:-1], GOOD[-1][:25]]
    assert refused(cut).startswith("tc.csv:7: the line has 5 fields where every other line has 8")


def test_a_last_line_that_lost_only_its_trailing_separator_is_cut_too() -> None:
    assert refused([*GOOD[:-1], GOOD[-1][:-1]]).startswith("tc.csv:7: the line has 7 fields")


def test_a_file_cut_inside_its_only_line_is_refused() -> None:
    text = "\n".join(RESULTS[:2])
    assert read_timing_bytes(text.encode(), "r.csv").results[0].laps == 3  # whole, no line end
    with pytest.raises(InputError, match=r"^r.csv:2: the only line has 4 fields where the he"):
        read_timing_bytes(text[: text.index(",4:22")].encode(), "r.csv")


def test_a_time_cut_to_fewer_decimals_is_refused() -> None:
    lines = ["NUMBER,LAP_NUMBER,LAP_TIME,ELAPSED", "7,1,1:30.123,1:30.123",
             "7,2,1:25.456,2:55.579", "7,3,1:26.789,4:22.36"]
    message = refused(lines)
    assert message.startswith("tc.csv:4: '4:22.36' has 2 decimals where every other time has 3")
    assert message.endswith("(column ELAPSED)")


def test_a_time_cut_mid_way_is_not_read_as_another_time() -> None:
    lines = ["NUMBER,LAP_NUMBER,LAP_TIME", "7,1,1:30.123", "7,2,1:1"]
    assert refused(lines) == (
        "tc.csv:3: '1:1' is not a time (expected h:mm:ss.fff, m:ss.fff or ss.fff) "
        "(column LAP_TIME)")


def test_a_line_removed_leaves_a_gap_in_the_laps() -> None:
    lines = [line for i, line in enumerate(GOOD) if i != 2]
    assert refused(lines) == (
        "tc.csv:3: car 7 goes from lap 1 (line 2) to lap 3: lap 2 is missing (column LAP_NUMBER)")


def test_swapped_lines_put_the_laps_out_of_order() -> None:
    lines = list(GOOD)
    lines[2], lines[3] = lines[3], lines[2]
    message = refused(lines)
    assert message.startswith("tc.csv:3: car 7 goes from lap 1 (line 2) to lap 3")
    lines = [GOOD[0], GOOD[2], GOOD[1], GOOD[3]]
    assert refused(lines).startswith(
        "tc.csv:3: car 7 lap 1 comes after its lap 2 (line 2): the laps are out of order")


def test_a_repeated_line_is_refused() -> None:
    assert "car 21 lap 3 is given twice (first on line 7)" in refused([*GOOD, GOOD[-1]])


def test_elapsed_times_must_add_up_to_the_laps() -> None:
    lines = list(GOOD)
    lines[3] = lines[3].replace("4:22.368", "4:22.468")
    assert refused(lines) == (
        "tc.csv:4: car 7 lap 3: ELAPSED 0:04:22.468 is not lap 2's 0:02:55.579 plus the lap "
        "time 1:26.789 (that makes 0:04:22.368) (column ELAPSED)")


def test_elapsed_within_the_tolerance_and_a_late_first_crossing_are_accepted() -> None:
    lines = cards({"7": [90_000, 85_000]}, start=600_000)  # out of the pits 10 min in
    lines[2] = lines[2].replace("12:55.000", "12:55.002")
    assert [lap.elapsed_ms for lap in read(lines).laps] == [690_000, 775_002]


def test_without_elapsed_nothing_is_summed() -> None:
    f = read(["number,lap,lap_time", "7,1,1:30.000", "7,2,1:31.000"])
    assert [lap.elapsed_ms for lap in f.laps] == [None, None]


@pytest.mark.parametrize(
    ("lap_time", "what"),
    [
        ("0.000", "car 7 lap 2: a lap time of zero"),
        ("59:59:59.999", "car 7 lap 2: 59:59:59.999 is longer than any session"),
        ("1:00:00.000", "car 7 lap 2: the lap time 1:00:00.000 is longer than the whole session "
                        "(0:04:22.368 at the last crossing in the file)"),
    ],
)
def test_absurd_lap_times_are_refused(lap_time: str, what: str) -> None:
    lines = list(GOOD)
    lines[2] = lines[2].replace("1:25.456", lap_time)
    assert refused(lines).startswith(f"tc.csv:3: {what}")


def test_a_long_first_lap_and_a_red_flag_lap_are_normal() -> None:
    f = read(cards({"7": [1_788_260, 85_000, 1_200_000, 84_000]}))
    assert f.warnings == ()


@pytest.mark.parametrize(
    ("lap", "what"),
    [
        ("0", "car 7: lap number 0; laps count from 1"),
        ("1000000", "'1000000' is too large (at most 10000)"),
        ("99999999999999999999999", "'99999999999999999999999' is too large"),
        ("١٢", "'١٢' is not a whole number"),
        ("²", "'²' is not a whole number"),
    ],
)
def test_absurd_lap_numbers_are_refused(lap: str, what: str) -> None:
    lines = ["number,lap,lap_time", f"7,{lap},1:30.000"]
    assert refused(lines).startswith(f"tc.csv:2: {what}")


def test_car_numbers_in_other_digits_are_refused() -> None:
    lines = ["number,lap,lap_time", "١٢,1,1:30.000"]
    assert refused(lines) == "tc.csv:2: car number '١٢' must be written with 0-9 (column number)"


def test_a_car_starting_after_lap_1_or_without_a_time_is_a_warning() -> None:
    lines = ["number,lap,lap_time,elapsed", "7,3,1:30.000,4:30.000", "7,4,1:31.000,6:01.000",
             "8,1,,", "8,2,,"]
    f = read(lines)
    assert [str(w) for w in f.warnings] == [
        "tc.csv:2: car 7's laps start at lap 3, not 1 (column lap)",
        "tc.csv:4: car 8 has no lap time at all (column lap_time)",
    ]


RESULTS = [
    "POSITION,NUMBER,STATUS,LAPS,TOTAL_TIME,FL_LAPNUM,FL_TIME,",
    "1,7,Classified,3,4:22.368,2,1:25.456,",
    "2,21,Classified,3,4:19.500,3,1:24.500,",
    "3,8,Retired,1,1:40.000,1,1:40.000,",
    ",93,Not started,0,,0,,",
]


def test_sound_results_read_without_warnings() -> None:
    f = read(RESULTS, "r.csv")
    assert [r.position for r in f.results] == [1, 2, 3, None] and f.warnings == ()


@pytest.mark.parametrize(
    ("line", "replacement", "what"),
    [
        (2, "1,21,Classified,3,4:19.500,3,1:24.500,",
         "r.csv:3: car 21 is at position 1, as is car 7 (line 2) (column POSITION)"),
        (2, "0,21,Classified,3,4:19.500,3,1:24.500,", "r.csv:3: car 21: position 0"),
        (2, "2,21,Banana,3,4:19.500,3,1:24.500,",
         "r.csv:3: unknown status 'Banana' (expected Classified,"),
        (2, "2,21,Classified,3,0.000,3,1:24.500,", "r.csv:3: car 21: a total time of zero"),
        (2, "2,21,Classified,3,4:19.500,3,0.000,", "r.csv:3: car 21: a best lap of zero"),
        (2, "2,21,Classified,3,59:59:59.999,3,1:24.500,",
         "r.csv:3: car 21: a total time of 59:59:59.999: longer than any session"),
        (2, "2,21,Classified,3,4:19.500,4,1:24.500,", "r.csv:3: car 21: best lap on lap 4 of 3"),
        (2, "2,21,Classified,١٢,4:19.500,3,1:24.500,", "r.csv:3: '١٢' is not a whole number"),
        (2, "2,21,Classified,99999999999999999999,4:19.500,3,1:24.500,",
         "r.csv:3: '99999999999999999999' is too large"),
    ],
)
def test_results_lines_that_cannot_be_are_refused(line: int, replacement: str,
                                                  what: str) -> None:
    lines = list(RESULTS)
    lines[line] = replacement
    assert refused(lines, "r.csv").startswith(what)


def test_a_results_line_removed_leaves_a_gap_in_the_positions() -> None:
    lines = [line for i, line in enumerate(RESULTS) if i != 2]
    assert refused(lines, "r.csv") == (
        "r.csv:3: car 8 is at position 3 but position 2 is in no line: lines are missing "
        "(column POSITION)")
    assert "position 1 is in no line" in refused([RESULTS[0], *RESULTS[2:]], "r.csv")


def test_results_by_class_may_jump_overall_but_not_in_class() -> None:
    header = "CLASS_TYPE;POS;PIC;NUMBER;LAPS;ELAPSED"
    good = [header, "Pro;1;1;7;20;30:00.000", "Am;4;1;03;20;30:10.000",
            "Am;5;2;04;20;30:11.000"]
    assert [r.class_position for r in read(good, "c.csv").results] == [1, 1, 2]
    bad = [header, "Pro;1;1;7;20;30:00.000", "Am;4;2;03;20;30:10.000"]
    assert refused(bad, "c.csv").startswith(
        "c.csv:3: car 03 is at position 2 but position 1 is in no line")


def test_a_car_classified_without_a_lap_is_a_warning() -> None:
    lines = [*RESULTS[:4], "4,01,Classified,0,,0,,"]
    assert [str(w) for w in read(lines, "r.csv").warnings] == [
        "r.csv:5: car 01 is classified 4 without a lap (column LAPS)"]


# --- the file itself: CSV trouble, what is not a file -------------------------------------


def test_cr_only_line_ends_read_like_lf_with_the_same_line_numbers() -> None:
    lf = read(GOOD)
    cr = read_timing_bytes(("\r".join(GOOD) + "\r").encode(), "tc.csv")
    assert cr.laps == lf.laps
    damaged = list(GOOD)
    damaged[5] = damaged[5].replace(",2,", ",4,")
    with pytest.raises(InputError, match=r"^tc.csv:6: car 21 goes from lap 1"):
        read_timing_bytes("\r".join(damaged).encode(), "tc.csv")


def test_a_huge_field_is_a_message_not_a_traceback() -> None:
    lines = [*GOOD[:3], GOOD[3].replace("Jo Doe", "x" * 200_000), *GOOD[4:]]
    assert refused(lines).startswith(
        "tc.csv:4: cannot be read as CSV (field larger than field limit (131072))")


def test_a_quote_left_open_is_refused_where_it_opens() -> None:
    lines = [*GOOD[:3], GOOD[3].replace("Jo Doe", '"Jo Doe'), *GOOD[4:]]
    assert refused(lines).startswith("tc.csv:4: a quoted field opened here runs on to line 7")


def test_nul_bytes_are_refused_with_their_line() -> None:
    data = ("\n".join(GOOD) + "\n").encode().replace(b"Jo Doe", b"Jo\0Doe", 3)
    with pytest.raises(InputError, match=r"^tc.csv:2: holds NUL bytes"):
        read_timing_bytes(data, "tc.csv")


def test_a_fifo_is_refused_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "laps.csv"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    with pytest.raises(InputError) as caught:
        read_timing_file(fifo)
    assert str(caught.value) == f"{fifo}: is not a regular file (a pipe or a device?)"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^/dev/zero: is not a regular file"):
        read_timing_file("/dev/zero")
    with pytest.raises(InputError, match=r": is a folder, not a file$"):
        read_timing_file(tmp_path)


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.truncate(3 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(InputError, match=r"big.csv: is 3 MiB; a timing or entry file is at most 2"):
        read_input_file(big, limit=2 * 1024 * 1024)


# --- time cards against the results file --------------------------------------------------


def pair(laps: dict[str, list[int]], results: list[str]) -> tuple[TimingFile, TimingFile]:
    return read(cards(laps), "tc.csv"), read(results, "r.csv")


def test_files_that_agree_cross_check_clean() -> None:
    t, r = pair({"7": [90_123, 85_456, 86_789], "21": [91_000, 84_000, 84_500],
                 "8": [100_000]}, RESULTS)
    assert cross_check(t, r) == ([], [])


def test_a_car_with_other_laps_in_each_file_is_an_error() -> None:
    t, r = pair({"7": [90_123, 85_456], "21": [91_000, 84_000, 84_500], "8": [100_000]},
                RESULTS)
    errors, warnings = cross_check(t, r)
    assert [str(e) for e in errors] == [
        "r.csv:2: car 7 has 3 laps in the results file but 2 in the time cards (tc.csv:3): "
        "one of the files is cut short or damaged (column LAPS)"]
    assert warnings == []


def test_a_car_with_laps_only_in_the_time_cards_is_an_error() -> None:
    t, r = pair({"7": [90_123, 85_456, 86_789], "21": [91_000, 84_000, 84_500],
                 "8": [100_000], "93": [100_000]}, RESULTS[:4])
    errors, _ = cross_check(t, r)
    assert [str(e) for e in errors] == [
        "tc.csv:9: car 93 has 1 laps in the time cards but is not in the results file r.csv: "
        "one of the files is cut short or damaged (column NUMBER)"]
    errors, _ = cross_check(t, read(RESULTS, "r.csv"))
    assert "car 93 has 1 laps in the time cards but has 0 laps in the results" in str(errors[0])


def test_a_car_with_laps_only_in_the_results_is_a_warning_and_a_non_starter_nothing() -> None:
    t, r = pair({"7": [90_123, 85_456, 86_789], "21": [91_000, 84_000, 84_500]}, RESULTS)
    errors, warnings = cross_check(t, r)
    assert errors == []
    assert [str(w) for w in warnings] == [
        "r.csv:4: car 8 has 1 laps in the results file but none in the time cards tc.csv "
        "(column LAPS)"]  # and not a word about 93, which did not start


def test_results_without_lap_counts_are_not_compared_by_laps() -> None:
    t = read(cards({"7": [90_000, 85_000]}), "tc.csv")
    r = read(["POS,NUMBER,TIME", "1,7,1:25.000", "2,21,1:26.000"], "q.csv")
    errors, warnings = cross_check(t, r)
    assert errors == [] and "gives no lap counts" in str(warnings[0])
    with pytest.raises(ValueError):
        cross_check(r, t)


RACE = "2023_08-long-beach-street-circuit_202304151405-race-"
QUALIFYING = "2023_08-long-beach-street-circuit_202304141715-qualifying-"


@pytest.mark.parametrize("session", [RACE, QUALIFYING])
def test_the_real_long_beach_files_agree_with_each_other(imsa_data: Path, session: str) -> None:
    laps = read_timing_file(imsa_data / f"{session}laps.csv")
    results = read_timing_file(imsa_data / f"{session}results.csv")
    assert laps.warnings == ()
    errors, warnings = cross_check(laps, results)
    assert errors == [] and warnings == []


def test_the_real_race_results_warn_of_01_classified_without_a_lap(imsa_data: Path) -> None:
    results = read_timing_file(imsa_data / f"{RACE}results.csv")
    assert [w.what for w in results.warnings] == ["car 01 is classified 26 without a lap"]


def test_the_real_race_time_cards_cut_anywhere_mid_line_are_refused(imsa_data: Path) -> None:
    data = (imsa_data / f"{RACE}laps.csv").read_bytes()
    ends = [i for i, byte in enumerate(data) if byte == ord("\n")]
    for cut in (ends[100] - 1, ends[1000] - 30, ends[1500] - 60, len(data) - 2):
        with pytest.raises(InputError, match=r"laps.csv:\d+: "):
            read_timing_bytes(data[:cut], "laps.csv")
