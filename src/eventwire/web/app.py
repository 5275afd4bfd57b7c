"""The Starlette app: routes to the views and their JSON and CSV twins, static files, plotly.js."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.util import find_spec
from pathlib import Path

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from eventwire.store import Store
from eventwire.web import details, dyads, pages
from eventwire.web.guard import SecurityHeaders, error_handlers
from eventwire.web.render import NotFound, Page, respond
from eventwire.web.templating import templates as make_templates

View = Callable[[Store, Request], Page]


class _FormatConvertor(Convertor[str]):
    """An optional `.json` or `.csv` at the end of a path: the page's twins."""

    regex = r"(?:\.json|\.csv)?"

    def convert(self, value: str) -> str:
        """`.json` -> json; nothing -> html."""
        return value.lstrip(".") or "html"

    def to_string(self, value: str) -> str:
        """html -> nothing; json -> `.json`."""
        return "" if value == "html" else f".{value}"


class _KeyConvertor(Convertor[str]):
    """An id that may hold any character, slashes too; the shortest match leaves the twin."""

    regex = r".+?"

    def convert(self, value: str) -> str:
        """The id as written."""
        return value

    def to_string(self, value: str) -> str:
        """The id as written."""
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
        exception_handlers=error_handlers(templates),
        lifespan=lifespan,
    )
    app.add_middleware(SecurityHeaders)
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
