"""Direct quotations and their speakers, on short texts written for the purpose."""

from __future__ import annotations

import pytest

from eventwire.quotes import (
    QuoteLexiconError,
    extract_quotes,
    find_quotation_spans,
    packaged_lexicon,
)
from eventwire.quotes.lexicon import parse_reporting_verbs, parse_word_list
from eventwire.records import Document, Mention, Quote


def document(text: str) -> Document:
    """A document holding the text."""
    return Document(doc_id="q1", text=text, content_hash="x", source="test")


def quotes_of(nlp, text: str, mentions: list[Mention] | None = None) -> list[Quote]:
    """The quotes found in a text, checked to point at their own words."""
    found = extract_quotes(document(text), nlp(text), mentions or [])
    for quote in found:
        assert text[quote.start : quote.end] == quote.text
    return found


def mention(text: str, words: str, occurrence: int = 0, **fields) -> Mention:
    """A hand-made mention of the `occurrence`-th appearance of `words` in the text."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    values = {"kind": "person", "method": "title", "confidence": 0.9} | fields
    return Mention("q1", 0, start, start + len(words), words, **values)


def pairs(quotes: list[Quote]) -> list[tuple[str, str | None]]:
    """Each quote's words with its speaker's words."""
    return [(q.text, q.speaker_text) for q in quotes]


def test_straight_quotes_give_the_words_and_the_speaker(nlp):
    text = 'The port reopened. "Ships will sail again tomorrow," the harbour master said.'
    assert pairs(quotes_of(nlp, text)) == [("Ships will sail again tomorrow", "the harbour master")]


def test_curly_quotes_give_the_words_and_the_speaker(nlp):
    text = "\u201cThe harvest failed in every province,\u201d the farm minister told parliament."
    assert pairs(quotes_of(nlp, text)) == [
        ("The harvest failed in every province", "the farm minister")
    ]


def test_quote_of_several_sentences_is_one_quote(nlp):
    text = '"Prices rose again. Families cannot wait. We act today," Lena Moravec said.'
    found = quotes_of(nlp, text)
    assert pairs(found) == [
        ("Prices rose again. Families cannot wait. We act today", "Lena Moravec")
    ]


def test_quote_left_open_continues_into_the_next_paragraph(nlp):
    text = (
        "Mayor Ines Calder opened the session.\n\n"
        "\u201cThe budget is balanced for the first time in ten years.\n\n"
        "\u201cNobody thought it could be done,\u201d she said."
    )
    found = quotes_of(nlp, text)
    assert [q.text for q in found] == [
        "The budget is balanced for the first time in ten years.",
        "Nobody thought it could be done",
    ]
    assert {q.speaker_text for q in found} == {"Mayor Ines Calder"}


def test_split_quote_gives_two_parts_with_one_speaker(nlp):
    text = 'Rain fell. "We will rebuild the bridge," Tomas Brel said, "and the school will reopen."'
    found = quotes_of(nlp, text)
    assert pairs(found) == [
        ("We will rebuild the bridge", "Tomas Brel"),
        ("and the school will reopen.", "Tomas Brel"),
    ]


def test_next_quote_without_reporting_verb_keeps_the_speaker(nlp):
    text = '"We will not leave the coast," the admiral said. "The fleet stays where it is."'
    assert [q.speaker_text for q in quotes_of(nlp, text)] == ["the admiral", "the admiral"]


def test_said_before_the_speaker_names_the_speaker(nlp):
    text = "\u201cNobody wants another war,\u201d said Elena Varga, the foreign minister."
    assert pairs(quotes_of(nlp, text)) == [("Nobody wants another war", "Elena Varga")]


def test_speaker_after_the_quote(nlp):
    text = '"The talks went well and will go on," the deputy envoy told reporters on Monday.'
    assert quotes_of(nlp, text)[0].speaker_text == "the deputy envoy"


def test_speaker_before_the_quote_with_a_colon(nlp):
    text = 'The interior minister said: "Our borders stay open to people fleeing the war."'
    assert pairs(quotes_of(nlp, text)) == [
        ("Our borders stay open to people fleeing the war.", "The interior minister")
    ]


def test_pronoun_speaker_is_the_coreference_mention(nlp):
    text = 'Omar Haddad arrived in Rome. "We came to listen," he said.'
    mentions = [
        mention(text, "Omar Haddad", country="JOR", sector="GOV", name="Omar Haddad"),
        mention(
            text, "he", method="coreference", country="JOR", sector="GOV", name="Omar Haddad",
            antecedent=0,
        ),
    ]  # fmt: skip
    (quote,) = quotes_of(nlp, text, mentions)
    assert quote.speaker is not None
    assert (quote.speaker.text, quote.speaker.name, quote.speaker.mention) == (
        "he",
        "Omar Haddad",
        1,
    )
    assert quote.speaker_text == "Omar Haddad"


def test_pronoun_bound_by_the_reporting_clause_beats_a_distant_antecedent(nlp):
    text = (
        "Omar Haddad met the Russian leader. The Russian leader made clear he preferred "
        'talks, saying sanctions were "a mistake".'
    )
    mentions = [
        mention(text, "Omar Haddad", name="Omar Haddad"),
        mention(text, "The Russian leader", country="RUS", sector="GOV", name="Vladimir Putin"),
        mention(text, "he", method="coreference", name="Omar Haddad", antecedent=0),
    ]
    (quote,) = quotes_of(nlp, text, mentions)
    assert quote.speaker is not None and quote.speaker.name == "Vladimir Putin"


def test_pronoun_speaker_without_mention_is_the_earlier_person(nlp):
    text = 'The union leader, Marta Oyelaran, met workers. "We are not going back," she said.'
    assert quotes_of(nlp, text)[0].speaker_text == "Marta Oyelaran"


def test_it_refers_to_an_organisation_not_to_a_person(nlp):
    text = (
        "The army said its troops held the bridge. Its commander, Colonel Ivo Mak, was away. "
        '"The enemy retreated overnight," it added.'
    )
    assert quotes_of(nlp, text)[0].speaker_text == "The army"


def test_statement_phrase_before_the_speaker(nlp):
    text = 'In a statement, the ministry said: "No talks will take place under shelling."'
    assert quotes_of(nlp, text)[0].speaker_text == "the ministry"


def test_speaker_is_the_mention_covering_its_head(nlp):
    text = '"Aid will arrive by sea," Foreign Minister Pablo Serra said.'
    mentions = [
        mention(
            text, "Foreign Minister Pablo Serra", country="ESP", sector="GOV", name="Pablo Serra"
        )
    ]
    (quote,) = quotes_of(nlp, text, mentions)
    assert quote.speaker is not None
    assert (quote.speaker.country, quote.speaker.sector, quote.speaker.name) == (
        "ESP",
        "GOV",
        "Pablo Serra",
    )
    start, end = quote.speaker.start, quote.speaker.end
    assert text[start:end] == "Foreign Minister Pablo Serra"


def test_speaker_without_mention_keeps_the_words_only(nlp):
    text = '"The convoy was turned back at the border," a senior official said.'
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker is None
    assert quote.speaker_text == "a senior official"


def test_apostrophes_are_not_quote_marks(nlp):
    text = "It's the farmers' choice, and the president\u2019s too, the council\u2019s chair said."
    assert quotes_of(nlp, text) == []


def test_unattributed_scare_quotes_are_skipped(nlp):
    text = (
        "Relations warmed after the 'reset' of 2009, and the \u201cnew start\u201d treaty followed."
    )
    assert quotes_of(nlp, text) == []


def test_so_called_marks_a_scare_quote_even_with_a_reporting_verb(nlp):
    text = "Critics dismissed the so-called \u2018grand bargain\u2019 on Tuesday."
    assert quotes_of(nlp, text) == []


def test_short_fragment_attributed_by_the_sentence_is_kept(nlp):
    text = 'The governor called the court ruling "deeply unfair".'
    assert pairs(quotes_of(nlp, text)) == [("deeply unfair", "The governor")]


def test_fragment_in_the_object_of_a_speech_verb_belongs_to_the_subject(nlp):
    text = "The prime minister wished the new cabinet success in \u201cfinding common ground.\u201d"
    assert quotes_of(nlp, text)[0].speaker_text == "The prime minister"


def test_single_quotes_make_a_quotation_when_they_open_and_close(nlp):
    text = "The opposition leader called the vote \u2018a farce\u2019 on Sunday."
    assert pairs(quotes_of(nlp, text)) == [("a farce", "The opposition leader")]


def test_quoted_as_saying_names_the_object(nlp):
    text = 'The newspaper quoted the envoy as saying "the border will stay closed".'
    assert quotes_of(nlp, text)[0].speaker_text == "the envoy"


def test_according_to_names_the_speaker(nlp):
    text = '"Talks will resume next week," according to the ministry.'
    assert quotes_of(nlp, text)[0].speaker_text == "the ministry"


def test_offsets_point_into_the_text_exactly():
    text = 'Line one.\n"Mixed marks close here.\u201d And \u201ccurly ones ,\u201d too.'
    spans = find_quotation_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Mixed marks close here.", "curly ones"]
    assert [text[s.open_mark] for s in spans] == ['"', "\u201c"]


def test_stray_closing_mark_does_not_pair_with_the_next_quote():
    text = "The fund said revenues fell.\u201d\n\n\u201cSlippages occurred,\u201d it added."
    spans = find_quotation_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Slippages occurred"]


def test_quote_left_open_without_continuation_is_dropped():
    text = 'He said "we will see.\n\nThe meeting ended.'
    assert find_quotation_spans(text) == []


def test_document_without_usable_parse_keeps_long_quotes_without_speaker(nlp):
    text = '"The river has burst its banks in three places," the mayor said.'
    other = nlp("Something else entirely.")
    found = extract_quotes(document(text), other, [])
    assert [(q.text, q.speaker) for q in found] == [
        ("The river has burst its banks in three places", None)
    ]


def test_packaged_lexicon_holds_say_and_marks_call_as_complement_only():
    lexicon = packaged_lexicon()
    assert "say" in lexicon.verbs and "call" in lexicon.verbs.complement_only
    assert "spokesman" in lexicon.person_nouns


def test_bad_reporting_verb_line_is_reported_with_its_code():
    with pytest.raises(QuoteLexiconError, match=r"\[E701\] mine.txt:2"):
        parse_reporting_verbs("say\ncall  sometimes\n", "mine.txt")
    with pytest.raises(QuoteLexiconError, match="listed twice"):
        parse_word_list("judge\njudge\n", "nouns.txt")


def test_speaker_without_own_mention_takes_the_country_that_modifies_it(nlp):
    text = '"We will answer any attack," Iran\'s top general said.'
    mentions = [mention(text, "Iran", kind="country", method="dictionary", country="IRN")]
    (quote,) = quotes_of(nlp, text, mentions)
    assert quote.speaker is not None and quote.speaker.country == "IRN"
    assert quote.speaker_text == "Iran's top general"
