"""Al Kamel exports in the variants in circulation, and the refusals with FILE:LINE."""

from __future__ import annotations

import pytest

from paddock.errors import InputError
from paddock.rules.classification import SessionType, Status
from paddock.timing.detect import read_timing_bytes
from paddock.timing.records import FileKind

TIME_CARDS_HEADER = (
    "NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; CROSSING_FINISH_LINE_IN_PIT; "
    "S1; S1_IMPROVEMENT; S2; S2_IMPROVEMENT; S3; S3_IMPROVEMENT; KPH; ELAPSED; HOUR;"
    "S1_LARGE;S2_LARGE;S3_LARGE;TOP_SPEED;DRIVER_NAME;PIT_TIME;CLASS;GROUP;TEAM;MANUFACTURER;"
    "FLAG_AT_FL"
)
SECTIONS = "S1_SECONDS;S2_SECONDS;S3_SECONDS;IM1a_time;IM1a_elapsed;IM1_time;IM1_elapsed"


def lap_line(number: str, lap: int, time: str, elapsed: str, pit: str = "", flag: str = "GF"):
    return (
        f"{number};1;{lap};{time};0;{pit};43.680;0;57.535;0;56.982;0;124.5;{elapsed};"
        f"17:02:37.817;0:43.680;0:57.535;0:56.982;233.8;Dwayne Moses;;Am;;ProSport;Aston;{flag}"
    )


def test_reads_semicolon_time_cards_without_bom_or_trailing_separator() -> None:
    text = "\n".join(
        [
            TIME_CARDS_HEADER,
            lap_line("007", 1, "2:38.197", "2:38.197"),
            lap_line("007", 2, "2:21.004", "4:59.201", pit="B"),
            lap_line("7", 1, "2:40.000", "2:40.000", flag="FCY"),
        ]
    )
    f = read_timing_bytes(text.encode(), "23_Time Cards_Race 1.CSV")
    assert f.kind is FileKind.ALKAMEL_TIME_CARDS
    first, second, other = f.laps
    assert (first.number, first.lap, first.lap_time_ms, first.elapsed_ms) == (
        "007",
        1,
        158_197,
        158_197,
    )
    assert first.line == 2 and first.driver_name == "Dwayne Moses" and first.class_name == "Am"
    assert first.hour == "17:02:37.817" and first.hour_ms == 61_357_817
    assert second.in_pit and not first.in_pit
    assert other.number == "7" and other.flag == "FCY"  # "007" and "7" are two cars
    assert f.numbers == ("007", "7")


def test_reads_analysis_with_sections_and_extra_columns_in_another_order() -> None:
    header = "LAP_TIME;NUMBER;" + SECTIONS + ";ELAPSED;LAP_NUMBER;TOP_SPEED;"
    rows = ["1:41.215;021;43.680;24.706;32.829;;;;;2:09.092;3;233.8;"]
    f = read_timing_bytes(("\n".join([header, *rows]) + "\n").encode(), "23_Analysis.CSV")
    (lap,) = f.laps
    assert (lap.number, lap.lap, lap.lap_time_ms, lap.elapsed_ms) == ("021", 3, 101_215, 129_092)


def test_refuses_a_lap_given_twice_naming_both_lines() -> None:
    text = "\n".join(
        [
            TIME_CARDS_HEADER,
            lap_line("12", 1, "2:38.197", "2:38.197"),
            lap_line("12", 2, "2:38.197", "5:16.394"),
            lap_line("12", 2, "2:38.197", "5:16.394"),
        ]
    )
    with pytest.raises(InputError) as caught:
        read_timing_bytes(text.encode(), "tc.csv")
    assert str(caught.value) == (
        "tc.csv:4: car 12 lap 2 is given twice (first on line 3) (column LAP_NUMBER)"
    )


