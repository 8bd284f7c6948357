from paddock.services.database import Database
from paddock.services.season import event_view, season_overview


def test_the_2021_season_has_eight_events_and_sixteen_races(db: Database) -> None:
    season = season_overview(db)
    assert season.year == 2021
    assert [e.short_name for e in season.events] == [
        "sebring", "ctmp", "watkins-glen", "toronto", "road-america", "vir", "tba",
        "road-atlanta",
    ]
    assert all(e.sessions == ("FP1", "FP2", "Q", "R1", "R2") for e in season.events)
    assert sum(s.startswith("R") for e in season.events for s in e.sessions) == 16


def test_rounds_without_days_or_venue_still_exist(db: Database) -> None:
    toronto = event_view(db, "toronto")
    assert toronto.start_date is None and toronto.dates_text.startswith("July 2021")
    tba = event_view(db, "7")
    assert tba.venue == "To be announced" and "September" in tba.dates_text
    assert event_view(db, "sebring").dates_text == "March 17–20, 2021"
