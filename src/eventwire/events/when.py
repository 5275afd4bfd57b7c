"""When an event happened: the time words of its clause, read against the publication date.

`event_date(trigger, published)` looks for time phrases attached to the words that date the
trigger's clause, nearest first, and takes the first of these words that has one:

1. the trigger itself ("met on Monday", "a 2015 accord", "Friday's clash", "last month's vote");
2. for a noun trigger, the words it hangs from up to its verb ("held talks on Tuesday",
   "a round of talks last week");
3. the verbs whose time the clause shares: the verb it is an infinitive or participle of
   ("made time on Tuesday to reach out", "fired on Friday, killing three"), unless that verb
   makes it a plan ("agreed on Friday to meet": the meeting is not on Friday); a clause
   opened by "when", "while" or "as"; the head of a conjunct without its own subject; and
   the reporting verb of a past clause ("said on Tuesday that troops attacked"), unless the
   clause is a plan or in the past perfect ("had sent": earlier than the saying).

A time phrase is a dependent of one of these words whose head is a time word (a month,
weekday, time unit, "yesterday", a year, an adverb like "recently" or "regularly"): a
noun-like modifier ("Sunday", "last week"), the words before a noun ("a 23 March 2009
deal"), a preposition of time ("on", "in", "since", "after", ...) with such an object, or
the relative clause of a verb of onset on a noun ("a war that broke out in 2013"). Time
words of other clauses (a relative clause, another finite clause) are never read. When a
word has several phrases the most precise wins. Phrases on the word's objects count when
the word itself has none ("hosted Putin at the summit on May 18-19", "after the election
on May 15", which then dates only to the month). How the words read as a date is
`eventwire.events.context_timex`.

When the clause has no time phrase the publication date stands in, flagged
`from_publication`; for a clause that is not asserted as past (future, hypothetical) only
the publication month, since a plan has no day yet. Without a publication date only
absolute dates are read, and a clause without one has no date.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from spacy.tokens import Token

from eventwire.events import roles
from eventwire.events.attribution import is_reporting_verb
from eventwire.events.context_narrative import (
    Told,
    less_precise,
    measure_of,
    narrative_kind,
    narrative_year,
    previous_date,
    shifted,
    told,
)
from eventwire.events.context_timex import (
    Anchor,
    Resolved,
    is_time_root,
    iso,
    normal,
    resolve,
    words_of_kind,
    year_number,
)
from eventwire.events.lexicon import word_lists
from eventwire.events.modality import (
    clause_modality,
    governor_class,
    has_marker,
    has_subject,
    is_presupposing,
)
from eventwire.records import EventDate, Precision, PublishedDate

LOGGER = logging.getLogger(__name__)

RANK: Mapping[str, int] = MappingProxyType({"year": 0, "month": 1, "day": 2})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
VERBAL = frozenset({"VERB", "AUX"})
# Dependents that can carry a time phrase on any word, and on nouns only.
PHRASE_DEPS = frozenset({"npadvmod", "tmod", "advmod", "obl", "nmod"})
NOUN_PHRASE_DEPS = frozenset({"poss", "compound", "nummod", "amod"})
# Parts of a time phrase's subtree that belong to another clause.
FOREIGN_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "appos", "parataxis"})
# Links from a noun to the word it hangs from, along which the noun shares that word's time.
NOUN_UP_LINKS = frozenset(
    {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "dative", "oprd", "appos", "conj"}
)
# Objects of a verb whose time phrases date the verb when it has none of its own.
OBJECT_DEPS = frozenset({"dobj", "attr", "dative", "oprd"})
NOT_PAST = frozenset({"future", "hypothetical"})
MAX_STEPS = 8


@dataclass(frozen=True)
class Phrase:
    """A located time phrase: its tokens and the preposition that introduces it."""

    tokens: tuple[Token, ...]
    prep: str = "at"
    kind: str = "time"  # "shift": "four years earlier"; "anaphor": "since then"


def event_date(trigger: Token, published: PublishedDate | None) -> EventDate | None:
    """The date of the trigger's event, from its clause's time words or the publication."""
    anchor = anchor_of(published)
    future = clause_modality(trigger) in NOT_PAST
    words = list(dating_words(trigger, future))
    for word in words:
        found = best_date(word, anchor, future)
        if found is not None:
            LOGGER.debug("%r dated %s by %r", trigger.text, found.value, found.evidence)
            return found
    found = measured_date(words[-1], published) or earlier_date(words[-1], published)
    if found is not None:
        return found
    return publication_date(published, future, is_anterior(trigger))


def anchor_of(published: PublishedDate | None) -> Anchor | None:
    """The publication date as an anchor for relative times, or None when unknown."""
    if published is None:
        return None
    try:
        parts = [int(part) for part in published.value.split("-")]
        return Anchor(date(parts[0], *(parts[1:] + [1, 1])[:2]), published.precision)
    except (ValueError, IndexError):
        LOGGER.warning("unreadable publication date %r", published.value)
        return None


def publication_date(
    published: PublishedDate | None, future: bool, anterior: bool = False
) -> EventDate | None:
    """The publication date standing in for a clause without time words, flagged; only its
    month for a plan (no day yet) or a past before the story's past (no day known)."""
    if published is None:
        return None
    value, precision = published.value, published.precision
    if (future or anterior) and precision == "day":
        value, precision = value[:7], "month"
    return EventDate(value, precision, from_publication=True)


