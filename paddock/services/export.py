"""A session's results as files for other tools: the timing service's CSV, and JSON.

The CSV is in the column layout of the timing service's own results files, semicolons
and all, so the tools that read those read ours, and `paddock results import` reads it
back into a session of the same kind:

- a race as its results file: ``POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;
  GAP_PREVIOUS;FL_LAPNUM;FL_TIME;FL_KPH;TEAM;CLASS;VEHICLE;DRIVER1_...``;
- qualifying and practice as theirs: ``POS;NUMBER;LAP;TIME;GAP_FIRST;GAP_PREVIOUS;KPH;
  LAPS;TEAM;CLASS;VEHICLE;DRIVER1_...;STATUS`` (the status last, so that a car
  disqualified or not started reads back as such).

Times are written as the timing service writes them (``1:42:08.126``, ``1:11.990``,
``+0.903``, ``1 Lap``). The JSON holds the session (with its facts and state), the
classification as ``results show --json`` has it, and every lap of every car, times as
integer milliseconds.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from paddock.db.engine import Database
from paddock.db.models import LapRecordRow
from paddock.errors import NotFound, PaddockError
from paddock.rules import classification as engine
from paddock.rules.laptime import format_laptime, format_racetime
from paddock.services.entries import EntryView, list_entries
from paddock.services.results import SessionResults, session_results
from paddock.services.season import current_season, find_event, find_session
from paddock.services.sessions import SessionFacts, session_facts

FORMATS = ("csv", "json")

RACE_COLUMNS = ("POSITION", "NUMBER", "STATUS", "LAPS", "TOTAL_TIME", "GAP_FIRST",
                "GAP_PREVIOUS", "FL_LAPNUM", "FL_TIME", "FL_KPH", "TEAM", "CLASS", "VEHICLE",
                "DRIVER1_FIRSTNAME", "DRIVER1_SECONDNAME", "DRIVER1_COUNTRY")
QUALIFYING_COLUMNS = ("POS", "NUMBER", "LAP", "TIME", "GAP_FIRST", "GAP_PREVIOUS", "KPH",
                      "LAPS", "TEAM", "CLASS", "VEHICLE", "DRIVER1_FIRSTNAME",
                      "DRIVER1_SECONDNAME", "DRIVER1_COUNTRY", "STATUS")

#: The words the timing service writes for each status (its readers know them all).
STATUS_WORDS: dict[engine.Status, str] = {
    engine.Status.CLASSIFIED: "Classified",
    engine.Status.NOT_CLASSIFIED: "Not classified",
    engine.Status.DNF: "Retired",
    engine.Status.DNS: "Not started",
    engine.Status.DSQ: "Disqualified",
}


@dataclass(frozen=True)
class ExportResult:
    """What `export_results` wrote."""

    path: Path
    format: str
    cars: int
    laps: int
    size: int


def _speed(lap_length_m: int | None, lap_ms: int | None) -> str:
    if not lap_length_m or not lap_ms:
        return ""
    return f"{lap_length_m * 3600 / lap_ms:.1f}"


def _gap(text: str) -> str:
    return text or ""


def results_csv(results: SessionResults, entries: dict[str, EntryView],
                lap_length_m: int | None) -> str:
    """The classification in the timing service's layout (race, or qualifying/practice)."""
    race = results.session_kind == "race"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(RACE_COLUMNS if race else QUALIFYING_COLUMNS)
    for view in results.rows:
        row: engine.ClassificationRow = view.row
        entry = entries.get(row.number)
        first = entry.first_name if entry else view.driver.partition(" ")[0]
        last = entry.last_name if entry else view.driver.partition(" ")[2]
        position = "" if row.position is None else str(row.position)
        # Al Kamel writes lap 0 for a car without a fastest lap.
        best_lap = str(row.best_lap_number or 0)
        who = (view.team, row.class_name, view.car, first, last, view.nationality)
        if race:
            writer.writerow((position, row.number, STATUS_WORDS[row.status], row.laps,
                             format_racetime(row.total_time_ms), _gap(row.gap),
                             _gap(row.interval), best_lap, format_laptime(row.best_lap_ms),
                             _speed(lap_length_m, row.best_lap_ms), *who))
        else:
            writer.writerow((position, row.number, best_lap, format_laptime(row.best_lap_ms),
                             _gap(row.gap), _gap(row.interval),
                             _speed(lap_length_m, row.best_lap_ms), row.laps, *who,
                             STATUS_WORDS[row.status]))
    return buffer.getvalue()


