"""The clause context of an event trigger: modality, event date and attribution."""

from __future__ import annotations

import pytest

from eventwire.events.attribution import attribution
from eventwire.events.context_data import ContextDataError, parse_rows
from eventwire.events.modality import clause_modality
from eventwire.events.when import event_date
from eventwire.records import Mention, PublishedDate

# Tuesday 13 November 2012.
TUESDAY = PublishedDate("2012-11-13", "day")
# Thursday 15 November 2012.
THURSDAY = PublishedDate("2012-11-15", "day")


def trigger(nlp, text: str, word: str, nth: int = 0):
    """The `nth` token of the parsed text whose text is `word`."""
    return [token for token in nlp(text) if token.text == word][nth]


def modality(nlp, text: str, word: str) -> str:
    """The modality of the trigger `word` in `text`."""
    return clause_modality(trigger(nlp, text, word))


def dated(nlp, text: str, word: str, published: PublishedDate | None = TUESDAY):
    """The event date of the trigger `word` in `text`."""
    return event_date(trigger(nlp, text, word), published)


# Modality


def test_expected_to_call_is_future(nlp):
    assert modality(nlp, "Putin is expected to call Obama soon.", "call") == "future"


def test_will_visit_is_future(nlp):
    assert modality(nlp, "The minister will visit Paris.", "visit") == "future"


def test_looks_forward_to_hosting_is_future(nlp):
    assert modality(nlp, "Obama looks forward to hosting Putin.", "hosting") == "future"


def test_agreed_to_meet_makes_the_meeting_future_and_the_agreement_asserted(nlp):
    text = "Russia and Ukraine agreed to meet in Minsk."
    assert modality(nlp, text, "meet") == "future"
    assert modality(nlp, text, "agreed") == "asserted"


def test_invited_to_visit_is_future(nlp):
    assert modality(nlp, "Obama invited Putin to visit Washington.", "visit") == "future"


def test_an_invitation_to_visit_is_future(nlp):
    assert modality(nlp, "He accepted an invitation to visit Moscow.", "visit") == "future"


def test_will_pay_a_visit_makes_the_noun_future(nlp):
    assert modality(nlp, "The king will pay a state visit to Spain.", "visit") == "future"


def test_did_not_meet_is_negated(nlp):
    assert modality(nlp, "The president did not meet the envoy.", "meet") == "negated"


def test_refused_to_sign_is_negated(nlp):
    assert modality(nlp, "Russia refused to sign the deal.", "sign") == "negated"


def test_denied_that_troops_attacked_is_negated(nlp):
    text = "The ministry denied that troops attacked the village."
    assert modality(nlp, text, "attacked") == "negated"


def test_no_longer_is_negated(nlp):
    assert modality(nlp, "The rebels no longer attack the town.", "attack") == "negated"


def test_if_clause_is_hypothetical(nlp):
    text = "If Iran attacks Israel, the US would respond."
    assert modality(nlp, text, "attacks") == "hypothetical"
    assert modality(nlp, text, "respond") == "hypothetical"


def test_could_is_hypothetical(nlp):
    assert modality(nlp, "Tehran could close the strait.", "close") == "hypothetical"


def test_threatened_act_is_hypothetical_and_the_threat_asserted(nlp):
    text = "Iran threatened to close the strait."
    assert modality(nlp, text, "close") == "hypothetical"
    assert modality(nlp, text, "threatened") == "asserted"


def test_plain_past_is_asserted(nlp):
    assert modality(nlp, "Troops attacked the village.", "attacked") == "asserted"


def test_purpose_of_a_past_call_is_asserted(nlp):
    text = "Obama called Putin to congratulate him."
    assert modality(nlp, text, "congratulate") == "asserted"


def test_rejecting_an_accusation_keeps_the_accusation_asserted(nlp):
    assert modality(nlp, "Kenya rejected the accusation.", "accusation") == "asserted"


def test_dismissing_reports_of_casualties_negates_the_casualties(nlp):
    text = "Police dismissed reports of heavy casualties."
    assert modality(nlp, text, "casualties") == "negated"


def test_a_noun_subject_keeps_its_status_under_a_negated_verb(nlp):
    assert modality(nlp, "The attack did not kill anyone.", "attack") == "asserted"


