"""An entry list is refused with every problem of every row at once, and nothing written."""

from pathlib import Path

import pytest

from paddock.errors import RuleViolation
from paddock.services.database import Database
from paddock.services.entries import import_entries_csv, list_entries

HEADER = (
    "number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,full_season\n"
)
# Line 2 is sound; 3 has a date that cannot be read AND a car its class does not admit;
# 4 breaks the Rookie age rule; 5 is short; 6 has an unknown class and a bad yes/no;
# 7 repeats line 2's number.
BODY = (
    "101,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n"
    "102,Bo,Lund,06/05/1999,SWE,T,991.2,Pro,no,yes\n"
    "103,Cy,Marsh,1980-01-01,USA,T,992,Rookie,no,yes\n"
    "104,Di,Moss\n"
    "105,Ed,Nash,1990-01-01,usa,T,992,GT3 Cup,maybe,yes\n"
    "101,Fay,Orr,1990-01-01,CAN,T,992,Pro,no,yes\n"
)


def test_every_bad_row_and_every_rule_it_breaks_is_listed_in_file_order(
        db: Database, tmp_path: Path) -> None:
    path = tmp_path / "entries.csv"
    path.write_text(HEADER + BODY, encoding="utf-8")
    before = list_entries(db)
    with pytest.raises(RuleViolation) as err:
        import_entries_csv(db, path)
    lines = list(err.value.problems)
    assert lines == [
        f"{path}:3: date_of_birth: '06/05/1999' is not a date in the form YYYY-MM-DD",
        f"{path}:3: car: Car 102 (Bo Lund): class Pro requires the 992; this car is a 991.2. "
        "Change the car or choose a class open to the 991.2.",
        f"{path}:4: date_of_birth: Car 103 (Cy Marsh): class Rookie is only for drivers aged 23 "
        "or younger on 2021-01-01; Cy Marsh is 41. Enter the car in Pro or Pro-Am.",
        f"{path}:5: expected 10 fields, found 3",
        f"{path}:6: gentleman: must be yes or no, not 'maybe'",
        f"{path}:6: class: Car 105 (Ed Nash): class 'GT3 Cup' is not a class of this season; "
        "choose one of Pro, Pro-Am, Rookie",
        f"{path}:7: number: Car 101: number entered twice (first at {path}:2)",
    ]
    assert list_entries(db) == before


def test_a_number_the_season_already_has_is_listed_with_the_other_problems(
        db: Database, tmp_path: Path) -> None:
    path = tmp_path / "entries.csv"
    path.write_text(HEADER + "7,Ana,Reyes,1999-05-06,MEX,T,992,Pro,no,yes\n"
                    + "8,Bo,Lund,1999-05-06,SWE,,992,Pro,no,yes\n", encoding="utf-8")
    with pytest.raises(RuleViolation) as err:
        import_entries_csv(db, path)
    assert err.value.problems == (
        f"{path}:2: number: Car 7: the number is already entered this season",
        f"{path}:3: team: is empty",
        f"{path}:3: number: Car 8: the number is already entered this season",
    )
