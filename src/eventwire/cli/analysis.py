"""Commands of the analysis stages: run, code, events, quotes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from eventwire.cli.output import (
    console,
    err_console,
    error_line,
    print_json,
    table,
    warning_line,
)
from eventwire.pipeline import AnalyseReport, analyse_store
from eventwire.settings import Settings
from eventwire.store import DEFAULT_DB, Store

EXIT_INTERRUPTED = 130
DbOption = Annotated[
    Path, typer.Option("--db", envvar="EVENTWIRE_DB", help="The DuckDB file of the store.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print data as JSON.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
LimitOption = Annotated[int, typer.Option(min=1, help="How many to list.")]
OffsetOption = Annotated[int, typer.Option(min=0, help="How many to skip.")]


WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=0,
        help="Processes that analyse (0: one per core; default: the workers setting).",
    ),
]


def analyse_with_progress(
    store: Store, everything: bool, quiet: bool, workers: int | None = None
) -> AnalyseReport:
    """Analyse stored documents under a progress bar with articles per second and time left."""
    settings = Settings.load()
    if quiet:
        return analyse_store(store, settings, everything, workers=workers)
    total = store.count_documents_to_analyse(everything)
    columns = (
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles · {task.fields[rate]} articles/s · left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("analyse", total=total, rate="-")

        def advance(_result: object) -> None:
            progress.advance(task)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:.1f}" if speed else "-")

        try:
            return analyse_store(store, settings, everything, advance, workers)
        except KeyboardInterrupt:
            progress.stop()
            warning_line(
                "interrupted: the documents analysed so far are stored; "
                "`eventwire code --new-only` analyses those never analysed"
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None


def print_analysis(report: AnalyseReport, as_json: bool) -> None:
    """The summary line of an analysis run."""
    if as_json:
        print_json(vars(report))
        return
    rate = report.documents / report.seconds if report.seconds else 0.0
    processes = f"{report.workers} workers" if report.workers > 1 else "1 process"
    console.print(
        f"{report.documents} documents analysed in {report.seconds:.1f} s ({rate:.1f}/s, "
        f"{processes}): {report.mentions} actor mentions, {report.events} events, "
        f"{report.quotes} quotes"
    )


def register(
    app: typer.Typer,
    open_store: Callable[..., Store],
    ingest_paths: Callable[..., int],
) -> None:
    """Add the analysis commands to the CLI."""

    @app.command()
    def run(
        paths: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin.")],
        db: DbOption = Path(DEFAULT_DB),
        workers: WorkersOption = None,
        quiet: QuietOption = False,
        as_json: JsonOption = False,
    ) -> None:
        """Ingest, analyse and code, then fuse: from news files to events, mentions and quotes."""
        from eventwire.cli.across import across_with_progress, print_across

        code = ingest_paths(paths, db, quiet=quiet or as_json)
        with open_store(db) as store:
            report = analyse_with_progress(store, False, quiet or as_json, workers)
            across = across_with_progress(store, quiet=quiet or as_json)
        if as_json:
            print_json({**vars(report), "across": across.summary()})
        elif not quiet:
            print_analysis(report, as_json)
            print_across(across)
        raise typer.Exit(code)

    @app.command()
    def code(
        db: DbOption = Path(DEFAULT_DB),
        new_only: Annotated[
            bool, typer.Option("--new-only", help="Only documents not analysed yet.")
        ] = False,
        workers: WorkersOption = None,
        quiet: QuietOption = False,
        as_json: JsonOption = False,
    ) -> None:
        """Re-analyse and re-code stored documents (after a dictionary change)."""
        with open_store(db) as store:
            report = analyse_with_progress(store, not new_only, quiet or as_json, workers)
        if not quiet:
            print_analysis(report, as_json)

    @app.command()
    def events(
        dyad: Annotated[str | None, typer.Option(help="SOURCE-TARGET countries: USA-RUS.")] = None,
        event_type: Annotated[
            str | None, typer.Option("--type", help="PLOVER type (CONSULT) or CAMEO prefix (04).")
        ] = None,
        since: Annotated[
            str | None, typer.Option(help="Events on or after (YYYY[-MM[-DD]]).")
        ] = None,
        until: Annotated[str | None, typer.Option(help="Events on or before.")] = None,
        modality: Annotated[
            str | None, typer.Option(help="asserted, future, hypothetical or negated.")
        ] = None,
        doc: Annotated[str | None, typer.Option(help="Only this document.")] = None,
        actor: Annotated[
            str | None,
            typer.Option(help="Only events whose source or target is this actor id."),
        ] = None,
        limit: LimitOption = 50,
        offset: OffsetOption = 0,
        db: DbOption = Path(DEFAULT_DB),
        as_json: JsonOption = False,
    ) -> None:
        """List coded events with their evidence."""
        with open_store(db, read_only=True) as store:
            try:
                rows = store.events(
                    limit, offset, dyad=dyad, plover_type=event_type, since=since,
                    until=until, modality=modality, doc_id=doc, actor_id=actor,
                )  # fmt: skip
            except ValueError as exc:
                error_line(str(exc))
                raise typer.Exit(2) from exc
        if as_json:
            print_json(rows)
            return
        console.print(
            table(
                f"{len(rows)} events",
                ["date", "source", "event", "target", "modality", "evidence", "doc"],
                (
                    (
                        r["date"],
                        _actor(r["source_country"], r["source_sector"], r["source_text"]),
                        f"{r['event_type']} {r['cameo']}",
                        _actor(r["target_country"], r["target_sector"], r["target_text"]),
                        r["modality"],
                        r["sentence_text"],
                        r["doc_id"],
                    )
                    for r in rows
                ),
            )
        )

    _register_evaluate(app, open_store)

    @app.command()
    def quotes(
        speaker: Annotated[str | None, typer.Option(help="Words of the speaker's name.")] = None,
        doc: Annotated[str | None, typer.Option(help="Only this document.")] = None,
        actor: Annotated[
            str | None, typer.Option(help="Only quotes whose speaker is this actor id.")
        ] = None,
        limit: LimitOption = 50,
        offset: OffsetOption = 0,
        db: DbOption = Path(DEFAULT_DB),
        as_json: JsonOption = False,
    ) -> None:
        """List direct quotations with their speakers."""
        with open_store(db, read_only=True) as store:
            rows = store.quotes(limit, offset, doc_id=doc, speaker=speaker, actor_id=actor)
        if as_json:
            print_json(rows)
            return
        console.print(
            table(
                f"{len(rows)} quotes",
                ["speaker", "country", "quote", "doc"],
                (
                    (
                        r["speaker_name"] or r["speaker_text"],
                        r["speaker_country"],
                        r["text"],
                        r["doc_id"],
                    )
                    for r in rows
                ),
            )
        )


def evaluate_command(
    open_store: Callable[..., Store],
    gold: Path | None,
    docs: Path | None,
    predicted: Path | None,
    plover: Path | None,
    db: Path,
    as_json: bool,
    details: bool,
) -> None:
    """Score events against a gold file, or sentences against a PLOVER gold file."""
    if plover is not None:
        _evaluate_plover(plover, as_json, details)
        return
    if gold is None:
        error_line("give --gold FILE (events) or --plover FILE (PLOVER sentences)")
        raise typer.Exit(2)
    from eventwire.evaluate import score_events

    golds = _read_jsonl(gold)
    published = {d["doc"]: d.get("published") for d in _read_jsonl(docs)} if docs else {}
    if predicted is not None:
        predictions = _read_jsonl(predicted)
    else:
        with open_store(db, read_only=True) as store:
            predictions = list(store.iter_event_records())
            if not published:
                published = {r["doc_id"]: r["published"] for r in predictions}
    score = score_events(golds, predictions, published)
    if as_json:
        print_json(
            {**score.summary(), "documents": {k: vars(v) for k, v in score.documents.items()}}
        )
        return
    if details:
        for doc, result in score.documents.items():
            console.print(
                f"{doc}: found {result.found}/{result.required}, dated "
                f"{result.found_dated}/{result.required_dated}, predicted {result.predicted} "
                f"right {result.predicted_right}; missed {result.missed}; wrong {result.wrong}",
                markup=False,
            )
    summary = score.summary()
    console.print(
        table(
            f"events against {gold.name}",
            ["measure", "value"],
            [(k, f"{v:.3f}" if isinstance(v, float) else v) for k, v in summary.items()],
        )
    )


def _evaluate_plover(path: Path, as_json: bool, details: bool) -> None:
    """Code every sentence of a PLOVER gold file and score type, source and target."""
    from eventwire.actors.knowledge import packaged_knowledge
    from eventwire.evaluate.plover import read_plover, score_plover
    from eventwire.nlp import load_pipeline
    from eventwire.pipeline import analyse_document

    nlp, knowledge = load_pipeline(), packaged_knowledge()
    records = read_plover(path)
    codes = {str(a.get("code", "")).upper() for r in records for key in ("source", "target")
             for a in (r.get(key) or []) if isinstance(a, dict)}  # fmt: skip
    to_iso = {c: country.code for c in codes if (country := knowledge.country(c))}

    def code_sentence(document):  # noqa: ANN001, ANN202
        return analyse_document(document, nlp(document.text), knowledge, ()).events

    score = score_plover(records, code_sentence, to_iso)
    if as_json:
        print_json({**score.summary(), "misses": score.misses})
        return
    if details:
        for miss in score.misses:
            console.print(f"{miss['id']}: got {miss['got']}  | {miss['text']}", markup=False)
    console.print(
        table(
            f"PLOVER sentences of {path.name}",
            ["measure", "value"],
            [(k, f"{v:.3f}" if isinstance(v, float) else v) for k, v in score.summary().items()],
        )
    )


def _read_jsonl(path: Path) -> list[dict]:
    """The objects of a JSON Lines file."""
    import json

    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _register_evaluate(app: typer.Typer, open_store: Callable[..., Store]) -> None:
    """Add the evaluate command."""

    @app.command()
    def evaluate(
        gold: Annotated[Path | None, typer.Option(help="Gold events (JSON Lines).")] = None,
        docs: Annotated[
            Path | None, typer.Option(help="Gold documents with publication dates.")
        ] = None,
        predicted: Annotated[
            Path | None, typer.Option(help="Exported events to score instead of the store's.")
        ] = None,
        plover: Annotated[
            Path | None, typer.Option(help="A PLOVER gold-standard file to score by sentence.")
        ] = None,
        details: Annotated[
            bool, typer.Option("--details", help="List misses and wrong triples.")
        ] = False,
        db: DbOption = Path(DEFAULT_DB),
        as_json: JsonOption = False,
    ) -> None:
        """Score events against gold: triples, dates, modality; or PLOVER sentences."""
        evaluate_command(open_store, gold, docs, predicted, plover, db, as_json, details)


def _actor(country: str | None, sector: str | None, text: str | None) -> str:
    """An actor cell: codes, then the words."""
    if text is None:
        return ""
    codes = " ".join(c for c in (country, sector) if c)
    return f"{codes} ({text})" if codes else text
