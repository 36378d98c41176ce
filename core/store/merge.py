"""Merge: importing into a working set that already has evidence, without losing a row.

Rows are matched by what they say, never by id: an importer numbers rows S1, S2... by their
position, so the corrected version of a file (a row inserted, a date fixed) gives the same id
to a different story. Matching, best first:

1. the very same content (ignoring id and origin): already there, nothing to do;
2. the same row with edits: same date and title (sender for praise), the same text with another
   date (a fixed date), the same title with similar text, the same date with similar text;
3. anything else is a new row, with a fresh id that no saved row uses.

A matched row whose content differs is a `Conflict`: the user's version stays in place until the
user chooses (keep mine, use the file's version, or keep both). Rows of the working set that the
file lacks are kept: nothing disappears unless the user chooses it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from core.model import Dataset, Evidence, Story, evidence_from_dict

CHOICES = ("mine", "theirs", "both")  # keep mine / use the file's version / keep both
SIMILAR = 0.5  # share of distinct words two versions of one text have in common, at least
CLOSE = 0.75  # the same, when nothing but the date agrees
BUCKET_LIMIT = 200  # candidates compared per shared date or title: bounds the worst case
_POSITIONAL = re.compile(r"[SP]\d+")  # ids the importer gives by row position
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Conflict:
    """The same row in the working set and in the file with different content."""

    mine: Evidence
    theirs: Evidence
    reason: str  # e.g. "same date and title", "same text, date changed"
    source: str = "file"  # where `theirs` comes from: "file" (an import) or "tab" (another tab's save)

    @property
    def key(self) -> str:
        """Stable across reruns and reloads: the user's id plus what the file says."""
        digest = hashlib.blake2b(content_key(self.theirs).encode(), digest_size=4).hexdigest()
        return f"{self.mine.id}~{digest}"

    def as_dict(self) -> dict:
        return {
            "mine": self.mine.as_dict(),
            "theirs": self.theirs.as_dict(),
            "reason": self.reason,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Conflict:
        mine, theirs = evidence_from_dict(data["mine"]), evidence_from_dict(data["theirs"])
        return cls(mine, theirs, data["reason"], data.get("source", "file"))


@dataclass
class MergeResult:
    dataset: Dataset
    added: list[str] = field(default_factory=list)  # ids in the merged set
    identical: list[str] = field(default_factory=list)  # ids of mine that the file repeats
    conflicts: list[Conflict] = field(default_factory=list)
    overrides: dict[str, list[str]] = field(default_factory=dict)  # the file's, under merged ids
    kept: list[str] = field(default_factory=list)  # ids of mine the file does not have (kept)
    id_map: dict[str, str] = field(default_factory=dict)  # incoming id -> id in the merged set


def content_key(item: Evidence) -> str:
    """What a row says, ignoring its id and where it came from."""
    import json

    data = item.as_dict()
    data.pop("id", None)
    data.pop("origin", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def _norm(text: str) -> str:
    return " ".join((text or "").casefold().split())


def _body(item: Evidence) -> str:
    if isinstance(item, Story):
        return _norm(" ".join((item.challenge, item.action, item.result, item.description)))
    return _norm(item.text)


def _label(item: Evidence) -> str:
    """The short name a person gives the row: a story's title, a quote's sender."""
    return _norm(item.title if isinstance(item, Story) else item.author)


def similarity(a: str, b: str) -> float:
    """Share of distinct words in common (Jaccard): 1.0 same words, 0.0 nothing shared."""
    wa, wb = set(_WORD.findall(a)), set(_WORD.findall(b))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _candidates(item: Evidence, index: dict) -> Iterable[tuple[float, int, str]]:
    """(score, index of mine, reason) for each row of mine this incoming row may be."""
    kind, date, label, body = item.kind, item.date, _label(item), _body(item)
    what = "title" if kind == "story" else "sender"
    for j in index["label_date"].get((kind, label, date), ()) if label else ():
        sim = similarity(body, index["bodies"][j])
        if kind == "story" or sim >= SIMILAR / 2 or not body:
            yield 3 + sim, j, f"same date and {what}, text edited"
    for j in index["body"].get((kind, body), ()) if body else ():
        moved = index["items"][j].date != date
        yield 3.5, j, "same text, date changed" if moved else f"same text, {what} changed"
    if label:
        for j in index["label"].get((kind, label), ())[:BUCKET_LIMIT]:
            sim = similarity(body, index["bodies"][j])
            if sim >= SIMILAR:
                yield 2 + sim, j, f"same {what} and similar text, date changed"
    if body:
        for j in index["date"].get((kind, date), ())[:BUCKET_LIMIT]:
            sim = similarity(body, index["bodies"][j])
            if sim >= CLOSE:
                yield 1 + sim, j, "same date, similar text"


Pairs = dict[int, tuple[int, str]]  # {incoming index: (index of mine, reason)}


def match_rows(mine: Sequence[Evidence], incoming: Sequence[Evidence]) -> tuple[Pairs, set[int]]:
    """Pair incoming rows with rows of mine, one to one: ({incoming index: (mine index, reason)},
    incoming indexes that are exact copies). Unpaired incoming rows are new."""
    by_content: dict[str, list[int]] = defaultdict(list)
    for j, item in enumerate(mine):
        by_content[content_key(item)].append(j)
    pairs: dict[int, tuple[int, str]] = {}
    exact: set[int] = set()
    taken: set[int] = set()
    for i, item in enumerate(incoming):
        same = by_content.get(content_key(item))
        if same:
            j = same.pop(0)
            pairs[i] = (j, "identical")
            taken.add(j)
            exact.add(i)
    index: dict = {"items": mine, "bodies": [_body(m) for m in mine]}
    for name in ("label_date", "body", "label", "date"):
        index[name] = defaultdict(list)
    for j, item in enumerate(mine):
        if j in taken:
            continue
        label, body = _label(item), index["bodies"][j]
        index["label_date"][(item.kind, label, item.date)].append(j)
        index["body"][(item.kind, body)].append(j)
        index["label"][(item.kind, label)].append(j)
        index["date"][(item.kind, item.date)].append(j)
    scored = []
    for i, item in enumerate(incoming):
        if i not in pairs:
            scored.extend((score, i, j, reason) for score, j, reason in _candidates(item, index))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))  # best first; ties: file order, then mine
    for _score, i, j, reason in scored:
        if i not in pairs and j not in taken:
            pairs[i] = (j, reason)
            taken.add(j)
    return pairs, exact


