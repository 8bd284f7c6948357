"""Classifications: race (overall), qualifying / practice, and race results by class.

Layout follows the timekeepers' documents: one line per car, driver over team in one
cell so the times get the room; cars not classified, not started and disqualified in
their own sections; fastest lap per class; the stewards' penalties with decision numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from paddock.reports.base import (
    Column,
    ReportRenderer,
    data_table,
    heading,
    note,
    ordered_classes,
)
from paddock.reports.documents import (
    CLASSIFIED,
    DID_NOT_START,
    DISQUALIFIED,
    ClassificationDocument,
    ClassificationRow,
    PenaltyLine,
    QualifyingDocument,
    QualifyingRow,
)
from paddock.reports.flowables import FitText, Line
from paddock.reports.styles import BODY_BOLD, BODY_FONT, BODY_SIZE, CELL_PAD, GREY, RED
from paddock.rules.laptime import format_gap, format_laps_gap, format_laptime, format_racetime

#: Width of the driver-over-team cell when every other column is present.
DRIVER_WIDTH = 134.0
SPEED_WIDTH = 28.0
CAR_WIDTH = 28.0


def gap_text(ms: int | None, laps: int) -> str:
    """``+0.903``, ``1 Lap``, ``3 Laps``, or "" for the car the gap is measured from."""
    if laps > 0:
        return format_laps_gap(laps)
    if ms is None:
        return ""
    return format_gap(ms)


def speed_text(speed: float | None) -> str:
    return "" if speed is None else f"{speed:.1f}"


def is_classified(row: ClassificationRow) -> bool:
    return row.position is not None and row.status.upper() == CLASSIFIED.upper()


def numbered_unclassified(row: ClassificationRow) -> bool:
    """NC or DNF with a position: the season numbers every starter, as the timekeepers do."""
    return row.position is not None and not is_classified(row)


def position_or_status(row: ClassificationRow) -> str:
    """The Pos cell of a car outside the classified order: its number when it has one."""
    return str(row.position) if row.position is not None else row.status


def driver_team(driver: str, team: str) -> FitText:
    """Driver in bold over the team in grey, each fitted to the cell."""
    # Teams wrap rather than shrink far: a 5-point team name is unreadable on a noticeboard.
    return FitText(
        [Line(driver, BODY_BOLD, 8.2), Line(team, BODY_FONT, 7.0, GREY, min_scale=0.9)]
    )


def total_cell(row: ClassificationRow) -> str | FitText:
    total = format_racetime(row.total_ms)
    if not row.penalty:
        return total
    lines = [Line(total, BODY_FONT, 8.0)] if total else []
    return FitText([*lines, Line(row.penalty, BODY_BOLD, 6.8, RED)], "right")


#: Marks each class's fastest lap beside its bold (and red) time: a copier keeps the mark.
FASTEST_MARK = "*"
BEST_LAP_COLUMN = 11
CLASS_BEST_LAP_COLUMN = 10


def fastest_style(body: list[list[str | Flowable]], rows: Sequence[int],
                  column: int) -> list[tuple[Any, ...]]:
    """Bold, red and marked: the fastest lap cells of ``rows`` (1-based, under the heading).

    The mark is written into the cell itself (``body`` is changed), so it reads back.
    """
    style: list[tuple[Any, ...]] = []
    for index in rows:
        cell = body[index - 1][column]
        if isinstance(cell, str) and cell:
            body[index - 1][column] = f"{FASTEST_MARK}{cell}"
        style += [("TEXTCOLOR", (column, index), (column, index), RED),
                  ("FONTNAME", (column, index), (column, index), BODY_BOLD)]
    return style


def fastest_per_class(
    rows: Sequence[ClassificationRow | QualifyingRow], class_order: Sequence[str]
) -> list[ClassificationRow | QualifyingRow]:
    """The car with the best lap of each class (earlier lap wins a tie); never a DSQ car."""
    best: dict[str, ClassificationRow | QualifyingRow] = {}
    for row in rows:
        if row.best_lap_ms is None or getattr(row, "status", "") == DISQUALIFIED:
            continue
        held = best.get(row.class_name)
        key = (row.best_lap_ms, row.best_lap_number or 10**6)
        if held is None or key < (held.best_lap_ms or 0, held.best_lap_number or 10**6):
            best[row.class_name] = row
    return [best[name] for name in ordered_classes(best, class_order)]


def penalties_table(penalties: Sequence[PenaltyLine], width: float) -> list[Flowable]:
    if not penalties:
        return []
    columns = [
        Column("Decision", 46, "CENTER", bold=True),
        Column("No.", 28, "CENTER", bold=True),
        Column("Driver", 120),
        Column("Infringement", width - 46 - 28 - 120 - 120),
        Column("Penalty applied", 120),
    ]
    body = [[p.decision, p.number, p.driver, p.reason, p.penalty] for p in penalties]
    return [KeepTogether([heading("Penalties applied"), data_table(columns, body)])]


def fastest_laps_table(
    rows: Sequence[ClassificationRow | QualifyingRow],
    class_order: Sequence[str],
    speed_unit: str,
    width: float,
) -> list[Flowable]:
    fastest = fastest_per_class(rows, class_order)
    if not fastest:
        return []
    show_speed = any(row.best_lap_speed is not None for row in fastest)
    columns = [
        Column("Class", 70),
        Column("No.", 28, "CENTER", bold=True),
        Column("Driver", 150, bold=True),
        Column("Team", width - 70 - 28 - 150 - 60 - 30 - (50 if show_speed else 0)),
        Column("Lap time", 60, "RIGHT", bold=True),
        Column("Lap", 30, "RIGHT"),
    ]
    if show_speed:
        columns.append(Column(speed_unit, 50, "RIGHT"))
    body = []
    for row in fastest:
        line = [
            row.class_name,
            row.number,
            row.driver,
            row.team,
            format_laptime(row.best_lap_ms),
            str(row.best_lap_number or ""),
        ]
        if show_speed:
            line.append(speed_text(row.best_lap_speed))
        body.append(line)
    return [KeepTogether([heading("Fastest lap per class"), data_table(columns, body)])]


class _Classification(ReportRenderer[Any]):
    """What race and qualifying share: the speed column when given, the closing sections."""

    @cached_property
    def show_speed(self) -> bool:
        return any(row.best_lap_speed is not None for row in self.document.rows)

    @cached_property
    def car_extra(self) -> float:
        """Points the car column needs beyond its usual 28 (taken from the driver column):
        "992" and "991.2" fit; a multi-make field's "Porsche 911 GT3 R (992)" gets room."""
        widest = max(
            (stringWidth(row.car, BODY_FONT, BODY_SIZE) for row in self.document.rows),
            default=0.0,
        )
        return min(34.0, max(0.0, widest + 2 * CELL_PAD - CAR_WIDTH))

    def closing(self, rows: Sequence[Any]) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = []
        story += fastest_laps_table(
            rows, document.class_order, document.speed_unit, self.content_width
        )
        story += penalties_table(document.penalties, self.content_width)
        for text in document.notes:
            story.append(note(text))
        return story


