"""The user's working set, saved to a local SQLite database after every change.

A user who curates their evidence for an evening and loses it on a tab reload does not come
back, so everything they can change (evidence with its origin, competency overrides, framework
choice and custom frameworks, review period, self-ratings, draft options, column mappings) lives
in one SQLite file in their data folder. Each save is one transaction in WAL mode, so a crash
mid-save leaves the previous state intact. Several named workspaces share the file; its tables
and their upgrades are core.store.migrations.

Shared mode (the app served to others) writes nothing at all: a `WorkspaceStore` made with
`shared=True` never touches the disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from core.model import Dataset, Praise, Story, evidence_from_dict
from core.store.codec import dumps, setting_from_json, setting_to_json
from core.store.health import StorageFault, WorkspaceDeleted, check_data_dir
from core.store.migrations import SCHEMA_VERSION, migrate, transaction
from core.store.schema import SETTING_KEYS, WorkingSet

DB_NAME = "advocate.sqlite3"
DEFAULT_WORKSPACE = "My workspace"
BUSY_TIMEOUT = 2.0  # seconds SQLite retries a busy database before the save is reported as blocked

__all__ = ["DB_NAME", "StaleWorkspace", "WorkingSet", "WorkspaceDeleted", "WorkspaceStore"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class StaleWorkspace(RuntimeError):
    """Another session (a second browser tab) saved this workspace since this one loaded it."""

    def __init__(self, name: str, expected: int, found: int):
        super().__init__(
            f"Workspace “{name}” was saved from another tab or window since this page loaded it "
            f"(revision {found}, this page had {expected}); nothing was overwritten."
        )
        self.expected, self.found = expected, found


@dataclass(frozen=True)
class WorkspaceInfo:
    name: str
    created: str
    updated: str | None
    stories: int
    praise: int
    active: bool


class WorkspaceStore:
    """Named workspaces in one SQLite file under `directory`; a no-op in shared mode.

    Connections are opened per operation and closed at once, so the file can be deleted at any
    moment ("Delete all my data") and several browser tabs never hold a lock between saves.
    """

    def __init__(self, directory: Path | str, shared: bool = False):
        self.directory = Path(directory)
        self.shared = shared

    @property
    def path(self) -> Path:
        return self.directory / DB_NAME

    def files(self) -> list[Path]:
        """The database and its WAL companions that exist now."""
        names = (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", DB_NAME + "-journal")
        return [self.directory / n for n in names if (self.directory / n).exists()]

    def exists(self) -> bool:
        return not self.shared and self.path.exists()

    def check(self) -> StorageFault | None:
        """Why this folder cannot hold the workspace (core.store.health), or None."""
        return None if self.shared else check_data_dir(self.directory, DB_NAME, SCHEMA_VERSION)

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        if self.shared:
            raise RuntimeError("shared mode: nothing is written on this server")
        self.directory.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")  # deleted stories do not linger in free pages
            migrate(conn)
            yield conn
        finally:
            conn.close()

    # -- workspaces ----------------------------------------------------------------------------

    def _active_name(self, conn: sqlite3.Connection) -> str | None:
        row = conn.execute("SELECT value FROM app WHERE key = 'active'").fetchone()
        return row[0] if row else None

    def _workspace_id(self, conn: sqlite3.Connection, name: str, create: bool = False) -> int | None:
        row = conn.execute("SELECT id FROM workspaces WHERE name = ?", (name,)).fetchone()
        if row:
            return row[0]
        if not create:
            return None
        now = _now()
        cur = conn.execute(
            "INSERT INTO workspaces(name, created, updated) VALUES (?, ?, ?)", (name, now, now)
        )
        return cur.lastrowid

    def active(self) -> str:
        """The workspace the app opens: the last one switched to, else the default name."""
        if not self.exists():
            return DEFAULT_WORKSPACE
        with self.connect() as conn:
            name = self._active_name(conn)
            if name and self._workspace_id(conn, name) is not None:
                return name
            row = conn.execute("SELECT name FROM workspaces ORDER BY id LIMIT 1").fetchone()
            return row[0] if row else DEFAULT_WORKSPACE

    def list(self) -> list[WorkspaceInfo]:
        if not self.exists():
            return []
        with self.connect() as conn:
            active = self._active_name(conn)
            rows = conn.execute(
                """SELECT w.name, w.created, w.updated,
                          SUM(e.kind = 'story'), SUM(e.kind = 'praise')
                   FROM workspaces w LEFT JOIN evidence e ON e.workspace_id = w.id
                   GROUP BY w.id ORDER BY w.id"""
            ).fetchall()
        if active not in {r[0] for r in rows} and rows:
            active = rows[0][0]
        return [
            WorkspaceInfo(name, created, updated, stories or 0, praise or 0, name == active)
            for name, created, updated, stories, praise in rows
        ]

    def names(self) -> list[str]:
        return [w.name for w in self.list()]

    def create(self, name: str, activate: bool = True) -> None:
        name = _clean_name(name)
        if self.shared:
            return
        with self.connect() as conn, transaction(conn):
            if self._workspace_id(conn, name) is not None:
                raise ValueError(f"A workspace named {name!r} already exists.")
            self._workspace_id(conn, name, create=True)
            if activate:
                conn.execute("INSERT OR REPLACE INTO app(key, value) VALUES ('active', ?)", (name,))

    def switch(self, name: str) -> None:
        if self.shared:
            return
        with self.connect() as conn, transaction(conn):
            if self._workspace_id(conn, name) is None:
                raise ValueError(f"There is no workspace named {name!r}.")
            conn.execute("INSERT OR REPLACE INTO app(key, value) VALUES ('active', ?)", (name,))

    def rename(self, old: str, new: str) -> None:
        new = _clean_name(new)
        if self.shared or old == new:
            return
        with self.connect() as conn, transaction(conn):
            if self._workspace_id(conn, old) is None:
                raise ValueError(f"There is no workspace named {old!r}.")
            if self._workspace_id(conn, new) is not None:
                raise ValueError(f"A workspace named {new!r} already exists.")
            conn.execute("UPDATE workspaces SET name = ? WHERE name = ?", (new, old))
            if self._active_name(conn) == old:
                conn.execute("UPDATE app SET value = ? WHERE key = 'active'", (new,))

    def delete(self, name: str) -> None:
        """Remove one workspace and everything in it (the others stay)."""
        if not self.exists():
            return
        with self.connect() as conn, transaction(conn):
            wid = self._workspace_id(conn, name)
            if wid is None:
                return
            conn.execute("DELETE FROM evidence WHERE workspace_id = ?", (wid,))
            conn.execute("DELETE FROM settings WHERE workspace_id = ?", (wid,))
            conn.execute("DELETE FROM workspaces WHERE id = ?", (wid,))
            if self._active_name(conn) == name:
                conn.execute("DELETE FROM app WHERE key = 'active'")

    def delete_all(self) -> list[Path]:
        """Delete the database files themselves (not a flag); returns what was removed."""
        removed = []
        for path in self.files():
            path.unlink(missing_ok=True)
            removed.append(path)
        with contextlib.suppress(OSError):
            self.directory.rmdir()  # only if empty: never remove files we did not write
        return removed

    # -- the working set -----------------------------------------------------------------------

    def save(
        self,
        working: WorkingSet,
        name: str | None = None,
        dirty: Collection[str] | None = None,
        expect_revision: int | None = None,
        same_items: bool = False,
    ) -> int | bool:
        """Write the working set in one transaction, touching only rows that changed.

        `dirty`: the ids the caller knows changed (new, edited or moved); only those are
        serialised, which keeps a save after one edit cheap at 10,000 items. Without it every
        row is compared with the stored one. Rows no longer in the set are deleted either way.
        `expect_revision`: the revision this working set was loaded or last saved at; if another
        session saved since, nothing is written and `StaleWorkspace` is raised.
        `same_items`: the caller knows no item was added, changed, moved or removed since its
        last save; only the settings are written.
        Returns the new revision, or False in shared mode (nothing written).
        """
        if self.shared:
            return False
        items = working.dataset.all_items
        wanted = None if dirty is None else set(dirty)
        # Encoded one at a time as SQLite takes them, not all first: the first save of 10,000 +
        # 10,000 held 13.5 MB of rows at once, at the server's busiest moment.
        rows = () if same_items else (
            (item.id, item.kind, position, dumps(item.as_dict()))
            for item, position in evidence_positions(working.dataset)
            if wanted is None or item.id in wanted
        )
        settings = {key: setting_to_json(getattr(working, key)) for key in SETTING_KEYS}
        if expect_revision and not self.path.exists():
            raise WorkspaceDeleted("The saved workspaces were deleted from another tab or window.")
        with self.connect() as conn:
            name = name or self._active_name(conn) or DEFAULT_WORKSPACE
            with transaction(conn):
                if expect_revision and self._workspace_id(conn, name) is None:
                    raise WorkspaceDeleted(f"Workspace “{name}” was deleted from another tab or window.")
                wid = self._workspace_id(conn, name, create=True)
                revision = conn.execute("SELECT revision FROM workspaces WHERE id = ?", (wid,)).fetchone()[0]
                if expect_revision is not None and revision != expect_revision:
                    raise StaleWorkspace(name, expect_revision, revision)
                if self._active_name(conn) is None:
                    conn.execute("INSERT OR REPLACE INTO app(key, value) VALUES ('active', ?)", (name,))
                if same_items:
                    stored, changed = set(), []
                elif wanted is None:
                    stored = {
                        row[0]: (row[1], row[2], row[3])
                        for row in conn.execute(
                            "SELECT id, kind, position, data FROM evidence WHERE workspace_id = ?", (wid,)
                        )
                    }
                    changed = ((wid, *r) for r in rows if stored.get(r[0]) != r[1:])
                else:
                    stored = {
                        row[0]
                        for row in conn.execute("SELECT id FROM evidence WHERE workspace_id = ?", (wid,))
                    }
                    changed = ((wid, *r) for r in rows)
                keep = {item.id for item in items} if stored else set()
                gone = [(wid, i) for i in stored if i not in keep]
                conn.executemany("DELETE FROM evidence WHERE workspace_id = ? AND id = ?", gone)
                conn.executemany(
                    "INSERT OR REPLACE INTO evidence(workspace_id, id, kind, position, data)"
                    " VALUES (?, ?, ?, ?, ?)",
                    changed,
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO settings(workspace_id, key, value) VALUES (?, ?, ?)",
                    [(wid, k, v) for k, v in settings.items()],
                )
                conn.execute(
                    "UPDATE workspaces SET updated = ?, revision = ? WHERE id = ?",
                    (_now(), revision + 1, wid),
                )
        return revision + 1

    def load(self, name: str | None = None) -> WorkingSet | None:
        """The saved working set, or None when there is no such workspace (or shared mode)."""
        if not self.exists():
            return None
        with self.connect() as conn:
            name = name or self.active()
            wid = self._workspace_id(conn, name)
            if wid is None:
                return None
            revision = conn.execute("SELECT revision FROM workspaces WHERE id = ?", (wid,)).fetchone()[0]
            items = [
                evidence_from_dict(json.loads(data))
                for (data,) in conn.execute(
                    "SELECT data FROM evidence WHERE workspace_id = ? ORDER BY position", (wid,)
                )
            ]
            settings = dict(
                conn.execute("SELECT key, value FROM settings WHERE workspace_id = ?", (wid,)).fetchall()
            )
        working = WorkingSet(
            revision=revision,
            dataset=Dataset(
                stories=[i for i in items if isinstance(i, Story) and i.date is not None],
                praise=[i for i in items if isinstance(i, Praise)],
                undated=[i for i in items if isinstance(i, Story) and i.date is None],
                rows_read=len(items),
            ),
        )
        for key in SETTING_KEYS:
            if key in settings:
                value = setting_from_json(settings[key])
                if value is not None:
                    setattr(working, key, value)
        return working

    def export_workbook(self, name: str | None = None) -> bytes | None:
        """The workspace as our round-trip workbook (core.writing.workbook), or None if there is none."""
        from core.writing.workbook import write_workbook  # openpyxl: only when a workbook is asked for

        working = self.load(name)
        if working is None:
            return None
        return write_workbook(working.dataset, working.overrides)


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValueError("A workspace needs a name.")
    if len(name) > 80:
        raise ValueError("Keep the workspace name under 80 characters.")
    return name


def evidence_positions(dataset: Dataset):
    """(item, position) as stored: per kind, so a new story moves no praise; undated stories
    continue the stories' numbering (a story that gets a date moves, and is saved again)."""
    for position, item in enumerate([*dataset.stories, *dataset.undated]):
        yield item, position
    for position, item in enumerate(dataset.praise):
        yield item, position
