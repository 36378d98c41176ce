"""The user's working set, saved to a local SQLite database after every change.

A user who curates their evidence for an evening and loses it on a tab reload does not come
back, so everything they can change (evidence with its origin, competency overrides, framework
choice and custom frameworks, review period, self-ratings, draft options, column mappings) lives
in one SQLite file in their data folder. Each save is one transaction in WAL mode, so a crash
mid-save leaves the previous state intact. Several named workspaces share the file.

Shared mode (the app served to others) writes nothing at all: a `WorkspaceStore` made with
`shared=True` never touches the disk.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import os
import sqlite3
import sys
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.model import Competency, Dataset, Framework, Praise, Story, evidence_from_dict
from core.store.merge import Conflict

ENV_HOME = "ADVOCATE_HOME"
ENV_SHARED = "ADVOCATE_SHARED"
DB_NAME = "advocate.sqlite3"
DEFAULT_WORKSPACE = "My workspace"
SCHEMA_VERSION = 2
LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}

# Settings saved per workspace: key -> the WorkingSet attribute holding it.
SETTING_KEYS = (
    "overrides",
    "framework",
    "custom_frameworks",
    "period",
    "ratings",
    "draft_options",
    "column_mapping",
    "source",
    "merge_conflicts",
)


# ---------------------------------------------------------------------------------------------
# Where the data lives, and whether to write at all
# ---------------------------------------------------------------------------------------------


def default_data_dir(platform: str | None = None, env: dict | None = None) -> Path:
    """The platform's per-user data folder, where users (and backup tools) expect app data."""
    platform = platform or sys.platform
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if platform.startswith("win"):
        base = env.get("APPDATA")
        return Path(base) / "Advocate" if base else home / "AppData" / "Roaming" / "Advocate"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Advocate"
    xdg = env.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else home / ".local" / "share") / "advocate"


