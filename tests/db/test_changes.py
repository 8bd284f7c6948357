"""The change watcher: "did another desk commit since I last asked?", on both engines."""

from __future__ import annotations

import pytest

from paddock.db.changes import ChangeWatcher
from paddock.errors import DatabaseError
from paddock.services import tyres as tyre_service
from paddock.services.database import open_database


def test_each_commit_is_seen_once(target: str) -> None:
    db = open_database(target, demo_if_new=True)
    other = open_database(target)
    watcher = ChangeWatcher(db)
    try:
        assert watcher.changed() is False
        assert watcher.changed() is False
        tyre_service.registered_barcodes(other, "1")  # a read changes nothing
        assert watcher.changed() is False
        tyre_service.register_tyres(other, event="1", car="12", barcodes=["MI21009911"])
        assert watcher.changed() is True
        assert watcher.changed() is False
        # A write refused (rolled back) changes nothing either.
        with pytest.raises(Exception):  # noqa: B017 (the refusal's type is not the point)
            tyre_service.register_tyres(other, event="1", car="12", barcodes=["MI21009911"],
                                        tyre_type="nonsense")
        assert watcher.changed() is False
    finally:
        watcher.close()
        other.close()
        db.close()


def test_a_lost_file_is_reported_and_the_watcher_recovers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "w.db"
    db = open_database(path)
    watcher = ChangeWatcher(db)
    try:
        assert watcher.changed() is False
        watcher._drop()
        moved = tmp_path / "away.db"
        path.rename(moved)
        with pytest.raises(DatabaseError):
            watcher.changed()
        moved.rename(path)
        assert watcher.changed() is True  # what happened meanwhile is unknown: reload
        assert watcher.changed() is False
    finally:
        watcher.close()
        db.close()
