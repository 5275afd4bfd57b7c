"""The Jinja2 environment: templates from the package, every value escaped, link helpers."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from eventwire.across.series import QUAD_NAMES
from eventwire.web import rows


def templates() -> Jinja2Templates:
    """Templates with autoescaping on for every file, and the helpers pages use."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("eventwire.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(path=path, twin=twin, paged=paged)
    env.filters.update(safe_url=safe_url, quad=quad_name, code=actor_code)
    env.filters.update(
        events_table=rows.events_table,
        documents_table=rows.documents_table,
        actors_table=rows.actors_table,
        stories_table=rows.stories_table,
        quotes_table=rows.quotes_table,
    )
    return Jinja2Templates(env=env)


def path(*parts: Any, **query: Any) -> str:
    """A link inside the app: each part percent-encoded, empty query values left out."""
    url = "/" + "/".join(quote(str(p), safe="") for p in parts)
    kept = {k: v for k, v in query.items() if v not in (None, "", False)}
    return url + ("?" + urlencode(kept) if kept else "")


def twin(request: Request, fmt: str, **extra: Any) -> str:
    """The JSON or CSV twin of the page being shown, with its query and `extra` parameters."""
    raw = request.scope.get("raw_path") or quote(request.url.path).encode()
    here = raw.decode("latin-1")
    here = "/index" if here == "/" else here
    query = {**request.query_params, **{k: v for k, v in extra.items() if v is not None}}
    return f"{here}.{fmt}" + ("?" + urlencode(query) if query else "")


def paged(request: Request, page: int) -> str:
    """The page being shown, at another page number."""
    query = {**request.query_params, "page": str(page)}
    raw = request.scope.get("raw_path") or quote(request.url.path).encode()
    return raw.decode("latin-1") + "?" + urlencode(query)


def safe_url(url: str | None) -> str | None:
    """An article's address if it is http(s), else None: a `javascript:` link never renders."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url if scheme in ("http", "https") else None


def quad_name(value: int | None) -> str:
    """A QuadClass number as words."""
    return QUAD_NAMES.get(value or 0, "").replace("_", " ")


def actor_code(row: dict[str, Any], side: str) -> str:
    """An actor's country and sector code, such as `RUS GOV`."""
    return " ".join(p for p in (row.get(f"{side}_country"), row.get(f"{side}_sector")) if p)
