"""`paddock grid`, `paddock grid adjust` and `paddock standings` as scripts use them."""

import json
from pathlib import Path

import pytest

from paddock.cli import main
from tests.services.timing_csv import race_laps, write_laps


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A demo season with Sebring qualifying and race 1 loaded through the CLI."""
    path = str(tmp_path / "p.db")
    assert run(capsys, "init", "--demo", "--db", path)[0] == 0
    quali = write_laps(tmp_path / "q.csv", {"7": [99_000, 98_000], "1": [98_500, 99_900],
                                            "8": [101_000, 100_000]})
    race = write_laps(tmp_path / "r1.csv", race_laps(["1", "7", "8", "02"], 12,
                                                        fastest={"7": 97_000}))
    for session, file in (("Q", quali), ("R1", race)):
        code, _, err = run(capsys, "--db", path, "results", "import", "--event", "sebring",
                           "--session", session, str(file))
        assert code == 0, err
    return path


def test_grid_json_follows_the_contract(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "grid", "--event", "1", "--race", "1", "--json", "--db", db)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"race", "slots"} and data["race"] == 1
    assert data["slots"][:2] == [
        {"position": 1, "number": "7", "driver": "Callum Ashdown", "class": "Pro",
         "time_ms": 98_000, "note": ""},
        {"position": 2, "number": "1", "driver": "Marcus Hollenbeck", "class": "Pro",
         "time_ms": 98_500, "note": ""}]
    assert len(data["slots"]) == 30


def test_grid_adjust_withdraws_a_car_with_the_stewards_reason(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "grid", "adjust", "--event", "sebring", "--race", "1",
                       "--withdraw", "--car", "7", "--reason", "gearbox", "--db", db)
    assert code == 0 and "car 7 withdrawn: gearbox" in out
    code, out, _ = run(capsys, "--db", db, "grid", "--event", "sebring", "--race", "1")
    assert "AMENDED" in out and "car 7 withdrawn: gearbox" in out
    slots = json.loads(run(capsys, "--db", db, "grid", "--event", "1", "--race", "1",
                           "--json")[1])["slots"]
    assert [s["number"] for s in slots[:2]] == ["1", "8"] and "7" not in {
        s["number"] for s in slots}


def test_grid_adjust_moves_and_pit_lane_starts(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--db", db, "grid", "adjust", "--event", "1", "--race", "2",
               "--pit-lane", "--car", "1", "--reason", "parc fermé breach")[0] == 0
    assert run(capsys, "--db", db, "grid", "adjust", "--event", "1", "--race", "2",
               "--move-to", "1", "--car", "02", "--reason", "stewards' discretion")[0] == 0
    slots = json.loads(run(capsys, "--db", db, "grid", "--event", "1", "--race", "2",
                           "--json")[1])["slots"]
    assert slots[0]["number"] == "02"
    assert slots[-1]["number"] == "1" and "pit lane start" in slots[-1]["note"]


def test_a_refused_amendment_exits_1_and_writes_nothing(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", db, "grid", "adjust", "--event", "1", "--race", "1",
                       "--withdraw", "--car", "61", "--reason", "not here")
    assert code == 1 and "car 61 is not entered at Sebring" in err
    code, _, err = run(capsys, "--db", db, "grid", "adjust", "--event", "1", "--race", "1",
                       "--move-to", "40", "--car", "7", "--reason", "too far")
    assert code == 1 and "cannot go to position 40" in err
    out = run(capsys, "--db", db, "grid", "--event", "1", "--race", "1")[1]
    assert "amendment" not in out and "AMENDED" not in out


@pytest.mark.parametrize("args", [
    ["grid", "--event", "1"],
    ["grid", "adjust", "--event", "1", "--race", "1", "--withdraw", "--car", "7"],
    ["grid", "adjust", "--event", "1", "--race", "1", "--car", "7", "--reason", "x"],
    ["grid", "--event", "1", "--race", "3"],
])
def test_usage_errors_exit_2(db: str, args: list[str],
                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, *args])
    assert exit_.value.code == 2


def test_standings_for_one_class_follow_the_contract(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "standings", "--class", "Pro", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"class", "drivers", "teams"} and data["class"] == "Pro"
    contract = ("position", "number", "driver", "points", "wins")
    # 2021: #7 took the class pole (+5) and finished second; #1 won, so it leads on wins.
    assert [{key: row[key] for key in contract} for row in data["drivers"][:2]] == [
        {"position": 1, "number": "1", "driver": "Marcus Hollenbeck", "points": 25, "wins": 1},
        {"position": 2, "number": "7", "driver": "Callum Ashdown", "points": 25, "wins": 0}]
    assert data["teams"][0] == {"position": 1, "team": "Kestrel Motorsport", "points": 25,
                                "wins": 1}


def test_standings_without_a_class_list_every_class_and_their_sources(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(run(capsys, "standings", "--json", "--db", db)[1])
    assert [c["class"] for c in data["classes"]] == ["Pro", "Pro-Am", "Rookie"]
    assert data["sources"] == [{"event": 1, "session": "R1", "status": "provisional",
                                "revision": 1}]
    assert data["classes"][2]["drivers"][0]["number"] == "02"
    code, out, _ = run(capsys, "--db", db, "standings")
    assert code == 0 and "PROVISIONAL" in out and "sebring R1 PROVISIONAL" in out


def test_standings_for_an_unknown_class_exit_1(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db, "standings", "--class", "GT3", "--json")
    assert code == 1 and out == "" and "no class 'GT3'" in err


def test_points_scale_can_be_shown_and_set(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "points-scale", "--positions", "10,8,6",
                       "--fastest-lap-bonus", "1", "--json")
    assert code == 0
    assert json.loads(out) == {"positions": [10, 8, 6], "pole_bonus": 5,
                               "fastest_lap_bonus": 1, "drops": []}
    data = json.loads(run(capsys, "--db", db, "standings", "--class", "Pro", "--json")[1])
    # #1 won (10); #7 second (8) with the class pole (+5) and fastest lap (+1).
    assert [(d["number"], d["points"]) for d in data["drivers"][:2]] == [("7", 14), ("1", 10)]
    code, _, err = run(capsys, "--db", db, "points-scale", "--positions", "5,10")
    assert code == 1 and "would score more" in err


def test_drop_rules_are_set_by_class_and_refused_with_the_field_named(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", db, "points-scale", "--drop", "Pro-Am=2",
                       "--protect-last", "2", "--json")
    assert code == 0
    assert json.loads(out)["drops"] == [{"class": "Pro-Am", "count": 2, "protect_last": 2}]
    code, out, _ = run(capsys, "--db", db, "points-scale")
    assert "Pro-Am: 2 lowest result(s) dropped; the last 2 race(s) cannot be dropped" in out
    for args, message in ((["--drop", "GT3=1"], "drop GT3: no class 'GT3'"),
                          (["--drop", "Pro-Am=15"], "drop Pro-Am=15: would drop every result"),
                          (["--positions", "10,12"], "positions: the scale must go down")):
        code, _, err = run(capsys, "--db", db, "points-scale", *args)
        assert code == 1 and message in err
    data = json.loads(run(capsys, "--db", db, "points-scale", "--json")[1])
    assert data["drops"] == [{"class": "Pro-Am", "count": 2, "protect_last": 2}]
    assert data["positions"][:2] == [25, 20]
    code, out, _ = run(capsys, "--db", db, "points-scale", "--drop", "pro-am=0", "--json")
    assert json.loads(out)["drops"] == []


def test_protect_last_without_a_drop_rule_is_a_usage_error(db: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--db", db, "points-scale", "--protect-last", "2"])
    assert exit_.value.code == 2


def test_standings_text_and_json_show_the_dropped_results(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # 16 races in 2021, 2 protected: dropping 13 leaves one of the first 14 counting, so the
    # one race run is not dropped yet. Race 2 run, each driver's lower result goes.
    assert run(capsys, "--db", db, "points-scale", "--drop", "Pro=13", "--protect-last",
               "2")[0] == 0
    data = json.loads(run(capsys, "--db", db, "standings", "--class", "Pro", "--json")[1])
    assert all(d["dropped"] == [] for d in data["drivers"])
    race2 = write_laps(Path(db).parent / "r2.csv", race_laps(["7", "1"], 12))
    assert run(capsys, "--db", db, "results", "import", "--event", "sebring", "--session",
               "R2", str(race2))[0] == 0
    data = json.loads(run(capsys, "--db", db, "standings", "--class", "Pro", "--json")[1])
    one = next(d for d in data["drivers"] if d["number"] == "1")
    assert one["dropped"] == [{"event": 1, "session": "R2"}] and one["points"] == 25
    assert data["drop"] == {"count": 13, "protect_last": 2}
    _, out, _ = run(capsys, "--db", db, "standings", "--class", "Pro")
    line = next(text for text in out.splitlines() if "Marcus Hollenbeck" in text)
    assert "dropped: SEB R2 (" in line
    assert "13 lowest result(s) dropped; the last 2 race(s) cannot be dropped" in out
