"""Event fusion: the mentions of one real event, in one or many documents, become one event.

Mentions are compared within a block (the unordered country pair and the year, a
key the store computes), so a new batch only recomputes the blocks it touches. Two
mentions report the same event when their source and target agree (country, and
sector and person where both give one), their types agree (same CAMEO root or same
PLOVER type), their dates agree at their precisions (two days within the tolerance; a
day and the month or year that holds it), and their modality class is the same
(asserted; future or hypothetical; negated). Mentions are taken finest date first, so
days anchor events and a month or year joins the event it fits, the best-reported one
when several fit.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from eventwire.across.periods import PRECISION_RANK, Period, parse_period
from eventwire.across.records import EventMention, FusedEvent, Side
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.store import Store

LOGGER = logging.getLogger(__name__)
MODALITY_CLASS = {"future": "unrealised", "hypothetical": "unrealised", "negated": "negated"}
_AMBIGUOUS = 0.7  # confidence kept when a mention fits more than one event
_LOOSE = 0.9  # confidence kept for a weaker agreement: related code, coarser date, open sector


@dataclass(frozen=True)
class FusionRules:
    """The tolerances fusion works with, from the settings."""

    tolerance_days: int = 1
    lookback_days: int = 2
    mutual_cameo: frozenset[str] = frozenset()
    converse: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> FusionRules:
        """The rules the settings give."""
        pairs = [tuple(p.split(":", 1)) for p in settings.fusion_converse_cameo]
        return cls(
            settings.fusion_date_tolerance_days,
            settings.fusion_publication_lookback_days,
            frozenset(settings.fusion_mutual_cameo),
            frozenset((a, b) for a, b in pairs) | frozenset((b, a) for a, b in pairs),
        )


@dataclass
class FusionReport:
    """What one fusion pass did."""

    documents: int = 0
    blocks: int = 0
    mentions: int = 0
    fused: int = 0
    multi: int = 0
    seconds: float = 0.0


@dataclass
class _Cluster:
    """An event being assembled from mentions (local to one block's fusion)."""

    order: int
    anchor: EventMention
    core: Period | None
    source: Side
    target: Side | None
    members: list[tuple[EventMention, float]] = field(default_factory=list)

    def articles(self) -> int:
        """Distinct canonical documents so far."""
        return len({m.canonical for m, _ in self.members})


def update_fusion(
    store: Store,
    settings: Settings,
    rebuild: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> FusionReport:
    """Fuse the blocks touched since the last pass (all of them with `rebuild`)."""
    started = time.perf_counter()
    rules = FusionRules.from_settings(settings)
    if rebuild:
        store.clear_fusion()
    report = FusionReport()
    documents = store.documents_to_fuse()
    blocks = store.fusion_blocks(documents)
    report.documents, report.blocks = len(documents), len(blocks)
    step = settings.fusion_blocks_per_write
    for i in range(0, len(blocks), step):
        chunk = blocks[i : i + step]
        fused = fuse_mentions(store.fusion_mentions(chunk), rules)
        store.replace_fused(chunk, fused)
        report.mentions += sum(f.num_mentions for f in fused)
        report.fused += len(fused)
        report.multi += sum(1 for f in fused if f.num_articles > 1)
        if on_progress:
            on_progress(len(chunk))
    store.mark_fused(documents)
    report.seconds = time.perf_counter() - started
    LOGGER.info("fused %d mentions into %d events", report.mentions, report.fused)
    return report


def fuse_mentions(mentions: Sequence[EventMention], rules: FusionRules) -> list[FusedEvent]:
    """Fused events of mentions from any blocks, block by block."""
    by_block: dict[str, list[EventMention]] = {}
    for mention in mentions:
        by_block.setdefault(mention.block, []).append(mention)
    return [fused for block in sorted(by_block) for fused in fuse_block(by_block[block], rules)]


def fuse_block(mentions: Sequence[EventMention], rules: FusionRules) -> list[FusedEvent]:
    """Fuse the mentions of one block; the result does not depend on their order."""
    clusters: list[_Cluster] = []
    for mention in sorted(mentions, key=lambda m: _sort_key(m, rules)):
        core = core_period(mention, rules)
        fits = [(c, s) for c in clusters if (s := _fit(c, mention, core, rules)) > 0]
        if not fits:
            clusters.append(_new_cluster(len(clusters), mention, core))
            continue
        cluster, score = min(fits, key=lambda fit: _preference(fit[0], core))
        _join(cluster, mention, score * (_AMBIGUOUS if len(fits) > 1 else 1.0))
    return [_fused(c) for c in clusters]


def modality_class(modality: str) -> str:
    """`asserted`, `unrealised` (future, hypothetical) or `negated`."""
    return MODALITY_CLASS.get(modality, "asserted")


def core_period(mention: EventMention, rules: FusionRules) -> Period | None:
    """The days the event may have happened on, before any tolerance."""
    if mention.date and not mention.from_publication:
        return parse_period(mention.date)
    published = parse_period(mention.date or mention.published)
    if published is None:
        return None
    return (
        published.widened(rules.lookback_days, 0)
        if published.first == published.last
        else published
    )


def _is_textual_day(mention: EventMention) -> bool:
    """Whether the text itself dates the mention to a day."""
    return mention.precision == "day" and not mention.from_publication and bool(mention.date)


def _sort_key(mention: EventMention, rules: FusionRules) -> tuple:
    """Days given by the text first, then publication days, months, years; then by date."""
    core = core_period(mention, rules)
    if core is None:
        rank = 9
    elif mention.from_publication or not mention.date:
        rank = 1
    else:
        rank = 2 * PRECISION_RANK.get(mention.precision or "day", 0)
    first = core.first.isoformat() if core else ""
    return (rank, first, mention.published or "~", mention.canonical, mention.doc_id, mention.event)


def _new_cluster(order: int, mention: EventMention, core: Period | None) -> _Cluster:
    """A cluster anchored on its first mention."""
    cluster = _Cluster(order, mention, core, mention.source, mention.target)
    cluster.members.append((mention, 1.0))
    return cluster


def _fit(
    cluster: _Cluster, mention: EventMention, core: Period | None, rules: FusionRules
) -> float:
    """How well a mention fits an event: 0 when it does not, up to 1."""
    anchor = cluster.anchor
    if core is None or cluster.core is None or not anchor.source.country:
        return 0.0
    if modality_class(mention.modality) != modality_class(anchor.modality):
        return 0.0
    score = _type_fit(anchor, mention) * _date_fit(cluster, mention, core, rules)
    sides = _sides_fit(cluster, mention.source, mention.target)
    if sides == 0 and _mutual(anchor, mention, rules):
        sides = _sides_fit(cluster, mention.target, mention.source)
    return score * sides


def _type_fit(anchor: EventMention, mention: EventMention) -> float:
    """1 for the same code, less for the same root or PLOVER type, 0 otherwise."""
    if mention.cameo == anchor.cameo:
        return 1.0
    same_type = mention.plover_type is not None and mention.plover_type == anchor.plover_type
    return _LOOSE if mention.cameo[:2] == anchor.cameo[:2] or same_type else 0.0


def _date_fit(cluster: _Cluster, mention: EventMention, core: Period, rules: FusionRules) -> float:
    """Whether the dates agree at their precisions; days the text gives may differ a little.

    A day taken from the publication already spans the days before it, so no tolerance
    is added to it; a month or a year agrees only with the days it holds.
    """
    assert cluster.core is not None
    both_days = _is_textual_day(mention) and _is_textual_day(cluster.anchor)
    tolerance = rules.tolerance_days if both_days else 0
    if not cluster.core.widened(tolerance, tolerance).overlaps(core):
        return 0.0
    return 1.0 if core == cluster.core else _LOOSE


def _sides_fit(cluster: _Cluster, source: Side, target: Side | None) -> float:
    """How well a source and target fit the event's (0 when they do not)."""
    score = side_fit(cluster.source, source)
    if cluster.target is None or target is None:
        return score if cluster.target is None and target is None else 0.0
    return score * side_fit(cluster.target, target)


def side_fit(known: Side, other: Side) -> float:
    """Same country; same sector and person where both say (1), or one says nothing (less)."""
    if not known.country or known.country != other.country:
        return 0.0
    if known.actor_id and other.actor_id and known.actor_id != other.actor_id:
        return 0.0
    if known.sector and other.sector and known.sector != other.sector:
        return 0.0
    if _person_name(known) and _person_name(other) and not same_person(known.name, other.name):
        return 0.0
    return 1.0 if known.sector == other.sector else _LOOSE


def _person_name(side: Side) -> str | None:
    """The name of a side that is (or may be) a person; a country's name is no person's."""
    return side.name if side.kind in (None, "person") else None


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two names may be one person: same surname, or one inside the other."""
    a, b = (a or "").casefold().strip(), (b or "").casefold().strip()
    return a.split()[-1:] == b.split()[-1:] or a in b or b in a


def _mutual(anchor: EventMention, mention: EventMention, rules: FusionRules) -> bool:
    """Whether the two may be one act told from either side: both mutual (meet, call,
    sign), or each other's converse (A visits B, B hosts A)."""
    a, b = anchor.cameo[:3], mention.cameo[:3]
    return (a in rules.mutual_cameo and b in rules.mutual_cameo) or (a, b) in rules.converse


def _preference(cluster: _Cluster, core: Period | None) -> tuple:
    """Among events a mention fits: the best reported, then the nearest in time, then first."""
    gap = abs((cluster.core.first - core.first).days) if cluster.core and core else 0
    return (-cluster.articles(), gap, cluster.order)


def _join(cluster: _Cluster, mention: EventMention, score: float) -> None:
    """Add a mention to an event, learning the sector or person it names."""
    source, target = mention.source, mention.target
    if _sides_fit(cluster, source, target) == 0:
        source, target = target or source, source
    cluster.source = _refined(cluster.source, source)
    if cluster.target is not None and target is not None:
        cluster.target = _refined(cluster.target, target)
    cluster.members.append((mention, score))


def _refined(known: Side, other: Side) -> Side:
    """A side completed with what another mention of it says; a person's name wins."""
    person = other if known.kind != "person" and other.kind == "person" else known
    return replace(
        known,
        sector=known.sector or other.sector,
        name=person.name or known.name or other.name,
        kind=person.kind or known.kind,
        actor_id=known.actor_id or other.actor_id,
        text=known.text if len(known.text or "") >= len(other.text or "") else other.text,
    )


def fused_id(anchor: EventMention) -> str:
    """A stable id from the mention that anchors the event."""
    digest = hashlib.sha1(f"{anchor.doc_id}\x1f{anchor.event}".encode()).hexdigest()
    return f"fe{digest[:14]}"


def _fused(cluster: _Cluster) -> FusedEvent:
    """The fused event of a finished cluster."""
    mentions = tuple(m for m, _ in cluster.members)
    anchor = cluster.anchor
    counts = Counter(m.cameo for m in mentions)
    top = max(counts.values())
    cameo = (
        anchor.cameo if counts[anchor.cameo] == top else min(c for c in counts if counts[c] == top)
    )
    typical = next(m for m in mentions if m.cameo == cameo)
    reported = sorted((p.first, m.published) for m in mentions if (p := parse_period(m.published)))
    outlets = sorted({m.outlet for m in mentions if m.outlet})
    return FusedEvent(
        fused_id=fused_id(anchor),
        block=anchor.block,
        anchor=anchor,
        mentions=mentions,
        cameo=cameo,
        plover_type=typical.plover_type,
        plover_mode=typical.plover_mode,
        goldstein=typical.goldstein,
        quad_class=typical.quad_class,
        source=cluster.source,
        target=cluster.target,
        date=anchor.date,
        precision=anchor.precision,
        modality=anchor.modality,
        num_mentions=len(mentions),
        num_articles=len({m.canonical for m in mentions}),
        num_sources=len({m.outlet or f"doc:{m.canonical}" for m in mentions}),
        docs=tuple(sorted({m.doc_id for m in mentions})),
        outlets=tuple(outlets),
        first_reported=reported[0][1] if reported else None,
        last_reported=reported[-1][1] if reported else None,
        confidence=round(min(score for _, score in cluster.members), 3),
        attribution=next((m.attribution for m in mentions if m.attribution), None),
    )
