"""The entry list: every car by number, with a per-class count."""

from __future__ import annotations

from collections import Counter

from reportlab.platypus import Flowable, KeepTogether, Spacer

from paddock.reports.base import Column, ReportRenderer, data_table, heading, note, ordered_classes
from paddock.reports.documents import EntryListDocument
from paddock.reports.flowables import FitText, Line
from paddock.reports.fonts import SANS_BOLD
from paddock.reports.styles import BODY_BOLD, NAVY
from paddock.rules.cars import car_number_key

JUNIOR_MARK = "J"
GENTLEMAN_MARK = "G"
TEAM_MARK = "T"
LEGEND = (
    f"{JUNIOR_MARK} = Porsche Junior programme (aged 23 or younger)   ·   "
    f"{GENTLEMAN_MARK} = gentleman driver   ·   "
    f"{TEAM_MARK} = scores in the team championship (full-season entry, current car)"
)

COLUMNS = (
    Column("No.", 34, "CENTER", bold=True),
    Column("Class", 64),
    Column("Driver", 150, bold=True),
    Column("Nat.", 32, "CENTER"),
    Column("Team", 180),
    Column("Car", 40, "CENTER"),
    Column("Marks", 40, "CENTER", bold=True),
)


def markers(junior: bool, gentleman: bool, team: bool = False) -> str:
    """The entry's markers, e.g. "J", "G", "J T" or ""."""
    return " ".join(
        mark for mark, on in ((JUNIOR_MARK, junior), (GENTLEMAN_MARK, gentleman),
                              (TEAM_MARK, team)) if on
    )


def version_text(document: EntryListDocument) -> str:
    """"Version 3 — 2021-03-17 14:05 EDT", in the event's time; "" when not known."""
    if document.version is None:
        return ""
    text = f"Version {document.version}"
    if document.version_at is not None:
        local = document.version_at.astimezone(document.local_tz)
        text += f" — {local:%Y-%m-%d %H:%M} {local.tzname() or 'UTC'}"
    return text


class EntryListRenderer(ReportRenderer[EntryListDocument]):
    """Entry list: table by car number, legend, count per class."""

    def story(self) -> list[Flowable]:
        rows = sorted(self.document.rows, key=lambda row: car_number_key(row.number))
        table = data_table(
            COLUMNS,
            [
                [
                    row.number,
                    row.class_name,
                    row.driver,
                    row.nationality,
                    row.team,
                    row.car,
                    markers(row.junior, row.gentleman, row.team_championship),
                ]
                for row in rows
            ],
            extra_style=[("TEXTCOLOR", (6, 1), (6, -1), NAVY)],
            font_size=9,
        )
        story: list[Flowable] = []
        version = version_text(self.document)
        if version:
            story += [FitText([Line(version, SANS_BOLD, 10, NAVY)]), Spacer(0, 4)]
        return [*story, table, Spacer(0, 3), note(LEGEND), *self._summary()]

    def _summary(self) -> list[Flowable]:
        rows = self.document.rows
        classes = ordered_classes((row.class_name for row in rows), self.document.class_order)
        entries = Counter(row.class_name for row in rows)
        juniors = Counter(row.class_name for row in rows if row.junior)
        cars = sorted({row.car for row in rows}, reverse=True)  # current car first
        by_car = Counter((row.class_name, row.car) for row in rows)
        columns = [
            Column("Class", 110),
            Column("Entries", 50, "RIGHT", bold=True),
            *(Column(car, 50, "RIGHT") for car in cars),
            Column("Juniors", 50, "RIGHT"),
        ]
        body = [
            [
                name,
                str(entries[name]),
                *(str(by_car[(name, car)]) for car in cars),
                str(juniors[name]),
            ]
            for name in classes
        ]
        body.append(
            [
                "Total",
                str(len(rows)),
                *(str(sum(1 for row in rows if row.car == car)) for car in cars),
                str(sum(juniors.values())),
            ]
        )
        table = data_table(
            columns,
            body,
            extra_style=[
                ("FONTNAME", (0, -1), (-1, -1), BODY_BOLD),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, NAVY),
            ],
            font_size=9,
        )
        return [KeepTogether([heading("Entries per class"), table])]


def render_entry_list(document: EntryListDocument) -> bytes:
    """The entry list as PDF bytes."""
    return EntryListRenderer(document).render()
