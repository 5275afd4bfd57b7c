"""Code the events of one parsed document: who did what to whom, with its evidence.

An event is emitted for each matched pattern whose source, and target when the pattern
has one, resolve to actor mentions. Coordinated actors give one event each; a mutual act
of coordinated actors without a separate target ("X and Y agreed") gives both directions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import permutations

from spacy.tokens import Doc, Span, Token

from eventwire.events.allegations import allegation
from eventwire.events.arguments import MentionIndex
from eventwire.events.attackers import INFERRED as ATTACKERS
from eventwire.events.attackers import UNIDENTIFIED, place_of_attack
from eventwire.events.attribution import attribution
from eventwire.events.documents import TextMakers
from eventwire.events.lexicon import word_lists
from eventwire.events.matcher import Match, find_matches, has_trigger
from eventwire.events.modality import clause_modality
from eventwire.events.ontology import Ontology, load_ontology
from eventwire.events.patterns import PatternBook, load_patterns
from eventwire.events.promises import recode
from eventwire.events.sides import LastSides
from eventwire.events.story_targets import with_story_targets
from eventwire.events.when import event_date
from eventwire.records import Document, EventActor, EventRecord, Mention

LOGGER = logging.getLogger(__name__)

LOCATION_ENTITIES = frozenset({"GPE", "LOC", "FAC"})

Pair = tuple[int, int | None]


def code_events(
    document: Document,
    parsed: Doc,
    mentions: Sequence[Mention],
    book: PatternBook | None = None,
    ontology: Ontology | None = None,
) -> list[EventRecord]:
    """The events of a document, in text order, each (sentence, code, source, target) once."""
    book = book or load_patterns()
    ontology = ontology or load_ontology()
    index = MentionIndex(parsed, mentions)
    events: list[EventRecord] = []
    seen: set[tuple[int, str, int, int | None]] = set()
    sides = LastSides()
    makers = TextMakers()
    for number, sentence in enumerate(parsed.sents):
        if not has_trigger(sentence, book):
            continue
        for match in find_matches(sentence, book):
            modality = clause_modality(match.anchor)
            match = replace(match, code=recode(match.code, modality, match.anchor, book))
            pairs, unknown_attackers = _pairs(match, index, sides, makers)
            for source, target in pairs:
                key = (number, match.code, source, target)
                if key in seen:
                    continue
                seen.add(key)
                distinct = target is not None and not _same_actor(index, source, target)
                sides.note(index, source, target, distinct)
                makers.note(match, (source, target))
                record = _record(document, number, sentence, match, (source, target), index,
                                 ontology, modality)  # fmt: skip
                events.append(_by_unknown_attackers(record) if unknown_attackers else record)
                alleged = allegation(match, (source, target), index, ontology, modality)
                if alleged is not None:
                    accusation, pair = alleged
                    key = (number, accusation.code, *pair)
                    if key not in seen:
                        seen.add(key)
                        events.append(
                            _record(document, number, sentence, accusation, pair, index,
                                    ontology, clause_modality(accusation.anchor))
                        )  # fmt: skip
    events = with_story_targets(events, mentions)
    LOGGER.debug("%s: %d events", document.doc_id, len(events))
    return events


def _pairs(
    match: Match, index: MentionIndex, sides: LastSides, makers: TextMakers
) -> tuple[list[Pair], bool]:
    """The (source, target) pairs of a match: from its own arguments, else from those a
    reader takes from elsewhere (both sides named before, a text's makers, the unknown
    attackers of a place); True when the source is a place's unknown attackers."""
    pairs = (
        event_pairs(match, index)
        or sides.stand_in(match, index)
        or makers.stand_in(match, index, index.first_resolved(match.targets))
    )
    pairs = makers.aimed_at_makers(match, index, pairs)
    if pairs:
        return pairs, False
    place = place_of_attack(match, index)  # "a car bomb in Baghdad killed 20 people"
    return ([], False) if place is None else (_attacked_from(place, match, index), True)


def event_pairs(match: Match, index: MentionIndex) -> list[Pair]:
    """The (source, target) mention pairs a match gives; empty when an argument is missing.

    A target the text names but that resolves to no actor ("condemned the decision",
    "congratulated him"), or only to the source itself ("both sent congratulations"),
    leaves the event without a target: the story may give it one (`story_targets`).
    """
    sources = [s for s in index.first_resolved(match.sources) if _placed(index, s)]
    if not sources:
        return []
    targets = index.first_resolved(match.targets)
    if targets:
        targets = [t for t in targets if _placed(index, t)]
        if not targets:
            return []
        if not match.pattern.mutual:
            targets = [t for t in targets if t not in sources]
    if match.pattern.mutual and not targets and len(sources) > 1:
        return list(permutations(sources, 2))
    if match.pattern.mutual and not targets and _reciprocal(match):
        return [(source, source) for source in sources]
    if not targets:
        if match.target_optional or any(heads for heads in match.targets):
            return [(source, None) for source in sources]
        return []
    pairs = [(s, t) for s in sources for t in targets if not _same_actor(index, s, t)]
    return pairs or [(source, None) for source in sources]


