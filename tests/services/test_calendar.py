"""Several seasons in one database: a new season from the last, the current one, the
calendar's events (add, move, cancel), classes and the season's tyres."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from paddock.db.models import AuditRecord, Driver
from paddock.errors import NotFound, RuleViolation
from paddock.rules.points import DropRule
from paddock.services.calendar import (
    EventFields,
    add_event,
    add_session,
    cancel_event,
    delete_event,
    edit_event,
    list_seasons,
    new_season,
    reinstate_event,
    use_season,
)
from paddock.services.classes import edit_class, list_classes, remove_class
from paddock.services.database import Database, open_database
from paddock.services.documents import tyres_pdf
from paddock.services.entries import EntryInput, add_entry, list_entries
from paddock.services.season import (
    add_class,
    current_season,
    event_view,
    season_chosen,
    season_overview,
)
from paddock.services.sessions import session_facts, set_session_facts
from paddock.services.standings import points_scale, set_points_scale
from paddock.services.tyre_supply import season_tyres, set_car, set_season_tyres
from tests.reports.pdfread import pages_text


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "p.db")
    yield database
    database.close()


def _audits(db: Database) -> int:
    with db.reader() as s:
        return len(s.exec(select(AuditRecord)).all())


def test_a_new_season_from_2021_copies_the_calendar_into_the_new_year(db: Database) -> None:
    info = new_season(db, 2022, from_year=2021)
    assert (info.year, info.current, info.events) == (2022, False, 8)
    assert info.name == "Porsche Carrera Cup North America 2022"
    # Creating 2022 in the middle of 2021 moves no desk: 2021 stays the current season.
    assert season_overview(db).year == 2021
    assert [(s.year, s.current) for s in list_seasons(db)] == [(2021, True), (2022, False)]
    with season_chosen(2022):
        overview = season_overview(db)
        sebring = overview.events[0]
        assert (sebring.short_name, sebring.start_date, sebring.end_date) == (
            "sebring", date(2022, 3, 17), date(2022, 3, 20))
        r1 = next(f for f in sebring.schedule if f.code == "R1")
        # Same local time, the same day of the event.
        assert r1.start_text == "15:00 EDT" and r1.date_text == "Saturday 19 March 2022"
        assert r1.duration_minutes == 45
        toronto = overview.events[3]
        assert toronto.start_date is None and "July 2022" in toronto.dates_text
        assert [c.name for c in list_classes(db)] == ["Pro", "Pro-Am", "Rookie"]
        tyres = season_tyres(db)
        assert (tyres.supplier, tyres.dry) == ("Michelin", "Pilot Sport Cup N3")
        assert {c.code: c.front for c in tyres.cars} == {"992": "30/65-18",
                                                         "991.2": "27/65-18"}


def test_without_from_a_season_starts_empty_with_the_default_classes(db: Database) -> None:
    new_season(db, 2024)
    with season_chosen(2024):
        assert season_overview(db).events == ()
        assert [c.name for c in list_classes(db)] == ["Pro", "Pro-Am", "Rookie"]
        assert season_tyres(db).supplier == ""  # not said yet: never a fixed name


def test_a_year_that_exists_is_refused_and_nothing_written(db: Database) -> None:
    before = _audits(db)
    with pytest.raises(RuleViolation, match="year: the 2021 season already exists"):
        new_season(db, 2021)
    with pytest.raises(NotFound, match="no 2019 season"):
        new_season(db, 2022, from_year=2019)
    assert _audits(db) == before and len(list_seasons(db)) == 1


def test_season_use_marks_the_current_season_and_choosing_overrides_it(db: Database) -> None:
    new_season(db, 2022, from_year=2021)
    use_season(db, 2022)
    assert season_overview(db).year == 2022
    with season_chosen(2021):
        assert season_overview(db).year == 2021
    with season_chosen(2030), db.reader() as s, pytest.raises(NotFound, match="2021, 2022"):
        current_season(s)


def test_moving_an_event_keeps_its_number_and_short_name_and_moves_its_sessions(
        db: Database) -> None:
    moved = edit_event(db, "ctmp", EventFields(start=date(2021, 5, 27), end=date(2021, 5, 30)))
    assert (moved.number, moved.short_name) == (2, "ctmp")
    assert moved.dates_text == "May 27–30, 2021"
    r2 = next(f for f in moved.schedule if f.code == "R2")
    assert r2.date_text == "Sunday 30 May 2021" and r2.start_text == "11:30 EDT"
    # A longer weekend keeps its sessions where they are.
    longer = edit_event(db, "ctmp", EventFields(end=date(2021, 5, 31)))
    assert next(f for f in longer.schedule if f.code == "R2").date_text == "Sunday 30 May 2021"
    renamed = edit_event(db, "2", EventFields(name="Mosport", lap_length_m=3957))
    assert (renamed.name, renamed.number, renamed.short_name) == ("Mosport", 2, "ctmp")


def test_overlapping_dates_and_a_session_outside_its_event_are_refused(db: Database) -> None:
    before = _audits(db)
    with pytest.raises(RuleViolation, match="overlap event 1 sebring"):
        edit_event(db, "ctmp", EventFields(start=date(2021, 3, 19), end=date(2021, 3, 21)))
    with pytest.raises(RuleViolation, match="end date 2021-05-19 of ctmp is before"):
        edit_event(db, "ctmp", EventFields(end=date(2021, 5, 19)))
    with pytest.raises(RuleViolation, match="time zone 'Mars/Olympus'"):
        edit_event(db, "ctmp", EventFields(time_zone="Mars/Olympus"))
    # Shortening the weekend would leave Friday's practice outside it.
    with pytest.raises(RuleViolation, match="start of Free Practice 1: 2021-05-21 is outside"):
        edit_event(db, "ctmp", EventFields(start=date(2021, 5, 22)))
    with pytest.raises(RuleViolation, match="start of Race 2: 2021-05-24 is outside"):
        set_session_facts(db, event="ctmp", session="R2", day=date(2021, 5, 24))
    assert _audits(db) == before
    assert event_view(db, "ctmp").start_date == date(2021, 5, 20)
    assert session_facts(db, event="ctmp", session="R2").date_text == "Sunday 23 May 2021"


def test_an_event_is_added_with_the_weekend_and_a_session_can_be_added(db: Database) -> None:
    new_season(db, 2024)
    with season_chosen(2024):
        miami = add_event(db, EventFields(short_name="Miami", name="Miami", venue="Miami "
                                          "International Autodrome", start=date(2024, 5, 3),
                                          end=date(2024, 5, 5), lap_length_m=5412))
        assert (miami.number, miami.short_name, miami.sessions) == (
            1, "miami", ("FP1", "FP2", "Q", "R1", "R2"))
        assert miami.lap_length_m == 5412
        with_q2 = add_session(db, event="miami", code="q2")
        assert with_q2.sessions[-1] == "Q2"
        set_session_facts(db, event="miami", session="Q2", start="16:00",
                          day=date(2024, 5, 4), length="15m")
        assert session_facts(db, event="miami", session="Q2").length_text == "15 min"
        with pytest.raises(RuleViolation, match="short name 'miami' is already"):
            add_event(db, EventFields(short_name="miami"))
        with pytest.raises(RuleViolation, match="session 'X9'"):
            add_session(db, event="miami", code="X9")


def test_an_event_with_results_is_cancelled_not_deleted(tmp_path: Path) -> None:
    with open_database(tmp_path / "demo.db", demo_if_new=True, demo_weekend=True) as db:
        with pytest.raises(RuleViolation, match="cannot be deleted; cancel it"):
            delete_event(db, "sebring")
        with pytest.raises(RuleViolation, match="reason"):
            cancel_event(db, "sebring", "  ")
        view = cancel_event(db, "sebring", "hurricane")
        assert view.cancelled and view.cancelled_reason == "hurricane"
        # Its dates no longer hold the weekend: another event may take them.
        edit_event(db, "ctmp", EventFields(start=date(2021, 3, 18), end=date(2021, 3, 20)))
        with pytest.raises(RuleViolation, match="overlap event 2 ctmp"):
            reinstate_event(db, "sebring")
        assert season_overview(db).events[0].cancelled_reason == "hurricane"


def test_only_an_empty_last_round_is_deleted(db: Database) -> None:
    with pytest.raises(RuleViolation, match="not the last round"):
        delete_event(db, "sebring")
    delete_event(db, "road-atlanta")
    assert [e.number for e in season_overview(db).events] == list(range(1, 8))


def test_classes_as_the_series_ran_them_take_a_minute(db: Database) -> None:
    add_class(db, "Pro-Am 991", cars=("991.2",), gentleman=True)
    edit_class(db, "Pro-Am", cars=("992",))
    new_season(db, 2022, from_year=2021)
    with season_chosen(2022):
        add_class(db, "Am", cars=("992", "991.2"), gentleman=True)
        assert [c.name for c in list_classes(db)] == ["Pro", "Pro-Am", "Rookie", "Pro-Am 991",
                                                      "Am"]
    new_season(db, 2024, from_year=2022)
    with season_chosen(2024):
        remove_class(db, "Pro-Am 991")
        remove_class(db, "Rookie")
        edit_class(db, "Am", rename="Masters", max_age=None)
        masters = next(c for c in list_classes(db) if c.name == "Masters")
        assert masters.rules_text == "992 or 991.2 · gentleman declaration"


def test_a_class_with_no_admitted_car_is_refused(db: Database) -> None:
    before = _audits(db)
    with pytest.raises(RuleViolation, match="cars of class Pro: a class admits at least one"):
        edit_class(db, "Pro", cars=())
    with pytest.raises(RuleViolation, match="cars of class Am: a class admits at least one"):
        add_class(db, "Am", cars=())
    with pytest.raises(RuleViolation, match="993 is not a car"):
        edit_class(db, "Pro", cars=("993",))
    assert _audits(db) == before


def test_a_class_change_that_would_leave_an_entry_outside_is_refused(db: Database) -> None:
    add_entry(db, EntryInput("12", "Ann", "Lee", date(1980, 1, 1), "USA", "Team", "991.2",
                             "Pro-Am", True, True))
    with pytest.raises(RuleViolation, match="Car 12"):
        edit_class(db, "Pro-Am", cars=("992",))
    with pytest.raises(RuleViolation, match="has 1 entries"):
        remove_class(db, "Pro-Am")


def test_a_driver_who_races_two_seasons_is_one_driver(db: Database) -> None:
    ann = EntryInput("12", "Ann", "Lee", date(1980, 1, 1), "USA", "Team", "992", "Pro-Am",
                     True, True)
    add_entry(db, ann)
    new_season(db, 2022, from_year=2021)
    with season_chosen(2022):
        add_entry(db, ann)
        assert [e.number for e in list_entries(db)] == ["12"]
    with db.reader() as s:
        assert len(s.exec(select(Driver)).all()) == 1


def test_the_tyre_supplier_is_season_data(db: Database) -> None:
    new_season(db, 2024, from_year=2021)
    with season_chosen(2024):
        tyres = set_season_tyres(db, supplier="Yokohama", dry="ADVAN A005", wet="ADVAN A006",
                                 slick_quota=6, clear=("wet-quota",))
        assert tyres.label == "Yokohama ADVAN A005" and tyres.slick_quota == 6
        set_car(db, "992.2", name="Porsche 911 GT3 Cup (992.2)", front="30/65-18",
                rear="31/71-18")
        assert [c.code for c in season_tyres(db).cars] == ["992.2", "992", "991.2"]
        with pytest.raises(RuleViolation, match="slick quota: -1"):
            set_season_tyres(db, slick_quota=-1)
    assert season_tyres(db).label == "Michelin Pilot Sport Cup N3"


def test_the_tyre_sheet_prints_the_seasons_supplier(db: Database) -> None:
    text = " ".join(pages_text(tyres_pdf(db, event="sebring")))
    assert "Tyres: Michelin Pilot Sport Cup N3" in text
    new_season(db, 2024, from_year=2021)
    with season_chosen(2024):
        set_season_tyres(db, supplier="Yokohama", dry="ADVAN A005", wet="ADVAN A006")
        text = " ".join(pages_text(tyres_pdf(db, event="sebring")))
    assert "Tyres: Yokohama ADVAN A005 (wet: ADVAN A006)" in text and "Michelin Pilot" not in text


def test_a_new_season_keeps_the_points_scale_bonuses_and_drop_rules(db: Database) -> None:
    set_points_scale(db, positions=(25, 20, 17, 14, 12), pole_bonus=5,
                     drops=(DropRule("Pro-Am", 2, protect_last=2),))
    new_season(db, 2023, from_year=2021)
    with season_chosen(2023):
        scale = points_scale(db)
        assert (scale.positions, scale.pole_bonus) == ((25, 20, 17, 14, 12), 5)
        assert scale.drops == (DropRule("Pro-Am", 2, protect_last=2),)
        # A class that drops results can still be removed (its rule goes with it).
        remove_class(db, "Pro-Am")
        assert points_scale(db).drops == ()
    assert points_scale(db).drops == (DropRule("Pro-Am", 2, protect_last=2),)
