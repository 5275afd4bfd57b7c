"""The event coder on short sentences written for the purpose, one rule per test.

Mentions come from a tiny look-up of the packaged knowledge (country names, capitals and
a few group nouns), so these tests check the coder, not the actor resolver.
"""

from __future__ import annotations

import pytest

from event_helpers import code, egyptian, mentions_for, triples
from eventwire.events.patterns import PatternError, load_patterns, parse_patterns
from eventwire.records import Mention


def test_passive_voice_keeps_source(nlp):
    events = code(nlp, "Protesters were attacked by police in the capital.", egyptian)
    assert triples(events) == {("police", "ASSAULT", "Protesters")}
    assert events[0].source.sector == "COP"


def test_coordinated_subjects_of_a_mutual_verb_give_both_directions(nlp):
    events = code(nlp, "France and Germany agreed to expand trade.")
    assert triples(events) == {("France", "AGREE", "Germany"), ("Germany", "AGREE", "France")}


def test_coordinated_subjects_of_a_one_way_verb_give_one_event_each(nlp):
    events = code(nlp, "Britain and France condemned Syria.")
    assert triples(events) == {("Britain", "ACCUSE", "Syria"), ("France", "ACCUSE", "Syria")}


def test_met_with_is_a_consultation_in_one_direction(nlp):
    events = code(nlp, "Japan met with China on Monday.")
    assert triples(events) == {("Japan", "CONSULT", "China")}
    assert events[0].cameo == "040"


def test_spoke_by_telephone_is_a_phone_call(nlp):
    events = code(nlp, "Italy spoke with Spain by telephone on Tuesday.")
    assert [(e.cameo, e.target.text) for e in events] == [("041", "Spain")]


def test_light_verb_phone_call_takes_the_verbs_subject(nlp):
    events = code(nlp, "France made a phone call to Italy.")
    assert [(e.source.text, e.cameo, e.target.text) for e in events] == [("France", "041", "Italy")]


def test_paid_a_visit_to_is_a_visit(nlp):
    events = code(nlp, "Cuba paid a visit to Venezuela.")
    assert [(e.cameo, e.source.text, e.target.text) for e in events] == [
        ("042", "Cuba", "Venezuela")
    ]


def test_congratulated_x_on_targets_x(nlp):
    events = code(nlp, "Jordan congratulated Qatar on its victory.")
    assert [(e.cameo, e.plover_type, e.target.text) for e in events] == [
        ("051", "SUPPORT", "Qatar")
    ]


def test_called_on_x_to_is_a_request_to_x(nlp):
    events = code(nlp, "Russia called on Ukraine to withdraw its troops.")
    assert triples(events) == {("Russia", "REQUEST", "Ukraine")}


def test_urged_x_to_is_a_request_and_the_inner_verb_is_not_an_event(nlp):
    events = code(nlp, "Spain urged Morocco to release the fishermen.")
    assert triples(events) == {("Spain", "REQUEST", "Morocco")}
    assert events[0].cameo == "0253"


def test_accused_x_of_targets_x_and_refines_the_code(nlp):
    events = code(nlp, "The United States accused Iran of spying.")
    assert [(e.cameo, e.plover_type, e.target.text) for e in events] == [("1125", "ACCUSE", "Iran")]


def test_imposed_sanctions_on(nlp):
    events = code(nlp, "The European Union imposed sanctions on Syria.")
    assert [(e.cameo, e.source.country, e.target.country) for e in events] == [
        ("163", "EUR", "SYR")
    ]


def test_nominal_criticism_has_the_possessor_as_source(nlp):
    events = code(nlp, "Germany's criticism of France was mistaken.")
    assert triples(events) == {("Germany", "ACCUSE", "France")}


def test_an_invitation_to_visit_is_an_intent_to_meet(nlp):
    events = code(nlp, "China extended an invitation to Egypt to visit Beijing.")
    assert [(e.cameo, e.source.text, e.target.text) for e in events] == [("036", "China", "Egypt")]


def test_invited_x_to_visit_does_not_report_the_visit(nlp):
    events = code(nlp, "Egypt invited Kenya to visit Cairo.")
    assert [(e.cameo, e.target.text) for e in events] == [("036", "Kenya")]


@pytest.mark.parametrize(
    ("text", "cameo", "plover"),
    [
        ("Russia threatened to impose sanctions on Georgia.", "1312", "THREATEN"),
        ("Egypt offered to hand over two suspects to Libya.", "0313", "AGREE"),
        ("Turkey agreed to hold talks with Greece.", "036", "AGREE"),
    ],
)
def test_xcomp_chains_take_the_code_from_the_governed_verb(nlp, text, cameo, plover):
    events = code(nlp, text)
    assert [(e.cameo, e.plover_type) for e in events] == [(cameo, plover)]
    assert events[0].target is not None


