"""Groups that follow a named person, contest words before names, and bare sector mentions
placed by the named actors of their sector. Short sentences written for the purpose; the
knowledge is the packaged one without seed persons, and the names are invented.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from conftest import make_document, one
from eventwire.actors.knowledge import Knowledge, Person, PersonRole, packaged_knowledge
from eventwire.actors.resolve import resolve_actors
from eventwire.records import Mention

RUOT = Person(
    "Tomas Ruot",
    ("Ruot",),
    (
        PersonRole("vice president", "SSD", "GOV", "2011", "2013-07"),
        PersonRole("rebel leader", "SSD", "REB", "2013-12"),
    ),
)
BELKO = Person("Ana Belko", ("Belko",), (PersonRole("president", "MLI", "GOV", "2015"),))
MENSAH = Person("Kofi Mensah", ("Mensah",), (PersonRole("opposition leader", "GHA", "OPP"),))
PERSONS = (RUOT, BELKO, MENSAH)


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    """The packaged knowledge without seed persons."""
    return replace(packaged_knowledge(), persons=(), person_index=MappingProxyType({}))


@pytest.fixture
def resolve(nlp, knowledge):
    """Resolve a text published in May 2018, knowing the persons of this module."""

    def run(text: str) -> list[Mention]:
        document = make_document("t", text, "2018-05-02")
        return resolve_actors(document, nlp(text), knowledge, PERSONS)

    return run


def actor(mention: Mention) -> tuple[str | None, str | None]:
    """The country and sector of a mention."""
    return mention.country, mention.sector


# ---------------------------------------------------------------- followers of a person


def test_loyalists_to_a_rebel_leader_take_his_country_and_side(resolve) -> None:
    mentions = resolve("Soldiers clashed with loyalists to Tomas Ruot near the river.")
    assert actor(one(mentions, "loyalists")) == ("SSD", "REB")


def test_forces_loyal_to_a_president_are_his_country_s_military(resolve) -> None:
    mentions = resolve("Forces loyal to President Ana Belko shelled the town on Monday.")
    assert actor(one(mentions, "Forces")) == ("MLI", "MIL")


def test_supporters_of_an_opposition_leader_take_his_side(resolve) -> None:
    mentions = resolve("Thousands of supporters of Kofi Mensah marched on Sunday.")
    assert actor(one(mentions, "supporters")) == ("GHA", "OPP")


def test_a_name_before_the_noun_ties_the_followers(resolve) -> None:
    mentions = resolve("Tomas Ruot loyalists ambushed a convoy on Friday.")
    assert actor(one(mentions, "loyalists")) == ("SSD", "REB")


def test_his_supporters_follow_the_one_person_named_before(resolve) -> None:
    text = "Kofi Mensah was detained at his home. They said the order came late.\n\n"
    mentions = resolve(text + "His supporters blocked the road on Saturday.")
    assert actor(one(mentions, "His supporters")) == ("GHA", "OPP")


def test_followers_of_a_former_office_holder_take_the_side_held_now(resolve) -> None:
    text = "Soldiers fought loyalists to Tomas Ruot, the former vice president, in 2016."
    assert actor(one(resolve(text), "loyalists")) == ("SSD", "REB")


def test_supporters_of_a_thing_are_no_actor(resolve) -> None:
    mentions = resolve("Supporters of the new law gathered in Accra.")
    assert not [m for m in mentions if "upporters" in m.text]


# ---------------------------------------------------------------- contest words before names


def test_rival_before_an_unknown_name_is_of_the_story_country(resolve) -> None:
    text = (
        "Kenya's court upheld the vote in Kenya. It rejected a challenge from rival Peter "
        "Odhiambo. Odhiambo said the count was false."
    )
    mentions = resolve(text)
    assert actor(one(mentions, "rival Peter Odhiambo")) == ("KEN", "OPP")
    assert actor(one(mentions, "Odhiambo")) == ("KEN", "OPP")


def test_rival_before_a_known_name_keeps_the_person_s_role(resolve) -> None:
    mentions = resolve("Kenya's court rejected a challenge from rival Tomas Ruot in Kenya.")
    assert actor(one(mentions, "Tomas Ruot")) == ("SSD", "REB")


# ---------------------------------------------------------------- sector kin


TWO_COUNTRIES = (
    "Sudan hosted the talks in Khartoum, Sudan's foreign minister said. Sudan will watch "
    "the truce, Sudan said. South Sudanese rebel leader Peter Kuol signed. "
)


def test_a_rebel_spokesman_takes_the_country_of_the_named_rebels(resolve) -> None:
    mentions = resolve(TWO_COUNTRIES + "A rebel spokesman rejected other points.")
    assert actor(one(mentions, "rebel spokesman")) == ("SSD", "REB")


def test_the_rebels_take_the_named_rebels_country_over_the_story(resolve) -> None:
    mentions = resolve(TWO_COUNTRIES + "Sudan said the rebels would disarm in Sudan.")
    assert actor(one(mentions, "the rebels")) == ("SSD", "REB")


def test_named_rebels_of_two_countries_place_no_spokesman(resolve) -> None:
    text = (
        "Sudanese rebel leader Omer Hamid met South Sudanese rebel leader Peter Kuol. "
        "A rebel spokesman rejected the plan."
    )
    assert not [m for m in resolve(text) if m.text.endswith("rebel spokesman")]


def test_a_government_spokesman_is_not_placed_by_named_officials(resolve) -> None:
    text = (
        "Sudanese President Omer Hamid flew to Chad. Chad and Sudan signed the deal. "
        "A government spokesman praised it."
    )
    assert not [m for m in resolve(text) if m.text.endswith("government spokesman")]
