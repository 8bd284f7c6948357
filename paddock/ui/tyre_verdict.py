"""The verdict of a tyre scan, as the officials in the tyre bay read it from two metres.

What to show is worked out by plain functions into a `VerdictDisplay` (tested without
drawing anything); `VerdictPanel` only paints it: solid green when the tyre is good, solid
red when it is not, the car number huge in a white roundel like the one on the car.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from paddock.rules.tyres import TyreStatus, Verdict, VerdictKind
from paddock.services.tyres import RegisterResult
from paddock.ui.theme import BORDER, SURFACE, TEXT, TEXT_MUTED

# Saturated enough to read across a garage under floodlights, with white text on top
# (contrast 5.4:1 and 6.2:1). The theme's soft OK/problem tints are for forms, not this.
VERDICT_GOOD = "#17803a"
VERDICT_BAD = "#b8261c"


class Tone(StrEnum):
    IDLE = "idle"
    GOOD = "good"
    BAD = "bad"


@dataclass(frozen=True)
class VerdictDisplay:
    """What the panel shows after a scan.

    Attributes:
        tone: idle (waiting), good (green) or bad (red).
        headline: the verdict in capitals, with its mark (✓ or ✗).
        car / driver: the car the tyre belongs (or was meant) to; "" when none.
        details: the tyre type and the car's count against its quota ("SLICK · 5 of 8").
        message: one sentence saying why, from the rules.
        barcode: the tyre scanned, as normalised.
    """

    tone: Tone
    headline: str
    car: str = ""
    driver: str = ""
    details: str = ""
    message: str = ""
    barcode: str = ""

    @property
    def good(self) -> bool:
        return self.tone is Tone.GOOD

    def summary(self) -> str:
        """One short line for the list of recent scans: the barcode and the outcome."""
        if self.good:
            parts = [f"car {self.car}" if self.car else self.headline.lstrip("✓ ")]
            parts.extend(p.strip() for p in self.details.split("·") if p.strip())
        else:
            parts = [self.headline.lstrip("✗ ")]
        head = f"{self.barcode}  " if self.barcode else ""
        return head + " · ".join(parts)


_HEADLINES = {
    VerdictKind.NOT_REGISTERED: "NOT REGISTERED",
    VerdictKind.SCRAPPED: "SCRAPPED",
    VerdictKind.OTHER_EVENT: "FROM ANOTHER EVENT",
}


def _details(tyre_type: str | None, quota_text: str, status: str | None = None) -> str:
    parts = []
    if tyre_type:
        parts.append(tyre_type.upper())
    if quota_text:
        parts.append(quota_text)
    if status == TyreStatus.CARRIED_OVER.value:
        parts.append("carried over")
    elif status == TyreStatus.REPLACEMENT.value:
        parts.append("replacement")
    return "  ·  ".join(parts)


def verdict_display(verdict: Verdict) -> VerdictDisplay:
    """The panel for a check scan."""
    if verdict.kind is VerdictKind.OK:
        headline = "✓  OK"
    elif verdict.kind is VerdictKind.OTHER_CAR:
        headline = f"✗  REGISTERED TO CAR {verdict.car}"
    else:
        headline = f"✗  {_HEADLINES[verdict.kind]}"
    status = verdict.status.value if verdict.status is not None else None
    tyre_type = verdict.tyre_type.value if verdict.tyre_type is not None else None
    details = _details(tyre_type, verdict.quota_text, status)
    if verdict.kind is VerdictKind.OTHER_EVENT and verdict.event is not None:
        details = "  ·  ".join(p for p in (details, f"event {verdict.event}") if p)
    message = verdict.message[:1].upper() + verdict.message[1:]
    return VerdictDisplay(
        tone=Tone.GOOD if verdict.legal else Tone.BAD,
        headline=headline,
        car=verdict.car or "",
        driver=verdict.driver or "",
        details=details,
        message=message + ".",
        barcode=verdict.barcode,
    )


def registered_display(result: RegisterResult) -> VerdictDisplay:
    """The panel after one scan registered one tyre."""
    tyre = result.tyres[-1]
    return VerdictDisplay(
        tone=Tone.GOOD,
        headline="✓  REGISTERED",
        car=result.car,
        driver=result.driver,
        details=_details(tyre.tyre_type, result.quota_text, tyre.status),
        message=f"Tyre {tyre.barcode} is registered to car {result.car}.",
        barcode=tyre.barcode,
    )


def refused_display(barcode: str, problems: Sequence[str], *, car: str = "",
                    driver: str = "", headline: str = "✗  REFUSED") -> VerdictDisplay:
    """The panel after a scan that was refused: nothing was written."""
    sentences = [p[:1].upper() + p[1:] for p in problems]
    return VerdictDisplay(
        tone=Tone.BAD,
        headline=headline,
        car=car,
        driver=driver,
        message="\n".join(["Nothing was registered.", *sentences]),
        barcode=barcode,
    )


def idle_display(headline: str, message: str = "") -> VerdictDisplay:
    return VerdictDisplay(tone=Tone.IDLE, headline=headline, message=message)


_STYLE = f"""
#verdictPanel {{ border-radius: 6px; border: 1px solid {BORDER}; background: {SURFACE}; }}
#verdictPanel[tone="good"] {{ background: {VERDICT_GOOD}; border-color: {VERDICT_GOOD}; }}
#verdictPanel[tone="bad"] {{ background: {VERDICT_BAD}; border-color: {VERDICT_BAD}; }}
#verdictPanel QLabel {{ color: #ffffff; background: transparent; }}
#verdictPanel[tone="idle"] QLabel {{ color: {TEXT_MUTED}; }}
#verdictPanel[tone="idle"] #verdictHeadline {{ color: {TEXT}; }}
#verdictMessage {{ font-size: 14pt; }}
#verdictBarcode {{ font-size: 13pt; font-family: monospace; }}
#verdictPanel #verdictCar {{ background: #ffffff; color: {TEXT}; border-radius: 10px;
                            font-size: 66pt; font-weight: 800; padding: 0 14px; }}
