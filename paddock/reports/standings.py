"""Championship standings: per class, drivers and teams with points round by round.

Each round's column names the venue and the race ("SEB R1"): the venue in a band above
the table's heading, spanning its races, the race in the heading. A result a class's drop rule
took out of the total is printed in brackets, in grey, and a legend under the tables says
so.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Table, TableStyle

from paddock.reports.base import (
    Cell,
    Column,
    ReportRenderer,
    data_table,
    heading,
    local_stamp,
    note,
)
from paddock.reports.documents import StandingsDocument
from paddock.reports.flowables import FitText, Line
from paddock.reports.fonts import MONO
from paddock.reports.styles import BODY_BOLD, BODY_FONT, BODY_SIZE, GREY, HEAD_SIZE, NAVY, WHITE

NOT_TAKING_PART = "–"


def points_text(points: int | None, dropped: bool = False) -> str:
    """Points of one round; a dash where the driver or team did not take part; in brackets
    when the result was dropped ("(0)" for a dropped race not entered)."""
    text = NOT_TAKING_PART if points is None else str(points)
    return f"({0 if points is None else points})" if dropped else text


def _is_dropped(dropped: Sequence[bool], index: int) -> bool:
    return index < len(dropped) and dropped[index]


def _round_cell(points: int | None, dropped: bool) -> Cell:
    # A dropped result is grey; as a flowable it keeps its colour when it must shrink.
    text = points_text(points, dropped)
    return FitText([Line(text, BODY_FONT, BODY_SIZE, GREY)], "center") if dropped else text


def venue_and_race(label: str) -> tuple[str, str]:
    """"SEB R1" → ("SEB", "R1"); a label without a venue → ("", label)."""
    venue, _, race = label.rpartition(" ")
    return venue, race


def round_columns(rounds: Sequence[str], room: float) -> list[Column]:
    """Equal columns for the rounds (headed by the race, "R1"), as wide as the room allows
    (at most 34 pt)."""
    width = min(34.0, room / max(1, len(rounds)))
    return [Column(venue_and_race(label)[1], width, "CENTER") for label in rounds]


def venue_band(before: float, rounds: Sequence[str], columns: Sequence[Column],
               after: float) -> Table:
    """The navy band above a table's heading naming each round's venue over its races."""
    cells: list[Any] = [""]
    widths = [before]
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, -1), NAVY),
        ("TEXTCOLOR", (0, 0), (-1, -1), WHITE),
        ("FONT", (0, 0), (-1, -1), BODY_BOLD, HEAD_SIZE),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.4),
    ]
    for index, (venue, group) in enumerate(groupby(zip(rounds, columns, strict=True),
                                           key=lambda item: venue_and_race(item[0])[0])):
        spanned = [column.width for _, column in group]
        first = len(cells)
        room = sum(spanned) - 2
        cells.append(venue if stringWidth(venue, BODY_BOLD, HEAD_SIZE) <= room
                     else FitText([Line(venue, BODY_BOLD, HEAD_SIZE, WHITE)], "center"))
        cells.extend([""] * (len(spanned) - 1))
        widths.extend(spanned)
        if len(spanned) > 1:
            style.append(("SPAN", (first, 0), (first + len(spanned) - 1, 0)))
        # A thin line between venues, so a weekend's races read as one group.
        if index:
            style.append(("LINEBEFORE", (first, 0), (first, 0), 0.6, WHITE))
    cells.append("")
    widths.append(after)
    return Table([cells], colWidths=widths, style=TableStyle(style), hAlign="LEFT")


class StandingsRenderer(ReportRenderer[StandingsDocument]):
    """Standings: a drivers' table per class, then a teams' table, then the sources."""

    def story(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = []
        any_dropped = False
        for standings in document.classes:
            fixed = [
                Column("Pos", 24, "CENTER", bold=True),
                Column("No.", 28, "CENTER", bold=True),
                Column("Driver", 118, bold=True),
                Column("Nat.", 26, "CENTER"),
            ]
            totals = [Column("Points", 38, "RIGHT", bold=True), Column("Wins", 28, "RIGHT")]
            room = self.content_width - sum(c.width for c in (*fixed, *totals))
            rounds = round_columns(standings.rounds, room)
            # Whatever the rounds leave goes to the driver's name.
            spare = room - sum(c.width for c in rounds)
            fixed[2] = Column("Driver", 118 + spare, bold=True)
            body = [
                [
                    str(row.position),
                    row.number,
                    row.driver,
                    row.nationality,
                    *(_round_cell(p, _is_dropped(row.dropped, i))
                      for i, p in enumerate(row.round_points)),
                    str(row.points),
                    str(row.wins),
                ]
                for row in standings.rows
            ]
            points_column = len(fixed) + len(rounds)
            any_dropped = any_dropped or any(any(row.dropped) for row in standings.rows)
            table = data_table(
                [*fixed, *rounds, *totals],
                body,
                extra_style=[("TEXTCOLOR", (points_column, 1), (points_column, -1), NAVY)],
            )
            title = f"{standings.class_name} — Drivers"
            if standings.drop_rule:
                title += f" ({standings.drop_rule})"
            band = venue_band(sum(c.width for c in fixed), standings.rounds, rounds,
                              sum(c.width for c in totals))
            story.append(CondPageBreak(120))
            story.append(KeepTogether([heading(title), band, table]))

        for teams in document.teams:
            fixed = [Column("Pos", 24, "CENTER", bold=True), Column("Team", 170, bold=True)]
            totals = [Column("Points", 38, "RIGHT", bold=True), Column("Wins", 28, "RIGHT")]
            room = self.content_width - sum(c.width for c in (*fixed, *totals))
            rounds = round_columns(teams.rounds, room)
            spare = room - sum(c.width for c in rounds)
            fixed[1] = Column("Team", 170 + spare, bold=True)
            body = [
                [
                    str(row.position),
                    row.team,
                    *(points_text(p) for p in row.round_points),
                    str(row.points),
                    str(row.wins),
                ]
                for row in teams.rows
            ]
            band = venue_band(sum(c.width for c in fixed), teams.rounds, rounds,
                              sum(c.width for c in totals))
            story.append(CondPageBreak(100))
            story.append(KeepTogether([heading(f"{teams.class_name} — Teams"), band,
                                       data_table([*fixed, *rounds, *totals], body)]))

        legend = f"{NOT_TAKING_PART} = did not take part."
        if any_dropped:
            legend += (" (25) = a result dropped under the class's drop rule: not in the"
                       " points total, counted in the tie-break.")
        story.append(note(legend))
        story.extend(self._sources())
        return story

    def _sources(self) -> list[Flowable]:
        sources = self.document.computed_from
        if not sources:
            return []
        # Each official revision with its hash, as its classification prints it: the
        # standings' own hash (in the footer) is worked out from these.
        columns = [
            Column("Session", self.content_width - 56 - 64 - 120 - 84),
            Column("Revision", 56, "CENTER"),
            Column("Status", 64, "CENTER"),
            Column("Published", 120),
            Column("Hash", 84),
        ]
        body: list[list[Cell]] = [
            [
                source.name,
                str(source.revision),
                "Official" if source.official else "Provisional",
                ""
                if source.published_at is None
                else local_stamp(source.published_at, self.document.local_tz),
                FitText([Line(source.content_hash, MONO, 8)], "left")
                if source.content_hash else "",
            ]
            for source in sources
        ]
        return [KeepTogether([heading("Computed from"), data_table(columns, body)])]


def render_standings(document: StandingsDocument) -> bytes:
    """Championship standings as PDF bytes."""
    return StandingsRenderer(document).render()
