"""The Starlette app: routes to the views, their JSON and CSV twins, errors as plain pages."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.util import find_spec
from pathlib import Path

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.store import Store
from eventwire.web import details, dyads, pages
from eventwire.web.params import BadRequest
from eventwire.web.render import NotFound, Page, json_response, respond
from eventwire.web.templating import templates as make_templates

LOGGER = logging.getLogger(__name__)

View = Callable[[Store, Request], Page]
# No script but the app's own files: even text that escaped escaping could not run.
_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self' "
     b"'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
     b"form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]  # fmt: skip
_MESSAGES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 500: "Server error"}


class _FormatConvertor(Convertor[str]):
    """An optional `.json` or `.csv` at the end of a path: the page's twins."""

    regex = r"(?:\.json|\.csv)?"

    def convert(self, value: str) -> str:
        return value.lstrip(".") or "html"

    def to_string(self, value: str) -> str:
        return "" if value == "html" else f".{value}"


class _KeyConvertor(Convertor[str]):
    """An id that may hold any character, slashes too; the shortest match leaves the twin."""

    regex = r".+?"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


class _SegmentConvertor(_KeyConvertor):
    """One path segment, the shortest match, so that `.json` stays a twin."""

    regex = r"[^/]+?"


register_url_convertor("fmt", _FormatConvertor())
register_url_convertor("key", _KeyConvertor())
register_url_convertor("seg", _SegmentConvertor())


def create_app(store: Store) -> Starlette:
    """The web app over an open store (read-only is enough); it closes the store on shutdown."""
    templates = make_templates()

    def page(view: View) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            # Views run one at a time on the event loop: the store's one DuckDB connection
            # is never used from two threads.
            fmt = request.path_params.pop("fmt", "html")
            return respond(request, templates, view(store, request), fmt)

        endpoint.__name__ = view.__name__
        return endpoint

    routes = [
        Route("/", page(pages.overview), name="overview"),
        Route("/index{fmt:fmt}", page(pages.overview)),
        Route("/events{fmt:fmt}", page(pages.events), name="events"),
        Route("/event/{doc_id:key}/{event:int}{fmt:fmt}", page(details.event), name="event"),
        Route("/fused{fmt:fmt}", page(pages.fused), name="fused"),
        Route("/fused/{fused_id:seg}{fmt:fmt}", page(details.fused_event), name="fused_event"),
        Route("/dyad/{dyad:seg}{fmt:fmt}", page(dyads.dyad), name="dyad"),
        Route("/dyad/{dyad:seg}/{period:seg}{fmt:fmt}", page(dyads.period), name="period"),
        Route("/documents{fmt:fmt}", page(pages.documents), name="documents"),
        Route("/document/{doc_id:key}{fmt:fmt}", page(details.document), name="document"),
        Route("/actors{fmt:fmt}", page(pages.actors), name="actors"),
        Route("/actor/{actor_id:key}{fmt:fmt}", page(details.actor), name="actor"),
        Route("/stories{fmt:fmt}", page(pages.stories), name="stories"),
        Route("/story/{story_id:key}{fmt:fmt}", page(details.story), name="story"),
        Route("/quotes{fmt:fmt}", page(pages.quotes), name="quotes"),
        Route("/search{fmt:fmt}", page(pages.search), name="search"),
        Route("/vendor/plotly.min.js", _plotly, name="plotly"),
        Mount("/static", StaticFiles(packages=[("eventwire.web", "static")]), name="static"),
    ]

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    app = Starlette(
        routes=routes,
        exception_handlers=_error_handlers(templates),
        lifespan=lifespan,
    )
    app.add_middleware(_SecurityHeaders)
    return app


async def _plotly(request: Request) -> Response:
    """plotly.js as the `plotly` package ships it: charts with no network."""
    found = plotly_js()
    if found is None:
        raise NotFound("plotly.js is not installed (pip install plotly)")
    return FileResponse(found, media_type="text/javascript",
                        headers={"cache-control": "public, max-age=86400"})  # fmt: skip


def plotly_js() -> Path | None:
    """The path of `plotly.min.js` inside the installed `plotly` package, without importing it."""
    spec = find_spec("plotly")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "package_data" / "plotly.min.js"
        if candidate.is_file():
            return candidate
    return None


def _error_handlers(templates: Jinja2Templates) -> dict:
    """Errors as plain pages (or JSON for a `.json` request): never a stack trace."""

    def render(request: Request, status: int, message: str) -> Response:
        if request.url.path.endswith(".json"):
            return json_response({"error": message, "status": status}, status)
        title = _MESSAGES.get(status, "Error")
        context = {"title": title, "status": status, "message": message}
        return templates.TemplateResponse(request, "error.html", context, status_code=status)

    async def bad_request(request: Request, exc: Exception) -> Response:
        return render(request, 400, str(exc))

    async def not_found(request: Request, exc: Exception) -> Response:
        return render(request, 404, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        return render(request, status, _MESSAGES.get(status, "The request failed."))

    async def server_error(request: Request, exc: Exception) -> Response:
        LOGGER.exception("error serving %s", request.url.path, exc_info=exc)
        return render(request, 500, "Something went wrong on the server; the log has details.")

    return {
        BadRequest: bad_request,
        NotFound: not_found,
        HTTPException: http_error,
        Exception: server_error,
    }


class _SecurityHeaders:
    """ASGI middleware adding the content security policy and no-sniff headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)