class RaceClassificationRenderer(_Classification):
    """Race classification: overall order, then not classified, not started, disqualified."""

    document: ClassificationDocument

    def columns(self) -> list[Column]:
        show_speed = self.show_speed
        columns = [
            Column("Pos", 20, "CENTER", bold=True),
            Column("No.", 24, "CENTER", bold=True),
            Column("Class", 40),
            Column("PIC", 20, "CENTER"),
            Column(
                "Driver / Team",
                DRIVER_WIDTH + (0 if show_speed else SPEED_WIDTH) - self.car_extra,
            ),
            Column("Nat.", 24, "CENTER"),
            Column("Car", CAR_WIDTH + self.car_extra, "CENTER"),
            Column("Laps", 22, "RIGHT"),
            Column("Total time", 52, "RIGHT"),
            Column("Gap", 44, "RIGHT"),
            Column("Interval", 44, "RIGHT"),
            # Regular weight: bold (with red and a mark) picks out each class's fastest.
            Column("Best lap", 42, "RIGHT"),
            Column("Lap", 18, "RIGHT"),
        ]
        if show_speed:
            columns.append(Column(self.document.speed_unit, SPEED_WIDTH, "RIGHT"))
        return columns

    def line(self, row: ClassificationRow, position: str) -> list[str | Flowable]:
        cells: list[str | Flowable] = [
            position,
            row.number,
            row.class_name,
            "" if row.class_position is None else str(row.class_position),
            driver_team(row.driver, row.team),
            row.nationality,
            row.car,
            str(row.laps),
            total_cell(row),
            gap_text(row.gap_ms, row.gap_laps),
            # A numbered car that is not classified says what it is where the interval was.
            row.status if numbered_unclassified(row) else gap_text(
                row.interval_ms, row.interval_laps),
            format_laptime(row.best_lap_ms),
            "" if row.best_lap_number is None else str(row.best_lap_number),
        ]
        if self.show_speed:
            cells.append(speed_text(row.best_lap_speed))
        return cells

    def table(self, rows: Sequence[ClassificationRow], positions: Sequence[str]) -> Flowable:
        fastest = {
            (row.class_name, row.number)
            for row in fastest_per_class(self.document.rows, self.document.class_order)
        }
        body = [self.line(row, position) for row, position in zip(rows, positions, strict=True)]
        marked = [index for index, row in enumerate(rows, start=1)
                  if (row.class_name, row.number) in fastest]
        return data_table(self.columns(), body,
                          extra_style=fastest_style(body, marked, BEST_LAP_COLUMN))

    def story(self) -> list[Flowable]:
        rows = self.document.rows
        classified = [row for row in rows if is_classified(row)]
        started = [
            row
            for row in rows
            if not is_classified(row) and row.status.upper() not in (DID_NOT_START, DISQUALIFIED)
        ]
        not_started = [row for row in rows if row.status.upper() == DID_NOT_START]
        disqualified = [row for row in rows if row.status.upper() == DISQUALIFIED]

        story: list[Flowable] = [
            self.table(classified, [str(row.position) for row in classified]),
            note(f"{FASTEST_MARK} Fastest lap of each class, in bold (and red). "
                 "PIC = position in class."),
        ]
        for title, group in (
            ("Not classified", started),
            ("Did not start", not_started),
            ("Disqualified", disqualified),
        ):
            if group:
                story.append(
                    KeepTogether([heading(title), self.table(group, [
                        position_or_status(row) for row in group])])
                )
        return story + self.closing(rows)


