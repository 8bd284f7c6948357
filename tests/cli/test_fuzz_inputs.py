"""Seeded fuzz: damaged entry lists and timing files are refused whole through the CLI.

Each case writes a sound file (an entry list, Al Kamel time cards or race results, for cars
entered at Sebring), damages it one way (cut mid-line, a line removed, repeated or moved,
a field replaced by junk: other digits, huge numbers, impossible times, unknown words,
a 200 KB field, a NUL or a non-UTF-8 byte), sometimes with CR-only line ends, and runs
``paddock ... import`` in-process. Every case must exit 1, name the file and line on every
line of stderr, print no traceback, and leave the database exactly as it was. The real
Long Beach race files (when present) are damaged the same ways, into a season entering
their cars.

Damage is chosen so that the file itself shows it: a time-cards line removed from the
middle of a car's laps (a car's last lap removed is only seen beside the results file,
`paddock.timing.sanity.cross_check`), a results line removed above the last position, an
entry list cut before its last field ends ("yes" cut to "y" still means yes).
"""

from __future__ import annotations

import csv
import hashlib
import os
import random
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from paddock.cli import main
from paddock.rules.laptime import format_laptime, format_racetime
from paddock.services.database import open_database
from paddock.services.entries import import_entries_csv, list_entries
from paddock.services.season import add_class

CASES = 80  # per kind of file: 240 imports (+ ~70 CR twins), about 10 s of CPU

ENTRY_HEADER = (
    "number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman,full_season"
)
CARD_COLUMNS = ("NUMBER", "DRIVER_NUMBER", "LAP_NUMBER", "LAP_TIME", "LAP_IMPROVEMENT",
                "CROSSING_FINISH_LINE_IN_PIT", "S1", "KPH", "ELAPSED", "HOUR", "DRIVER_NAME",
                "PIT_TIME", "CLASS", "TEAM", "FLAG_AT_FL")
RESULT_COLUMNS = ("POSITION", "NUMBER", "STATUS", "LAPS", "TOTAL_TIME", "GAP_FIRST",
                  "FL_LAPNUM", "FL_TIME", "TEAM", "CLASS", "DRIVER1_FIRSTNAME",
                  "DRIVER1_SECONDNAME", "DRIVER1_COUNTRY")

# Junk that no sound file holds in that column.
BAD_COUNTS = ["0", "1000000", "99999999999999999999", "١٢", "²", "-1", "3.5", "1e3", "Banana",
              "12 3"]
BAD_TIMES = ["0.000", "59:59:59.999", "1:1", "١:٢٣.٤٥٦", "1:2³.456", "1:23.4567", "Banana",
             "99999999999999999999", "-1:00.000", "1:23.4", "1:61.000"]
BAD_NUMBERS = ["١٢", "²", "99999999999999999999", "", "７"]


@dataclass(frozen=True)
class Field:
    """The fuzz's database: the demo season with Sebring's R1 laps already imported."""

    db: Path
    numbers: tuple[str, ...]  # the cars entered at Sebring
    folder: Path  # where the damaged files are written
    digest: str  # `dump` of the database before any case


@dataclass
class Damaged:
    """A damaged file: its lines (without ends) or raw bytes, and how it was damaged."""

    lines: list[str]
    how: str
    tail: bool = True  # end the last line with a line end
    raw: Callable[[bytes], bytes] | None = None


def dump(db: Path) -> str:
    """A digest of every row of every table: equal digests, nothing written."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def field(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Field]:
    folder = tmp_path_factory.mktemp("fuzz")
    db_path = folder / "paddock.db"
    assert main(["init", "--demo", "--db", str(db_path)]) == 0
    database = open_database(db_path)
    numbers = tuple(entry.number for entry in list_entries(database, event=1))
    database.close()
    laps = folder / "laps.csv"
    laps.write_bytes(time_cards(random.Random(0), numbers, trailing=True))
    assert main(["--db", str(db_path), "results", "import", "--event", "1", "--session", "R1",
                 str(laps)]) == 0
    yield Field(db_path, numbers, folder, dump(db_path))


# --- sound files ---------------------------------------------------------------------------


def race(chooser: random.Random, numbers: tuple[str, ...]) -> dict[str, list[int]]:
    """Each car's lap times (ms); some cars retire early."""
    cars = chooser.sample(numbers, chooser.randint(4, 9))
    laps = chooser.randint(4, 14)
    return {car: [chooser.randint(80_000, 120_000)
                  for _ in range(laps if chooser.random() < 0.8 else chooser.randint(1, laps))]
            for car in cars}


