"""What `eventwire demo` shows after running on the example corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.cli.output import console, table
from eventwire.ingest.run import IngestReport
from eventwire.pipeline import AnalyseReport
from eventwire.store import Store

if TYPE_CHECKING:
    from eventwire.across import AcrossReport


def print_demo(
    store: Store,
    ingested: IngestReport,
    analysed: AnalyseReport,
    db: Path,
    across: AcrossReport | None = None,
) -> None:
    """A summary of the corpus, the top dyads and a few events with their evidence."""
    summary = store.stats()
    console.print(
        f"\n[bold]eventwire demo[/bold]: {summary['documents']} documents from "
        f"{summary['outlets']} outlets, published {summary['earliest']} to {summary['latest']} "
        f"({ingested.added} added now, {summary['dates_inferred']} dates read from the text); "
        f"{summary['mentions']} actor mentions, {summary['events']} events, "
        f"{summary['quotes']} quotes ({analysed.documents} documents analysed now)."
    )
    dyads = store.top_dyads(8)
    console.print(
        table(
            "Top dyads (asserted events)",
            ["dyad", "events", "cooperation", "conflict", "Goldstein mean"],
            (
                (d["dyad"], d["events"], d["cooperation"], d["conflict"], d["goldstein_mean"])
                for d in dyads
            ),
        )
    )
    if dyads:
        top = dyads[0]["dyad"]
        events = store.events(limit=5, dyad=top)
        console.print(
            table(
                f"Events {top}, with their evidence",
                ["date", "event", "modality", "sentence", "doc"],
                (
                    (
                        e["date"],
                        f"{e['event_type']} {e['cameo']}",
                        e["modality"],
                        e["sentence_text"],
                        e["doc_id"],
                    )
                    for e in events
                ),
            )
        )
    example = dyads[0]["dyad"] if dyads else "USA-RUS"
    if across is not None:
        print_across_demo(store, _busiest_pair(store, dyads) or example)
    console.print(f"Store: {db}. Try: eventwire events --db {db} --dyad {example}")
    console.print(f"Web app: eventwire serve --db {db}; open http://127.0.0.1:8000/dyad/{example}")


def _busiest_pair(store: Store, dyads: list[dict]) -> str | None:
    """Of the top dyads, the country pair with the most fused events either way, as `A-B`."""
    totals: dict[str, int] = {}
    for row in dyads:
        a, b = sorted(row["dyad"].split("-"))
        if f"{a}-{b}" not in totals:
            totals[f"{a}-{b}"] = len(store.series_events((a, None), (b, None), True))
    return min(totals, key=lambda pair: (-totals[pair], pair)) if totals else None


def print_across_demo(store: Store, dyad: str) -> None:
    """The payoff across documents: copies, events counted once, stories, one dyad series."""
    from eventwire.across.series import dyad_series
    from eventwire.cli.across import fused_table, print_series, print_summary

    for group in store.duplicate_groups():
        console.print(
            f"\nCopies: {', '.join(group['copies'])} ({', '.join(group['copy_outlets'] or [])}) "
            f"repeat {group['canonical']} ({group['canonical_outlet'] or 'no outlet'}); "
            "their events count once."
        )
    shared = store.fused_events(limit=12, min_articles=2)
    console.print(fused_table("Events reported by several articles, each counted once", shared))
    stories = store.stories(limit=3)
    console.print(f"\n[bold]Top stories[/bold] ({len(stories)} shown)")
    for story in stories:
        outlets = ", ".join(story["outlets"])
        print_summary(f"{story['label']} — {story['num_documents']} reports: {outlets}",
                      story["summary"])  # fmt: skip
    either = dyad.replace("-", "~", 1)
    print_series(dyad_series(store, either, "month"), evidence=False)