class IdMaker:
    """Fresh ids for new rows: never one that a saved row, an override or a pending choice uses."""

    def __init__(self, used: Iterable[str]):
        self.used = set(used)
        self.highest = {"S": 0, "P": 0}
        for item_id in self.used:
            if _POSITIONAL.fullmatch(item_id or ""):
                prefix, number = item_id[0], int(item_id[1:])
                self.highest[prefix] = max(self.highest[prefix], number)

    def fresh(self, prefix: str) -> str:
        """The next number after every S.. (or P..) id in use."""
        self.highest[prefix] += 1
        new_id = f"{prefix}{self.highest[prefix]}"
        self.used.add(new_id)
        return new_id

    def __call__(self, item: Evidence, keep: bool = True) -> str:
        """The row's own id when it is the user's (not a position) and free, else the next number."""
        wanted = item.id or ""
        if keep and wanted and not _POSITIONAL.fullmatch(wanted) and wanted not in self.used:
            self.used.add(wanted)
            return wanted
        return self.fresh("S" if isinstance(item, Story) else "P")


def _undated_key(story: Story) -> str:
    data = {k: v for k, v in story.as_dict().items() if k not in ("id", "origin")}
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def next_id(items: Sequence[Evidence], prefix: str) -> str:
    """The next free id in the S1.. / P1.. numbering."""
    return IdMaker(i.id for i in items).fresh(prefix)