def test_subject_passes_through_aspect_verbs_and_reported_pronouns(nlp):
    events = code(nlp, "Iran said it would start imposing sanctions on Iraq.")
    # an announced sanction is a threat to sanction (CAMEO 1312), see the promise tests below
    assert [(e.source.text, e.cameo, e.target.text) for e in events] == [("Iran", "1312", "Iraq")]
    assert events[0].modality == "future"


def test_an_event_whose_source_resolves_to_nothing_is_not_emitted(nlp):
    only_iraq = lambda parsed: [m for m in mentions_for(parsed) if m.text == "Iraq"]  # noqa: E731
    assert code(nlp, "Syria attacked Iraq.", only_iraq) == []


def test_an_event_whose_required_target_is_missing_is_not_emitted(nlp):
    assert code(nlp, "Syria condemned.") == []


def test_the_ontology_fills_the_codes_of_each_event(nlp):
    events = code(nlp, "Jordan praised Egypt.") + code(nlp, "Israel attacked Lebanon.")
    filled = {(e.cameo, e.plover_type, e.quad_class, e.goldstein) for e in events}
    assert filled == {("051", "SUPPORT", 1, 3.4), ("190", "ASSAULT", 4, -10.0)}


def test_evidence_covers_trigger_and_actors_within_the_sentence(nlp):
    text = "It rained. Later, Jordan praised Egypt warmly. Nothing else happened."
    (event,) = code(nlp, text)
    assert event.sentence_start <= event.start < event.end <= event.sentence_end
    assert text[event.start : event.end] == "Jordan praised Egypt"
    assert event.trigger == "praised" and event.pattern == "praise"


def test_patterns_are_indexed_by_lemma_and_valid():
    book = load_patterns()
    assert {p.id for p in book.candidates("V", "meet")} >= {"meet"}
    assert book.refine("threat", "163") == "1312"
    assert len({p.id for p in book.patterns}) == len(book.patterns)


def test_a_pattern_with_an_unknown_code_is_refused():
    from eventwire.events.ontology import load_ontology

    header = "id\tpos\tlemma\twhen\tcode\tsource\ttarget\tmutual\tframe\n"
    row = "bad\tV\tmeet\t-\t999\tsubj\tobj\t-\t-\n"
    with pytest.raises(PatternError, match=r"\[E514\]"):
        parse_patterns(header + row, "frame\tword\tcode\tnote\n", load_ontology())


def test_an_event_whose_source_has_no_country_is_not_emitted(nlp):
    assert code(nlp, "Police attacked Iraq.") == []


def test_an_event_whose_target_has_no_country_is_not_emitted(nlp):
    assert code(nlp, "Syria attacked the rebels.") == []


def test_a_targetless_act_takes_its_sources_counterpart_in_the_story(nlp):
    text = "Iran criticised Israel on Monday. Later, Iran warned."
    events = code(nlp, text)
    assert {(e.source.text, e.plover_type, e.target.text) for e in events} == {
        ("Iran", "ACCUSE", "Israel"),
        ("Iran", "THREATEN", "Israel"),
    }
    assert events[-1].pattern.endswith("+story-target")


def test_a_target_naming_no_actor_leaves_the_target_to_the_story(nlp):
    text = "Spain criticised Morocco. Morocco condemned the decision."
    events = code(nlp, text)
    assert ("Morocco", "ACCUSE", "Spain") in triples(events)


def test_coordinated_subjects_are_not_each_others_target(nlp):
    text = "Kenya hosted Egypt. Uganda and Rwanda sent their congratulations."
    events = code(nlp, text)
    assert ("Uganda", "SUPPORT", "Rwanda") not in triples(events)
    assert {e.source.text for e in events if e.plover_type == "SUPPORT"} == {"Uganda", "Rwanda"}


def test_a_listed_group_acts_through_its_members(nlp):
    def with_leaders(parsed) -> list[Mention]:
        leaders = parsed[1]
        group = Mention("t", 0, leaders.idx, leaders.idx + len(leaders), leaders.text,
                        "country", "dictionary", 1.0, country="USA", sector="GOV")  # fmt: skip
        return [group, *mentions_for(parsed)]

    events = code(nlp, "World leaders, including Jordan and Qatar, praised Egypt.", with_leaders)
    assert triples(events) == {("Jordan", "SUPPORT", "Egypt"), ("Qatar", "SUPPORT", "Egypt")}


