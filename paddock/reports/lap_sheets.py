"""The lap documents as sheets: fastest laps, best 10 laps, best sectors and the ideal
lap, pit stops, flags. (Time cards: `paddock.reports.time_cards`; the lap chart:
`paddock.reports.lap_chart`.)

Every emphasis survives a black-and-white copier: bold and a mark (``*``), never colour
alone.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.platypus import Flowable, KeepTogether, Spacer

from paddock.reports.base import (
    Column,
    ReportRenderer,
    data_table,
    heading,
    note,
    ordered_classes,
)
from paddock.reports.classification import driver_team, speed_text
from paddock.reports.documents import DISQUALIFIED, DocumentBase
from paddock.reports.flowables import FitText, Line
from paddock.reports.lap_documents import (
    BestLapsDocument,
    BestSectorsDocument,
    CarInfo,
    FastestLapsDocument,
    FlagsDocument,
    PitStopsDocument,
    SectorTime,
)
from paddock.reports.styles import (
    BODY_BOLD,
    BODY_FONT,
    BODY_SIZE,
    GREY,
    RULE,
)
from paddock.rules.laptime import format_gap, format_laptime, format_racetime

FLAG_NAMES = {
    "FCY": "Full-course yellow",
    "SC": "Safety car",
    "VSC": "Virtual safety car",
    "RF": "Red flag",
    "RED": "Red flag",
    "YF": "Yellow flag",
    "CODE60": "Code 60",
}


def flag_name(code: str) -> str:
    return FLAG_NAMES.get(code.upper(), code)


def car_label(car: CarInfo) -> str:
    return " · ".join(part for part in (car.driver, car.class_name, car.team) if part)


def _ordinal(n: int) -> str:
    """"Best", "2nd", "3rd", "4th" ... for the columns of a car's best laps."""
    if n == 1:
        return "Best"
    return f"{n}{ {2: 'nd', 3: 'rd'}.get(n, 'th') if n < 20 else 'th'}"


def _to_second(hour: str) -> str:
    """``14:43:24.270`` -> ``14:43:24``: time of day as a sheet of many cars prints it."""
    return hour.split(".")[0]


def _lap(ms: int | None, lap: int | None) -> str:
    return f"{format_laptime(ms)} ({lap})" if ms is not None and lap is not None else ""


# --- fastest laps -----------------------------------------------------------------------


class FastestLapsRenderer(ReportRenderer[FastestLapsDocument]):
    """Every car's best lap in order, then the best lap of each class."""

    def columns(self) -> list[Column]:
        fixed = [
            Column("Pos", 22, "CENTER", bold=True),
            Column("No.", 24, "CENTER", bold=True),
            Column("Driver", 122, bold=True),
            None,
            Column("Class", 42),
            Column("PIC", 22, "CENTER"),
            Column("Lap time", 48, "RIGHT", bold=True),
            Column("Lap", 22, "RIGHT"),
            Column("Time of day", 42, "RIGHT"),
            Column("Gap", 40, "RIGHT"),
            Column("Interval", 40, "RIGHT"),
            Column(self.document.speed_unit, 30, "RIGHT"),
        ]
        used = sum(c.width for c in fixed if c is not None)
        fixed[3] = Column("Team", self.content_width - used)
        return [c for c in fixed if c is not None]

    def story(self) -> list[Flowable]:
        rows = self.document.rows
        body = []
        for row in rows:
            body.append([
                # A car without a position says why: disqualified, or no valid lap time.
                str(row.position) if row.position is not None else
                row.car.status if row.car.status == DISQUALIFIED else "", row.car.number,
                row.car.driver, row.car.team, row.car.class_name,
                "" if row.class_position is None else str(row.class_position),
                format_laptime(row.lap_time_ms) or "no time",
                "" if row.lap_number is None else str(row.lap_number), _to_second(row.hour),
                "" if row.gap_ms is None else format_gap(row.gap_ms),
                "" if row.interval_ms is None else format_gap(row.interval_ms),
                speed_text(row.kph)])
        # A little tighter than the house table, so that 40 cars and the best lap of each
        # class share one page.
        tight = [("TOPPADDING", (0, 1), (-1, -1), 1.1), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.7)]
        story: list[Flowable] = [data_table(self.columns(), body, extra_style=tight)]
        best = {}
        for row in rows:
            if row.class_position == 1:
                best[row.car.class_name] = row
        if best:
            width = self.content_width
            columns = [Column("Class", 70), Column("No.", 28, "CENTER", bold=True),
                       Column("Driver", 150, bold=True),
                       Column("Team", width - 70 - 28 - 150 - 56 - 30 - 62 - 40),
                       Column("Lap time", 56, "RIGHT", bold=True), Column("Lap", 30, "RIGHT"),
                       Column("Time of day", 62, "RIGHT"),
                       Column(self.document.speed_unit, 40, "RIGHT")]
            lines = [[name, best[name].car.number, best[name].car.driver, best[name].car.team,
                      format_laptime(best[name].lap_time_ms), str(best[name].lap_number),
                      _to_second(best[name].hour), speed_text(best[name].kph)]
                     for name in ordered_classes(best, self.document.class_order)]
            story.append(KeepTogether([heading("Best lap per class"),
                                       data_table(columns, lines)]))
        story += [note(text) for text in self.document.notes]
        return story


