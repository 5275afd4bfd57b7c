"""The `serve` command: the local web app over a store, opened read-only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.output import console, err_console, error_line
from eventwire.store import DEFAULT_DB, Store
from eventwire.store.schema import latest_version

DbOption = Annotated[
    Path, typer.Option("--db", envvar="EVENTWIRE_DB", help="The DuckDB file of the store.")
]
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(app: typer.Typer, open_store: Callable[..., Store]) -> None:
    """Add the `serve` command to the CLI."""

    @app.command()
    def serve(
        db: DbOption = Path(DEFAULT_DB),
        host: Annotated[
            str, typer.Option(help="Address to listen on; only this machine by default.")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    ) -> None:
        """Serve the web app: overview, dyad charts, events, documents, actors, stories."""
        import uvicorn

        from eventwire.web import create_app

        store = _current(open_store(db, read_only=True), db)
        if host not in _LOOPBACK:
            err_console.print(
                f"[yellow]warning[/yellow]: listening on {host}: anyone who can reach this "
                "machine can read the store"
            )
        console.print(
            f"eventwire web app on http://{_shown(host)}:{port}/ over {db} (Ctrl+C stops)"
        )
        try:
            uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
        finally:
            store.close()


def _current(store: Store, db: Path) -> Store:
    """The store if its schema is this eventwire's; a read-only store cannot migrate itself."""
    version = store.schema_version
    if version >= latest_version():
        return store
    store.close()
    error_line(
        f"[E240] {db} has schema version {version}, older than this eventwire "
        f"({latest_version()}): run `eventwire fuse --db {db}` once to update it"
    )
    raise typer.Exit(3)


def _shown(host: str) -> str:
    """A host as it goes in a URL (IPv6 in brackets)."""
    return f"[{host}]" if ":" in host else host