def test_a_noun_with_its_own_date_keeps_its_status(nlp):
    text = "He urged citizens to leave, mindful of the 2003 torching of the embassy."
    assert modality(nlp, text, "torching") == "asserted"


# Event dates


def test_on_tuesday_resolves_to_the_last_tuesday(nlp):
    found = dated(nlp, "The leaders met on Tuesday.", "met", THURSDAY)
    assert (found.value, found.precision, found.from_publication) == ("2012-11-13", "day", False)


def test_a_weekday_of_a_future_clause_looks_ahead(nlp):
    found = dated(nlp, "The leaders will meet on Friday.", "meet")
    assert found.value == "2012-11-16"


def test_in_2010_gives_year_precision(nlp):
    text = "Obama signed a treaty with Medvedev in 2010."
    found = dated(nlp, text, "signed")
    assert (found.value, found.precision) == ("2010", "year")


def test_on_november_7_gives_that_day(nlp):
    found = dated(nlp, "Putin had sent Obama a telegram on November 7.", "sent")
    assert (found.value, found.precision) == ("2012-11-07", "day")


def test_a_month_and_day_after_publication_falls_in_the_year_before(nlp):
    found = dated(nlp, "The two leaders met on December 4.", "met")
    assert found.value == "2011-12-04"


def test_yesterday_is_the_day_before_publication(nlp):
    assert dated(nlp, "The army shelled the town yesterday.", "shelled").value == "2012-11-12"


def test_last_week_is_its_month_when_it_lies_in_one(nlp):
    found = dated(nlp, "The ministers met last week.", "met")
    assert (found.value, found.precision) == ("2012-11", "month")


def test_last_week_across_two_months_is_its_year(nlp):
    found = dated(nlp, "The ministers met last week.", "met", PublishedDate("2012-11-06", "day"))
    assert (found.value, found.precision) == ("2012", "year")


def test_in_september_is_the_latest_september(nlp):
    found = dated(nlp, "Protesters attacked the embassy in September.", "attacked")
    assert (found.value, found.precision) == ("2012-09", "month")
    found = dated(nlp, "Protesters attacked the embassy in December.", "attacked")
    assert found.value == "2011-12"


def test_earlier_this_year_gives_the_year(nlp):
    found = dated(nlp, "Obama told Medvedev earlier this year that he wanted talks.", "told")
    assert (found.value, found.precision) == ("2012", "year")


def test_last_month_gives_the_month_before(nlp):
    assert dated(nlp, "Rebels seized the port last month.", "seized").value == "2012-10"


def test_two_days_of_one_month_give_the_month(nlp):
    found = dated(nlp, "Morsy will visit China from Aug. 28 to 30.", "visit")
    assert (found.value, found.precision) == ("2013-08", "month")


def test_after_a_dated_event_keeps_only_the_month(nlp):
    found = dated(nlp, "The ban was imposed after the May 15 election.", "imposed")
    assert (found.value, found.precision) == ("2012-05", "month")


def test_regularly_gives_the_publication_year(nlp):
    found = dated(nlp, "Police regularly block the opposition leader.", "block")
    assert (found.value, found.precision, found.from_publication) == ("2012", "year", False)


def test_a_full_date_before_a_noun_dates_it(nlp):
    found = dated(nlp, "The group was named after a 23 March 2009 peace deal.", "deal")
    assert (found.value, found.precision) == ("2009-03-23", "day")


def test_time_words_of_another_clause_do_not_date_this_one(nlp):
    text = "The two leaders met, and Obama said he would visit Moscow in 2014."
    found = dated(nlp, text, "met")
    assert found.from_publication
    assert found.value == "2012-11-13"


def test_a_relative_clause_keeps_its_time_words(nlp):
    text = "Obama, who was elected in 2008, met Putin."
    assert dated(nlp, text, "met").from_publication


def test_agreeing_on_friday_to_meet_does_not_date_the_meeting(nlp):
    found = dated(nlp, "The sides agreed on Friday to meet again.", "meet")
    assert found.from_publication


