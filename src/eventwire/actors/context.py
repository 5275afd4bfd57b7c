"""What the resolver knows about a whole document: its hits, quotes, dateline, main country."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Doc

from eventwire.actors.cues import Cues
from eventwire.actors.directory import PersonDirectory, RoleChoice, role_at
from eventwire.actors.gazetteer import Hit
from eventwire.actors.knowledge import Knowledge, Person
from eventwire.actors.sentences import Sentences
from eventwire.actors.story import COUNTRY_KINDS, Story, StoryCountry, build_story
from eventwire.records import Document

OPENING = frozenset({"\u201c", "\u00ab"})
CLOSING = frozenset({"\u201d", "\u00bb"})
_DATELINES = (
    re.compile(r"\(([A-Z][A-Z .'-]{2,30})\)\s*(?:--|\u2014|\u2013|-)"),
    re.compile(
        r"(?m)^\s*([A-Z][A-Z .'-]{2,30}?)(?:,[^\n\u2014\u2013]{1,30})?\s*(?:\([^)\n]{1,40}\))?"
        r"\s*(?:--|\u2014|\u2013|-)\s"
    ),
)
DATELINE_CHARS = 600


@dataclass(frozen=True)
class Context:
    """Document-wide facts the resolver steps share, computed once per document."""

    document: Document
    parsed: Doc
    knowledge: Knowledge
    cues: Cues
    directory: PersonDirectory
    hits: tuple[Hit, ...]
    hit_at: Mapping[int, Hit]
    quoted: frozenset[int]
    dateline: str | None
    dateline_span: tuple[int, int] | None
    story: Story
    sentences: Sentences

    def hit_ending(self, end: int) -> Hit | None:
        """The whole-token hit whose last token is `end - 1`."""
        hit = self.hit_at.get(end - 1)
        return hit if hit is not None and hit.end == end else None

    def in_dateline(self, start_char: int) -> bool:
        """Whether a character lies in the dateline, which names a place, not an actor."""
        span = self.dateline_span
        return span is not None and span[0] <= start_char < span[1]

    def story_country(self, i: int) -> StoryCountry | None:
        """The country the story is about near token `i`, when one leads clearly."""
        return self.story.country_near(self.sentences.number(i), i)

    def role_of(self, person: Person) -> RoleChoice:
        """The role a directory person held when the document was published."""
        return role_at(person, self.document.published, self.cues.report_lag_days)

    def person_named(self, name: str) -> Person | None:
        """The one directory person of a name; among several, the one in office at publication."""
        persons = self.directory.named(name)
        if len(persons) > 1 and self.document.published is not None:
            persons = [p for p in persons if self.role_of(p).role is not None]
        return persons[0] if len(persons) == 1 else None

    def year_near(self, i: int) -> str | None:
        """The year written in the sentence of token `i` nearest to it ("in 2010")."""
        sentence = self.sentences.of(i)
        years = [
            t for t in sentence if t.ent_type_ == "DATE" and re.fullmatch(r"(19|20)\d\d", t.text)
        ]
        return min(years, key=lambda t: abs(t.i - i)).text if years else None


def build_context(
    document: Document,
    parsed: Doc,
    knowledge: Knowledge,
    cues: Cues,
    directory: PersonDirectory,
    hits: Sequence[Hit],
    sentences: Sentences,
) -> Context:
    """The context of one document."""
    hit_at = {i: hit for hit in hits if _whole(parsed, hit) for i in range(hit.start, hit.end)}
    dateline = find_dateline(document.text, knowledge)
    code, span = (dateline[0], dateline[1]) if dateline else (None, None)
    return Context(
        document=document,
        parsed=parsed,
        knowledge=knowledge,
        cues=cues,
        directory=directory,
        hits=tuple(hits),
        hit_at=MappingProxyType(hit_at),
        quoted=quoted_tokens(parsed),
        dateline=code,
        dateline_span=span,
        story=build_story(hits, sentences, code, span, cues.story),
        sentences=sentences,
    )


def _whole(parsed: Doc, hit: Hit) -> bool:
    """Whether a hit covers whole tokens (not a part of a hyphenated token)."""
    return (
        parsed[hit.start].idx == hit.start_char
        and parsed[hit.end - 1].idx + len(parsed[hit.end - 1]) == hit.end_char
    )


def quoted_tokens(parsed: Doc) -> frozenset[int]:
    """Tokens inside quotation marks; an unclosed quote ends with its paragraph."""
    inside: set[int] = set()
    open_quote = False
    for token in parsed:
        if token.is_space and "\n" in token.text:
            open_quote = False
        elif token.text in OPENING or (token.text == '"' and not open_quote):
            open_quote = True
        elif token.text in CLOSING or token.text == '"':
            open_quote = False
        elif open_quote:
            inside.add(token.i)
    return frozenset(inside)


def find_dateline(text: str, knowledge: Knowledge) -> tuple[str, tuple[int, int]] | None:
    """The country and characters of a dateline city atop the text ("(MOSCOW) --", "KABUL -")."""
    head = text[:DATELINE_CHARS]
    for pattern in _DATELINES:
        for match in pattern.finditer(head):
            codes = {
                e.code for e in knowledge.lookup(match.group(1).strip()) if e.kind in COUNTRY_KINDS
            }
            if len(codes) == 1:
                return codes.pop(), match.span(1)
    return None
