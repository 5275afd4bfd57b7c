"""Targets a report leaves implicit, taken from the story as a reader takes them.

News often states an act without saying at whom it is aimed: "Iran warned on Sunday",
"the workers went on strike", "the government is offering $100". A reader takes the
target from the story: the party the source deals with in the report's other events, or,
when the source deals with no one else there, the country the report is mostly about
(a domestic protest is aimed at its own country's authorities). Events without a source
country are left as they are.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from eventwire.records import EventActor, EventRecord, Mention

LOGGER = logging.getLogger(__name__)

# Sectors that act in their own name without a country ("Amnesty International").
OWN_NAME_SECTORS = frozenset({"IGO", "NGO"})
INFERRED = "+story-target"


def with_story_targets(
    events: Sequence[EventRecord], mentions: Sequence[Mention]
) -> list[EventRecord]:
    """The events, each targetless one given the counterpart its source has in the story."""
    partners = _partners(events)
    main = _main_country(mentions)
    found: list[EventRecord] = []
    seen: set[tuple] = set()
    for event in events:
        if event.target is None and event.source.country:
            event = _with_target(event, partners, main, mentions)
        key = (event.sentence, event.cameo, event.source.mention, _mention(event.target))
        if key not in seen:
            seen.add(key)
            found.append(event)
    return found


def _with_target(
    event: EventRecord,
    partners: dict[str, Counter[str]],
    main: str | None,
    mentions: Sequence[Mention],
) -> EventRecord:
    """The event with the counterpart of its source as target, when the story gives one."""
    source = event.source.country or ""
    counts = partners.get(source)
    country = counts.most_common(1)[0][0] if counts else main
    if country is None:
        return event
    number = _nearest_mention(mentions, country, event.start, exclude=event.source.mention)
    if number is None:
        return event
    LOGGER.debug("%s: %s takes %s as its story target", event.doc_id, event.trigger, country)
    return replace(
        event, target=_actor(mentions, number), pattern=f"{event.pattern or ''}{INFERRED}"
    )


def _partners(events: Sequence[EventRecord]) -> dict[str, Counter[str]]:
    """For each country, how often each other party acts with it (either way) in the story."""
    partners: dict[str, Counter[str]] = {}
    for event in events:
        source = event.source.country
        target = event.target.country if event.target is not None else None
        if source and target:
            partners.setdefault(source, Counter())[target] += 1
            partners.setdefault(target, Counter())[source] += 1
    return partners


def _main_country(mentions: Sequence[Mention]) -> str | None:
    """The country the report mentions most (organisations left aside)."""
    counts = Counter(m.country for m in mentions if m.country and m.sector not in OWN_NAME_SECTORS)
    return counts.most_common(1)[0][0] if counts else None


def _nearest_mention(
    mentions: Sequence[Mention], country: str, offset: int, exclude: int | None
) -> int | None:
    """The mention of the country nearest to an offset, earlier ones first on a tie."""
    best: tuple[int, int] | None = None
    for number, mention in enumerate(mentions):
        if mention.country != country or number == exclude:
            continue
        distance = offset - mention.end if mention.end <= offset else mention.start - offset + 1
        if best is None or distance < best[0]:
            best = (distance, number)
    return best[1] if best is not None else None


def _actor(mentions: Sequence[Mention], number: int) -> EventActor:
    """The event actor a mention gives."""
    mention = mentions[number]
    return EventActor(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        country=mention.country,
        sector=mention.sector,
        name=mention.name,
        actor_id=mention.actor_id,
        mention=number,
    )


def _mention(actor: EventActor | None) -> int | None:
    """The mention number of an actor, if any."""
    return actor.mention if actor is not None else None