def is_anterior(trigger: Token) -> bool:
    """Whether the trigger's clause is a past perfect told as earlier than the story's past
    ("the rebels had seized the town"; "X had argued that Y had struck a deal"), not the
    backshift of a past report ("he said the rebels had seized the town": the seizing is
    told as the report's past, at the time of the story)."""
    verb = clause_verb(trigger)
    if verb is None or not is_past_perfect(verb):
        return False
    head = verb.head
    reported = verb.dep_ in ("ccomp", "parataxis") and is_reporting_verb(head)
    return not (reported and head.tag_ == "VBD")


def clause_verb(trigger: Token) -> Token | None:
    """The verb of the trigger's clause: the trigger, or the verb a noun trigger hangs from."""
    for word in dating_words(trigger, False):
        if word.pos_ in VERBAL:
            return word
    return None


def earlier_date(noun: Token, published: PublishedDate | None) -> EventDate | None:
    """The date of an event named as what came before a clause ("following Manila's
    request", "after the attack") that has no time of its own: the clause's date, one step
    less precise (it came some time before)."""
    prep = noun.head
    if noun.dep_ != "pobj" or not is_noun(noun) or prep.dep_ != "prep":
        return None
    if words_of_kind("prep").get(prep.lower_) != "after" or prep.head.i == prep.i:
        return None
    base = event_date(prep.head, published)
    less = None if base is None else less_precise(base.value, base.precision)
    if base is None or less is None:
        return None
    return EventDate(less[0], less[1], base.from_publication, base.evidence, base.start, base.end)


def measured_date(trigger: Token, published: PublishedDate | None) -> EventDate | None:
    """The date of an event told as so long before or after another ("came a day after
    Tokyo dispatched troops", "a week before the vote"): the other clause's date, shifted."""
    found = measured_link(trigger)
    if found is None:
        return None
    word, measure, head = found
    count, unit, days = measure
    base = event_date(head, published)
    if base is None:
        return None
    direction = narrative_kind(word)[1]  # type: ignore[index]
    moved = shifted(told(base.value, base.precision), count, unit, direction, days)
    if moved is None:
        return None
    near = [*word.children, *(c for c in trigger.children if c.i < word.i)]
    tokens = sorted(
        [word, *(t for c in near if c.dep_ == "npadvmod" for t in c.subtree)],
        key=lambda token: token.i,
    )
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    evidence = trigger.doc.text[start:end]
    return EventDate(
        moved[0], moved[1], base.from_publication, evidence=evidence, start=start, end=end
    )


def measured_link(trigger: Token) -> tuple[Token, tuple[int, str, int | None], Token] | None:
    """The measured "after"/"before" that opens the trigger's clause or governs the noun
    trigger, its measure, and the word of the other clause; None without a measure."""
    if trigger.dep_ == "advcl":
        words = [c for c in trigger.children if c.dep_ == "mark"]
    elif trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        words = [trigger.head]
    else:
        return None
    for word in words:
        kind = narrative_kind(word)
        if kind is None or kind[0] != "measure":
            continue
        # The measure hangs from the subordinator, or before it from the clause's verb.
        measures = [c for c in word.children if c.dep_ == "npadvmod"]
        measures += [c for c in trigger.children if c.dep_ == "npadvmod" and c.i < word.i]
        measure = measure_of([t for c in measures for t in c.subtree])
        if measure is not None:
            return word, measure, trigger.head if word.dep_ == "mark" else word.head
    return None


def dating_words(trigger: Token, future: bool) -> Iterator[Token]:
    """The words whose time phrases date the trigger's clause, nearest first."""
    node = trigger
    yield node
    if is_noun(node):  # "a ban imposed by X after the election": the participle's time
        yield from roles.agent_participles(node)
    steps = 0
    while is_noun(node) and node.dep_ in NOUN_UP_LINKS and steps < MAX_STEPS:
        leading = node.lemma_.lower() in word_lists().leading_places  # "at the forefront of"
        if node.dep_ == "pobj" and is_presupposing(node.head) and not leading:
            return  # "following Trump's decision": another event, another time
        node = node.head.head if node.dep_ == "pobj" else node.head
        steps += 1
        yield node
        if node.pos_ in VERBAL:
            break
    while steps < MAX_STEPS:
        up = time_sharing_head(node, future)
        if up is None:
            return
        node = up
        steps += 1
        yield node


