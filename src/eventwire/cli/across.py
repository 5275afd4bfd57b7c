"""Commands of the analysis across documents: fuse, fused, stories, story, series."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire.cli.output import console, err_console, error_line, print_json, table
from eventwire.settings import Settings
from eventwire.store import DEFAULT_DB, Store

if TYPE_CHECKING:
    from eventwire.across import AcrossReport
    from eventwire.across.series import Series

DbOption = Annotated[
    Path, typer.Option("--db", envvar="EVENTWIRE_DB", help="The DuckDB file of the store.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print data as JSON.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")]
EXIT_USAGE, EXIT_NOT_FOUND = 2, 4


def across_with_progress(
    store: Store, settings: Settings | None = None, rebuild: bool = False, quiet: bool = False
) -> AcrossReport:
    """Find copies, fuse events and cluster stories, with a line of progress per stage."""
    from eventwire.across import update_across

    if quiet:
        return update_across(store, settings, rebuild)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed}"),
               TextColumn("· {task.fields[rate]}/s"), TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=err_console, transient=True) as progress:
        tasks: dict[str, Any] = {}

        def advance(stage: str, done: int) -> None:
            if stage not in tasks:
                name = _STAGE_NAMES.get(stage, stage)
                tasks[stage] = progress.add_task(name, total=None, rate="-")
            progress.advance(tasks[stage], done)
            speed = next(t.speed for t in progress.tasks if t.id == tasks[stage])
            progress.update(tasks[stage], rate=f"{speed:.0f}" if speed else "-")

        return update_across(store, settings, rebuild, advance)


_STAGE_NAMES = {
    "duplicates": "signing documents",
    "fusion": "fusing event blocks",
    "stories": "placing documents in stories",
}


def print_across(report: AcrossReport, as_json: bool = False) -> None:
    """The summary of a pass across documents."""
    if as_json:
        print_json(report.summary())
        return
    dup, fus, sto = report.duplicates, report.fusion, report.stories
    console.print(
        f"{dup.signed} documents signed, {dup.copies} copies of other documents in the store; "
        f"{fus.mentions} event mentions in {fus.blocks} blocks fused into {fus.fused} events "
        f"({fus.multi} reported by more than one article); {sto.documents} documents placed, "
        f"{sto.new_stories} new stories, {sto.updated_stories} updated"
    )


def register(app: typer.Typer, open_store: Callable[..., Store]) -> None:
    """Add the commands of the analysis across documents to the CLI."""

    @app.command()
    def fuse(
        db: DbOption = Path(DEFAULT_DB),
        rebuild: Annotated[
            bool, typer.Option("--rebuild", help="Forget copies, fused events and stories first.")
        ] = False,
        quiet: QuietOption = False,
        as_json: JsonOption = False,
    ) -> None:
        """Group copies, fuse events reported by several articles, cluster stories."""
        with open_store(db) as store:
            report = across_with_progress(store, None, rebuild, quiet or as_json)
        if not quiet:
            print_across(report, as_json)

    @app.command()
    def fused(
        dyad: Annotated[str | None, typer.Option(help="SOURCE-TARGET countries: USA-RUS.")] = None,
        event_type: Annotated[
            str | None, typer.Option("--type", help="PLOVER type (CONSULT) or CAMEO prefix (04).")
        ] = None,
        min_articles: Annotated[
            int, typer.Option("--min-articles", min=1, help="Only events in this many articles.")
        ] = 1,
        modality: Annotated[
            str | None, typer.Option(help="asserted, future, hypothetical or negated.")
        ] = None,
        limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
        db: DbOption = Path(DEFAULT_DB),
        as_json: JsonOption = False,
    ) -> None:
        """List fused events: each real event once, with its articles and outlets."""
        with open_store(db, read_only=True) as store:
            try:
                rows = store.fused_events(
                    limit, 0, min_articles, dyad=dyad, plover_type=event_type, modality=modality
                )
            except ValueError as exc:
                error_line(str(exc))
                raise typer.Exit(EXIT_USAGE) from exc
        if as_json:
            print_json(rows)
            return
        console.print(fused_table(f"{len(rows)} fused events", rows))

    _register_stories(app, open_store)
    _register_series(app, open_store)


def fused_table(title: str, rows: list[dict[str, Any]]) -> Any:
    """A table of fused events: date, actors, type, modality, articles and outlets."""
    return table(
        title,
        ["date", "source", "event", "target", "modality", "articles", "outlets"],
        (
            (
                r["event_date"],
                _actor(r["source_country"], r["source_sector"], r["source_name"]),
                f"{r['plover_type'] or ''} {r['cameo']}".strip(),
                _actor(r["target_country"], r["target_sector"], r["target_name"]),
                r["modality"],
                r["num_articles"],
                ", ".join(r["outlets"]),
            )
            for r in rows
        ),
    )


def _register_stories(app: typer.Typer, open_store: Callable[..., Store]) -> None:
    """Add the stories and story commands."""

    @app.command()
    def stories(
        limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 20,
        summaries: Annotated[
            bool, typer.Option("--summaries", help="Print each story's summary too.")
        ] = False,
        db: DbOption = Path(DEFAULT_DB),
        as_json: JsonOption = False,
    ) -> None:
        """List stories, the most reported first, with their outlets."""
        with open_store(db, read_only=True) as store:
            rows = store.stories(limit)
        if as_json:
            print_json(rows)
            return
        console.print(
            table(
                f"{len(rows)} stories",
                ["story", "label", "documents", "outlets", "published"],
                (
                    (
                        r["story_id"],
                        r["label"],
                        r["num_documents"],
                        ", ".join(r["outlets"]),
                        _span(r["first_published"], r["last_published"]),
                    )
                    for r in rows
                ),  # fmt: skip
            )
        )
        if summaries:
            for row in rows:
                print_summary(row["label"], row["summary"])

    @app.command()
    def story(
        story_id: Annotated[str, typer.Argument(help="The story id (from `eventwire stories`).")],
        db: DbOption = Path(DEFAULT_DB),
        as_json: JsonOption = False,
    ) -> None:
        """One story: its documents, summary and timeline of fused events."""
        with open_store(db, read_only=True) as store:
            found = store.story(story_id)
        if found is None:
            error_line(f"[E802] no story with id {story_id!r}")
            raise typer.Exit(EXIT_NOT_FOUND)
        if as_json:
            print_json(found)
            return
        print_summary(found["label"], found["summary"])
        console.print(
            table(
                "Documents",
                ["doc", "published", "outlet", "title", "copy of"],
                (
                    (d["doc_id"], d["published"], d["outlet"], d["title"], d["duplicate_of"])
                    for d in found["documents"]
                ),
            )  # fmt: skip
        )
        console.print(fused_table("Timeline", found["timeline"]))


def print_summary(label: str, summary: list[dict[str, Any]]) -> None:
    """A story's label, then its summary sentences, each citing its document."""
    console.print(f"\n[bold]{_escape(label)}[/bold]")
    for sentence in summary:
        source = ", ".join(p for p in (sentence.get("outlet"), sentence["doc_id"]) if p)
        console.print(f"  {_escape(sentence['text'])} [dim]\\[{_escape(source)}][/dim]")