def join(columns: tuple[str, ...], values: dict[str, str], delimiter: str,
         trailing: bool) -> str:
    return delimiter.join(values.get(c, "") for c in columns) + (delimiter if trailing else "")


def time_cards(chooser: random.Random, numbers: tuple[str, ...], *, trailing: bool) -> bytes:
    delimiter = chooser.choice([",", ";"])
    lines = [join(CARD_COLUMNS, {c: c for c in CARD_COLUMNS}, delimiter, trailing)]
    crossings = []
    for car, times in race(chooser, numbers).items():
        elapsed = 0
        for lap, ms in enumerate(times, start=1):
            elapsed += ms
            crossings.append((elapsed, car, lap, ms))
    if chooser.random() < 0.5:  # in order of crossing, as some exports, else car by car
        crossings.sort()
    for elapsed, car, lap, ms in crossings:
        lines.append(join(CARD_COLUMNS, {
            "NUMBER": car, "DRIVER_NUMBER": "1", "LAP_NUMBER": str(lap),
            "LAP_TIME": format_laptime(ms), "LAP_IMPROVEMENT": "0", "S1": "32.533",
            "KPH": "118.1", "ELAPSED": format_racetime(elapsed),
            "HOUR": format_racetime(50_000_000 + elapsed), "DRIVER_NAME": "Jo Doe",
            "CLASS": "Pro", "TEAM": "Kestrel Motorsport", "FLAG_AT_FL": "GF"}, delimiter,
            trailing))
    return "\n".join(lines).encode() + b"\n"


def race_results(chooser: random.Random, numbers: tuple[str, ...], *, trailing: bool) -> bytes:
    delimiter = chooser.choice([",", ";"])
    lines = [join(RESULT_COLUMNS, {c: c for c in RESULT_COLUMNS}, delimiter, trailing)]
    cars = race(chooser, numbers)
    order = sorted(cars, key=lambda car: (-len(cars[car]), sum(cars[car])))
    for position, car in enumerate(order, start=1):
        times = cars[car]
        best = min(range(len(times)), key=times.__getitem__)
        lines.append(join(RESULT_COLUMNS, {
            "POSITION": str(position), "NUMBER": car,
            "STATUS": "Classified" if len(times) == len(cars[order[0]]) else "Retired",
            "LAPS": str(len(times)), "TOTAL_TIME": format_racetime(sum(times)),
            "FL_LAPNUM": str(best + 1), "FL_TIME": format_laptime(times[best]),
            "TEAM": "Kestrel Motorsport", "CLASS": "Pro", "DRIVER1_FIRSTNAME": "Jo",
            "DRIVER1_SECONDNAME": "Doe", "DRIVER1_COUNTRY": "USA"}, delimiter, trailing))
    absent = [n for n in numbers if n not in cars]
    lines.append(join(RESULT_COLUMNS, {"NUMBER": absent[0], "STATUS": "Not started",
                                       "LAPS": "0", "FL_LAPNUM": "0"}, delimiter, trailing))
    return "\n".join(lines).encode() + b"\n"


def entry_list(chooser: random.Random) -> bytes:
    lines = [ENTRY_HEADER]
    for number in chooser.sample(range(100, 999), chooser.randint(2, 8)):
        lines.append(f"{number},Ana,Reyes,1999-05-{chooser.randint(10, 28)},MEX,New Team,992,"
                     f"Pro,no,{chooser.choice(['yes', 'no'])}")
    return "\n".join(lines).encode() + b"\n"


# --- damage ----------------------------------------------------------------------------------


def split(data: bytes) -> list[str]:
    return data.decode().rstrip("\n").split("\n")


def cut(lines: list[str], chooser: random.Random, *, keep_last_field: bool) -> Damaged:
    """The file ends inside a line.

    Never at a line end (a cut there leaves a sound, shorter file: only the results file
    beside it can tell), nor where only separators are left (",,," is an empty row, as
    spreadsheets write them).
    """
    index = chooser.randrange(1, len(lines))
    line = lines[index]
    last_field = max(line.rstrip(",;").rfind(","), line.rstrip(",;").rfind(";")) + 1
    end = last_field if keep_last_field else len(line) - 1
    ends = [k for k in range(1, end + 1) if line[:k].strip(",;")]
    return Damaged([*lines[:index], line[: chooser.choice(ends)]],
                   f"cut inside line {index + 1}", tail=False)