# ---------------------------------------------------------------- promises, threats, demands


@pytest.mark.parametrize(
    ("text", "cameo", "plover"),
    [
        ("Norway will give Kenya a loan of 20 million dollars.", "033", "AGREE"),
        ("Canada would send medicine to Haiti, officials said.", "0333", "AGREE"),
        ("Chile sent medicine to Peru.", "073", "AID"),
    ],
)
def test_future_aid_is_a_promise(nlp, text, cameo, plover):
    events = code(nlp, text)
    assert [(e.cameo, e.plover_type) for e in events] == [(cameo, plover)]


def test_a_future_visit_stays_a_consultation(nlp):
    events = code(nlp, "Peru will visit Chile next week.")
    assert [(e.plover_type, e.modality) for e in events] == [("CONSULT", "future")]


@pytest.mark.parametrize(
    "text",
    [
        "Ghana said it would boycott all talks with Togo.",
        "Greece may expel diplomats from Turkey if the dispute grows.",
    ],
)
def test_future_or_conditional_conflict_is_a_threat(nlp, text):
    events = code(nlp, text)
    assert {e.plover_type for e in events} == {"THREATEN"}
    assert all(e.cameo.startswith("13") for e in events)


def test_the_condition_of_a_threat_is_not_itself_a_threat(nlp):
    events = code(nlp, "Iran will respond if Israel attacks Syria.")
    assert ("Israel", "ASSAULT", "Syria") in triples(events)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Kenya said that Somalia must release the hostages.", "Somalia"),
        ("Japan reiterated that China must halt the drills.", "China"),
        ("Brazil issued a warning to Bolivia that it must withdraw its troops.", "Bolivia"),
    ],
)
def test_saying_that_x_must_is_a_demand_to_x(nlp, text, target):
    events = code(nlp, text)
    requests = [e for e in events if e.plover_type == "REQUEST"]
    assert [(e.source.text, e.target.text) for e in requests][:1] == [(text.split()[0], target)]
    assert all(e.modality == "asserted" for e in requests)


def test_said_that_x_will_is_no_demand(nlp):
    events = code(nlp, "Kenya said that Somalia will release the hostages.")
    assert "REQUEST" not in {e.plover_type for e in events}


def test_a_staged_protest_takes_the_subject_of_staged(nlp):
    events = code(nlp, "Students in Nepal staged a hunger strike to protest against the ban.")
    assert {(e.source.country, e.plover_type) for e in events} >= {("NPL", "PROTEST")}


def test_lifting_a_curfew_is_a_concession(nlp):
    events = code(nlp, "Kenya lifted the curfew in Mombasa.")
    assert [(e.cameo, e.plover_type) for e in events] == [("0813", "CONCEDE")]


def test_handing_over_medicine_is_aid(nlp):
    events = code(nlp, "Italy handed over ten tons of medicine to Libya.")
    assert triples(events) == {("Italy", "AID", "Libya")}


def test_aid_suspended_without_a_named_recipient_takes_the_story_target(nlp):
    events = code(nlp, "Sweden criticised Zambia. Sweden suspended part of its aid programme.")
    assert ("Sweden", "SANCTION", "Zambia") in triples(events)


def test_an_unresolved_name_acts_through_its_apposition(nlp):
    def with_name(parsed) -> list[Mention]:
        return [m for m in mentions_for(parsed) if m.text != "Ali Hassan"]

    text = "Ali Hassan, the Egyptian foreign minister, praised Jordan."
    events = code(nlp, text, with_name)
    assert {(e.source.country, e.plover_type) for e in events} == {("EGY", "SUPPORT")}


def test_a_name_the_parser_strands_is_the_subject_of_the_verb_after_it(nlp):
    text = "Russia repeated an invitation to visit Moscow and Egypt expressed readiness to do so."
    sources = {e.source.text for e in code(nlp, text) if e.trigger == "expressed"}
    assert sources == {"Egypt"}


def test_saying_a_decision_was_unacceptable_criticises_its_owner(nlp):
    events = code(nlp, "Egypt said the Israeli decision was unacceptable.")
    assert triples(events) == {("Egypt", "ACCUSE", "Israeli")}


def test_a_denied_verdict_or_one_on_a_pronoun_is_no_event(nlp):
    assert code(nlp, "Egypt said the Israeli decision was not wrong.") == []
    assert code(nlp, "Egypt said it was wrong to wait.") == []


def test_calling_or_describing_a_country_a_reliable_partner_is_praise(nlp):
    assert triples(code(nlp, "Russia called Egypt a reliable partner.")) == {
        ("Russia", "SUPPORT", "Egypt")
    }
    assert triples(code(nlp, "Russia described Egypt as a reliable partner.")) == {
        ("Russia", "SUPPORT", "Egypt")
    }


