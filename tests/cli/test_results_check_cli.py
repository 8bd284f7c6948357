"""`paddock results check|status` and `penalty add --reinstate-lap` on the real Long Beach files."""

import csv
import json
from pathlib import Path

import pytest

from paddock.cli import main

RACE = "2023_08-long-beach-street-circuit_202304151405-race"
QUALI = "2023_08-long-beach-street-circuit_202304141715-qualifying"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path, imsa_data: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A season whose entry list is the Long Beach 2023 field (names from the results file)."""
    path = str(tmp_path / "p.db")
    run(capsys, "init", "--db", path)
    for name in ("GTP", "GTD", "GTDPRO"):
        run(capsys, "class", "add", name, "--db", path)
    entries = tmp_path / "entries.csv"
    with (imsa_data / f"{RACE}-results.csv").open(encoding="utf-8-sig", newline="") as f:
        lines = [{k.strip(): v for k, v in row.items()} for row in csv.DictReader(f)]
    with entries.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["number", "first_name", "last_name", "date_of_birth", "nationality",
                      "team", "car", "class", "gentleman", "full_season"])
        for line in lines:
            out.writerow([line["NUMBER"], line["DRIVER1_FIRSTNAME"], line["DRIVER1_SECONDNAME"],
                          "1990-01-01", line["DRIVER1_COUNTRY"] or "USA", line["TEAM"], "992",
                          line["CLASS"], "no", "yes"])
    assert run(capsys, "entries", "import", str(entries), "--db", path)[0] == 0
    return path


def test_check_without_a_results_file_says_so_and_exits_1(
    db: str, imsa_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "results", "import", "--event", "1", "--session", "Q",
                       str(imsa_data / f"{QUALI}-laps.csv"), "--db", db)
    assert code == 0 and "check: no results file" in out
    code, out, _ = run(capsys, "results", "check", "--event", "1", "--session", "Q", "--json",
                       "--db", db)
    data = json.loads(out)
    assert code == 1 and data["agrees"] is False and data["results_file"] is False
    assert "no results file" in data["notes"][0]


def test_check_agrees_with_the_officials_and_names_an_added_five_seconds(
    db: str, imsa_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(imsa_data / f"{RACE}-laps.csv"), str(imsa_data / f"{RACE}-results.csv")]
    code, out, _ = run(capsys, "results", "import", "--event", "1", "--session", "R1", *files,
                       "--db", db)
    assert code == 0 and "check: agrees" in out
    code, out, _ = run(capsys, "results", "check", "--event", "1", "--session", "R1", "--json",
                       "--db", db)
    data = json.loads(out)
    assert code == 0 and data["agrees"] is True and data["differences"] == []
    assert any("Classified" in note for note in data["notes"])

    text = (imsa_data / f"{RACE}-results.csv").read_text(encoding="utf-8-sig")
    altered = tmp_path / "03_Results_Race 1.CSV"
    altered.write_text(text.replace("1:42:09.029", "1:42:14.029"), encoding="utf-8")
    code, out, _ = run(capsys, "results", "import", "--event", "1", "--session", "R1",
                       str(altered), "--db", db)
    assert "difference" in out
    code, out, _ = run(capsys, "results", "check", "--event", "1", "--session", "R1", "--json",
                       "--db", db)
    data = json.loads(out)
    assert code == 1 and data["agrees"] is False
    assert {"car": "25", "field": "total_time", "ours": 6129029, "theirs": 6134029,
            "cause": "time penalty 5 s"} in data["differences"]
    code, out, _ = run(capsys, "results", "check", "--event", "1", "--session", "R1",
                       "--db", db)
    assert code == 1 and "car 25: total time ours 1:42:09.029 theirs 1:42:14.029: " \
        "time penalty 5 s" in out
    code, _, err = run(capsys, "results", "publish", "--event", "1", "--session", "R1",
                       "--db", db)
    assert code == 1 and "publish only with a reason" in err
    code, out, _ = run(capsys, "results", "publish", "--event", "1", "--session", "R1",
                       "--reason", "Timing system file predates decision 4", "--db", db)
    assert code == 0 and "OFFICIAL revision 1" in out


def test_reinstate_a_lap_and_settle_a_car_without_a_crossing(
    db: str, imsa_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "results", "import", "--event", "1", "--session", "Q",
        str(imsa_data / f"{QUALI}-laps.csv"), "--db", db)
    code, out, _ = run(capsys, "penalty", "add", "--event", "1", "--session", "Q", "--car", "60",
                       "--reinstate-lap", "10", "--reason", "Video: inside the limits",
                       "--db", db)
    assert code == 0 and "reinstate-lap" in out
    rows = json.loads(run(capsys, "results", "show", "--event", "1", "--session", "Q",
                          "--json", "--db", db)[1])["rows"]
    assert (rows[1]["number"], rows[1]["best_lap_ms"], rows[1]["best_lap_number"]) == \
        ("60", 70489, 10)

    run(capsys, "results", "import", "--event", "1", "--session", "R1",
        str(imsa_data / f"{RACE}-laps.csv"), "--db", db)
    code, out, _ = run(capsys, "results", "check", "--event", "1", "--session", "R1",
                       "--db", db)
    assert code == 1 and "car 01: no crossing: DNS or DNF?" in out
    code, out, _ = run(capsys, "results", "status", "--event", "1", "--session", "R1",
                       "--car", "01", "--status", "dnf", "--reason", "Stopped on lap 1",
                       "--db", db)
    assert code == 0 and "DNF" in out
    rows = json.loads(run(capsys, "results", "show", "--event", "1", "--session", "R1",
                          "--json", "--db", db)[1])["rows"]
    assert next(r for r in rows if r["number"] == "01")["status"] == "dnf"
    code, _, err = run(capsys, "results", "status", "--event", "1", "--session", "R1",
                       "--car", "80", "--status", "dns", "--reason", "", "--db", db)
    assert code == 1 and "needs a reason" in err


def test_pending_decisions_are_previewed_and_published_together(
    db: str, imsa_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(imsa_data / f"{RACE}-laps.csv"), str(imsa_data / f"{RACE}-results.csv")]
    run(capsys, "results", "import", "--event", "1", "--session", "R1", *files, "--db", db)
    assert run(capsys, "results", "publish", "--event", "1", "--session", "R1", "--db", db)[0] == 0
    for car in ("25", "7"):
        code, out, _ = run(capsys, "penalty", "add", "--event", "1", "--session", "R1",
                           "--car", car, "--seconds", "10", "--reason", "Pit lane speeding",
                           "--article", "Art. 20.1", "--pending", "--db", db)
        assert code == 0 and "pending" in out and "revision" not in out
    shown = json.loads(run(capsys, "results", "show", "--event", "1", "--session", "R1",
                           "--json", "--db", db)[1])
    assert (shown["status"], shown["revision"], len(shown["pending_decisions"])) == (
        "official", 1, 2)
    preview = json.loads(run(capsys, "results", "show", "--event", "1", "--session", "R1",
                             "--preview", "--json", "--db", db)[1])
    assert (preview["status"], preview["revision"]) == ("preview", 2)
    assert [r["number"] for r in preview["rows"]] != [r["number"] for r in shown["rows"]]
    code, out, _ = run(capsys, "results", "publish", "--event", "1", "--session", "R1",
                       "--db", db)
    assert code == 0 and "OFFICIAL revision 2" in out
    shown = json.loads(run(capsys, "results", "show", "--event", "1", "--session", "R1",
                           "--json", "--db", db)[1])
    assert [r["number"] for r in shown["rows"]] == [r["number"] for r in preview["rows"]]
    assert "pending_decisions" not in shown
