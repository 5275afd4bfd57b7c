"""Subjects that stand for actors named elsewhere: texts for their makers, counted sides
for the parties before them, and the subject of a for-clause as the one called on."""

from __future__ import annotations

from event_helpers import code, egyptian, triples


def test_a_text_named_back_speaks_for_the_parties_that_made_it(nlp):
    text = (
        "Egypt reached an agreement with Jordan on Friday. "
        "The agreement calls for Jordan to open its border crossings."
    )
    requests = {t for t in triples(code(nlp, text)) if t[1] == "REQUEST"}
    assert requests == {("Egypt", "REQUEST", "Jordan")}


def test_a_text_acting_without_a_target_keeps_its_makers_counterpart(nlp):
    text = (
        "Egypt reached an agreement with Jordan on Friday. "
        "The agreement eases some trade restrictions."
    )
    concessions = [e for e in code(nlp, text) if e.plover_type == "CONCEDE"]
    assert [(e.source.text, e.target.text) for e in concessions] == [("Egypt", "Jordan")]


def test_a_new_text_or_one_never_made_in_the_report_acts_for_no_one(nlp):
    fresh = (
        "Egypt reached an agreement with Jordan. An agreement calls for Jordan to open its border."
    )
    unmade = "Egypt praised Jordan. The resolution calls for Jordan to open its border."
    assert not [e for e in code(nlp, fresh) if e.plover_type == "REQUEST"]
    assert not [e for e in code(nlp, unmade) if e.plover_type == "REQUEST"]


def test_the_subject_of_a_for_clause_is_the_one_called_on(nlp):
    events = code(nlp, "Egypt called for Israel to withdraw its troops from the border.")
    assert triples(events) == {("Egypt", "REQUEST", "Israel")}


def test_the_two_leaders_after_a_group_of_rivals_are_that_group(nlp):
    text = "The rival rebels signed a peace deal on Wednesday. The two leaders met on Monday."
    meetings = [e for e in code(nlp, text, egyptian) if e.plover_type == "CONSULT"]
    assert [(e.source.text, e.target.text) for e in meetings] == [("rebels", "rebels")]


def test_an_agentless_arrest_in_a_named_country_is_that_country_s_act(nlp):
    events = code(nlp, "Three Israeli citizens were detained in Egypt on Friday.")
    assert triples(events) == {("Egypt", "COERCE", "Israeli")}
    custody = code(nlp, "Israeli citizens were taken into custody on a warrant in Egypt.")
    assert triples(custody) == {("Egypt", "COERCE", "Israeli")}


def test_a_named_agent_or_an_active_verb_keeps_its_own_source(nlp):
    by_police = code(nlp, "Israeli citizens were detained by police in Egypt.", egyptian)
    assert triples(by_police) == {("police", "COERCE", "Israeli")}
    active = code(nlp, "Jordan detained Israeli citizens in Egypt.")
    assert triples(active) == {("Jordan", "COERCE", "Israeli")}


def test_an_act_aimed_at_an_offer_named_back_is_aimed_at_its_maker(nlp):
    text = (
        "Egypt offered Jordan military aid. Jordan thanked Israel. "
        "Israel welcomed the offer on Friday."
    )
    welcomes = [e for e in code(nlp, text) if e.source.text == "Israel"]
    assert [(e.plover_type, e.target.text) for e in welcomes] == [("SUPPORT", "Egypt")]


def test_a_verdict_on_an_offer_named_back_judges_its_maker(nlp):
    text = (
        "Egypt offered Jordan the use of Israeli arms. "
        "Jordan said the offer of Israeli arms was a major breakthrough."
    )
    praise = [e for e in code(nlp, text) if e.source.text == "Jordan"]
    assert [(e.plover_type, e.target.text) for e in praise] == [("SUPPORT", "Egypt")]


def test_a_bomb_in_a_named_place_is_an_attack_by_that_place_s_unknown_attackers(nlp):
    events = code(nlp, "A car bomb in Baghdad killed 20 Iraqi civilians on Sunday.")
    assert [(e.source.country, e.source.sector, e.plover_type) for e in events] == [
        ("IRQ", "UAF", "ASSAULT")
    ]
    assert events[0].pattern.endswith("+unknown-attackers")


def test_a_bomb_with_no_place_or_a_named_attacker_stays_as_it_is(nlp):
    assert code(nlp, "A car bomb killed 20 Iraqi civilians on Sunday.") == []
    named = code(nlp, "Iraqi troops killed 20 rebels near Baghdad.", egyptian)
    assert [(e.source.text, e.source.sector) for e in named] == [("troops", "MIL")]