def merge(
    current: Dataset,
    incoming: Dataset,
    reserved: Collection[str] = (),
    pending: Sequence[Conflict] = (),
    source: str = "file",
) -> MergeResult:
    """Merge `incoming` into `current` without losing either side (see the module docstring).

    `reserved`: ids no new row may take (saved ids, override keys); `pending`: conflicts still
    waiting for the user, so importing the same file twice does not ask twice.
    """
    mine = current.items
    rows = incoming.items
    pairs, exact = match_rows(mine, rows)
    known = {c.key for c in pending}
    make_id = IdMaker([*(i.id for i in current.all_items), *reserved, *(c.mine.id for c in pending)])
    result = MergeResult(dataset=current)
    stories, praise = list(current.stories), list(current.praise)
    id_map = result.id_map
    for i, item in enumerate(rows):
        if i in pairs:
            j, reason = pairs[i]
            id_map[item.id] = mine[j].id
            if i in exact:
                result.identical.append(mine[j].id)
                continue
            conflict = Conflict(mine[j], item, reason, source)
            if conflict.key not in known:
                result.conflicts.append(conflict)
            continue
        added = dataclasses.replace(item, id=make_id(item))
        (stories if isinstance(item, Story) else praise).append(added)
        result.added.append(added.id)
        id_map[item.id] = added.id
    undated = list(current.undated)
    known_undated = {_undated_key(s) for s in undated}
    for item in incoming.undated:  # no date to match on: the very same story is recognised, the rest added
        if _undated_key(item) in known_undated:
            continue
        added = dataclasses.replace(item, id=make_id(item))
        undated.append(added)
        result.added.append(added.id)
    matched = {pairs[i][0] for i in pairs}
    result.kept = [item.id for j, item in enumerate(mine) if j not in matched]
    result.overrides = {id_map[i]: list(comps) for i, comps in incoming.overrides.items() if i in id_map}
    result.dataset = dataclasses.replace(
        current,
        stories=stories,
        praise=praise,
        undated=undated,
        problems=[*current.problems, *incoming.problems],
        files=[*current.files, *incoming.files],
        rows_read=current.rows_read + incoming.rows_read,
        rows_skipped=current.rows_skipped + incoming.rows_skipped,
        overrides={**current.overrides, **result.overrides},
    )
    return result


def resolve(
    dataset: Dataset, conflicts: Sequence[Conflict], choices: dict[str, str]
) -> tuple[Dataset, list[Conflict]]:
    """Apply the user's choices {conflict key: "mine" | "theirs" | "both"}.

    Returns the new dataset and the conflicts still waiting (no choice yet). Using the file's
    version keeps the user's id; if the user deleted their row meanwhile, the file's row is added.
    """
    make_id = IdMaker(i.id for i in dataset.all_items)
    replace: dict[str, Evidence] = {}
    extra: list[Evidence] = []
    waiting = []
    present = {i.id for i in dataset.items}
    for conflict in conflicts:
        choice = choices.get(conflict.key)
        if choice not in CHOICES:
            waiting.append(conflict)
        elif choice == "theirs" and conflict.mine.id in present and conflict.mine.id not in replace:
            replace[conflict.mine.id] = dataclasses.replace(conflict.theirs, id=conflict.mine.id)
        elif choice != "mine":
            extra.append(dataclasses.replace(conflict.theirs, id=make_id(conflict.theirs, keep=False)))
    if not replace and not extra:
        return dataset, waiting
    items = [replace.get(i.id, i) for i in dataset.items] + extra
    return (
        dataclasses.replace(
            dataset,
            stories=[i for i in items if isinstance(i, Story)],
            praise=[i for i in items if not isinstance(i, Story)],
        ),
        waiting,
    )
