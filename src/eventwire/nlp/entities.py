"""Entities without the statistical recogniser: known places, dates and name runs, by rule.

spaCy's entity recogniser costs about as much as the tagger and parser together. The later
stages read its labels only to tell a few things apart (see `data/nlp/entities.toml`):
a person's lone surname from a common word, a date word from a name, a place from a
person. This component gives those labels from what is known and from the parse:
- GPE, NORP, ORG: phrases of the actor knowledge (countries, capitals, demonyms,
  organisations), as written there;
- DATE and TIME: weekday and month words, years, "yesterday", "last week", "Friday night";
- PERSON: runs of capitalised proper nouns of two words or more that end in no
  institution word, a known person's name, and a lone word that is the last word of such
  a run elsewhere in the document ("Kabila" after "Joseph Kabila"); ORG for runs ending in
  an institution word; GPE for a lone unknown name after "in", "near".
"""

from __future__ import annotations

import functools
import logging
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

LOGGER = logging.getLogger(__name__)

YEAR = re.compile(r"(1[89]|20)\d\d")
DAY_NUMBER = re.compile(r"[0-3]?\d(st|nd|rd|th)?")
NAME_TAGS = frozenset({"NNP", "NNPS"})
PLACE_KINDS = {"country": "GPE", "capital": "GPE", "adjective": "NORP", "demonym": "NORP"}
ORG_KINDS = frozenset({"organisation", "metonym"})
ROLE_KINDS = frozenset({"title", "group", "honorific"})


@dataclass(frozen=True)
class EntityWords:
    """The word lists of `data/nlp/entities.toml`."""

    weekdays: frozenset[str]
    months: frozenset[str]
    ambiguous_months: frozenset[str]
    days: frozenset[str]
    relative: frozenset[str]
    units: frozenset[str]
    day_parts: frozenset[str]
    institution_words: frozenset[str]
    run_breaks: frozenset[str]
    place_prepositions: frozenset[str]


@functools.lru_cache(maxsize=1)
def entity_words() -> EntityWords:
    """The packaged word lists, read once."""
    text = (resources.files("eventwire") / "data" / "nlp" / "entities.toml").read_text("utf-8")
    data = tomllib.loads(text)
    flat = {key: frozenset(values) for table in data.values() for key, values in table.items()}
    return EntityWords(**flat)


