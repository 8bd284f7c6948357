"""Standings through the service, from a real database: one season, and ten in one file.

Targets (issue 6): 16 races (8 events x 2) x 40 cars under 50 ms in-process with warm
imports; the standings of 10 seasons kept in one database under 300 ms in all.

The current season's races are loaded the way officials load them (generic laps CSVs,
``import_results``, ``publish``); the nine older seasons copy its published revisions, so
every season holds the same volume of data. The 2021 season scores +5 for each race's
class pole, which forms each race's starting grid: timed with and without that bonus, with
and without qualifying loaded, and with drop rules (Pro-Am drops its two lowest results).
Prints median times; never asserts.
Run: ``.venv/bin/python benchmarks/bench_standings_db.py``.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlmodel import select

from paddock.db.models import (
    Car,
    Entry,
    Event,
    EventEntry,
    PublishedRevision,
    RaceClass,
    RaceSession,
    Season,
)
from paddock.rules.laptime import format_laptime, format_racetime
from paddock.rules.points import DropRule
from paddock.services.database import Database, open_database
from paddock.services.entries import import_entries_csv
from paddock.services.results import import_results, publish
from paddock.services.standings import points_scale, season_standings, set_points_scale

CARS = 40
LAPS = 25
EVENTS = 8
SEASONS = 10
HEADER = "number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman," \
    "full_season\n"


def entries_csv(path: Path) -> Path:
    lines = [HEADER]
    for n in range(1, CARS + 1):
        if n <= 16:
            row = (f"{n},Pro{n},Driver,1990-05-0{n % 9 + 1},USA,Team {n % 8},992,Pro,no,yes")
        elif n <= 30:
            car = "991.2" if n % 4 == 0 else "992"
            row = f"{n},Am{n},Driver,1970-03-0{n % 9 + 1},USA,Team {n % 8},{car},Pro-Am,yes,yes"
        else:
            row = f"{n},Rookie{n},Driver,2002-07-0{n % 9 + 1},CAN,Team {n % 8},992,Rookie,no," \
                  f"{'yes' if n % 3 else 'no'}"
        lines.append(row + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def race_csv(path: Path, chooser: random.Random) -> Path:
    """A 40-car race: random pace per car, a few retirements."""
    lines = ["number,lap,lap_time,elapsed"]
    for n in range(1, CARS + 1):
        pace = 100_000 + chooser.randint(0, 3_000)
        laps = LAPS if chooser.random() > 0.08 else chooser.randint(1, LAPS - 1)
        elapsed = 0
        for lap in range(1, laps + 1):
            time_ms = pace + chooser.randint(-400, 900)
            elapsed += time_ms
            lines.append(f"{n},{lap},{format_laptime(time_ms)},{format_racetime(elapsed)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_current_season(db: Database, folder: Path, *, official: bool,
                        qualifying: bool = False) -> None:
    import_entries_csv(db, entries_csv(folder / "entries.csv"))
    chooser = random.Random(7)
    for event in range(1, EVENTS + 1):
        for race in (("Q", "R1", "R2") if qualifying else ("R1", "R2")):
            path = race_csv(folder / f"e{event}-{race}.csv", chooser)
            import_results(db, event=str(event), session=race, files=[path])
            if official:
                publish(db, event=str(event), session=race)


def copy_older_seasons(db: Database) -> None:
    """Nine earlier seasons holding the current season's published races, entries and all."""
    with db.transaction() as s:
        current = s.exec(select(Season).where(Season.year == 2021)).one()
        classes = s.exec(select(RaceClass).where(RaceClass.season_id == current.id)).all()
        cars = s.exec(select(Car).where(Car.season_id == current.id)).all()
        entries = s.exec(select(Entry).where(Entry.season_id == current.id)).all()
        races = s.exec(
            select(Event.number, RaceSession.code, PublishedRevision.payload,
                   PublishedRevision.content_hash)
            .join(RaceSession, RaceSession.event_id == Event.id)  # type: ignore[arg-type]
            .join(PublishedRevision,
                  PublishedRevision.session_id == RaceSession.id)  # type: ignore[arg-type]
            .where(Event.season_id == current.id)).all()
        for year in range(2021 - SEASONS + 1, 2021):
            season = Season(year=year, name=f"Season {year}", age_reference=date(year, 1, 1))
            s.add(season)
            s.flush()
            class_ids, car_ids = {}, {}
            for c in classes:
                copy = RaceClass(season_id=season.id, name=c.name, sort_order=c.sort_order,
                                 allowed_cars=c.allowed_cars,
                                 requires_gentleman=c.requires_gentleman, max_age=c.max_age)
                s.add(copy)
                s.flush()
                class_ids[c.id] = copy.id
            for car in cars:
                car_copy = Car(season_id=season.id, code=car.code, name=car.name)
                s.add(car_copy)
                s.flush()
                car_ids[car.id] = car_copy.id
            copies = []
            for e in entries:
                entry = Entry(season_id=season.id, number=e.number, driver_id=e.driver_id,
                              team_id=e.team_id, car_id=car_ids[e.car_id],
                              class_id=class_ids[e.class_id], gentleman=e.gentleman,
                              full_season=e.full_season)
                s.add(entry)
                copies.append(entry)
            s.flush()
            for number in range(1, EVENTS + 1):
                event = Event(season_id=season.id, number=number, short_name=f"e{number}",
                              name=f"Event {number}")
                s.add(event)
                s.flush()
                for entry in copies:
                    s.add(EventEntry(event_id=event.id, entry_id=entry.id))
                for order, code in enumerate(("R1", "R2"), start=3):
                    session = RaceSession(event_id=event.id, code=code, name=f"Race {code[1]}",
                                          kind="race", race_number=int(code[1]),
                                          sort_order=order)
                    s.add(session)
                    s.flush()
                    for ev, c, payload, digest in races:
                        if ev == number and c == code:
                            s.add(PublishedRevision(session_id=session.id, revision=1,
                                                    payload=payload, content_hash=digest))


