"""Where the parse puts a quotation's speaker: the subject of the reporting verb tied to it.

Cues are tried in order, and the first that gives a speaker wins:
1. the nearest reporting verb above the quotation in the dependency tree
   ("..., Carney told reporters"; "Lavrov said ..., saying '...'"; "wished Obama success
   in 'forming a new team'");
2. a reporting verb that the parser hung below the quotation's own words;
3. a reporting verb right after the closing mark or right before the opening one, when
   the parse split the sentence ("'...,' said Santos"; "Putin said: '...'");
4. "according to X" in the sentences of the quotation.
The speaker is the verb's subject; the object of "quote" ("quoted the ministry as
saying"); the noun a participle hangs on ("a statement saying"); the subject of the
clause a participle or infinitive belongs to ("..., saying"; "went on to declare").
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.quotes.lexicon import ReportingVerbs
from eventwire.quotes.marks import ALL_MARKS, QuotationSpan

LOGGER = logging.getLogger(__name__)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Relations through which a subjectless verb takes the subject of the verb it hangs on.
CLIMBING_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "ccomp"})
# Relations of a quotation to a `complement` verb that make it the verb's own words.
COMPLEMENT_DEPS = frozenset({"dobj", "oprd", "attr", "acomp", "ccomp", "xcomp", "dative"})
COMPLEMENT_PREPOSITIONS = frozenset({"on", "for", "as"})
# Left and right dependents kept in a speaker's words: "Iran's top general", "the
# governor of the province"; appositions and clauses are left out ("Haley, the envoy").
PHRASE_LEFT_DEPS = frozenset(
    {"det", "compound", "amod", "poss", "nummod", "nmod", "quantmod", "case", "predet", "advmod"}
)
PHRASE_RIGHT_DEPS = frozenset({"compound", "flat", "prep", "nmod", "nummod", "case", "cc", "conj"})
PHRASE_BREAKS = frozenset({",", ";", ":", "(", ")", "[", "]"}) | frozenset(ALL_MARKS)
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Verb tags of a clause that must have a subject ("said", "says", "tell").
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Relations inside a noun phrase, climbed from its last word to its head.
NOUN_PHRASE_DEPS = frozenset({"pobj", "prep", "compound", "poss", "case", "flat", "amod"})
# How far from the quote marks a reporting verb may stand when the parse split them.
NEIGHBOUR_TOKENS_AFTER = 6
NEIGHBOUR_TOKENS_BEFORE = 3
# How many clauses up a subjectless verb may look for its subject.
MAX_CLIMB = 4


@dataclass(frozen=True)
class SpeakerCue:
    """The token heading a quotation's speaker, the reporting verb, and which cue found them."""

    head: int
    verb: int | None
    cue: str


def quotation_tokens(parsed: Doc, span: QuotationSpan) -> frozenset[int]:
    """The indices of the tokens of a quotation, its marks included."""
    tokens = parsed.char_span(span.open_mark, span.outer_end, alignment_mode="expand")
    return frozenset(range(tokens.start, tokens.end)) if tokens is not None else frozenset()


def find_speaker_cue(
    parsed: Doc, inside: frozenset[int], verbs: ReportingVerbs
) -> SpeakerCue | None:
    """The first cue that names a speaker for the quotation made of the `inside` tokens."""
    if not inside:
        return None
    for finder in (_from_ancestors, _from_children, _from_neighbours, _from_according):
        cue = finder(parsed, inside, verbs)
        if cue is not None:
            LOGGER.debug("speaker %r by %s", parsed[cue.head].text, cue.cue)
            return cue
    return None


def speaker_phrase(head: Token, outside: frozenset[int] = frozenset()) -> tuple[int, int]:
    """Character bounds of the words naming a speaker, from its head token."""
    kept = [head]
    for child in head.children:
        deps = PHRASE_LEFT_DEPS if child.i < head.i else PHRASE_RIGHT_DEPS
        if child.dep_ in deps:
            kept.extend(t for t in child.subtree if t.i not in outside)
    if head.ent_iob_ in ("B", "I"):  # "Haider al-Abadi", however the parser split it
        entity = next(e for e in head.doc.ents if e.start <= head.i < e.end)
        kept.extend(t for t in entity if t.i not in outside)
    first = min(kept, key=lambda t: t.i)
    last = max(kept, key=lambda t: t.i)
    for token in head.doc[first.i : head.i]:  # never across a line break or a comma
        if "\n" in token.text_with_ws or token.text in PHRASE_BREAKS:
            first = head.doc[token.i + 1]
    while last.i > head.i and (last.is_punct or last.dep_ == "cc"):
        last = last.doc[last.i - 1]
    return first.idx, last.idx + len(last.text)


