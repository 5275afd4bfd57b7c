"""One view, three answers: the HTML page, its JSON twin and a CSV download of each table."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from eventwire.web.params import BadRequest

_PLAIN = frozenset({str, int, float, bool, type(None)})  # written to CSV as they are


class NotFound(Exception):
    """An id the store does not hold; its message is shown on the 404 page."""


@dataclass
class Page:
    """What a view found: the data (its JSON twin), the template that shows it, its tables.

    `tables` names the keys of `data` that hold lists of rows; each downloads as CSV
    (`.csv?table=NAME`, the first by default). `html` holds what only the template
    needs (highlighted text as escaped Markup), never sent as JSON.
    """

    template: str
    title: str
    data: dict[str, Any]
    tables: tuple[str, ...] = ()
    html: dict[str, Any] = field(default_factory=dict)


def respond(request: Request, templates: Jinja2Templates, page: Page, fmt: str) -> Response:
    """The page as HTML, JSON or CSV."""
    if fmt == "json":
        return json_response(page.data)
    if fmt == "csv":
        return csv_response(page, request.query_params.get("table"))
    context = {**page.data, **page.html, "title": page.title, "tables": page.tables}
    return templates.TemplateResponse(request, page.template, context)


def json_response(data: Any, status: int = 200) -> Response:
    """Data as a JSON response (dates as ISO text)."""
    body = json.dumps(data, default=_plain, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status, media_type="application/json")


def csv_response(page: Page, table: str | None) -> Response:
    """One table of a page as a CSV download."""
    if not page.tables:
        raise BadRequest("this page has no table to download")
    name = table or page.tables[0]
    if name not in page.tables:
        raise BadRequest(f"table must be one of {', '.join(page.tables)}, not {name!r}")
    rows = page.data[name]
    headers = {"Content-Disposition": f'attachment; filename="{_filename(page.title, name)}"'}
    return Response(to_csv(rows), media_type="text/csv; charset=utf-8", headers=headers)


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV text: columns from every row, nested values as JSON."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    plain = _PLAIN
    writer.writerows(
        [v if type(v) in plain else _cell(v) for v in (row.get(c) for c in columns)] for row in rows
    )
    return out.getvalue()


def _cell(value: Any) -> Any:
    """A CSV cell: lists and objects as JSON, dates as ISO text, None as empty."""
    if value is None:
        return ""
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, default=_plain, ensure_ascii=False)
    return _plain(value) if isinstance(value, dt.date | decimal.Decimal) else value


def _plain(value: Any) -> Any:
    """What JSON cannot hold, as text or number."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def _filename(title: str, table: str) -> str:
    """A safe file name for a download: letters, digits and dashes only."""
    stem = "".join(c if c.isascii() and c.isalnum() else "-" for c in f"{title}-{table}")
    return "-".join(part for part in stem.lower().split("-") if part)[:80] + ".csv"