def test_refuses_a_lap_time_that_does_not_parse() -> None:
    text = "\n".join([TIME_CARDS_HEADER, lap_line("12", 1, "2:3x.197", "2:38.197")])
    with pytest.raises(InputError, match=r"^tc.csv:2: '2:3x.197' is not a time.*LAP_TIME"):
        read_timing_bytes(text.encode(), "tc.csv")


RACE_RESULTS = (
    "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;GAP_PREVIOUS;FL_LAPNUM;FL_TIME;FL_KPH;TEAM;"
    "CLASS;GROUP;DIVISION;VEHICLE;TIRES;ECM Participant Id;*Extra 7;Sort Key;DRIVER_FIRSTNAME;"
    "DRIVER_SECONDNAME;DRIVER_LICENSE;DRIVER_HOMETOWN;DRIVER_COUNTRY;DRIVER_SHORTNAME;\n"
    "1.0;13;Classified;23;45:30.694;-;-;13;1:40.747;140.3;BSI Racing;Am;;GR Cup;Toyota GR86;;;;;"
    "Westin;Workman;;;USA;WRK;\n"
    "2.0;055;Classified;23;45:30.850;+0.156;+0.156;12;1:40.409;140.7;RVA;Pro;;GR Cup;GR86;;;;;"
    "Spike;Kohlbecker;;;USA;KHL;\n"
    "3.0;21;Retired;4;9:01.000;19 Laps;19 Laps;2;1:42.000;139.0;X;Am;;;;;;;;Ford;Koch;;;USA;;\n"
    ";99;Not started;0;;;;0;;;Y;Am;;;;;;;;A;B;;;CAN;;\n"
)


def test_reads_one_make_cup_race_results() -> None:
    f = read_timing_bytes(RACE_RESULTS.encode(), "03_Provisional Results_Race 1.CSV")
    assert f.kind is FileKind.ALKAMEL_RACE_RESULTS
    assert f.session_hint is SessionType.RACE
    first, second, retired, dns = f.results
    assert (first.position, first.number, first.laps, first.total_time_ms) == (
        1,
        "13",
        23,
        2_730_694,
    )
    assert (first.best_lap_ms, first.best_lap_number) == (100_747, 13)
    assert (first.driver, first.driver_country, first.class_name) == ("Westin Workman", "USA", "Am")
    assert second.number == "055" and second.gap_first == "+0.156"
    assert (retired.status, retired.status_text) == (Status.DNF, "Retired")
    assert (dns.position, dns.status, dns.laps, dns.total_time_ms) == (None, Status.DNS, 0, None)
    assert dns.best_lap_number is None  # Al Kamel's "0" for no fastest lap
    assert f.classes() == {"13": "Am", "055": "Pro", "21": "Am", "99": "Am"}


def test_refuses_a_car_listed_twice_in_results() -> None:
    text = RACE_RESULTS + "4;13;Classified;1;1:40.000;;;1;1:40.000;;;Am;" + ";" * 13 + "\n"
    with pytest.raises(InputError, match=r"car 13 is listed twice \(first on line 2\)"):
        read_timing_bytes(text.encode(), "r.csv")


def test_reads_qualifying_results_with_a_spaced_header() -> None:
    text = (
        "\ufeffPOS,NUMBER,LAP,TIME,GAP_FIRST,GAP_PREVIOUS,KPH, LAPS,TEAM,CLASS,"
        "DRIVER1_FIRSTNAME,DRIVER1_SECONDNAME,DRIVER1_COUNTRY,\n"
        "1,10,11,1:09.909,-,-,163.1,13,Konica,GTP,Ricky,Taylor,USA,\n"
        "2,01,13,1:10.981,+1.072,+1.072,160.6,13,Cadillac,GTP,Sebastien,Bourdais,FRA,\n"
        "3,5,,,,,,2,Z,GTD,,,,\n"
    )
    f = read_timing_bytes(text.encode("utf-8"), "q.csv")
    assert f.kind is FileKind.ALKAMEL_QUALIFYING_RESULTS
    assert f.session_hint is SessionType.QUALIFYING
    pole, second, untimed = f.results
    assert (pole.number, pole.best_lap_ms, pole.best_lap_number, pole.laps) == (
        "10",
        69_909,
        11,
        13,
    )
    assert second.number == "01" and second.driver == "Sebastien Bourdais"
    assert (untimed.best_lap_ms, untimed.best_lap_number, untimed.laps) == (None, None, 2)


