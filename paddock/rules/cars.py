"""Car numbers: strings, because "01" and "1" are different cars."""

from __future__ import annotations

import math


def car_number_key(number: str) -> tuple[float, int, str]:
    """The order officials read car numbers in, everywhere (screens and paper alike).

    By value first ("2" < "10" < "107"); equal values by length, so "1" comes just before
    "01" and "021" after "21"; anything not all digits after every number, by its text.
    """
    text = number.strip()
    if text.isdigit():
        return (int(text), len(text), text)
    return (math.inf, 0, text)
