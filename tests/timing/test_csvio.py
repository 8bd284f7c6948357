"""The CSV layer: delimiters, BOMs, stray spaces, trailing separators, line numbers."""

from __future__ import annotations

import pytest

from paddock.errors import InputError
from paddock.timing.csvio import CsvTable, decode, sniff_delimiter


def table(text: str, name: str = "f.csv") -> CsvTable:
    return CsvTable.parse(text, name)


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [
        ("NUMBER;DRIVER_NUMBER;LAP_NUMBER", ";"),
        ("NUMBER, DRIVER_NUMBER, LAP_NUMBER,", ","),
        ("number\tlap\tlap_time", "\t"),
        ("NUMBER", ","),
    ],
)
def test_sniffs_the_delimiter_from_the_header(header: str, delimiter: str) -> None:
    assert sniff_delimiter(header) == delimiter


def test_semicolon_header_with_team_names_holding_commas_keeps_its_delimiter() -> None:
    t = table("POS;NUMBER;TEAM\n1;7;Porsche, Penske\n")
    row = t.rows[0]
    assert t.get(row, "TEAM") == "Porsche, Penske"


def test_strips_bom_and_refuses_what_is_not_utf8_naming_the_line() -> None:
    assert decode(b"\xef\xbb\xbfNUMBER\n1\n", "a.csv") == "NUMBER\n1\n"
    with pytest.raises(InputError) as caught:
        decode(b"NUMBER,DRIVER_NAME\n1,Ana\n2,S\xe9bastien\n", "b.csv")
    assert str(caught.value).startswith("b.csv:3: not UTF-8")


def test_header_names_are_stripped_and_found_in_any_case_and_order() -> None:
    t = table("NUMBER; DRIVER_NUMBER; LAP_NUMBER;\n01;1;3;\n")
    assert t.has("driver_number", "LAP_NUMBER")
    row = t.rows[0]
    assert (t.get(row, "number"), t.get(row, "LAP_NUMBER")) == ("01", "3")
    assert "" not in t.columns  # the trailing separator makes no column


def test_rows_keep_their_line_numbers_past_blank_lines_and_crlf() -> None:
    t = table("\r\nPOS,NUMBER\r\n1,7\r\n\r\n2,8\r\n")
    assert t.header_line == 2
    assert [r.line for r in t.rows] == [3, 5]


def test_short_rows_read_as_blank_fields() -> None:
    t = table("POS,NUMBER,TEAM\n1,7\n")
    assert t.get(t.rows[0], "TEAM") == ""


def test_empty_file_is_refused() -> None:
    with pytest.raises(InputError, match=r"^e.csv:1: the file is empty"):
        table("  \n\n", "e.csv")


def test_positions_written_as_decimals_are_whole_numbers() -> None:
    t = table("POS,NUMBER\n25.0,7\n3,8\n2.5,9\n")
    assert t.optional_int(t.rows[0], "POS") == 25
    assert t.optional_int(t.rows[1], "POS") == 3
    with pytest.raises(InputError, match=r"f.csv:4: '2.5' is not a whole number \(column POS\)"):
        t.optional_int(t.rows[2], "POS")


def test_times_parse_or_say_where_they_do_not() -> None:
    t = table("NUMBER,TOTAL_TIME\n1,1:42:08.126\n2,1:40'37.481\n3,1h42\n4,-\n")
    assert t.optional_time(t.rows[3], "TOTAL_TIME") is None  # a dash: no time
    assert t.optional_time(t.rows[0], "TOTAL_TIME") == 6_128_126
    assert t.optional_time(t.rows[1], "TOTAL_TIME") == 6_037_481  # older exports' apostrophe
    with pytest.raises(InputError) as caught:
        t.optional_time(t.rows[2], "TOTAL_TIME")
    assert str(caught.value).startswith("f.csv:4: '1h42' is not a time")
    assert caught.value.location is not None
    assert caught.value.location.column == "TOTAL_TIME"


def test_missing_column_is_reported_at_the_header() -> None:
    t = table("POS,NUMBER\n1,7\n")
    with pytest.raises(InputError, match=r"f.csv:1: x: required column LAPS is missing"):
        t.require("NUMBER", "LAPS", kind="x")


def test_excel_separator_line_is_taken_as_the_delimiter() -> None:
    t = table("sep=;\nPOS;NUMBER;TEAM\n1;7;A, B\n")
    assert (t.delimiter, t.header_line, t.header) == (";", 2, ("POS", "NUMBER", "TEAM"))
    assert [(r.line, t.get(r, "TEAM")) for r in t.rows] == [(3, "A, B")]
