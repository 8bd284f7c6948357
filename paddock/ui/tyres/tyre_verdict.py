"""The verdict of a tyre scan, as the officials in the tyre bay read it from two metres.

What to show is worked out by plain functions into a `VerdictDisplay` (tested without
drawing anything); `VerdictPanel` only paints it: solid green when the tyre is good, solid
red when it is not, slate blue for a calm "nothing to do", and the number of the car the
tyre belongs to (never the car chosen at the desk) huge in a white roundel like the one
on the car. A refusal also flashes the panel (`VerdictPanel.flash`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from paddock.rules.tyres import TyreProblem, TyreRule, TyreStatus, Verdict, VerdictKind
from paddock.services.tyres import CorrectionResult, RegisterResult
from paddock.ui.common.theme import BORDER, SURFACE, TEXT, TEXT_MUTED

# Saturated enough to read across a garage under floodlights, with white text on top
# (contrast 5.4:1 and 6.2:1). The theme's soft OK/problem tints are for forms, not this.
VERDICT_GOOD = "#17803a"
VERDICT_BAD = "#b8261c"
#: A refusal blinks the panel this many times, this fast.
FLASH_TIMES = 3
FLASH_INTERVAL_MS = 110
#: A calm answer that is no fault ("already registered to this car", "voided").
VERDICT_CALM = "#35506b"


class Tone(StrEnum):
    IDLE = "idle"
    GOOD = "good"
    CALM = "calm"
    BAD = "bad"


@dataclass(frozen=True)
class VerdictDisplay:
    """What the panel shows after a scan.

    Attributes:
        tone: idle (waiting), good (green), calm (nothing to do) or bad (red).
        headline: the verdict in capitals, with its mark (✓, = or ✗).
        car / driver: the car the tyre belongs to; "" when it belongs to none. Never the
            car chosen at the desk: that one is shown in the scan bar.
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

    @property
    def refused(self) -> bool:
        return self.tone is Tone.BAD

    @property
    def mark(self) -> str:
        return {Tone.GOOD: "✓", Tone.CALM: "=", Tone.BAD: "✗"}.get(self.tone, "")

    def summary(self) -> str:
        """One short line for the list of recent scans: the barcode and the outcome."""
        if self.good:
            parts = [f"car {self.car}" if self.car else self.headline.lstrip("✓ ")]
            parts.extend(p.strip() for p in self.details.split("·") if p.strip())
        else:
            parts = [self.headline.lstrip("✗=✓ ")]
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


def refusal_headline(details: Sequence[TyreProblem]) -> tuple[str, str]:
    """The headline of a refused registration and the car the tyre belongs to ("" if none).

    Named from the rules' own problems (their rule and facts): nothing is looked up again.
    """
    first = {d.rule: d for d in reversed(details)}
    if TyreRule.MALFORMED in first:
        return "✗  BAD BARCODE", ""
    if TyreRule.ALREADY_REGISTERED in first:
        owner = first[TyreRule.ALREADY_REGISTERED].owner or ""
        return f"✗  ALREADY REGISTERED TO CAR {owner}", owner
    if TyreRule.OVER_QUOTA in first:
        full = first[TyreRule.OVER_QUOTA]
        return f"✗  CAR {full.car} QUOTA FULL  ({full.used} of {full.quota})", ""
    if TyreRule.NOT_ENTERED in first:
        return f"✗  CAR {first[TyreRule.NOT_ENTERED].car} NOT ENTERED", ""
    return "✗  REFUSED", ""


def already_here_display(problem: TyreProblem, *, driver: str = "",
                         details: str = "") -> VerdictDisplay:
    """A tyre scanned again to the car it is registered to: calm, nothing to do."""
    return VerdictDisplay(
        tone=Tone.CALM,
        headline="=  ALREADY REGISTERED TO THIS CAR",
        car=problem.owner or problem.car,
        driver=driver,
        details=details,
        message=f"Tyre {problem.barcode} is already registered to car {problem.car}: "
                "nothing to do.",
        barcode=problem.barcode or "",
    )


