"""Lookup entries made from the merged drafts, and the phrases read two ways (W301)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping

import pycountry

from eventwire.actors.knowledge.folding import fold
from eventwire.actors.knowledge.merge import CountryDraft, Drafts
from eventwire.actors.knowledge.records import Conflict, Entry, EntryKind
from eventwire.actors.knowledge.values import stored_phrase

LOGGER = logging.getLogger(__name__)


def country_entries(draft: CountryDraft) -> Iterator[Entry]:
    """The phrases of one country as lookup entries."""
    kinds: tuple[tuple[EntryKind, dict[str, tuple[str, str]], str | None], ...] = (
        ("country", draft.names, None),
        ("adjective", draft.adjectives, None),
        ("demonym", draft.demonyms, None),
        ("capital", draft.capitals, "GOV"),
    )
    for kind, phrases, sector in kinds:
        for phrase, source in phrases.values():
            yield Entry(phrase, kind, draft.code, sector, source=source)
    for phrase, sector, source in draft.metonyms.values():
        yield Entry(phrase, "metonym", draft.code, sector, source=source)


def pycountry_entries(draft: CountryDraft, index: Mapping[str, list[Entry]]) -> Iterator[Entry]:
    """pycountry's names for a country that no curated entry gives to another code."""
    record = pycountry.countries.get(alpha_3=draft.code)
    for attribute in ("name", "common_name", "official_name"):
        name = getattr(record, attribute, None) if record else None
        if not name:
            continue
        phrase = stored_phrase(name)
        claims = {entry.code for entry in index.get(fold(phrase), []) if entry.code}
        if claims - {draft.code}:
            LOGGER.debug("pycountry name %r of %s left to %s", phrase, draft.code, claims)
        elif fold(phrase) not in draft.names:
            yield Entry(phrase, "country", draft.code, None, source="pycountry")


def organisation_entries(drafts: Drafts) -> Iterator[Entry]:
    """The names, aliases and parts of every organisation as lookup entries."""
    for draft in drafts.organisations.values():
        sector = draft.sector[0] if draft.sector else None
        named = dict(draft.aliases)
        if draft.name:
            named.setdefault(fold(draft.name[0]), draft.name)
        for key, (phrase, source) in named.items():
            if key not in draft.parts:
                yield Entry(phrase, "organisation", draft.code, sector, source=source)
        for phrase, subsector, source in draft.parts.values():
            yield Entry(
                phrase, "organisation", draft.code, sector, subsector=subsector, source=source
            )


def role_entries(drafts: Drafts) -> Iterator[Entry]:
    """The role words as lookup entries (no code: the country comes from the context)."""
    for word in drafts.roles.values():
        yield Entry(word.phrase, word.kind, None, word.sector, role=word.role, source=word.source)


def build_index(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """Entries grouped by the folded form of their phrase."""
    index: dict[str, list[Entry]] = {}
    for entry in entries:
        index.setdefault(fold(entry.phrase), []).append(entry)
    return index


def phrase_conflicts(index: Mapping[str, list[Entry]]) -> list[Conflict]:
    """W301 for phrases read as two codes, or as role words of two sectors."""
    conflicts = []
    for bucket in index.values():
        named = [entry for entry in bucket if entry.code is not None]
        roles = [entry for entry in bucket if entry.code is None and entry.kind != "honorific"]
        for group, attribute in ((named, "code"), (roles, "sector")):
            if len({getattr(entry, attribute) for entry in group}) > 1:
                readings = tuple(f"{getattr(e, attribute)} {e.kind} ({e.source})" for e in group)
                conflicts.append(Conflict("W301", group[0].phrase, readings, tuple(group)))
    return conflicts
