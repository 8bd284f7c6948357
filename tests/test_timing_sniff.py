"""The sniffing of a file's first bytes before a timing import."""

from __future__ import annotations

from pathlib import Path

import pytest

from paddock.timing.sniff import HEAD_BYTES, Sniffed, sniff


@pytest.mark.parametrize(("head", "kind"), [
    (b"", Sniffed.EMPTY),
    (b"\xef\xbb\xbf\r\n  \n", Sniffed.EMPTY),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Sniffed.PNG),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", Sniffed.JPEG),
    (b"GIF89a\x01\x00", Sniffed.GIF),
    (b"%PDF-1.7\n%\xe2\xe3", Sniffed.PDF),
    (b"PK\x03\x04\x14\x00", Sniffed.ZIP),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", Sniffed.OLE),
    (b"abc\x00\x01\x02", Sniffed.BINARY),
    (b"number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,"
     b"full_season\n7,A,B,2000-01-01,USA,T,911,Pro,no,yes\n", Sniffed.ENTRY_LIST),
    (b"\xef\xbb\xbfNUMBER;FIRST_NAME;LAST_NAME;TEAM\n", Sniffed.ENTRY_LIST),
    (b"number,lap,lap_time,elapsed\n1,1,1:20.000,1:20.000\n", Sniffed.TEXT),
    (b"POSITION;NUMBER;TEAM;DRIVER_1;LAPS;TOTAL_TIME\n", Sniffed.TEXT),
])
def test_a_file_is_told_by_its_first_bytes(head: bytes, kind: Sniffed) -> None:
    assert sniff(head).kind is kind


def test_a_timing_file_with_team_class_and_car_is_still_timing() -> None:
    head = b"\xef\xbb\xbfPOSITION,NUMBER,STATUS,LAPS,TOTAL_TIME,TEAM,CLASS,CAR,NATIONALITY\n"
    assert sniff(head).kind is Sniffed.TEXT


def test_the_real_timing_exports_are_text(imsa_files: list[bytes]) -> None:
    for head in imsa_files:
        assert sniff(head).kind is Sniffed.TEXT


@pytest.fixture
def imsa_files(imsa_data: Path) -> list[bytes]:
    return [p.read_bytes()[:HEAD_BYTES] for p in sorted(imsa_data.glob("*.csv"))]


def test_text_keeps_its_header() -> None:
    found = sniff(b'"Number" ; "Lap" ; "Lap_Time"\n')
    assert found.is_timing_candidate
    assert found.header == ("number", "lap", "lap_time")
