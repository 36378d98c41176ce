"""Can the data folder be used? One plain answer (what is wrong, where, what to do), never a traceback.

Checked when a session starts and whenever a save fails: the app then keeps working without
saving (and offers the workbook download), instead of repeating an error on every page.
"""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
from pathlib import Path

CHECK_TIMEOUT = 0.5  # seconds to wait for another program's lock when checking


class NewerDatabase(RuntimeError):
    """The database was written by a newer Advocate: never migrate it backwards or touch it."""


class WorkspaceDeleted(RuntimeError):
    """The database (or this workspace) was deleted elsewhere ("Delete all my data" in another tab)."""


class StorageFault(Exception):
    """Why nothing can be saved: `kind`, the `path` concerned, the `problem` and the `remedy`."""

    def __init__(self, kind: str, path: Path, problem: str, remedy: str):
        super().__init__(f"{problem} {remedy}")
        self.kind, self.path, self.problem, self.remedy = kind, Path(path), problem, remedy

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StorageFault) and (self.kind, self.path) == (other.kind, other.path)

    def __hash__(self) -> int:
        return hash((self.kind, self.path))


RESTART = "then restart Advocate."


def not_a_folder(path: Path) -> StorageFault:
    return StorageFault(
        "not_a_folder", path, f"The data folder {path} is a file, not a folder.",
        "Point ADVOCATE_HOME or `--data-dir` at a folder (or move that file away), " + RESTART,
    )  # fmt: skip


def not_writable(path: Path, reason: str) -> StorageFault:
    return StorageFault(
        "not_writable", path, f"Advocate cannot create or write the data folder {path} ({reason}).",
        "Choose a folder you can write with ADVOCATE_HOME or `--data-dir`, " + RESTART,
    )  # fmt: skip


def locked(path: Path) -> StorageFault:
    return StorageFault(
        "locked", path, f"The workspace database {path} is locked by another program.",
        "Close the other program (another Advocate, a database browser, a backup tool), "
        "then reload this page.",
    )  # fmt: skip


def newer(path: Path, message: str) -> StorageFault:
    return StorageFault(
        "newer_version", path, message,
        "Update Advocate, or point ADVOCATE_HOME or `--data-dir` at another folder; "
        "the file is left untouched.",
    )  # fmt: skip


def damaged(path: Path, reason: str) -> StorageFault:
    return StorageFault(
        "damaged", path, f"The workspace database {path} could not be opened ({reason}).",
        "The file is left untouched: move it away to start afresh, or use Journal > Workspaces > "
        "Delete all my data.",
    )  # fmt: skip


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def fault_from(exc: BaseException, directory: Path, db_path: Path) -> StorageFault | None:
    """The StorageFault an exception raised while saving or loading means, or None if it is not one."""
    if isinstance(exc, StorageFault):
        return exc
    if isinstance(exc, NewerDatabase):
        return newer(db_path, str(exc))
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
        return locked(db_path)
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return not_a_folder(_first_file(directory) or directory)
    if isinstance(exc, OSError):
        return not_writable(directory, _reason(exc))
    if isinstance(exc, sqlite3.DatabaseError):
        return damaged(db_path, str(exc))
    return None


def _first_file(directory: Path) -> Path | None:
    """The path itself or the nearest parent that exists and is not a folder."""
    for path in (directory, *directory.parents):
        if path.exists():
            return None if path.is_dir() else path
    return None


def _probe_write(folder: Path) -> None:
    """Create and remove a temporary entry: the only honest test (permissions say nothing to root,
    nor about a read-only file system)."""
    with tempfile.TemporaryDirectory(prefix=".advocate-probe-", dir=folder):
        pass


def check_data_dir(directory: Path | str, db_name: str, supported: int) -> StorageFault | None:
    """None when the folder (or the folder it would be created in) can hold the workspace."""
    directory = Path(directory)
    blocker = _first_file(directory)
    if blocker is not None:
        return not_a_folder(blocker)
    existing = next(p for p in (directory, *directory.parents) if p.exists())
    try:
        _probe_write(existing)
    except OSError as exc:
        return not_writable(directory, _reason(exc))
    db_path = directory / db_name
    if not db_path.exists():
        return None
    return check_database(db_path, supported)


def check_database(db_path: Path, supported: int) -> StorageFault | None:
    """Newer schema (than `supported`), damaged file or a write lock held by another program."""
    try:
        conn = sqlite3.connect(db_path, timeout=CHECK_TIMEOUT, isolation_level=None)
    except sqlite3.Error as exc:
        return damaged(db_path, str(exc))
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > supported:
            return newer(
                db_path,
                f"The workspace database {db_path} was written by a newer Advocate (schema {version}; "
                f"this one reads up to {supported}).",
            )
        conn.execute("BEGIN IMMEDIATE")  # waits CHECK_TIMEOUT for another writer, then says so
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return locked(db_path)
        return damaged(db_path, str(exc))
    except sqlite3.DatabaseError as exc:
        return damaged(db_path, str(exc))
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
    return None
