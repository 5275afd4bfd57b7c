from __future__ import annotations

import pytest

from eventwire.events.context_data import ContextDataError
from eventwire.events.lexicon import LIST_NAMES, Words, parse_words, word_lists


def _lines(*rows: str, leave_out: str = "") -> list[str]:
    """A complete word file (one word a list) with extra `rows`, less the list `leave_out`."""
    body = [
        f"stag\t{name}\tstage" if name == "verb_lemma_fixes" else f"w\t{name}\t-"
        for name in sorted(LIST_NAMES)
        if name != leave_out
    ]
    return ["# a word file", "word\tlist\tvalue", *body, *rows]


def test_a_complete_word_file_gives_every_list():
    words = parse_words(_lines("say\tsay_verbs\t-"))
    assert isinstance(words, Words)
    assert words.say_verbs == frozenset({"w", "say"})
    assert dict(words.verb_lemma_fixes) == {"stag": "stage"}


def test_a_row_with_a_missing_field_raises_e582():
    with pytest.raises(ContextDataError, match=r"\[E582\]"):
        parse_words(_lines("say\tsay_verbs"))


def test_a_wrong_header_raises_e582():
    with pytest.raises(ContextDataError, match=r"\[E582\]"):
        parse_words(["word\tlist", "say\tsay_verbs"])


def test_an_unknown_list_raises_e583():
    with pytest.raises(ContextDataError, match=r"\[E583\].*'say_words'"):
        parse_words(_lines("say\tsay_words\t-"))


def test_a_list_the_code_needs_but_the_file_lacks_raises_e584():
    with pytest.raises(ContextDataError, match=r"\[E584\].*pronouns"):
        parse_words(_lines(leave_out="pronouns"))


def test_a_value_on_a_plain_list_or_none_on_a_mapping_raises_e584():
    with pytest.raises(ContextDataError, match=r"\[E584\]"):
        parse_words(_lines("say\tsay_verbs\tsaid"))
    with pytest.raises(ContextDataError, match=r"\[E584\]"):
        parse_words(_lines("lay\tverb_lemma_fixes\t-"))


def test_a_word_repeated_in_its_list_raises_e584():
    with pytest.raises(ContextDataError, match=r"\[E584\]"):
        parse_words(_lines("w\tpronouns\t-"))


def test_the_packaged_word_lists_load_once_and_cannot_be_changed():
    words = word_lists()
    assert word_lists() is words
    assert "including" in words.listing
    assert words.verb_lemma_fixes["stag"] == "stage"
    with pytest.raises(TypeError):
        words.verb_lemma_fixes["x"] = "y"  # type: ignore[index]