class QualifyingClassificationRenderer(_Classification):
    """Qualifying or practice: best and second-best laps, gaps on the best lap."""

    document: QualifyingDocument

    def lap_columns(self) -> list[Column]:
        """The columns after the car, the same overall and by class: laps, best and
        second-best laps with their lap numbers, gaps, and the speed where known."""
        columns = [
            Column("Laps", 22, "RIGHT"),
            Column("Best lap", 44, "RIGHT", bold=True),
            Column("Lap", 18, "RIGHT"),
            Column("Gap", 42, "RIGHT"),
            Column("Interval", 42, "RIGHT"),
            Column("2nd best", 44, "RIGHT"),
            Column("Lap", 18, "RIGHT"),
        ]
        if self.show_speed:
            columns.append(Column(self.document.speed_unit, SPEED_WIDTH, "RIGHT"))
        return columns

    def columns(self) -> list[Column]:
        show_speed = self.show_speed
        return [
            Column("Pos", 20, "CENTER", bold=True),
            Column("No.", 24, "CENTER", bold=True),
            Column("Class", 40),
            Column("PIC", 20, "CENTER"),
            Column("Driver / Team", 126 + (0 if show_speed else SPEED_WIDTH) - self.car_extra),
            Column("Nat.", 24, "CENTER"),
            Column("Car", CAR_WIDTH + self.car_extra, "CENTER"),
            *self.lap_columns(),
        ]

    def story(self) -> list[Flowable]:
        rows = self.document.rows
        columns = self.columns()
        timed = [row for row in rows if row.position is not None]
        untimed = [row for row in rows if row.position is None]
        body: list[list[str | Flowable]] = []
        for row in [*timed, *untimed]:
            cells: list[str | Flowable] = [
                "" if row.position is None else str(row.position),
                row.number,
                row.class_name,
                "" if row.class_position is None else str(row.class_position),
                driver_team(row.driver, row.team),
                row.nationality,
                row.car,
                str(row.laps),
                format_laptime(row.best_lap_ms) or "no time",
                "" if row.best_lap_number is None else str(row.best_lap_number),
                "" if row.gap_ms is None else format_gap(row.gap_ms),
                "" if row.interval_ms is None else format_gap(row.interval_ms),
                format_laptime(row.second_lap_ms),
                "" if row.second_lap_number is None else str(row.second_lap_number),
            ]
            if self.show_speed:
                cells.append(speed_text(row.best_lap_speed))
            body.append(cells)
        story: list[Flowable] = [data_table(columns, body)]
        return story + remarks(rows) + self.closing(rows)


