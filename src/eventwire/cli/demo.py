"""What `eventwire demo` shows after running on the example corpus."""

from __future__ import annotations

from pathlib import Path

from eventwire.cli.output import console, table
from eventwire.ingest.run import IngestReport
from eventwire.pipeline import AnalyseReport
from eventwire.store import Store


def print_demo(store: Store, ingested: IngestReport, analysed: AnalyseReport, db: Path) -> None:
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
    console.print(f"Store: {db}. Try: eventwire events --db {db} --dyad {example}")