def time_sharing_head(node: Token, future: bool) -> Token | None:
    """The verb whose time the node's clause shares, or None."""
    head, link = node.head, node.dep_
    if head.i == node.i or (clause_modality(head) in NOT_PAST) != future:
        return None  # a plan does not share the time of a report of the past, nor the reverse
    if link == "xcomp" or (link in ("advcl", "acl") and not has_marker(node)):
        return None if governor_class(head) else head
    if link == "advcl":
        marks = {normal(child.text) for child in node.children if child.dep_ == "mark"}
        return head if marks <= words_of_kind("link").keys() else None
    if link == "conj":
        return None if has_subject(node) else head
    if link == "pcomp" and head.dep_ == "prep" and not is_presupposing(head):
        return head.head  # "in thanking them", not "after saying"
    if link == "ccomp" and is_reporting_verb(head):
        return None if future or is_past_perfect(node) else head
    return None


def is_past_perfect(verb: Token) -> bool:
    """Whether a verb is in the past perfect ("had sent")."""
    return verb.tag_ == "VBN" and any(
        child.dep_ == "aux" and child.lower_ in ("had", "'d") for child in verb.children
    )


def best_date(word: Token, anchor: Anchor | None, future: bool) -> EventDate | None:
    """The most precise date among the word's time phrases (its objects' when it has none)."""
    found = dates_of(time_phrases(word), anchor, future)
    if not found and word.pos_ in VERBAL:
        found = dates_of(object_phrases(word), anchor, future)
    if not found and word.pos_ in VERBAL:
        found = dates_of(subject_phrases(word), anchor, future)
    if not found:
        return None
    phrase, resolved = max(found, key=lambda pair: RANK[pair[1].precision])
    if not future:
        resolved = in_story_year(word, phrase, resolved)
    return to_event_date(phrase, resolved)


