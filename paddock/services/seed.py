"""The 2021 season as announced: venues, provisional dates, classes, cars, sessions.

This is the data a new database starts from; every value stays editable in the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from paddock.db.models import Car, Event, RaceClass, RaceSession, Season, SeasonPoints, Venue


@dataclass(frozen=True)
class VenueSeed:
    number: int
    short_name: str
    event_name: str
    venue: str | None
    city: str
    country: str
    lap_length_m: int | None
    start: date | None
    end: date | None
    month: str
    time_zone: str = "America/New_York"
    pole_side: str = "left"


SEASON_2021: tuple[VenueSeed, ...] = (
    VenueSeed(1, "sebring", "Sebring", "Sebring International Raceway", "Sebring, FL", "USA",
              6019, date(2021, 3, 17), date(2021, 3, 20), "March"),
    VenueSeed(2, "ctmp", "Canadian Tire Motorsport Park", "Canadian Tire Motorsport Park",
              "Bowmanville, ON", "CAN", 3957, date(2021, 5, 20), date(2021, 5, 23), "May",
              "America/Toronto", "right"),
    VenueSeed(3, "watkins-glen", "Watkins Glen", "Watkins Glen International",
              "Watkins Glen, NY", "USA", 5430, date(2021, 6, 24), date(2021, 6, 27), "June"),
    VenueSeed(4, "toronto", "Toronto", "Toronto Indy street circuit", "Toronto, ON", "CAN",
              2874, None, None, "July", "America/Toronto", "right"),
    VenueSeed(5, "road-america", "Road America", "Road America", "Elkhart Lake, WI", "USA",
              6515, date(2021, 8, 6), date(2021, 8, 8), "August", "America/Chicago"),
    VenueSeed(6, "vir", "VIRginia International Raceway", "VIRginia International Raceway",
              "Alton, VA", "USA", 5263, date(2021, 8, 20), date(2021, 8, 22), "August"),
    VenueSeed(7, "tba", "Round 7 (to be announced)", None, "", "", None, None, None, "September"),
    VenueSeed(8, "road-atlanta", "Road Atlanta", "Michelin Raceway Road Atlanta",
              "Braselton, GA", "USA", 4088, date(2021, 10, 6), date(2021, 10, 9), "October"),
)

# (code, name, kind, race number, days before the last day, local start, minutes)
WEEKEND: tuple[tuple[str, str, str, int | None, int, time, int], ...] = (
    ("FP1", "Free Practice 1", "practice", None, 2, time(10, 0), 45),
    ("FP2", "Free Practice 2", "practice", None, 2, time(15, 30), 45),
    ("Q", "Qualifying", "qualifying", None, 1, time(9, 15), 30),
    ("R1", "Race 1", "race", 1, 1, time(15, 0), 45),
    ("R2", "Race 2", "race", 2, 0, time(11, 30), 45),
)

# (name, allowed cars, gentleman declaration, max age)
CLASSES: tuple[tuple[str, str, bool, int | None], ...] = (
    ("Pro", "992", False, None),
    ("Pro-Am", "992 991.2", True, None),
    ("Rookie", "992 991.2", False, 23),
)

CARS: tuple[tuple[str, str, str, str], ...] = (
    ("992", "Porsche 911 GT3 Cup (992)", "30/65-18", "31/71-18"),
    ("991.2", "Porsche 911 GT3 Cup (991.2)", "27/65-18", "31/71-18"),
)


def seed_season_2021(session: Session) -> Season:
    """Write the 2021 season into an empty database (inside the caller's transaction)."""
    season = Season(year=2021, name="Porsche Carrera Cup North America 2021",
                    age_reference=date(2021, 1, 1))
    session.add(season)
    session.flush()
    assert season.id is not None
    for order, (name, cars, gentleman, max_age) in enumerate(CLASSES):
        session.add(RaceClass(season_id=season.id, name=name, sort_order=order,
                              allowed_cars=cars, requires_gentleman=gentleman, max_age=max_age))
    # 2021 scored the series' default scale plus 5 for each race's class pole.
    session.add(SeasonPoints(season_id=season.id, pole_bonus=5))
    for code, name, front, rear in CARS:
        session.add(Car(season_id=season.id, code=code, name=name, front_tyre=front,
                        rear_tyre=rear))
    for seed in SEASON_2021:
        venue_id = None
        if seed.venue:
            venue = Venue(name=seed.venue, city=seed.city, country=seed.country,
                          lap_length_m=seed.lap_length_m)
            session.add(venue)
            session.flush()
            venue_id = venue.id
        event = Event(season_id=season.id, number=seed.number, short_name=seed.short_name,
                      name=seed.event_name, venue_id=venue_id, start_date=seed.start,
                      end_date=seed.end, provisional_month=seed.month,
                      pole_side=seed.pole_side, time_zone=seed.time_zone)
        session.add(event)
        session.flush()
        assert event.id is not None
        for order, (code, name, kind, race, days_before, local, minutes) in enumerate(WEEKEND):
            starts = None
            if seed.end is not None:
                day = seed.end - timedelta(days=days_before)
                starts = datetime.combine(day, local, ZoneInfo(seed.time_zone))
            session.add(RaceSession(event_id=event.id, code=code, name=name, kind=kind,
                                    race_number=race, sort_order=order,
                                    duration_minutes=minutes, starts_at=starts))
    session.flush()
    return season
