"""Figures computed from a workspace's evidence, kept beside it so a reload does not recompute.

Rows are (kind, key, value) as core.analysis.scorebook makes them: keys follow the content they
were computed from, so a stale row is never used, only left unread. They live in the workspace's
own SQLite file, in a table of their own tied to the workspace (deleting a workspace, or all the
data, deletes them too: they hold words of the user's stories). Losing them costs only time.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.store.workspace import WorkspaceStore

TABLE = """
CREATE TABLE IF NOT EXISTS derived (
    workspace_id INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (workspace_id, kind, key)
)
"""


def _workspace_id(conn, name: str) -> int | None:
    row = conn.execute("SELECT id FROM workspaces WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def load_derived(store: WorkspaceStore, name: str) -> list[tuple[str, str, str]]:
    """The rows kept for workspace `name` ([] when there is no such workspace or nothing kept)."""
    if not store.exists():
        return []
    with store.connect() as conn:
        conn.execute(TABLE)
        workspace = _workspace_id(conn, name)
        if workspace is None:
            return []
        query = "SELECT kind, key, value FROM derived WHERE workspace_id = ?"
        return conn.execute(query, (workspace,)).fetchall()


def save_derived(
    store: WorkspaceStore, name: str, rows: Iterable[tuple[str, str, str]], keep: Iterable[str] | None = None
) -> int:
    """Add rows to workspace `name` (which must exist; nothing is written otherwise). With `keep`
    (the keys the evidence uses now), rows under any other key are deleted: a deleted or edited
    story leaves no words behind. Returns how many rows were written."""
    rows = list(rows)
    if store.shared or not store.exists() or not (rows or keep is not None):
        return 0
    with store.connect() as conn:
        conn.execute(TABLE)
        workspace = _workspace_id(conn, name)
        if workspace is None:
            return 0
        conn.execute("BEGIN")
        try:
            conn.executemany(
                "INSERT OR REPLACE INTO derived (workspace_id, kind, key, value) VALUES (?, ?, ?, ?)",
                [(workspace, kind, key, value) for kind, key, value in rows],
            )
            if keep is not None:
                conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep_keys (key TEXT PRIMARY KEY)")
                conn.execute("DELETE FROM keep_keys")
                conn.executemany("INSERT OR IGNORE INTO keep_keys VALUES (?)", ((k,) for k in keep))
                conn.execute("DELETE FROM derived WHERE workspace_id = ? "
                             "AND key NOT IN (SELECT key FROM keep_keys)", (workspace,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(rows)
