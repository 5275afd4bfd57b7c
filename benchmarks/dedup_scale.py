"""Grouping near-duplicate documents at scale: 10,000 synthetic reports in groups of five.

    python benchmarks/dedup_scale.py [--groups 2000] [--copies 5]

Each group is one synthetic report and its lightly edited copies (a changed headline
line, a dropped paragraph, a different sign-off), as syndication produces them. The
documents are written straight into a new store; the timed part is `update_duplicates`.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from eventwire.across.duplicates import update_duplicates
from eventwire.ingest.ids import content_hash
from eventwire.records import Document, PublishedDate
from eventwire.settings import Settings
from eventwire.store import Store

SIGN_OFFS = ["(Reporting by staff)", "Compiled from wire reports.", "Edited by the desk.", ""]


def report(rng: random.Random, words: list[str]) -> str:
    """A report of five paragraphs of 50 words each, drawn from a large vocabulary."""
    paragraphs = [" ".join(rng.choices(words, k=50)) + "." for _ in range(5)]
    return "\n\n".join(paragraphs)


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    """Pronounceable made-up words, so reports differ as much as real ones do."""
    syllables = ["ka", "lo", "mi", "ru", "te", "sa", "no", "vi", "da", "pe", "zu", "ho"]
    return ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size)]


def variant(base: str, rng: random.Random, copy: int) -> str:
    """A lightly edited copy: a new first line, maybe a paragraph dropped, another sign-off."""
    paragraphs = base.strip().split("\n\n")
    if copy and len(paragraphs) > 3 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs) - 1)]
    header = f"Outlet {copy} | World news"
    return "\n\n".join([header, *paragraphs, rng.choice(SIGN_OFFS)]) + "\n"


def build(store: Store, groups: int, copies: int, seed: int) -> int:
    """Write the synthetic documents; return how many."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    batch: list[Document] = []
    count = 0
    for group in range(groups):
        base = report(rng, words)
        day = f"2015-{1 + group % 12:02d}-{1 + group % 28:02d}"
        for copy in range(copies):
            text = variant(base, rng, copy)
            batch.append(
                Document(f"g{group}-c{copy}", text, content_hash(text), "synthetic",
                         outlet=f"Outlet {copy}", published=PublishedDate(day, "day"))
            )  # fmt: skip
            count += 1
        if len(batch) >= 2000:
            store.add_documents(batch)
            batch.clear()
    store.add_documents(batch)
    return count


def main() -> None:
    """Build the store, time the grouping, check the groups."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=2000)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "dedup.duckdb") as store:
        count = build(store, args.groups, args.copies, args.seed)
        started = time.perf_counter()
        update_duplicates(store, Settings.load())
        seconds = time.perf_counter() - started
        rows = store.con.execute(
            "SELECT coalesce(duplicate_of, doc_id) AS canon, list(doc_id) FROM documents "
            "GROUP BY canon"
        ).fetchall()
    groups = [set(members) for _, members in rows]
    pure = sum(1 for g in groups if len({m.split("-")[0] for m in g}) == 1)
    print(
        f"{count} documents grouped in {seconds:.1f} s: {len(groups)} groups "
        f"(expected {args.groups}), {pure} of them holding one report's copies only"
    )


if __name__ == "__main__":
    main()
