"""The `eventwire` command: a thin layer over the library; only it prints.

Exit codes: 0 all went well; 1 some input could not be stored (each listed);
2 wrong usage; 3 the store could not be opened or written; 4 no such document or actor;
130 interrupted (what was read before the interrupt is stored).
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from eventwire import __version__
from eventwire.cli.across import register as register_across
from eventwire.cli.actors import actors_app
from eventwire.cli.analysis import register as register_analysis
from eventwire.cli.output import console, error_line, print_json, table
from eventwire.cli.progress import ingest_with_progress
from eventwire.cli.serve import register as register_serve
from eventwire.errors import EventwireError, NoSuchDocument, StoreError
from eventwire.settings import Settings
from eventwire.store import DEFAULT_DB, Store

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_STORE, EXIT_NOT_FOUND = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130

app = typer.Typer(
    help="eventwire: political events from news reports, stored in one DuckDB file.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="EVENTWIRE_DB", help="The DuckDB file of the store."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print data as JSON.")]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar, warnings or summary.")
]
SettingsOption = Annotated[
    Path | None,
    typer.Option("--settings", help="A TOML file overriding eventwire's settings.", exists=True),
]


def _open(db: Path, read_only: bool = False) -> Store:
    """Open the store or leave with a clear message and exit code 3."""
    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        error_line(str(exc))
        raise typer.Exit(EXIT_STORE) from exc


def _settings(path: Path | None) -> Settings:
    """Load settings or leave with a usage error."""
    try:
        return Settings.load(path)
    except (ValueError, OSError) as exc:
        error_line(str(exc))
        raise typer.Exit(EXIT_USAGE) from exc


@app.callback()
def _root(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
) -> None:
    """eventwire: political events from news reports, stored in one DuckDB file."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING)
    if version:
        console.print(f"eventwire {__version__}")
        raise typer.Exit()


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for stdin.")],
    db: DbOption = Path(DEFAULT_DB),
    ids_from_filenames: Annotated[
        bool,
        typer.Option(
            "--ids-from-filenames",
            help="Use a whole file's name (without extension) as its document id.",
        ),
    ] = False,
    settings: SettingsOption = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Read news reports from files and folders into the store."""
    code = ingest_paths(paths, db, ids_from_filenames, settings, quiet, as_json)
    raise typer.Exit(code)


def ingest_paths(
    paths: list[str],
    db: Path,
    ids_from_filenames: bool = False,
    settings: Path | None = None,
    quiet: bool = False,
    as_json: bool = False,
) -> int:
    """Ingest with progress and a summary; return the exit code the run deserves."""
    for path in paths:
        if path != "-" and not Path(path).exists():
            error_line(f"{path}: no such file or folder")
            raise typer.Exit(EXIT_USAGE)
    with _open(db) as store:
        report = ingest_with_progress(
            paths, store, _settings(settings), ids_from_filenames, quiet or as_json
        )
        total = store.count_documents()
    if as_json:
        print_json({**vars(report), "documents_in_store": total})
    elif not quiet:
        console.print(
            f"{report.added} documents added, {report.existing} already stored, "
            f"{report.errors} errors, {report.warnings} warnings; {total} documents in {db}"
        )
    if report.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_INPUT_ERRORS if report.errors else EXIT_OK


@app.command()
def docs(
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Words in the title or text.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Published on or after (YYYY[-MM[-DD]]).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip.")] = 0,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """List and search stored documents, newest first."""
    with _open(db, read_only=True) as store:
        try:
            rows = store.documents(search, outlet, since, until, limit, offset)
        except ValueError as exc:
            error_line(str(exc))
            raise typer.Exit(EXIT_USAGE) from exc
    if as_json:
        print_json(rows)
        return
    columns = ["doc_id", "published", "outlet", "title", "n_chars"]
    console.print(
        table(
            f"{len(rows)} documents",
            columns,
            ([_published_cell(r) if c == "published" else r[c] for c in columns] for r in rows),
        )
    )


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="The document id.")],
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """Show one document: its metadata and its text as stored."""
    with _open(db, read_only=True) as store:
        try:
            doc = store.document(doc_id)
        except NoSuchDocument as exc:
            error_line(str(exc))
            raise typer.Exit(EXIT_NOT_FOUND) from exc
    if as_json:
        from dataclasses import asdict

        print_json(asdict(doc))
        return
    pub = doc.published
    rows = [
        ("id", doc.doc_id),
        ("title", doc.title),
        ("outlet", doc.outlet),
        ("url", doc.url),
        ("published", _published_text(pub.value, pub.inferred) if pub else None),
        ("date evidence", pub.evidence if pub and pub.inferred else None),
        ("source", f"{doc.source}:{doc.location}" if doc.location else doc.source),
        ("format", f"{doc.fmt}, {doc.encoding}" + (" (fallback)" if doc.encoding_fallback else "")),
    ]
    rows += [(f"meta:{k}", v) for k, v in doc.metadata.items()]
    console.print(table(None, ["field", "value"], rows))
    console.print(doc.text, markup=False, highlight=False)


@app.command()
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; stdout if omitted.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, csv, parquet or gdelt (events, fused).")
    ] = "jsonl",
    what: Annotated[
        str, typer.Option(help="documents, events, fused (events) or quotes.")
    ] = "documents",
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Export stored records as JSON Lines, CSV, Parquet or a GDELT 2.0 event table."""
    from eventwire.export import EXPORT_FORMATS, EXPORTS, export_records

    if what not in EXPORTS or fmt not in EXPORT_FORMATS:
        error_line(
            f"cannot export {what!r} as {fmt!r}: choose --what from {', '.join(EXPORTS)} "
            f"and --format from {', '.join(EXPORT_FORMATS)}"
        )
        raise typer.Exit(EXIT_USAGE)
    with _open(db, read_only=True) as store:
        try:
            count = export_records(store, what, fmt, output)
        except ValueError as exc:
            error_line(str(exc))
            raise typer.Exit(EXIT_USAGE) from exc
    if output is not None:
        console.print(f"{count} {what} written to {output}")


