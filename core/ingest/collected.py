"""What one load gathers, and how it ends as one Dataset.

Problems and file statuses are collected as files are read; each item is kept once (the very
same evidence in two files is loaded once and reported); ids the file gives are kept (first use
wins) and the others numbered S1.., P1.. in load order, so a re-upload gives the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model import Dataset, FileStatus, Origin, Praise, Problem, RejectedRow, Story


@dataclass
class _Row:
    item: Story | Praise
    explicit_id: str
    status: FileStatus


def _frozen(value):
    """A hashable stand-in for a dict field (extra), for the duplicate check."""
    return tuple(value.items()) if type(value) is dict else value


class Collector:
    """The load's results so far; `dataset()` freezes them (mixed into the importer's loader)."""

    def __init__(self) -> None:
        self.stories: list[Story] = []
        self.praise: list[Praise] = []
        self.undated: list[Story] = []
        self.problems: list[Problem] = []
        self.files: list[FileStatus] = []
        self.overrides: dict[str, list[str]] = {}
        self.rejected: list[RejectedRow] = []
        self.rows: list[_Row] = []
        self.seen: dict[tuple, Origin] = {}  # an item's content -> where it was first read
        self.several_files = False

    def problem(self, file, sheet, row, column, severity, message) -> None:
        self.problems.append(Problem(file, sheet, row, column, severity, message))

    def _file_error(self, status: FileStatus, message: str) -> None:
        status.error = message
        self.problem(status.file, None, None, None, "error", message)

    def _add(self, status: FileStatus, item: Story | Praise, explicit_id: str) -> None:
        """Keep the row unless the very same evidence already came from another file."""
        if not self.several_files:
            self._keep(status, item, explicit_id)
            return
        key = (item.kind, *(_frozen(v) for k, v in vars(item).items() if k not in ("id", "origin")))
        first = self.seen.get(key)
        if first is not None and first.file != status.file:
            where = f"row {first.row}" + (f" of sheet '{first.sheet}'" if first.sheet else "")
            status.rows_skipped += 1
            self.problem(
                status.file, item.origin.sheet, item.origin.row, None, "warning",
                f"Same {item.kind} as {where} in {first.file}: loaded once.",
            )  # fmt: skip
            return
        self.seen.setdefault(key, item.origin)
        self._keep(status, item, explicit_id)

    def _keep(self, status: FileStatus, item: Story | Praise, explicit_id: str) -> None:
        if item.kind == "story":
            status.stories += 1
        else:
            status.praise += 1
        self.rows.append(_Row(item, explicit_id, status))

    def _assign_ids(self) -> None:
        """Keep ids the file gives (first use wins); number the rest S1.., P1.. in load order."""
        reserved = {r.explicit_id for r in self.rows if r.explicit_id}
        used: set[str] = set()
        counters = {"story": 0, "praise": 0}

        def fresh(kind: str) -> str:
            while True:
                counters[kind] += 1
                candidate = f"{'S' if kind == 'story' else 'P'}{counters[kind]}"
                if candidate not in reserved and candidate not in used:
                    return candidate

        for row in self.rows:
            item = row.item
            if row.explicit_id and row.explicit_id not in used:
                item = _numbered(item, row.explicit_id)
            else:
                item = _numbered(item, fresh(item.kind))
                if row.explicit_id:
                    origin = item.origin
                    self.problem(
                        origin.file, origin.sheet, origin.row, "id", "warning",
                        f"Id '{row.explicit_id}' is used more than once: this row was given id {item.id}.",
                    )  # fmt: skip
            used.add(item.id)
            if item.kind == "praise":
                self.praise.append(item)
            else:
                (self.stories if item.date is not None else self.undated).append(item)

    def dataset(self) -> Dataset:
        """Ids assigned, the parts frozen into one Dataset."""
        self._assign_ids()
        return Dataset(
            stories=self.stories,
            praise=self.praise,
            problems=self.problems,
            files=self.files,
            rows_read=sum(f.rows_read for f in self.files),
            rows_skipped=sum(f.rows_skipped for f in self.files),
            overrides=self.overrides,
            undated=self.undated,
            rejected=self.rejected,
        )


def _numbered(item: Story | Praise, new_id: str) -> Story | Praise:
    """The row's item takes its id in place. The loader made it for this reading and nothing else
    holds it yet; copying each frozen item instead cost 0.1 s at 10,000 + 10,000 rows, and
    dataclasses.replace twice that (it runs __init__ again)."""
    object.__setattr__(item, "id", new_id)
    return item
