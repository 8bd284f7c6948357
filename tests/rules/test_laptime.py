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