@app.command()
def stats(db: DbOption = Path(DEFAULT_DB), as_json: JsonOption = False) -> None:
    """Summarise the store: documents, dates, formats, errors, runs."""
    with _open(db, read_only=True) as store:
        summary = store.stats()
        runs = store.runs()
    summary["runs"] = len(runs)
    summary["last_run"] = runs[0] if runs else None
    if as_json:
        print_json(summary)
        return
    by_format = summary.pop("by_format")
    last = summary.pop("last_run")
    rows = list(summary.items())
    rows.append(("formats", ", ".join(f"{k} {v}" for k, v in by_format.items())))
    if last:
        rows.append(
            (
                "last run",
                f"#{last['run_id']} {last['status']}: {last['n_added']} added, "
                f"{last['n_existing']} existing, {last['n_errors']} errors",
            )
        )
    console.print(table(f"eventwire store {db}", ["", "value"], rows))


@app.command()
def errors(
    run: Annotated[int | None, typer.Option(help="Only errors seen in this run.")] = None,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """List the inputs that could not be stored, with the reason."""
    with _open(db, read_only=True) as store:
        rows = store.errors(run)
    if as_json:
        print_json(rows)
        return
    columns = ["source", "location", "code", "reason"]
    console.print(
        table(f"{len(rows)} ingest errors", columns, ([r[c] for c in columns] for r in rows))
    )


@app.command()
def demo(
    db: DbOption = Path("eventwire-demo.duckdb"),
    quiet: QuietOption = False,
) -> None:
    """Run eventwire on its bundled example corpus and show what it found."""
    from eventwire.cli.across import across_with_progress
    from eventwire.cli.analysis import analyse_with_progress
    from eventwire.cli.demo import print_demo

    corpus = resources.files("eventwire") / "data" / "examples" / "corpus.jsonl"
    with resources.as_file(corpus) as path, _open(db) as store:
        report = ingest_with_progress([str(path)], store, Settings.load(), False, quiet)
        analysed = analyse_with_progress(store, everything=False, quiet=quiet)
        across = across_with_progress(store, quiet=quiet)
        print_demo(store, report, analysed, db, across)
    if report.errors:
        raise typer.Exit(EXIT_INPUT_ERRORS)


def _published_cell(row: dict) -> str | None:
    """The published column of a listing, marking inferred dates."""
    return _published_text(row["published"], row["published_inferred"])


def _published_text(value: str | None, inferred: bool) -> str | None:
    """A publication date, with `~` when it was read from the text."""
    if value is None:
        return None
    return f"~{value}" if inferred else value


register_analysis(app, _open, ingest_paths)
register_across(app, _open)
register_serve(app, _open)
app.add_typer(actors_app, name="actors")


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except EventwireError as exc:
        error_line(str(exc))
        raise SystemExit(EXIT_STORE) from exc
