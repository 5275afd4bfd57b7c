"""The model's rule lemmatizer, called once per word form instead of once per token.

spaCy's `Lemmatizer` already caches a lemma per (word, part of speech, morphology), but
still goes through four Python calls and a string lookup for every token. This component
reads those three keys for a whole doc at once, asks the lemmatizer only for keys it has
not seen, and writes the lemmas back in one call. Tokens that already have a lemma (set by
the attribute rules) keep it, as with the lemmatizer, so the lemmas are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc


class LemmaCache:
    """Lemmas of the wrapped rule lemmatizer, by (word, part of speech, morphology)."""

    def __init__(self, lemmatizer: object) -> None:
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none."""
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[i])[0])  # type: ignore[attr-defined]
                self.cache[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.astype(numpy.uint64).reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Lemmatize a stream of docs."""
        for doc in docs:
            yield self(doc)


@Language.factory("eventwire_lemma_cache")
def make_lemma_cache(nlp: Language, name: str) -> LemmaCache | object:
    """The model's lemmatizer behind a per-form cache (the lemmatizer itself when it is not
    a rule lemmatizer that keeps existing lemmas)."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return lemmatizer
    return LemmaCache(lemmatizer)


def use_lemma_cache(nlp: Language) -> None:
    """Put the cache in front of the pipeline's lemmatizer, in place."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    nlp.add_pipe("eventwire_lemma_cache", name="lemma_cache", after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
