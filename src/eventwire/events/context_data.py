"""Reading the word lists of an event's clause context: modality, reporting and time words.

The lists are tab-separated files in `eventwire/data/events/` with a header line; blank
lines and lines starting with `#` are skipped. A malformed file raises `ContextDataError`
with a code users can search for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

from eventwire.errors import EventwireError
from eventwire.tables import table_rows

LOGGER = logging.getLogger(__name__)

CONTEXT_ERROR_CODES: Mapping[str, str] = MappingProxyType(
    {
        "E581": "context word list missing or unreadable",
        "E582": "context word list with a wrong header or a line with a wrong number of fields",
        "E583": "context word list with an unknown class, kind, place or list",
        "E584": "word list lacking a list the code needs, or with a repeated or misplaced value",
    }
)


class ContextDataError(EventwireError):
    """A word list of the clause context could not be read."""


def read_rows(name: str, header: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The rows of the packaged word list `name`, checked against its header."""
    try:
        text = resources.files("eventwire").joinpath("data", "events", name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContextDataError(f"[E581] cannot read events/{name}: {exc}") from exc
    return parse_rows(text.splitlines(), name, header)


def parse_rows(
    lines: Iterable[str], name: str, header: tuple[str, ...]
) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated list whose first non-comment line is `header`."""
    rows: list[tuple[str, ...]] = []
    text = "\n".join(lines)
    for where, cells in table_rows(text, name, header, lambda m: ContextDataError(f"[E582] {m}")):
        if not all(cells):
            raise ContextDataError(f"[E582] {where}: expected {len(header)} non-empty fields")
        rows.append(tuple(cells))
    LOGGER.debug("read %d rows from events/%s", len(rows), name)
    return tuple(rows)


def check_value(value: str, allowed: frozenset[str], name: str, what: str) -> str:
    """`value` when it is one of `allowed`, else a ContextDataError naming the file."""
    if value not in allowed:
        raise ContextDataError(f"[E583] {name}: unknown {what} {value!r}")
    return value
