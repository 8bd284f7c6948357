"""The lap documents, as plain frozen data: time cards, fastest laps, best laps, best
sectors and the ideal lap, pit stops, flags, the lap chart.

A service (``paddock.services.lap_documents``) fills them from a session's stored time
cards and its classification; the renderers (``paddock.reports.lap_sheets``,
``paddock.reports.lap_chart``) turn them into PDF. Like ``paddock.reports.documents`` this
module imports no reportlab.

Times are integer milliseconds, car numbers strings, ``hour`` the time of day as the
timing system wrote it (``14:43:24.270``).
"""

from __future__ import annotations

from dataclasses import dataclass

from paddock.reports.documents import DocumentBase

#: Flags that are not a neutralisation: green, the finish, and none written.
RUNNING_FLAGS = frozenset({"", "GF", "FF", "GREEN", "CHECKERED"})


@dataclass(frozen=True)
class CarInfo:
    """Who a car is, as each lap document's car column or heading shows it."""

    number: str
    driver: str
    class_name: str
    team: str = ""
    car: str = ""
    position: int | None = None  # in the session's classification
    status: str = ""  # "Classified", "NC", "DNF", ...


# --- time cards -------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeCardLap:
    """One lap of a car's time card.

    Attributes:
        in_pit: the lap ended in the pit lane (an in-lap).
        pit_out: the lap started from the pit lane (an out-lap).
        pit_time_ms: the time spent in the pit lane, printed on the out-lap.
        deleted: why the lap's time was deleted ("" when it counts), e.g. "Track limits
            T7"; ``deleted_by`` what deleted it: "decision 4", "stewards" (a decision
            without a number) or "timing system".
        best: the car's best valid lap. ``best_sectors``: each sector is the car's best.
        session_best: the session's best lap.
        driver: the driver on this lap, printed only for cars with more than one.
    """

    lap: int
    lap_time_ms: int | None
    sectors: tuple[int | None, int | None, int | None] = (None, None, None)
    kph: float | None = None
    top_speed: float | None = None  # the speed trap's, where the time cards carry it
    elapsed_ms: int | None = None
    hour: str = ""
    flag: str = ""
    in_pit: bool = False
    pit_out: bool = False
    pit_time_ms: int | None = None
    deleted: str = ""
    deleted_by: str = ""
    best: bool = False
    best_sectors: tuple[bool, bool, bool] = (False, False, False)
    session_best: bool = False
    driver: str = ""


@dataclass(frozen=True)
class TimeCard:
    """One car's laps, with its best lap and best sectors."""

    car: CarInfo
    laps: tuple[TimeCardLap, ...]
    best_lap_ms: int | None = None
    best_lap_number: int | None = None
    best_sectors_ms: tuple[int | None, int | None, int | None] = (None, None, None)
    drivers: tuple[str, ...] = ()  # every driver who drove it, when more than one


@dataclass(frozen=True, kw_only=True)
class TimeCardsDocument(DocumentBase):
    """Lap analysis: every car's laps, cars one after another in classification order."""

    cards: tuple[TimeCard, ...]
    speed_unit: str = "km/h"
    notes: tuple[str, ...] = ()


# --- fastest laps and best laps ------------------------------------------------------------


@dataclass(frozen=True)
class FastestLapRow:
    """A car's best valid lap, ranked; ``position`` None for a car without a valid lap."""

    position: int | None
    car: CarInfo
    class_position: int | None
    lap_time_ms: int | None
    lap_number: int | None = None
    hour: str = ""
    gap_ms: int | None = None
    interval_ms: int | None = None
    kph: float | None = None


@dataclass(frozen=True, kw_only=True)
class FastestLapsDocument(DocumentBase):
    """Every car's best lap in order, and the best lap of each class."""

    rows: tuple[FastestLapRow, ...]
    class_order: tuple[str, ...] = ()
    speed_unit: str = "km/h"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class BestLap:
    lap: int
    lap_time_ms: int


