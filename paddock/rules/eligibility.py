"""Who may enter which class, who is a Junior, who scores team points.

The class rules are data (a season may add a class such as "Pro-Am 991"), so each check
reads a `ClassRule` rather than a class name. Every problem is a sentence an official
can act on: the entry, the rule broken and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_NUMBER = re.compile(r"^[0-9]{1,3}$")
_NATIONALITY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class ClassRule:
    """One class of the season as the rules see it."""

    name: str
    allowed_cars: tuple[str, ...]
    requires_gentleman: bool = False
    max_age: int | None = None


@dataclass(frozen=True)
class AgeRule:
    """The season's age reference (1 January by default) and the age limits."""

    reference: date
    rookie_max_age: int = 23
    junior_max_age: int = 23


@dataclass(frozen=True)
class EntryFacts:
    """The facts of one entry that the rules look at."""

    number: str
    driver: str
    date_of_birth: date
    car: str
    class_name: str
    gentleman: bool
    full_season: bool


def age_on(date_of_birth: date, reference: date) -> int:
    """Age in whole years on the reference date (a birthday on that day counts)."""
    before_birthday = (reference.month, reference.day) < (date_of_birth.month, date_of_birth.day)
    return reference.year - date_of_birth.year - int(before_birthday)


def is_junior(date_of_birth: date, ages: AgeRule) -> bool:
    return age_on(date_of_birth, ages.reference) <= ages.junior_max_age


def team_championship_eligible(facts: EntryFacts, current_car: str) -> bool:
    """Team points go only to full-season entries running the current car."""
    return facts.full_season and facts.car == current_car


def describe(facts: EntryFacts) -> str:
    return f"Car {facts.number} ({facts.driver})" if facts.number else f"Entry ({facts.driver})"


def check_number(number: str) -> str | None:
    """A car number is 1 to 3 digits, kept as written: "01" is not "1"."""
    if not _NUMBER.match(number):
        return f"car number '{number}' is not valid: use 1 to 3 digits, e.g. 7, 07 or 107"
    return None


def check_nationality(code: str) -> str | None:
    if not _NATIONALITY.match(code):
        return f"nationality '{code}' is not valid: use the 3-letter code, e.g. USA, CAN, GBR"
    return None


def check_entry(
    facts: EntryFacts,
    rule: ClassRule | None,
    ages: AgeRule,
    *,
    known_cars: tuple[str, ...],
    known_classes: tuple[str, ...],
) -> list[str]:
    """Every series rule the entry breaks; an empty list means it may be saved."""
    return [problem for _field, problem in entry_problems(
        facts, rule, ages, known_cars=known_cars, known_classes=known_classes)]


def entry_problems(
    facts: EntryFacts,
    rule: ClassRule | None,
    ages: AgeRule,
    *,
    known_cars: tuple[str, ...],
    known_classes: tuple[str, ...],
) -> list[tuple[str, str]]:
    """`check_entry` with the field each problem is about (the entry list's column names).

    An import names the column of every problem, so a file is corrected in one pass.
    """
    who = describe(facts)
    problems: list[tuple[str, str]] = []
    if (p := check_number(facts.number)) is not None:
        problems.append(("number", f"{who}: {p}"))
    if not facts.driver.strip():
        problems.append(("last_name",
                         f"Car {facts.number}: the driver's first and last name are required"))
    if facts.car not in known_cars:
        problems.append(("car",
            f"{who}: car '{facts.car}' is not a car of this season; choose one of "
            + ", ".join(known_cars)
        ))
    if rule is None:
        problems.append(("class",
            f"{who}: class '{facts.class_name}' is not a class of this season; choose one of "
            + ", ".join(known_classes)
        ))
        return problems
    age = age_on(facts.date_of_birth, ages.reference)
    if age < 0:
        problems.append(("date_of_birth",
                         f"{who}: date of birth {facts.date_of_birth} is in the future"))
    if rule.max_age is not None and age > rule.max_age:
        others = [c for c in known_classes if c != rule.name]
        problems.append(("date_of_birth",
            f"{who}: class {rule.name} is only for drivers aged {rule.max_age} or younger on "
            f"{ages.reference.isoformat()}; {facts.driver} is {age}. "
            f"Enter the car in {' or '.join(others) or 'another class'}."
        ))
    if facts.car in known_cars and facts.car not in rule.allowed_cars:
        needs = " or ".join(rule.allowed_cars)
        problems.append(("car",
            f"{who}: class {rule.name} requires the {needs}; this car is a {facts.car}. "
            f"Change the car or choose a class open to the {facts.car}."
        ))
    if rule.requires_gentleman and not facts.gentleman:
        problems.append(("gentleman",
            f"{who}: class {rule.name} requires the gentleman-driver declaration. "
            "Record the signed declaration or choose another class."
        ))
    return problems