def named_head(head: Token) -> Token:
    """The name in apposition to a common-noun speaker ("the rights group, Human Rights Watch")."""
    if head.pos_ != "NOUN":
        return head
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return head


def _roots(parsed: Doc, inside: frozenset[int]) -> Iterator[Token]:
    """The quotation's words whose head lies outside it, or that head their sentence."""
    for i in sorted(inside):
        token = parsed[i]
        if not token.is_punct and (token.head.i not in inside or token.head.i == token.i):
            yield token


def _from_ancestors(
    parsed: Doc, inside: frozenset[int], verbs: ReportingVerbs
) -> SpeakerCue | None:
    """The nearest reporting verb above the quotation, and its speaker."""
    for root in _roots(parsed, inside):
        child = root
        for above in root.ancestors:
            if above.i not in inside and _reports(above, child, verbs):
                head = _speaker_of(above, inside, verbs)
                if head is not None:
                    return SpeakerCue(head.i, above.i, "verb above")
            child = above
    return None


def _from_children(parsed: Doc, inside: frozenset[int], verbs: ReportingVerbs) -> SpeakerCue | None:
    """A reporting verb the parser hung below the quotation's words."""
    for i in sorted(inside):
        for child in parsed[i].children:
            if child.i in inside or not _is_reporting(child, verbs):
                continue
            if child.lemma_ in verbs.complement_only:
                continue
            head = _speaker_of(child, inside, verbs)
            if head is not None:
                return SpeakerCue(head.i, child.i, "verb below")
    return None


def _from_neighbours(
    parsed: Doc, inside: frozenset[int], verbs: ReportingVerbs
) -> SpeakerCue | None:
    """A reporting verb right after the closing mark or right before the opening mark."""
    after = _tokens_after(parsed, max(inside) + 1, NEIGHBOUR_TOKENS_AFTER)
    if after and _ends_sentence(parsed, inside) and not after[0].is_lower:
        after = []  # '"... in jail." Thaksin responded by saying' starts a new sentence
    for position, token in enumerate(after):
        if _is_reporting(token, verbs):  # '"Why?" she asked': any reporting verb
            head = _speaker_of(token, inside, verbs) or _nearby_noun(after, position)
            if head is not None:
                return SpeakerCue(head.i, token.i, "verb after")
            break
    before = _tokens_before(parsed, min(inside) - 1, NEIGHBOUR_TOKENS_BEFORE)
    for token in before:
        if _is_reporting(token, verbs) and token.lemma_ not in verbs.complement_only:
            head = _speaker_of(token, inside, verbs)
            if head is not None:
                return SpeakerCue(head.i, token.i, "verb before")
            break
    return None


