"""Direct quotations of a document with their speakers, resolved to actors through mentions.

Rules, in the order they apply to each quotation (a group of paragraph parts):
- a quotation attributed by its sentence keeps that speaker, however short it is
  ("called the expulsion 'unjustified'", "wished Obama success in 'forming a new team'");
- a quotation that opens a sentence and has no reporting verb continues the speaker of the
  quotation just before it, in the same or the previous paragraph ("'...,' he said. '...'");
  so does the second part of a split quotation ("'...,' he said, '...'");
- a speaker that is a pronoun is the coreference mention the actor resolver gave for it,
  or else the nearest earlier speaker or subject that fits the pronoun (he/she: a person;
  it: a singular non-person; they: a plural or an organisation);
- an unattributed quotation inside a sentence is a scare quote and is skipped, and so is
  any quotation after "so-called"; one that opens its sentence is kept without speaker
  when it has at least four words.
Split quotations and quotations over several paragraphs give one `Quote` per part, each
with its own offsets (`document.text[start:end] == text`) and the same speaker: a joined
text could not point at the characters it came from.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from spacy.tokens import Doc, Span, Token

from eventwire.quotes.lexicon import QuoteLexicon, packaged_lexicon
from eventwire.quotes.marks import ALL_MARKS, QuotationSpan, find_quotation_spans
from eventwire.quotes.speakers import (
    SpeakerCue,
    find_speaker_cue,
    named_head,
    quotation_tokens,
    speaker_phrase,
)
from eventwire.records import Document, EventActor, Mention, Quote

LOGGER = logging.getLogger(__name__)

# Below this many words, an unattributed quotation that opens its sentence is more likely
# a headline's scare quote than a quotation whose speaker the text forgot to name.
MIN_UNATTRIBUTED_WORDS = 4
# How many sentences back a pronoun may look for what it refers to.
PRONOUN_SENTENCES_BACK = 4
# How many clauses up a pronoun subject may look for the subject that reports it.
BINDING_STEPS = 3
# How many paragraphs later a quotation without reporting verb may continue a speaker.
CONTINUATION_PARAGRAPHS = 1
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
THING_PRONOUNS = frozenset({"it"})
GROUP_PRONOUNS = frozenset({"they", "them"})
SENTENCE_ENDS = ".!?\u2026"
DEFINITE_WORDS = frozenset({"the", "this", "that"})
NON_PERSON_ENTITIES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "LAW"})
SCARE_WORDS = ("so-called", "so called", "dubbed", "the word", "the term")


@dataclass(frozen=True)
class _Speaker:
    """Who speaks: the actor when a mention names it, the words, and what a pronoun can fit."""

    actor: EventActor | None
    text: str
    person: bool | None  # None: a name of unknown kind
    plural: bool
    lemma: str = ""  # lemma of the head word, for "the statement" after "a police statement"


@dataclass(frozen=True)
class _Attributed:
    """A quotation group with its speaker, kept for the quotations after it."""

    spans: tuple[QuotationSpan, ...]
    speaker: _Speaker | None
    verb_end: int | None  # end offset of the reporting verb, when one was found


@dataclass(frozen=True)
class _Context:
    """What the rules read about one document."""

    document: Document
    parsed: Doc | None
    mentions: Sequence[Mention]
    lexicon: QuoteLexicon
    quoted: frozenset[int]  # tokens inside any quotation


def extract_quotes(
    document: Document,
    parsed: Doc,
    mentions: Sequence[Mention],
    lexicon: QuoteLexicon | None = None,
) -> list[Quote]:
    """The direct quotations of a document, in order, each with its speaker when found."""
    spans = find_quotation_spans(document.text)
    if not spans:
        return []
    usable = _usable_parse(document, parsed)
    quoted = frozenset(i for s in spans for i in quotation_tokens(usable, s)) if usable else None
    context = _Context(
        document, usable, mentions, lexicon or packaged_lexicon(), quoted or frozenset()
    )
    done: list[_Attributed] = []
    quotes: list[Quote] = []
    for _, parts in groupby(spans, key=lambda s: s.group):
        group = tuple(parts)
        if _so_called(document.text, group[0]):
            LOGGER.debug("skipped so-called quotation at %d", group[0].start)
            continue
        attributed = _attribute(context, group, done)
        if attributed.speaker is None and not _keep_unattributed(document.text, group):
            LOGGER.debug("skipped unattributed quotation at %d", group[0].start)
            continue
        done.append(attributed)
        quotes.extend(_quote(document, span, attributed.speaker) for span in group)
    return quotes


def _usable_parse(document: Document, parsed: Doc | None) -> Doc | None:
    """The parse when it covers the document text with dependencies; None with a reason."""
    if parsed is None:
        return None
    if parsed.text != document.text:
        LOGGER.warning("quotes of %s: the parse is not of this text; no speakers", document.doc_id)
        return None
    if not parsed.has_annotation("DEP"):
        LOGGER.warning("quotes of %s: the parse has no dependencies; no speakers", document.doc_id)
        return None
    return parsed


def _attribute(
    context: _Context, group: tuple[QuotationSpan, ...], done: Sequence[_Attributed]
) -> _Attributed:
    """The speaker of a quotation group: its own cue, else the speaker it continues."""
    if context.parsed is not None:
        for span in group:
            inside = quotation_tokens(context.parsed, span)
            cue = find_speaker_cue(context.parsed, inside, context.lexicon.verbs)
            if cue is not None:
                speaker = _resolve(context, cue, inside, done)
                verb_end = _token_end(context.parsed, cue.verb)
                return _Attributed(group, speaker, verb_end)
    previous = _continued(context.document.text, group, done)
    if previous is not None:
        return _Attributed(group, previous.speaker, None)
    return _Attributed(group, None, None)


def _continued(
    text: str, group: tuple[QuotationSpan, ...], done: Sequence[_Attributed]
) -> _Attributed | None:
    """The quotation this one continues: just before it, nearby, with a speaker."""
    if not done or done[-1].speaker is None:
        return None
    previous = done[-1]
    last, first = previous.spans[-1], group[0]
    if first.paragraph - last.paragraph > CONTINUATION_PARAGRAPHS:
        return None
    split = previous.verb_end is not None and last.outer_end <= previous.verb_end <= first.open_mark
    if split and "\n" not in text[last.outer_end : first.open_mark]:
        return previous
    return previous if _opens_sentence(text, first) else None


def _opens_sentence(text: str, span: QuotationSpan) -> bool:
    """Whether the quotation's opening mark begins a paragraph or a sentence."""
    before = text[: span.open_mark].rstrip(" \t\u00a0")
    if not before or before.endswith("\n"):
        return True
    stripped = before.rstrip(ALL_MARKS)
    return before[-1] in SENTENCE_ENDS or (stripped != before and stripped[-1:] in SENTENCE_ENDS)


