"""Reading rendered PDFs back, as a person (or a scanner) would."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pdfplumber


@dataclass(frozen=True)
class Word:
    page: int  # from 1
    text: str
    x0: float
    x1: float
    top: float


# Reading a PDF back is the slow part of these tests: each document is read once.
@lru_cache(maxsize=16)
def pages_text(pdf: bytes) -> tuple[str, ...]:
    """The text of every page."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return tuple(page.extract_text() or "" for page in document.pages)


@lru_cache(maxsize=16)
def words(pdf: bytes) -> tuple[Word, ...]:
    """Every word with its position (points from the page's left and top edge)."""
    found = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            for word in page.extract_words(keep_blank_chars=False, x_tolerance=1.5):
                found.append(Word(number, word["text"], word["x0"], word["x1"], word["top"]))
    return tuple(found)


def within(found: Sequence[Word], left: float, right: float, tolerance: float = 0.5) -> bool:
    """Whether every word lies between the two x positions."""
    return all(w.x0 >= left - tolerance and w.x1 <= right + tolerance for w in found)


def column_bounds(widths: list[float], index: int, margin: float = 36.0) -> tuple[float, float]:
    """The x range of a table column that starts at the left margin."""
    left = margin + sum(widths[:index])
    return left, left + widths[index]
