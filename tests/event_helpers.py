"""The event coder on short texts: mentions from a tiny look-up, events as triples.

Mentions come from the packaged knowledge (country names, capitals and a few group nouns),
so tests built on these check the coder, not the actor resolver.
"""

from __future__ import annotations

from dataclasses import replace

from eventwire.actors.knowledge import packaged_knowledge
from eventwire.events.coder import code_events
from eventwire.records import Document, Mention

GROUP_NOUNS = {"police", "protesters", "troops", "rebels", "soldiers"}


def mentions_for(parsed) -> list[Mention]:
    """Mentions for the known names (up to three words) and group nouns of a parsed text."""
    knowledge = packaged_knowledge()
    found, position = [], 0
    while position < len(parsed):
        for size in (3, 2, 1):
            span = parsed[position : position + size]
            if len(span) < size or not (
                span.text[:1].isupper() or span.text.lower() in GROUP_NOUNS
            ):
                continue
            entries = [e for e in knowledge.lookup(span.text) if e.code or e.sector]
            if entries:
                found.append(
                    Mention("t", 0, span.start_char, span.end_char, span.text, "country",
                            "dictionary", 1.0, country=entries[0].code, sector=entries[0].sector)
                )  # fmt: skip
                position = span.end
                break
        else:
            position += 1
    return found


def code(nlp, text: str, mentions=None):
    """The events coded in one sentence."""
    parsed = nlp(text)
    mentions = mentions_for(parsed) if mentions is None else mentions(parsed)
    return code_events(Document("t", text, "hash", "test"), parsed, mentions)


def triples(events) -> set[tuple]:
    """(source text, PLOVER type, target text) of each event."""
    return {(e.source.text, e.plover_type, e.target.text if e.target else None) for e in events}


def egyptian(parsed) -> list[Mention]:
    """The mentions of a text, group nouns given Egypt as their country."""
    return [replace(m, country=m.country or "EGY") for m in mentions_for(parsed)]
