from datetime import UTC, datetime, timedelta

import pytest

from paddock.rules.tyres import (
    BarcodeError,
    CorrectionWindow,
    Tyre,
    TyreRule,
    TyreRules,
    TyreStatus,
    TyreType,
    VerdictKind,
    carry_over,
    carry_over_candidates,
    check_carry_over,
    check_move,
    check_registration,
    check_void,
    new_tyres,
    normalise_barcode,
    parse_barcode,
    quota_used,
    tyre_summary,
    verdict,
)

ENTRIES = {"12": "Tobias Lindqvist", "7": "Parker Thornbury", "021": "Omar Haddad"}


def slicks(car: str, event: int, count: int, prefix: str = "MI") -> list[Tyre]:
    return [Tyre(f"{prefix}{car}E{event}N{i:03d}", car, event) for i in range(count)]


def rules_of(problems: list) -> list[TyreRule]:
    return [p.rule for p in problems]


# -- Barcodes ------------------------------------------------------------------------------


def test_barcode_is_normalised_from_a_scanner_or_a_keyboard() -> None:
    assert normalise_barcode(" mi12 3456\n") == "MI123456"
    assert parse_barcode("ab 12cd34") == "AB12CD34"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("AB-12345", "'-' is not allowed"),
        ("ABC12", "5 characters, expected 6 to 20"),
        ("A" * 21, "21 characters, expected 6 to 20"),
        ("MI12345É", "'É' is not allowed"),
        ("   ", "empty"),
    ],
)
def test_malformed_barcode_is_refused_naming_it_and_the_fault(text: str, why: str) -> None:
    with pytest.raises(BarcodeError, match=why) as caught:
        parse_barcode(text)
    if text.strip():
        assert text.strip() in str(caught.value)


def test_barcode_length_is_season_data() -> None:
    assert parse_barcode("AB12", TyreRules(barcode_min_length=4)) == "AB12"


# -- Registration --------------------------------------------------------------------------


def test_a_clean_batch_of_eight_slicks_passes() -> None:
    batch = [f"MI12N{i:04d}" for i in range(8)]
    assert check_registration(batch, car="12", event=1, tyres=[], entries=ENTRIES) == []


def test_over_quota_message_names_the_car_and_the_count() -> None:
    existing = slicks("12", 1, 6)
    batch = ["NEW000001", "NEW000002", "NEW000003"]
    problems = check_registration(batch, car="12", event=1, tyres=existing, entries=ENTRIES)
    assert rules_of(problems) == [TyreRule.OVER_QUOTA]
    assert "car 12 would have 9 of 8 new slicks" in problems[0].message
    assert problems[0].car == "12"


def test_quota_is_per_event_and_per_car() -> None:
    existing = slicks("12", 1, 8) + slicks("7", 2, 8)
    batch = [f"NEW{i:06d}" for i in range(8)]
    assert check_registration(batch, car="12", event=2, tyres=existing, entries=ENTRIES) == []


def test_quota_is_season_data() -> None:
    rules = TyreRules(slick_quota=12)
    batch = [f"NEW{i:06d}" for i in range(12)]
    assert (
        check_registration(batch, car="12", event=1, tyres=[], entries=ENTRIES, rules=rules) == []
    )
    problems = check_registration(
        [*batch, "NEW999999"], car="12", event=1, tyres=[], entries=ENTRIES, rules=rules
    )
    assert "13 of 12" in problems[0].message


def test_scrapped_new_tyres_still_used_the_quota() -> None:
    existing = [
        *slicks("12", 1, 7),
        Tyre("SCRAP00001", "12", 1, status=TyreStatus.SCRAPPED, reason="puncture"),
    ]
    problems = check_registration(["NEW000001"], car="12", event=1, tyres=existing, entries=ENTRIES)
    assert rules_of(problems) == [TyreRule.OVER_QUOTA]


def test_carried_over_tyres_do_not_use_the_new_tyre_quota() -> None:
    existing = [
        *slicks("12", 2, 8),
        Tyre("OLD0000001", "12", 2, status=TyreStatus.CARRIED_OVER, carried_from=1),
    ]
    assert quota_used(existing, "12", 2) == 8


