"""The actor knowledge files and their loader."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from eventwire.actors.knowledge import (
    NON_ISO_CODES,
    Knowledge,
    KnowledgeError,
    load_knowledge,
    packaged_knowledge,
)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    """The packaged knowledge, loaded once for the module."""
    return packaged_knowledge()


def readings(knowledge: Knowledge, phrase: str) -> set[tuple[str | None, str | None]]:
    """The (code, sector) pairs a phrase resolves to."""
    return {(entry.code, entry.sector) for entry in knowledge.lookup(phrase)}


def write(path: Path, lines: list[dict]) -> Path:
    """A JSON Lines file of the given objects."""
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def test_demonyms_and_capitals_resolve_to_their_country(knowledge: Knowledge) -> None:
    assert readings(knowledge, "Russians") == {("RUS", None)}
    assert readings(knowledge, "Afghans") == {("AFG", None)}
    assert readings(knowledge, "Moscow") == {("RUS", "GOV")}
    assert readings(knowledge, "Beijing") == {("CHN", "GOV")}
    assert {e.code for e in knowledge.lookup("Israeli")} == {"ISR"}


def test_metonyms_resolve_to_a_country_and_sector(knowledge: Knowledge) -> None:
    assert readings(knowledge, "the White House") == {("USA", "GOV")}
    assert readings(knowledge, "The White House") == {("USA", "GOV")}
    assert readings(knowledge, "the Pentagon") == {("USA", "MIL")}
    assert readings(knowledge, "the Kremlin") == {("RUS", "GOV")}


def test_un_abbreviation_resolves_to_the_united_nations(knowledge: Knowledge) -> None:
    assert readings(knowledge, "U.N.") == {("UNO", "IGO")}
    [council] = knowledge.lookup("the U.N. Security Council")
    assert (council.code, council.sector) == ("UNO", "IGO")


def test_lower_case_pronoun_us_is_not_the_united_states(knowledge: Knowledge) -> None:
    assert knowledge.lookup("us") == []
    assert knowledge.lookup("Us") == []
    assert {e.code for e in knowledge.lookup("US")} == {"USA"}
    assert knowledge.lookup("who") == []


def test_names_match_in_title_case_or_capitals_only(knowledge: Knowledge) -> None:
    assert {e.code for e in knowledge.lookup("RUSSIA")} == {"RUS"}
    assert knowledge.lookup("turkey") == []
    assert knowledge.lookup("the white house") == []


def test_accents_and_curly_quotes_do_not_matter(knowledge: Knowledge) -> None:
    assert {e.code for e in knowledge.lookup("Côte d’Ivoire")} == {"CIV"}


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("troops", "MIL"),
        ("police", "COP"),
        ("judge", "JUD"),
        ("Judge", "JUD"),
        ("lawmakers", "LEG"),
        ("rebels", "REB"),
        ("protesters", "CVL"),
        ("Prime Minister", "GOV"),
    ],
)
def test_role_words_map_to_sectors(knowledge: Knowledge, word: str, sector: str) -> None:
    assert {e.sector for e in knowledge.lookup(word)} == {sector}


def test_honorifics_imply_no_sector(knowledge: Knowledge) -> None:
    [sheikh] = knowledge.lookup("Sheikh")
    assert (sheikh.kind, sheikh.sector) == ("honorific", None)


def test_cameo_and_other_codes_lead_to_the_iso_country(knowledge: Knowledge) -> None:
    assert knowledge.country("JAP").code == "JPN"
    assert knowledge.country("KSV").code == "XKX"
    assert knowledge.country("TMP").code == "TLS"


def test_pycountry_names_are_added(knowledge: Knowledge) -> None:
    assert {e.code for e in knowledge.lookup("Korea, Republic of")} == {"KOR"}


def test_packaged_knowledge_has_no_conflicts(knowledge: Knowledge) -> None:
    assert knowledge.conflicts == ()


def test_every_country_code_is_iso_or_listed_special() -> None:
    text = (resources.files("eventwire") / "data" / "actors" / "countries.jsonl").read_text()
    codes = [json.loads(line)["code"] for line in text.splitlines() if line.strip()]
    unknown = [c for c in codes if pycountry.countries.get(alpha_3=c) is None]
    assert set(unknown) <= NON_ISO_CODES
    assert len(codes) == len(set(codes)) >= 195


def test_user_file_adds_a_country_alias(tmp_path: Path) -> None:
    extra = write(tmp_path / "my-countries.jsonl", [{"code": "RUS", "names": ["Rossiya"]}])
    knowledge = load_knowledge([extra])
    assert {e.code for e in knowledge.lookup("Rossiya")} == {"RUS"}
    assert "Rossiya" in knowledge.countries["RUS"].names


def test_conflicting_user_entry_is_reported_and_both_readings_kept(tmp_path: Path) -> None:
    extra = write(tmp_path / "countries.jsonl", [{"code": "USA", "names": ["Georgia"]}])
    knowledge = load_knowledge([extra])
    assert {e.code for e in knowledge.lookup("Georgia")} == {"GEO", "USA"}
    [conflict] = knowledge.conflicts
    assert conflict.code == "W301" and conflict.phrase == "Georgia"
    assert str(conflict).startswith("[W301]")


def test_invalid_country_code_raises_with_its_error_code(tmp_path: Path) -> None:
    extra = write(tmp_path / "countries.jsonl", [{"code": "XYZ", "names": ["Nowhere"]}])
    with pytest.raises(KnowledgeError, match=r"^\[E304\]") as caught:
        load_knowledge([extra])
    assert caught.value.code == "E304"


def test_unknown_key_and_unknown_sector_raise(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"^\[E302\]"):
        load_knowledge([write(tmp_path / "a-countries.jsonl", [{"code": "FRA", "nom": "x"}])])
    bad = {"code": "FRA", "metonyms": {"Elysee": "XXX"}}
    with pytest.raises(KnowledgeError, match=r"^\[E306\]"):
        load_knowledge([write(tmp_path / "b-countries.jsonl", [bad])])


def test_organisation_code_may_not_be_a_country_code(tmp_path: Path) -> None:
    line = {"code": "FRA", "name": "Fake", "sector": "IGO"}
    with pytest.raises(KnowledgeError, match=r"^\[E305\]"):
        load_knowledge([write(tmp_path / "organisations.jsonl", [line])])


def test_user_roles_file_adds_role_words(tmp_path: Path) -> None:
    extra = tmp_path / "roles.tsv"
    extra.write_text("phrase\tsector\trole\tkind\npeshmerga fighters\tMIL\tmilitary\tgroup\n")
    assert {e.sector for e in load_knowledge([extra]).lookup("Peshmerga fighters")} == {"MIL"}


def test_persons_file_gives_dated_roles(tmp_path: Path) -> None:
    roles = [
        {
            "role": "president",
            "country": "RUS",
            "sector": "GOV",
            "from": "2008-05-07",
            "to": "2012-05-07",
        },
        {"role": "prime minister", "country": "RUS", "sector": "GOV", "from": "2012-05"},
    ]
    extra = write(
        tmp_path / "persons.jsonl",
        [{"name": "Dmitry Medvedev", "aliases": ["Medvedev"], "roles": roles}],
    )
    [person] = load_knowledge([extra]).persons_named("Medvedev")
    assert [r.role for r in person.roles_on("2010-01-01")] == ["president"]
    assert [r.role for r in person.roles_on(date(2012, 11, 7))] == ["prime minister"]


def test_person_role_with_a_bad_date_raises(tmp_path: Path) -> None:
    role = {"role": "president", "country": "RUS", "sector": "GOV", "from": "2008-13"}
    extra = write(tmp_path / "persons.jsonl", [{"name": "X", "roles": [role]}])
    with pytest.raises(KnowledgeError, match=r"^\[E308\]"):
        load_knowledge([extra])


def test_unrecognised_file_name_raises(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"^\[E310\]"):
        load_knowledge([write(tmp_path / "actors.jsonl", [])])
