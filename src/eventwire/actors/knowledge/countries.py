"""Reading countries files into the drafts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventwire.actors.knowledge.errors import KnowledgeError
from eventwire.actors.knowledge.merge import (
    CountryDraft,
    Drafts,
    add_phrases,
    merge_part,
    merge_value,
)
from eventwire.actors.knowledge.sources import Source, coded_records
from eventwire.actors.knowledge.values import (
    COUNTRY_CODE,
    NON_ISO_CODES,
    is_country_code,
    phrase_list,
    sector_map,
    text_value,
)

COUNTRY_KEYS = frozenset(
    {
        "code",
        "cameo",
        "other_codes",
        "names",
        "adjectives",
        "demonyms",
        "capitals",
        "metonyms",
        "note",
    }
)


def read_countries(drafts: Drafts, source: Source, sectors: Mapping[str, str]) -> None:
    """Merge a countries file: lists are extended; a changed CAMEO code is reported (W302)."""
    for where, record, code in coded_records(source, COUNTRY_KEYS, _country_code):
        cameo, others = _other_codes(record, where)
        draft = drafts.countries.setdefault(code, CountryDraft(code))
        for key in ("names", "adjectives", "demonyms", "capitals"):
            add_phrases(getattr(draft, key), phrase_list(record, key, where), source.name)
        for phrase, sector in sector_map(record, "metonyms", sectors, where).items():
            merge_part(draft.metonyms, phrase, sector, source.name, drafts.conflicts, code)
        if cameo:
            draft.cameo = merge_value(draft.cameo, cameo, source.name, drafts.conflicts, code)
        draft.other_codes.extend(c for c in others if c not in draft.other_codes)
        draft.sources.append(source.name)


def _country_code(record: Mapping[str, Any], where: str) -> str:
    """The `code` of a country entry, or E304."""
    code = text_value(record, "code", where) or ""
    if not is_country_code(code):
        raise KnowledgeError(
            "E304",
            f"{where}: {code!r} is not an ISO 3166 alpha-3 code known to pycountry "
            f"(nor one of {', '.join(sorted(NON_ISO_CODES))})",
        )
    return code


def _other_codes(record: Mapping[str, Any], where: str) -> tuple[str | None, list[str]]:
    """The `cameo` code and `other_codes` of a country entry: three capital letters each."""
    cameo = text_value(record, "cameo", where, required=False)
    others = phrase_list(record, "other_codes", where)
    for code in ([cameo] if cameo else []) + others:
        if not COUNTRY_CODE.fullmatch(code):
            raise KnowledgeError("E304", f"{where}: {code!r} is not three capital letters")
    return cameo, others
