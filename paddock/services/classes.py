"""The season's classes: which cars each admits, its age limit, its declaration.

Adding a class is `paddock.services.season.add_class`; here they are listed, edited and
removed. A class always admits at least one car of the season; a change that would leave
an entry in a class its car or driver no longer fits is refused, naming the entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import Car, Driver, Entry, RaceClass, Season, SeasonDropRule
from paddock.errors import NotFound, RuleViolation
from paddock.rules import eligibility as rules
from paddock.services.season import current_season


@dataclass(frozen=True)
class ClassInfo:
    name: str
    cars: tuple[str, ...]
    gentleman: bool
    max_age: int | None
    entries: int

    @property
    def rules_text(self) -> str:
        """"992 or 991.2 · gentleman declaration · 23 or younger"."""
        parts = [" or ".join(self.cars)]
        if self.gentleman:
            parts.append("gentleman declaration")
        if self.max_age is not None:
            parts.append(f"{self.max_age} or younger")
        return " · ".join(parts)

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "cars": list(self.cars), "gentleman": self.gentleman,
                "max_age": self.max_age, "entries": self.entries}


def _info(s: Session, cls: RaceClass) -> ClassInfo:
    entries = s.exec(select(Entry.id).where(Entry.class_id == cls.id)).all()
    return ClassInfo(cls.name, tuple(cls.allowed_cars.split()), cls.requires_gentleman,
                     cls.max_age, len(entries))


def list_classes(db: Database) -> tuple[ClassInfo, ...]:
    """The season's classes in their order."""
    with db.reader() as s:
        season = current_season(s)
        found = s.exec(select(RaceClass).where(RaceClass.season_id == season.id)
                       .order_by(col(RaceClass.sort_order), col(RaceClass.id))).all()
        return tuple(_info(s, c) for c in found)


def _find(s: Session, season: Season, name: str) -> RaceClass:
    found = s.exec(select(RaceClass).where(RaceClass.season_id == season.id)).all()
    wanted = " ".join(name.split()).lower()
    for cls in found:
        if cls.name.lower() == wanted:
            return cls
    raise NotFound(f"no class '{name}' in {season.year}; classes are "
                   + ", ".join(c.name for c in found))


def edit_class(db: Database, name: str, *, rename: str | None = None,
               cars: Sequence[str] | None = None, gentleman: bool | None = None,
               max_age: int | None = None, no_age_limit: bool = False) -> ClassInfo:
    """Change a class of the season; None keeps a fact as it is.

    Args:
        cars: the car codes it admits (at least one car of the season).
        max_age / no_age_limit: only drivers aged ``max_age`` or younger; or no limit.

    Raises:
        NotFound: no such class.
        RuleViolation: no admitted car, an unknown car, a name taken, an implausible age,
            or entries the change would leave outside the class's rules (named).
    """
    with db.transaction() as s:
        season = current_season(s)
        cls = _find(s, season, name)
        before = _info(s, cls).to_json()
        problems: list[str] = []
        codes = set(s.exec(select(Car.code).where(Car.season_id == season.id)))
        if rename is not None:
            new_name = " ".join(rename.split())
            taken = {c.name.lower() for c in s.exec(select(RaceClass).where(
                RaceClass.season_id == season.id, RaceClass.id != cls.id))}
            if not new_name:
                problems.append(f"name of class {cls.name}: a class needs a name")
            elif new_name.lower() in taken:
                problems.append(f"name: class {new_name} already exists in {season.year}")
            else:
                cls.name = new_name
        if cars is not None:
            wanted = [c.strip() for c in cars if c.strip()]
            unknown = [c for c in wanted if c not in codes]
            if not wanted:
                problems.append(f"cars of class {cls.name}: a class admits at least one car "
                                f"({', '.join(sorted(codes))})")
            elif unknown:
                problems.append(f"cars of class {cls.name}: {', '.join(unknown)} is not a car "
                                f"of the season ({', '.join(sorted(codes))})")
            else:
                cls.allowed_cars = " ".join(dict.fromkeys(wanted))
        if gentleman is not None:
            cls.requires_gentleman = gentleman
        if no_age_limit:
            cls.max_age = None
        elif max_age is not None:
            if not 10 <= max_age <= 99:
                problems.append(f"age limit of class {cls.name}: {max_age} is not an age "
                                "(10-99)")
            else:
                cls.max_age = max_age
        if not problems:
            problems = _entries_outside(s, season, cls)
        if problems:
            raise RuleViolation(problems)
        s.add(cls)
        s.flush()
        after = _info(s, cls)
        audit.record(s, "edit", "class", f"{season.year}/{before['name']}", before=before,
                     after=after.to_json())
        return after


def _entries_outside(s: Session, season: Season, cls: RaceClass) -> list[str]:
    """Entries of ``cls`` that its (changed) rules would no longer admit."""
    rule = rules.ClassRule(cls.name, tuple(cls.allowed_cars.split()), cls.requires_gentleman,
                           cls.max_age)
    ages = rules.AgeRule(season.age_reference, season.rookie_max_age, season.junior_max_age)
    cars = tuple(s.exec(select(Car.code).where(Car.season_id == season.id)))
    problems = []
    with s.no_autoflush:
        for entry in s.exec(select(Entry).where(Entry.class_id == cls.id)):
            driver = s.get_one(Driver, entry.driver_id)
            car = s.get_one(Car, entry.car_id)
            facts = rules.EntryFacts(entry.number, f"{driver.first_name} {driver.last_name}",
                                     driver.date_of_birth, car.code, cls.name, entry.gentleman,
                                     entry.full_season)
            problems += rules.check_entry(facts, rule, ages, known_cars=cars,
                                          known_classes=(cls.name,))
    if problems:
        problems.insert(0, f"class {cls.name}: the change would leave entries outside the "
                        "class (change their class first)")
    return problems


def remove_class(db: Database, name: str) -> None:
    """Remove a class nobody is entered in.

    Raises:
        RuleViolation: entries are in it.
    """
    with db.transaction() as s:
        season = current_season(s)
        cls = _find(s, season, name)
        info = _info(s, cls)
        if info.entries:
            raise RuleViolation([f"class {cls.name} has {info.entries} entries: move them to "
                                 "another class first"])
        for rule in s.exec(select(SeasonDropRule).where(SeasonDropRule.race_class_id == cls.id)):
            s.delete(rule)
        s.flush()
        s.delete(cls)
        audit.record(s, "delete", "class", f"{season.year}/{cls.name}", before=info.to_json())
