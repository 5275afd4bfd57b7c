"""Quotations found in the 3 example articles and the 20 development articles, against gold.

Run from the repository root: `python benchmarks/quotes_dev.py [path/to/shared] [-v]`.
The articles are read where they are kept (`../shared/data`); nothing is copied.

A gold quotation `{speaker, starts}` is found when its first words are a prefix of an
extracted quotation's text, once quote marks, case and spacing are folded. Its speaker is
right when the gold speaker's surname (last word) appears in the speaker's resolved name
or words, or the other way round. Mentions come from the actor resolver when it exists
(`eventwire.actors.resolve.resolve_actors`); without it speakers are words only. Quotations
extracted but not in gold are listed: the gold lists may be incomplete.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eventwire.nlp import load_pipeline
from eventwire.quotes import extract_quotes
from eventwire.records import Document, Mention, Quote

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
MARKS = re.compile(r"[\"'\u2018\u2019\u201c\u201d\u201e\u201f]")
STOP_WORDS = frozenset({"the", "a", "an", "of", "s", "u", "said"})

Resolver = Callable[[Document, Any], Sequence[Mention]]


def fold(text: str) -> str:
    """Text with quote marks dropped, case lowered and spaces squeezed."""
    return " ".join(MARKS.sub("", text).lower().split())


def load_gold(shared: Path) -> dict[str, list[dict[str, str]]]:
    """Gold quotations by document id."""
    data = shared / "data"
    files = [data / "gold" / "articles.docs.jsonl", *sorted((data / "dev").glob("docs_*.jsonl"))]
    gold: dict[str, list[dict[str, str]]] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                gold[row["doc"]] = row.get("quotes", [])
    return gold


def article_paths(shared: Path) -> list[Path]:
    """The 3 example articles and the 20 development articles."""
    data = shared / "data"
    return sorted((data / "articles").glob("*.txt")) + sorted(
        (data / "dev" / "articles").glob("*.txt")
    )


def actor_resolver() -> Resolver | None:
    """The actor resolver, when that stage exists yet."""
    try:
        from eventwire.actors.knowledge import packaged_knowledge
        from eventwire.actors.resolve import resolve_actors
    except ImportError:
        return None
    knowledge = packaged_knowledge()
    return lambda document, parsed: resolve_actors(document, parsed, knowledge)


def speaker_words(quote: Quote) -> str:
    """Everything the output says about who spoke, folded."""
    parts = [quote.speaker_text or ""]
    if quote.speaker is not None:
        parts += [quote.speaker.name or "", quote.speaker.text]
    return fold(" ".join(parts))


def speaker_right(gold_speaker: str, quote: Quote) -> bool:
    """Whether the extracted speaker names the gold speaker.

    Right when the gold speaker's last word appears in what the output says about the
    speaker, or any word of a gold name written in capitals ("Thaksin" for "Thaksin
    Shinawatra"), or the gold name's initials ("IMF"), or the resolved name's last word
    appears in the gold speaker.
    """
    said = set(re.findall(r"\w+", speaker_words(quote)))
    raw_words = gold_speaker.replace("-", " ").split()
    gold_words = [w for w in re.findall(r"\w+", fold(gold_speaker)) if w not in STOP_WORDS]
    if not said or not gold_words:
        return False
    if gold_words[-1] in said:
        return True
    if all(w[:1].isupper() for w in raw_words):
        if any(fold(w) in said for w in raw_words if fold(w) not in STOP_WORDS):
            return True
        if "".join(w[0] for w in raw_words).lower() in said:
            return True
    name = fold(quote.speaker.name) if quote.speaker and quote.speaker.name else ""
    return bool(name) and name.split()[-1] in gold_words


def score_document(
    doc_id: str, quotes: list[Quote], gold: list[dict[str, str]], verbose: bool
) -> dict[str, int]:
    """Found, right-speaker and extra counts of one document, with its misses printed."""
    counts = {"gold": len(gold), "found": 0, "speaker": 0, "extracted": len(quotes), "extra": 0}
    matched: set[int] = set()
    for item in gold:
        hits = [i for i, q in enumerate(quotes) if fold(q.text).startswith(fold(item["starts"]))]
        if not hits:
            print(f"  MISS   {doc_id}: {item['starts'][:50]!r} ({item['speaker']})")
            continue
        counts["found"] += 1
        matched.update(hits)
        quote = quotes[hits[0]]
        if speaker_right(item["speaker"], quote):
            counts["speaker"] += 1
            if verbose:
                print(f"  ok     {doc_id}: {quote.text[:50]!r} -> {describe(quote)}")
        else:
            print(
                f"  WRONG  {doc_id}: {item['starts'][:40]!r} gold {item['speaker']!r}, "
                f"got {describe(quote)}"
            )
    for i, quote in enumerate(quotes):
        if i not in matched:
            counts["extra"] += 1
            print(f"  EXTRA  {doc_id}: {quote.text[:50]!r} -> {describe(quote)}")
    return counts


def describe(quote: Quote) -> str:
    """The speaker of a quote in a few words."""
    if quote.speaker is None:
        return f"{quote.speaker_text!r} (no actor)"
    s = quote.speaker
    return f"{quote.speaker_text!r} = {s.name or s.text} [{s.country} {s.sector}]"


def main(argv: list[str] | None = None) -> int:
    """Score every article and print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("-v", "--verbose", action="store_true", help="list matched quotes too")
    parser.add_argument("--no-actors", action="store_true", help="do not use the actor resolver")
    args = parser.parse_args(argv)
    if not (args.shared / "data").is_dir():
        print(f"no shared data at {args.shared}", file=sys.stderr)
        return 2
    gold = load_gold(args.shared)
    resolver = None if args.no_actors else actor_resolver()
    print(f"actor resolver: {'yes' if resolver else 'no (speakers are words only)'}")
    nlp = load_pipeline()
    totals = {"gold": 0, "found": 0, "speaker": 0, "extracted": 0, "extra": 0}
    example = dict(totals)
    seconds = 0.0
    for path in article_paths(args.shared):
        text = path.read_text(encoding="utf-8")
        document = Document(path.stem, text, "", str(path))
        parsed = nlp(text)
        mentions = resolver(document, parsed) if resolver else []
        started = time.perf_counter()
        quotes = extract_quotes(document, parsed, mentions)
        seconds += time.perf_counter() - started
        counts = score_document(path.stem, quotes, gold.get(path.stem, []), args.verbose)
        print(
            f"{path.stem:22} gold {counts['gold']:2}  found {counts['found']:2}  "
            f"speaker {counts['speaker']:2}  extra {counts['extra']:2}"
        )
        for key, value in counts.items():
            totals[key] += value
            if path.parent.name == "articles" and path.parent.parent.name == "data":
                example[key] += value
    for label, t in (("example articles", example), ("all 23 articles", totals)):
        print(
            f"{label}: quote recall {t['found']}/{t['gold']} = {t['found'] / max(t['gold'], 1):.2f}"
            f", speaker right {t['speaker']}/{t['gold']} = {t['speaker'] / max(t['gold'], 1):.2f}"
            f" of gold ({t['speaker']}/{t['found']} of found)"
            f", extracted {t['extracted']}, not in gold {t['extra']}"
        )
    print(
        f"extract_quotes time: {seconds * 1000:.0f} ms for {len(article_paths(args.shared))} docs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