def median_ms(work: Callable[[], object], repeat: int = 15) -> float:
    work()  # warm: imports, statement caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        official = open_database(folder / "official.db")
        load_current_season(official, folder, official=True)
        provisional = open_database(folder / "provisional.db")
        load_current_season(provisional, folder, official=False)
        copy_older_seasons(official)
        print(f"setup: {time.perf_counter() - started:.1f} s "
              f"({EVENTS * 2} races x {CARS} cars x {LAPS} laps per season)")

        weekend = open_database(folder / "weekend.db")
        load_current_season(weekend, folder, official=True, qualifying=True)
        print(f"setup: {time.perf_counter() - started:.1f} s with a qualifying per event")

        view = season_standings(official)
        assert len(view.sources) == EVENTS * 2 and not view.provisional
        scale = points_scale(official)
        set_points_scale(official, positions=scale.positions, pole_bonus=0)
        one = median_ms(lambda: season_standings(official))
        print(f"current season, {len(view.sources)} official races, no pole bonus: {one:6.1f} ms "
              "(target < 50 ms)")
        set_points_scale(official, positions=scale.positions, pole_bonus=5)
        poles = median_ms(lambda: season_standings(official), repeat=5)
        print(f"  with 2021's pole bonus, no qualifying:     {poles:6.1f} ms "
              "(race 2 grids formed from race 1)")
        full = median_ms(lambda: season_standings(weekend), repeat=3)
        print(f"  with 2021's pole bonus, qualifying loaded: {full:6.1f} ms "
              f"(all {EVENTS * 2} grids formed)")
        set_points_scale(official, positions=scale.positions, pole_bonus=0,
                         drops=[DropRule("Pro-Am", 2, protect_last=2)])
        dropped = median_ms(lambda: season_standings(official))
        print(f"  no pole bonus, Pro-Am drops its 2 lowest:  {dropped:6.1f} ms")
        one_class = median_ms(lambda: season_standings(official, class_name="Pro"))
        print(f"current season, one class:                 {one_class:6.1f} ms")
        pending = median_ms(lambda: season_standings(provisional), repeat=5)
        print(f"current season, {EVENTS * 2} provisional races:   {pending:6.1f} ms "
              "(each classified from its laps)")

        def every_season() -> None:
            for year in range(2021 - SEASONS + 1, 2022):
                season_standings(official, year=year)

        ten = median_ms(every_season, repeat=5)
        print(f"{SEASONS} seasons in one database, all tables:  {ten:6.1f} ms "
              "(target < 300 ms)")
        official.close()
        provisional.close()
        weekend.close()


if __name__ == "__main__":
    main()