def _so_called(text: str, span: QuotationSpan) -> bool:
    """Whether the quotation follows "so-called": the writer's distance, nobody's words."""
    before = " ".join(text[max(0, span.open_mark - 12) : span.open_mark].lower().split())
    return before.endswith(SCARE_WORDS)


def _keep_unattributed(text: str, group: tuple[QuotationSpan, ...]) -> bool:
    """Whether a quotation without speaker is still worth keeping: a long one opening a sentence."""
    words = sum(len(text[s.start : s.end].split()) for s in group)
    return _opens_sentence(text, group[0]) and words >= MIN_UNATTRIBUTED_WORDS


def _resolve(
    context: _Context, cue: SpeakerCue, inside: frozenset[int], done: Sequence[_Attributed]
) -> _Speaker | None:
    """The speaker the cue's head token names, pronouns resolved."""
    parsed = context.parsed
    assert parsed is not None
    head = parsed[cue.head]
    if head.lower_ in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS:
        return _pronoun_speaker(context, head, done)
    return _phrase_speaker(context, named_head(head), inside, done)


def _earlier_same(speaker: _Speaker, head: Token, done: Sequence[_Attributed]) -> _Speaker | None:
    """The earlier speaker a definite phrase without actor repeats ("the statement")."""
    first = head.doc[head.left_edge.i]
    if speaker.actor is not None or first.lower_ not in DEFINITE_WORDS:
        return None
    for attributed in reversed(done):
        earlier = attributed.speaker
        if earlier is not None and earlier.lemma == speaker.lemma and earlier is not speaker:
            return earlier
    return None


def _phrase_speaker(
    context: _Context, head: Token, outside: frozenset[int], done: Sequence[_Attributed]
) -> _Speaker:
    """The speaker named by a noun phrase, with the mention that covers it."""
    start, end = speaker_phrase(head, outside)
    titled = head.lemma_.lower() in context.lexicon.person_nouns
    index = _mention_for(context.mentions, head, start, end, titled)
    actor = _actor(context.mentions, index) if index is not None else None
    mention = context.mentions[index] if index is not None else None
    speaker = _Speaker(
        actor,
        context.document.text[start:end],
        _is_person(context, head, mention),
        head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children),
        head.lemma_.lower(),
    )
    return _earlier_same(speaker, head, done) or speaker


def _pronoun_speaker(context: _Context, pronoun: Token, done: Sequence[_Attributed]) -> _Speaker:
    """A pronoun speaker: the subject it is bound to, its coreference mention, or an earlier one."""
    bound = _binding_subject(pronoun, context.quoted)
    if bound is not None:
        speaker = _phrase_speaker(context, named_head(bound), context.quoted, done)
        if _fits(pronoun, speaker):
            return speaker
    index = _mention_for(context.mentions, pronoun, pronoun.idx, pronoun.idx + len(pronoun))
    if index is not None:
        mention = context.mentions[index]
        words = _antecedent_words(context.mentions, mention)
        person = mention.kind == "person"
        plural = mention.kind == "group"
        return _Speaker(_actor(context.mentions, index), words, person, plural, pronoun.lower_)
    found = _antecedent(context, pronoun, done)
    if found is not None:
        return found
    LOGGER.debug("pronoun speaker %r at %d left unresolved", pronoun.text, pronoun.idx)
    plural = pronoun.lower_ in GROUP_PRONOUNS
    return _Speaker(None, pronoun.text, pronoun.lower_ in PERSON_PRONOUNS, plural)