def test_a_reported_past_clause_takes_the_time_of_its_report(nlp):
    text = "The ministry said on Monday that troops attacked the village."
    assert dated(nlp, text, "attacked").value == "2012-11-12"


def test_a_past_perfect_clause_does_not_take_the_time_of_its_report(nlp):
    text = "The ministry said on Monday that troops had attacked the village."
    assert dated(nlp, text, "attacked").from_publication


def test_no_time_words_fall_back_to_publication_flagged(nlp):
    found = dated(nlp, "Putin congratulated Obama.", "congratulated")
    assert (found.value, found.precision, found.from_publication) == ("2012-11-13", "day", True)
    assert found.evidence is None


def test_a_future_clause_without_time_words_gets_the_publication_month(nlp):
    found = dated(nlp, "Putin is expected to call Obama.", "call")
    assert (found.value, found.precision, found.from_publication) == ("2012-11", "month", True)


def test_without_publication_only_absolute_dates_are_read(nlp):
    assert dated(nlp, "Obama signed a treaty in 2010.", "signed", None).value == "2010"
    assert dated(nlp, "The leaders met on Tuesday.", "met", None) is None


def test_evidence_offsets_point_at_the_time_words(nlp):
    text = "Putin had sent Obama a telegram on November 7."
    found = dated(nlp, text, "sent")
    assert text[found.start : found.end] == found.evidence == "November 7"


def test_a_yearless_month_follows_the_explicit_date_of_its_governing_clause(nlp):
    text = "The envoy was arrested in March 2010 and flown to Paris, where he stood trial in June."
    found = dated(nlp, text, "stood")
    assert (found.value, found.precision) == ("2010-06", "month")


def test_a_yearless_month_is_not_moved_by_a_year_of_a_relative_clause(nlp):
    text = "The senator, who was elected in 2006, visited Kiev in June."
    assert dated(nlp, text, "visited").value == "2012-06"


def test_a_possessive_time_on_the_subject_dates_the_verb(nlp):
    text = "Sunday's vote was condemned by the European Union."
    found = dated(nlp, text, "condemned")
    assert (found.value, found.precision) == ("2012-11-11", "day")


def test_years_earlier_count_back_from_the_story_last_date(nlp):
    text = "Inspectors visited the plant in 2009. Rebels had seized it three years earlier."
    found = dated(nlp, text, "seized")
    assert (found.value, found.precision, found.evidence) == ("2006", "year", "three years earlier")


def test_since_then_is_the_story_last_date_less_precise(nlp):
    text = "The border was closed on October 3. Both armies have shelled villages since then."
    found = dated(nlp, text, "shelled")
    assert (found.value, found.precision) == ("2012-10", "month")


def test_a_day_after_a_clause_is_the_day_before_that_clause(nlp):
    text = "The protest came on Sunday, a day after police arrested the mayor."
    found = dated(nlp, text, "arrested")
    assert (found.value, found.precision) == ("2012-11-10", "day")


def test_a_day_after_a_noun_event_is_the_day_before(nlp):
    text = "Monday's strike came a day after a clash between police and miners."
    assert dated(nlp, text, "clash").value == "2012-11-11"


def test_a_noun_event_that_came_before_a_clause_keeps_its_month(nlp):
    text = "Troops crossed the border on Friday following a request from the government."
    found = dated(nlp, text, "request")
    assert (found.value, found.precision) == ("2012-11", "month")


def test_a_past_perfect_main_clause_without_time_gets_the_publication_month(nlp):
    found = dated(nlp, "The rebels had seized the airport.", "seized")
    assert (found.value, found.precision, found.from_publication) == ("2012-11", "month", True)


def test_a_past_perfect_backshifted_by_a_past_report_keeps_the_publication_day(nlp):
    found = dated(nlp, "The minister said the rebels had seized the airport.", "seized")
    assert (found.value, found.precision) == ("2012-11-13", "day")


def test_going_to_is_future(nlp):
    assert modality(nlp, "Russia is going to expel the diplomats.", "expel") == "future"


def test_would_have_with_a_participle_is_hypothetical(nlp):
    text = "Without the treaty, the army would have invaded the province."
    assert modality(nlp, text, "invaded") == "hypothetical"


