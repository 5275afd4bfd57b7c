"""Sentence starts set before the parser, on Docs built by hand."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.nlp import line_breaks

ENGLISH = spacy.blank("en")  # its vocabulary knows which words are spaces


def doc_of(words: list[str]) -> Doc:
    """A Doc of the given tokens, each followed by a space unless it is a line break."""
    spaces = [not word.isspace() and not following.isspace() for word, following in
              zip(words, [*words[1:], "\n"], strict=True)]  # fmt: skip
    return Doc(ENGLISH.vocab, words=words, spaces=spaces)


def test_a_line_break_starts_a_sentence() -> None:
    doc = line_breaks(doc_of(["Talks", "Open", "\n\n", "Envoys", "met", "."]))
    assert doc[3].is_sent_start is True


def test_the_second_word_of_a_line_is_never_cut_off_its_first() -> None:
    doc = line_breaks(doc_of(["Leaders", "Meet", "\n\n", "President", "Ivan", "Sorokin", "spoke"]))
    assert doc[4].is_sent_start is False


def test_a_line_opening_with_a_sign_leaves_the_parser_free() -> None:
    doc = line_breaks(doc_of(["Talks", "\n\n", "-", "Envoys", "met", "."]))
    assert doc[3].is_sent_start is None