def test_wets_are_not_limited_by_default() -> None:
    batch = [f"WET{i:06d}" for i in range(20)]
    problems = check_registration(
        batch, car="12", event=1, tyres=slicks("12", 1, 8), entries=ENTRIES, tyre_type="wet"
    )
    assert problems == []


def test_a_wet_quota_when_the_season_sets_one() -> None:
    batch = [f"WET{i:06d}" for i in range(5)]
    problems = check_registration(
        batch,
        car="12",
        event=1,
        tyres=[],
        entries=ENTRIES,
        tyre_type=TyreType.WET,
        rules=TyreRules(wet_quota=4),
    )
    assert "car 12 would have 5 of 4 new wets" in problems[0].message


def test_barcode_already_registered_this_season_says_to_whom_and_where() -> None:
    existing = [Tyre("MI7000001", "7", 1)]
    problems = check_registration(["mi7000001"], car="12", event=2, tyres=existing, entries=ENTRIES)
    assert rules_of(problems) == [TyreRule.ALREADY_REGISTERED]
    assert problems[0].barcode == "MI7000001"
    assert "(to car 7 at event 1)" in problems[0].message


def test_barcode_twice_in_one_batch_is_reported_once() -> None:
    problems = check_registration(
        ["MI0000001", "mi 0000001", "MI0000001"], car="12", event=1, tyres=[], entries=ENTRIES
    )
    assert rules_of(problems) == [TyreRule.DUPLICATE_IN_BATCH]
    assert "MI0000001 appears twice" in problems[0].message


def test_car_not_entered_at_the_event() -> None:
    problems = check_registration(["MI0000001"], car="99", event=3, tyres=[], entries=ENTRIES)
    assert rules_of(problems) == [TyreRule.NOT_ENTERED]
    assert problems[0].message == "car 99 is not entered at event 3"


def test_car_numbers_with_leading_zeros_are_other_cars() -> None:
    problems = check_registration(["MI0000001"], car="21", event=1, tyres=[], entries=ENTRIES)
    assert rules_of(problems) == [TyreRule.NOT_ENTERED]


def test_every_problem_of_a_batch_is_listed() -> None:
    existing = [*slicks("12", 1, 8), Tyre("TAKEN0001", "7", 1)]
    problems = check_registration(
        ["BAD-1", "TAKEN0001", "FRESH0001"], car="12", event=1, tyres=existing, entries=ENTRIES
    )
    assert rules_of(problems) == [
        TyreRule.MALFORMED,
        TyreRule.ALREADY_REGISTERED,
        TyreRule.OVER_QUOTA,
    ]
    assert "BAD-1" in problems[0].message
    assert "9 of 8" in problems[2].message


def test_replacement_needs_a_reason_and_does_not_count_against_the_quota() -> None:
    existing = slicks("12", 1, 8)
    without = check_registration(
        ["REPL00001"], car="12", event=1, tyres=existing, entries=ENTRIES, replacement=True
    )
    assert rules_of(without) == [TyreRule.REASON_REQUIRED]
    with_reason = check_registration(
        ["REPL00001"],
        car="12",
        event=1,
        tyres=existing,
        entries=ENTRIES,
        replacement=True,
        reason="cut by debris, stewards' decision 4",
    )
    assert with_reason == []


def test_new_tyre_records_keep_the_replacement_reason() -> None:
    records = new_tyres(["repl 00001"], car="12", event=1, replacement=True, reason=" damage ")
    assert records == (
        Tyre(
            "REPL00001",
            "12",
            1,
            TyreType.SLICK,
            TyreStatus.REPLACEMENT,
            reason="damage",
            replacement=True,
        ),
    )
    scrapped_later = Tyre("REPL00001", "12", 1, status=TyreStatus.SCRAPPED, replacement=True)
    assert not scrapped_later.counts_against_quota


# -- Carry-over ----------------------------------------------------------------------------


def test_carry_over_candidates_are_the_cars_usable_slicks_at_that_event() -> None:
    tyres = [
        Tyre("A00001", "12", 1),
        Tyre("A00002", "12", 1, status=TyreStatus.SCRAPPED),
        Tyre("A00003", "12", 1, TyreType.WET),
        Tyre("A00004", "7", 1),
        Tyre("A00005", "12", 2),
    ]
    assert [t.barcode for t in carry_over_candidates("12", 1, tyres)] == ["A00001"]


