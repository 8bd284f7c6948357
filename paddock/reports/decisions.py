"""The stewards' decision sheet (one decision) and the session's bulletin (all of them).

The sheet sets the decision out field by field, as the stewards' form does; the bulletin
lists every decision of the session in one table, by decision number. Both end with the
Chief Steward's signature and the time the competitor was notified. A pending decision
(recorded on the official classification, not yet published) says so in bold type, so a
black-and-white copy still tells it apart.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import CondPageBreak

from paddock.reports.base import Cell, Column, ReportRenderer, data_table, local_stamp, note
from paddock.reports.decision_documents import PENDING_TEXT, DecisionLine, DecisionsDocument
from paddock.reports.flowables import FitText, Line
from paddock.reports.fonts import SANS, SANS_BOLD
from paddock.reports.styles import BODY_BOLD, BODY_FONT, GREY, INK, NAVY, RULE, WHITE

BULLETIN_COLUMNS = (
    Column("Dec.", 30, "CENTER", bold=True),
    Column("Time", 52, "CENTER"),
    Column("Car", 28, "CENTER", bold=True),
    Column("Driver", 84),
    Column("Class", 46),
    Column("Infringement", 142),
    Column("Article", 70),
    Column("Penalty", 88, bold=True),
)


def _time(line: DecisionLine, document: DecisionsDocument) -> str:
    """"7 Aug 15:42": the day too, as a decision may come days after the session."""
    local = line.decided_at.astimezone(document.local_tz)
    return f"{local.day} {local:%b %H:%M}"


class DecisionsRenderer(ReportRenderer[DecisionsDocument]):
    """A decision sheet, or a session's bulletin of decisions."""

    def __init__(self, document: DecisionsDocument) -> None:
        # The signature block is the decision's own (with the time of notification), so
        # the base's generic one is not drawn.
        self.roles = document.signatures
        super().__init__(replace(document, signatures=()))

    def story(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = []
        if document.single and len(document.decisions) == 1:
            story.append(self._sheet(document.decisions[0]))
        else:
            story.append(self._bulletin())
            count = len(document.decisions)
            pending = sum(line.pending for line in document.decisions)
            summary = f"{count} decision{'s' if count != 1 else ''}"
            if pending:
                summary += f", {pending} pending (not yet published)"
            story.append(Spacer(0, 4))
            story.append(note(summary + "."))
        for text in document.notes:
            story.append(Spacer(0, 3))
            story.append(note(text))
        story.append(CondPageBreak(120))
        story.append(KeepTogether([Spacer(0, 18), self._signatures()]))
        return story

    # --- one decision ----------------------------------------------------------------

    def _sheet(self, line: DecisionLine) -> Table:
        document = self.document
        width = self.content_width
        label_width = 130
        value_width = width - label_width
        rows: list[tuple[str, str, bool]] = [
            ("Decision No.", line.decision or "—", True),
            ("Date and time", local_stamp(line.decided_at, document.local_tz), False),
            ("Session", f"{document.session} ({document.session_code})", False),
            ("Car", line.number, True),
            ("Driver", line.driver or "—", True),
            ("Team", line.team or "—", False),
            ("Class", line.class_name or "—", False),
            ("Infringement", line.infringement or "—", False),
            ("Regulation article", line.article or "—", False),
            ("Penalty", line.penalty, True),
            ("Status", PENDING_TEXT if line.pending else "Published", line.pending),
        ]
        body: list[list[Cell]] = []
        for label, value, bold in rows:
            font = SANS_BOLD if bold else SANS
            size = 11 if bold else 10
            body.append([label, FitText([Line(value, font, size, INK, min_scale=0.9)])])
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (0, -1), SANS, 8.5),
            ("TEXTCOLOR", (0, 0), (0, -1), GREY),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
            ("BOX", (0, 0), (-1, -1), 0.8, NAVY),
            ("LINEAFTER", (0, 0), (0, -1), 0.4, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
        if line.pending:
            # Boxed and bold: the mark survives a black-and-white copy.
            last = len(rows) - 1
            style += [("BOX", (0, last), (-1, last), 1.6, INK)]
        return Table(body, colWidths=[label_width, value_width], style=TableStyle(style),
                     hAlign="LEFT")

    # --- the bulletin -------------------------------------------------------------------

    def _bulletin(self) -> Table:
        document = self.document
        rows: list[list[Cell]] = []
        for line in document.decisions:
            penalty: Cell = line.penalty
            if line.pending:
                penalty = FitText([Line(line.penalty, BODY_BOLD, 8.0),
                                   Line("PENDING — not yet published", BODY_BOLD, 6.5, INK)])
            infringement: Cell = line.infringement
            if line.team:
                infringement = FitText([Line(line.infringement, BODY_FONT, 8.0),
                                        Line(line.team, BODY_FONT, 6.5, GREY)])
            rows.append([line.decision or "—", _time(line, document), line.number,
                         line.driver, line.class_name, infringement, line.article or "—",
                         penalty])
        columns = list(BULLETIN_COLUMNS)
        if document.decisions:
            zone = document.decisions[0].decided_at.astimezone(document.local_tz).tzname()
            columns[1] = replace(columns[1], title=f"Time ({zone})" if zone else "Time")
        return data_table(columns, rows)

    # --- signature ------------------------------------------------------------------------

    def _signatures(self) -> Table:
        """The Chief Steward's name, signature and time; the competitor's receipt and the
        time of notification."""
        width = self.content_width
        half = (width - 24) / 2
        roles = self.roles or ("Chief Steward",)
        head = [roles[0].upper(), "", "NOTIFIED TO THE COMPETITOR"]
        blank = ["", "", ""]
        labels = [["Name", "", "Received by (driver or team representative)"],
                  ["Signature", "", "Signature"],
                  ["Date and time", "", "Time of notification"]]
        body: list[list[str]] = [head]
        for row in labels:
            body += [blank, row]
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5),
            ("TEXTCOLOR", (0, 0), (-1, 0), NAVY),
            ("FONT", (0, 1), (-1, -1), SANS, 6.5),
            ("TEXTCOLOR", (0, 1), (-1, -1), GREY),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("BACKGROUND", (0, 0), (-1, -1), WHITE),
        ]
        for index in range(1, len(body), 2):
            # A blank row to write on, ruled below; its label under the rule.
            style += [("LINEBELOW", (0, index), (0, index), 0.6, RULE),
                      ("LINEBELOW", (2, index), (2, index), 0.6, RULE)]
        heights = [14] + [18 if index % 2 else 9 for index in range(1, len(body))]
        return Table(body, colWidths=[half, 24, half], rowHeights=heights,
                     style=TableStyle(style), hAlign="LEFT")


def render_decisions(document: DecisionsDocument) -> bytes:
    """A decision sheet or a bulletin of decisions, as PDF bytes."""
    return DecisionsRenderer(document).render()



