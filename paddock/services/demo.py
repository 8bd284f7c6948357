"""A fictional field for the demo season: invented drivers and teams, no real names."""

from __future__ import annotations

from datetime import date

from paddock.services.entries import EntryInput

TEAMS = (
    "Kestrel Motorsport", "Blue Ridge Racing", "Northline Competition",
    "Harbor Point Motorsports", "Redtail Performance", "Lakeshore GT",
    "Copperhead Racing Team", "Maple Leaf Speedworks", "Silver Mesa Autosport",
    "Tidewater Motorsport Group",
)

# number, first, last, born, nationality, team index, car, class, gentleman, full season
FIELD: tuple[tuple[str, str, str, date, str, int, str, str, bool, bool], ...] = (
    ("1", "Marcus", "Hollenbeck", date(1994, 4, 12), "USA", 0, "992", "Pro", False, True),
    ("3", "Julien", "Desrosiers", date(1992, 9, 3), "CAN", 7, "992", "Pro", False, True),
    ("4", "Tomás", "Echeverría", date(1995, 1, 21), "MEX", 4, "992", "Pro", False, True),
    ("7", "Callum", "Ashdown", date(1993, 11, 8), "GBR", 1, "992", "Pro", False, True),
    ("9", "Riley", "Vandermolen", date(1996, 6, 30), "USA", 2, "992", "Pro", False, True),
    ("11", "Henrik", "Solberg-Aasen", date(1990, 2, 14), "NOR", 3, "992", "Pro", False, True),
    ("12", "Dario", "Castellani", date(1991, 7, 19), "ITA", 6, "992", "Pro", False, True),
    ("14", "Owen", "Prescott", date(1997, 3, 2), "USA", 5, "992", "Pro", False, True),
    ("17", "Lucas", "Brandão", date(1994, 10, 25), "BRA", 8, "992", "Pro", False, True),
    ("19", "Nathan", "Whitcombe", date(1992, 5, 5), "AUS", 9, "992", "Pro", False, False),
    ("21", "Emil", "Kortekaas", date(1995, 8, 17), "NED", 0, "992", "Pro", False, True),
    ("24", "Jordan", "Acheson", date(1993, 12, 1), "USA", 1, "992", "Pro", False, True),
    ("27", "Sebastián", "Iturralde", date(1996, 2, 9), "ARG", 4, "992", "Pro", False, True),
    ("33", "Patrick", "Lemaire", date(1991, 4, 28), "CAN", 7, "992", "Pro", False, True),
    ("8", "Gordon", "Fairweather", date(1968, 3, 11), "USA", 2, "992", "Pro-Am", True, True),
    ("15", "Richard", "Okonkwo", date(1975, 9, 23), "USA", 3, "992", "Pro-Am", True, True),
    ("23", "Catherine", "Delacroix-Whitfield", date(1979, 1, 30), "CAN", 5, "992", "Pro-Am",
     True, True),
    ("28", "Alan", "Brightwater", date(1964, 6, 6), "USA", 6, "992", "Pro-Am", True, False),
    ("38", "Victor", "Santangelo", date(1971, 10, 14), "USA", 8, "992", "Pro-Am", True, True),
    ("44", "Douglas", "MacAllister", date(1966, 12, 20), "CAN", 9, "991.2", "Pro-Am", True, True),
    ("47", "Steven", "Kowalczyk", date(1973, 8, 8), "USA", 0, "991.2", "Pro-Am", True, True),
    ("58", "Frank", "Ruiz-Haldane", date(1969, 2, 2), "USA", 4, "991.2", "Pro-Am", True, True),
    ("61", "Bernard", "Thibodeaux", date(1977, 5, 17), "USA", 2, "991.2", "Pro-Am", True, False),
    ("77", "Kenji", "Watanabe-Hart", date(1972, 7, 4), "USA", 1, "992", "Pro-Am", True, True),
    ("02", "Ethan", "Calloway", date(2002, 3, 14), "USA", 5, "992", "Rookie", False, True),
    ("05", "Mila", "Novakova", date(2001, 11, 29), "CZE", 6, "992", "Rookie", False, True),
    ("10", "Théo", "Marchand", date(2003, 6, 18), "CAN", 7, "992", "Rookie", False, True),
    ("18", "Diego", "Valverde", date(2000, 9, 9), "MEX", 3, "992", "Rookie", False, True),
    ("20", "Liam", "O'Sullivan", date(1999, 1, 7), "IRL", 8, "992", "Rookie", False, True),
    ("25", "Aiden", "Brookfield", date(2002, 12, 3), "USA", 9, "991.2", "Rookie", False, True),
    ("31", "Sofia", "Lindgren", date(2001, 4, 22), "SWE", 0, "992", "Rookie", False, False),
    ("91", "Caleb", "Ferreira", date(1998, 8, 31), "USA", 2, "992", "Rookie", False, True),
)


# Part-season entries and the events (numbers) they enter.
PART_SEASON: dict[str, tuple[int, ...]] = {
    "19": (1, 2, 3, 4), "28": (1, 3, 5, 8), "61": (2, 4, 6), "31": (5, 6, 7, 8),
}


def demo_entries() -> list[EntryInput]:
    return [
        EntryInput(number=n, first_name=first, last_name=last, date_of_birth=born,
                   nationality=nat, team=TEAMS[team], car=car, class_name=cls,
                   gentleman=gent, full_season=full)
        for n, first, last, born, nat, team, car, cls, gent, full in FIELD
    ]