def test_a_participle_hung_inside_a_clause_keeps_the_participle_subject(nlp):
    text = (
        "Egypt spoke on Monday, saying that the Israeli plan was illegal "
        "and calling Jordan a reliable partner."
    )
    assert triples(code(nlp, text)) == {
        ("Egypt", "ACCUSE", "Israeli"),
        ("Egypt", "SUPPORT", "Jordan"),
    }


def test_both_sides_accusing_each_other_are_the_last_two_countries(nlp):
    text = (
        "Thailand attacked Cambodia on Wednesday. "
        "Both sides accused each other of starting the clash."
    )
    accusations = {t for t in triples(code(nlp, text)) if t[1] == "ACCUSE"}
    assert accusations == {("Thailand", "ACCUSE", "Cambodia"), ("Cambodia", "ACCUSE", "Thailand")}


def test_the_two_leaders_named_before_in_the_sentence_act_together(nlp):
    text = (
        "Egypt praised Jordan, and the two leaders confirmed their interest in closer trade ties."
    )
    agreements = {t for t in triples(code(nlp, text)) if t[1] == "AGREE"}
    assert agreements == {("Egypt", "AGREE", "Jordan"), ("Jordan", "AGREE", "Egypt")}


def test_counted_people_attacking_something_are_not_both_sides(nlp):
    text = "Thailand attacked Cambodia. Two soldiers attacked a border post on Friday."
    assert {t for t in triples(code(nlp, text)) if t[0] is None or "soldiers" in t[0]} == set()
    assert len(code(nlp, text)) == 1


def test_a_country_reporting_an_attack_on_itself_accuses_the_attacker(nlp):
    assert triples(code(nlp, "Libya said NATO attacked Tripoli.")) == {
        ("NATO", "ASSAULT", "Tripoli"),
        ("Libya", "ACCUSE", "NATO"),
    }


def test_reporting_harm_to_others_or_by_its_own_side_accuses_no_one(nlp):
    assert triples(code(nlp, "Egypt said Israel attacked Lebanon.")) == {
        ("Israel", "ASSAULT", "Lebanon")
    }
    own_side = code(nlp, "Egypt said troops attacked rebels in Sinai.", egyptian)
    assert triples(own_side) == {("troops", "ASSAULT", "rebels")}
    own_war = code(nlp, "Egypt said rebels attacked police in Sinai.", egyptian)
    assert triples(own_war) == {("rebels", "ASSAULT", "police")}


def test_a_past_tense_conjunct_hung_inside_a_clause_goes_with_the_reporting_verb(nlp):
    text = "Egypt said that Jordan had made great progress and urged Israel to resume talks."
    assert triples(code(nlp, text)) == {
        ("Egypt", "REQUEST", "Israel"),
        ("Egypt", "SUPPORT", "Jordan"),
    }


def test_a_ban_imposed_by_a_government_is_that_government_s_act(nlp):
    text = "Protests went ahead despite a ban on public rallies imposed by the Egyptian government."
    events = code(nlp, text, egyptian)
    assert [(e.source.country, e.plover_type) for e in events if e.pattern == "ban.N"] == [
        ("EGY", "COERCE")
    ]


def test_who_is_engaged_or_takes_part_in_talks_holds_them(nlp):
    engaged = "The Colombian government has been engaged in talks with Cuba since November."
    assert ("The Colombian", "CONSULT", "Cuba") in triples(code(nlp, engaged))
    part = "Egypt took part in talks with Israel on Monday."
    assert ("Egypt", "CONSULT", "Israel") in triples(code(nlp, part))


def test_forces_sweeping_through_territory_is_an_assault(nlp):
    text = "The troops swept through Libya in an offensive."
    assert triples(code(nlp, text, egyptian)) == {("The troops", "ASSAULT", "Libya")}


def test_at_the_invitation_of_a_country_it_invites_the_visitor(nlp):
    text = "Egypt will visit Beijing at the invitation of China."
    assert ("China", "AGREE", "Egypt") in triples(code(nlp, text))


def test_receiving_a_delegation_is_hosting_but_receiving_a_text_or_votes_is_not(nlp):
    assert triples(code(nlp, "Cairo received the Jordanian delegation on Monday.")) == {
        ("Cairo", "CONSULT", "Jordanian")
    }
    assert code(nlp, "Egypt received 40 percent of the vote.") == []
    assert code(nlp, "Jordan will publish the text once Israel has received it.") == []


