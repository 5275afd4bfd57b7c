"""Person names in a parsed document: runs of capitalised proper nouns, with name particles."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.actors.cues import Cues
from eventwire.actors.sentences import Sentences


@dataclass(frozen=True)
class NameRun:
    """A run of name words at tokens `start:end`; `text` as written, without spacing changes."""

    start: int
    end: int
    text: str
    person_entity: bool

    @property
    def words(self) -> list[str]:
        """The name's words, hyphenated parts kept together ("al-Thani")."""
        return self.text.split()


def find_names(
    parsed: Doc, sentences: Sentences, taken: Collection[int], cues: Cues
) -> list[NameRun]:
    """Every maximal run of name words outside the tokens `taken` by knowledge phrases."""
    runs: list[NameRun] = []
    i = 0
    while i < len(parsed):
        if i in taken or not _starts_name(parsed[i], cues):
            i += 1
            continue
        end = _run_end(parsed, i, sentences.of(i).end, taken, cues)
        span = parsed[i:end]
        person = any(t.ent_type_ == "PERSON" for t in span)
        runs.append(NameRun(i, end, span.text, person))
        i = end
    return runs


def _starts_name(token: Token, cues: Cues) -> bool:
    """A capitalised proper noun that may begin a name."""
    return (
        token.text[:1].isupper()
        and token.is_alpha
        and (token.tag_ in ("NNP", "NNPS") or token.ent_type_ == "PERSON")
        and (not token.is_upper or len(token) == 1 or token.ent_type_ == "PERSON")
        and token.ent_type_ not in cues.not_person_labels
        and not cues.time_word(token.text)
    )


def _run_end(parsed: Doc, start: int, sentence_end: int, taken: Collection[int], cues: Cues) -> int:
    """The token after the last word of the name starting at `start`."""
    end = start + 1
    while end < sentence_end and end not in taken and _continues(parsed, end, taken, cues):
        end += 1
    while end - 1 > start and (
        parsed[end - 1].text == "-" or parsed[end - 1].lower_ in cues.particles
    ):
        end -= 1
    return end


def _continues(parsed: Doc, i: int, taken: Collection[int], cues: Cues) -> bool:
    """Whether token `i` continues the name before it."""
    token = parsed[i]
    if _starts_name(token, cues) or token.text in cues.suffixes:
        return True
    if parsed[i - 1].text == "-" and not parsed[i - 1].whitespace_ and token.is_alpha:
        return True
    return _joins(parsed, i, cues) and i + 1 not in taken


def _joins(parsed: Doc, i: int, cues: Cues) -> bool:
    """A particle ("bin", "al") or a hyphen with no spaces, followed by more of the name."""
    token = parsed[i]
    if i + 1 >= len(parsed):
        return False
    following = parsed[i + 1]
    if token.text == "-":
        return not parsed[i - 1].whitespace_ and not token.whitespace_
    if token.lower_ in cues.particles:
        return (
            following.text[:1].isupper()
            or following.lower_ in cues.particles
            or (following.text == "-" and not token.whitespace_)
        )
    return False