def test_reads_results_by_class() -> None:
    text = (
        "CLASS_TYPE;POS;PIC;NUMBER;TEAM;VEHICLE;DRIVERS;LAPS;ELAPSED;GAP_FIRST;GAP_PREVIOUS;"
        "BEST_LAP_NUM;BEST_LAP_TIME;BEST_LAP_KPH;\n"
        "Silver;1;1;68;RAFA;Supra GT4;Gresham Wagner / Tyler Gonzalez;72;3:01:32.386;;;17;"
        "2:15.187;145.7;\n"
        "Am;4;1;03;Other;GR86;Jo Doe;70;3:01:40.000;;;9;2:16.000;140.0;\n"
    )
    f = read_timing_bytes(text.encode(), "05_Results by Class_Race 1.CSV")
    assert f.kind is FileKind.ALKAMEL_RESULTS_BY_CLASS
    silver, am = f.results
    assert (silver.position, silver.class_position, silver.class_name) == (1, 1, "Silver")
    assert silver.total_time_ms == 10_892_386 and silver.best_lap_number == 17
    assert silver.drivers == ("Gresham Wagner", "Tyler Gonzalez")
    assert (am.number, am.position, am.class_position) == ("03", 4, 1)


def test_refuses_a_file_of_unknown_kind_saying_what_is_accepted() -> None:
    text = (
        "NUMBER;VEHICLE;CLASS;TOTAL_DRIVER_LAPS;BESTLAP_1;BESTLAP_1_LAPNUM;AVERAGE\n"
        "13;GR86;Am;23;1:40.7;13;1:41.2\n"
    )
    with pytest.raises(InputError) as caught:
        read_timing_bytes(text.encode(), "99_Best 10 Laps By Driver_Race 1.CSV")
    message = str(caught.value)
    assert message.startswith("99_Best 10 Laps By Driver_Race 1.CSV:1: not a timing file")
    assert (
        "Al Kamel time cards" in message and "generic laps (number,lap,lap_time,elapsed)" in message
    )


def test_refuses_a_header_without_rows() -> None:
    with pytest.raises(InputError, match=r"^tc.csv:2: no data rows"):
        read_timing_bytes((TIME_CARDS_HEADER + "\n").encode(), "tc.csv")


def test_empty_and_non_utf8_files_are_refused() -> None:
    with pytest.raises(InputError, match=r"^e.csv:1: the file is empty"):
        read_timing_bytes(b"\xef\xbb\xbf", "e.csv")
    latin1 = "POS;NUMBER;LAP;TIME\n1;7;3;1:10.000\n2;8;3;1:11.000;Sébastien\n".encode("latin-1")
    with pytest.raises(InputError, match=r"^l.csv:3: not UTF-8"):
        read_timing_bytes(latin1, "l.csv")


def test_reads_wec_style_results_with_one_column_per_driver() -> None:
    text = (
        "POSITION;NUMBER;TEAM;DRIVER_1;DRIVER_2;VEHICLE;CATEGORY;LAPS;TOTAL_TIME;GAP_FIRST;"
        "FL_LAPNUM;FL_TIME\n"
        "1;50;Ferrari AF Corse;Antonio FUOCO;Miguel MOLINA;Ferrari 499P;HYPERCAR;342;"
        "24:00:38.019;;201;3:27.123\n"
    )
    f = read_timing_bytes(text.encode(), "wec.csv")
    (line,) = f.results
    assert (line.class_name, line.total_time_ms, line.laps) == ("HYPERCAR", 86_438_019, 342)
    assert line.drivers == ("Antonio FUOCO", "Miguel MOLINA")
    assert line.driver == "Antonio FUOCO"