def test_a_claimed_clause_is_hypothetical_but_a_claimed_responsibility_is_not(nlp):
    text = "The opposition claimed that soldiers beat the protesters."
    assert modality(nlp, text, "beat") == "hypothetical"
    text = "The militia claimed responsibility for the bombing of the consulate."
    assert modality(nlp, text, "bombing") == "asserted"


# Attribution


def test_according_to_gives_attribution(nlp):
    text = "The troops attacked the village, according to Interfax."
    assert attribution(trigger(nlp, text, "attacked"), []) == "Interfax"


def test_kremlin_said_in_a_statement_gives_the_kremlin(nlp):
    text = "The Kremlin said in a statement that Putin had congratulated Obama."
    assert attribution(trigger(nlp, text, "congratulated"), []) == "The Kremlin"


def test_a_trailing_his_spokesman_said_gives_the_spokesman(nlp):
    text = "Putin congratulated Obama, his spokesman said."
    assert attribution(trigger(nlp, text, "congratulated"), []) == "his spokesman"


def test_a_parenthetical_said_gives_its_subject(nlp):
    text = "Obama, the White House said, called Putin."
    assert attribution(trigger(nlp, text, "called"), []) == "the White House"


def test_told_reporters_gives_the_teller(nlp):
    text = "Thaksin told reporters that the court convicted him."
    assert attribution(trigger(nlp, text, "convicted"), []) == "Thaksin"


def test_quoted_as_saying_gives_the_one_quoted(nlp):
    text = "Interfax quoted the ministry as saying that troops attacked the village."
    assert attribution(trigger(nlp, text, "attacked"), []) == "the ministry"


def test_a_statement_gives_way_to_its_author(nlp):
    text = "A statement released by the army said troops attacked the village."
    assert attribution(trigger(nlp, text, "attacked"), []) == "the army"


def test_the_reporting_verb_is_not_its_own_attribution(nlp):
    text = "Putin congratulated Obama, his spokesman said."
    assert attribution(trigger(nlp, text, "said"), []) is None


def test_an_event_in_the_speakers_own_description_is_not_attributed(nlp):
    text = "The man who attacked the village said he was sorry."
    assert attribution(trigger(nlp, text, "attacked"), []) is None


def test_an_unreported_event_has_no_attribution(nlp):
    assert attribution(trigger(nlp, "Troops attacked the village.", "attacked"), []) is None


def test_a_mention_covering_the_source_is_preferred(nlp):
    text = "Putin congratulated Obama, spokesman Dmitry Peskov said."
    start = text.index("Dmitry")
    mention = Mention(
        "d", 0, start, start + len("Dmitry Peskov"), "Dmitry Peskov", "person", "x", 1.0
    )
    assert attribution(trigger(nlp, text, "congratulated"), [mention]) == "Dmitry Peskov"


# Word lists


def test_a_malformed_word_list_raises_a_coded_error():
    with pytest.raises(ContextDataError, match=r"\[E582\]"):
        parse_rows(
            ["word\tclass\tapplies", "will\tfuture"], "modality.tsv", ("word", "class", "applies")
        )


def test_a_ban_takes_the_time_of_the_participle_that_says_who_imposed_it(nlp):
    text = (
        "The rally went ahead despite a ban on public protests imposed by the government "
        "in September."
    )
    when = dated(nlp, text, "ban")
    assert (when.value, when.precision, when.from_publication) == ("2012-09", "month", False)


def test_protests_led_from_the_forefront_take_the_leading_verb_s_year(nlp):
    text = "Students were at the forefront of the protests against price rises in 2011."
    date = dated(nlp, text, "protests")
    assert (date.value, date.precision, date.from_publication) == ("2011", "year", False)


def test_what_an_agreement_or_deal_is_to_do_is_future(nlp):
    assert modality(nlp, "Egypt signed a deal with Jordan to supply gas.", "supply") == "future"
    assert modality(nlp, "They reached an accord to withdraw troops.", "withdraw") == "future"
    assert modality(nlp, "Egypt supplied gas to Jordan.", "supplied") == "asserted"


def test_swearing_to_fight_is_future(nlp):
    assert modality(nlp, "The rebels have sworn to fight until the end.", "fight") == "future"
