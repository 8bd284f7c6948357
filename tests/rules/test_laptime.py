import pytest

from paddock.rules.laptime import (
    format_gap,
    format_laps_gap,
    format_laptime,
    format_racetime,
    parse_optional_time,
    parse_time,
)


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("1:42:08.126", 6_128_126),
        ("1:11.990", 71_990),
        ("32.533", 32_533),
        ("29:48.260", 1_788_260),
        ("0:36.692", 36_692),
        (" 1:11.5 ", 71_500),
        ("58", 58_000),
    ],
)
def test_parses_the_time_formats_of_timing_files(text: str, ms: int) -> None:
    assert parse_time(text) == ms


@pytest.mark.parametrize("text", ["", "abc", "1:61.000", "1:1:1:1", "1,234", "-1.000"])
def test_refuses_what_is_not_a_time_and_says_what_it_saw(text: str) -> None:
    with pytest.raises(ValueError, match="is not a time"):
        parse_time(text)


@pytest.mark.parametrize(
    "text",
    [
        "1:1",  # 1:15.204 cut short: not 1:01.000
        "1:2:03.000",  # minutes after hours take two digits
        "1:02:3.000",
        "1:23.4567",  # four decimals
        "1:23.",
        "١:٢٣.٤٥٦",  # Arabic-Indic digits
        "1:2³.456",  # a superscript is not a digit here
        "\uff11:23.456",  # full-width 1
        "1:60.000",
        "1:60:00.000",
        "1234:00:00.000",  # more hours than any session: also keeps the number small
        "1:23.456 x",
        "1:23.456\n7",
    ],
)
def test_a_time_must_parse_whole_in_the_strict_format(text: str) -> None:
    with pytest.raises(ValueError, match="is not a time"):
        parse_time(text)


def test_the_largest_accepted_time_stays_a_small_integer() -> None:
    assert parse_time("999:59:59.999") == 3_599_999_999


def test_empty_optional_time_is_none() -> None:
    assert parse_optional_time("  ") is None
    assert parse_optional_time("1:11.990") == 71_990


def test_formats_as_timekeepers_print() -> None:
    assert format_laptime(71_990) == "1:11.990"
    assert format_laptime(32_533) == "32.533"
    assert format_laptime(3_723_004) == "1:02:03.004"
    assert format_racetime(6_128_126) == "1:42:08.126"
    assert format_gap(903) == "+0.903"
    assert format_gap(64_211) == "+1:04.211"
    assert format_laps_gap(1) == "1 Lap"
    assert format_laps_gap(5) == "5 Laps"
