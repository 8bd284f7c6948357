"""A realistic 40-car field for report tests and the benchmark (invented people and teams).

Long names on purpose: a driver of 30+ characters ("Maximilian Adeyemi-Vandermeulen") and
team names of 40+ characters must fit their cells; car numbers "1", "01", "21" and "021"
are four cars.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from paddock.reports.documents import (
    DID_NOT_FINISH,
    DID_NOT_START,
    DISQUALIFIED,
    NOT_CLASSIFIED,
    PROVISIONAL,
    ClassificationDocument,
    ClassificationRow,
    ClassStandings,
    DocumentStatus,
    EntryListDocument,
    EntryListRow,
    GridAmendment,
    GridCar,
    GridDocument,
    GridSlot,
    PenaltyLine,
    QualifyingDocument,
    QualifyingRow,
    SourceSession,
    StandingsDocument,
    StandingsRow,
    TeamStandings,
    TeamStandingsRow,
    TyreAllocationDocument,
    TyreCar,
    TyreRow,
    TyreTotal,
)

SERIES = "Porsche Carrera Cup North America"
EDT = timezone(timedelta(hours=-4), "EDT")
GENERATED = datetime(2021, 6, 27, 18, 5, tzinfo=UTC)
PUBLISHED = datetime(2021, 6, 27, 19, 30, tzinfo=UTC)
LONG_DRIVER = "Maximilian Adeyemi-Vandermeulen"
LONG_TEAM = "Halloran with Ashby Motorsports Racing Development Group"
OTHER_LONG_TEAM = "Marlowe Motorsports Performance Engineering Alliance"

FIRST = [
    "Parker", "Tobias", "Imani", "Jonas", "Kees", "Omar", "Mateo", "Paolo", "Curtis", "Rémi",
    "Jens", "Felix", "Adam", "Samuel", "Glenn", "Philip", "Zach", "Desmond", "Thomas", "Hollis",
    "Farid", "Todd", "Charles", "Maxwell", "Sander", "Jon", "Ayhan", "Vincent", "Ingrid",
    "Noah", "Priya", "Karl", "Tyler", "Marco", "Kofi", "Juan", "Bryce", "Anton", "Haruto",
]
LAST = [
    "Thornbury", "Lindqvist", "Caldwell", "Halvorsen", "van Bremen", "Haddad", "Quiroga",
    "de Marchi", "Wexford", "Bellecourt", "Vandaele", "Achterberg", "Abernethy", "Oyelaran",
    "Ostrander", "Marwood", "Beaulac", "Kilbride", "Colbourne", "MacCready", "Nazari", "Pellerin",
    "Eisenhardt", "Thorne", "Hofstee", "Ravenscroft", "Gürsel", "Aubertin", "Kirchhoff",
    "Lemaistre", "Raman", "Wittkamp", "Coombes", "Ferrandi", "Amankwah", "Ibarguren",
    "Wadsworth", "Löfgren", "Nakashima",
]
NATIONS = ["USA", "CAN", "GBR", "DEU", "NLD", "MEX", "AUS", "FRA", "TUR", "BRA"]
TEAMS = [
    LONG_TEAM, OTHER_LONG_TEAM, "Tidewater Racing", "Okoro Motorsports", "Redfern Racing",
    "Quillon Racing", "Marlowe Motorsports", "Sunmere Motorsports", "Pinecrest",
    "Northgate Motorsport",
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


# --- Race and qualifying ------------------------------------------------------------------

LEADER_LAPS = 28
LAP_MS = 107_850  # ~1:47.8 around the Glen


def race(size: int = 40, official: bool = False) -> ClassificationDocument:
    """Race 1: the last four cars are NC (retired), DNF, DNS and DSQ; car 7 has +5 s."""
    cars = field(size)
    rows = []
    class_positions: dict[str, int] = {}
    leader_total = LEADER_LAPS * LAP_MS + 4_126
    previous_total, previous_laps = leader_total, LEADER_LAPS
    classified = size - 4
    for index, car in enumerate(cars):
        if index < classified:
            laps = LEADER_LAPS - (index // 30) - (index // 34)
            total = leader_total + index * 1_903 + (index // 30) * 0
            if index >= 30:
                total = laps * LAP_MS + 60_000 + index * 1_000
            class_positions[car.class_name] = class_positions.get(car.class_name, 0) + 1
            gap_laps = LEADER_LAPS - laps
            interval_laps = previous_laps - laps
            row = ClassificationRow(
                position=index + 1,
                number=car.number,
                class_name=car.class_name,
                class_position=class_positions[car.class_name],
                driver=car.driver,
                nationality=car.nationality,
                team=car.team,
                car=car.car,
                laps=laps,
                total_ms=total,
                gap_ms=None if index == 0 else total - leader_total,
                gap_laps=gap_laps,
                interval_ms=None if index == 0 else total - previous_total,
                interval_laps=interval_laps,
                best_lap_ms=LAP_MS - 1_200 + (index * 37) % 900,
                best_lap_number=3 + index % 20,
                best_lap_speed=round(181.3 - index * 0.21, 1),
                penalty="+5 s" if car.number == "7" else "",
            )
            previous_total, previous_laps = total, laps
        else:
            status = (NOT_CLASSIFIED, DID_NOT_FINISH, DID_NOT_START, DISQUALIFIED)[
                index - classified
            ]
            laps = {NOT_CLASSIFIED: 19, DID_NOT_FINISH: 7, DID_NOT_START: 0, DISQUALIFIED: 28}[
                status
            ]
            row = ClassificationRow(
                position=None,
                number=car.number,
                class_name=car.class_name,
                class_position=None,
                driver=car.driver,
                nationality=car.nationality,
                team=car.team,
                car=car.car,
                laps=laps,
                total_ms=laps * LAP_MS + 9_000 if laps else None,
                best_lap_ms=LAP_MS + 400 if laps else None,
                best_lap_number=4 if laps else None,
                best_lap_speed=179.0 if laps else None,
                status=status,
            )
        rows.append(row)
    return ClassificationDocument(
        series=SERIES,
        title="Race Classification",
        subtitle="Rounds 5 & 6 — Watkins Glen",
        venue="Watkins Glen International",
        dates="June 24–27, 2021",
        session="Race 1",
        generated_at=GENERATED,
        local_tz=EDT,
        status=(
            DocumentStatus(official=True, revision=1, published_at=PUBLISHED)
            if official
            else PROVISIONAL
        ),
        class_order=("Pro", "Pro-Am", "Rookie"),
        rows=tuple(rows),
        penalties=(
            PenaltyLine("12", "7", field()[8].driver, "Track limits, turn 7 (4th offence)",
                        "+5 s added to race time"),
            PenaltyLine("14", "99", field()[39].driver,
                        "Technical infringement: ride height below the minimum after the race",
                        "Disqualified"),
        ),
        notes=("Race length 45 minutes. Classified: at least 75% of the winner's laps.",),
    )


def qualifying(size: int = 40) -> QualifyingDocument:
    """Qualifying: the last car set no time; car 9 had a lap deleted."""
    cars = field(size)
    rows = []
    class_positions: dict[str, int] = {}
    pole = LAP_MS - 2_000
    previous = pole
    for index, car in enumerate(cars):
        timed = index < size - 1
        best = pole + index * 173 if timed else None
        if timed:
            class_positions[car.class_name] = class_positions.get(car.class_name, 0) + 1
        rows.append(
            QualifyingRow(
                position=index + 1 if timed else None,
                number=car.number,
                class_name=car.class_name,
                class_position=class_positions[car.class_name] if timed else None,
                driver=car.driver,
                nationality=car.nationality,
                team=car.team,
                car=car.car,
                laps=9 if timed else 1,
                best_lap_ms=best,
                best_lap_number=4 + index % 5 if timed else None,
                second_lap_ms=best + 211 + index * 13 if best else None,
                second_lap_number=7 if timed else None,
                gap_ms=None if index == 0 or best is None else best - pole,
                interval_ms=None if index == 0 or best is None else best - previous,
                best_lap_speed=round(183.0 - index * 0.2, 1) if timed else None,
                note="Lap 6 deleted (track limits, turn 11)" if car.number == "9" else "",
            )
        )
        previous = best or previous
    return QualifyingDocument(
        series=SERIES,
        title="Qualifying Classification",
        subtitle="Rounds 5 & 6 — Watkins Glen",
        venue="Watkins Glen International",
        dates="June 24–27, 2021",
        session="Qualifying",
        generated_at=GENERATED,
        local_tz=EDT,
        class_order=("Pro", "Pro-Am", "Rookie"),
        rows=tuple(rows),
    )


# --- Grid -------------------------------------------------------------------------------------


def grid(size: int = 40, pole_side: str = "left") -> GridDocument:
    """Race 1 grid by qualifying; car 12 dropped 5 places; the last car starts from the pits."""
    order = list(field(size))
    penalised = next((i for i, car in enumerate(order) if car.number == "12"), None)
    moved = None
    if penalised is not None:
        moved = order.pop(penalised)
        order.insert(penalised + 5, moved)
    slots = []
    for index, car in enumerate(order):
        slots.append(
            GridSlot(
                position=index + 1,
                number=car.number,
                driver=car.driver,
                team=car.team,
                class_name=car.class_name,
                time_ms=LAP_MS - 2_000 + index * 173 if index < size - 2 else None,
                note=(
                    "5-place grid penalty, decision 7 (causing a collision in Race 1)"
                    if car is moved
                    else "starts from the pit lane (car repaired under parc fermé)"
                    if index == size - 1
                    else ""
                ),
                pit_lane=index == size - 1,
            )
        )
    return GridDocument(
        series=SERIES,
        title="Starting Grid",
        subtitle="Rounds 5 & 6 — Watkins Glen",
        venue="Watkins Glen International",
        dates="June 24–27, 2021",
        session="Race 1",
        generated_at=GENERATED,
        local_tz=EDT,
        slots=tuple(slots),
        pole_side=pole_side,  # type: ignore[arg-type]
        basis="Best qualifying lap",
        notes=("Cars without a time start behind all timed cars, by best practice time.",),
    )


def amended_grid(size: int = 24) -> GridDocument:
    """Race 2 grid: times from Q and Race 1, a car withdrawn, amendments, a pending drop."""
    document = grid(size)
    slots = tuple(
        dataclasses.replace(slot, time_source=("R1 fastest" if slot.position % 3 == 0
                                               else "Q 2nd best") if slot.time_ms else "")
        for slot in document.slots)
    gone = field(size + 1)[-1]
    pit = slots[-1]
    return dataclasses.replace(
        document, session="Race 2", slots=slots,
        basis="Second-best qualifying lap, or fastest Race 1 lap when quicker",
        withdrawn=(GridCar(gone.number, gone.driver, gone.team, gone.class_name,
                           "Engine change after Race 1", "27 Jun 2021 09:12 EDT"),),
        amendments=(
            GridAmendment(GENERATED - timedelta(hours=5), gone.number,
                          "Withdrawn: Engine change after Race 1"),
            GridAmendment(GENERATED - timedelta(hours=4), pit.number,
                          "Starts from the pit lane: car repaired under parc fermé"),
        ),
        pending=(GridCar(slots[1].number, slots[1].driver, slots[1].team, slots[1].class_name,
                         "+3 places: decision 9, causing a collision", "Race 2",
                         "the next event's Race 1 grid"),),
    )


# --- Standings --------------------------------------------------------------------------------

ROUNDS = tuple(f"R{n}" for n in range(1, 17))
POINTS = (25, 20, 17, 14, 12, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)


def standings(rounds_run: int = 16) -> StandingsDocument:
    """Season standings after ``rounds_run`` rounds; the 6th driver of each class missed R3."""
    classes = []
    teams = []
    for class_name in ("Pro", "Pro-Am", "Rookie"):
        cars = [car for car in field() if car.class_name == class_name]
        rows = []
        for index, car in enumerate(cars):
            scored: list[int | None] = []
            for round_index in range(len(ROUNDS)):
                if round_index >= rounds_run or (index == 5 and round_index == 2):
                    scored.append(None)
                else:
                    place = (index + round_index % 3) % len(cars)
                    scored.append(POINTS[place] if place < len(POINTS) else 0)
            rows.append((car, scored))
        ranked = sorted(rows, key=lambda item: -sum(p or 0 for p in item[1]))
        classes.append(
            ClassStandings(
                class_name=class_name,
                rounds=ROUNDS,
                rows=tuple(
                    StandingsRow(
                        position=position,
                        number=car.number,
                        driver=car.driver,
                        nationality=car.nationality,
                        points=sum(p or 0 for p in scored),
                        wins=sum(1 for p in scored if p == 25),
                        round_points=tuple(scored),
                    )
                    for position, (car, scored) in enumerate(ranked, start=1)
                ),
            )
        )
        team_points: dict[str, list[int | None]] = {}
        for car, scored in rows:
            if car.car != "992":
                continue
            held = team_points.setdefault(car.team, [None] * len(ROUNDS))
            for i, p in enumerate(scored):
                if p is not None:
                    held[i] = (held[i] or 0) + p
        ranked_teams = sorted(team_points.items(), key=lambda item: -sum(p or 0 for p in item[1]))
        teams.append(
            TeamStandings(
                class_name=class_name,
                rounds=ROUNDS,
                rows=tuple(
                    TeamStandingsRow(
                        position=position,
                        team=team,
                        points=sum(p or 0 for p in scored),
                        wins=0,
                        round_points=tuple(scored),
                    )
                    for position, (team, scored) in enumerate(ranked_teams, start=1)
                ),
            )
        )
    return StandingsDocument(
        series=SERIES,
        title="Championship Standings",
        subtitle="2021 Season",
        session=f"After round {rounds_run}",
        generated_at=GENERATED,
        local_tz=EDT,
        classes=tuple(classes),
        teams=tuple(teams),
        computed_from=tuple(
            SourceSession(
                name=f"Round {n} — Race {2 - n % 2}",
                revision=1 if n != 4 else 2,
                official=n < rounds_run,
                published_at=PUBLISHED if n < rounds_run else None,
            )
            for n in range(1, rounds_run + 1)
        ),
    )


# --- Tyres ------------------------------------------------------------------------------------


def tyre_barcode(car_index: int, tyre_index: int) -> str:
    return f"MI21{car_index:03d}G{tyre_index:02d}"


def tyres(size: int = 40) -> TyreAllocationDocument:
    """8 slicks per car (car "3" has 9: over quota), wets for every third car."""
    cars = []
    for index, car in enumerate(field(size)):
        slicks = 9 if car.number == "3" else 8
        wets = 4 if index % 3 == 0 else 0
        rows = []
        for t in range(slicks + wets):
            rows.append(
                TyreRow(
                    barcode=tyre_barcode(index, t),
                    tyre_type="Slick" if t < slicks else "Wet",
                    position=("Front 30/65-18" if t % 4 < 2 else "Rear 31/71-18"),
                    registered_at=GENERATED - timedelta(days=1, minutes=index * 3 + t),
                    status="Carried over" if t == 0 and index % 5 == 0 else "Registered",
                    note="Replaces MI21000G99 (damaged, decision 3)" if t == 7 and index == 6
                    else "",
                )
            )
        cars.append(
            TyreCar(
                number=car.number,
                driver=car.driver,
                team=car.team,
                class_name=car.class_name,
                car=car.car,
                tyres=tuple(rows),
                totals=(
                    TyreTotal("New slicks", slicks, 8),
                    TyreTotal("Wets", wets, None),
                    TyreTotal("Carried over", 1 if index % 5 == 0 else 0, 4),
                ),
            )
        )
    return TyreAllocationDocument(
        series=SERIES,
        title="Tyre Allocation",
        subtitle="Rounds 5 & 6 — Watkins Glen",
        venue="Watkins Glen International",
        dates="June 24–27, 2021",
        generated_at=GENERATED,
        local_tz=EDT,
        cars=tuple(cars),
        sizes=("992: front 30/65-18, rear 31/71-18", "991.2: front 27/65-18, rear 31/71-18"),
    )