def correction_display(result: CorrectionResult) -> VerdictDisplay:
    """The panel after a registration was corrected (moved to another car, or voided)."""
    tyre = result.tyre
    if result.action == "move":
        return VerdictDisplay(
            tone=Tone.GOOD, headline=f"✓  MOVED TO CAR {result.to_car}", car=result.to_car,
            driver=tyre.driver, details=_details(tyre.tyre_type, result.quota_text),
            message=f"Tyre {tyre.barcode} moved from car {result.from_car} to car "
                    f"{result.to_car}: {_sentence(result.reason)}",
            barcode=tyre.barcode)
    return VerdictDisplay(
        tone=Tone.CALM, headline="=  REGISTRATION VOIDED",
        details=f"car {result.from_car}: {result.quota_text} {tyre.tyre_type}s",
        message=f"Tyre {tyre.barcode} is no longer registered to car {result.from_car}: "
                f"{_sentence(result.reason)}",
        barcode=tyre.barcode)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


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
#verdictPanel[tone="calm"] {{ background: {VERDICT_CALM}; border-color: {VERDICT_CALM}; }}
#verdictPanel QLabel {{ color: #ffffff; background: transparent; }}
#verdictPanel[flash="on"] {{ background: #ffffff; border: 8px solid {VERDICT_BAD}; }}
#verdictPanel[flash="on"] QLabel {{ color: {VERDICT_BAD}; }}
#verdictPanel[tone="idle"] QLabel {{ color: {TEXT_MUTED}; }}
#verdictPanel[tone="idle"] #verdictHeadline {{ color: {TEXT}; }}
#verdictMessage {{ font-size: 13pt; }}
#verdictBarcode {{ font-size: 13pt; font-family: monospace; }}
#verdictPanel #verdictCar {{ background: #ffffff; color: {TEXT}; border-radius: 10px;
                            font-size: 60pt; font-weight: 800; padding: 0 14px; }}
"""


class VerdictPanel(QFrame):
    """Shows one `VerdictDisplay`; the car roundel hides when no car is known."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.setStyleSheet(_STYLE)
        # A fixed height: the tables below must not jump with the length of a message.
        self.setFixedHeight(204)
        self.setAccessibleName("Tyre verdict")

        self.car_label = self._label("verdictCar")
        self.car_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.car_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.car_label.setFixedSize(176, 140)
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
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(22)
        layout.addWidget(self.car_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)

        # The big lines take their size from `_fit`, not the style sheet: a long verdict
        # ("ALREADY REGISTERED TO CAR 123") shrinks to the panel instead of being cut.
        self._sizes = {self.headline_label: (28.0, QFont.Weight.ExtraBold),
                       self.driver_label: (20.0, QFont.Weight.DemiBold),
                       self.details_label: (20.0, QFont.Weight.ExtraBold)}
        self.display = idle_display("Ready")
        self._labels = (self.car_label, self.headline_label, self.driver_label,
                        self.details_label, self.message_label, self.barcode_label)
        #: How many times the panel flashed (a refusal each); tests read it.
        self.flash_count = 0
        self._flash_left = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_INTERVAL_MS)
        self._flash_timer.timeout.connect(self._flash_step)
        self.setProperty("flash", "off")
        self.show_display(self.display)

    def flash(self) -> None:
        """Blink the panel white and red a few times: a refusal must be seen at speed."""
        self.flash_count += 1
        self._flash_left = FLASH_TIMES * 2
        self._set_flash(True)
        self._flash_timer.start()

    @property
    def flashing(self) -> bool:
        return self._flash_timer.isActive()

    def _flash_step(self) -> None:
        self._flash_left -= 1
        if self._flash_left <= 0:
            self._flash_timer.stop()
            self._set_flash(False)
            return
        self._set_flash(self._flash_left % 2 == 0)

    def _set_flash(self, on: bool) -> None:
        value = "on" if on else "off"
        if self.property("flash") == value:
            return
        self.setProperty("flash", value)
        self._repolish()

    def _repolish(self) -> None:
        # Child rules depend on the panel's properties: re-polish them too.
        for widget in (self, *self._labels):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

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
        if self._flash_timer.isActive() and not display.refused:
            self._flash_timer.stop()
            self.setProperty("flash", "off")
            self.setProperty("tone", "")  # re-polished just below
        if self.property("tone") != display.tone.value:
            self.setProperty("tone", display.tone.value)
            self._repolish()
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
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        if self.car_label.isVisibleTo(self):
            room -= self.car_label.width() + layout.spacing()
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
