"""Gazetteer: the phrases of the actor knowledge found in a parsed document.

One spaCy PhraseMatcher on lower-cased tokens is built per knowledge and vocabulary and
cached; each candidate is then checked with `Knowledge.lookup`, which applies the case
rules of the knowledge files ("US" but not "us", "Turkey" but not "turkey").
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from eventwire.actors.caching import Same
from eventwire.actors.cues import Cues
from eventwire.actors.knowledge import Entry, Knowledge
from eventwire.actors.sentences import Sentences

LOGGER = logging.getLogger(__name__)

PLACE_KINDS = frozenset({"country", "adjective", "demonym", "capital", "metonym", "organisation"})
ROLE_KINDS = frozenset({"title", "group", "honorific"})
NAMED_KINDS = frozenset({"country", "demonym", "capital", "metonym"})
_PARTS = re.compile(r"[^-]+")


@dataclass(frozen=True)
class Hit:
    """A knowledge phrase at tokens `start:end` (characters `start_char:end_char`)."""

    start: int
    end: int
    start_char: int
    end_char: int
    entries: tuple[Entry, ...]

    @property
    def places(self) -> tuple[Entry, ...]:
        """Readings naming a country, organisation or party."""
        return tuple(e for e in self.entries if e.kind in PLACE_KINDS or e.kind == "party")

    @property
    def roles(self) -> tuple[Entry, ...]:
        """Readings as a role word (title, group noun or honorific)."""
        return tuple(e for e in self.entries if e.kind in ROLE_KINDS)

    def has(self, *kinds: str) -> bool:
        """Whether some reading is of one of the kinds."""
        return any(entry.kind in kinds for entry in self.entries)


def find_hits(parsed: Doc, sentences: Sentences, knowledge: Knowledge, cues: Cues) -> list[Hit]:
    """Every knowledge phrase in the document, longest first where they overlap."""
    matcher = _matcher(Same(knowledge, parsed.vocab, cues))
    spans = [
        Span(parsed, start, end, label=key)
        for key, start, end in matcher(parsed)
        if _readings(parsed[start:end], key, knowledge, cues)
    ]
    hits = [
        Hit(s.start, s.end, s.start_char, s.end_char, _readings(s, s.label, knowledge, cues))
        for s in filter_spans(spans)
    ]
    hits.extend(_hyphen_hits(parsed, {i for h in hits for i in range(h.start, h.end)}, knowledge))
    hits = [hit for hit in hits if not _negated(parsed, hit, cues)]
    covered = {i for hit in hits for i in range(hit.start, hit.end)}
    hits = [h for h in hits if not _inside_longer_name(parsed, sentences, h, covered, cues)]
    return sorted(hits, key=lambda hit: (hit.start_char, hit.end_char))


@functools.lru_cache(maxsize=4)
def _matcher(key: Same) -> PhraseMatcher:
    """The phrase matcher of one knowledge, vocabulary and cues (built once, ~0.1 s)."""
    knowledge, vocab, cues = key.objects
    assert isinstance(knowledge, Knowledge) and isinstance(vocab, Vocab)
    assert isinstance(cues, Cues)
    tokenizer = spacy.blank("en", vocab=vocab).tokenizer
    matcher = PhraseMatcher(vocab, attr="LOWER")
    phrases = [p for p in knowledge.phrases() if not _time_bound_role(p, knowledge, cues)]
    matcher.add("KNOWLEDGE", list(tokenizer.pipe(phrases)))
    matcher.add("PARTY", list(tokenizer.pipe(list(cues.parties))))
    LOGGER.debug("phrase matcher built over %d phrases", len(phrases))
    return matcher


def _time_bound_role(phrase: str, knowledge: Knowledge, cues: Cues) -> bool:
    """A role phrase holding its own time word ("former president", "president-elect").

    Those are left out: the resolver reads the time word and the title apart.
    """
    words = phrase.replace("-", " ").lower().split()
    if len(words) < 2 or (words[0] not in cues.before and words[-1] not in cues.after):
        return False
    return all(entry.kind in ROLE_KINDS for entry in knowledge.lookup(phrase))


def _readings(span: Span, key: int | str, knowledge: Knowledge, cues: Cues) -> tuple[Entry, ...]:
    """The readings of a matched span that its case allows."""
    label = span.vocab.strings[key] if isinstance(key, int) else key
    if label == "PARTY":
        return _party_readings(span.text, cues)
    return tuple(knowledge.lookup(span.text))


def _party_readings(text: str, cues: Cues) -> tuple[Entry, ...]:
    """A party word written as listed (capitalised): its country and sector."""
    found = cues.parties.get(text)
    if found is None:
        return ()
    return (Entry(text, "party", found[0], found[1], source="resolution.toml"),)  # type: ignore[arg-type]


def _hyphen_hits(parsed: Doc, taken: set[int], knowledge: Knowledge) -> Iterator[Hit]:
    """Country words inside one hyphenated token the tokenizer keeps whole ("U.S.-Russian")."""
    for token in parsed:
        if token.i in taken or "-" not in token.text[1:-1]:
            continue
        for part in _PARTS.finditer(token.text):
            entries = tuple(
                e for e in knowledge.lookup(part.group()) if e.kind in PLACE_KINDS and e.code
            )
            if entries:
                start = token.idx + part.start()
                yield Hit(token.i, token.i + 1, start, start + len(part.group()), entries)


def _negated(parsed: Doc, hit: Hit, cues: Cues) -> bool:
    """A country word after "anti-", "pro-" and the like names no actor."""
    if not hit.places or hit.start < 2 or parsed[hit.start - 1].text != "-":
        return False
    return parsed[hit.start - 2].lower_ in cues.negating_prefixes


def _inside_longer_name(
    parsed: Doc, sentences: Sentences, hit: Hit, covered: Collection[int], cues: Cues
) -> bool:
    """A place or group word inside a longer proper name ("Moscow News", "New Mexico")."""
    if not hit.has(*NAMED_KINDS, "group") or hit.has("adjective", "organisation", "title"):
        return False
    if is_headline(sentences.of(hit.start), cues):
        return False
    if _leader_named_government(parsed, hit) or _people(parsed, hit):
        return False
    neighbours = [i for i in (hit.start - 1, hit.end) if 0 <= i < len(parsed)]
    return any(i not in covered and _proper_word(parsed[i]) for i in neighbours)


def _people(parsed: Doc, hit: Hit) -> bool:
    """A plural demonym names people, never part of a longer name ("Young Algerians")."""
    return hit.has("demonym") and parsed[hit.end - 1].tag_ in ("NNPS", "NNS")


def _leader_named_government(parsed: Doc, hit: Hit) -> bool:
    """A government word after a leader's name: "the Obama administration", "the Kemakeza
    Government" are governments (see `groups.with_countries`), not longer names."""
    if hit.start == 0 or not any(e.kind == "group" and e.role == "government" for e in hit.roles):
        return False
    before = parsed[hit.start - 1]
    after = parsed[hit.end] if hit.end < len(parsed) else None
    return (
        _proper_word(before)
        and before.dep_ == "compound"
        and before.head.i == hit.end - 1
        and (after is None or not _proper_word(after))
    )


def _proper_word(token: Token) -> bool:
    """A capitalised proper noun that is not a date word ("Friday", "May")."""
    return (
        token.tag_ in ("NNP", "NNPS")
        and token.text[:1].isupper()
        and token.ent_type_ not in ("DATE", "TIME")
    )


@functools.lru_cache(maxsize=256)
def _headline_share(text: str) -> float:
    """The share of alphabetic words written capitalised."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return sum(w[:1].isupper() for w in words) / len(words) if words else 0.0


def is_headline(sentence: Span, cues: Cues) -> bool:
    """Whether a sentence is written in title case, as headlines are."""
    return _headline_share(sentence.text) > cues.headline_capitalised_share