class ResultsByClassRenderer(RaceClassificationRenderer):
    """The race, one table per class; gaps are measured within the class."""

    def columns(self) -> list[Column]:
        show_speed = self.show_speed
        columns = [
            Column("PIC", 22, "CENTER", bold=True),
            Column("Pos", 22, "CENTER"),
            Column("No.", 24, "CENTER", bold=True),
            Column("Driver / Team", 156 + (0 if show_speed else SPEED_WIDTH) - self.car_extra),
            Column("Nat.", 24, "CENTER"),
            Column("Car", CAR_WIDTH + self.car_extra, "CENTER"),
            Column("Laps", 22, "RIGHT"),
            Column("Total time", 52, "RIGHT"),
            Column("Gap", 44, "RIGHT"),
            Column("Interval", 44, "RIGHT"),
            Column("Best lap", 42, "RIGHT"),
            Column("Lap", 18, "RIGHT"),
        ]
        if show_speed:
            columns.append(Column(self.document.speed_unit, SPEED_WIDTH, "RIGHT"))
        return columns

    def story(self) -> list[Flowable]:
        rows = self.document.rows
        columns = self.columns()
        fastest = {(row.class_name, row.number)
                   for row in fastest_per_class(rows, self.document.class_order)}
        story: list[Flowable] = []
        for class_name in ordered_classes((r.class_name for r in rows), self.document.class_order):
            in_class = [row for row in rows if row.class_name == class_name]
            # Every car with a class position is listed in class order, whatever its status
            # (the season's numbering decides, as on the overall sheet).
            classified = sorted(
                (row for row in in_class if row.class_position is not None
                 or is_classified(row)),
                key=lambda row: row.class_position or row.position or 0,
            )
            numbered = {id(row) for row in classified}
            others = [row for row in in_class if id(row) not in numbered]
            body: list[list[str | Flowable]] = []
            leader = classified[0] if classified else None
            ahead: ClassificationRow | None = None
            for row in classified:
                cells: list[str | Flowable] = [
                    str(row.class_position or ""),
                    str(row.position or ""),
                    row.number,
                    driver_team(row.driver, row.team),
                    row.nationality,
                    row.car,
                    str(row.laps),
                    total_cell(row),
                    class_gap(row, leader),
                    row.status if numbered_unclassified(row) else class_gap(row, ahead),
                    format_laptime(row.best_lap_ms),
                    "" if row.best_lap_number is None else str(row.best_lap_number),
                ]
                if self.show_speed:
                    cells.append(speed_text(row.best_lap_speed))
                body.append(cells)
                ahead = row
            for row in others:
                cells = [
                    row.status,
                    "",
                    row.number,
                    driver_team(row.driver, row.team),
                    row.nationality,
                    row.car,
                    str(row.laps),
                    total_cell(row),
                    "",
                    "",
                    format_laptime(row.best_lap_ms),
                    "" if row.best_lap_number is None else str(row.best_lap_number),
                ]
                if self.show_speed:
                    cells.append(speed_text(row.best_lap_speed))
                body.append(cells)
            count = sum(1 for row in in_class if is_classified(row))
            title = f"{class_name} — {count} classified of {len(in_class)}"
            listed = [*classified, *others]
            marked = [index for index, row in enumerate(listed, start=1)
                      if (row.class_name, row.number) in fastest]
            table = data_table(columns, body,
                               extra_style=fastest_style(body, marked, CLASS_BEST_LAP_COLUMN))
            story.append(KeepTogether([heading(title), table]))
        story.append(Spacer(0, 2))
        story.append(note(f"Gap and interval within the class. Pos = overall position. "
                          f"{FASTEST_MARK} Fastest lap of the class, in bold (and red)."))
        return story + self.closing(rows)