class EntityRules:
    """Sets `doc.ents` from knowledge phrases, date words and name runs."""

    def __init__(self, nlp: Language) -> None:
        from eventwire.actors.knowledge import packaged_knowledge

        self.knowledge = packaged_knowledge()
        self.words = entity_words()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = list(self.knowledge.phrases())
        self.matcher.add("KNOWLEDGE", list(nlp.make_doc(p) for p in phrases))
        self.person_names = {
            name.lower() for p in self.knowledge.persons for name in (p.name, *p.aliases)
        }
        self.person_names |= {name.split()[-1] for name in self.person_names if " " in name}
        words = self.words
        plurals = {f"{unit}s" for unit in words.units} | {"centuries"}
        self.date_forms = words.weekdays | words.days | words.months | words.units | plurals
        self.kinds: dict[str, frozenset[str]] = {}  # knowledge readings by phrase as written

    def __call__(self, doc: Doc) -> Doc:
        """Label the doc's entities."""
        lowers = [t.lower_ for t in doc]
        known, roles = self._knowledge_spans(doc)
        roles |= {i for i, lower in enumerate(lowers) if lower in self.words.run_breaks}
        taken = {i for span in known for i in range(span.start, span.end)} | roles
        dates = list(self._dates(doc, taken, lowers))
        taken |= {i for span in dates for i in range(span.start, span.end)}
        names = self._names(doc, taken, roles)
        doc.set_ents(filter_spans([*known, *dates, *names]), default="outside")
        return doc

    def pipe(self, docs: Iterator[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Label a stream of docs."""
        for doc in docs:
            yield self(doc)

    # -- knowledge ---------------------------------------------------------------------------

    def _knowledge_spans(self, doc: Doc) -> tuple[list[Span], set[int]]:
        """Known places and organisations as entities; the tokens of role words apart."""
        spans: list[Span] = []
        roles: set[int] = set()
        for _, start, end in self.matcher(doc):
            text = doc[start:end].text
            kinds = self.kinds.get(text)
            if kinds is None:
                kinds = self.kinds[text] = frozenset(e.kind for e in self.knowledge.lookup(text))
            label = _knowledge_label(kinds)
            if label:
                spans.append(Span(doc, start, end, label=label))
            elif kinds & ROLE_KINDS:
                roles.update(range(start, end))
        return filter_spans(spans), roles

    # -- dates ---------------------------------------------------------------------------------

    def _dates(self, doc: Doc, taken: set[int], lowers: list[str]) -> Iterator[Span]:
        """Runs of date words, with the numbers and years next to them; day parts as TIME."""
        i = 0
        while i < len(doc):
            maybe = lowers[i] in self.date_forms or YEAR.fullmatch(lowers[i])
            if i in taken or not maybe or not self._date_word(doc, i):
                i += 1
                continue
            start, end = i, i + 1
            while end < len(doc) and end not in taken and self._date_continues(doc, end):
                end += 1
            if start > 0 and (
                doc[start - 1].lower_ in self.words.relative
                or (doc[start - 1].like_num and doc[start].lemma_.lower() in self.words.units)
            ):
                start -= 1
            yield Span(doc, start, end, label="DATE")
            if end < len(doc) and doc[end].lower_ in self.words.day_parts:
                yield Span(doc, end, end + 1, label="TIME")
                end += 1
            i = end

    def _date_word(self, doc: Doc, i: int) -> bool:
        """Whether token `i` is a date by itself."""
        token, words = doc[i], self.words
        lower = token.lower_
        if lower in words.weekdays or lower in words.days:
            return True
        if lower in words.months:
            return lower not in words.ambiguous_months or _next_to_number(doc, i)
        if token.like_num and YEAR.fullmatch(token.text):
            return True
        previous = doc[i - 1] if i else None
        if token.lemma_.lower() not in words.units or previous is None:
            return False
        return previous.lower_ in words.relative or (previous.like_num and not token.is_title)

    def _date_continues(self, doc: Doc, i: int) -> bool:
        """Whether token `i` goes on with the date before it ("November 7 , 2012")."""
        token = doc[i]
        if self._date_word(doc, i) or DAY_NUMBER.fullmatch(token.text):
            return True
        return token.text == "," and i + 1 < len(doc) and bool(YEAR.fullmatch(doc[i + 1].text))

    # -- names -------------------------------------------------------------------------------

    def _names(self, doc: Doc, taken: set[int], roles: set[int]) -> list[Span]:
        """PERSON, ORG and GPE spans of capitalised runs outside known phrases and dates; a
        capitalised title word just before an institution's name is part of it ("General
        Motors", "National Bank")."""
        runs = list(self._runs(doc, taken))
        surnames = {
            doc[end - 1].lower_
            for start, end in runs
            if end - start > 1 and not self._institution(doc, end)
        }
        spans = []
        for start, end in runs:
            label = self._run_label(doc, start, end, surnames)
            if label == "ORG" and start - 1 in roles and doc[start - 1].is_title:
                start -= 1
            if label:
                spans.append(Span(doc, start, end, label=label))
        return spans

    def _runs(self, doc: Doc, taken: set[int]) -> Iterator[tuple[int, int]]:
        """Maximal runs of name words within a sentence."""
        lower_forms = {t.lower_ for t in doc if t.is_lower}
        i = 0
        while i < len(doc):
            if i in taken or not _name_word(doc[i], lower_forms):
                i += 1
                continue
            end = i + 1
            while (
                end < len(doc)
                and end not in taken
                and not doc[end].is_sent_start
                and _name_word(doc[end], lower_forms)
            ):
                end += 1
            yield i, end
            i = end

    def _run_label(self, doc: Doc, start: int, end: int, surnames: set[str]) -> str | None:
        """The label of a run: an institution, a person, a place, or none."""
        if self._institution(doc, end):
            return "ORG"
        text = doc[start:end].text.lower()
        if end - start > 1 or text in self.person_names or text in surnames:
            return "PERSON"
        if start and doc[start - 1].lower_ in self.words.place_prepositions:
            return "GPE"
        return None

    def _institution(self, doc: Doc, end: int) -> bool:
        """Whether a run ends in an institution word."""
        return doc[end - 1].lower_ in self.words.institution_words


def _knowledge_label(kinds: frozenset[str]) -> str | None:
    """The entity label of a knowledge phrase by its readings."""
    for kind, label in PLACE_KINDS.items():
        if kind in kinds:
            return label
    if kinds & ORG_KINDS or "party" in kinds:
        return "ORG"
    return None


def _next_to_number(doc: Doc, i: int) -> bool:
    """Whether a token has a number just before or after it ("May 7", "7 May", "May 2012")."""
    neighbours = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
    return any(t.like_num and DAY_NUMBER.fullmatch(t.text) or YEAR.fullmatch(t.text)
               for t in neighbours)  # fmt: skip


def _name_word(token: Token, lower_forms: set[str]) -> bool:
    """A capitalised word that may be part of a name: tagged a proper noun, or a capitalised
    noun inside a sentence that the document never writes in lower case ("PM Sanader")."""
    text = token.text
    if not text[:1].isupper() or not token.is_alpha or (token.is_upper and len(text) > 1):
        return False
    if token.tag_ in NAME_TAGS:
        return True
    return (
        token.tag_ in ("NN", "NNS") and not token.is_sent_start and token.lower_ not in lower_forms
    )


@Language.factory("eventwire_entities")
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    """Entities by rule, standing in for the statistical recogniser."""
    return EntityRules(nlp)