def _laps(db: Database, event: str, session: str) -> list[LapRecordRow]:
    with db.reader() as s:
        found = find_session(s, find_event(s, current_season(s), event), session)
        return list(s.exec(select(LapRecordRow).where(LapRecordRow.session_id == found.id)
                           .order_by(col(LapRecordRow.number), col(LapRecordRow.lap))).all())


def results_json(results: SessionResults, facts: SessionFacts, laps: list[LapRecordRow],
                 entries: dict[str, EntryView]) -> dict[str, Any]:
    """The session, its classification and every lap of every car (times in ms)."""
    deleted = {view.row.number: set(view.row.deleted_laps) for view in results.rows}
    classification = []
    for view in results.rows:
        data = view.to_json()
        row = view.row
        data.update(team=view.team, car=view.car, nationality=view.nationality,
                    second_best_lap_number=row.second_best_lap_number,
                    penalty_ms=row.penalty_ms, gap_ms=row.gap_ms, gap_laps=row.gap_laps,
                    interval_ms=row.interval_ms, interval_laps=row.interval_laps,
                    deleted_laps=list(row.deleted_laps), note=row.note)
        classification.append(data)
    return {
        "event": {"number": results.event_number, "short_name": results.event_short_name,
                  "name": results.event_name},
        "session": {**facts.to_json(), "status": results.status,
                    "revision": results.revision,
                    "published_at": (results.published_at.isoformat()
                                     if results.published_at else None),
                    "content_hash": results.content_hash or None},
        "classification": classification,
        "laps": [
            {"number": lap.number, "lap": lap.lap, "lap_time_ms": lap.lap_time_ms,
             "elapsed_ms": lap.elapsed_ms, "hour": lap.hour, "in_pit": lap.in_pit,
             "pit_time_ms": lap.pit_time_ms, "driver": lap.driver_name
             or (entries[lap.number].driver if lap.number in entries else ""),
             "flag": lap.flag, "s1_ms": lap.s1_ms, "s2_ms": lap.s2_ms, "s3_ms": lap.s3_ms,
             "kph": lap.kph, "top_speed": lap.top_speed,
             "deleted": lap.lap in deleted.get(lap.number, set()),
             "deleted_reason": lap.timing_reason}
            for lap in laps],
    }


def export_results(db: Database, *, event: str, session: str, format: str,
                   output: Path | str) -> ExportResult:
    """Write a session's results as CSV (the timing service's layout) or JSON.

    The file is written whole or not at all, never over the database or its backups.

    Raises:
        NotFound: unknown event or session; a session without results.
        OutputRefused: the path is the database's, or its folder does not exist.
        PaddockError: an unknown format.
    """
    from paddock.services.output_paths import check_output_file, write_output

    if format not in FORMATS:
        raise PaddockError(f"format '{format}': csv or json")
    check_output_file(output, db.path)
    results = session_results(db, event=event, session=session)
    if not results.rows:
        raise NotFound(f"no results for {results.event_short_name} {results.session_code}: "
                       "import the timing files first")
    facts = session_facts(db, event=event, session=session)
    entries = {e.number: e for e in list_entries(db)}
    laps = _laps(db, event, session) if format == "json" else []
    if format == "csv":
        data = results_csv(results, entries, facts.lap_length_m).encode("utf-8")
    else:
        data = (json.dumps(results_json(results, facts, laps, entries), ensure_ascii=False,
                           indent=1) + "\n").encode("utf-8")
    path = write_output(output, data, db_path=db.path)
    return ExportResult(path, format, len(results.rows), len(laps), len(data))
