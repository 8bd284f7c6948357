"""The first season of a new database: 2021 as announced, or another year from the
series' defaults (classes and cars, an empty calendar).

Later seasons are made from an existing one by `paddock.services.calendar.new_season`
(`paddock season new YEAR --from YEAR`, File → New season…, the Season page).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from paddock.db import audit
from paddock.db.models import Car, RaceClass, Season
from paddock.errors import RuleViolation
from paddock.services.seed import CARS, CLASSES, seed_season_2021

#: The years a season may be created for: the series ran first in 2021.
FIRST_YEAR, LAST_YEAR = 2021, 2100


def _check_year(session: Session, year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise RuleViolation([f"year: {year} is not a season of the series "
                             f"({FIRST_YEAR} to {LAST_YEAR})"])
    if session.exec(select(Season.id).where(Season.year == year)).first() is not None:
        raise RuleViolation([f"year: the {year} season already exists in this database; "
                             "nothing was changed"])


def seed_new_season(session: Session, year: int) -> Season:
    """Write season ``year`` inside the caller's transaction.

    2021 is the season as announced (calendar and sessions); any other year starts from
    the series' default classes and cars with an empty calendar.
    """
    _check_year(session, year)
    if year == 2021:
        season = seed_season_2021(session)
    else:
        season = Season(year=year, name=f"Porsche Carrera Cup North America {year}",
                        age_reference=date(year, 1, 1))
        session.add(season)
        session.flush()
        assert season.id is not None
        for order, (name, cars, gentleman, max_age) in enumerate(CLASSES):
            session.add(RaceClass(season_id=season.id, name=name, sort_order=order,
                                  allowed_cars=cars, requires_gentleman=gentleman,
                                  max_age=max_age))
        for code, name, front, rear in CARS:
            session.add(Car(season_id=season.id, code=code, name=name, front_tyre=front,
                            rear_tyre=rear))
        session.flush()
    audit.record(session, "new", "season", year, after={"year": year})
    return season
