import json
from datetime import UTC, datetime

import pytest
from sqlmodel import col, select

from paddock.db.models import AuditRecord, TyreRecord
from paddock.errors import RuleViolation
from paddock.rules.tyres import TyreRule
from paddock.services.database import Database
from paddock.services.entries import delete_entry, list_entries
from paddock.services.sessions import set_session_facts
from paddock.services.tyres import (
    TyreRefusal,
    carry_over_tyres,
    check_tyre,
    event_tyres,
    move_tyre,
    register_tyres,
    scrap_tyre,
    void_tyre,
)

SET = [f"MX{i:06d}" for i in range(8)]


def tyre_count(db: Database) -> int:
    with db.reader() as s:
        return len(s.exec(select(TyreRecord)).all())


def test_registering_a_full_allocation_counts_against_the_quota(db: Database) -> None:
    result = register_tyres(db, event="sebring", car="7", barcodes=SET)
    assert (result.driver, result.quota_text) == ("Callum Ashdown", "8 of 8")
    verdict = check_tyre(db, event="1", barcode="mx000003")
    assert verdict.legal and verdict.car == "7" and verdict.quota_text == "8 of 8"


def test_every_registration_is_audited(db: Database) -> None:
    register_tyres(db, event="sebring", car="7", barcodes=SET[:2])
    with db.reader() as s:
        rows = s.exec(select(AuditRecord).where(AuditRecord.entity == "tyre")).all()
    assert {r.entity_id for r in rows} == set(SET[:2])
    assert all(r.user and r.action == "register" for r in rows)


@pytest.mark.parametrize(
    ("car", "codes", "message"),
    [
        ("7", [*SET, "MX999999"], "car 7 would have 9 of 8 new slicks"),
        ("12", ["MX000000", "MX000000"], "appears twice"),
        ("12", ["MX0!0000"], "'!' is not allowed"),
        ("31", ["MX123456"], "car 31 is not entered at event 1"),
        ("99", ["MX123456"], "car 99 is not entered"),
    ],
)
def test_a_refused_batch_names_the_rule_and_writes_nothing(
    db: Database, car: str, codes: list[str], message: str
) -> None:
    with pytest.raises(RuleViolation, match=message):
        register_tyres(db, event="sebring", car=car, barcodes=codes)
    assert tyre_count(db) == 0


def test_a_barcode_exists_once_per_season(db: Database) -> None:
    register_tyres(db, event="1", car="7", barcodes=SET[:1])
    with pytest.raises(RuleViolation, match=r"already registered this season \(to car 7 at"):
        register_tyres(db, event="2", car="12", barcodes=SET[:1])


def test_scan_verdicts_for_another_car_another_event_scrapped_and_unknown(db: Database) -> None:
    register_tyres(db, event="1", car="7", barcodes=SET[:2])
    assert check_tyre(db, event="1", barcode=SET[0], expected_car="12").kind == "other-car"
    assert check_tyre(db, event="2", barcode=SET[0]).kind == "other-event"
    assert check_tyre(db, event="1", barcode="ZZ999999").kind == "not-registered"
    scrap_tyre(db, event="1", barcode=SET[1], reason="cut sidewall, FP2")
    scrapped = check_tyre(db, event="1", barcode=SET[1])
    assert scrapped.kind == "scrapped" and "cut sidewall" in scrapped.message


def test_carried_tyres_are_legal_at_the_next_event_and_keep_their_quota_used(
    db: Database,
) -> None:
    register_tyres(db, event="1", car="7", barcodes=SET)
    carry_over_tyres(db, event="1", car="7", barcodes=SET[:4])
    assert check_tyre(db, event="2", barcode=SET[0]).legal
    with pytest.raises(RuleViolation, match="9 of 8"):
        register_tyres(db, event="1", car="7", barcodes=["MX999999"])
    assert register_tyres(db, event="2", car="7", barcodes=["MX999999"]).quota_text == "1 of 8"
    with pytest.raises(RuleViolation):
        carry_over_tyres(db, event="1", car="7", barcodes=SET[4:6])  # over the limit of 4


def test_a_replacement_needs_a_reason_and_is_outside_the_quota(db: Database) -> None:
    register_tyres(db, event="1", car="7", barcodes=SET)
    with pytest.raises(RuleViolation, match="reason"):
        register_tyres(db, event="1", car="7", barcodes=["MX555555"], replacement=True)
    result = register_tyres(db, event="1", car="7", barcodes=["MX555555"], replacement=True,
                            reason="Decision 4: debris damage")
    assert result.quota_text == "8 of 8"
    summary = next(s for s in event_tyres(db, "1").slicks if s.car == "7")
    assert (summary.registered, summary.left, summary.replacements) == (8, 0, 1)


