"""The dyad page: a series of fused events per week or month, each point opening onto its events."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from eventwire.across.series import QUAD_NAMES, SeriesPoint, dyad_series
from eventwire.store import Store
from eventwire.web import params
from eventwire.web.highlight import with_parts
from eventwire.web.render import Page


def dyad(store: Store, request: Request) -> Page:
    """Counts by QuadClass and the Goldstein mean of a dyad's events, per bucket."""
    parsed = params.dyad(request.path_params["dyad"])
    by, everything = params.bucket(request.query_params), params.flag(request.query_params, "all")
    series = dyad_series(store, parsed, by, all_modalities=everything)
    data = {
        "dyad": series.dyad,
        "by": by,
        "all": everything,
        "modalities": series.modalities,
        "coarser": series.coarser,
        "points": [_point_row(p) for p in series.points],
    }
    return Page("dyad.html", f"Dyad {series.dyad}", data, ("points",))


def period(store: Store, request: Request) -> Page:
    """The fused events behind one point of a dyad's series, with the sentences reporting them."""
    parsed = params.dyad(request.path_params["dyad"])
    by, everything = params.bucket(request.query_params), params.flag(request.query_params, "all")
    when = params.period(request.path_params["period"], by)
    series = dyad_series(store, parsed, by, all_modalities=everything)
    point = next((p for p in series.points if p.period == when), None)
    ids = point.fused_ids if point else []
    data = {
        "dyad": series.dyad,
        "by": by,
        "all": everything,
        "period": when,
        "events": _events_with_reports(store, ids),
    }
    return Page("period.html", f"{series.dyad} in {when}", data, ("events",))


def _events_with_reports(store: Store, fused_ids: list[str]) -> list[dict[str, Any]]:
    """Fused events, in series order, each with its reports cut at the evidence."""
    if not fused_ids:
        return []
    found = {e["fused_id"]: e for e in store.fused_events(len(fused_ids), fused_ids=fused_ids)}
    mentions = store.fused_mentions(fused_ids)
    pairs = {(m["doc_id"], m["event"]): fid for fid, ms in mentions.items() for m in ms}
    reports: dict[str, list[dict[str, Any]]] = {}
    for row in store.event_reports(list(pairs)):
        reports.setdefault(pairs[(row["doc_id"], row["event"])], []).append(with_parts(row))
    return [{**found[fid], "reports": reports.get(fid, [])} for fid in fused_ids if fid in found]


def _point_row(point: SeriesPoint) -> dict[str, Any]:
    """One point of the series as a flat row: period, counts per QuadClass, Goldstein."""
    return {
        "period": point.period,
        "events": point.events,
        **{name: point.quad_class.get(name, 0) for name in QUAD_NAMES.values()},
        "goldstein_mean": point.goldstein_mean,
        "goldstein_sum": point.goldstein_sum,
        "types": point.types,
    }
