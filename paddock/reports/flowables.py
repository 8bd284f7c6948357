"""Small flowables the documents share: text that fits its cell, signatures, headings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from paddock.reports.fonts import CONDENSED, SANS, SANS_BOLD
from paddock.reports.styles import GREY, INK, MIN_SCALE, NAVY, RULE

ASCENT = 0.80  # of the font size, DejaVu's cap height plus a little: first baseline
LEADING = 1.18


@dataclass(frozen=True)
class Line:
    """A line of cell text with its face, size and colour."""

    text: str
    font: str = CONDENSED
    size: float = 8.0
    color: Color = INK
    #: How far the line may shrink before it wraps instead (share of ``size``).
    min_scale: float = MIN_SCALE


def fit_size(text: str, font: str, size: float, width: float, min_size: float) -> float:
    """The largest size, at most ``size`` and at least ``min_size``, at which text fits."""
    natural = stringWidth(text, font, size)
    if natural <= width:
        return size
    return max(min_size, int(size * width / natural * 10) / 10)


def clip(text: str, font: str, size: float, width: float) -> str:
    """The text, cut with an ellipsis if it is wider than ``width`` at ``size``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while stringWidth(word, font, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


class FitText(Flowable):
    """Lines of text that never leave their box.

    Each line keeps its size when it fits, shrinks (down to its ``min_scale``) when it does
    not, and past that wraps onto more lines, so the row grows instead of the text
    spilling into the next column.
    """

    def __init__(self, lines: Sequence[Line], align: str = "left") -> None:
        super().__init__()
        self.lines = tuple(lines)
        self.align = align
        self._laid: list[tuple[str, str, float, Color]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        laid: list[tuple[str, str, float, Color]] = []
        for line in self.lines:
            size = fit_size(line.text, line.font, line.size, availWidth, line.size * line.min_scale)
            if stringWidth(line.text, line.font, size) <= availWidth:
                laid.append((line.text, line.font, size, line.color))
                continue
            for part in wrap_words(line.text, line.font, size, availWidth):
                laid.append((part, line.font, size, line.color))
        self._laid = laid
        self.width = availWidth
        self.height = sum(size * LEADING for _, _, size, _ in laid) - (
            laid[-1][2] * (LEADING - 1) if laid else 0
        )
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        for index, (text, font, size, color) in enumerate(self._laid):
            y -= size * ASCENT if index == 0 else size * LEADING
            canvas.setFont(font, size)
            canvas.setFillColor(color)
            if self.align == "right":
                canvas.drawRightString(self.width, y, text)
            elif self.align == "center":
                canvas.drawCentredString(self.width / 2, y, text)
            else:
                canvas.drawString(0, y, text)


class SignatureBlock(Flowable):
    """Signature lines for the officials, side by side, each with name, signature and time."""

    def __init__(self, roles: Sequence[str]) -> None:
        super().__init__()
        self.roles = tuple(roles)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = 58
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        count = max(1, len(self.roles))
        gap = 24
        box = (self.width - gap * (count - 1)) / count
        for index, role in enumerate(self.roles):
            x = index * (box + gap)
            canvas.setFont(SANS_BOLD, 8.5)
            canvas.setFillColor(NAVY)
            size = fit_size(role.upper(), SANS_BOLD, 8.5, box, 6)
            canvas.setFont(SANS_BOLD, size)
            canvas.drawString(x, self.height - 9, role.upper())
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.line(x, 22, x + box, 22)
            canvas.line(x + box * 0.55, 4, x + box, 4)
            canvas.setFont(SANS, 6.5)
            canvas.setFillColor(GREY)
            canvas.drawString(x, 13, "Signature")
            canvas.drawString(x + box * 0.55 - 26, 6, "Time")
