"""Reading persons files, with their dated roles, into the drafts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pycountry

from eventwire.actors.knowledge.errors import KnowledgeError
from eventwire.actors.knowledge.folding import fold
from eventwire.actors.knowledge.merge import Drafts, PersonDraft
from eventwire.actors.knowledge.records import PersonRole, date_bound
from eventwire.actors.knowledge.sources import Source, jsonl_records
from eventwire.actors.knowledge.values import (
    NON_ISO_CODES,
    check_keys,
    phrase_list,
    sector_code,
    stored_phrase,
    text_value,
)

PERSON_KEYS = frozenset({"name", "aliases", "roles", "note"})
PERSON_ROLE_KEYS = frozenset({"role", "country", "sector", "from", "to", "note"})


def read_persons(drafts: Drafts, source: Source, sectors: Mapping[str, str]) -> None:
    """Merge a persons file: a person named again gains aliases and roles."""
    known = _known_codes(drafts)
    seen: set[str] = set()
    for where, record in jsonl_records(source):
        check_keys(record, PERSON_KEYS, where)
        name = stored_phrase(text_value(record, "name", where) or "")
        if fold(name) in seen:
            raise KnowledgeError("E309", f"{where}: {name!r} is already described in this file")
        seen.add(fold(name))
        draft = drafts.persons.setdefault(fold(name), PersonDraft(name))
        for alias in phrase_list(record, "aliases", where):
            draft.aliases.setdefault(fold(alias), alias)
        for role in _person_roles(record, where, known, sectors):
            if role not in draft.roles:
                draft.roles.append(role)
        draft.sources.append(source.name)


def _known_codes(drafts: Drafts) -> frozenset[str]:
    """Codes a person's role may name: countries (ISO, CAMEO, other, historic) and organisations."""
    codes = set(drafts.organisations) | set(drafts.countries) | NON_ISO_CODES
    for draft in drafts.countries.values():
        codes.update(draft.other_codes)
        if draft.cameo:
            codes.add(draft.cameo[0])
    codes.update(country.alpha_3 for country in pycountry.countries)
    codes.update(country.alpha_3 for country in pycountry.historic_countries)
    return frozenset(codes)


def _person_roles(
    record: Mapping[str, Any], where: str, known: frozenset[str], sectors: Mapping[str, str]
) -> list[PersonRole]:
    """The validated `roles` of a person entry."""
    value = record.get("roles", [])
    if not isinstance(value, list):
        raise KnowledgeError("E303", f"{where}: 'roles' must be a list of objects")
    return [
        _person_role(item, f"{where} roles[{n}]", known, sectors) for n, item in enumerate(value)
    ]


def _person_role(
    item: Any, where: str, known: frozenset[str], sectors: Mapping[str, str]
) -> PersonRole:
    """One validated role of a person."""
    if not isinstance(item, dict):
        raise KnowledgeError("E303", f"{where}: a role must be a JSON object")
    check_keys(item, PERSON_ROLE_KEYS, where)
    country = text_value(item, "country", where) or ""
    if country not in known:
        raise KnowledgeError("E304", f"{where}: unknown country or organisation code {country!r}")
    start = text_value(item, "from", where, required=False)
    end = text_value(item, "to", where, required=False)
    try:
        first = date_bound(start, last=False) if start else date.min
        final = date_bound(end, last=True) if end else date.max
    except ValueError as err:
        raise KnowledgeError("E308", f"{where}: {err} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None
    if first > final:
        raise KnowledgeError("E308", f"{where}: 'from' {start} comes after 'to' {end}")
    role = text_value(item, "role", where) or ""
    return PersonRole(role, country, sector_code(item.get("sector"), sectors, where), start, end)
