"""Lap and race times as integer milliseconds: parsing and formatting.

Timing files write ``1:42:08.126``, ``1:11.990``, ``32.533`` or ``29:48.260``; officials
read ``1:11.990`` for a lap, ``1:42:08.126`` for a race, ``+0.903`` for a gap. Floats are
never used: two laps of equal time must compare equal.
"""

from __future__ import annotations

import re

_TIME = re.compile(r"^(?:(?:(\d+):)?(\d{1,2}):)?(\d{1,2})(?:\.(\d{1,3}))?$")


def parse_time(text: str) -> int:
    """Parse ``[[h:]m:]s[.fff]`` into milliseconds.

    Raises:
        ValueError: with a message naming the text, when it is not a time.
    """
    value = text.strip()
    match = _TIME.match(value)
    if not match:
        raise ValueError(f"'{text}' is not a time (expected h:mm:ss.fff, m:ss.fff or ss.fff)")
    hours, minutes, seconds, fraction = match.groups()
    if minutes is not None and int(seconds) > 59:
        raise ValueError(f"'{text}' is not a time (seconds over 59)")
    if hours is not None and int(minutes) > 59:
        raise ValueError(f"'{text}' is not a time (minutes over 59)")
    ms = int((fraction or "0").ljust(3, "0"))
    return ((int(hours or 0) * 60 + int(minutes or 0)) * 60 + int(seconds)) * 1000 + ms


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