"""


class VerdictPanel(QFrame):
    """Shows one `VerdictDisplay`; the car roundel hides when no car is known."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.setStyleSheet(_STYLE)
        # A fixed height: the tables below must not jump with the length of a message.
        self.setFixedHeight(236)
        self.setAccessibleName("Tyre verdict")

        self.car_label = self._label("verdictCar")
        self.car_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.car_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.car_label.setFixedSize(190, 150)
        self.headline_label = self._label("verdictHeadline")
        self.driver_label = self._label("verdictDriver")
        self.details_label = self._label("verdictDetails")
        self.message_label = self._label("verdictMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Preferred,
                                         QSizePolicy.Policy.Preferred)
        self.barcode_label = self._label("verdictBarcode")
        self.barcode_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.headline_label)
        text.addWidget(self.driver_label)
        text.addWidget(self.details_label)
        text.addSpacing(4)
        text.addWidget(self.message_label)
        text.addWidget(self.barcode_label)
        text.addStretch(1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(22)
        layout.addWidget(self.car_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)

        # The big lines take their size from `_fit`, not the style sheet: a long verdict
        # ("ALREADY REGISTERED TO CAR 123") shrinks to the panel instead of being cut.
        self._sizes = {self.headline_label: (30.0, QFont.Weight.ExtraBold),
                       self.driver_label: (22.0, QFont.Weight.DemiBold),
                       self.details_label: (22.0, QFont.Weight.ExtraBold)}
        self.display = idle_display("Ready")
        self._labels = (self.car_label, self.headline_label, self.driver_label,
                        self.details_label, self.message_label, self.barcode_label)
        self.show_display(self.display)

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        # A long verdict is cut at the panel's edge rather than widening the page.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    def show_display(self, display: VerdictDisplay) -> None:
        """Paint ``display``; the colour changes only when the tone does."""
        self.display = display
        if self.property("tone") != display.tone.value:
            self.setProperty("tone", display.tone.value)
            # Child rules depend on the panel's property: re-polish them too.
            for widget in (self, *self._labels):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self.car_label.setText(display.car)
        self.car_label.setVisible(bool(display.car))
        self.headline_label.setText(display.headline)
        for label, value in ((self.driver_label, display.driver),
                             (self.details_label, display.details),
                             (self.message_label, display.message),
                             (self.barcode_label, display.barcode)):
            label.setText(value)
            label.setVisible(bool(value))
        self._fit()
        self.setAccessibleDescription(
            " ".join(p for p in (display.headline.lstrip("✓✗ "), display.car and
                                 f"car {display.car}", display.driver, display.details,
                                 display.message) if p))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Give each big line the largest size up to its own that fits the panel's width."""
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        if self.car_label.isVisibleTo(self):
            room -= self.car_label.width() + self.layout().spacing()
        for label, (largest, weight) in self._sizes.items():
            size = largest * (0.7 if label is self.headline_label
                              and self.display.tone is Tone.IDLE else 1.0)
            font = QFont(self.font())
            font.setWeight(weight)
            while True:
                font.setPointSizeF(size)
                if size <= 14 or QFontMetrics(font).horizontalAdvance(label.text()) <= room:
                    break
                size -= 2
            if label.font() != font:
                label.setFont(font)
