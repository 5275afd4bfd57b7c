"""The sentences of a parsed document, split once: `Token.sent` walks the tokens on each call."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Sentences:
    """The sentence spans of a document and the sentence number of each token."""

    spans: tuple[Span, ...]
    numbers: tuple[int, ...]

    def of(self, i: int) -> Span:
        """The sentence of token `i`."""
        return self.spans[self.numbers[i]]

    def number(self, i: int) -> int:
        """The index of the sentence of token `i`."""
        return self.numbers[i]

    def same(self, i: int, j: int) -> bool:
        """Whether tokens `i` and `j` are in one sentence."""
        return self.numbers[i] == self.numbers[j]


def split_sentences(parsed: Doc) -> Sentences:
    """The sentences of a parsed document."""
    spans = tuple(parsed.sents) if len(parsed) else ()
    numbers = [0] * len(parsed)
    for n, sentence in enumerate(spans):
        numbers[sentence.start : sentence.end] = [n] * len(sentence)
    return Sentences(spans, tuple(numbers))