def test_up_to_four_slicks_may_be_carried_to_the_next_event() -> None:
    tyres = slicks("12", 1, 8)
    codes = [t.barcode for t in tyres]
    assert check_carry_over(codes[:4], car="12", from_event=1, tyres=tyres) == []
    problems = check_carry_over(codes[:5], car="12", from_event=1, tyres=tyres)
    assert rules_of(problems) == [TyreRule.CARRY_OVER_LIMIT]
    assert str(problems[0]) == "car 12 would carry 5 slicks from event 1 to event 2; the limit is 4"


def test_carry_over_limit_counts_tyres_already_carried_and_is_season_data() -> None:
    tyres = slicks("12", 1, 8)
    carried = carry_over([t.barcode for t in tyres[:3]], from_event=1, tyres=tyres)
    season = tyres[3:] + list(carried)
    problems = check_carry_over(
        [tyres[3].barcode, tyres[4].barcode], car="12", from_event=1, tyres=season
    )
    assert rules_of(problems) == [TyreRule.CARRY_OVER_LIMIT]
    assert (
        check_carry_over(
            [tyres[3].barcode, tyres[4].barcode],
            car="12",
            from_event=1,
            tyres=season,
            rules=TyreRules(carry_over_limit=6),
        )
        == []
    )


def test_carry_over_refuses_other_cars_scrapped_and_wet_tyres() -> None:
    tyres = [
        Tyre("OTHER00001", "7", 1),
        Tyre("SCRAP00001", "12", 1, status=TyreStatus.SCRAPPED),
        Tyre("WETTY00001", "12", 1, TyreType.WET),
    ]
    problems = check_carry_over(
        ["OTHER00001", "SCRAP00001", "WETTY00001", "GHOST00001"],
        car="12",
        from_event=1,
        tyres=tyres,
    )
    messages = [p.message for p in problems]
    assert rules_of(problems) == [TyreRule.NOT_CARRYABLE] * 4
    assert "registered to car 7" in messages[0]
    assert "scrapped" in messages[1]
    assert "only slicks" in messages[2]
    assert "not registered" in messages[3]


def test_carried_tyres_are_legal_at_the_next_event_and_not_new() -> None:
    tyres = slicks("12", 1, 8)
    carried = carry_over([tyres[0].barcode], from_event=1, tyres=tyres)
    assert carried == (
        Tyre(tyres[0].barcode, "12", 2, TyreType.SLICK, TyreStatus.CARRIED_OVER, carried_from=1),
    )
    season = tyres[1:] + list(carried)
    assert verdict(tyres[0].barcode, 2, season, ENTRIES).kind is VerdictKind.OK
    # Eight new ones at event 2 are still allowed beside it.
    batch = [f"NEW{i:06d}" for i in range(8)]
    assert check_registration(batch, car="12", event=2, tyres=season, entries=ENTRIES) == []


# -- Scan check ----------------------------------------------------------------------------


SEASON = [
    *slicks("12", 2, 5),
    Tyre("SCRAPPED01", "12", 2, status=TyreStatus.SCRAPPED, reason="flat-spotted"),
    Tyre("LASTEVENT1", "7", 1),
    Tyre("SEVENWET01", "7", 2, TyreType.WET),
]


def test_scan_of_a_registered_tyre_is_ok_for_its_car_with_the_quota_count() -> None:
    result = verdict("mi12e2n000", 2, SEASON, ENTRIES)
    assert result.kind is VerdictKind.OK and result.legal
    assert (result.car, result.driver) == ("12", "Tobias Lindqvist")
    assert result.quota_text == "6 of 8"  # five new ones and the scrapped one
    assert result.to_json() == {
        "barcode": "MI12E2N000",
        "verdict": "ok",
        "car": "12",
        "driver": "Tobias Lindqvist",
    }


def test_scan_of_a_scrapped_tyre() -> None:
    result = verdict("SCRAPPED01", 2, SEASON, ENTRIES)
    assert result.kind is VerdictKind.SCRAPPED
    assert not result.legal
    assert result.car == "12"
    assert "flat-spotted" in result.message
    assert result.to_json()["verdict"] == "scrapped"