# --- best 10 laps -----------------------------------------------------------------------


class BestLapsRenderer(ReportRenderer[BestLapsDocument]):
    """Each car's ten quickest laps across the page (landscape), its best in bold."""

    pagesize = landscape(LETTER)

    def columns(self) -> list[Column]:
        count = self.document.count
        fixed = [Column("Pos", 22, "CENTER", bold=True), Column("No.", 24, "CENTER", bold=True),
                 Column("Driver / Team", 130), Column("Class", 46)]
        room = self.content_width - sum(c.width for c in fixed)
        return fixed + [Column(_ordinal(n), room / count, "RIGHT") for n in range(1, count + 1)]

    def story(self) -> list[Flowable]:
        count = self.document.count
        body = []
        for row in self.document.rows:
            cells: list[Any] = ["" if row.position is None else str(row.position),
                                row.car.number, driver_team(row.car.driver, row.car.team),
                                row.car.class_name]
            for index in range(count):
                if index < len(row.laps):
                    lap = row.laps[index]
                    font = BODY_BOLD if index == 0 else BODY_FONT
                    cells.append(FitText([Line(format_laptime(lap.lap_time_ms), font, 8.0),
                                          Line(f"lap {lap.lap}", BODY_FONT, 6.5, GREY)],
                                         "right"))
                else:
                    cells.append("")
            body.append(cells)
        return [data_table(self.columns(), body), *(note(t) for t in self.document.notes)]


# --- best sectors -----------------------------------------------------------------------