def _from_according(
    parsed: Doc, inside: frozenset[int], verbs: ReportingVerbs
) -> SpeakerCue | None:
    """The X of "according to X" in the quotation's own sentences."""
    first, last = parsed[min(inside)].sent, parsed[max(inside)].sent
    for token in parsed[first.start : last.end]:
        if token.lower_ != "according" or token.i in inside or token.i + 1 >= len(parsed):
            continue
        to = parsed[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj" and c.i not in inside]
        if to.lower_ == "to" and objects:
            return SpeakerCue(objects[0].i, None, "according to")
    return None


def _ends_sentence(parsed: Doc, inside: frozenset[int]) -> bool:
    """Whether the quoted words end with a full stop, question or exclamation mark."""
    words = [parsed[i] for i in sorted(inside) if parsed[i].text not in ALL_MARKS]
    return bool(words) and words[-1].text in {".", "?", "!", "\u2026"}


def _tokens_after(parsed: Doc, start: int, limit: int) -> list[Token]:
    """Up to `limit` tokens after a closing mark, stopping at a full stop, quote or line end."""
    found: list[Token] = []
    for token in parsed[start : start + limit + 2]:
        if "\n" in token.text or token.text in ALL_MARKS or token.text in {".", "?", "!", ";"}:
            break
        if not token.is_punct and not token.is_space:
            found.append(token)
        if len(found) >= limit:
            break
    return found


def _tokens_before(parsed: Doc, start: int, limit: int) -> list[Token]:
    """Up to `limit` words before an opening mark, nearest first, skipping ':' and ','."""
    found: list[Token] = []
    for i in range(start, max(start - limit - 2, -1), -1):
        token = parsed[i]
        if "\n" in token.text or token.text in ALL_MARKS or token.text in {".", "?", "!", ";"}:
            break
        if not token.is_punct and not token.is_space:
            found.append(token)
        if len(found) >= limit:
            break
    return found


def _nearby_noun(after: list[Token], verb_position: int) -> Token | None:
    """The last noun before the verb ("'...,' the official said") or after it ("said Santos")."""
    nouns = ("NOUN", "PROPN", "PRON")
    between = [t for t in after[:verb_position] if t.pos_ in nouns]
    if between:
        return between[-1]
    following: list[Token] = []
    for token in after[verb_position + 1 :]:
        if token.pos_ in nouns or (following and token.pos_ in ("DET", "ADJ")):
            following.append(token)
        elif following or token.pos_ not in ("DET", "ADJ"):
            break
    return following[-1] if following else None


def _is_reporting(token: Token, verbs: ReportingVerbs) -> bool:
    """Whether the token is a verb of the reporting list."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in verbs


def _reports(verb: Token, via: Token, verbs: ReportingVerbs) -> bool:
    """Whether the verb reports the words reached through its dependent `via`."""
    if not _is_reporting(verb, verbs):
        return False
    if verb.lemma_.lower() not in verbs.complement_only:
        return True
    if via.dep_ == "prep":
        return via.lower_ in COMPLEMENT_PREPOSITIONS
    return via.dep_ in COMPLEMENT_DEPS


def _speaker_of(verb: Token, inside: frozenset[int], verbs: ReportingVerbs) -> Token | None:
    """The token heading who speaks through the verb, or None."""
    for _ in range(MAX_CLIMB):
        head = _direct_speaker(verb, inside)
        if head is not None:
            return head
        reporting = _reporting_ancestor(verb, verbs)
        if reporting is not None:  # "X said Moscow is ready, saying ..." speaks for X
            verb = reporting
            continue
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head if verb.head.i not in inside else None  # "a statement saying"
        if verb.dep_ not in CLIMBING_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
        if verb.dep_ == "prep" and verb.head.i != verb.i:  # "by saying", "after adding"
            verb = verb.head
    return None


def _reporting_ancestor(verb: Token, verbs: ReportingVerbs) -> Token | None:
    """The nearest reporting verb above a subjectless verb, when it is a plain reporting verb."""
    for above in verb.ancestors:
        if _is_reporting(above, verbs) and above.lemma_.lower() not in verbs.complement_only:
            return above
    return None


def _direct_speaker(verb: Token, inside: frozenset[int]) -> Token | None:
    """The subject of the verb itself, the object of "quote", or the noun after "said"."""
    children = [c for c in verb.children if c.i not in inside]
    if verb.lemma_.lower() == "quote":
        for child in children:
            if child.dep_ in ("dobj", "nsubjpass"):
                return child
    subjects = [c for c in children if c.dep_ in SUBJECT_DEPS and c.dep_ != "nsubjpass"]
    if subjects:  # "Now the prime minister, Medvedev told": the nearest subject
        subject = min(subjects, key=lambda c: abs(verb.i - c.i))
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return subject
    for child in children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if inside and max(inside) < verb.i:  # "'...,' said the spokesman"
        for child in children:
            if child.dep_ in ("dobj", "attr", "npadvmod", "nsubjpass") and child.i > verb.i:
                return child
    return _noun_before(verb, inside)


def _noun_before(verb: Token, inside: frozenset[int]) -> Token | None:
    """The noun phrase right before a finite verb the parser left without subject.

    "White House spokesman Josh Earnest told" where "Earnest" hangs on an earlier "to":
    the head is climbed to within its own phrase, never across a comma or a line break.
    """
    if verb.tag_ not in FINITE_TAGS:
        return None
    i = verb.i - 1
    while i >= 0 and verb.doc[i].pos_ in ("ADV", "AUX", "PART") and verb.doc[i].dep_ != "nsubj":
        i -= 1
    if i < 0 or i in inside or verb.doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    token = verb.doc[i]
    while token.dep_ in NOUN_PHRASE_DEPS and token.head.i < token.i:
        gap = token.doc[token.head.i + 1 : token.i]
        if any(t.is_punct or "\n" in t.text for t in gap) or token.head.i in inside:
            break
        token = token.head
    return token if token.pos_ in ("NOUN", "PROPN") else None