@dataclass(frozen=True)
class BestLapsRow:
    """A car's quickest valid laps, quickest first (at most ``BestLapsDocument.count``)."""

    position: int | None
    car: CarInfo
    laps: tuple[BestLap, ...]


@dataclass(frozen=True, kw_only=True)
class BestLapsDocument(DocumentBase):
    """The best N (10) valid laps of every car, cars by their best lap."""

    rows: tuple[BestLapsRow, ...]
    count: int = 10
    notes: tuple[str, ...] = ()


# --- best sectors -----------------------------------------------------------------------


@dataclass(frozen=True)
class SectorTime:
    """A sector's time and the lap it was set on."""

    time_ms: int
    lap: int


@dataclass(frozen=True)
class BestSectorsRow:
    """A car's best of each sector and its ideal lap (their sum), ranked by the ideal lap."""

    position: int | None
    car: CarInfo
    sectors: tuple[SectorTime | None, SectorTime | None, SectorTime | None]
    ideal_ms: int | None
    best_lap_ms: int | None = None
    best_lap_number: int | None = None


@dataclass(frozen=True)
class SessionBestSector:
    """The session's best time in one sector."""

    sector: int  # 1, 2, 3
    time_ms: int
    lap: int
    car: CarInfo


@dataclass(frozen=True, kw_only=True)
class BestSectorsDocument(DocumentBase):
    rows: tuple[BestSectorsRow, ...]
    session_best: tuple[SessionBestSector, ...] = ()
    notes: tuple[str, ...] = ()


# --- pit stops and flags ----------------------------------------------------------------


@dataclass(frozen=True)
class PitStop:
    """One visit to the pit lane: in on ``in_lap``, out on ``out_lap`` (None: stayed in)."""

    number: int  # the car's 1st, 2nd, ... stop
    in_lap: int
    in_hour: str
    out_lap: int | None
    pit_time_ms: int | None
    driver_in: str = ""
    driver_out: str = ""


@dataclass(frozen=True)
class CarPitStops:
    car: CarInfo
    stops: tuple[PitStop, ...]

    @property
    def total_ms(self) -> int:
        return sum(stop.pit_time_ms or 0 for stop in self.stops)


@dataclass(frozen=True, kw_only=True)
class PitStopsDocument(DocumentBase):
    cars: tuple[CarPitStops, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FlagPeriod:
    """A period under one flag (FCY, SC, RF ...).

    In a race it is counted on the leader's laps: ``first_lap``..``last_lap`` completed
    under the flag, ``start_ms``/``end_ms`` (session times) the start of the first of them
    and the end of the last. In practice and qualifying, where laps are not in step, it
    runs from the first crossing of the line under the flag to the last (laps 0).
    ``crossings``: how many times cars crossed the line under it.
    """

    flag: str
    first_lap: int
    last_lap: int
    start_ms: int
    end_ms: int
    start_hour: str = ""
    end_hour: str = ""
    crossings: int = 0

    @property
    def laps(self) -> int:
        return self.last_lap - self.first_lap + 1 if self.first_lap else 0

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(frozen=True, kw_only=True)
class FlagsDocument(DocumentBase):
    periods: tuple[FlagPeriod, ...]
    by_leader: bool = True  # a race's periods, on the leader's laps
    leader_laps: int = 0  # laps the leader completed in the session
    session_ms: int = 0  # the leader's time at its last crossing
    notes: tuple[str, ...] = ()


# --- lap chart --------------------------------------------------------------------------


@dataclass(frozen=True)
class LapChartCar:
    """A car's position at the end of each lap it completed (``positions[0]``: lap 1),
    and on the starting grid (None: no grid known, or not on it)."""

    car: CarInfo
    positions: tuple[int, ...]
    grid_position: int | None = None


@dataclass(frozen=True, kw_only=True)
class LapChartDocument(DocumentBase):
    """Positions lap by lap: ``order[n]`` the car numbers in order at the end of lap n+1;
    ``grid`` the starting grid's order, when it was formed from timed laps."""

    cars: tuple[LapChartCar, ...]
    order: tuple[tuple[str, ...], ...]
    grid: tuple[str, ...] = ()
    class_order: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
