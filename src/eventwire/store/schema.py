"""Create and migrate the DuckDB schema, one numbered SQL file per version."""

from __future__ import annotations

import logging
import re
from importlib import resources

import duckdb

LOGGER = logging.getLogger(__name__)
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migrations() -> list[tuple[int, str]]:
    """The packaged migrations as (version, SQL), in order."""
    folder = resources.files("eventwire.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest_version() -> int:
    """The schema version this code writes."""
    return migrations()[-1][0]


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version of the schema in an open database; 0 for an empty one."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_info'"
    ).fetchone()
    if not exists or exists[0] == 0:
        return 0
    row = con.execute("SELECT max(version) FROM schema_info").fetchone()
    return int(row[0] or 0) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema up to date, each step in its own transaction; return the version."""
    current = schema_version(con)
    if current > latest_version():
        raise RuntimeError(
            f"[E201] the database has schema version {current}, newer than this eventwire "
            f"({latest_version()}); upgrade eventwire"
        )
    if current == 0:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_info (version INTEGER PRIMARY KEY, "
            "applied_at TIMESTAMP NOT NULL)"
        )
    for version, sql in migrations():
        if version <= current:
            continue
        LOGGER.info("migrating store to schema version %d", version)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_info VALUES (?, current_timestamp)", [version])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        current = version
    return current
