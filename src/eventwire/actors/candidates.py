"""The resolver's working record of a mention: token span plus what is known of the actor."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from eventwire.actors.sentences import Sentences
from eventwire.records import Document, Mention


@dataclass(frozen=True, eq=False)
class Candidate:
    """A resolved mention at tokens `start:end`; compared by identity (antecedents point here).

    `start_char`/`end_char` may cut inside a token ("U.S.-Russian"). `key` names the person
    within the document, so that later mentions of the same person can be found.
    """

    start: int
    end: int
    start_char: int
    end_char: int
    kind: str
    method: str
    confidence: float
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    role: str | None = None
    role_time: str = "current"
    as_of: str | None = None
    antecedent: Candidate | None = None
    key: str | None = None
    reason: str = ""

    def tokens(self) -> range:
        """The token indices the mention covers."""
        return range(self.start, self.end)

    def but(self, **changes: object) -> Candidate:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def at_tokens(parsed: Doc, start: int, end: int, **fields: object) -> Candidate:
    """A candidate covering whole tokens `start:end`."""
    span = parsed[start:end]
    return Candidate(start, end, span.start_char, span.end_char, **fields)  # type: ignore[arg-type]


def to_mentions(document: Document, sentences: Sentences, found: list[Candidate]) -> list[Mention]:
    """Mention records in text order, with antecedents turned into list indices."""
    ordered = sorted(found, key=lambda c: (c.start_char, c.end_char))
    index = {id(candidate): n for n, candidate in enumerate(ordered)}
    return [
        Mention(
            doc_id=document.doc_id,
            sentence=sentences.number(c.start),
            start=c.start_char,
            end=c.end_char,
            text=document.text[c.start_char : c.end_char],
            kind=c.kind,
            method=c.method,
            confidence=round(c.confidence, 3),
            country=c.country,
            sector=c.sector,
            name=c.name,
            role=c.role,
            role_time=c.role_time,
            as_of=c.as_of,
            antecedent=index.get(id(c.antecedent)) if c.antecedent is not None else None,
        )
        for c in ordered
    ]
