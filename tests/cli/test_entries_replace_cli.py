"""`entries import --replace` once tyres are registered: a sentence, and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

from paddock.services.database import init_database
from tests.db.helpers import digest, one_line_refusal, paddock

HEADER = "number,first_name,last_name,date_of_birth,nationality,team,car,class,gentleman," \
         "full_season\n"


def test_replacing_an_entry_list_with_tyre_records_is_refused(tmp_path: Path) -> None:
    db = init_database(tmp_path / "p.db", demo=True)
    assert paddock("--db", str(db), "tyres", "register", "--event", "1", "--car", "7",
                   "MX000001", "MX000002").returncode == 0
    csv = tmp_path / "entries.csv"
    csv.write_text(HEADER + "7,Ada,Lindqvist,2000-05-01,SWE,Kestrel Motorsport,992,Pro,no,"
                   "yes\n")
    before = digest(db)
    line = one_line_refusal(paddock("--db", str(db), "entries", "import", "--replace",
                                    str(csv)))
    assert "cars with registered tyres would be deleted (car and tyres: 7 (2))" in line
    assert digest(db) == before
    listed = json.loads(paddock("--db", str(db), "entries", "list", "--json").stdout)
    assert len(listed["entries"]) == 32