class BestSectorsRenderer(ReportRenderer[BestSectorsDocument]):
    """The session's best sector each, then every car's best sectors and ideal lap."""

    def columns(self) -> list[Column]:
        fixed = [
            Column("Pos", 22, "CENTER", bold=True),
            Column("No.", 24, "CENTER", bold=True),
            None,
            Column("Class", 44),
            Column("Best S1 (lap)", 62, "RIGHT"),
            Column("Best S2 (lap)", 62, "RIGHT"),
            Column("Best S3 (lap)", 62, "RIGHT"),
            Column("Ideal lap", 50, "RIGHT", bold=True),
            Column("Best lap (lap)", 66, "RIGHT"),
            Column("Ideal to best", 44, "RIGHT"),
        ]
        used = sum(c.width for c in fixed if c is not None)
        fixed[2] = Column("Driver", self.content_width - used, bold=True)
        return [c for c in fixed if c is not None]

    def story(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = []
        if document.session_best:
            # One line: the session's best of each sector, who set it, and their sum.
            width = self.content_width
            total = sum(s.time_ms for s in document.session_best)
            sum_width = 96.0
            cell = (width - sum_width) / len(document.session_best)
            columns = [Column(f"Session's best S{s.sector}", cell)
                       for s in document.session_best]
            columns.append(Column("Sum of the best", sum_width, "RIGHT"))
            line: list[Any] = [
                FitText([Line(f"{format_laptime(s.time_ms)}  ·  No. {s.car.number}, lap {s.lap}",
                              BODY_BOLD, BODY_SIZE),
                         Line(" · ".join(p for p in (s.car.driver, s.car.class_name) if p),
                              BODY_FONT, 7.0, GREY)])
                for s in document.session_best]
            line.append(FitText([Line(format_laptime(total) if len(document.session_best) == 3
                                      else "", BODY_BOLD, BODY_SIZE)], "right"))
            story += [data_table(columns, [line]), Spacer(0, 8)]
        if not any(s for row in document.rows for s in row.sectors):
            return [heading("No sector times in this session's time cards"),
                    note("The timing system's lap analysis (with S1, S2, S3) gives them; a "
                         "laps file with lap times only does not.")]
        best = {(s.sector, s.car.number, s.lap) for s in document.session_best}
        body = []
        for row in document.rows:
            cells: list[Any] = ["" if row.position is None else str(row.position),
                                row.car.number, row.car.driver, row.car.class_name]
            for sector, value in enumerate(row.sectors, start=1):
                cells.append(self.sector(value, (sector, row.car.number,
                                                 value.lap if value else 0) in best))
            cells += [format_laptime(row.ideal_ms), _lap(row.best_lap_ms, row.best_lap_number),
                      format_gap(row.best_lap_ms - row.ideal_ms)
                      if row.best_lap_ms is not None and row.ideal_ms is not None else ""]
            body.append(cells)
        story.append(data_table(self.columns(), body))
        story.append(note("The session's best of each sector in bold, marked *."))
        story += [note(text) for text in document.notes]
        return story

    @staticmethod
    def sector(value: SectorTime | None, session_best: bool) -> Any:
        if value is None:
            return ""
        text = f"{format_laptime(value.time_ms)} ({value.lap})"
        if not session_best:
            return text
        return FitText([Line(f"*{text}", BODY_BOLD, BODY_SIZE)], "right")


# --- pit stops --------------------------------------------------------------------------


class PitStopsRenderer(ReportRenderer[PitStopsDocument]):
    """Every visit to the pit lane, car by car in classification order."""

    def columns(self) -> list[Column]:
        fixed = [
            Column("No.", 24, "CENTER", bold=True),
            Column("Driver", 120, bold=True),
            Column("Class", 44),
            Column("Stop", 26, "CENTER"),
            Column("In-lap", 32, "RIGHT"),
            Column("Time of day in", 62, "RIGHT"),
            Column("Time in pit lane", 62, "RIGHT", bold=True),
            Column("Out-lap", 34, "RIGHT"),
            None,
            Column("Car's total", 54, "RIGHT"),
        ]
        used = sum(c.width for c in fixed if c is not None)
        fixed[8] = Column("Remarks", self.content_width - used)
        return [c for c in fixed if c is not None]

    def story(self) -> list[Flowable]:
        body = []
        extra: list[tuple[Any, ...]] = []
        row_index = 0
        for car in self.document.cars:
            for index, stop in enumerate(car.stops):
                first = index == 0
                last = index == len(car.stops) - 1
                row_index += 1
                if first and row_index > 1:
                    extra.append(("LINEABOVE", (0, row_index), (-1, row_index), 0.6, RULE))
                body.append([
                    car.car.number if first else "",
                    car.car.driver if first else "",
                    car.car.class_name if first else "",
                    str(stop.number), str(stop.in_lap), stop.in_hour,
                    format_laptime(stop.pit_time_ms) or "—",
                    "" if stop.out_lap is None else str(stop.out_lap),
                    f"Driver: {stop.driver_out}" if stop.driver_out
                    and stop.driver_out != stop.driver_in
                    else ("Stayed in" if stop.out_lap is None else ""),
                    format_laptime(car.total_ms) if last and car.total_ms else ""])
        if not body:
            return [note("No car ended a lap in the pit lane.")]
        stops = sum(len(car.stops) for car in self.document.cars)
        story: list[Flowable] = [
            data_table(self.columns(), body, extra_style=extra),
            note(f"{stops} stops by {len(self.document.cars)} cars. Remarks name the driver who "
                 "took over, when the driver changed."),
        ]
        return story + [note(text) for text in self.document.notes]


# --- flags ------------------------------------------------------------------------------


class FlagsRenderer(ReportRenderer[FlagsDocument]):
    """Periods under full-course yellow, safety car or red flag, and their totals."""

    def story(self) -> list[Flowable]:
        document = self.document
        width = self.content_width
        race = document.by_leader
        story: list[Flowable] = []
        if not document.periods:
            story.append(heading("No lap was completed under a flag other than green"))
        else:
            columns = [Column("Flag", 110, bold=True)]
            if race:
                columns += [Column("Leader's laps", 56, "CENTER"), Column("Laps", 34, "RIGHT")]
            columns += [Column("Crossings", 46, "RIGHT"), Column("From", 52, "RIGHT"),
                        Column("To", 52, "RIGHT"), Column("Session time", 118, "RIGHT")]
            columns.append(Column("Duration", width - sum(c.width for c in columns), "RIGHT",
                                  bold=True))
            body = []
            for p in document.periods:
                cells = [f"{p.flag} — {flag_name(p.flag)}"]
                if race:
                    cells += [f"{p.first_lap}–{p.last_lap}" if p.last_lap != p.first_lap
                              else str(p.first_lap), str(p.laps)]
                cells += [str(p.crossings), p.start_hour, p.end_hour,
                          f"{format_racetime(p.start_ms)} – {format_racetime(p.end_ms)}",
                          format_laptime(p.duration_ms)]
                body.append(cells)
            story += [heading("Periods under a flag"), data_table(columns, body)]
            totals: dict[str, list[int]] = {}
            for p in document.periods:
                held = totals.setdefault(p.flag, [0, 0, 0])
                held[0] += 1
                held[1] += p.laps
                held[2] += p.duration_ms
            columns = [Column("Flag", 160, bold=True), Column("Periods", 60, "RIGHT")]
            if race:
                columns.append(Column("Laps", 60, "RIGHT"))
            columns.append(Column("Time", 80, "RIGHT", bold=True))
            columns.append(Column("Share of the session", width - sum(c.width for c in columns)))
            lines = []
            for flag, (count, laps, ms) in totals.items():
                share = [f"{laps} of {document.leader_laps} laps"] if race else []
                if document.session_ms:
                    share.append(f"{100 * ms / document.session_ms:.0f} % of the time")
                lines.append([f"{flag} — {flag_name(flag)}", str(count),
                              *([str(laps)] if race else []), format_laptime(ms),
                              ", ".join(share)])
            story += [heading("Totals"), data_table(columns, lines)]
        story.append(Spacer(0, 4))
        if race:
            story.append(note(f"The leader completed {document.leader_laps} laps in "
                              f"{format_racetime(document.session_ms)}."))
        return story + [note(text) for text in document.notes]


_RENDERERS: dict[type, type[ReportRenderer[Any]]] = {
    FastestLapsDocument: FastestLapsRenderer,
    BestLapsDocument: BestLapsRenderer,
    BestSectorsDocument: BestSectorsRenderer,
    PitStopsDocument: PitStopsRenderer,
    FlagsDocument: FlagsRenderer,
}


def render_lap_sheet(document: DocumentBase) -> bytes:
    """Fastest laps, best laps, best sectors, pit stops or flags as PDF bytes."""
    return _RENDERERS[type(document)](document).render()