def _parse_flags(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--shared", action="store_true")
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def resolve_data_dir(argv: Sequence[str] | None = None, env: dict | None = None) -> Path:
    """`--data-dir DIR` (after `--` on `streamlit run`), else $ADVOCATE_HOME, else the default.

    Read on every call, never cached at import, so tests and users can point it elsewhere.
    """
    env = os.environ if env is None else env
    argv = sys.argv[1:] if argv is None else argv
    flag = _parse_flags(argv).data_dir
    if flag:
        return Path(flag).expanduser()
    if env.get(ENV_HOME):
        return Path(env[ENV_HOME]).expanduser()
    return default_data_dir(env=env)


def is_loopback(address: str | None) -> bool:
    """True when a server bound to `address` is reachable from this machine only.

    Unset means Streamlit listens on every interface, so it counts as not loopback.
    """
    if not address:
        return False
    address = address.strip().lower()
    return address in LOOPBACK or address.startswith("127.")


def resolve_shared(
    server_address: str | None, argv: Sequence[str] | None = None, env: dict | None = None
) -> bool:
    """Shared mode: `--shared`, ADVOCATE_SHARED=1, or a server not bound to localhost."""
    env = os.environ if env is None else env
    argv = sys.argv[1:] if argv is None else argv
    if _parse_flags(argv).shared:
        return True
    if str(env.get(ENV_SHARED, "")).strip().lower() in {"1", "true", "yes", "on"}:
        return True
    return not is_loopback(server_address)


# ---------------------------------------------------------------------------------------------
# The working set and its (de)serialisation
# ---------------------------------------------------------------------------------------------


@dataclass
class WorkingSet:
    """Everything the user can change, as saved in one workspace."""

    dataset: Dataset = field(default_factory=Dataset)
    overrides: dict[str, list[str]] = field(default_factory=dict)
    framework: Framework | None = None
    custom_frameworks: dict[str, Framework] = field(default_factory=dict)
    period: object | None = None  # core.analysis.period.Period
    ratings: dict = field(default_factory=dict)
    draft_options: dict = field(default_factory=dict)
    column_mapping: dict = field(default_factory=dict)
    source: str = ""
    merge_conflicts: list = field(default_factory=list)  # core.store.merge.Conflict waiting for the user
    revision: int = 0  # the workspace's save counter when loaded (0: never saved)


def _json_default(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot save {type(value).__name__}")


def dumps(value) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False, sort_keys=True)


def framework_to_dict(framework: Framework) -> dict:
    return {
        "name": framework.name,
        "levels": list(framework.levels),
        "competencies": [
            {
                "name": c.name,
                "description": c.description,
                "keywords": list(c.keywords),
                "expectations": {level: list(texts) for level, texts in c.expectations.items()},
            }
            for c in framework.competencies
        ],
    }


def framework_from_dict(data: dict) -> Framework:
    return Framework(
        name=data["name"],
        levels=list(data.get("levels") or []),
        competencies=[
            Competency(
                name=c["name"],
                description=c.get("description", ""),
                keywords=tuple(c.get("keywords") or ()),
                expectations={k: list(v) for k, v in (c.get("expectations") or {}).items()},
            )
            for c in data.get("competencies") or []
        ],
    )


def period_to_dict(period) -> dict:
    """Every field of the Period dataclass, whatever the timeline work adds (kind, fiscal start...)."""
    out = {}
    for f in dataclasses.fields(period):
        value = getattr(period, f.name)
        if f.name == "quarters":
            value = [{"label": q.label, "start": q.start, "end": q.end} for q in value]
        out[f.name] = value
    return json.loads(dumps(out))


def period_from_dict(data: dict):
    """Rebuild a Period, keeping only fields the current Period class knows."""
    from core.analysis.period import Period, Quarter

    known = {f.name: f for f in dataclasses.fields(Period)}
    kwargs = {}
    for name, value in data.items():
        if name not in known:
            continue
        if name in ("start", "end") and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        elif name == "quarters":
            value = tuple(
                Quarter(q["label"], dt.date.fromisoformat(q["start"]), dt.date.fromisoformat(q["end"]))
                for q in value
            )
        elif isinstance(value, list):
            value = tuple(value)  # Period is frozen and hashed (cache keys): no lists inside
        kwargs[name] = value
    return Period(**kwargs)


def _encode(value):
    """JSON-ready value with tags for the dataclasses other pages keep in session state."""
    if isinstance(value, Framework):
        return {"__framework__": framework_to_dict(value)}
    if isinstance(value, Conflict):
        return {"__conflict__": value.as_dict()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name == "Period":
            return {"__period__": period_to_dict(value)}
        if name == "DraftOptions":
            return {"__draft_options__": json.loads(dumps(dataclasses.asdict(value)))}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value):
    if isinstance(value, dict):
        if len(value) == 1:
            ((tag, inner),) = value.items()
            if tag == "__framework__":
                return framework_from_dict(inner)
            if tag == "__conflict__":
                return Conflict.from_dict(inner)
            if tag == "__period__":
                return period_from_dict(inner)
            if tag == "__draft_options__":
                try:
                    from core.writing.draft import DraftOptions

                    return DraftOptions(**inner)
                except (ImportError, TypeError, ValueError):
                    return inner
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _setting_to_json(key: str, value) -> str:
    return dumps(_encode(value))


def _setting_from_json(key: str, text: str):
    return _decode(json.loads(text))


# ---------------------------------------------------------------------------------------------
# Schema and migrations
# ---------------------------------------------------------------------------------------------

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
        raise RuntimeError(
            f"This workspace database was written by a newer Advocate (schema {version}); "
            f"this one understands up to {SCHEMA_VERSION}. Update Advocate to open it."
        )
    while version < target:
        version += 1
        with _transaction(conn):
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version}")
    return version


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------------------------


