"""Use cases for the entry list: list, add, edit, delete, import. One transaction each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class EntryInput:
    """What a user types for one entry (dialog, CSV row or CLI)."""

    number: str
    first_name: str
    last_name: str
    date_of_birth: date
    nationality: str
    team: str
    car: str  # "992" or "991.2": the car's code in the season
    class_name: str
    gentleman: bool = False
    full_season: bool = True


@dataclass(frozen=True)
class EntryView:
    """One entry as the UI, the CLI and the reports show it (plain data, no ORM)."""

    id: int
    number: str
    first_name: str
    last_name: str
    date_of_birth: date
    nationality: str
    team: str
    car: str
    class_name: str
    gentleman: bool
    full_season: bool
    junior: bool
    team_championship: bool

    @property
    def driver(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def to_input(self) -> EntryInput:
        return EntryInput(
            number=self.number,
            first_name=self.first_name,
            last_name=self.last_name,
            date_of_birth=self.date_of_birth,
            nationality=self.nationality,
            team=self.team,
            car=self.car,
            class_name=self.class_name,
            gentleman=self.gentleman,
            full_season=self.full_season,
        )


@dataclass(frozen=True)
class EntryChoices:
    """What the entry dialog offers: the season's classes, cars and known teams."""

    season_year: int
    classes: tuple[str, ...]
    cars: tuple[str, ...]
    teams: tuple[str, ...]
