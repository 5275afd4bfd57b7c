"""Query parameters read and checked: a bad one is a 400 with a reason, never a crash."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import QueryParams

from eventwire.across.periods import BUCKETS
from eventwire.across.series import Dyad, DyadError, parse_dyad

DEFAULT_SIZE = 50
MAX_SIZE = 10_000  # one page of 10,000 events answers in well under 300 ms (see docs/WEB.md)
MAX_TEXT = 200
MODALITIES = ("asserted", "future", "hypothetical", "negated")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PERIOD = {"day": r"^\d{4}-\d{2}-\d{2}$", "week": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$"}
_COUNTRY_DYAD = re.compile(r"^[A-Z]{3}-[A-Z]{3}$")


class BadRequest(Exception):
    """A query parameter or path part that cannot be read; its message is shown to the user."""


@dataclass(frozen=True)
class Paging:
    """A page of a table: 1-based page number and rows per page."""

    page: int
    size: int

    @property
    def offset(self) -> int:
        """How many rows come before this page."""
        return (self.page - 1) * self.size

    @property
    def fetch(self) -> int:
        """Rows to ask for: one more than a page, to know whether another page follows."""
        return self.size + 1

    def cut(self, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """The rows of the page (of `fetch` rows asked for) and what the pager shows."""
        return rows[: self.size], {
            "page": self.page,
            "size": self.size,
            "next": len(rows) > self.size,
        }


def integer(query: QueryParams, name: str, default: int, low: int, high: int) -> int:
    """A whole number between `low` and `high`, or the default when absent."""
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    if not _digits(raw):
        raise BadRequest(f"{name} must be a whole number, not {raw!r}")
    value = int(raw)
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, not {value}")
    return value


def paging(query: QueryParams, default_size: int = DEFAULT_SIZE) -> Paging:
    """`?page=` (from 1) and `?size=` (at most MAX_SIZE rows)."""
    size = integer(query, "size", default_size, 1, MAX_SIZE)
    page = integer(query, "page", 1, 1, 1_000_000)
    return Paging(page, size)


def text(query: QueryParams, name: str) -> str | None:
    """Free text of at most MAX_TEXT characters, stripped; None when empty."""
    raw = (query.get(name) or "").strip()
    if len(raw) > MAX_TEXT:
        raise BadRequest(f"{name} is longer than {MAX_TEXT} characters")
    return raw or None


def choice(query: QueryParams, name: str, choices: tuple[str, ...], default: str | None) -> Any:
    """One of a few words, or the default when absent."""
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    if raw not in choices:
        raise BadRequest(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return raw


def flag(query: QueryParams, name: str) -> bool:
    """A yes/no switch: 1/true/yes or 0/false/no."""
    raw = (query.get(name) or "0").lower()
    if raw not in ("0", "1", "true", "false", "yes", "no"):
        raise BadRequest(f"{name} must be 1 or 0, not {raw!r}")
    return raw in ("1", "true", "yes")


def iso_date(query: QueryParams, name: str) -> str | None:
    """A date at any precision: YYYY, YYYY-MM or YYYY-MM-DD."""
    raw = query.get(name) or None
    if raw is not None and not _ISO_DATE.match(raw):
        raise BadRequest(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {raw!r}")
    return raw


def dyad(raw: str) -> Dyad:
    """A dyad as the series read it: USA-RUS, USA-RUSGOV or USA~RUS."""
    try:
        return parse_dyad(raw)
    except DyadError as exc:
        raise BadRequest(str(exc)) from exc


def bucket(query: QueryParams) -> str:
    """The series bucket: `?by=week` or month (the default) or day."""
    return choice(query, "by", BUCKETS, "month")


def period(raw: str, by: str) -> str:
    """A series period written as its bucket writes it (2012-11, or a day for weeks)."""
    if not re.match(_PERIOD[by], raw):
        raise BadRequest(f"a {by} period is written like the chart's points, not {raw!r}")
    return raw


def event_filters(query: QueryParams) -> dict[str, Any]:
    """The events filters of the store: dyad (AAA-BBB), type, since, until, modality, doc."""
    raw_dyad = (query.get("dyad") or "").upper() or None
    if raw_dyad is not None and not _COUNTRY_DYAD.match(raw_dyad):
        raise BadRequest(f"dyad must be two country codes, such as USA-RUS, not {raw_dyad!r}")
    return {
        "dyad": raw_dyad,
        "plover_type": text(query, "type"),
        "since": iso_date(query, "since"),
        "until": iso_date(query, "until"),
        "modality": choice(query, "modality", MODALITIES, None),
        "doc_id": text(query, "doc"),
    }


def span(query: QueryParams, name: str) -> tuple[int, int] | None:
    """A character span `START-END` (as a summary cites a sentence), or None."""
    raw = query.get(name)
    if not raw:
        return None
    start, sep, end = raw.partition("-")
    if not (sep and _digits(start) and _digits(end)) or int(start) >= int(end):
        raise BadRequest(f"{name} must be START-END character offsets, not {raw!r}")
    return int(start), int(end)


def _digits(raw: str) -> bool:
    """Whether a string is ASCII digits only (`"²".isdigit()` is true, but int() refuses it)."""
    return raw.isascii() and raw.isdigit() and len(raw) <= 12