def _attacked_from(place: int, match: Match, index: MentionIndex) -> list[Pair]:
    """The pairs of an attack by unknown attackers of a place, on its named targets."""
    targets = [t for t in index.first_resolved(match.targets) if _placed(index, t)]
    return [(place, target) for target in targets] or [(place, None)]


def _by_unknown_attackers(record: EventRecord) -> EventRecord:
    """The record with its source the unidentified attackers of the place it names."""
    source = replace(record.source, sector=UNIDENTIFIED)
    return replace(record, source=source, pattern=f"{record.pattern or ''}{ATTACKERS}")


def _placed(index: MentionIndex, number: int) -> bool:
    """Whether a mention says whose it is: a country, or an organisation acting in its own
    name; "police" or "protesters" with no country make no event on their own."""
    mention = index.mentions[number]
    return mention.country is not None or mention.sector in word_lists().own_name_sectors


def _reciprocal(match: Match) -> bool:
    """Whether a mutual act's subject names both sides itself ("the rival leaders signed")."""
    heads = match.sources[0] if match.sources else ()
    reciprocal = word_lists().reciprocal_words  # "rival", "both"
    return any(_lemma_in(head, reciprocal) for head in heads)


def _lemma_in(token: Token, lemmas: frozenset[str]) -> bool:
    """Whether the token or one of its modifiers has one of the lemmas."""
    return any(t.lemma_.lower() in lemmas for t in [token, *token.children])


def _same_actor(index: MentionIndex, source: int, target: int) -> bool:
    """Whether two mentions are one actor (the same mention, or a reference back to it)."""
    if source == target:
        return True
    first, second = index.mentions[source], index.mentions[target]
    if first.actor_id and first.actor_id == second.actor_id:
        return True
    if second.antecedent == source or first.antecedent == target:
        return True
    same_country = first.country is not None and first.country == second.country
    return same_country and _is_state(first) and _is_state(second)


def _is_state(mention: Mention) -> bool:
    """Whether a mention stands for a state or its government ("Russia", "Moscow", "Putin"):
    two such mentions of one country are one actor."""
    return mention.sector in {None, "GOV"}


def _record(
    document: Document,
    number: int,
    sentence: Span,
    match: Match,
    pair: Pair,
    index: MentionIndex,
    ontology: Ontology,
    modality: str,
) -> EventRecord:
    """One event record with its codes, actors and evidence."""
    source, target = pair
    entry = ontology.code(match.code)
    mentions = index.mentions
    start, end = _evidence(match, sentence, [source] if target is None else [source, target], index)
    return EventRecord(
        doc_id=document.doc_id,
        sentence=number,
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
        start=start,
        end=end,
        trigger=" ".join(token.text for token in sorted(match.words, key=lambda t: t.i)),
        cameo=entry.code,
        plover_type=entry.plover_type,
        plover_mode=entry.plover_mode,
        goldstein=entry.goldstein,
        quad_class=entry.quad_class,
        source=EventActor.of_mention(mentions, source),
        target=EventActor.of_mention(mentions, target) if target is not None else None,
        modality=modality,
        date=event_date(match.anchor, document.published),
        attribution=attribution(match.anchor, mentions),
        location=_location(match),
        pattern=match.pattern.id,
    )


def _evidence(
    match: Match, sentence: Span, actors: Sequence[int], index: MentionIndex
) -> tuple[int, int]:
    """The character span from the first to the last word of the event, within the sentence."""
    starts = [token.idx for token in match.words]
    ends = [token.idx + len(token) for token in match.words]
    for number in actors:
        mention = index.mentions[number]
        if sentence.start_char <= mention.start and mention.end <= sentence.end_char:
            starts.append(mention.start)
            ends.append(mention.end)
    return min(starts), max(ends)


def _location(match: Match) -> str | None:
    """The place the clause names with "in", "at" or "near", when it is a named place."""
    for token in _place_words(match):
        if token.ent_type_ in LOCATION_ENTITIES:
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            return ent.text if ent is not None else token.text
    return None


def _place_words(match: Match) -> Iterator[Token]:
    """Objects of place prepositions on the trigger or its anchor."""
    preps = word_lists().location_preps  # "in", "at"
    for head in {match.trigger, match.anchor}:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                yield from (c for c in child.children if c.dep_ == "pobj")
