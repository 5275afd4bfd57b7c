"""An unnamed office holder named a sentence or two later is that person ("Iran's top
general warned ... armed forces chief of staff X told reporters"), on sentences written for
the purpose with invented names."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from conftest import make_document, one
from eventwire.actors.knowledge import Knowledge, packaged_knowledge
from eventwire.actors.resolve import resolve_actors
from eventwire.records import Mention


@pytest.fixture(scope="module")
def resolve(nlp):
    """Resolve a text with the packaged knowledge, seed persons left out."""
    knowledge: Knowledge = replace(
        packaged_knowledge(), persons=(), person_index=MappingProxyType({})
    )

    def run(text: str) -> list[Mention]:
        return resolve_actors(make_document("t", text, "2019-04-28"), nlp(text), knowledge)

    return run


def test_a_top_general_named_in_the_next_sentence_is_that_general(resolve):
    mentions = resolve(
        "Iran's top general warned on Sunday that Tehran could close the strait. "
        "Armed forces chief of staff Hamid Karimi told reporters the navy was ready."
    )
    general = one(mentions, "Iran's top general")
    assert (general.name, general.country, general.sector) == ("Hamid Karimi", "IRN", "MIL")


def test_an_organisation_spokesman_named_later_is_that_person(resolve):
    mentions = resolve(
        "A NATO spokesman said the alliance struck a depot near the port. "
        '"The raid is over," said Colonel Pierre Dumas, spokesman for NATO\'s operation.'
    )
    assert mentions[0].text == "NATO spokesman" and mentions[0].name == "Pierre Dumas"


def test_an_anonymous_official_stays_unnamed(resolve):
    mentions = resolve(
        "A senior Egyptian official said the talks had failed. "
        "Egyptian Foreign Minister Sameh Tarek said the talks would resume."
    )
    official = next(m for m in mentions if "official" in m.text)
    assert official.name is None and official.country == "EGY"


def test_two_people_named_later_leave_the_description_unnamed(resolve):
    mentions = resolve(
        "Iran's top general warned on Sunday that Tehran could close the strait. "
        "Army commander Ali Rahimi and navy commander Reza Tabrizi told reporters so."
    )
    assert one(mentions, "Iran's top general").name is None
