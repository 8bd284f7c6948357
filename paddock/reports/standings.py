"""Championship standings: per class, drivers and teams with points round by round."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

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
from paddock.reports.styles import NAVY

NOT_TAKING_PART = "–"


def points_text(points: int | None) -> str:
    """Points of one round; a dash where the driver or team did not take part."""
    return NOT_TAKING_PART if points is None else str(points)


def round_columns(rounds: Sequence[str], room: float) -> list[Column]:
    """Equal columns for the rounds, as wide as the room allows (at most 34 pt)."""
    width = min(34.0, room / max(1, len(rounds)))
    return [Column(label, width, "CENTER") for label in rounds]


class StandingsRenderer(ReportRenderer[StandingsDocument]):
    """Standings: a drivers' table per class, then a teams' table, then the sources."""

    def story(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = []
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
                    *(points_text(p) for p in row.round_points),
                    str(row.points),
                    str(row.wins),
                ]
                for row in standings.rows
            ]
            points_column = len(fixed) + len(rounds)
            table = data_table(
                [*fixed, *rounds, *totals],
                body,
                extra_style=[("TEXTCOLOR", (points_column, 1), (points_column, -1), NAVY)],
            )
            story.append(CondPageBreak(120))
            story.append(KeepTogether([heading(f"{standings.class_name} — Drivers"), table]))

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
            story.append(CondPageBreak(100))
            story.append(
                KeepTogether(
                    [heading(f"{teams.class_name} — Teams"), data_table([*fixed, *rounds, *totals],
                                                                       body)]
                )
            )

        story.append(note(f"{NOT_TAKING_PART} = did not take part."))
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
