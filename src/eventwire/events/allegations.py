"""Allegations: a party that reports harm done to its own side by a foreign actor accuses it.

"Libya's spokesman said NATO air strikes killed 85 villagers" reports an attack, and it is
also Libya accusing NATO: CAMEO codes the report itself as an accusation (112). Only
material conflict (QuadClass 4) reported as having happened counts, only when the
reporter's country is the country that suffered it, and only when the doer is of another
country: "the army said the rebels attacked its positions" reports the country's own war.
"""

from __future__ import annotations

from dataclasses import replace

from eventwire.events.arguments import MentionIndex
from eventwire.events.attribution import source_of
from eventwire.events.lexicon import word_lists
from eventwire.events.matcher import Match
from eventwire.events.ontology import Ontology
from eventwire.records import Mention

ACCUSE_CODE = "112"
MATERIAL_CONFLICT = 4

Pair = tuple[int, int | None]


def _same_side(first: Mention, second: Mention) -> bool:
    """Whether two actors are on one side: one country, and the state's camp or its
    challengers' on both (civilians are on their country's every side)."""
    if first.country is None or first.country != second.country:
        return False
    lists = word_lists()
    if first.sector in lists.civilians or second.sector in lists.civilians:
        return True
    return (first.sector in lists.challengers) == (second.sector in lists.challengers)


def allegation(
    match: Match, pair: Pair, index: MentionIndex, ontology: Ontology, modality: str
) -> tuple[Match, Pair] | None:
    """The accusation the reporter of an event makes, as a match on its reporting verb with
    the (reporter, doer) pair, or None."""
    source, target = pair
    if target is None or modality != "asserted":
        return None
    if ontology.code(match.code).quad_class != MATERIAL_CONFLICT:
        return None
    reporter_word = source_of(match.anchor)
    if reporter_word is None or reporter_word.head.i == match.anchor.i:
        return None
    reporters = [m for m in index.actors([reporter_word]) if index.mentions[m].country]
    if len(reporters) != 1:
        return None
    reporter = reporters[0]
    mentions = index.mentions
    if not _same_side(mentions[reporter], mentions[target]):
        return None
    if mentions[reporter].country == mentions[source].country:
        return None  # its own side, or its own war: a report, not an accusation
    verb = reporter_word.head
    if verb.pos_ == "ADP":  # "according to X": the evidence is "according"
        verb = verb.head
    pattern = replace(match.pattern, id=f"allegation:{match.pattern.id}", code=ACCUSE_CODE)
    accusation = replace(
        match, pattern=pattern, code=ACCUSE_CODE, trigger=verb, anchor=verb, words=(verb,)
    )
    return accusation, (reporter, source)
