"""`eventwire actors`: list, inspect, add and correct entries of the actor knowledge base,
import TABARI/PETRARCH actor dictionaries, and list the conflicts kept.

Exit codes as in `eventwire.cli`: 1 an import had lines it could not read (each listed),
2 wrong usage, 3 the store could not be opened, 4 no such actor.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from eventwire.cli.output import console, err_console, error_line, print_json, table, warning_line
from eventwire.store import DEFAULT_DB

if TYPE_CHECKING:
    from collections.abc import Iterator

    from eventwire.actors.tabari import ImportedActor, ImportProblem
    from eventwire.store import Store
    from eventwire.store.actors import ImportReport

EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_NOT_FOUND = 1, 2, 4
PROBLEMS_SHOWN = 50

actors_app = typer.Typer(
    help="The actor knowledge base: list, show, add and correct actors; import dictionaries.",
    no_args_is_help=True,
)

DbOption = Annotated[
    Path, typer.Option("--db", envvar="EVENTWIRE_DB", help="The DuckDB file of the store.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print data as JSON.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]


def _open(db: Path, read_only: bool = False) -> Store:
    """Open the store as the other commands do (exit 3 when it cannot be opened)."""
    from eventwire.cli import _open as open_store

    return open_store(db, read_only)


@actors_app.command("list")
def list_actors(
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Words in the id, name or an alias.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Only this country code (RUS).")] = None,
    origin: Annotated[
        str | None, typer.Option(help="Only entries learned, imported or the user's.")
    ] = None,
    kind: Annotated[str | None, typer.Option(help="Only person, group or country.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip.")] = 0,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """List and search the actors of the knowledge base, by name."""
    if origin is not None and origin not in ("learned", "import", "user"):
        error_line(f"--origin must be learned, import or user, not {origin!r}")
        raise typer.Exit(EXIT_USAGE)
    with _open(db, read_only=True) as store:
        rows = store.actors(search, country, origin, kind, limit, offset)
    if as_json:
        print_json(rows)
        return
    columns = ["actor_id", "name", "kind", "country", "sector", "origin", "roles", "last_seen"]
    console.print(table(f"{len(rows)} actors", columns, ([r[c] for c in columns] for r in rows)))


@actors_app.command()
def show(
    actor: Annotated[str, typer.Argument(help="An actor id, or a name or alias.")],
    events: Annotated[
        int, typer.Option("--events", min=0, help="How many of its events to list.")
    ] = 20,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """Show one actor: names, roles with first and last seen and their documents, conflicts,
    and the events it is the source or target of."""
    with _open(db, read_only=True) as store:
        found = store.find_actors(actor)
        if len(found) > 1:
            error_line(f"[E224] {actor!r} names several actors; show one of: {', '.join(found)}")
            raise typer.Exit(EXIT_USAGE)
        if not found:
            error_line(f"[E220] no actor with id, name or alias {actor!r}")
            raise typer.Exit(EXIT_NOT_FOUND)
        record = store.actor(found[0])
        listed = store.events(events, actor_id=found[0]) if events else []
    if as_json:
        print_json({**record, "event_list": listed})
        return
    _print_actor(record)
    if listed:
        _print_events(record["events"], listed)


@actors_app.command()
def add(
    name: Annotated[str, typer.Argument(help="The actor's full name.")],
    alias: Annotated[
        list[str] | None, typer.Option("--alias", "-a", help="Another name (repeat for more).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Country code (ISO: RUS, USA).")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector code: GOV, MIL, OPP ...")] = None,
    role: Annotated[
        str | None, typer.Option(help="An office: president, foreign minister.")
    ] = None,
    valid_from: Annotated[
        str | None, typer.Option("--from", help="The role held from (YYYY[-MM[-DD]]).")
    ] = None,
    valid_to: Annotated[str | None, typer.Option("--to", help="The role held until.")] = None,
    kind: Annotated[str, typer.Option(help="person, group or country.")] = "person",
    note: Annotated[str | None, typer.Option(help="A note kept with the entry.")] = None,
    actor_id: Annotated[
        str | None, typer.Option("--id", help="Correct this entry rather than one found by name.")
    ] = None,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """Add an actor, or correct the one of that name: learning and imports then leave it be."""
    if (valid_from or valid_to) and not role:
        error_line("--from and --to date a role: give --role too")
        raise typer.Exit(EXIT_USAGE)
    _check_codes(country, sector)
    with _open(db) as store:
        try:
            actor_id, created = store.add_actor(
                name, alias or (), country, sector, role, valid_from, valid_to, kind, note, actor_id
            )
        except KeyError as exc:
            error_line(str(exc))
            raise typer.Exit(EXIT_NOT_FOUND) from exc
        except ValueError as exc:
            error_line(str(exc))
            raise typer.Exit(EXIT_USAGE) from exc
        record = store.actor(actor_id)
    if as_json:
        print_json({"created": created, **record})
    else:
        verb = "added" if created else "corrected"
        console.print(f"{verb} {actor_id}: learning and imports will not change its fields")


@actors_app.command("import")
def import_dictionary(
    path: Annotated[Path, typer.Argument(help="A TABARI/PETRARCH .actors file.")],
    db: DbOption = Path(DEFAULT_DB),
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Import a TABARI/PETRARCH actor dictionary: persons, aliases, dated codes, countries."""
    from eventwire.actors.tabari import read_tabari_actors

    if not path.is_file():
        error_line(f"{path}: no such file")
        raise typer.Exit(EXIT_USAGE)
    started = time.perf_counter()
    with _open(db) as store:
        items = read_tabari_actors(path)
        if quiet or as_json:
            report = store.import_actors(items, path.name)
        else:
            report = _import_with_progress(store, items, path)
    seconds = time.perf_counter() - started
    if as_json:
        print_json({**report.as_dict(), "seconds": round(seconds, 2)})
    elif not quiet:
        _print_import(report, seconds)
    raise typer.Exit(EXIT_INPUT_ERRORS if report.problems else 0)