def subject_phrases(verb: Token) -> Iterator[Phrase]:
    """The possessive time phrase of a verb's subject ("Last month's referendum was
    criticized": the criticism is dated by the referendum's month)."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and is_noun(child):
            for owner in child.children:
                if owner.dep_ == "poss" and is_time_root(owner):
                    yield Phrase(tuple(phrase_tokens(owner)))


def in_story_year(word: Token, phrase: Phrase, resolved: Resolved) -> Resolved:
    """A yearless month or day moved after the explicit date of a clause governing the
    word, earlier in the sentence ("extradited in July 2011, where he went on trial in
    November": November 2011)."""
    if phrase.kind != "time":
        return resolved
    words = phrase.tokens[resolved.first : resolved.last + 1]
    governing = governing_date_words(word, words[0])
    if not governing:
        return resolved
    moved = narrative_year(resolved.value, resolved.precision, words, governing)
    if moved is None:
        return resolved
    return Resolved(moved[0], moved[1], resolved.first, resolved.last)


def governing_date_words(word: Token, before: Token) -> tuple[Token, ...]:
    """The words of the nearest time phrase with a year that dates a word governing `word`
    and stands before `before` in its sentence; empty when there is none."""
    best: tuple[Token, ...] = ()
    node, steps = word, 0
    while node.head.i != node.i and steps < MAX_STEPS:
        node, steps = node.head, steps + 1
        for phrase in time_phrases(node):
            tokens = phrase.tokens
            later = not best or tokens[-1].i > best[-1].i
            if later and tokens[-1].i < before.i and any(year_number(t.text) for t in tokens):
                best = tokens
    return best


def dates_of(
    phrases: Iterator[Phrase], anchor: Anchor | None, future: bool
) -> list[tuple[Phrase, Resolved]]:
    """Each phrase that reads as a date, with its date."""
    found = []
    for phrase in phrases:
        ahead = future and phrase.prep != "since"  # "since" looks back, whatever the clause
        if phrase.kind != "time":
            resolved = narrative_date(phrase, anchor)
        else:
            resolved = resolve(phrase.tokens, anchor, ahead, phrase.prep)
        if resolved is not None:
            found.append((phrase, resolved))
    return found


def narrative_date(phrase: Phrase, anchor: Anchor | None) -> Resolved | None:
    """A time told from the story's last date: "four years earlier" is four years before
    it; "since then" is that date, one step less precise (which day "then" is, is a guess)."""
    base: Told | None = previous_date(phrase.tokens[0], anchor)
    if base is None:
        return None
    last = len(phrase.tokens) - 1
    if phrase.kind == "anaphor":
        less = less_precise(iso(base.day, base.precision), base.precision)
        return None if less is None else Resolved(less[0], less[1], 0, last)
    shift = next((narrative_kind(t) for t in phrase.tokens if narrative_kind(t)), None)
    measure = measure_of(phrase.tokens)
    if shift is None or measure is None:
        return None
    moved = shifted(base, measure[0], measure[1], shift[1], measure[2])
    return None if moved is None else Resolved(moved[0], moved[1], 0, last)


def time_phrases(word: Token, premodifiers: bool = True) -> Iterator[Phrase]:
    """The time phrases attached to a word (with or without a noun's "2015" in "a 2015 accord")."""
    if premodifiers and is_noun(word):
        yield from premodifier_phrase(word)
    for child in word.children:
        dep = child.dep_
        if dep == "prep":
            yield from prep_phrase(child)
        elif dep in PHRASE_DEPS and is_time_root(child):
            yield Phrase(tuple(phrase_tokens(child)))
        elif dep == "advmod" and is_shift(child):
            yield Phrase(tuple(phrase_tokens(child)), kind="shift")  # "four years earlier"
        elif dep == "relcl" and is_noun(word) and child.lemma_.lower() in words_of_kind("onset"):
            yield from time_phrases(child)  # "a war that broke out in 2013"


def prep_phrase(prep: Token, keep: str | None = None) -> Iterator[Phrase]:
    """The phrase of a preposition of time with a time word as object ("on Tuesday")."""
    kind = words_of_kind("prep").get(prep.lower_)
    objects = [child for child in prep.children if child.dep_ in ("pobj", "pcomp")]
    if kind is not None and any(is_time_root(obj) for obj in objects):
        tokens = [token for token in phrase_tokens(prep) if token.i != prep.i]
        yield Phrase(tuple(tokens), keep or kind)
    elif kind == "since" and [narrative_kind(obj) for obj in objects] == [("anaphor", 0)]:
        yield Phrase(tuple(objects), kind, kind="anaphor")  # "since then"


def is_shift(adverb: Token) -> bool:
    """Whether an adverb places its clause a measured time from the story's last date
    ("four years earlier", "two days later")."""
    kind = narrative_kind(adverb)
    measures = [t for c in adverb.children if c.dep_ == "npadvmod" for t in c.subtree]
    return kind is not None and kind[0] == "shift" and measure_of(measures) is not None


def premodifier_phrase(noun: Token) -> Iterator[Phrase]:
    """The words before a noun as one phrase, if one is a time word ("a 23 March 2009 deal")."""
    modifiers = [
        child
        for child in noun.lefts
        if child.dep_ in NOUN_PHRASE_DEPS | PHRASE_DEPS and child.dep_ != "det"
    ]
    if any(is_time_root(child) for child in modifiers):
        tokens = [token for child in modifiers for token in phrase_tokens(child)]
        yield Phrase(tuple(sorted(tokens, key=lambda token: token.i)))


def object_phrases(verb: Token) -> Iterator[Phrase]:
    """The time phrases hung on a verb's objects ("at the summit on May 18", "talks last week").

    Under "after"/"before" they keep that preposition ("after the election on May 15", "after
    the May 15 election"). Elsewhere the objects' own premodifiers ("withdraw from a 2015
    accord") date the object, not the verb.
    """
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            yield from time_phrases(child, premodifiers=False)
        elif child.dep_ == "prep":
            outer = words_of_kind("prep").get(child.lower_)
            for obj in child.children:
                if obj.dep_ == "pobj" and not is_time_root(obj):
                    after = outer in ("after", "before")  # "after the May 15 election"
                    for phrase in time_phrases(obj, premodifiers=after):
                        yield Phrase(phrase.tokens, outer if after else phrase.prep)


def phrase_tokens(root: Token) -> list[Token]:
    """The tokens of a phrase, without the parts that belong to another clause."""
    tokens = [root]
    for child in root.children:
        if child.dep_ not in FOREIGN_DEPS:
            tokens.extend(phrase_tokens(child))
    return sorted(tokens, key=lambda token: token.i)


def to_event_date(phrase: Phrase, resolved: Resolved) -> EventDate:
    """An EventDate whose evidence is the words that gave the date."""
    first, last = phrase.tokens[resolved.first], phrase.tokens[resolved.last]
    start, end = first.idx, last.idx + len(last.text)
    precision: Precision = resolved.precision
    text = first.doc.text[start:end]
    return EventDate(resolved.value, precision, evidence=text, start=start, end=end)


def is_noun(token: Token) -> bool:
    """Whether a token is a noun (or a pronoun or number standing for one)."""
    return token.pos_ in NOMINAL