def test_the_accused_does_what_the_gerund_after_of_says(nlp):
    text = "The UN has accused Rwanda and Uganda of supporting Congo."
    assert {t for t in triples(code(nlp, text)) if t[1] == "SUPPORT"} == {
        ("Rwanda", "SUPPORT", "Congo"),
        ("Uganda", "SUPPORT", "Congo"),
    }


def test_a_gerund_after_a_circumstance_keeps_the_subject(nlp):
    text = "Egypt signed a deal with Jordan after meeting Israel."
    assert ("Egypt", "CONSULT", "Israel") in triples(code(nlp, text))


def test_a_thing_in_a_country_is_not_that_country_acting(nlp):
    text = "A factory in Bangladesh collapsed, killing workers from Egypt."
    assert [e for e in code(nlp, text) if e.source.text == "Bangladesh"] == []


def test_who_gathers_for_a_rally_to_protest_protests(nlp):
    text = "Thousands of Egyptians were converging on Friday for a rally to protest the law."
    assert {(e.source.text, e.plover_type) for e in code(nlp, text)} == {("Egyptians", "PROTEST")}


def test_protesting_or_complaining_that_someone_acted_criticises_them(nlp):
    for verb in ("protested", "complained"):
        text = f"Jordan {verb} that Egypt had closed the border."
        assert ("Jordan", "ACCUSE", "Egypt") in triples(code(nlp, text))
    assert triples(code(nlp, "Jordan protested against the Egyptian decision.")) == {
        ("Jordan", "PROTEST", "Egyptian")
    }


def test_a_second_said_takes_the_subject_of_the_first(nlp):
    text = (
        "Egypt, which has followed the talks, said that it took note of the ruling, "
        "said that Jordan had made progress and urged Israel to negotiate."
    )
    assert triples(code(nlp, text)) == {
        ("Egypt", "REQUEST", "Israel"),
        ("Egypt", "SUPPORT", "Jordan"),
    }


def test_a_court_s_unstated_counterpart_is_its_own_country_not_a_foreign_partner(nlp):
    def mentions(parsed):
        found = mentions_for(parsed)
        court = next(t for t in parsed if t.text == "court")
        return [*found, Mention("t", 0, court.idx, court.idx + 5, "court", "group",
                                "dictionary", 1.0, country="EGY", sector="JUD")]  # fmt: skip

    text = (
        "Egypt met Jordan on Monday. Egypt met Jordan again on Tuesday. "
        "Cairo said Egypt would host Israel. The court sentenced the former minister."
    )
    sentenced = [e for e in code(nlp, text, mentions) if e.trigger == "sentenced"]
    assert [(e.source.country, e.target.country) for e in sentenced] == [("EGY", "EGY")]


def test_those_at_the_forefront_of_protests_hold_them(nlp):
    events = code(nlp, "Egyptian students were at the forefront of the protests.")
    assert [(e.source.text, e.plover_type) for e in events] == [("Egyptian", "PROTEST")]


def test_anti_police_protests_are_not_the_police_s(nlp):
    text = "Egyptian students were at the forefront of anti-police protests."
    sources = {e.source.text for e in code(nlp, text, egyptian)}
    assert sources == {"Egyptian"}


def test_saying_a_country_made_great_strides_praises_it(nlp):
    praise = code(nlp, "Egypt said that Jordan had made great strides in the rule of law.")
    assert triples(praise) == {("Egypt", "SUPPORT", "Jordan")}
    assert code(nlp, "Egypt said that Jordan had made little progress.") == []


def test_saying_a_country_made_a_mistake_blames_it(nlp):
    assert triples(code(nlp, "Egypt said Jordan had made a mistake.")) == {
        ("Egypt", "ACCUSE", "Jordan")
    }


def test_unlocking_or_disbursing_funds_is_economic_aid(nlp):
    events = code(
        nlp, "Japan disbursed $200 million to Egypt. Egypt unlocked $5 billion for Jordan."
    )
    assert {(e.source.text, e.cameo, e.target.text) for e in events} == {
        ("Japan", "071", "Egypt"),
        ("Egypt", "071", "Jordan"),
    }


def test_saying_something_is_out_of_the_question_rejects_it(nlp):
    events = code(nlp, "Egypt said that lifting the sanctions was out of the question.")
    assert [(e.source.text, e.plover_type) for e in events] == [("Egypt", "REJECT")]
    assert code(nlp, "Egypt said that the matter was in question.") == []


def test_saying_a_country_is_in_the_wrong_blames_it(nlp):
    assert triples(code(nlp, "Egypt said Israel was in the wrong.")) == {
        ("Egypt", "ACCUSE", "Israel")
    }