def _binding_subject(pronoun: Token, quoted: frozenset[int]) -> Token | None:
    """The subject of the clause that reports the pronoun's clause ("Medvedev said he...")."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = pronoun.head
    for _ in range(BINDING_STEPS):
        if clause.dep_ not in ("ccomp", "acomp", "xcomp") or clause.head.i == clause.i:
            return None
        clause = clause.head
        subjects = [
            c
            for c in clause.children
            if c.dep_ == "nsubj" and c.pos_ != "PRON" and c.i < pronoun.i and c.i not in quoted
        ]
        if subjects:
            return subjects[0]
    return None


def _antecedent(context: _Context, pronoun: Token, done: Sequence[_Attributed]) -> _Speaker | None:
    """The nearest fitting speaker or subject before the pronoun, in its sentence or earlier."""
    parsed = context.parsed
    assert parsed is not None
    sentences = list(parsed.sents)
    here = next(n for n, s in enumerate(sentences) if s.start <= pronoun.i < s.end)
    current = sentences[here]
    spans = [parsed[current.start : pronoun.i]]
    spans += reversed(sentences[max(0, here - PRONOUN_SENTENCES_BACK) : here])
    for span in spans:
        for candidate in _candidates(context, span, done):
            if _fits(pronoun, candidate):
                return candidate
    return None


def _candidates(context: _Context, span: Span, done: Sequence[_Attributed]) -> list[_Speaker]:
    """Speakers of quotations ending in a stretch of text, latest first, then its subjects."""
    start, end = span.start_char, span.end_char
    speakers = [
        a.speaker
        for a in reversed(done)
        if a.speaker is not None and start <= a.spans[-1].end <= end
    ]
    subjects = [
        t
        for t in span
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON" and t.i not in context.quoted
    ]
    subjects.sort(key=lambda t: (len(list(t.ancestors)), abs(t.head.i - t.i)))
    named = [_phrase_speaker(context, named_head(t), context.quoted, done) for t in subjects]
    return speakers + named


def _fits(pronoun: Token, candidate: _Speaker) -> bool:
    """Whether a pronoun can refer to a candidate speaker."""
    word = pronoun.lower_
    if word in PERSON_PRONOUNS:
        return candidate.person is not False and not candidate.plural
    if word in THING_PRONOUNS:
        return candidate.person is False and not candidate.plural
    return candidate.plural or candidate.person is False


def _is_person(context: _Context, head: Token, mention: Mention | None) -> bool | None:
    """Whether a speaker phrase names a person; None for a name of unknown kind."""
    if mention is not None and mention.kind:
        return mention.kind == "person"
    if head.ent_type_ == "PERSON":
        return True
    titles = [c for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i]
    if any(t.lemma_.lower() in context.lexicon.person_nouns for t in [head, *titles]):
        return True  # "Mayor Ines Calder", "spokesman Dmitri Peskov", "a senior official"
    if head.ent_type_ in NON_PERSON_ENTITIES:
        return False
    return None if head.pos_ == "PROPN" else False


def _mention_for(
    mentions: Sequence[Mention], head: Token, start: int, end: int, titled: bool = False
) -> int | None:
    """The smallest mention covering the head token, else one among the head's modifiers.

    "Iran's top general" without a mention of the general is Iran's; "the governor of the
    Western province of Rwanda" is Rwanda's when the head is a person noun (`titled`); "the
    governor's criticism of Russia" is nobody's.
    """
    covering = [(m.end - m.start, i) for i, m in enumerate(mentions) if m.start <= head.idx < m.end]
    if covering:
        return min(covering)[1]
    limit = end if titled else head.idx
    inside = [i for i, m in enumerate(mentions) if start <= m.start and m.end <= limit]
    return inside[0] if inside else None


def _antecedent_words(mentions: Sequence[Mention], mention: Mention) -> str:
    """The words a coreference mention refers back to, or its own words."""
    seen = 0
    while mention.antecedent is not None and 0 <= mention.antecedent < len(mentions) and seen < 10:
        mention = mentions[mention.antecedent]
        seen += 1
    return mention.text


def _actor(mentions: Sequence[Mention], index: int) -> EventActor:
    """The speaker actor made from a mention."""
    m = mentions[index]
    return EventActor(m.text, m.start, m.end, m.country, m.sector, m.name, m.actor_id, index)


def _token_end(parsed: Doc, index: int | None) -> int | None:
    """The end offset of a token, or None."""
    if index is None:
        return None
    token = parsed[index]
    return token.idx + len(token)


def _quote(document: Document, span: QuotationSpan, speaker: _Speaker | None) -> Quote:
    """The record of one quotation part."""
    return Quote(
        doc_id=document.doc_id,
        start=span.start,
        end=span.end,
        text=document.text[span.start : span.end],
        speaker=speaker.actor if speaker else None,
        speaker_text=speaker.text if speaker else None,
    )
