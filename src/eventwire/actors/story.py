"""The country a story is about near each sentence: where an unqualified group belongs.

"The police", "the protesters", "the president" with no country in their words belong, in
news, to the country the report tells of. That country is read from the country words of the
document, each weighted by how near it stands (same sentence, the nearer the more; sentence
before; elsewhere),
with the dateline counted as a mention. A story split between countries gives none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from eventwire.actors.cues import StoryCues
from eventwire.actors.gazetteer import Hit
from eventwire.actors.sentences import Sentences

COUNTRY_KINDS = frozenset({"country", "adjective", "demonym", "capital", "metonym"})


@dataclass(frozen=True)
class StoryCountry:
    """The story's country near a sentence and the share of the weight it holds."""

    code: str
    share: float

    def confidence(self, base: float) -> float:
        """A confidence from `base`, lower when the leading country holds less of the weight."""
        return base * (0.5 + 0.5 * self.share)


@dataclass(frozen=True)
class Story:
    """The country words of each sentence (token, country), and the document's counts of them
    (the dateline and the first country word of the text counted more: where the story is told
    from, and whom its headline or lead names first)."""

    by_sentence: tuple[tuple[tuple[int, str], ...], ...]
    total: Mapping[str, float]
    dateline: str | None
    cues: StoryCues

    def country_near(self, sentence: int, token: int) -> StoryCountry | None:
        """The country leading the weighted votes around token `token` of sentence `sentence`."""
        cues = self.cues
        scores: Counter[str] = Counter()
        mentions = sum(self.total.values())
        for code, n in self.total.items():
            scores[code] += cues.document * n / mentions
        if 0 < sentence <= len(self.by_sentence):
            for _, code in self.by_sentence[sentence - 1]:
                scores[code] += cues.previous
        if 0 <= sentence < len(self.by_sentence):
            for i, code in self.by_sentence[sentence]:
                scores[code] += cues.sentence / (1.0 + abs(i - token) / cues.sentence_reach)
        ranked = scores.most_common(2)
        weight = sum(scores.values())
        if not ranked or weight <= 0:
            return None
        code, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        if top < cues.lead_share * weight or top < cues.margin * second or top == second:
            return None
        return StoryCountry(code, top / weight)


def build_story(
    hits: Sequence[Hit],
    sentences: Sentences,
    dateline: str | None,
    dateline_span: tuple[int, int] | None,
    cues: StoryCues,
) -> Story:
    """The story of a document from its knowledge hits (the dateline's own city not counted)."""
    by_sentence: list[list[tuple[int, str]]] = [[] for _ in sentences.spans]
    for hit in hits:
        if dateline_span is not None and dateline_span[0] <= hit.start_char < dateline_span[1]:
            continue
        code = country_of(hit)
        if code is not None:
            by_sentence[sentences.number(hit.start)].append((hit.start, code))
    total: Counter[str] = Counter()
    for words in by_sentence:
        total.update(code for _, code in words)
    first = next((words[0][1] for words in by_sentence if words), None)
    if first is not None:
        total[first] += cues.lead
    if dateline is not None:
        total[dateline] += cues.dateline
    return Story(
        tuple(tuple(words) for words in by_sentence),
        MappingProxyType(dict(total)),
        dateline,
        cues,
    )


def country_of(hit: Hit) -> str | None:
    """The country a hit names (its first country reading), if it names one."""
    for entry in hit.entries:
        if entry.kind in COUNTRY_KINDS and entry.code:
            return entry.code
    return None
