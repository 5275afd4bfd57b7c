"""The overview, the paged lists (events, documents, actors, stories, quotes) and search."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from eventwire.store import Store
from eventwire.web import params
from eventwire.web.render import Page

_STATS = ("documents", "outlets", "earliest", "latest", "undated", "dates_inferred",
          "events", "quotes", "actors", "mentions", "ingest_errors")  # fmt: skip


def overview(store: Store, request: Request) -> Page:
    """Corpus size and date range, top dyads, top stories and the latest events."""
    stats = store.stats()
    data = {
        "stats": {key: stats[key] for key in _STATS},
        "top_dyads": store.top_dyads(10),
        "stories": [_story_row(s) for s in store.stories(limit=5)],
        "latest_events": store.latest_events(20),
    }
    return Page("overview.html", "Overview", data, ("top_dyads", "stories", "latest_events"))


def events(store: Store, request: Request) -> Page:
    """Events with their evidence, filtered by dyad, type, dates, modality or document."""
    query = request.query_params
    filters = params.event_filters(query)
    paging = params.paging(query)
    rows = store.event_listing(paging.fetch, paging.offset, **filters)
    rows, pager = paging.cut(rows)
    data = {"filters": filters, "paging": pager, "events": rows}
    return Page("events.html", "Events", data, ("events",))


def fused(store: Store, request: Request) -> Page:
    """Fused events (each real event once, with its reports), filtered like events."""
    query = request.query_params
    filters = params.event_filters(query)
    paging = params.paging(query)
    min_articles = params.integer(query, "min_articles", 1, 1, 10_000)
    rows = store.fused_events(paging.fetch, paging.offset, min_articles, **filters)
    rows, pager = paging.cut(rows)
    data = {"filters": {**filters, "min_articles": min_articles}, "paging": pager, "fused": rows}
    return Page("fused.html", "Fused events", data, ("fused",))


def documents(store: Store, request: Request) -> Page:
    """Documents, newest first, searched by words and filtered by outlet and dates."""
    query = request.query_params
    filters = {
        "search": params.text(query, "q"),
        "outlet": params.text(query, "outlet"),
        "since": params.iso_date(query, "since"),
        "until": params.iso_date(query, "until"),
    }
    paging = params.paging(query)
    rows = store.documents(**filters, limit=paging.fetch, offset=paging.offset)
    rows, pager = paging.cut(rows)
    data = {"filters": filters, "paging": pager, "documents": rows}
    return Page("documents.html", "Documents", data, ("documents",))


def actors(store: Store, request: Request) -> Page:
    """Actors of the knowledge base, by name, searched and filtered by country or kind."""
    query = request.query_params
    filters = {
        "search": params.text(query, "q"),
        "country": params.text(query, "country"),
        "kind": params.text(query, "kind"),
    }
    paging = params.paging(query)
    rows = store.actor_listing(**filters, limit=paging.fetch, offset=paging.offset)
    rows, pager = paging.cut(rows)
    data = {"filters": filters, "paging": pager, "actors": rows}
    return Page("actors.html", "Actors", data, ("actors",))


def stories(store: Store, request: Request) -> Page:
    """Stories, the most reported first: reports, outlets, first and last day."""
    paging = params.paging(request.query_params, default_size=20)
    rows, pager = paging.cut(store.story_listing(limit=paging.fetch, offset=paging.offset))
    data = {"paging": pager, "stories": rows}
    return Page("stories.html", "Stories", data, ("stories",))


def quotes(store: Store, request: Request) -> Page:
    """Direct quotations with their speakers, filtered by speaker words or document."""
    query = request.query_params
    filters = {"speaker": params.text(query, "speaker"), "doc_id": params.text(query, "doc")}
    paging = params.paging(query)
    rows = store.quote_listing(limit=paging.fetch, offset=paging.offset, **filters)
    rows, pager = paging.cut(rows)
    data = {"filters": filters, "paging": pager, "quotes": rows}
    return Page("quotes.html", "Quotes", data, ("quotes",))


def search(store: Store, request: Request) -> Page:
    """Documents, actors and events whose words contain the query."""
    query = request.query_params
    words = params.text(query, "q")
    paging = params.paging(query, default_size=20)
    found: dict[str, Any] = {"documents": [], "actors": [], "events": []}
    pager = {"page": paging.page, "size": paging.size, "next": False}
    if words:
        lists = {
            "documents": store.documents(words, limit=paging.fetch, offset=paging.offset),
            "actors": store.actor_listing(words, limit=paging.fetch, offset=paging.offset),
            "events": store.search_events(words, limit=paging.fetch, offset=paging.offset),
        }
        for name, rows in lists.items():
            found[name], cut = paging.cut(rows)
            pager["next"] = pager["next"] or cut["next"]
    data = {"q": words, "paging": pager, **found}
    title = f"Search: {words}" if words else "Search"
    return Page("search.html", title, data, ("documents", "actors", "events"))


def _story_row(story: dict[str, Any]) -> dict[str, Any]:
    """A story of a list, its summary sentences kept short for the table."""
    return {**story, "summary": [s["text"] for s in story.get("summary", [])]}
