"""Tyre control: barcodes, quotas per car per event, carry-over, replacements, scan checks.

The rules (domain: Tyres): every tyre has a unique barcode and is registered to
one car for one event. Per car per event the season allows a number of new tyres of each
type (default 8 slicks, wets unlimited); unused registered slicks may be carried to the
next event (default up to 4); a tyre damaged beyond use may be replaced with the
stewards' approval, with a reason and outside the quota. Scrutineers scan tyres at any
time: the verdict says at a glance whether the tyre is legal on that car.

Tyres are plain `Tyre` records, one per barcode for the whole season; the record's
``event`` is the event at which the tyre is currently registered (a carried-over tyre's
record names the new event and remembers where it came from).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from paddock.rules.cars import car_number_key


class TyreType(StrEnum):
    SLICK = "slick"
    WET = "wet"


class TyreStatus(StrEnum):
    """Where a registered tyre stands.

    ``registered``: new tyre, within the quota. ``carried-over``: an unused slick brought
    from the previous event (outside the quota). ``replacement``: replaces a damaged tyre
    with the stewards' approval (outside the quota). ``scrapped``: no longer usable.
    ``void``: registered by mistake and voided before the event's first race (a
    correction): it counts nowhere, and its barcode may be registered again.
    """

    REGISTERED = "registered"
    CARRIED_OVER = "carried-over"
    REPLACEMENT = "replacement"
    SCRAPPED = "scrapped"
    VOID = "void"


@dataclass(frozen=True)
class TyreRules:
    """The season's tyre allocation; every number here is the series manager's to change.

    Attributes:
        slick_quota: new slicks per car per event; None = not limited.
        wet_quota: new wets per car per event; None = not limited.
        carry_over_limit: unused slicks a car may carry to the next event.
        barcode_min_length / barcode_max_length: the accepted length of a barcode.
    """

    slick_quota: int | None = 8
    wet_quota: int | None = None
    carry_over_limit: int = 4
    barcode_min_length: int = 6
    barcode_max_length: int = 20

    def quota(self, tyre_type: TyreType | str) -> int | None:
        return self.slick_quota if TyreType(tyre_type) is TyreType.SLICK else self.wet_quota


DEFAULT_TYRE_RULES = TyreRules()


@dataclass(frozen=True)
class Tyre:
    """One registered tyre of the season.

    Attributes:
        barcode: normalised (see `normalise_barcode`).
        car: the car number it is registered to.
        event: the number in the season of the event it is registered for.
        tyre_type: slick or wet.
        status: registered, carried-over, replacement or scrapped.
        reason: why it was replaced or scrapped ("" otherwise).
        carried_from: the event it was carried over from, if it was.
        first_event: the event it was registered new at, when that differs from both
            ``event`` and ``carried_from`` (a tyre carried twice); None otherwise.
        replacement: registered as a replacement (kept when the tyre is later scrapped,
            so a scrapped replacement still does not count against the quota).
    """

    barcode: str
    car: str
    event: int
    tyre_type: TyreType = TyreType.SLICK
    status: TyreStatus = TyreStatus.REGISTERED
    reason: str = ""
    carried_from: int | None = None
    replacement: bool = False
    first_event: int | None = None

    @property
    def quota_event(self) -> int | None:
        """The event whose quota this tyre used: where it was registered new.

        A carried tyre keeps counting there, so carrying tyres away never frees quota at
        the event they were bought for. None for a replacement (outside every quota).
        """
        if (self.replacement or self.status is TyreStatus.REPLACEMENT
                or self.status is TyreStatus.VOID):
            return None
        if self.first_event is not None:
            return self.first_event
        return self.carried_from if self.carried_from is not None else self.event

    @property
    def counts_against_quota(self) -> bool:
        """A new tyre (registered, or scrapped after it was registered new)."""
        if self.status in (TyreStatus.CARRIED_OVER, TyreStatus.REPLACEMENT, TyreStatus.VOID):
            return False
        return self.carried_from is None and not self.replacement


class TyreRule(StrEnum):
    """Which rule a registration or carry-over problem breaks."""

    MALFORMED = "malformed-barcode"
    DUPLICATE_IN_BATCH = "duplicate-in-batch"
    ALREADY_REGISTERED = "already-registered"
    #: Scanned again to the car it is registered to, at this event: nothing to do.
    ALREADY_THIS_CAR = "already-registered-to-this-car"
    OVER_QUOTA = "over-quota"
    NOT_ENTERED = "not-entered"
    REASON_REQUIRED = "reason-required"
    NOT_CARRYABLE = "not-carryable"
    CARRY_OVER_LIMIT = "carry-over-limit"
    NOT_REGISTERED = "not-registered"
    NOT_CORRECTABLE = "not-correctable"
    SAME_CAR = "same-car"
    RACE_STARTED = "race-started"


@dataclass(frozen=True)
class TyreProblem:
    """One broken rule, with the car and barcode it concerns and a sentence for the official."""

    rule: TyreRule
    car: str
    barcode: str | None
    message: str
    #: The facts a headline needs: the car the tyre is registered to (already registered),
    #: and the car's count and quota (over quota).
    owner: str | None = None
    used: int | None = None
    quota: int | None = None

    def __str__(self) -> str:
        return self.message


# -- Barcodes ------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s+")
_BAD_CHARACTER = re.compile(r"[^A-Z0-9]")


class BarcodeError(ValueError):
    """A barcode that is not in the accepted format; the message names it and says why."""


def normalise_barcode(text: str) -> str:
    """Remove every space (scanners add line ends, people type groups) and upper-case."""
    return _WHITESPACE.sub("", text).upper()


def barcode_problem(text: str, rules: TyreRules = DEFAULT_TYRE_RULES) -> str | None:
    """What is wrong with a barcode (after normalising), or None when it is acceptable.

    Accepted: ``barcode_min_length`` to ``barcode_max_length`` letters A-Z and digits 0-9.
    """
    code = normalise_barcode(text)
    low, high = rules.barcode_min_length, rules.barcode_max_length
    if not code:
        return "tyre barcode is empty"
    bad = _BAD_CHARACTER.search(code)
    if bad:
        return (
            f"tyre barcode '{text.strip()}' is malformed: '{bad.group()}' is not allowed "
            f"(use letters A-Z and digits 0-9 only)"
        )
    if not low <= len(code) <= high:
        return (
            f"tyre barcode '{text.strip()}' is malformed: {len(code)} characters, "
            f"expected {low} to {high}"
        )
    return None


def parse_barcode(text: str, rules: TyreRules = DEFAULT_TYRE_RULES) -> str:
    """The normalised barcode.

    Raises:
        BarcodeError: when it is not in the accepted format.
    """
    problem = barcode_problem(text, rules)
    if problem:
        raise BarcodeError(problem)
    return normalise_barcode(text)


# -- Registration --------------------------------------------------------------------------


def _type_name(tyre_type: TyreType, count: int) -> str:
    return tyre_type.value + ("" if count == 1 else "s")


def quota_used(
    tyres: Iterable[Tyre], car: str, event: int, tyre_type: TyreType | str = TyreType.SLICK
) -> int:
    """How many new tyres of the type the car has registered at the event (scrapped included)."""
    kind = TyreType(tyre_type)
    return sum(
        1
        for tyre in tyres
        if tyre.car == car and tyre.tyre_type is kind and tyre.quota_event == event
    )


def check_registration(
    barcodes: Sequence[str],
    *,
    car: str,
    event: int,
    tyres: Iterable[Tyre],
    entries: Iterable[str],
    tyre_type: TyreType | str = TyreType.SLICK,
    replacement: bool = False,
    reason: str = "",
    rules: TyreRules = DEFAULT_TYRE_RULES,
) -> list[TyreProblem]:
    """Every rule a batch of new tyres for one car would break; empty when it may be saved.

    Args:
        barcodes: as scanned or typed; normalised here.
        car: the car they are for.
        event: the event's number in the season.
        tyres: every tyre already registered this season (any car, any event).
        entries: the car numbers entered at the event (a mapping number -> driver will do).
        tyre_type: slick or wet.
        replacement: the batch replaces damaged tyres with the stewards' approval: it needs
            a ``reason`` and does not count against the quota.
        rules: the season's tyre rules.
    """
    kind = TyreType(tyre_type)
    season = list(tyres)
    problems: list[TyreProblem] = []
    if car not in set(entries):
        problems.append(
            TyreProblem(
                TyreRule.NOT_ENTERED, car, None, f"car {car} is not entered at event {event}"
            )
        )
    if replacement and not reason.strip():
        problems.append(
            TyreProblem(
                TyreRule.REASON_REQUIRED,
                car,
                None,
                f"car {car}: a replacement tyre needs the stewards' reason",
            )
        )

    # A voided registration frees its barcode: the tyre may be registered again.
    registered = {tyre.barcode: tyre for tyre in season if tyre.status is not TyreStatus.VOID}
    seen: Counter[str] = Counter()
    valid: list[str] = []
    for text in barcodes:
        problem = barcode_problem(text, rules)
        if problem:
            problems.append(TyreProblem(TyreRule.MALFORMED, car, text.strip(), problem))
            continue
        code = normalise_barcode(text)
        seen[code] += 1
        if seen[code] == 2:
            problems.append(
                TyreProblem(
                    TyreRule.DUPLICATE_IN_BATCH,
                    car,
                    code,
                    f"tyre {code} appears twice in this registration for car {car}",
                )
            )
        if seen[code] > 1:
            continue
        known = registered.get(code)
        if (known is not None and known.car == car and known.event == event
                and known.status is not TyreStatus.SCRAPPED):
            problems.append(
                TyreProblem(
                    TyreRule.ALREADY_THIS_CAR,
                    car,
                    code,
                    f"tyre {code} is already registered to this car ({car}) at event {event}",
                    owner=known.car,
                )
            )
            continue
        if known is not None:
            problems.append(
                TyreProblem(
                    TyreRule.ALREADY_REGISTERED,
                    car,
                    code,
                    f"tyre {code} is already registered this season "
                    f"(to car {known.car} at event {known.event})",
                    owner=known.car,
                )
            )
            continue
        valid.append(code)

    quota = rules.quota(kind)
    if not replacement and quota is not None:
        used = quota_used(season, car, event, kind)
        would_have = used + len(valid)
        if would_have > quota:
            problems.append(
                TyreProblem(
                    TyreRule.OVER_QUOTA,
                    car,
                    None,
                    f"car {car} would have {would_have} of {quota} new "
                    f"{_type_name(kind, quota)} at event {event} "
                    f"({used} already registered, {len(valid)} in this registration)",
                    used=used,
                    quota=quota,
                )
            )
    return problems


def new_tyres(
    barcodes: Iterable[str],
    *,
    car: str,
    event: int,
    tyre_type: TyreType | str = TyreType.SLICK,
    replacement: bool = False,
    reason: str = "",
) -> tuple[Tyre, ...]:
    """The records to save once `check_registration` found nothing (barcodes normalised)."""
    status = TyreStatus.REPLACEMENT if replacement else TyreStatus.REGISTERED
    return tuple(
        Tyre(
            normalise_barcode(code),
            car,
            event,
            TyreType(tyre_type),
            status,
            reason=reason.strip() if replacement else "",
            replacement=replacement,
        )
        for code in dict.fromkeys(barcodes)
    )


# -- Corrections --------------------------------------------------------------------------


@dataclass(frozen=True)
class CorrectionWindow:
    """Until when a registration at an event may be corrected (moved or voided).

    Attributes:
        race: the name of the event's first race ("Race 1"); "" when the event has none.
        starts_at: its scheduled start (UTC-aware); None when not set.
        local_text: that start as the desk reads it ("Sat 20 Mar 15:00"); "" when not set.
    """

    race: str = ""
    starts_at: datetime | None = None
    local_text: str = ""

    def is_open(self, now: datetime) -> bool:
        return self.starts_at is None or now < self.starts_at

    def describe(self) -> str:
        """One sentence on the window, for the official who corrects."""
        if self.starts_at is None:
            what = self.race or "the event's first race"
            return (f"{what} has no scheduled start set, so corrections are open "
                    "until one is set")
        return f"corrections are open until {self.race or 'the first race'} starts " \
               f"({self.local_text})"


def _correction_closed(code: str, car: str, window: CorrectionWindow) -> TyreProblem:
    return TyreProblem(
        TyreRule.RACE_STARTED,
        car,
        code,
        f"tyre {code} of car {car} can no longer be corrected: {window.race or 'the first race'} "
        f"started at {window.local_text}; from then on only a replacement with the stewards' "
        "approval (scrap the tyre, register the replacement)",
    )


def _correctable(
    code: str, tyre: Tyre | None, event: int, reason: str, window: CorrectionWindow,
    now: datetime, what: str,
) -> list[TyreProblem]:
    """What stops any correction of ``tyre`` at ``event`` (moved or voided)."""
    if tyre is None or tyre.status is TyreStatus.VOID:
        voided = " (its registration was voided)" if tyre is not None else ""
        return [TyreProblem(TyreRule.NOT_REGISTERED, "", code,
                            f"tyre {code} is not registered{voided}; nothing to {what}")]
    problems: list[TyreProblem] = []
    done = "moved" if what == "move" else "voided"
    prefix = f"tyre {code} of car {tyre.car} cannot be {done}"
    if tyre.event != event:
        problems.append(TyreProblem(
            TyreRule.NOT_CORRECTABLE, tyre.car, code,
            f"{prefix}: it is registered at event {tyre.event}, not event {event}",
            owner=tyre.car))
    elif tyre.carried_from is not None or tyre.status is TyreStatus.CARRIED_OVER:
        problems.append(TyreProblem(
            TyreRule.NOT_CORRECTABLE, tyre.car, code,
            f"{prefix}: it was carried over from event {tyre.carried_from}", owner=tyre.car))
    elif tyre.status is TyreStatus.SCRAPPED:
        problems.append(TyreProblem(TyreRule.NOT_CORRECTABLE, tyre.car, code,
                                    f"{prefix}: it is scrapped", owner=tyre.car))
    if not window.is_open(now):
        problems.append(_correction_closed(code, tyre.car, window))
    if not reason.strip():
        problems.append(TyreProblem(TyreRule.REASON_REQUIRED, tyre.car, code,
                                    f"{prefix} without a reason (e.g. 'scanned to car 60, "
                                    "meant car 6')", owner=tyre.car))
    return problems


def check_move(
    barcode: str,
    *,
    to_car: str,
    event: int,
    tyres: Iterable[Tyre],
    entries: Iterable[str],
    reason: str,
    window: CorrectionWindow,
    now: datetime,
    rules: TyreRules = DEFAULT_TYRE_RULES,
) -> list[TyreProblem]:
    """Every rule that moving a registered tyre to another car at the event would break.

    Args:
        tyres: the tyre moved, and the tyres of ``to_car`` at the event (any others too).
        entries: the car numbers entered at the event.
        window: until when the event's registrations may be corrected.
        now: the time of the correction (UTC-aware).
    """
    code = normalise_barcode(barcode)
    season = list(tyres)
    tyre = next((t for t in season if t.barcode == code), None)
    problems = _correctable(code, tyre, event, reason, window, now, "move")
    if tyre is None or tyre.status is TyreStatus.VOID:
        return problems
    if to_car not in set(entries):
        problems.append(TyreProblem(TyreRule.NOT_ENTERED, to_car, code,
                                    f"car {to_car} is not entered at event {event}"))
    elif to_car == tyre.car:
        problems.append(TyreProblem(TyreRule.SAME_CAR, to_car, code,
                                    f"tyre {code} is already registered to car {to_car}",
                                    owner=tyre.car))
    elif tyre.quota_event is not None:
        quota = rules.quota(tyre.tyre_type)
        used = quota_used(season, to_car, event, tyre.tyre_type)
        if quota is not None and used + 1 > quota:
            problems.append(TyreProblem(
                TyreRule.OVER_QUOTA, to_car, code,
                f"car {to_car} would have {used + 1} of {quota} new "
                f"{_type_name(tyre.tyre_type, quota)} at event {event} "
                f"({used} already registered); void or move one of its tyres first",
                used=used, quota=quota))
    return problems


def check_void(
    barcode: str,
    *,
    event: int,
    tyres: Iterable[Tyre],
    reason: str,
    window: CorrectionWindow,
    now: datetime,
) -> list[TyreProblem]:
    """Every rule that voiding a registration at the event would break."""
    code = normalise_barcode(barcode)
    tyre = next((t for t in tyres if t.barcode == code), None)
    return _correctable(code, tyre, event, reason, window, now, "void")


# -- Carry-over ----------------------------------------------------------------------------


def carry_over_candidates(car: str, event: int, tyres: Iterable[Tyre]) -> tuple[Tyre, ...]:
    """The car's slicks at the event that could go to the next one (not scrapped).

    Whether a tyre is unused is for the scrutineer to see; the limit is checked by
    `check_carry_over`.
    """
    return tuple(
        sorted(
            (
                tyre
                for tyre in tyres
                if tyre.car == car
                and tyre.event == event
                and tyre.tyre_type is TyreType.SLICK
                and tyre.status not in (TyreStatus.SCRAPPED, TyreStatus.VOID)
            ),
            key=lambda tyre: tyre.barcode,
        )
    )


def check_carry_over(
    barcodes: Sequence[str],
    *,
    car: str,
    from_event: int,
    tyres: Iterable[Tyre],
    to_event: int | None = None,
    rules: TyreRules = DEFAULT_TYRE_RULES,
) -> list[TyreProblem]:
    """Problems with carrying these unused slicks of a car from one event to the next.

    ``to_event`` defaults to ``from_event + 1``. Tyres already carried to that event count
    towards the limit.
    """
    target = from_event + 1 if to_event is None else to_event
    season = list(tyres)
    by_code = {tyre.barcode: tyre for tyre in season}
    candidates = {tyre.barcode for tyre in carry_over_candidates(car, from_event, season)}
    problems: list[TyreProblem] = []
    accepted: list[str] = []
    for text in barcodes:
        code = normalise_barcode(text)
        tyre = by_code.get(code)
        if code in accepted:
            problems.append(
                TyreProblem(
                    TyreRule.DUPLICATE_IN_BATCH,
                    car,
                    code,
                    f"tyre {code} appears twice in this carry-over for car {car}",
                )
            )
        elif code in candidates:
            accepted.append(code)
        else:
            problems.append(
                TyreProblem(
                    TyreRule.NOT_CARRYABLE, car, code, _not_carryable(code, tyre, car, from_event)
                )
            )
    already = sum(
        1
        for tyre in season
        if tyre.car == car and tyre.event == target and tyre.carried_from == from_event
    )
    total = already + len(accepted)
    if total > rules.carry_over_limit:
        problems.append(
            TyreProblem(
                TyreRule.CARRY_OVER_LIMIT,
                car,
                None,
                f"car {car} would carry {total} slicks from event {from_event} to event "
                f"{target}; the limit is {rules.carry_over_limit}",
            )
        )
    return problems


def _not_carryable(code: str, tyre: Tyre | None, car: str, event: int) -> str:
    prefix = f"tyre {code} cannot be carried over for car {car}"
    if tyre is None:
        return f"{prefix}: it is not registered"
    if tyre.car != car:
        return f"{prefix}: it is registered to car {tyre.car}"
    if tyre.event != event:
        return f"{prefix}: it is registered at event {tyre.event}, not event {event}"
    if tyre.tyre_type is not TyreType.SLICK:
        return f"{prefix}: only slicks may be carried over"
    if tyre.status is TyreStatus.VOID:
        return f"{prefix}: its registration was voided"
    return f"{prefix}: it is scrapped"


def carry_over(
    barcodes: Iterable[str], *, from_event: int, tyres: Iterable[Tyre], to_event: int | None = None
) -> tuple[Tyre, ...]:
    """The updated records of carried tyres (call once `check_carry_over` found nothing)."""
    target = from_event + 1 if to_event is None else to_event
    wanted = {normalise_barcode(code) for code in barcodes}
    return tuple(
        Tyre(
            tyre.barcode,
            tyre.car,
            target,
            tyre.tyre_type,
            TyreStatus.CARRIED_OVER,
            carried_from=from_event,
            first_event=tyre.quota_event if tyre.carried_from is not None else None,
            replacement=tyre.replacement,
        )
        for tyre in tyres
        if tyre.barcode in wanted and tyre.event == from_event
    )


# -- Scan check ----------------------------------------------------------------------------


class VerdictKind(StrEnum):
    OK = "ok"
    NOT_REGISTERED = "not-registered"
    OTHER_CAR = "other-car"
    SCRAPPED = "scrapped"
    OTHER_EVENT = "other-event"


@dataclass(frozen=True)
class Verdict:
    """The answer to a scan, shown huge on screen and printed by ``paddock tyres check``.

    Attributes:
        barcode: as normalised (as typed when malformed).
        kind: the verdict.
        car / driver: whom the tyre is registered to, when known.
        tyre_type / status / event: the tyre's record, when registered.
        used / quota: that car's new tyres of that type at that event, and the quota
            (None = not limited), for "5 of 8".
        message: one sentence for the official.
    """

    barcode: str
    kind: VerdictKind
    message: str
    car: str | None = None
    driver: str | None = None
    tyre_type: TyreType | None = None
    status: TyreStatus | None = None
    event: int | None = None
    used: int | None = None
    quota: int | None = None

    @property
    def legal(self) -> bool:
        return self.kind is VerdictKind.OK

    @property
    def quota_text(self) -> str:
        """``"5 of 8"``, ``"3 (no limit)"``, or "" when the tyre is unknown."""
        if self.used is None:
            return ""
        return f"{self.used} (no limit)" if self.quota is None else f"{self.used} of {self.quota}"

    def to_json(self) -> dict[str, object]:
        """``{"barcode", "verdict", "car", "driver"}`` as in the CLI contract."""
        return {
            "barcode": self.barcode,
            "verdict": self.kind.value,
            "car": self.car,
            "driver": self.driver,
        }


def verdict(
    barcode: str,
    event: int,
    tyres: Iterable[Tyre],
    entries: Mapping[str, str],
    *,
    expected_car: str | None = None,
    rules: TyreRules = DEFAULT_TYRE_RULES,
) -> Verdict:
    """Is the scanned tyre legal at this event (and on ``expected_car``, when given)?

    Checked in this order: unknown barcode (``not-registered``), scrapped tyre
    (``scrapped``), registered to another car than the one inspected (``other-car``),
    registered for another event (``other-event``). Without ``expected_car`` a tyre
    registered at this event is ``ok`` for the car it belongs to.

    Args:
        entries: car number -> driver name, for the drivers to show.
    """
    problem = barcode_problem(barcode, rules)
    if problem:
        return Verdict(barcode.strip(), VerdictKind.NOT_REGISTERED, problem)
    code = normalise_barcode(barcode)
    season = list(tyres)
    matches = [tyre for tyre in season if tyre.barcode == code]
    if not matches:
        return Verdict(code, VerdictKind.NOT_REGISTERED, f"tyre {code} is not registered")
    tyre = max(matches, key=lambda t: t.event)
    if tyre.status is TyreStatus.VOID:
        why = f": {tyre.reason}" if tyre.reason else ""
        return Verdict(
            code,
            VerdictKind.NOT_REGISTERED,
            f"tyre {code} is not registered (its registration to car {tyre.car} "
            f"was voided{why})",
        )
    found = Verdict(
        code,
        VerdictKind.OK,
        f"tyre {code} is registered to car {tyre.car} ({tyre.tyre_type.value})",
        car=tyre.car,
        driver=entries.get(tyre.car),
        tyre_type=tyre.tyre_type,
        status=tyre.status,
        event=tyre.event,
        used=quota_used(season, tyre.car, tyre.event, tyre.tyre_type),
        quota=rules.quota(tyre.tyre_type),
    )
    if tyre.status is TyreStatus.SCRAPPED:
        reason = f" ({tyre.reason})" if tyre.reason else ""
        return replace(
            found,
            kind=VerdictKind.SCRAPPED,
            message=f"tyre {code} of car {tyre.car} is scrapped{reason}",
        )
    if expected_car is not None and tyre.car != expected_car:
        return replace(
            found,
            kind=VerdictKind.OTHER_CAR,
            message=f"tyre {code} is registered to car {tyre.car}, not car {expected_car}",
        )
    if tyre.event != event:
        return replace(
            found,
            kind=VerdictKind.OTHER_EVENT,
            message=(
                f"tyre {code} of car {tyre.car} is registered at event {tyre.event}, "
                f"not event {event}"
            ),
        )
    return found


# -- Summary -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarTyreSummary:
    """One car's tyres of one type at one event, for the tyre desk and the tyre report.

    ``registered`` counts new tyres against the quota (scrapped ones included);
    ``left`` is None when the type is not limited.
    """

    car: str
    driver: str | None
    tyre_type: TyreType
    registered: int
    quota: int | None
    left: int | None
    carried_over: int
    replacements: int
    scrapped: int


def tyre_summary(
    event: int,
    tyres: Iterable[Tyre],
    entries: Mapping[str, str],
    *,
    tyre_type: TyreType | str = TyreType.SLICK,
    rules: TyreRules = DEFAULT_TYRE_RULES,
) -> tuple[CarTyreSummary, ...]:
    """Per car at the event (every entry, and any other car with tyres there), by number."""
    kind = TyreType(tyre_type)
    season = list(tyres)
    at_event = [
        t
        for t in season
        if t.event == event and t.tyre_type is kind and t.status is not TyreStatus.VOID
    ]
    quota = rules.quota(kind)
    cars = set(entries) | {t.car for t in at_event}
    rows = []
    for car in sorted(cars, key=car_number_key):
        mine = [t for t in at_event if t.car == car]
        registered = quota_used(season, car, event, kind)
        rows.append(
            CarTyreSummary(
                car=car,
                driver=entries.get(car),
                tyre_type=kind,
                registered=registered,
                quota=quota,
                left=None if quota is None else max(quota - registered, 0),
                carried_over=sum(1 for t in mine if t.carried_from is not None),
                replacements=sum(1 for t in mine if t.replacement),
                scrapped=sum(1 for t in mine if t.status is TyreStatus.SCRAPPED),
            )
        )
    return tuple(rows)
