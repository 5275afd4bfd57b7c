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

from eventwire.events.lexicon import word_lists
from eventwire.records import EventActor, EventRecord, Mention

LOGGER = logging.getLogger(__name__)

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
    partners: dict[str, list[tuple[int, EventActor]]],
    main: str | None,
    mentions: Sequence[Mention],
) -> EventRecord:
    """The event with the counterpart of its source as target, when the story gives one:
    the party it deals with most often, the nearest such event on a tie."""
    dealings = partners.get(event.source.country or "", [])
    if event.source.sector in word_lists().domestic_sectors and event.source.country == main:
        dealings = []  # a court, the police, protesters: their country's affair
    if dealings:
        counts = Counter(actor.country for _, actor in dealings)
        top = max(counts.values())
        nearest = min(
            (abs(offset - event.start), index)
            for index, (offset, actor) in enumerate(dealings)
            if counts[actor.country] == top
        )
        target = dealings[nearest[1]][1]
    else:
        number = None if main is None else _nearest_mention(mentions, main, event)
        if number is None:
            return event
        target = EventActor.of_mention(mentions, number)
    LOGGER.debug("%s: %s takes %s as its story target", event.doc_id, event.trigger, target.text)
    return replace(event, target=target, pattern=f"{event.pattern or ''}{INFERRED}")


def _partners(events: Sequence[EventRecord]) -> dict[str, list[tuple[int, EventActor]]]:
    """For each country, the parties it deals with (either way) in the story's events,
    with where each event is."""
    partners: dict[str, list[tuple[int, EventActor]]] = {}
    for event in events:
        source, target = event.source, event.target
        if source.country and target is not None and target.country:
            partners.setdefault(source.country, []).append((event.start, target))
            if target.country != source.country:
                partners.setdefault(target.country, []).append((event.start, source))
    return partners


def _main_country(mentions: Sequence[Mention]) -> str | None:
    """The country the report mentions most (organisations left aside)."""
    own_name = word_lists().own_name_sectors  # "IGO", "NGO"
    counts = Counter(m.country for m in mentions if m.country and m.sector not in own_name)
    return counts.most_common(1)[0][0] if counts else None


def _nearest_mention(mentions: Sequence[Mention], country: str, event: EventRecord) -> int | None:
    """The mention of the country nearest to the event other than its source, earlier ones
    first on a tie."""
    best: tuple[int, int] | None = None
    offset = event.start
    for number, mention in enumerate(mentions):
        if mention.country != country or number == event.source.mention:
            continue
        distance = offset - mention.end if mention.end <= offset else mention.start - offset + 1
        if best is None or distance < best[0]:
            best = (distance, number)
    return best[1] if best is not None else None


def _mention(actor: EventActor | None) -> int | None:
    """The mention number of an actor, if any."""
    return actor.mention if actor is not None else None
