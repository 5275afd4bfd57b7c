"""Article text as HTML with spans highlighted: every piece of text escaped, never raw.

Spans (actor mentions, event evidence, quotes) may overlap or nest. The text is cut at
every span boundary; each piece is escaped and wrapped in one `<mark>` naming the kinds
of the spans that cover it, so overlapping spans never produce broken markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

KINDS = ("mention", "event", "quote", "cited")


@dataclass(frozen=True)
class Span:
    """Characters `start:end` of a text, of one kind, with a tooltip."""

    start: int
    end: int
    kind: str
    label: str = ""


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """The text as escaped HTML, with `<mark>` around the pieces that spans cover."""
    kept = [s for s in (_clamped(s, len(text)) for s in spans) if s is not None]
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    pieces: list[str] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in kept if s.start <= left and right <= s.end]
        pieces.append(_piece(text[left:right], covering, left))
    return Markup("".join(pieces))


def split_at(sentence: str, start: int, end: int) -> list[str]:
    """A sentence cut into before, evidence and after, by offsets within the sentence."""
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    return [sentence[:start], sentence[start:end], sentence[end:]]


def with_parts(report: dict[str, Any]) -> dict[str, Any]:
    """A report of an event with its sentence cut at the evidence, as `parts`."""
    base = report["sentence_start"]
    parts = split_at(report["sentence"] or "", report["start"] - base, report["end"] - base)
    return {**report, "parts": parts}


def _clamped(span: Span, length: int) -> Span | None:
    """The span inside the text, or None when it is empty or of an unknown kind."""
    start, end = max(0, span.start), min(length, span.end)
    if start >= end or span.kind not in KINDS:
        return None
    return Span(start, end, span.kind, span.label)


def _piece(words: str, covering: Sequence[Span], at: int) -> str:
    """One escaped piece of text, marked when spans cover it."""
    if not covering:
        return str(escape(words))
    kinds = " ".join(k for k in KINDS if any(s.kind == k for s in covering))
    labels = " · ".join(dict.fromkeys(s.label for s in covering if s.label))
    anchor = ' id="cited"' if any(s.kind == "cited" and s.start == at for s in covering) else ""
    return (
        f'<mark class="{kinds}"{anchor} title="{escape(labels)}" data-at="{at}">'
        f"{escape(words)}</mark>"
    )
