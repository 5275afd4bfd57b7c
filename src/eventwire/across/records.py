"""Records of the analysis across documents: event mentions, fused events, stories."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Side:
    """The source or target of an event mention, as fusion compares them."""

    country: str | None
    sector: str | None = None
    name: str | None = None
    text: str | None = None
    actor_id: str | None = None
    kind: str | None = None  # person, country, organisation, group; None when unknown


@dataclass(frozen=True)
class EventMention:
    """One coded event in one document, with what fusion needs of its document.

    `canonical` is the document's canonical copy (itself unless it is a duplicate);
    `block` is the store's grouping key: the unordered country pair and the year.
    """

    doc_id: str
    event: int
    block: str
    canonical: str
    cameo: str
    source: Side
    target: Side | None
    modality: str = "asserted"
    date: str | None = None
    precision: str | None = None
    from_publication: bool = False
    plover_type: str | None = None
    plover_mode: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    outlet: str | None = None
    published: str | None = None
    attribution: str | None = None
    sentence: str | None = None


@dataclass(frozen=True)
class FusedEvent:
    """One real event and every mention that reports it.

    `num_articles` counts distinct canonical documents (copies count once),
    `num_sources` distinct outlets, `num_mentions` every mention.
    """

    fused_id: str
    block: str
    anchor: EventMention
    mentions: tuple[EventMention, ...]
    cameo: str
    plover_type: str | None
    plover_mode: str | None
    goldstein: float | None
    quad_class: int | None
    source: Side
    target: Side | None
    date: str | None
    precision: str | None
    modality: str
    num_mentions: int
    num_articles: int
    num_sources: int
    docs: tuple[str, ...]
    outlets: tuple[str, ...]
    first_reported: str | None
    last_reported: str | None
    confidence: float
    attribution: str | None = None


@dataclass(frozen=True)
class SummarySentence:
    """A sentence of a story's summary and the document it comes from."""

    doc_id: str
    start: int
    end: int
    text: str
    outlet: str | None = None


@dataclass(frozen=True)
class Story:
    """Documents about one matter, with a label, a summary and their features."""

    story_id: str
    label: str
    doc_ids: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    summary: tuple[SummarySentence, ...] = ()
    features: dict[str, float] = field(default_factory=dict, repr=False)
