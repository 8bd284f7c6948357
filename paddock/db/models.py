"""The schema: SQLModel tables. Alembic migrations in db/migrations create them.

Everything the series manager may change per season (classes, cars, dates, quotas) is a
row, not a constant. Car numbers are strings: "01" and "1" are different cars.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from paddock.db.types import UTCDateTime, utcnow


def _created() -> datetime:
    return utcnow()


class Season(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(unique=True, index=True)
    name: str
    # Age rules (Rookie, Junior) are judged on this date: 1 January of the year by default.
    age_reference: date
    rookie_max_age: int = 23
    junior_max_age: int = 23
    # The car generation that Pro requires and the team championship counts.
    current_car: str = "992"
    # Tyre allocation per car per event (an event may override): None = not limited.
    slick_quota: int | None = 8
    wet_quota: int | None = None
    carry_over_limit: int = 4
    # Classification: share of the winner's laps to be classified (percent), and what
    # unserved drive-through / stop-and-go penalties convert to (seconds).
    classified_share_pct: int = 75
    drive_through_s: int = 30
    stop_and_go_s: int = 40
    # Number every starter (NC and DNF too), as the timekeepers' files do.
    number_all_starters: bool = True
    # The season every desk works on unless told otherwise (`paddock season use YEAR`);
    # at most one season has it. With none marked, the latest season is the current one.
    is_current: bool = False
    # The tyres of the season (Michelin 2021-2023, Yokohama 2024-2025, Pirelli from 2026):
    # printed on the tyre pages and documents. "" = not said yet.
    tyre_supplier: str = ""
    tyre_name: str = ""  # the dry tyre, e.g. "Pilot Sport Cup N3"
    wet_tyre_name: str = ""
    # The fictional demo season: marked in the window and on every document printed.
    demo: bool = False
    created_at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False)
    )


class RaceClass(SQLModel, table=True):
    __tablename__ = "race_class"
    __table_args__ = (UniqueConstraint("season_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    season_id: int = Field(foreign_key="season.id", index=True)
    name: str
    sort_order: int = 0
    # Space-separated car codes this class admits, e.g. "992" or "992 991.2".
    allowed_cars: str = "992 991.2"
    requires_gentleman: bool = False
    max_age: int | None = None


class Car(SQLModel, table=True):
    """A car type the series admits (Porsche 911 GT3 Cup 992 or 991.2) with its tyre sizes."""

    __table_args__ = (UniqueConstraint("season_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    season_id: int = Field(foreign_key="season.id", index=True)
    code: str
    name: str
    front_tyre: str = ""
    rear_tyre: str = ""


class Venue(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    city: str = ""
    country: str = ""
    lap_length_m: int | None = None


class Event(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("season_id", "number"),
        UniqueConstraint("season_id", "short_name"),
    )

    id: int | None = Field(default=None, primary_key=True)
    season_id: int = Field(foreign_key="season.id", index=True)
    number: int
    short_name: str
    name: str
    # Nullable: a round whose venue is still to be announced exists all the same.
    venue_id: int | None = Field(default=None, foreign_key="venue.id")
    start_date: date | None = None
    end_date: date | None = None
    # What is known when the days are not: "July", "September".
    provisional_month: str = ""
    pole_side: str = "left"
    time_zone: str = "America/New_York"
    # Overrides of the season's tyre allocation for this event only; None = the season's.
    slick_quota: int | None = None
    wet_quota: int | None = None
    # The lap length of this event's layout (metres); None = the venue's.
    lap_length_m: int | None = None
    # A cancelled event keeps its number, results and tyres; it is shown struck out with
    # its reason. "" = not cancelled.
    cancelled_reason: str = ""


class RaceSession(SQLModel, table=True):
    __tablename__ = "session"
    __table_args__ = (UniqueConstraint("event_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True)
    code: str
    name: str
    kind: str  # practice | qualifying | race
    race_number: int | None = None
    sort_order: int = 0
    # The session's facts, as the documents print them (`paddock session set`): the
    # scheduled start (UTC; typed in the event's local time), its length in minutes or in
    # laps, and the conditions an official typed ("" / None: not said).
    duration_minutes: int | None = None
    starts_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    length_laps: int | None = None
    conditions: str = ""  # dry | wet | mixed | ""
    air_temp_c: float | None = None
    track_temp_c: float | None = None


class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Driver(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    first_name: str
    last_name: str
    date_of_birth: date
    nationality: str = ""


class Entry(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("season_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    season_id: int = Field(foreign_key="season.id", index=True)
    number: str
    driver_id: int = Field(foreign_key="driver.id")
    team_id: int = Field(foreign_key="team.id")
    car_id: int = Field(foreign_key="car.id")
    class_id: int = Field(foreign_key="race_class.id")
    gentleman: bool = False
    full_season: bool = True
    created_at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False)
    )
    updated_at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False)
    )


class AuditRecord(SQLModel, table=True):
    """Who changed what, when: every write of a use case leaves one row here."""

    __tablename__ = "audit"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False, index=True)
    )
    user: str
    action: str
    entity: str
    entity_id: str = ""
    before: str = ""  # JSON
    after: str = ""  # JSON


class EventEntry(SQLModel, table=True):
    """An entry's participation in one event (part-season entries skip some)."""

    __tablename__ = "event_entry"
    __table_args__ = (UniqueConstraint("event_id", "entry_id"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True)
    entry_id: int = Field(foreign_key="entry.id", index=True, ondelete="CASCADE")


class EntryWithdrawal(SQLModel, table=True):
    """An entry withdrawn from the season (``event_id`` None) or from one event, and why.

    The entry stays, with its tyres and results (evidence); it leaves the events it had not
    run yet, so no new tyre registration, classification or grid takes it.
    """

    __tablename__ = "entry_withdrawal"
    __table_args__ = (UniqueConstraint("entry_id", "event_id"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="entry.id", index=True, ondelete="CASCADE")
    event_id: int | None = Field(default=None, foreign_key="event.id")
    reason: str
    created_by: str = ""
    created_at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False)
    )