def test_scan_of_an_unknown_tyre() -> None:
    result = verdict("NOBODY0001", 2, SEASON, ENTRIES)
    assert result.kind is VerdictKind.NOT_REGISTERED
    assert result.to_json() == {
        "barcode": "NOBODY0001",
        "verdict": "not-registered",
        "car": None,
        "driver": None,
    }


def test_scan_of_a_malformed_code_is_not_registered_and_says_why() -> None:
    result = verdict("AB-1", 2, SEASON, ENTRIES)
    assert result.kind is VerdictKind.NOT_REGISTERED
    assert "malformed" in result.message


def test_scan_against_the_car_inspected() -> None:
    assert verdict("MI12E2N001", 2, SEASON, ENTRIES, expected_car="12").kind is VerdictKind.OK
    other = verdict("MI12E2N001", 2, SEASON, ENTRIES, expected_car="7")
    assert other.kind is VerdictKind.OTHER_CAR
    assert other.car == "12"
    assert "not car 7" in other.message


def test_scan_of_a_tyre_registered_at_another_event() -> None:
    result = verdict("LASTEVENT1", 2, SEASON, ENTRIES)
    assert result.kind is VerdictKind.OTHER_EVENT
    assert (result.car, result.event) == ("7", 1)


def test_wet_quota_text_when_not_limited() -> None:
    assert verdict("SEVENWET01", 2, SEASON, ENTRIES).quota_text == "1 (no limit)"


# -- Summary -------------------------------------------------------------------------------


def test_summary_per_car_counts_each_kind_of_tyre() -> None:
    tyres = [
        *slicks("12", 2, 5),
        Tyre("SCRAPPED01", "12", 2, status=TyreStatus.SCRAPPED),
        Tyre("CARRIED001", "12", 2, status=TyreStatus.CARRIED_OVER, carried_from=1),
        Tyre(
            "REPLACE001", "12", 2, status=TyreStatus.REPLACEMENT, replacement=True, reason="damage"
        ),
        *slicks("12", 1, 8),
    ]
    rows = {row.car: row for row in tyre_summary(2, tyres, ENTRIES)}
    assert list(rows) == ["7", "12", "021"]
    twelve = rows["12"]
    assert (
        twelve.registered,
        twelve.left,
        twelve.carried_over,
        twelve.replacements,
        twelve.scrapped,
    ) == (6, 2, 1, 1, 1)
    assert (rows["7"].registered, rows["7"].left) == (0, 8)


def test_carrying_tyres_away_never_frees_quota_at_the_event_they_were_bought_for() -> None:
    bought = new_tyres([f"SEB{i:05d}" for i in range(8)], car="12", event=1)
    carried = carry_over(["SEB00000", "SEB00001"], from_event=1, tyres=bought)
    season = [t for t in bought if t.barcode not in {"SEB00000", "SEB00001"}] + list(carried)
    assert quota_used(season, "12", 1) == 8
    assert quota_used(season, "12", 2) == 0
    problems = check_registration(["SEB99999"], car="12", event=1, tyres=season, entries=["12"])
    assert [p.rule for p in problems] == [TyreRule.OVER_QUOTA]
    (summary,) = tyre_summary(1, season, {"12": "Driver"})
    assert (summary.registered, summary.left) == (8, 0)


def test_a_tyre_carried_twice_still_counts_at_its_first_event() -> None:
    bought = new_tyres(["SEB00000"], car="12", event=1)
    once = carry_over(["SEB00000"], from_event=1, tyres=bought)
    twice = carry_over(["SEB00000"], from_event=2, tyres=once)
    assert twice[0].event == 3 and twice[0].quota_event == 1
    assert quota_used(twice, "12", 1) == 1 and quota_used(twice, "12", 2) == 0


# -- Corrections ---------------------------------------------------------------------------

START = datetime(2021, 3, 19, 19, 0, tzinfo=UTC)
OPEN = CorrectionWindow("Race 1", START, "Fri 19 Mar 15:00 EDT")
BEFORE, AFTER = START - timedelta(hours=1), START + timedelta(minutes=1)


