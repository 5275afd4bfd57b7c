"""Attribution: who the text says reports an event ("the White House said", "according to X").

`attribution(trigger, mentions)` climbs from the trigger through the words that govern it,
nearest first, and takes the first source it meets:

- an "according to X" on the trigger or a governing word;
- a parenthetical reporting verb hanging from one of them ("Obama, the White House said,
  called Putin");
- a governing reporting verb ("the Kremlin said in a statement that ...", "X told reporters
  that ...", "..., state media reported"), whose subject is the source (for "quote" and
  "cite", its object: "Interfax quoted the ministry as saying"; in the passive, the agent).
  A reporting verb reached through its own subject attributes nothing ("the man who
  attacked the village said ...": the attack is not what he says), and the trigger is
  never its own attribution (the trigger "said" is the saying, not a report of it).

A statement or report as source gives way to its author when the text names one ("a
statement released by the army", "the Kremlin's statement", "a police statement"). The
source words are the source's phrase without relative clauses and appositions; when one of
the document's mentions covers the phrase's head word, that mention's text is returned
instead. Reporting words are data (`data/events/reporting_verbs.tsv`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

from spacy.tokens import Token

from eventwire.events.context_data import check_value, read_rows
from eventwire.records import Mention

LOGGER = logging.getLogger(__name__)

REPORTING_FILE = "reporting_verbs.tsv"
SOURCES = frozenset({"subject", "object", "document"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# A reporting verb's objects are what it reports on, not reports of ("confirmed their
# interest": the interest is not attributed to whoever confirmed it).
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
# Words that can name a source.
NAMING = frozenset({"NOUN", "PROPN", "PRON"})
# Parts of a source's phrase that are not the source's name.
FOREIGN_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "appos", "parataxis", "punct", "case"})
# Pronouns that stand for no one in particular ("it was reported").
EMPTY_SUBJECTS = frozenset({"it", "there"})
MAX_STEPS = 16


@lru_cache(maxsize=1)
def load_reporting_words() -> Mapping[str, tuple[str, ...]]:
    """Each reporting lemma with where its source sits (subject, object or document)."""
    entries: dict[str, list[str]] = {}
    for lemma, source in read_rows(REPORTING_FILE, ("lemma", "source")):
        check_value(source, SOURCES, REPORTING_FILE, "source")
        entries.setdefault(lemma.lower(), []).append(source)
    return MappingProxyType({lemma: tuple(sources) for lemma, sources in entries.items()})


def source_kind(token: Token) -> str | None:
    """`subject` or `object` for a reporting verb, else None."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    kinds = load_reporting_words().get(token.lemma_.lower(), ())
    return next((kind for kind in kinds if kind in ("subject", "object")), None)


def is_reporting_verb(token: Token) -> bool:
    """Whether a token is a verb that reports what others say ("said", "told", "quoted")."""
    return source_kind(token) is not None


def is_document(token: Token) -> bool:
    """Whether a noun names a statement or report ("statement", "communique")."""
    return "document" in load_reporting_words().get(token.lemma_.lower(), ())


def attribution(trigger: Token, mentions: Sequence[Mention]) -> str | None:
    """The words naming who the text says reports the trigger's event, or None."""
    source = source_of(trigger)
    if source is None:
        return None
    tokens = source_tokens(source)
    LOGGER.debug("%r attributed to %r", trigger.text, source.text)
    return covering_mention(source, mentions) or span_text(tokens)


def source_of(trigger: Token) -> Token | None:
    """The head word of the trigger's source, climbing from the trigger."""
    node, child = trigger, trigger
    for _ in range(MAX_STEPS):
        found = according_to(node) or parenthetical_source(node, trigger)
        if found is not None:
            return found
        if node.i != trigger.i and is_reporting_verb(node):
            if child.dep_ in SUBJECTS:
                return None
            found = reporter(node) if child.dep_ not in OBJECTS else None
            if found is not None:
                return found
        if node.head.i == node.i:
            return None
        node, child = node.head, node
    return None


def according_to(node: Token) -> Token | None:
    """The source of an "according to X" hanging from the node."""
    for child in node.children:
        if child.lower_ != "according":
            continue
        for to in child.children:
            if to.lower_ == "to":
                objects = [obj for obj in to.children if obj.dep_ == "pobj"]
                if objects:
                    return author_of(objects[0])
    return None


def parenthetical_source(node: Token, trigger: Token) -> Token | None:
    """The source of a reporting verb set in parentheses beside the node ("X, officials said,")."""
    for child in node.children:
        if child.dep_ == "parataxis" and child.i != trigger.i and is_reporting_verb(child):
            found = reporter(child)
            if found is not None:
                return found
    return None


def reporter(verb: Token) -> Token | None:
    """The source of a reporting verb: its subject (object for "quote"), or passive agent.

    When the parse splits one name into two subjects ("news agency ISNA said"), the last
    stands for the source and `source_tokens` takes in the others.
    """
    deps = ("nsubj",) if source_kind(verb) == "subject" else ("dobj", "nsubjpass")
    found = [
        child
        for child in verb.children
        if child.dep_ in deps and child.lower_ not in EMPTY_SUBJECTS
    ]
    if found:
        return author_of(found[-1])
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [obj for obj in child.children if obj.dep_ == "pobj"]
            if objects:
                return author_of(objects[0])
    return None


def author_of(source: Token) -> Token | None:
    """The author of a statement or report when the text names one, else the source itself."""
    if source.pos_ not in NAMING:
        return None  # a number or a time read as a subject: a misparse, not a source
    if not is_document(source):
        return source
    for child in source.children:
        if child.dep_ in ("poss", "compound") and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            objects = [obj for obj in child.children if obj.dep_ == "pobj"]
            if objects:
                return objects[0]
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    objects = [obj for obj in agent.children if obj.dep_ == "pobj"]
                    if objects:
                        return objects[0]
    return source


def source_tokens(source: Token) -> list[Token]:
    """The source's phrase, with the split-off subjects before it ("news agency" of "ISNA")."""
    tokens = phrase_tokens(source)
    if source.dep_ in SUBJECTS:
        for sibling in source.head.children:
            if sibling.dep_ == source.dep_ and sibling.i < source.i:
                tokens.extend(phrase_tokens(sibling))
    return sorted(tokens, key=lambda token: token.i)


def phrase_tokens(head: Token) -> list[Token]:
    """The words of the source's phrase, without clauses and appositions set off by commas."""
    tokens = [head]
    for child in head.children:
        if child.dep_ not in FOREIGN_DEPS or is_close_name(head, child):
            tokens.extend(phrase_tokens(child))
    return sorted(tokens, key=lambda token: token.i)


def is_close_name(head: Token, child: Token) -> bool:
    """Whether an apposition is a name written on to its noun ("news agency ISNA")."""
    if child.dep_ != "appos" or child.pos_ != "PROPN":
        return False
    first, last = sorted((head.i, child.i))
    return not any(token.is_punct for token in head.doc[first:last])


def span_text(tokens: Sequence[Token]) -> str:
    """The document text from the first to the last token, trimmed of punctuation."""
    words = [token for token in tokens if not token.is_punct]
    if not words:
        return tokens[0].text
    doc = words[0].doc
    return doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]


def covering_mention(head: Token, mentions: Sequence[Mention]) -> str | None:
    """The text of the mention that covers the source's head word, the longest if several."""
    start, end = head.idx, head.idx + len(head.text)
    covering = [m for m in mentions if m.start <= start and end <= m.end]
    if not covering:
        return None
    return max(covering, key=lambda mention: mention.end - mention.start).text