class TyreRecord(SQLModel, table=True):
    """One tyre of the season, by barcode, and where it stands now.

    A carried-over tyre keeps its row: ``event_id`` becomes the new event and
    ``carried_from_event_id`` remembers the old one; the audit trail keeps each step.
    """

    __tablename__ = "tyre"
    __table_args__ = (UniqueConstraint("season_id", "barcode"),)

    id: int | None = Field(default=None, primary_key=True)
    season_id: int = Field(foreign_key="season.id", index=True)
    barcode: str = Field(index=True)
    entry_id: int = Field(foreign_key="entry.id", index=True)
    event_id: int = Field(foreign_key="event.id", index=True)
    tyre_type: str = "slick"
    status: str = "registered"
    replacement: bool = False
    carried_from_event_id: int | None = Field(default=None, foreign_key="event.id")
    # Where it was registered new: its quota stays used there wherever it goes later.
    first_event_id: int | None = Field(default=None, foreign_key="event.id")
    reason: str = ""
    registered_by: str = ""
    registered_at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False)
    )


class TimingImport(SQLModel, table=True):
    """Which file a session's timing data came from, and who loaded it when."""

    __tablename__ = "timing_import"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session.id", index=True)
    file_name: str
    kind: str
    sha256: str
    rows: int
    imported_by: str = ""
    imported_at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False)
    )


