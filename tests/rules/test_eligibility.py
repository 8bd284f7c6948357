from datetime import date

import pytest

from paddock.rules.eligibility import (
    AgeRule,
    ClassRule,
    EntryFacts,
    age_on,
    check_entry,
    is_junior,
    team_championship_eligible,
)

PRO = ClassRule("Pro", ("992",))
PRO_AM = ClassRule("Pro-Am", ("992", "991.2"), requires_gentleman=True)
ROOKIE = ClassRule("Rookie", ("992", "991.2"), max_age=23)
AGES = AgeRule(reference=date(2021, 1, 1))
CARS = ("992", "991.2")
CLASSES = ("Pro", "Pro-Am", "Rookie")


def facts(**kw: object) -> EntryFacts:
    base: dict[str, object] = dict(
        number="7", driver="Ada Lindqvist", date_of_birth=date(2000, 5, 1), car="992",
        class_name="Pro", gentleman=False, full_season=True,
    )
    base.update(kw)
    return EntryFacts(**base)  # type: ignore[arg-type]


def check(f: EntryFacts, rule: ClassRule | None) -> list[str]:
    return check_entry(f, rule, AGES, known_cars=CARS, known_classes=CLASSES)


def test_age_counts_the_birthday_on_the_reference_day() -> None:
    assert age_on(date(1997, 1, 1), date(2021, 1, 1)) == 24
    assert age_on(date(1997, 1, 2), date(2021, 1, 1)) == 23


@pytest.mark.parametrize(("born", "junior"), [(date(1997, 1, 2), True), (date(1997, 1, 1), False)])
def test_junior_is_23_or_younger_on_1_january(born: date, junior: bool) -> None:
    assert is_junior(born, AGES) is junior


def test_rookie_aged_24_is_refused_with_the_rule_and_the_fix() -> None:
    problems = check(facts(class_name="Rookie", date_of_birth=date(1996, 6, 1)), ROOKIE)
    assert len(problems) == 1
    assert "Car 7 (Ada Lindqvist)" in problems[0]
    assert "aged 23 or younger" in problems[0] and "is 24" in problems[0]
    assert "Pro or Pro-Am" in problems[0]


def test_rookie_aged_23_is_accepted() -> None:
    assert check(facts(class_name="Rookie", date_of_birth=date(1997, 1, 2)), ROOKIE) == []


def test_pro_needs_the_992() -> None:
    (problem,) = check(facts(car="991.2"), PRO)
    assert "requires the 992" in problem and "991.2" in problem


def test_pro_am_needs_the_gentleman_declaration_and_takes_either_car() -> None:
    (problem,) = check(facts(class_name="Pro-Am", car="991.2"), PRO_AM)
    assert "gentleman" in problem
    assert check(facts(class_name="Pro-Am", car="991.2", gentleman=True), PRO_AM) == []


def test_unknown_class_and_car_and_bad_number_are_all_reported() -> None:
    problems = check(facts(number="7a", car="997", class_name="GT3"), None)
    text = "\n".join(problems)
    assert "car number '7a'" in text
    assert "car '997'" in text
    assert "class 'GT3'" in text and "Pro, Pro-Am, Rookie" in text


def test_a_class_added_by_the_season_is_checked_by_its_data() -> None:
    pro_am_991 = ClassRule("Pro-Am 991", ("991.2",), requires_gentleman=True)
    (problem,) = check(facts(class_name="Pro-Am 991", gentleman=True), pro_am_991)
    assert "requires the 991.2" in problem


def test_team_points_only_for_full_season_current_car() -> None:
    assert team_championship_eligible(facts(), "992")
    assert not team_championship_eligible(facts(full_season=False), "992")
    assert not team_championship_eligible(facts(car="991.2"), "992")
