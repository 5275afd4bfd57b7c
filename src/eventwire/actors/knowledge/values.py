"""Validating the values of knowledge entries: keys, strings, phrases, sectors, country codes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pycountry

from eventwire.actors.knowledge.errors import KnowledgeError

# Codes accepted for countries although pycountry does not know them.
# XKX: Kosovo, the user-assigned code used by the European Union and the IMF.
NON_ISO_CODES = frozenset({"XKX"})

COUNTRY_CODE = re.compile(r"[A-Z]{3}")


def check_keys(record: Mapping[str, Any], known: frozenset[str], where: str) -> None:
    """Raise E302 for any key the format does not define."""
    unknown = sorted(set(record) - known)
    if unknown:
        raise KnowledgeError(
            "E302", f"{where}: unknown key {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )


def text_value(
    record: Mapping[str, Any], key: str, where: str, required: bool = True
) -> str | None:
    """A non-empty string value, with inner spacing normalised."""
    value = record.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError("E303", f"{where}: {key!r} must be a non-empty string")
    return " ".join(value.split())


def phrase_list(record: Mapping[str, Any], key: str, where: str) -> list[str]:
    """A list of non-empty strings (empty when the key is absent)."""
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError("E303", f"{where}: {key!r} must be a list of non-empty strings")
    return [stored_phrase(item) for item in value]


def stored_phrase(text: str) -> str:
    """A phrase as stored: spacing normalised, an optional lower-case leading "the " dropped."""
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def sector_code(value: Any, sectors: Mapping[str, str], where: str) -> str:
    """A known sector code, or E306."""
    if value not in sectors:
        raise KnowledgeError("E306", f"{where}: unknown sector {value!r} (see sectors.tsv)")
    return str(value)


def sector_map(
    record: Mapping[str, Any], key: str, sectors: Mapping[str, str], where: str
) -> dict[str, str]:
    """An object of phrase -> sector code."""
    value = record.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(k, str) and k.strip() for k in value):
        raise KnowledgeError("E303", f"{where}: {key!r} must map phrases to sector codes")
    return {
        stored_phrase(k): sector_code(v, sectors, f"{where} {key}[{k!r}]") for k, v in value.items()
    }


def is_country_code(code: str) -> bool:
    """Whether a code is an ISO 3166 alpha-3 code known to pycountry, or one we accept."""
    if code in NON_ISO_CODES:
        return True
    return bool(COUNTRY_CODE.fullmatch(code)) and pycountry.countries.get(alpha_3=code) is not None