@actors_app.command()
def conflicts(
    include_resolved: Annotated[
        bool, typer.Option("--all", help="Also those a user's correction resolved.")
    ] = False,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """List the conflicting readings kept (one name, two countries), never overwritten."""
    with _open(db, read_only=True) as store:
        rows = store.conflicts(include_resolved=include_resolved)
    if as_json:
        print_json(rows)
        return
    columns = ["actor_id", "name", "field", "kept", "seen", "evidence", "origin"]
    console.print(table(f"{len(rows)} conflicts", columns, ([r[c] for c in columns] for r in rows)))


# ---------------------------------------------------------------- helpers


def _check_codes(country: str | None, sector: str | None) -> None:
    """Leave with a usage error for an unknown sector; warn of a country eventwire lacks."""
    from eventwire.actors.knowledge import packaged_knowledge

    knowledge = packaged_knowledge()
    if sector is not None and sector not in knowledge.sectors:
        error_line(f"[E222] unknown sector {sector!r}: one of {', '.join(knowledge.sectors)}")
        raise typer.Exit(EXIT_USAGE)
    known = country is None or knowledge.country(country) or country in knowledge.organisations
    if not known:
        warning_line(f"{country!r} is no country or organisation code eventwire knows")


def _import_with_progress(
    store: Store, items: Iterator[ImportedActor | ImportProblem], path: Path
) -> ImportReport:
    """Import under a progress bar of lines read."""
    with path.open("rb") as handle:
        total = sum(1 for _ in handle)
    columns = (
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("lines · {task.fields[rate]} lines/s"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("import", total=total, rate="-")

        def advancing() -> Iterator[ImportedActor | ImportProblem]:
            for item in items:
                speed = progress.tasks[0].speed
                progress.update(task, completed=item.line, rate=f"{speed:.0f}" if speed else "-")
                yield item
            progress.update(task, completed=total, description="writing")

        return store.import_actors(advancing(), path.name)


def _print_import(report: ImportReport, seconds: float) -> None:
    """The summary of an import: what came in, what was left out, the problems."""
    persons = report.persons_added + report.persons_updated + report.persons_merged
    console.print(
        f"{report.source}: {persons} persons ({report.persons_added} new, "
        f"{report.persons_updated} updated, {report.persons_merged} joined to learned or "
        f"user entries), {report.groups_added + report.groups_updated} groups, "
        f"{report.aliases} aliases, {report.roles} dated roles; "
        f"{report.countries} countries with {report.country_aliases} names "
        f"({report.country_aliases_left_out} left out: eventwire gives them to other actors); "
        f"{report.skipped} entries skipped; {seconds:.1f} s"
    )
    if report.conflicts:
        console.print(
            f"{len(report.conflicts)} conflicts kept: see `eventwire actors conflicts`",
            highlight=False,
        )
    for problem in report.problems[:PROBLEMS_SHOWN]:
        warning_line(f"{report.source}:{problem.line}: [{problem.code}] {problem.message}")
    if len(report.problems) > PROBLEMS_SHOWN:
        warning_line(f"... and {len(report.problems) - PROBLEMS_SHOWN} more (--json lists all)")


def _print_actor(record: dict[str, Any]) -> None:
    """An actor as tables: its fields, roles and conflicts."""
    fields = ["actor_id", "name", "kind", "country", "sector", "origin", "source", "note"]
    rows: list[tuple[str, Any]] = [(f, record[f]) for f in fields]
    rows.append(("aliases", "; ".join(record["aliases"])))
    rows.append(("mentions", f"{record['mentions']} in {len(record['documents'])} documents"))
    rows.append(("events", f"{record['events']} as source or target"))
    rows.append(("quotes", record["quotes"]))
    console.print(table(None, ["field", "value"], rows))
    console.print(
        table(
            f"{len(record['roles'])} roles",
            ["role", "of", "held", "seen", "documents", "origin"],
            (
                (
                    r["role"],
                    " ".join(v for v in (r["country"], r["sector"]) if v),
                    _span(r["valid_from"], r["valid_to"]),
                    _span(r["first_seen"], r["last_seen"]),
                    _first_few(r["doc_ids"]),
                    r["origin"],
                )
                for r in record["roles"]
            ),
        )
    )
    if record["conflicts"]:
        columns = ["name", "field", "kept", "seen", "evidence", "resolved"]
        console.print(
            table("conflicts", columns, ([c[k] for k in columns] for c in record["conflicts"]))
        )


def _print_events(total: int, rows: list[dict[str, Any]]) -> None:
    """The first events of an actor, as `eventwire events` lists them."""
    shown = f"{len(rows)} of {total} events" if total > len(rows) else f"{total} events"
    console.print(
        table(
            shown,
            ["date", "source", "event", "target", "doc"],
            (
                (
                    r["date"],
                    r["source_name"] or r["source_text"],
                    f"{r['event_type']} {r['cameo']}",
                    r["target_name"] or r["target_text"],
                    r["doc_id"],
                )
                for r in rows
            ),
        )
    )


def _span(first: str | None, last: str | None) -> str:
    """Two dates as a span; an open end shows as `…`, no dates as nothing."""
    if first is None and last is None:
        return ""
    return f"{first or '…'} – {last or '…'}"


def _first_few(doc_ids: list[str], shown: int = 3) -> str:
    """The first document ids, and how many more."""
    more = f" +{len(doc_ids) - shown}" if len(doc_ids) > shown else ""
    return ", ".join(doc_ids[:shown]) + more