def junk(lines: list[str], chooser: random.Random, columns: dict[str, list[str]],
         rows: list[int] | None = None) -> Damaged:
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    header = [name.strip() for name in lines[0].split(delimiter)]
    column = chooser.choice(sorted(columns))
    index = chooser.choice(rows or list(range(1, len(lines))))
    fields = lines[index].split(delimiter)
    value = chooser.choice(columns[column])
    fields[header.index(column)] = value
    return Damaged([*lines[:index], delimiter.join(fields), *lines[index + 1:]],
                   f"{column} on line {index + 1} is {value!r}")


def raw_damage(lines: list[str], chooser: random.Random) -> Damaged:
    """Bytes no text file holds, or a field past the csv module's limit."""
    index = chooser.randrange(1, len(lines))
    kind = chooser.choice(["nul", "latin-1", "huge"])
    if kind == "huge":
        line = lines[index]
        return Damaged([*lines[:index], line[:3] + "x" * 200_000 + line[3:], *lines[index + 1:]],
                       f"a 200 KB field on line {index + 1}")
    marker = f"@{index}@"
    lines = [*lines[:index], lines[index][:2] + marker + lines[index][2:], *lines[index + 1:]]
    byte = b"\0" if kind == "nul" else b"\xe9"
    return Damaged(lines, f"{kind} byte on line {index + 1}",
                   raw=lambda data: data.replace(marker.encode(), byte))


def car_lines(lines: list[str]) -> dict[str, list[int]]:
    """Each car's line indexes, in file order."""
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    found: dict[str, list[int]] = {}
    for index, line in enumerate(lines[1:], start=1):
        found.setdefault(line.split(delimiter)[0], []).append(index)
    return found


def damage_time_cards(chooser: random.Random, numbers: tuple[str, ...]) -> Damaged:
    how = chooser.choice(["cut", "remove", "repeat", "move", "junk", "junk", "raw"])
    lines = split(time_cards(chooser, numbers, trailing=how == "cut" or chooser.random() < 0.5))
    by_car = car_lines(lines)
    long_cars = [indexes for indexes in by_car.values() if len(indexes) >= 3]
    if how == "cut":
        return cut(lines, chooser, keep_last_field=False)
    if how == "remove" and long_cars:
        index = chooser.choice(chooser.choice(long_cars)[1:-1])
        return Damaged(lines[:index] + lines[index + 1:], f"line {index + 1} removed")
    if how == "repeat":
        index = chooser.randrange(1, len(lines))
        at = chooser.randrange(1, len(lines) + 1)
        return Damaged([*lines[:at], lines[index], *lines[at:]], f"line {index + 1} repeated")
    if how == "move" and long_cars:
        first, second = sorted(chooser.sample(chooser.choice(long_cars), 2))
        moved = list(lines)
        moved[first], moved[second] = moved[second], moved[first]
        return Damaged(moved, f"lines {first + 1} and {second + 1} swapped")
    if how == "raw":
        return raw_damage(lines, chooser)
    return junk(lines, chooser, {"NUMBER": BAD_NUMBERS, "LAP_NUMBER": BAD_COUNTS,
                                 "LAP_TIME": BAD_TIMES, "ELAPSED": BAD_TIMES})


def damage_results(chooser: random.Random, numbers: tuple[str, ...]) -> Damaged:
    how = chooser.choice(["cut", "remove", "repeat", "junk", "junk", "duplicate", "raw"])
    lines = split(race_results(chooser, numbers, trailing=how == "cut" or chooser.random() < 0.5))
    classified = list(range(1, len(lines) - 2))  # every line above the last position
    if how == "cut":
        return cut(lines, chooser, keep_last_field=False)
    if how == "remove":
        index = chooser.choice(classified)
        return Damaged(lines[:index] + lines[index + 1:], f"line {index + 1} removed")
    if how == "repeat":
        index = chooser.randrange(1, len(lines))
        return Damaged([*lines, lines[index]], f"line {index + 1} repeated")
    if how == "duplicate":  # two cars at one position
        first, second = chooser.sample(classified, 2)
        delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
        position = lines[first].split(delimiter)[0]
        fields = lines[second].split(delimiter)
        fields[0] = position
        changed = list(lines)
        changed[second] = delimiter.join(fields)
        return Damaged(changed, f"line {second + 1} at position {position}, as line {first + 1}")
    if how == "raw":
        return raw_damage(lines, chooser)
    return junk(lines, chooser, {"POSITION": BAD_COUNTS[1:], "NUMBER": BAD_NUMBERS,
                                 "STATUS": ["Banana", "١٢", "Classifed"], "LAPS": BAD_COUNTS[1:],
                                 "TOTAL_TIME": BAD_TIMES, "FL_TIME": BAD_TIMES,
                                 "FL_LAPNUM": BAD_COUNTS}, rows=classified)


