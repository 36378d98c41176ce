"""The workspace database's tables, and how a file an older Advocate wrote is brought up to date.

`PRAGMA user_version` holds the schema version; each step runs in its own transaction, so a
crash mid-upgrade leaves the file at the last complete version. A file from a newer Advocate is
refused (NewerDatabase) rather than read half-understood.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from core.store.health import NewerDatabase

SCHEMA_VERSION = 2

SCHEMA_V1 = """
CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL
);
CREATE TABLE evidence (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE TABLE settings (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (workspace_id, key)
);
CREATE TABLE app (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def _migrate_to_v1(conn: sqlite3.Connection) -> None:
    # One statement at a time: executescript() would commit the surrounding transaction.
    for statement in SCHEMA_V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _migrate_to_v2(conn: sqlite3.Connection) -> None:
    """v2: when each workspace was last saved (shown in the workspace list), and a revision
    counter, so a second browser tab cannot silently overwrite what the first one saved."""
    conn.execute("ALTER TABLE workspaces ADD COLUMN updated TEXT")
    conn.execute("ALTER TABLE workspaces ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE workspaces SET updated = created")


MIGRATIONS = {1: _migrate_to_v1, 2: _migrate_to_v2}


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to `target`, one version per transaction; returns the new version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerDatabase(
            f"This workspace database was written by a newer Advocate (schema {version}); "
            f"this one understands up to {SCHEMA_VERSION}. Update Advocate to open it."
        )
    while version < target:
        version += 1
        with transaction(conn):
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version}")
    return version


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (connections run in autocommit)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def integrity_ok(path: Path | str) -> bool:
    """SQLite's own full check, for tests and for a "repair" hint in the UI."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
