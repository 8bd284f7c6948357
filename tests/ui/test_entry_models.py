"""The entry table model and its proxy: natural number order, filtering by any field."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from paddock.services.entries import EntryView
from paddock.ui.entries.entry_models import (
    CHECK_MARK,
    ENTRY_COLUMNS,
    NUMBER_COLUMN,
    EntryFilterProxy,
    EntryTableModel,
    natural_number_key,
)

BASE = EntryView(
    id=1, number="1", first_name="Ann", last_name="Able", date_of_birth=date(2000, 1, 1),
    nationality="USA", team="Alpha Racing", car="992", class_name="Pro", gentleman=False,
    full_season=True, junior=True, team_championship=True,
)


def _entries(*numbers: str) -> list[EntryView]:
    return [replace(BASE, id=i, number=n) for i, n in enumerate(numbers, start=1)]


def _shown(proxy: EntryFilterProxy, column: int = NUMBER_COLUMN) -> list[str]:
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def test_numbers_sort_by_value_and_keep_leading_zeros_distinct() -> None:
    numbers = ["10", "7", "01", "1", "100", "021", "21", "2"]
    assert sorted(numbers, key=natural_number_key) == [
        "1", "01", "2", "7", "10", "21", "021", "100"]


def test_proxy_sorts_numbers_naturally_both_ways(qtbot: QtBot) -> None:
    model = EntryTableModel()
    model.set_rows(_entries("10", "7", "01", "1", "100", "9"))
    proxy = EntryFilterProxy()
    proxy.setSourceModel(model)

    proxy.sort(NUMBER_COLUMN, Qt.SortOrder.AscendingOrder)
    assert _shown(proxy) == ["1", "01", "7", "9", "10", "100"]
    proxy.sort(NUMBER_COLUMN, Qt.SortOrder.DescendingOrder)
    assert _shown(proxy) == ["100", "10", "9", "7", "01", "1"]


def test_filter_matches_number_driver_team_and_class_every_word(qtbot: QtBot) -> None:
    model = EntryTableModel()
    model.set_rows([
        replace(BASE, id=1, number="7", last_name="Baker", team="Blue Ridge", class_name="Pro"),
        replace(BASE, id=2, number="19", last_name="Cole", team="Kestrel",
                class_name="Pro-Am"),
        replace(BASE, id=3, number="44", last_name="Dunn", team="Blue Ridge",
                class_name="Rookie"),
    ])
    proxy = EntryFilterProxy()
    proxy.setSourceModel(model)

    proxy.set_filter_text("blue")
    assert _shown(proxy) == ["7", "44"]
    proxy.set_filter_text("BLUE rookie")
    assert _shown(proxy) == ["44"]
    proxy.set_filter_text("cole")
    assert _shown(proxy) == ["19"]
    proxy.set_filter_text("19")
    assert _shown(proxy) == ["19"]
    proxy.set_filter_text("USA")  # nationality is not a filter field
    assert _shown(proxy) == []
    proxy.set_filter_text("  ")
    assert len(_shown(proxy)) == 3


def test_model_shows_the_columns_and_flags(qtbot: QtBot) -> None:
    model = EntryTableModel()
    model.set_rows([replace(BASE, gentleman=False, junior=True)])
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == ["No.", "Driver", "Nat.", "Team", "Car", "Class", "Junior", "Gentleman",
                      "Full season", "Team champ."]
    row = [model.index(0, c).data() for c in range(len(ENTRY_COLUMNS))]
    assert row == ["1", "Ann Able", "USA", "Alpha Racing", "992", "Pro", CHECK_MARK, "",
                   CHECK_MARK, CHECK_MARK]
