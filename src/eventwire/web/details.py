"""One thing at a time: an event, a fused event, a document, an actor, a story."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from starlette.requests import Request

from eventwire.errors import NoSuchDocument
from eventwire.store import Store
from eventwire.store.actors import NoSuchActor
from eventwire.web import params
from eventwire.web.highlight import Span, highlight, with_parts
from eventwire.web.render import NotFound, Page

MAX_ROWS = params.MAX_SIZE  # the most mentions, events or quotes one document page lists


def event(store: Store, request: Request) -> Page:
    """One event as coded in one report, with every report of the real event it belongs to."""
    doc_id, number = request.path_params["doc_id"], request.path_params["event"]
    found = store.event(doc_id, number)
    if found is None:
        raise NotFound(f"no event {number} in document {doc_id!r}")
    pairs = [(doc_id, number)]
    if found["fused_id"]:
        mentions = store.fused_mentions([found["fused_id"]]).get(found["fused_id"], [])
        pairs = [(m["doc_id"], m["event"]) for m in mentions] or pairs
    return _event_page(store, found, pairs, f"Event {number} of {doc_id}")


def fused_event(store: Store, request: Request) -> Page:
    """One real event reported by one or more articles, with all its reports."""
    fused_id = request.path_params["fused_id"]
    found = store.fused_event(fused_id)
    if found is None:
        raise NotFound(f"no fused event {fused_id!r}")
    pairs = [(m["doc_id"], m["event"]) for m in found.pop("mentions")]
    found["date"] = found.get("event_date")
    return _event_page(store, found, pairs, f"Event {fused_id}")


def _event_page(
    store: Store, found: dict[str, Any], pairs: list[tuple[str, int]], title: str
) -> Page:
    """The event page: codes, actors, date, modality, attribution, reports and outlets."""
    reports = [with_parts(r) for r in store.event_reports(pairs)]
    outlets = sorted({r["outlet"] for r in reports if r["outlet"]})
    actors = {side: _actor_id(store, found, side) for side in ("source", "target")}
    data = {"event": found, "actors": actors, "reports": reports, "outlets": outlets}
    return Page("event.html", title, data, ("reports",))


def _actor_id(store: Store, event: dict[str, Any], side: str) -> str | None:
    """The knowledge-base id of an event's source or target, when its name has exactly one."""
    if event.get(f"{side}_actor_id"):
        return event[f"{side}_actor_id"]
    name = event.get(f"{side}_name")
    found = store.find_actors(name) if name else []
    return found[0] if len(found) == 1 else None


def document(store: Store, request: Request) -> Page:
    """A document's text with its actor mentions, events and quotes highlighted."""
    doc_id = request.path_params["doc_id"]
    cited = params.span(request.query_params, "mark")
    try:
        doc = store.document(doc_id)
    except NoSuchDocument as exc:
        raise NotFound(f"no document {doc_id!r}") from exc
    mentions = store.mentions(doc_id=doc_id, limit=MAX_ROWS)
    events = store.events(limit=MAX_ROWS, doc_id=doc_id)
    quotes = store.quotes(limit=MAX_ROWS, doc_id=doc_id)
    spans = _spans(mentions, events, quotes)
    if cited:
        spans.append(Span(cited[0], cited[1], "cited", "cited by a story summary"))
    record = asdict(doc)
    data = {"document": record, "mentions": mentions, "events": events, "quotes": quotes}
    html = {"marked_text": highlight(doc.text, spans)}
    return Page("document.html", doc.title or doc_id, data, ("mentions", "events", "quotes"), html)


def _spans(mentions: list[dict], events: list[dict], quotes: list[dict]) -> list[Span]:
    """The highlighted spans of a document, each with a short label."""
    spans = [
        Span(q["start"], q["end"], "quote", f"quote: {q['speaker_name'] or q['speaker_text']}")
        for q in quotes
    ]
    spans += [
        Span(e["start"], e["end"], "event", f"event {e['event']}: {e['event_type']} {e['cameo']}")
        for e in events
    ]
    spans += [
        Span(m["start"], m["end"], "mention", _mention_label(m))
        for m in mentions  # fmt: skip
    ]
    return spans


def _mention_label(mention: dict[str, Any]) -> str:
    """What a mention resolves to: name, country and sector."""
    code = " ".join(p for p in (mention["country"], mention["sector"]) if p)
    return " · ".join(p for p in (mention["name"], code) if p) or mention["kind"]


def actor(store: Store, request: Request) -> Page:
    """An actor: names, roles over time, events as source and as target, quotes."""
    actor_id = request.path_params["actor_id"]
    paging = params.paging(request.query_params)
    try:
        record = store.actor(actor_id)
    except NoSuchActor as exc:
        raise NotFound(f"no actor {actor_id!r}") from exc
    roles = record.pop("roles")
    name = record["name"]
    lists = {
        "as_source": store.actor_events(actor_id, name, "source", paging.fetch, paging.offset),
        "as_target": store.actor_events(actor_id, name, "target", paging.fetch, paging.offset),
        "quotes": store.actor_quotes(actor_id, name, paging.fetch, paging.offset),
    }
    pager = {"page": paging.page, "size": paging.size, "next": False}
    for key, rows in lists.items():
        lists[key], cut = paging.cut(rows)
        pager["next"] = pager["next"] or cut["next"]
    data = {"actor": record, "roles": roles, "paging": pager, **lists}
    return Page("actor.html", name, data, ("roles", "as_source", "as_target", "quotes"))


def story(store: Store, request: Request) -> Page:
    """A story: its timeline of fused events and its summary, each sentence cited."""
    story_id = request.path_params["story_id"]
    found = store.story(story_id)
    if found is None:
        raise NotFound(f"no story {story_id!r}")
    documents = found.pop("documents")
    numbers = {d["doc_id"]: n for n, d in enumerate(documents, start=1)}
    summary = [{**s, "cite": numbers.get(s["doc_id"])} for s in found.pop("summary")]
    timeline = found.pop("timeline")
    data = {"story": found, "summary": summary, "timeline": timeline, "documents": documents}
    return Page("story.html", found["label"], data, ("timeline", "summary", "documents"))