def damage_entries(chooser: random.Random, numbers: tuple[str, ...]) -> Damaged:
    how = chooser.choice(["cut", "repeat", "junk", "junk", "junk", "raw"])
    lines = split(entry_list(chooser))
    if how == "cut":
        return cut(lines, chooser, keep_last_field=True)
    if how == "repeat":
        index = chooser.randrange(1, len(lines))
        return Damaged([*lines, lines[index]], f"line {index + 1} repeated")
    if how == "raw":
        return raw_damage(lines, chooser)
    columns = ENTRY_HEADER.split(",")
    bad = {
        "number": [*BAD_NUMBERS, "1234", "7"],  # 7 is entered already
        "date_of_birth": ["١٩٩٩-٠٥-٠٦", "19990506", "1999-13-01", "1999-02-30", "²⁰⁰⁰-01-01",
                          "", "1999-W01-1"],
        "nationality": ["١٢٣", "U$A", "", "US"],
        "car": ["99²", "", "993"],
        "class": ["Banana", ""],
        "gentleman": ["maybe", "١", ""],
        "first_name": ["", "A" * 300, "A\x1bB"],
    }
    return junk(lines, chooser, {c: bad[c] for c in columns if c in bad})


# --- the cases ---------------------------------------------------------------------------------


def import_command(kind: str, path: Path) -> list[str]:
    if kind == "entries":
        return ["entries", "import", str(path)]
    return ["results", "import", "--event", "1", "--session", "R1", str(path)]


DAMAGE = {"time-cards": damage_time_cards, "results": damage_results, "entries": damage_entries}


def run(capsys: pytest.CaptureFixture[str], field: Field, kind: str, path: Path,
        data: bytes) -> tuple[int, str]:
    path.write_bytes(data)
    code = main(["--db", str(field.db), *import_command(kind, path)])
    return code, capsys.readouterr().err


def assert_refused(code: int, err: str, path: Path, how: str) -> None:
    assert code == 1, f"{how}: accepted ({err!r})"
    assert "Traceback" not in err, f"{how}: {err}"
    shape = re.compile(rf"(paddock: )?{re.escape(str(path))}:[0-9]+: \S.*")
    lines = err.rstrip("\n").split("\n")
    assert lines and all(shape.fullmatch(line) for line in lines), f"{how}: {err!r}"


