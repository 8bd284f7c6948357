"""Lap and race times as integer milliseconds: parsing and formatting.

Timing files write ``1:42:08.126``, ``1:11.990``, ``32.533`` or ``29:48.260``; officials
read ``1:11.990`` for a lap, ``1:42:08.126`` for a race, ``+0.903`` for a gap. Floats are
never used: two laps of equal time must compare equal.
"""

from __future__ import annotations

import re

# ASCII digits only: ``\d`` and ``str.isdigit`` also take "²" and Arabic-Indic digits.
# Seconds take two digits after minutes, minutes two after hours, so a time cut short
# (``1:1`` for ``1:15.204``) is refused rather than read as another time.
_TIME = re.compile(
    r"(?:(?:(?P<hours>[0-9]{1,3}):(?P<minutes_h>[0-9]{2}))|(?P<minutes>[0-9]{1,2})):"
    r"(?P<seconds_m>[0-9]{2})(?:\.(?P<fraction_m>[0-9]{1,3}))?"
    r"|(?P<seconds>[0-9]{1,2})(?:\.(?P<fraction>[0-9]{1,3}))?",
    re.ASCII,
)
_FORMS = "expected h:mm:ss.fff, m:ss.fff or ss.fff"


def parse_time(text: str) -> int:
    """Parse ``[[h:]m:]s[.fff]`` into milliseconds; the whole text must be the time.

    Seconds are two digits after minutes (``1:05.2``), minutes two after hours
    (``1:02:03``), under 60 both; digits are ASCII 0-9; up to three decimals.

    Raises:
        ValueError: with a message naming the text, when it is not a time.
    """
    value = text.strip()
    match = _TIME.fullmatch(value)
    if not match:
        raise ValueError(f"'{text}' is not a time ({_FORMS})")
    groups = match.groupdict()
    hours = int(groups["hours"] or 0)
    minutes = int(groups["minutes_h"] or groups["minutes"] or 0)
    seconds = int(groups["seconds_m"] or groups["seconds"] or 0)
    fraction = groups["fraction_m"] or groups["fraction"] or ""
    if groups["seconds_m"] is not None and seconds > 59:
        raise ValueError(f"'{text}' is not a time (seconds over 59)")
    if groups["hours"] is not None and minutes > 59:
        raise ValueError(f"'{text}' is not a time (minutes over 59)")
    ms = int(fraction.ljust(3, "0"))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms


def parse_optional_time(text: str | None) -> int | None:
    """Like `parse_time`, but an empty field is ``None``."""
    if text is None or not text.strip():
        return None
    return parse_time(text)


def format_laptime(ms: int | None) -> str:
    """``71990`` -> ``1:11.990``; under a minute ``32.533``; over an hour ``1:02:03.004``."""
    if ms is None:
        return ""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"
    if minutes:
        return f"{minutes}:{seconds:02d}.{millis:03d}"
    return f"{seconds}.{millis:03d}"


def format_racetime(ms: int | None) -> str:
    """A race's total time as timekeepers print it: always with hours, ``1:42:08.126``."""
    if ms is None:
        return ""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def format_gap(ms: int) -> str:
    """A time gap: ``+0.903``, ``+52.459``, ``+1:04.211``."""
    return "+" + format_laptime(ms)


def format_laps_gap(laps: int) -> str:
    """A gap in laps: ``1 Lap``, ``5 Laps``."""
    return "1 Lap" if laps == 1 else f"{laps} Laps"
