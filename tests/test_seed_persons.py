"""The packaged seed knowledge base of persons: schema, consistency and a few known facts."""

import calendar
import json
import re
from collections import defaultdict
from datetime import date
from importlib.resources import files

import pycountry
import pytest

PERSONS = files("eventwire") / "data" / "actors" / "persons.jsonl"

ORGANISATIONS = {"UNO", "EUR", "NAT", "AFU", "ARL", "OAS", "ASN", "IMF", "WBK", "OPC", "WTO"}
ORGANISATIONS |= {"GCC", "ICC"}  # codes of organisations.jsonl beyond those of FORMAT.md
NON_ISO_COUNTRIES = {"XKX"}  # Kosovo has no ISO 3166 code
SECTORS = {"GOV", "LEG", "MIL", "OPP", "PTY", "JUD", "REB", "IGO", "SPY", "COP", "REL", "CRM"}
# Surnames shared by relatives or namesakes who both held office; resolve them by date.
AMBIGUOUS_ALIASES = {
    "Aoun", "Bongo", "Carney", "Castro", "Clinton", "Deby", "Déby", "Duterte", "Ghannouchi",
    "Hariri", "Kabila", "Kaczynski", "Kaczyński", "King Abdullah", "Kirchner", "Koizumi",
    "Le Pen", "Miliband", "Mutharika", "Noboa", "Powell", "Sharaa", "al-Sharaa", "Tshisekedi",
}  # fmt: skip
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def load():
    with PERSONS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def bounds(text):
    """First and last day an ISO date of year, month or day precision covers."""
    year, month, day = DATE.match(text).groups()
    if day:
        d = date(int(year), int(month), int(day))
        return d, d
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return date(int(year), int(month), 1), date(int(year), int(month), last)
    return date(int(year), 1, 1), date(int(year), 12, 31)


def roles_of(name, persons):
    (person,) = [p for p in persons if p["name"] == name]
    return person["roles"]


def held_on(name, role, country, day, persons):
    day = date.fromisoformat(day)
    return any(
        r["role"] == role
        and r["country"] == country
        and bounds(r["from"])[0] <= day <= (bounds(r["to"])[1] if "to" in r else date.max)
        for r in roles_of(name, persons)
    )


@pytest.fixture(scope="module")
def persons():
    return load()


def test_every_line_is_a_person_with_the_documented_keys(persons):
    assert len(persons) > 400
    for p in persons:
        assert set(p) == {"name", "aliases", "roles"}, p["name"]
        assert p["name"] and isinstance(p["aliases"], list) and p["roles"], p["name"]
        for r in p["roles"]:
            assert {"role", "country", "sector", "from"} <= set(r), p["name"]
            assert set(r) <= {"role", "country", "sector", "from", "to"}, p["name"]
            assert r["role"] == r["role"].lower(), p["name"]


def test_names_are_unique(persons):
    names = [p["name"] for p in persons]
    assert len(names) == len(set(names))


def test_countries_are_iso_codes_or_organisations_acting_as_igo(persons):
    for p in persons:
        for r in p["roles"]:
            code = r["country"]
            if code in ORGANISATIONS:
                assert r["sector"] == "IGO", (p["name"], r)
            else:
                assert code in NON_ISO_COUNTRIES or pycountry.countries.get(alpha_3=code), code
                assert r["sector"] != "IGO", (p["name"], r)


def test_sectors_are_known_agent_codes(persons):
    used = {r["sector"] for p in persons for r in p["roles"]}
    assert used <= SECTORS


def test_dates_parse_at_their_precision_and_start_before_they_end(persons):
    for p in persons:
        for r in p["roles"]:
            for key in ("from", "to"):
                if key in r:
                    assert DATE.match(r[key]), (p["name"], r)
                    bounds(r[key])  # raises on an impossible month or day
            if "to" in r:
                assert bounds(r["from"])[0] <= bounds(r["to"])[1], (p["name"], r)


def test_a_person_holds_a_title_in_a_country_once_at_a_time(persons):
    for p in persons:
        spells = defaultdict(list)
        for r in p["roles"]:
            spells[r["role"], r["country"]].append(r)
        for spell in spells.values():
            spell.sort(key=lambda r: bounds(r["from"])[0])
            for before, after in zip(spell, spell[1:], strict=False):
                assert "to" in before, (p["name"], before)
                assert bounds(before["to"])[0] <= bounds(after["from"])[0], (p["name"], after)


def test_an_alias_names_one_person_unless_known_to_be_ambiguous(persons):
    owners = defaultdict(set)
    for p in persons:
        for alias in [p["name"], *p["aliases"]]:
            owners[alias].add(p["name"])
    shared = {alias for alias, names in owners.items() if len(names) > 1}
    assert shared <= AMBIGUOUS_ALIASES, shared - AMBIGUOUS_ALIASES


@pytest.mark.parametrize(
    ("name", "role", "country", "day"),
    [
        ("Dmitry Medvedev", "president", "RUS", "2010-06-01"),
        ("Dmitry Medvedev", "prime minister", "RUS", "2012-11-07"),
        ("Barack Obama", "president", "USA", "2012-11-07"),
        ("Vladimir Putin", "prime minister", "RUS", "2012-03-09"),
        ("Vladimir Putin", "president", "RUS", "2013-01-01"),
        ("Hillary Clinton", "secretary of state", "USA", "2012-11-07"),
        ("Ban Ki-moon", "secretary-general", "UNO", "2012-11-07"),
        ("Mariano Rajoy", "prime minister", "ESP", "2012-11-07"),
    ],
)
def test_known_office_holders_hold_their_office_on_the_day(persons, name, role, country, day):
    assert held_on(name, role, country, day, persons)


def test_roles_do_not_extend_past_their_end(persons):
    assert not held_on("Dmitry Medvedev", "president", "RUS", "2012-11-07", persons)
    assert not held_on("Vladimir Putin", "president", "RUS", "2010-06-01", persons)