class StaleWorkspace(RuntimeError):
    """Another session (a second browser tab) saved this workspace since this one loaded it."""

    def __init__(self, name: str, expected: int, found: int):
        super().__init__(
            f"Workspace “{name}” was saved from another tab or window (revision {found}, this page "
            f"had {expected}); nothing was overwritten. Reload the page to see the saved version."
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

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        if self.shared:
            raise RuntimeError("shared mode: nothing is written on this server")
        self.directory.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
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
        with self.connect() as conn, _transaction(conn):
            if self._workspace_id(conn, name) is not None:
                raise ValueError(f"A workspace named {name!r} already exists.")
            self._workspace_id(conn, name, create=True)
            if activate:
                conn.execute("INSERT OR REPLACE INTO app(key, value) VALUES ('active', ?)", (name,))

    def switch(self, name: str) -> None:
        if self.shared:
            return
        with self.connect() as conn, _transaction(conn):
            if self._workspace_id(conn, name) is None:
                raise ValueError(f"There is no workspace named {name!r}.")
            conn.execute("INSERT OR REPLACE INTO app(key, value) VALUES ('active', ?)", (name,))

    def rename(self, old: str, new: str) -> None:
        new = _clean_name(new)
        if self.shared or old == new:
            return
        with self.connect() as conn, _transaction(conn):
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
        with self.connect() as conn, _transaction(conn):
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
    ) -> int | bool:
        """Write the working set in one transaction, touching only rows that changed.

        `dirty`: the ids the caller knows changed (new, edited or moved); only those are
        serialised, which keeps a save after one edit cheap at 10,000 items. Without it every
        row is compared with the stored one. Rows no longer in the set are deleted either way.
        `expect_revision`: the revision this working set was loaded or last saved at; if another
        session saved since, nothing is written and `StaleWorkspace` is raised.
        Returns the new revision, or False in shared mode (nothing written).
        """
        if self.shared:
            return False
        items = working.dataset.items
        wanted = None if dirty is None else set(dirty)
        rows = [
            (item.id, item.kind, position, dumps(item.as_dict()))
            for kind_items in (working.dataset.stories, working.dataset.praise)
            for position, item in enumerate(kind_items)  # per kind: a new story moves no praise
            if wanted is None or item.id in wanted
        ]
        settings = {key: _setting_to_json(key, getattr(working, key)) for key in SETTING_KEYS}
        with self.connect() as conn:
            name = name or self._active_name(conn) or DEFAULT_WORKSPACE
            with _transaction(conn):
                wid = self._workspace_id(conn, name, create=True)
                revision = conn.execute("SELECT revision FROM workspaces WHERE id = ?", (wid,)).fetchone()[0]
                if expect_revision is not None and revision != expect_revision:
                    raise StaleWorkspace(name, expect_revision, revision)
                if self._active_name(conn) is None:
                    conn.execute("INSERT OR REPLACE INTO app(key, value) VALUES ('active', ?)", (name,))
                if wanted is None:
                    stored = {
                        row[0]: (row[1], row[2], row[3])
                        for row in conn.execute(
                            "SELECT id, kind, position, data FROM evidence WHERE workspace_id = ?", (wid,)
                        )
                    }
                    changed = [(wid, *r) for r in rows if stored.get(r[0]) != r[1:]]
                else:
                    stored = {
                        row[0]
                        for row in conn.execute("SELECT id FROM evidence WHERE workspace_id = ?", (wid,))
                    }
                    changed = [(wid, *r) for r in rows]
                keep = {item.id for item in items}
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
                stories=[i for i in items if isinstance(i, Story)],
                praise=[i for i in items if isinstance(i, Praise)],
                rows_read=len(items),
            ),
        )
        for key in SETTING_KEYS:
            if key in settings:
                value = _setting_from_json(key, settings[key])
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


def integrity_ok(path: Path | str) -> bool:
    """SQLite's own full check, for tests and for a "repair" hint in the UI."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