def _register_series(app: typer.Typer, open_store: Callable[..., Store]) -> None:
    """Add the series command."""

    @app.command()
    def series(
        dyad: Annotated[
            str,
            typer.Option(
                help="USA-RUS (source to target), USA~RUS (either way); a side may add a sector: "
                "USA-RUSGOV."
            ),
        ],
        by: Annotated[str, typer.Option(help="day, week or month.")] = "month",
        all_modalities: Annotated[
            bool,
            typer.Option("--all-modalities", help="Count future, hypothetical and negated too."),
        ] = False,
        evidence: Annotated[
            bool, typer.Option("--evidence", help="List each point's events and sentences.")
        ] = False,
        as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
        db: DbOption = Path(DEFAULT_DB),
        as_json: JsonOption = False,
    ) -> None:
        """Counts of a dyad's fused events per day, week or month, by QuadClass and type."""
        from eventwire.across.series import dyad_series

        with open_store(db, read_only=True) as store:
            try:
                result = dyad_series(store, dyad, by, all_modalities, evidence or as_json)
            except ValueError as exc:
                error_line(str(exc))
                raise typer.Exit(EXIT_USAGE) from exc
        if as_json:
            from dataclasses import asdict

            print_json(asdict(result))
        elif as_csv:
            write_series_csv(result)
        else:
            print_series(result, evidence)


def print_series(result: Series, evidence: bool) -> None:
    """A dyad series as a table, with each point's sentences when asked."""
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    console.print(
        table(
            f"{result.dyad} by {result.by} ({result.modalities} events, each counted once)",
            [
                "period",
                "events",
                "verb. coop",
                "mat. coop",
                "verb. confl",
                "mat. confl",
                "Goldstein sum",
                "mean",
                "types",
            ],
            (
                (
                    p.period,
                    p.events,
                    *(p.quad_class.get(q, 0) for q in quads),
                    p.goldstein_sum,
                    p.goldstein_mean,
                    ", ".join(f"{k} {v}" for k, v in p.types.items()),
                )
                for p in result.points
            ),
        )  # fmt: skip
    )
    if result.coarser:
        console.print(
            f"{result.coarser} events dated more coarsely than a {result.by} are left out"
        )
    if evidence:
        for point in result.points:
            console.print(f"\n[bold]{point.period}[/bold]")
            for item in point.evidence:
                for mention in item["mentions"]:
                    source = f"{mention['outlet'] or ''} {mention['doc_id']}".strip()
                    console.print(
                        f"  {item['plover_type'] or item['cameo']}: "
                        f"{_escape(mention['sentence'] or '')} [dim]\\[{_escape(source)}][/dim]"
                    )


def write_series_csv(result: Series) -> None:
    """A dyad series as CSV on standard output, one row per point."""
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    writer = csv.writer(sys.stdout)
    writer.writerow(["dyad", "period", "events", *quads, "goldstein_sum", "goldstein_mean",
                     "types", "fused_ids"])  # fmt: skip
    for p in result.points:
        types = ";".join(f"{k}:{v}" for k, v in p.types.items())
        counts = [p.quad_class.get(q, 0) for q in quads]
        writer.writerow([result.dyad, p.period, p.events, *counts, p.goldstein_sum,
                         p.goldstein_mean, types, " ".join(p.fused_ids)])  # fmt: skip


def _span(first: str | None, last: str | None) -> str:
    """A publication span: one date, or first to last."""
    if first == last:
        return first or ""
    return f"{first or '?'} – {last or '?'}"


def _actor(country: str | None, sector: str | None, text: str | None) -> str:
    """An actor cell: codes, then the words."""
    if text is None and country is None:
        return ""
    codes = " ".join(c for c in (country, sector) if c)
    return f"{codes} ({text})" if text else codes


def _escape(text: str) -> str:
    """Escape rich markup in text that came from articles."""
    from rich.markup import escape

    return escape(text)
