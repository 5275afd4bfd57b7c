"""Plain typed records that flow one way through the pipeline.

Stages take records in and give records out; only `eventwire.store` talks to DuckDB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Precision = Literal["year", "month", "day"]


@dataclass(frozen=True)
class PublishedDate:
    """A publication date at the precision its evidence supports.

    `value` is ISO at that precision: `2012`, `2012-11` or `2012-11-07`.
    When `inferred` is true the date was read from the text, and `evidence`
    holds the words that support it, at `start:end` in the document text.
    """

    value: str
    precision: Precision
    inferred: bool = False
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class RawRecord:
    """What a reader found in one file or record, before ids and dates are settled.

    `text` is the decoded text exactly as it will be stored; readers never normalise it.
    `location` says where inside `source` the record sits (`line 12`, `row 4`,
    `record 3`), or is None for a whole file.
    """

    source: str
    text: str
    location: str | None = None
    doc_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    encoding: str = "utf-8"
    encoding_fallback: bool = False
    fmt: str = "txt"
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """One stored news report. `text` is kept exactly; offsets always point into it."""

    doc_id: str
    text: str
    content_hash: str
    source: str
    location: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: PublishedDate | None = None
    encoding: str = "utf-8"
    encoding_fallback: bool = False
    fmt: str = "txt"
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class IngestError:
    """A file or record that could not become a document, and why.

    `code` is a stable identifier users can search for (see `eventwire.errors`).
    """

    source: str
    code: str
    reason: str
    location: str | None = None

    def describe(self) -> str:
        """One line naming the file, the place in it and the reason."""
        where = f"{self.source}:{self.location}" if self.location else self.source
        return f"{where}: [{self.code}] {self.reason}"


@dataclass(frozen=True)
class Mention:
    """One mention of a political actor in a document, resolved as far as the text allows.

    `start`/`end` are character offsets into the document text. `kind` is `person`,
    `country`, `organisation` or `group`. For persons, `role_time` says whether the text
    speaks of the role as held (`current`), past (`former`, "then-President") or to come
    (`elect`, "President-elect"); `as_of` is the date the role holds, when the text or the
    knowledge base gives it. `method` says how it was resolved: `title`, `dictionary`,
    `coreference` or `knowledge_base`.
    """

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    kind: str
    method: str
    confidence: float
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    actor_id: str | None = None
    role: str | None = None
    role_time: str = "current"
    as_of: str | None = None
    antecedent: int | None = None  # index of the mention this one refers back to


@dataclass(frozen=True)
class EventDate:
    """When an event happened, at the precision the text gives: `2010`, `2012-11`, `2012-11-07`.

    `from_publication` is true when the clause gave no time and the publication date
    stands in; `evidence` holds the time words, at `start:end` in the document text.
    """

    value: str
    precision: Precision
    from_publication: bool = False
    evidence: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class EventActor:
    """The source or target of an event: the mention's words and what they resolve to."""

    text: str
    start: int
    end: int
    country: str | None
    sector: str | None
    name: str | None = None
    actor_id: str | None = None
    mention: int | None = None  # index of the Mention in the document's list

    @classmethod
    def of_mention(cls, mentions: Sequence[Mention], number: int) -> EventActor:
        """The event actor that mention `number` of a document gives."""
        mention = mentions[number]
        return cls(
            text=mention.text,
            start=mention.start,
            end=mention.end,
            country=mention.country,
            sector=mention.sector,
            name=mention.name,
            actor_id=mention.actor_id,
            mention=number,
        )


@dataclass(frozen=True)
class EventRecord:
    """One coded interaction, with its evidence in the document.

    `modality` is `asserted`, `future`, `hypothetical` or `negated`. `attribution` is
    who the text says reports it ("the White House said"), when it says so.
    """

    doc_id: str
    sentence: int
    sentence_start: int
    sentence_end: int
    start: int  # evidence span: the words that carry the event
    end: int
    trigger: str
    cameo: str
    plover_type: str | None
    plover_mode: str | None
    goldstein: float | None
    quad_class: int | None
    source: EventActor
    target: EventActor | None
    modality: str = "asserted"
    date: EventDate | None = None
    attribution: str | None = None
    location: str | None = None
    pattern: str | None = None  # id of the pattern that matched, for auditing


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it; offsets point into the document text."""

    doc_id: str
    start: int
    end: int
    text: str
    speaker: EventActor | None = None
    speaker_text: str | None = None
