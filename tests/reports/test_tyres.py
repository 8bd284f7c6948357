"""Tyre allocation and barcode pages, read back from the PDF (barcodes decoded from bars)."""

from __future__ import annotations

import io
from collections import defaultdict

import pdfplumber
import pytest
from reportlab.graphics.barcode.code128 import _patterns

from paddock.reports.tyres import render_tyre_allocation, render_tyre_barcodes
from tests.reports.pdfread import pages_text, within, words
from tests.reports.samples import tyre_barcode, tyres

# Code 128 patterns as element widths: "BaBbBb" = bar 2, space 1, bar 2, ...
_VALUE_OF = {
    tuple(ord(ch.upper()) - ord("A") + 1 for ch in pattern): value
    for value, pattern in _patterns.items()
}
START_B, START_C, STOP, CODE_B, CODE_C = 104, 105, 106, 100, 99


def decode_code128(widths: list[int]) -> str:
    """Decode element widths (in modules, bar first) of sets B and C; checks the checksum."""
    values = []
    index = 0
    while index < len(widths):
        if len(widths) - index == 7:  # the stop symbol has a seventh bar
            assert _VALUE_OF[tuple(widths[index:])] == STOP
            break
        values.append(_VALUE_OF[tuple(widths[index:index + 6])])
        index += 6
    start, *data, check = values
    assert (start + sum(i * v for i, v in enumerate(data, start=1))) % 103 == check
    text, code = "", start
    for value in data:
        if value in (CODE_B, CODE_C):
            code = START_B if value == CODE_B else START_C
        elif code == START_C:
            text += f"{value:02d}"
        else:
            text += chr(value + 32)
    return text


def scanned(pdf: bytes) -> list[list[str]]:
    """Every barcode on every page, read off the drawn bars, in reading order."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            symbols: dict[tuple[int, bool], list[dict]] = defaultdict(list)
            for rect in page.rects:
                if rect["height"] > 30 and rect["width"] < 6 and rect["fill"]:
                    symbols[(round(rect["top"]), rect["x0"] > page.width / 2)].append(rect)
            codes = []
            for key in sorted(symbols):
                bars = sorted(symbols[key], key=lambda r: r["x0"])
                unit = min(bar["width"] for bar in bars)
                widths = []
                for bar, after in zip(bars, [*bars[1:], None], strict=True):
                    widths.append(round(bar["width"] / unit))
                    if after is not None:
                        widths.append(round((after["x0"] - bar["x1"]) / unit))
                codes.append(decode_code128(widths))
            found.append(codes)
    return found


def test_barcode_pages_scan_back_to_the_registered_tyres() -> None:
    document = tyres()
    pdf = render_tyre_barcodes(document, numbers=["3", "021"])
    pages = scanned(pdf)
    # Cars print in the document's order (car "021" is the 4th, "3" the 5th).
    assert pages[0] == [tyre_barcode(3, t) for t in range(12)]  # 8 slicks, 4 wets
    assert pages[1] == [tyre_barcode(4, t) for t in range(9)]
    text = pages_text(pdf)
    assert "#021 Jonas Halvorsen" in text[0]
    assert "Page 2 of 2" in text[1] and "Tyre Barcodes" in text[1]


def test_allocation_totals_against_quota_and_each_cars_tyres() -> None:
    pdf = render_tyre_allocation(tyres(size=8))
    text = "\n".join(pages_text(pdf))
    lines = text.splitlines()
    assert "3 Kees van Bremen Redfern Racing Pro-Am 9 / 8 ▲ 0 0 / 4 9" in lines
    assert "Over quota: New slicks" in text
    assert "Totals — New slicks: 8 / 8 Wets: 4 Carried over: 1 / 4" in lines
    assert any(line.startswith("1 MI21000G00 Slick Front 30/65-18 26 Jun 2021 14:05 EDT "
                               "Carried over") for line in lines)
    # The replacement note wraps inside the Note column (the last 130 pt of the page).
    note = [w for w in words(pdf) if w.text in {"Replaces", "MI21000G99", "(damaged,", "3)"}]
    assert len(note) == 4
    assert within(note, 612 - 36 - 130, 612 - 36)
    assert f"Page 1 of {len(pages_text(pdf))}" in text


@pytest.mark.parametrize("number", ["99"])
def test_barcodes_for_one_car_fit_one_page(number: str) -> None:
    pdf = render_tyre_barcodes(tyres(), numbers=[number])
    assert len(scanned(pdf)) == 1
    assert scanned(pdf)[0] == [tyre_barcode(39, t) for t in range(12)]
