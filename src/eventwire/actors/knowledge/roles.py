"""Reading roles files (titles, group nouns, honorifics) into the drafts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from eventwire.actors.knowledge.errors import KnowledgeError
from eventwire.actors.knowledge.folding import fold
from eventwire.actors.knowledge.merge import Drafts
from eventwire.actors.knowledge.records import RoleKind, RoleWord
from eventwire.actors.knowledge.sources import Source, tsv_rows
from eventwire.actors.knowledge.values import sector_code, stored_phrase

ROLE_HEADER = ("phrase", "sector", "role", "kind")
ROLE_KINDS = frozenset({"title", "group", "honorific"})


def read_roles(drafts: Drafts, source: Source, sectors: Mapping[str, str]) -> None:
    """Add the rows of a roles file; a row repeated within one file is an error (E309)."""
    seen: set[tuple[str, str | None, str, str]] = set()
    for where, (phrase, sector, role, kind) in tsv_rows(source.text, source.name, ROLE_HEADER):
        word = _role_word(where, phrase, sector, role, kind, sectors, source.name)
        key = (fold(word.phrase), word.sector, word.role, word.kind)
        if key in seen:
            raise KnowledgeError("E309", f"{where}: {phrase!r} is already listed so in this file")
        seen.add(key)
        drafts.roles.setdefault(key, word)


def _role_word(
    where: str,
    phrase: str,
    sector: str,
    role: str,
    kind: str,
    sectors: Mapping[str, str],
    source: str,
) -> RoleWord:
    """One validated row of a roles file."""
    if kind not in ROLE_KINDS:
        raise KnowledgeError("E307", f"{where}: kind {kind!r} is not one of {sorted(ROLE_KINDS)}")
    if not phrase or not role:
        raise KnowledgeError("E303", f"{where}: phrase and role must not be empty")
    if kind == "honorific":
        if sector:
            raise KnowledgeError("E306", f"{where}: an honorific implies no sector; leave it empty")
        return RoleWord(stored_phrase(phrase), None, role, "honorific", source)
    group_or_title = cast(RoleKind, kind)
    return RoleWord(
        stored_phrase(phrase), sector_code(sector, sectors, where), role, group_or_title, source
    )