def test_a_tyre_may_move_to_another_car_before_the_first_race_and_counts_there() -> None:
    season = [Tyre("WRONG0001", "77", 1), *slicks("7", 1, 7)]
    assert check_move("wrong0001", to_car="7", event=1, tyres=season, entries=["7", "77"],
                      reason="scanned to 77, meant 7", window=OPEN, now=BEFORE) == []
    full = [Tyre("WRONG0001", "77", 1), *slicks("7", 1, 8)]
    problems = check_move("WRONG0001", to_car="7", event=1, tyres=full, entries=["7", "77"],
                          reason="meant 7", window=OPEN, now=BEFORE)
    assert rules_of(problems) == [TyreRule.OVER_QUOTA]
    assert (problems[0].used, problems[0].quota) == (8, 8)
    assert "car 7 would have 9 of 8" in problems[0].message


def test_a_correction_needs_a_reason_an_entered_car_and_another_car() -> None:
    season = [Tyre("WRONG0001", "77", 1)]
    problems = check_move("WRONG0001", to_car="99", event=1, tyres=season, entries=["7", "77"],
                          reason=" ", window=OPEN, now=BEFORE)
    assert rules_of(problems) == [TyreRule.REASON_REQUIRED, TyreRule.NOT_ENTERED]
    same = check_move("WRONG0001", to_car="77", event=1, tyres=season, entries=["7", "77"],
                      reason="x", window=OPEN, now=BEFORE)
    assert rules_of(same) == [TyreRule.SAME_CAR]
    assert rules_of(check_void("NOPE00001", event=1, tyres=season, reason="x", window=OPEN,
                               now=BEFORE)) == [TyreRule.NOT_REGISTERED]


def test_corrections_close_when_the_first_race_starts() -> None:
    season = [Tyre("WRONG0001", "77", 1)]
    problems = check_void("WRONG0001", event=1, tyres=season, reason="spare", window=OPEN,
                          now=AFTER)
    assert rules_of(problems) == [TyreRule.RACE_STARTED]
    assert "Race 1 started at Fri 19 Mar 15:00 EDT" in problems[0].message
    assert "stewards' approval" in problems[0].message
    unset = CorrectionWindow("Race 1")
    assert check_void("WRONG0001", event=1, tyres=season, reason="spare", window=unset,
                      now=AFTER) == []
    assert "no scheduled start set" in unset.describe()


def test_carried_scrapped_and_other_event_tyres_are_not_corrected() -> None:
    season = [Tyre("CARRIED01", "7", 2, status=TyreStatus.CARRIED_OVER, carried_from=1),
              Tyre("SCRAPPED1", "7", 2, status=TyreStatus.SCRAPPED),
              Tyre("EVENTONE1", "7", 1)]
    for code in ("CARRIED01", "SCRAPPED1", "EVENTONE1"):
        problems = check_void(code, event=2, tyres=season, reason="x", window=OPEN,
                              now=BEFORE)
        assert rules_of(problems) == [TyreRule.NOT_CORRECTABLE], code


def test_a_void_tyre_counts_nowhere_and_its_barcode_is_free_again() -> None:
    season = [*slicks("7", 1, 7), Tyre("VOIDED001", "7", 1, status=TyreStatus.VOID,
                                       reason="spare scanned")]
    assert quota_used(season, "7", 1) == 7
    assert check_registration(["VOIDED001"], car="12", event=1, tyres=season,
                              entries=ENTRIES) == []
    found = verdict("VOIDED001", 1, season, ENTRIES)
    assert (found.kind, found.car) == (VerdictKind.NOT_REGISTERED, None)
    assert "voided: spare scanned" in found.message
    summary = {s.car: s for s in tyre_summary(1, season, ENTRIES)}
    assert (summary["7"].registered, summary["7"].left, summary["7"].scrapped) == (7, 1, 0)
    assert [t.barcode for t in carry_over_candidates("7", 1, season)] == sorted(
        t.barcode for t in season[:7])


def test_scanning_a_tyre_again_to_its_own_car_is_its_own_rule() -> None:
    season = [Tyre("MINE00001", "7", 1)]
    problems = check_registration(["MINE00001"], car="7", event=1, tyres=season,
                                  entries=ENTRIES)
    assert rules_of(problems) == [TyreRule.ALREADY_THIS_CAR]
    assert problems[0].owner == "7"
    other = check_registration(["MINE00001"], car="12", event=1, tyres=season, entries=ENTRIES)
    assert rules_of(other) == [TyreRule.ALREADY_REGISTERED]
    assert other[0].owner == "7"
