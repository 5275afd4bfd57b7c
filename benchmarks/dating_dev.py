"""Publication dates inferred from the development articles, checked against their gold dates.

Run from the repository root: `python benchmarks/dating_dev.py [path/to/shared]`.
The articles are read where they are kept (`../shared/data`); nothing is copied.
A date agrees when it is within the gold tolerance (day precision) or contains the gold
date (month and year precision). The target is zero wrong.

With `--probe-body` it also measures two rules `infer_published` does not use, to keep
the record of why: the newest date the body reports as past (outside the evidence the
module used), taken as the publication month, or as the publication year.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path

from eventwire.ingest.dating import infer_published
from eventwire.ingest.dating.mentions import find_mentions, future_context
from eventwire.records import PublishedDate

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
RECENT_WORDS = re.compile(
    r"\b(?:on|last|this|late|early)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|\bthis week\b|\byesterday\b|\btoday\b",
    re.IGNORECASE,
)


def load_gold(shared: Path) -> dict[str, tuple[str, int]]:
    """Gold publication date and tolerance in days, by document id."""
    data = shared / "data"
    files = [data / "gold" / "articles.docs.jsonl", *sorted((data / "dev").glob("docs_*.jsonl"))]
    gold = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                gold[row["doc"]] = (row["published"], int(row.get("published_tolerance_days", 0)))
    return gold


def article_paths(shared: Path) -> list[Path]:
    """The 3 example articles and the 20 development articles."""
    data = shared / "data"
    return sorted((data / "articles").glob("*.txt")) + sorted(
        (data / "dev" / "articles").glob("*.txt")
    )


def agrees(found: PublishedDate, gold: str, tolerance: int) -> bool:
    """Whether the inferred date is right at the precision it claims."""
    if found.precision == "day":
        gap = abs((date.fromisoformat(found.value) - date.fromisoformat(gold)).days)
        return gap <= tolerance
    return gold.startswith(found.value)


def body_probe(text: str, found: PublishedDate | None) -> dict[str, str | None]:
    """What the three rejected body rules would say about this text (None: no opinion)."""
    mentions = [
        m
        for m in find_mentions(text)
        if not future_context(text, m)
        and (found is None or found.start is None or not found.start <= m.start < found.end)
    ]
    dated = [m.earliest for m in mentions if m.precision != "year"]
    months = {d.strftime("%Y-%m") for d in dated}
    recent = len(months) == 1 and RECENT_WORDS.search(text) is not None
    return {
        "newest month": max(dated).strftime("%Y-%m") if dated else None,
        "newest year": str(max(m.earliest for m in mentions).year) if mentions else None,
        "one month + recent words": months.pop() if recent else None,
    }


def main(shared: Path, probe: bool) -> int:
    """Print one line per article and a summary; exit status 1 when any date is wrong."""
    gold = load_gold(shared)
    inferred = wrong = 0
    probes: dict[str, list[bool]] = {}
    paths = article_paths(shared)
    for path in paths:
        doc = path.stem
        text = path.read_text(encoding="utf-8")
        gold_date, tolerance = gold[doc]
        found = infer_published(text)
        if probe:
            for name, value in body_probe(text, found).items():
                if value is not None:
                    probes.setdefault(name, []).append(gold_date.startswith(value))
                    print(f"{doc:22} probe {name}: {value} vs gold {gold_date}")
        if found is None:
            print(f"{doc:22} gold {gold_date}  -")
            continue
        inferred += 1
        ok = agrees(found, gold_date, tolerance)
        wrong += not ok
        assert found.start is not None and text[found.start : found.end] == found.evidence
        verdict = "ok" if ok else "WRONG"
        print(
            f"{doc:22} gold {gold_date}  {found.value:10} {found.precision:5} {verdict:5} "
            f"{found.evidence!r}"
        )
    print(f"summary: {inferred} inferred, {wrong} wrong, of {len(paths)} articles")
    for name, results in probes.items():
        print(f"probe {name}: fires {len(results)}, wrong {results.count(False)}")
    return 1 if wrong else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--probe-body", action="store_true", help="measure rejected body rules")
    args = parser.parse_args()
    raise SystemExit(main(args.shared, args.probe_body))
