"""Errors a user can act on, shared by every layer.

A `PaddockError` carries a message written for the official at the desk: what is wrong,
where (file, line, column when there is one) and, where possible, how to fix it. The CLI
prints it and exits 1; the UI shows it in a dialog. Anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class PaddockError(Exception):
    """Input refused or an operation impossible; nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Location:
    """Where in an input file a problem is; line and column count from 1."""

    file: str
    line: int | None = None
    column: str | int | None = None

    def __str__(self) -> str:
        text = self.file
        if self.line is not None:
            text += f":{self.line}"
        return text


class InputError(PaddockError):
    """A file or a field that cannot be taken as it is.

    Rendered as ``FILE:LINE: what`` (the CLI contract), with the column named in the text.
    """

    def __init__(self, what: str, location: Location | None = None) -> None:
        self.what = what
        self.location = location
        if location is None:
            message = what
        else:
            column = f" (column {location.column})" if location.column is not None else ""
            message = f"{location}: {what}{column}"
        super().__init__(message)


class RuleViolation(PaddockError):
    """One or more of the series' rules refuse the change; ``problems`` lists each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


class NotFound(PaddockError):
    """A named thing (event, session, car, entry) does not exist."""


class DatabaseError(PaddockError):
    """The database file cannot be used (not Paddock's, newer than this program, locked)."""
