"""`paddock tyres move` and `paddock tyres void`: correcting a registration headless."""

import json
from pathlib import Path

import pytest

from paddock.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "p.db")
    assert run(capsys, "init", "--demo", "--db", path)[0] == 0
    # The demo's races are in 2021: with no scheduled start, corrections stay open.
    assert run(capsys, "session", "set", "--event", "1", "--session", "R1", "--db", path,
               "--clear", "start")[0] == 0
    return path


def test_move_and_void_correct_a_registration_and_are_audited(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "tyres", "register", "--event", "1", "--car", "77", "MX000001", "MX000002",
        "--db", db)
    code, out, err = run(capsys, "tyres", "move", "--event", "1", "--to-car", "7",
                         "--reason", "scanned to 77, meant 7", "MX000001", "--db", db)
    assert code == 0, err
    assert "moved from car 77 to car 7" in out and "1 of 8" in out
    assert "no scheduled start set" in out
    code, out, _ = run(capsys, "tyres", "check", "--event", "1", "MX000001", "--json",
                       "--db", db)
    assert json.loads(out)["car"] == "7"

    code, out, err = run(capsys, "tyres", "void", "--event", "1", "--reason", "spare",
                         "MX000002", "--db", db)
    assert code == 0, err
    assert "voided: spare" in out and "0 of 8" in out
    code, out, _ = run(capsys, "tyres", "check", "--event", "1", "MX000002", "--json",
                       "--db", db)
    assert code == 1 and json.loads(out)["verdict"] == "not-registered"

    code, out, _ = run(capsys, "audit", "--entity", "tyre", "--json", "--db", db)
    assert {"move", "void"} <= {row["action"] for row in json.loads(out)["changes"]}


def test_a_correction_after_the_first_race_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "p.db")
    run(capsys, "init", "--demo", "--db", db)
    run(capsys, "tyres", "register", "--event", "1", "--car", "77", "MX000001", "--db", db)
    code, _, err = run(capsys, "tyres", "void", "--event", "1", "--reason", "x", "MX000001",
                       "--db", db)
    assert code == 1
    assert "Race 1 started at" in err and "Traceback" not in err
    code, _, err = run(capsys, "tyres", "move", "--event", "1", "--to-car", "7", "--reason",
                       "x", "NOPE00001", "--db", db)
    assert code == 1 and "not registered" in err
