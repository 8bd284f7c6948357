"""A realistic 40-car field for report tests and the benchmark (invented people and teams).

Long names on purpose: a driver "Alexander Rossi-Vandermeulen" and team names of 40+
characters must fit their cells; car numbers "1", "01", "21" and "021" are four cars.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from paddock.reports.documents import EntryListDocument, EntryListRow

SERIES = "Porsche Carrera Cup North America"
EDT = timezone(timedelta(hours=-4), "EDT")
GENERATED = datetime(2021, 6, 27, 18, 5, tzinfo=UTC)
LONG_DRIVER = "Alexander Rossi-Vandermeulen"
LONG_TEAM = "Kellymoss with Riley Motorsports Racing Development Group"
OTHER_LONG_TEAM = "Wright Motorsports Performance Engineering Alliance"

FIRST = [
    "Parker", "Sebastian", "Riley", "Jake", "Kay", "Alan", "Efrin", "Roman", "Curt", "Chris",
    "Jan", "Moritz", "Adam", "Michael", "Glenn", "Philip", "Zach", "Jeff", "Thomas", "Hutton",
    "Fred", "Todd", "Charles", "Maxwell", "Loek", "Jon", "Ayhancan", "Vincent", "Laura",
    "Mark", "Steve", "Karl", "Tyler", "Marco", "Daniel", "Juan", "Bryce", "Anton", "Lucas",
]
LAST = [
    "Thompson", "Priaulx", "Dickinson", "Pedersen", "van Berlo", "Metni", "Castro", "de Angelis",
    "Swearingen", "Bellefleur", "Heylen", "Wegner", "Adelson", "Schein", "Gaspar", "Mertz",
    "Robichon", "Kingsley", "Collingwood", "McLaughlin", "Poordad", "Parriott", "Espenlaub",
    "Root", "Hartog", "Mancini", "Güven", "Abril", "Kirchner", "Lemieux", "Pasquale", "Wittmer",
    "Cooper", "Lowe", "Hurley", "Fontana", "Ward", "Bergström", "Nakamura",
]
NATIONS = ["USA", "CAN", "GBR", "DEU", "NLD", "MEX", "AUS", "FRA", "TUR", "BRA"]
TEAMS = [
    LONG_TEAM, OTHER_LONG_TEAM, "JDX Racing", "Hojo Motorsports", "McCann Racing",
    "Topp Racing", "Wright Motorsports", "ACI Motorsports", "Moorespeed", "Goldcrest Motorsport",
]
NUMBERS = [
    "1", "01", "21", "021", "3", "03", "4", "5", "7", "9", "10", "11", "12", "14", "15", "16",
    "17", "19", "20", "22", "23", "24", "26", "27", "28", "29", "30", "33", "35", "38", "40",
    "44", "47", "55", "58", "61", "69", "77", "88", "99",
]


@dataclass(frozen=True)
class Car:
    number: str
    class_name: str
    driver: str
    nationality: str
    team: str
    car: str
    junior: bool
    gentleman: bool


def field(size: int = 40) -> list[Car]:
    """``size`` cars (at most 40) in a fixed, deterministic order."""
    cars = []
    for index in range(size):
        class_name = ("Pro", "Pro-Am", "Rookie")[index % 3]
        driver = LONG_DRIVER if index == 5 else f"{FIRST[index % 39]} {LAST[index % 39]}"
        car = "991.2" if class_name == "Pro-Am" and index % 2 == 0 else "992"
        cars.append(
            Car(
                number=NUMBERS[index],
                class_name=class_name,
                driver=driver,
                nationality=NATIONS[index % len(NATIONS)],
                team=TEAMS[index % len(TEAMS)],
                car=car,
                junior=class_name == "Rookie" or index % 7 == 0,
                gentleman=class_name == "Pro-Am",
            )
        )
    return cars


def entry_list(size: int = 40) -> EntryListDocument:
    return EntryListDocument(
        series=SERIES,
        title="Entry List",
        subtitle="Rounds 5 & 6 — Watkins Glen",
        venue="Watkins Glen International",
        dates="June 24–27, 2021",
        generated_at=GENERATED,
        local_tz=EDT,
        class_order=("Pro", "Pro-Am", "Rookie"),
        rows=tuple(
            EntryListRow(
                number=car.number,
                class_name=car.class_name,
                driver=car.driver,
                nationality=car.nationality,
                team=car.team,
                car=car.car,
                junior=car.junior,
                gentleman=car.gentleman,
            )
            for car in field(size)
        ),
    )