def test_an_entry_with_tyres_cannot_be_deleted(db: Database) -> None:
    register_tyres(db, event="1", car="7", barcodes=SET[:1])
    entry = next(e for e in list_entries(db) if e.number == "7")
    with pytest.raises(RuleViolation, match="cannot be deleted"):
        delete_entry(db, entry.id)


BEFORE_RACE_1 = datetime(2021, 3, 19, 12, 0, tzinfo=UTC)  # Sebring's Race 1: 15:00 EDT


def audit_rows(db: Database, barcode: str) -> list[AuditRecord]:
    with db.reader() as s:
        return list(s.exec(select(AuditRecord).where(AuditRecord.entity == "tyre",
                                                     AuditRecord.entity_id == barcode)
                           .order_by(col(AuditRecord.id))).all())


def test_a_tyre_registered_to_the_wrong_car_is_moved_audited_and_counts_there(
    db: Database,
) -> None:
    register_tyres(db, event="1", car="77", barcodes=SET[:4])
    register_tyres(db, event="1", car="7", barcodes=["MX100000"])
    done = move_tyre(db, event="1", barcode="mx000000", to_car="7",
                     reason="typed 77 for car 7", now=BEFORE_RACE_1)
    assert (done.from_car, done.to_car, done.quota_text) == ("77", "7", "2 of 8")
    assert "Race 1 starts (Fri 19 Mar 15:00 EDT)" in done.window
    verdict = check_tyre(db, event="1", barcode=SET[0])
    assert (verdict.car, verdict.quota_text) == ("7", "2 of 8")
    slicks = {s.car: s for s in event_tyres(db, "1").slicks}
    assert (slicks["77"].registered, slicks["7"].registered) == (3, 2)
    moved = audit_rows(db, SET[0])[-1]
    assert moved.action == "move" and moved.user
    assert json.loads(moved.before) == {"car": "77", "event": 1}
    assert json.loads(moved.after) == {"car": "7", "event": 1, "reason": "typed 77 for car 7"}


def test_a_move_to_a_car_whose_quota_is_full_is_refused(db: Database) -> None:
    register_tyres(db, event="1", car="7", barcodes=SET)
    register_tyres(db, event="1", car="77", barcodes=["MX100000"])
    with pytest.raises(TyreRefusal, match="car 7 would have 9 of 8") as refused:
        move_tyre(db, event="1", barcode="MX100000", to_car="7", reason="x",
                  now=BEFORE_RACE_1)
    assert refused.value.details[0].rule is TyreRule.OVER_QUOTA
    assert check_tyre(db, event="1", barcode="MX100000").car == "77"


def test_a_void_frees_the_quota_and_the_barcode(db: Database) -> None:
    register_tyres(db, event="1", car="7", barcodes=SET)
    done = void_tyre(db, event="1", barcode=SET[7], reason="spare scanned by mistake",
                     now=BEFORE_RACE_1)
    assert (done.action, done.quota_text) == ("void", "7 of 8")
    info = event_tyres(db, "1")
    assert [t.barcode for t in info.voided] == [SET[7]]
    assert SET[7] not in {t.barcode for t in info.tyres}
    assert next(s for s in info.slicks if s.car == "7").left == 1
    assert check_tyre(db, event="1", barcode=SET[7]).kind == "not-registered"
    assert register_tyres(db, event="1", car="7", barcodes=["MX555555"]).quota_text == "8 of 8"
    # The voided barcode is free again, to the right car this time.
    assert register_tyres(db, event="1", car="12", barcodes=[SET[7]]).quota_text == "1 of 8"
    assert [r.action for r in audit_rows(db, SET[7])] == ["register", "void", "register"]


def test_corrections_after_the_first_race_start_are_refused(db: Database) -> None:
    register_tyres(db, event="1", car="77", barcodes=SET[:1])
    with pytest.raises(TyreRefusal, match="only a replacement with the stewards' approval"):
        void_tyre(db, event="1", barcode=SET[0], reason="x")  # now: 2021 is long gone
    with pytest.raises(TyreRefusal, match="Race 1 started at"):
        move_tyre(db, event="1", barcode=SET[0], to_car="7", reason="x")
    set_session_facts(db, event="1", session="R1", clear=["start"])
    done = void_tyre(db, event="1", barcode=SET[0], reason="x")
    assert "Race 1 has no scheduled start set" in done.window


def test_registering_a_tyre_again_to_its_own_car_is_named_as_such(db: Database) -> None:
    register_tyres(db, event="1", car="7", barcodes=SET[:1])
    with pytest.raises(TyreRefusal) as refused:
        register_tyres(db, event="1", car="7", barcodes=SET[:1])
    assert [d.rule for d in refused.value.details] == [TyreRule.ALREADY_THIS_CAR]