@pytest.mark.parametrize("seed", range(CASES))
@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_file_is_refused_with_its_line_and_nothing_written(
    field: Field, capsys: pytest.CaptureFixture[str], kind: str, seed: int
) -> None:
    chooser = random.Random(f"{kind}-{seed}")
    damaged = DAMAGE[kind](chooser, field.numbers)
    text = "\n".join(damaged.lines) + ("\n" if damaged.tail else "")
    data = text.encode()
    if damaged.raw is not None:
        data = damaged.raw(data)
    if chooser.random() < 0.2:
        data = b"\xef\xbb\xbf" + data
    path = field.folder / f"{kind}.csv"
    code, err = run(capsys, field, kind, path, data)
    assert_refused(code, err, path, damaged.how)
    if chooser.random() < 0.3:  # CR-only line ends: the same refusal, the same line
        cr_code, cr_err = run(capsys, field, kind, path,
                              data.replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
        assert (cr_code, cr_err) == (code, err), damaged.how
    # Against the digest taken before the first case: a file ever accepted shows here.
    assert dump(field.db) == field.digest, f"{damaged.how}: the database changed"


def test_the_sound_files_the_fuzz_damages_are_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "sound.db"
    assert main(["init", "--demo", "--db", str(db)]) == 0
    database = open_database(db)
    numbers = tuple(entry.number for entry in list_entries(database, event=1))
    database.close()
    sound = Field(db, numbers, tmp_path, "")
    for seed in range(3):
        chooser = random.Random(seed)
        for kind, data in (("time-cards", time_cards(chooser, numbers, trailing=seed == 1)),
                           ("results", race_results(chooser, numbers, trailing=seed == 2)),
                           ("entries", entry_list(random.Random(seed + 100)))):
            for ending in (b"\n", b"\r"):
                path = tmp_path / f"{kind}-{seed}.csv"
                code, err = run(capsys, sound, kind, path, data.replace(b"\n", ending))
                assert (code, err) == (0, ""), f"{kind} {seed}: {err}"
                if kind == "entries":
                    break  # imported once: a second import would enter the cars twice


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_what_is_not_a_file_is_refused_in_one_line(
    field: Field, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    for path in (fifo, tmp_path, Path("/dev/zero"), tmp_path / "missing.csv"):
        if not path.exists() and path.name != "missing.csv":
            continue
        code = main(["--db", str(field.db), *import_command(kind, path)])
        err = capsys.readouterr().err
        assert code == 1 and re.fullmatch(rf"paddock: {re.escape(str(path))}: [^\n]+\n", err), err
    assert dump(field.db) == field.digest


# --- the real Long Beach files, damaged ------------------------------------------------------

LONG_BEACH = "2023_08-long-beach-street-circuit_202304151405-race-"


@pytest.fixture(scope="module")
def long_beach(tmp_path_factory: pytest.TempPathFactory, imsa_data: Path) -> Iterator[Field]:
    """A season whose entry list is the Long Beach race field (as tests/services does)."""
    folder = tmp_path_factory.mktemp("long-beach")
    db_path = folder / "p.db"
    database = open_database(db_path)
    for name in ("GTP", "GTD", "GTDPRO"):
        add_class(database, name)
    with (imsa_data / f"{LONG_BEACH}results.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = [[cell.strip() for cell in row] for row in csv.reader(f)]
    header = rows[0]
    entries = folder / "entries.csv"
    with entries.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(ENTRY_HEADER.split(","))
        for row in rows[1:]:
            line = dict(zip(header, row, strict=False))
            out.writerow([line["NUMBER"], line["DRIVER1_FIRSTNAME"], line["DRIVER1_SECONDNAME"],
                          "1990-01-01", line["DRIVER1_COUNTRY"] or "USA", line["TEAM"], "992",
                          line["CLASS"], "no", "yes"])
    import_entries_csv(database, entries)
    numbers = tuple(entry.number for entry in list_entries(database, event=1))
    database.close()
    yield Field(db_path, numbers, folder, dump(db_path))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("kind", ["laps", "results"])
def test_the_real_long_beach_files_damaged_are_refused(
    long_beach: Field, imsa_data: Path, capsys: pytest.CaptureFixture[str], kind: str, seed: int
) -> None:
    chooser = random.Random(f"long-beach-{kind}-{seed}")
    data = (imsa_data / f"{LONG_BEACH}{kind}.csv").read_bytes()
    lines = data.decode("utf-8-sig").rstrip("\n").split("\n")
    how = chooser.choice(["cut", "remove", "repeat"])
    if how == "cut":
        damaged = cut(lines, chooser, keep_last_field=False)
    elif how == "remove" and kind == "laps":
        by_car = [indexes for indexes in car_lines(lines).values() if len(indexes) >= 3]
        index = chooser.choice(chooser.choice(by_car)[1:-1])
        damaged = Damaged(lines[:index] + lines[index + 1:], f"line {index + 1} removed")
    elif how == "remove":
        index = chooser.randrange(1, 25)  # positions 1-24 of 26
        damaged = Damaged(lines[:index] + lines[index + 1:], f"line {index + 1} removed")
    else:
        index = chooser.randrange(1, len(lines))
        damaged = Damaged([*lines, lines[index]], f"line {index + 1} repeated")
    text = "\n".join(damaged.lines) + ("\n" if damaged.tail else "")
    path = long_beach.folder / f"{kind}.csv"
    code, err = run(capsys, long_beach, "time-cards", path, b"\xef\xbb\xbf" + text.encode())
    assert_refused(code, err, path, damaged.how)
    assert dump(long_beach.db) == long_beach.digest
