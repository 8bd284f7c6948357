"""One catalogue of documents: the window, the event pack and `paddock report` list the same
documents, number races the same way, and a new document is one entry."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from paddock.cli import main
from paddock.db.models import Event, RaceSession
from paddock.errors import NotFound, PaddockError
from paddock.services import catalogue
from paddock.services.catalogue import DocumentType, build, document_type, event_documents
from paddock.services.database import Database, open_database
from paddock.services.documents import event_pack
from paddock.ui.documents.documents_catalogue import document_catalogue


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Sebring and CTMP run and published; Watkins Glen practice provisional."""
    database = open_database(tmp_path_factory.mktemp("catalogue") / "p.db", demo_if_new=True,
                             demo_weekend=True)
    yield database
    database.close()


def keys(choices: Any) -> set[tuple[str, str | None, int | None]]:
    return {c.key for c in choices}


def test_the_window_and_the_event_pack_list_the_catalogues_documents(
        db: Database, tmp_path: Path) -> None:
    listed = event_documents(db, "sebring")
    assert keys(document_catalogue(db, 1).choices) == keys(listed.choices)
    pack = event_pack(db, event="sebring", folder=tmp_path / "pack")
    in_pack = [c for c in listed.choices if c.document.in_pack]
    assert [p.title for p in pack.written] == [c.full_title for c in in_pack if c.available]
    assert len(pack.written) + len(pack.skipped) == len(in_pack)
    # Every document of the list is made by the catalogue's builder.
    for choice in listed.available:
        assert catalogue.build_choice(db, choice)[:5] == b"%PDF-", choice.key


def test_every_listed_document_is_a_report_of_the_command_line(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert db.path is not None
    for choice in event_documents(db, "ctmp").available:
        args = ["--db", str(db.path), "report", choice.kind, "-o",
                str(tmp_path / f"{choice.file_stem}.pdf")]
        for name in ("event", "session", "race"):
            value = choice.options().get(name)
            if value is not None and name in (*choice.document.required,
                                              *choice.document.optional):
                args += [f"--{name}", str(value)]
        assert main(args) == 0, (choice.key, capsys.readouterr().err)
        assert (tmp_path / f"{choice.file_stem}.pdf").read_bytes()[:5] == b"%PDF-"


def test_races_are_numbered_by_their_race_number_not_their_place_in_the_list(
        tmp_path: Path) -> None:
    database = open_database(tmp_path / "p.db", demo_if_new=True, demo_weekend=True)
    try:
        # Race 2 scheduled before race 1 in the list: its grid is still race 2's.
        with database.transaction() as s:
            event = s.exec(select(Event).where(Event.short_name == "sebring")).one()
            for race in s.exec(select(RaceSession).where(RaceSession.event_id == event.id,
                                                         RaceSession.kind == "race")):
                race.sort_order = 10 - (race.race_number or 0)
                s.add(race)
        grids = {c.session: c.race for c in event_documents(database, "sebring").choices
                 if c.kind == "grid"}
        assert grids == {"R1": 1, "R2": 2}
        ui = {c.session: c.race for c in document_catalogue(database, 1).choices
              if c.kind == "grid"}
        assert ui == grids
    finally:
        database.close()


def test_a_new_document_is_one_entry_and_appears_everywhere(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    made: list[dict[str, Any]] = []

    def lap_chart(db: Database, *, event: str, session: str, car: str | None = None) -> bytes:
        made.append({"event": event, "session": session, "car": car})
        return catalogue.build(db, "entry-list", event=event)

    monkeypatch.setattr(catalogue, "DOCUMENTS", list(catalogue.DOCUMENTS))
    catalogue.register(DocumentType("lap-chart", "Lap chart", lap_chart,
                                    session_kinds=frozenset({"race"}),
                                    required=("event", "session"), optional=("car",)))
    listed = [c for c in event_documents(db, "sebring").choices if c.kind == "lap-chart"]
    assert [(c.session, c.full_title, c.file_stem) for c in listed] == [
        ("R1", "Race 1 lap chart", "sebring-R1-lap-chart"),
        ("R2", "Race 2 lap chart", "sebring-R2-lap-chart")]
    assert all(c.available and c.state.startswith("Official") for c in listed)
    assert keys(listed) <= keys(document_catalogue(db, 1).choices)
    pack = event_pack(db, event="sebring", folder=tmp_path / "pack")
    assert any(p.path.name.endswith("-sebring-R2-lap-chart.pdf") for p in pack.written)
    assert db.path is not None
    code = main(["--db", str(db.path), "report", "lap-chart", "--event", "1", "--session",
                 "R1", "--car", "7", "-o", str(tmp_path / "chart.pdf")])
    assert code == 0, capsys.readouterr().err
    assert made[-1] == {"event": "1", "session": "R1", "car": "7"}
    code = main(["--db", str(db.path), "report", "lap-chart", "--event", "1",
                 "-o", str(tmp_path / "chart.pdf")])
    assert code == 2 and "needs --session" in capsys.readouterr().err


def test_unknown_documents_and_missing_options(db: Database) -> None:
    with pytest.raises(NotFound, match="classification"):
        document_type("lap-charts")
    with pytest.raises(PaddockError, match="needs race"):
        build(db, "grid", event="1")


def test_an_unknown_report_is_a_usage_error_naming_the_documents(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert db.path is not None
    code = main(["--db", str(db.path), "report", "lap-charts", "--event", "1",
                 "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and "no document 'lap-charts'" in err and "event-pack" in err
    assert not (tmp_path / "x.pdf").exists()
