"""Dyad series: fused events between two actors counted per day, week or month.

A dyad is written `SOURCE-TARGET` (directed: events from the first actor to the
second) or `A~B` (either direction). Each side is an ISO 3166 alpha-3 country code
(or an organisation code such as `UNO`), optionally followed by a sector code:
`USA-RUS`, `USA-RUSGOV`, `RUSMIL~UKR`. Fused events are counted once however many
articles report them; events dated coarser than the bucket (a month, for a daily
series) fall on no point and are counted apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventwire.across.periods import BUCKETS, bucket_of

if TYPE_CHECKING:
    from eventwire.store import Store

_SIDE = re.compile(r"^([A-Z]{3})([A-Z]{3})?$")
QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict",
              4: "material_conflict"}  # fmt: skip


_EVENT_KEYS = (
    "fused_id", "event_date", "date_precision", "plover_type", "cameo", "modality",
    "source_country", "source_sector", "source_text", "target_country", "target_sector",
    "target_text", "num_articles", "num_sources", "num_mentions", "outlets", "confidence",
)  # fmt: skip


class DyadError(ValueError):
    """A dyad that cannot be read: `[E801]` with the expected syntax."""


@dataclass(frozen=True)
class Dyad:
    """Two actors, each a country with an optional sector, and whether direction matters."""

    source: tuple[str, str | None]
    target: tuple[str, str | None]
    either_direction: bool = False

    def __str__(self) -> str:
        sides = ["".join(p for p in side if p) for side in (self.source, self.target)]
        return ("~" if self.either_direction else "-").join(sides)


@dataclass
class SeriesPoint:
    """The fused events of one dyad in one day, week or month."""

    period: str
    events: int = 0
    quad_class: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    goldstein_sum: float = 0.0
    goldstein_mean: float | None = None
    fused_ids: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Series:
    """A dyad's points in time, and how many events were too coarsely dated to place."""

    dyad: str
    by: str
    modalities: str
    points: list[SeriesPoint]
    coarser: int = 0


def parse_dyad(text: str) -> Dyad:
    """Read `USA-RUS`, `USA-RUSGOV` (directed) or `USA~RUS` (either direction)."""
    either = "~" in text
    left, sep, right = text.strip().upper().partition("~" if either else "-")
    sides = [_SIDE.match(left), _SIDE.match(right)]
    if not sep or not all(sides):
        raise DyadError(
            f"[E801] a dyad is SOURCE-TARGET or A~B, each a country code with an optional "
            f"sector (USA-RUS, USA-RUSGOV, USA~RUS), not {text!r}"
        )
    source, target = ((m.group(1), m.group(2)) for m in sides if m)
    return Dyad(source, target, either)


def dyad_series(
    store: Store,
    dyad: str | Dyad,
    by: str = "month",
    all_modalities: bool = False,
    evidence: bool = False,
) -> Series:
    """The dyad's fused events per bucket, asserted ones only unless `all_modalities`."""
    if by not in BUCKETS:
        raise ValueError(f"[E804] a series goes by day, week or month, not {by!r}")
    parsed = parse_dyad(dyad) if isinstance(dyad, str) else dyad
    modalities = None if all_modalities else ("asserted",)
    rows = store.series_events(parsed.source, parsed.target, parsed.either_direction, modalities)
    points: dict[str, SeriesPoint] = {}
    coarser = 0
    for row in rows:
        bucket = bucket_of(row["date"], row["date_precision"], by)
        if bucket is None:
            coarser += 1
            continue
        _add(points.setdefault(bucket, SeriesPoint(bucket)), row)
    ordered = [_finish(points[key]) for key in sorted(points)]
    if evidence:
        _attach_evidence(store, ordered)
    kept = "all modalities" if all_modalities else "asserted"
    return Series(str(parsed), by, kept, ordered, coarser)


def _add(point: SeriesPoint, row: dict[str, Any]) -> None:
    """Count one fused event in a point."""
    point.events += 1
    quad = QUAD_NAMES.get(row["quad_class"] or 0)
    if quad:
        point.quad_class[quad] = point.quad_class.get(quad, 0) + 1
    kind = row["plover_type"] or f"CAMEO {row['cameo'][:2]}"
    point.types[kind] = point.types.get(kind, 0) + 1
    if row["goldstein"] is not None:
        point.goldstein_sum += row["goldstein"]
    point.fused_ids.append(row["fused_id"])
    point.evidence.append(row)


def _finish(point: SeriesPoint) -> SeriesPoint:
    """Round the sums and work out the mean Goldstein value."""
    scored = [r["goldstein"] for r in point.evidence if r["goldstein"] is not None]
    point.goldstein_sum = round(point.goldstein_sum, 2)
    point.goldstein_mean = round(sum(scored) / len(scored), 2) if scored else None
    point.types = dict(sorted(Counter(point.types).items(), key=lambda kv: (-kv[1], kv[0])))
    point.evidence = []
    return point


def _attach_evidence(store: Store, points: list[SeriesPoint]) -> None:
    """List under each point its events and the sentences that report them."""
    ids = [fid for point in points for fid in point.fused_ids]
    mentions = store.fused_mentions(ids)
    events = {e["fused_id"]: e for e in store.fused_events(limit=len(ids) or 1, fused_ids=ids)}
    for point in points:
        point.evidence = [
            {
                **_event_summary(events.get(fid, {"fused_id": fid})),
                "mentions": mentions.get(fid, []),
            }
            for fid in point.fused_ids
        ]


def _event_summary(event: dict[str, Any]) -> dict[str, Any]:
    """The fields of a fused event a series point shows."""
    return {key: event.get(key) for key in _EVENT_KEYS}
