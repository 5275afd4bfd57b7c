"""Reading organisations files into the drafts, and checking the merged organisations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from eventwire.actors.knowledge.errors import KnowledgeError
from eventwire.actors.knowledge.merge import (
    Drafts,
    OrganisationDraft,
    add_phrases,
    merge_part,
    merge_value,
)
from eventwire.actors.knowledge.sources import Source, coded_records
from eventwire.actors.knowledge.values import (
    is_country_code,
    phrase_list,
    sector_code,
    sector_map,
    stored_phrase,
    text_value,
)

ORGANISATION_KEYS = frozenset({"code", "name", "sector", "aliases", "parts", "note"})

_ORGANISATION_CODE = re.compile(r"[A-Z0-9]{3}")


def read_organisations(drafts: Drafts, source: Source, sectors: Mapping[str, str]) -> None:
    """Merge an organisations file: aliases and parts are added; a changed sector is reported."""
    for where, record, code in coded_records(source, ORGANISATION_KEYS, _organisation_code):
        draft = drafts.organisations.setdefault(code, OrganisationDraft(code))
        name = text_value(record, "name", where, required=False)
        if name and draft.name is None:
            draft.name = (stored_phrase(name), source.name)
        elif name:
            add_phrases(draft.aliases, [stored_phrase(name)], source.name)
        if "sector" in record:
            sector = sector_code(record["sector"], sectors, where)
            draft.sector = merge_value(draft.sector, sector, source.name, drafts.conflicts, code)
        add_phrases(draft.aliases, phrase_list(record, "aliases", where), source.name)
        for phrase, sector in sector_map(record, "parts", sectors, where).items():
            merge_part(draft.parts, phrase, sector, source.name, drafts.conflicts, code)
        draft.sources.append(source.name)


def _organisation_code(record: Mapping[str, Any], where: str) -> str:
    """The `code` of an organisation: three capitals or digits, and no country's code."""
    code = text_value(record, "code", where) or ""
    if not _ORGANISATION_CODE.fullmatch(code) or is_country_code(code):
        raise KnowledgeError(
            "E305",
            f"{where}: organisation code {code!r} must be three capital letters or digits "
            "and must not be a country's code",
        )
    return code


def check_organisations(drafts: Drafts) -> None:
    """Every organisation, once all files are merged, has a name and a sector."""
    for draft in drafts.organisations.values():
        if draft.name is None or draft.sector is None:
            where = ", ".join(draft.sources)
            raise KnowledgeError(
                "E303", f"{where}: organisation {draft.code} needs a name and sector"
            )