class QualifyingByClassRenderer(QualifyingClassificationRenderer):
    """Qualifying or practice, one table per class: position, gap and interval in the class."""

    def columns(self) -> list[Column]:
        show_speed = self.show_speed
        return [
            Column("PIC", 22, "CENTER", bold=True),
            Column("Pos", 22, "CENTER"),
            Column("No.", 24, "CENTER", bold=True),
            Column("Driver / Team", 142 + (0 if show_speed else SPEED_WIDTH) - self.car_extra),
            Column("Nat.", 24, "CENTER"),
            Column("Car", CAR_WIDTH + self.car_extra, "CENTER"),
            *self.lap_columns(),
        ]

    def story(self) -> list[Flowable]:
        rows = self.document.rows
        columns = self.columns()
        story: list[Flowable] = []
        for class_name in ordered_classes((r.class_name for r in rows), self.document.class_order):
            in_class = [row for row in rows if row.class_name == class_name]
            timed = sorted((row for row in in_class if row.best_lap_ms is not None),
                           key=lambda row: (row.class_position or 0, row.position or 0))
            untimed = [row for row in in_class if row.best_lap_ms is None]
            leader = timed[0].best_lap_ms if timed else None
            body: list[list[str | Flowable]] = []
            ahead: int | None = None
            for index, row in enumerate([*timed, *untimed], start=1):
                best = row.best_lap_ms
                cells: list[str | Flowable] = [
                    str(row.class_position or index) if best is not None else "",
                    "" if row.position is None else str(row.position),
                    row.number,
                    driver_team(row.driver, row.team),
                    row.nationality,
                    row.car,
                    str(row.laps),
                    format_laptime(best) or "no time",
                    "" if row.best_lap_number is None else str(row.best_lap_number),
                    format_gap(best - leader)
                    if best is not None and leader is not None and index > 1 else "",
                    format_gap(best - ahead) if best is not None and ahead is not None else "",
                    format_laptime(row.second_lap_ms),
                    "" if row.second_lap_number is None else str(row.second_lap_number),
                ]
                if self.show_speed:
                    cells.append(speed_text(row.best_lap_speed))
                body.append(cells)
                ahead = best if best is not None else ahead
            title = f"{class_name} — {len(timed)} with a time of {len(in_class)}"
            story.append(KeepTogether([heading(title), data_table(columns, body)]))
        story.append(Spacer(0, 2))
        story.append(note("Gap and interval within the class, on the best lap. "
                          "Pos = overall position."))
        return story + remarks(rows) + self.closing(rows)


def remarks(rows: Sequence[QualifyingRow]) -> list[Flowable]:
    """The cars' notes under a qualifying or practice table, kept together with their heading."""
    lines = [f"Car {row.number}: {row.note}" for row in rows if row.note]
    return [KeepTogether([heading("Remarks"), *(note(text) for text in lines)])] if lines else []


def class_gap(row: ClassificationRow, reference: ClassificationRow | None) -> str:
    """Gap of a classified car to another of its class: laps down, or time on the same lap."""
    if reference is None or reference is row:
        return ""
    if row.laps < reference.laps:
        return format_laps_gap(reference.laps - row.laps)
    if row.total_ms is None or reference.total_ms is None:
        return ""
    return format_gap(max(0, row.total_ms - reference.total_ms))


def render_race_classification(document: ClassificationDocument) -> bytes:
    """A race's classification as PDF bytes."""
    return RaceClassificationRenderer(document).render()


def render_results_by_class(document: ClassificationDocument) -> bytes:
    """The same race, one table per class, as PDF bytes (title from the document)."""
    return ResultsByClassRenderer(document).render()


def render_qualifying_classification(document: QualifyingDocument) -> bytes:
    """A qualifying or practice classification as PDF bytes."""
    return QualifyingClassificationRenderer(document).render()


def render_qualifying_by_class(document: QualifyingDocument) -> bytes:
    """A qualifying or practice session, one table per class, as PDF bytes."""
    return QualifyingByClassRenderer(document).render()
