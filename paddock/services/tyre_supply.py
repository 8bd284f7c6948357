"""The season's tyres as data: supplier, tyre names, sizes per car type, quotas.

The series ran Michelin (2021-2023), Yokohama (2024-2025) and Pirelli (from 2026): every
page and document prints the season's supplier from here, never a fixed name.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlmodel import Session, col, select

from paddock.db import audit
from paddock.db.engine import Database
from paddock.db.models import Car, Season
from paddock.errors import RuleViolation
from paddock.services.season import current_season

#: What `set_season_tyres` can clear: a quota back to "not limited".
CLEARABLE = ("slick-quota", "wet-quota")


@dataclass(frozen=True)
class CarTyres:
    code: str
    name: str
    front: str
    rear: str


@dataclass(frozen=True)
class SeasonTyres:
    year: int
    supplier: str
    dry: str
    wet: str
    slick_quota: int | None
    wet_quota: int | None
    carry_over: int
    cars: tuple[CarTyres, ...]

    @property
    def label(self) -> str:
        """"Michelin Pilot Sport Cup N3"; "" when the season has no supplier yet."""
        return " ".join(p for p in (self.supplier, self.dry) if p)

    @property
    def supplier_text(self) -> str:
        """The supplier, or what to say when it is not set."""
        return self.supplier or "tyre supplier not set"

    def to_json(self) -> dict[str, object]:
        return {"supplier": self.supplier, "dry": self.dry, "wet": self.wet,
                "slick_quota": self.slick_quota, "wet_quota": self.wet_quota,
                "carry_over": self.carry_over,
                "sizes": {c.code: {"front": c.front, "rear": c.rear} for c in self.cars}}


def tyres_of(s: Session, season: Season) -> SeasonTyres:
    """The tyres of ``season`` (inside a reader or a transaction)."""
    cars = s.exec(select(Car).where(Car.season_id == season.id)
                  .order_by(col(Car.code).desc())).all()
    return SeasonTyres(season.year, season.tyre_supplier, season.tyre_name,
                       season.wet_tyre_name, season.slick_quota, season.wet_quota,
                       season.carry_over_limit,
                       tuple(CarTyres(c.code, c.name, c.front_tyre, c.rear_tyre) for c in cars))


def season_tyres(db: Database) -> SeasonTyres:
    with db.reader() as s:
        return tyres_of(s, current_season(s))


def set_season_tyres(db: Database, *, supplier: str | None = None, dry: str | None = None,
                     wet: str | None = None, slick_quota: int | None = None,
                     wet_quota: int | None = None, carry_over: int | None = None,
                     clear: Collection[str] = ()) -> SeasonTyres:
    """Change the season's tyre supplier, names and quotas; None keeps a fact.

    Raises:
        RuleViolation: a negative or implausible quota (named); nothing is written.
    """
    problems = []
    unknown = sorted(set(clear) - set(CLEARABLE))
    if unknown:
        problems.append(f"cannot clear {', '.join(unknown)}; quotas are "
                        + ", ".join(CLEARABLE))
    for value, what in ((slick_quota, "slick quota"), (wet_quota, "wet quota"),
                        (carry_over, "carry-over limit")):
        if value is not None and not 0 <= value <= 100:
            problems.append(f"{what}: {value} is not a number of tyres (0-100)")
    if supplier is not None and not supplier.strip():
        problems.append("supplier: name the tyre supplier (e.g. Michelin)")
    if problems:
        raise RuleViolation(problems)
    with db.transaction() as s:
        season = current_season(s)
        before = tyres_of(s, season).to_json()
        if supplier is not None:
            season.tyre_supplier = " ".join(supplier.split())
        if dry is not None:
            season.tyre_name = " ".join(dry.split())
        if wet is not None:
            season.wet_tyre_name = " ".join(wet.split())
        if "slick-quota" in clear:
            season.slick_quota = None
        if slick_quota is not None:
            season.slick_quota = slick_quota
        if "wet-quota" in clear:
            season.wet_quota = None
        if wet_quota is not None:
            season.wet_quota = wet_quota
        if carry_over is not None:
            season.carry_over_limit = carry_over
        s.add(season)
        s.flush()
        after = tyres_of(s, season)
        audit.record(s, "edit", "season-tyres", season.year, before=before,
                     after=after.to_json())
        return after


def set_car(db: Database, code: str, *, name: str | None = None, front: str | None = None,
            rear: str | None = None) -> SeasonTyres:
    """Add a car type to the season (e.g. the 992.2) or change its name and tyre sizes.

    Raises:
        RuleViolation: no code, or a new car type without a name.
    """
    code = code.strip()
    if not code or " " in code:
        raise RuleViolation([f"car '{code}': a car type is a code without spaces, e.g. 992"])
    with db.transaction() as s:
        season = current_season(s)
        assert season.id is not None
        car = s.exec(select(Car).where(Car.season_id == season.id, Car.code == code)).first()
        before = None
        if car is None:
            if not name or not name.strip():
                raise RuleViolation([f"name of car {code}: a new car type needs a name, e.g. "
                                     f"'Porsche 911 GT3 Cup ({code})'"])
            car = Car(season_id=season.id, code=code, name=name.strip())
        else:
            before = {"name": car.name, "front": car.front_tyre, "rear": car.rear_tyre}
            if name is not None and name.strip():
                car.name = name.strip()
        if front is not None:
            car.front_tyre = front.strip()
        if rear is not None:
            car.rear_tyre = rear.strip()
        s.add(car)
        s.flush()
        audit.record(s, "add" if before is None else "edit", "car", f"{season.year}/{code}",
                     before=before,
                     after={"name": car.name, "front": car.front_tyre, "rear": car.rear_tyre})
        return tyres_of(s, season)