class LapRecordRow(SQLModel, table=True):
    """One crossing of the line by one car (time cards)."""

    __tablename__ = "lap"
    __table_args__ = (UniqueConstraint("session_id", "number", "lap"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session.id", index=True)
    import_id: int | None = Field(default=None, foreign_key="timing_import.id")
    number: str
    lap: int
    lap_time_ms: int | None = None
    elapsed_ms: int | None = None
    hour: str = ""
    in_pit: bool = False
    driver_name: str = ""
    flag: str = ""
    # Everything else the time cards carry, for the documents (time cards, best sectors,
    # pit stops, flags); None where the file has no such column.
    driver_number: str = ""
    mark: int | None = None  # LAP_IMPROVEMENT: 2 the car's best, 3 the session's, 0 other
    s1_ms: int | None = None
    s2_ms: int | None = None
    s3_ms: int | None = None
    s1_mark: int | None = None
    s2_mark: int | None = None
    s3_mark: int | None = None
    kph: float | None = None
    top_speed: float | None = None
    pit_time_ms: int | None = None
    # Deleted in the timing system (read from its marks at import), with the reason; an
    # official reinstates it with a decision, never by editing this row.
    timing_deleted: bool = False
    timing_reason: str = ""


class ResultLine(SQLModel, table=True):
    """One car's line of a results file, or typed in by hand (no laps)."""

    __tablename__ = "result_line"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session.id", index=True)
    import_id: int | None = Field(default=None, foreign_key="timing_import.id")
    order: int = 0
    number: str
    position: int | None = None
    status: str = ""
    laps: int = 0
    total_time_ms: int | None = None
    best_lap_ms: int | None = None
    best_lap_number: int | None = None


class TimingLine(SQLModel, table=True):
    """One car's line in a results file of the timing system, kept as its second opinion.

    ``source`` is ``results`` (overall, ``03_``) or ``by-class`` (``05_``); both may be
    loaded for one session. Compared with Paddock's own classification by `results check`.
    """

    __tablename__ = "timing_line"
    __table_args__ = (UniqueConstraint("session_id", "source", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session.id", index=True)
    import_id: int | None = Field(default=None, foreign_key="timing_import.id")
    source: str = "results"
    order: int = 0
    number: str
    position: int | None = None
    class_position: int | None = None
    status: str = ""
    status_text: str = ""
    laps: int = 0
    total_time_ms: int | None = None
    best_lap_ms: int | None = None
    best_lap_number: int | None = None
    class_name: str = ""
    gap_first: str = ""
    gap_previous: str = ""
    driver: str = ""
    team: str = ""


class CarStatusRecord(SQLModel, table=True):
    """An official's word on a car that never crossed the line: it started (DNF) or not (DNS).

    The time cards alone cannot tell the two apart; this settles it, with a reason.
    """

    __tablename__ = "car_status"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session.id", index=True)
    number: str
    status: str  # dns | dnf
    reason: str
    created_by: str = ""
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False)
    )


class PenaltyRecord(SQLModel, table=True):
    """A stewards' decision on one car in one session."""

    __tablename__ = "penalty"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session.id", index=True)
    number: str
    kind: str
    time_ms: int = 0
    lap: int | None = None
    places: int = 0
    served: bool = False
    reason: str
    decision: str = ""
    # The article of the sporting regulations the decision applies ("Art. 12.3").
    article: str = ""
    # On an official session: recorded, not yet published; the next publish takes every
    # pending decision into one revision.
    pending: bool = False
    created_by: str = ""
    created_at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False)
    )


class PublishedRevision(SQLModel, table=True):
    """An official classification as published: a frozen copy, never edited.

    A later penalty or correction adds revision N+1 with its reason; every revision stays
    readable, and ``content_hash`` lets two printed copies be compared.
    """

    __tablename__ = "classification_revision"
    __table_args__ = (UniqueConstraint("session_id", "revision"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="session.id", index=True)
    revision: int
    reason: str = ""
    payload: str  # JSON: the rows as published
    content_hash: str
    published_by: str = ""
    published_at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False)
    )


class GridAdjustment(SQLModel, table=True):
    """A stewards' amendment of one race's starting grid, with its reason.

    ``kind``: "withdraw" (the car does not start), "move" (to ``position``, 1 = pole) or
    "pit-lane" (the car starts from the pit lane). Amendments apply in ``id`` order.
    """

    __tablename__ = "grid_adjustment"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True)
    race: int
    kind: str
    number: str
    position: int | None = None
    reason: str
    created_by: str = ""
    created_at: datetime = Field(
        default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False)
    )


class SeasonPoints(SQLModel, table=True):
    """The season's points scale; a season without a row scores by the series' defaults.

    ``positions`` lists the points for class positions 1, 2, 3, ... as "25,20,17,...".
    """

    __tablename__ = "season_points"

    id: int | None = Field(default=None, primary_key=True)
    season_id: int = Field(foreign_key="season.id", unique=True)
    positions: str = "25,20,17,14,12,10,9,8,7,6,5,4,3,2,1"
    pole_bonus: int = 0
    fastest_lap_bonus: int = 0


class SeasonDropRule(SQLModel, table=True):
    """A class of the season drops its ``drop_count`` lowest race results; the last
    ``protect_last`` races of the calendar cannot be dropped. A class without a row counts
    every result."""

    __tablename__ = "season_drop_rule"

    id: int | None = Field(default=None, primary_key=True)
    season_id: int = Field(foreign_key="season.id", index=True)
    race_class_id: int = Field(foreign_key="race_class.id", unique=True)
    drop_count: int
    protect_last: int = 0
