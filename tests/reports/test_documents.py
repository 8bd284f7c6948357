"""Content hashes and car-number order: what two printouts are checked by."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

from paddock.reports.documents import DocumentStatus, content_hash
from paddock.rules.cars import car_number_key
from tests.reports.samples import entry_list


def test_hash_ignores_when_and_where_the_copy_was_printed() -> None:
    document = entry_list()
    later = dataclasses.replace(
        document,
        generated_at=datetime(2022, 1, 1, tzinfo=UTC),
        local_tz=timezone(timedelta(hours=9)),
    )
    assert content_hash(document) == content_hash(later)
    assert len(content_hash(document)) == 12
    int(content_hash(document), 16)


def test_hash_changes_with_any_content() -> None:
    document = entry_list()
    row = dataclasses.replace(document.rows[0], team="Another Team")
    changed = dataclasses.replace(document, rows=(row, *document.rows[1:]))
    revised = dataclasses.replace(document, status=DocumentStatus(official=True, revision=1))
    hashes = {content_hash(document), content_hash(changed), content_hash(revised)}
    assert len(hashes) == 3


def test_car_numbers_sort_by_value_and_keep_leading_zeros_distinct() -> None:
    numbers = ["10", "021", "3", "01", "21", "1", "03", "2"]
    assert sorted(numbers, key=car_number_key) == ["1", "01", "2", "3", "03", "10", "21", "021"]
