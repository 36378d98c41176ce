"""The saved workspace: every part of the working set survives a save and a reopen, workspaces
can be managed, "delete all" removes the files, and old databases are migrated."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from core.analysis.period import Period, calendar_quarters
from core.model import Competency, Dataset, Framework, Origin, Praise, Story
from core.store import codec, location, migrations
from core.store import workspace as wsp
from core.store.workspace import WorkingSet, WorkspaceStore


def story(id_="S1", day=dt.date(2025, 3, 4), **kw) -> Story:
    fields = {"title": "Cut release time", "result": "From 2 days to 2 hours"} | kw
    return Story(id=id_, date=day, **fields)


def full_working_set() -> WorkingSet:
    """A working set with every part filled, including awkward text."""
    framework = Framework(
        "Acme ladder",
        [
            Competency("Impact", "Moves the needle", ("impact", "results"), {"L3": ["Ships", "Measures"]}),
            Competency("Craft", "", (), {}),
        ],
        ["L3", "L4"],
    )
    custom = Framework("Pasted", [Competency("Communication", "Writes clearly")])
    quarters = calendar_quarters(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    period = Period("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), quarters)
    dataset = Dataset(
        stories=[
            story(
                "S1",
                challenge="Releases took two days;\nteams waited",
                action="I wrote =SUM(A1) scripts 🚀",
                competencies=("Impact",),
                impact=4,
                story_kind="win",
                project="Atlas",
                tags=("ci", "speed"),
                link="https://example.com/pr/1",
                metric="-95%",
                extra={"Quarter": "Q1", "Notes": "ünïcode"},
                origin=Origin("wins.xlsx", "Stories", 7),
            ),
            story(
                "S2",
                dt.date(2025, 6, 1),
                title="A hard quarter",
                story_kind="struggle",
                origin=Origin("journal"),
            ),
        ],
        praise=[
            Praise(
                "P1",
                dt.date(2025, 5, 2),
                "You made the launch painless",
                author="Jane Doe",
                role="manager",
                channel="email",
                link="mailto:x",
                competencies=("Craft",),
                hidden=True,
                extra={"Company": "Acme"},
                origin=Origin("Recommendations_Received.csv", None, 3),
            )
        ],
    )
    return WorkingSet(
        dataset=dataset,
        overrides={"S1": ["Impact", "Craft"], "P1": []},
        framework=framework,
        custom_frameworks={"Pasted": custom},
        period=period,
        ratings={"Impact": "L4"},
        draft_options={"tone": "story", "length": "brief", "word_limit": 150},
        column_mapping={"odd.csv": {"date": "When", "title": "What"}},
        source="wins.xlsx",
    )


@pytest.mark.parametrize(
    "part",
    [
        "dataset.stories",
        "dataset.praise",
        "overrides",
        "framework",
        "custom_frameworks",
        "period",
        "ratings",
        "draft_options",
        "column_mapping",
        "source",
    ],
)
def test_every_part_of_the_working_set_survives_save_and_reopen(tmp_path, part):
    saved = full_working_set()
    WorkspaceStore(tmp_path).save(saved)
    loaded = WorkspaceStore(tmp_path).load()  # a new store object: nothing kept in memory

    def get(ws):
        value = ws
        for attr in part.split("."):
            value = getattr(value, attr)
        return value

    assert get(loaded) == get(saved)


def test_period_with_timeline_fields_round_trips(tmp_path):
    from core.analysis.period import parse_period

    period = parse_period("FY2026:4", [dt.date(2025, 5, 1)])
    WorkspaceStore(tmp_path).save(WorkingSet(dataset=Dataset(stories=[story()]), period=period))
    loaded = WorkspaceStore(tmp_path).load().period
    assert loaded == period
    assert hash(loaded) == hash(period)  # frozen and hashable, as caches need


def test_draft_options_dataclass_round_trips(tmp_path):
    from core.writing import draft

    options = draft.DraftOptions(tone="story", length="brief", word_limit=120)
    WorkspaceStore(tmp_path).save(WorkingSet(dataset=Dataset(stories=[story()]), draft_options=options))
    assert WorkspaceStore(tmp_path).load().draft_options == options


def test_edits_and_deletions_are_saved_too(tmp_path):
    store = WorkspaceStore(tmp_path)
    working = full_working_set()
    store.save(working)
    working.dataset.stories[0] = story("S1", title="Renamed")
    del working.dataset.stories[1]
    working.overrides = {}
    store.save(working)
    loaded = store.load()
    assert [s.title for s in loaded.dataset.stories] == ["Renamed"]
    assert loaded.overrides == {}


def test_a_settings_only_save_keeps_every_row_and_writes_the_settings(tmp_path):
    """The app's save after a framework or level is chosen (ui.saving: no item changed since its
    last save) writes the settings alone; every story and quote stays as saved."""
    store = WorkspaceStore(tmp_path)
    working = full_working_set()
    first = store.save(working)
    working.ratings = {"Impact": "L5"}
    working.overrides = {"S1": ["Craft"]}
    assert store.save(working, dirty=[], expect_revision=first, same_items=True) == first + 1
    loaded = store.load()
    assert loaded.ratings == {"Impact": "L5"} and loaded.overrides == {"S1": ["Craft"]}
    assert loaded.dataset.stories == working.dataset.stories
    assert loaded.dataset.praise == working.dataset.praise


def test_order_of_evidence_is_kept(tmp_path):
    stories = [story(f"S{i}", title=f"t{i}") for i in (3, 1, 2)]
    WorkspaceStore(tmp_path).save(WorkingSet(dataset=Dataset(stories=stories)))
    assert [s.id for s in WorkspaceStore(tmp_path).load().dataset.stories] == ["S3", "S1", "S2"]


def test_database_uses_wal_and_current_schema(tmp_path):
    store = WorkspaceStore(tmp_path)
    store.save(full_working_set())
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    conn.close()


# ---------------------------------------------------------------------------------------------
# Several named workspaces
# ---------------------------------------------------------------------------------------------


def test_named_workspaces_are_separate(tmp_path):
    store = WorkspaceStore(tmp_path)
    store.save(WorkingSet(dataset=Dataset(stories=[story("S1", title="Acme win")])), "Acme")
    store.create("Globex")
    store.save(WorkingSet(dataset=Dataset(stories=[story("S1", title="Globex win")])), "Globex")
    assert store.active() == "Globex"
    assert store.load("Acme").dataset.stories[0].title == "Acme win"
    assert store.load().dataset.stories[0].title == "Globex win"
    assert [(w.name, w.stories, w.active) for w in store.list()] == [("Acme", 1, False), ("Globex", 1, True)]


def test_switch_rename_delete(tmp_path):
    store = WorkspaceStore(tmp_path)
    store.save(WorkingSet(dataset=Dataset(stories=[story()])), "2025")
    store.create("2026")
    store.switch("2025")
    assert store.active() == "2025"
    store.rename("2025", "Acme 2025")
    assert store.names() == ["Acme 2025", "2026"]
    assert store.active() == "Acme 2025"
    assert store.load("Acme 2025").dataset.stories[0].id == "S1"
    store.delete("Acme 2025")
    assert store.names() == ["2026"]
    assert store.active() == "2026"
    assert store.load("Acme 2025") is None


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda s: s.create("Acme"), "already exists"),
        (lambda s: s.create("   "), "needs a name"),
        (lambda s: s.rename("Acme", "Globex"), "already exists"),
        (lambda s: s.rename("Nope", "X"), "no workspace"),
        (lambda s: s.switch("Nope"), "no workspace"),
    ],
)
def test_workspace_mistakes_are_explained(tmp_path, action, message):
    store = WorkspaceStore(tmp_path)
    store.create("Acme")
    store.create("Globex")
    with pytest.raises(ValueError, match=message):
        action(store)


def test_export_uses_the_round_trip_workbook(tmp_path):
    from core.ingest.importer import load_uploads

    store = WorkspaceStore(tmp_path)
    working = full_working_set()
    store.save(working, "Acme")
    data = store.export_workbook("Acme")
    back = load_uploads([("acme.xlsx", data)])
    assert [s.title for s in back.stories] == [s.title for s in working.dataset.stories]
    assert [p.text for p in back.praise] == [p.text for p in working.dataset.praise]


def test_delete_all_removes_the_files_not_a_flag(tmp_path):
    home = tmp_path / "home"
    store = WorkspaceStore(home)
    store.save(full_working_set(), "Acme")
    store.create("Globex")
    with sqlite3.connect(store.path) as other:  # a reader left open makes -wal/-shm exist
        other.execute("SELECT 1")
        assert store.files()
    removed = store.delete_all()
    assert store.path in removed
    assert not home.exists() or not any(home.iterdir())
    assert WorkspaceStore(home).load() is None


# ---------------------------------------------------------------------------------------------
# Where data lives, and shared mode
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"HOME": "/home/ann"}, "/home/ann/.local/share/advocate"),
        ("linux", {"HOME": "/home/ann", "XDG_DATA_HOME": "/data/ann"}, "/data/ann/advocate"),
        ("darwin", {"HOME": "/Users/ann"}, "/Users/ann/Library/Application Support/Advocate"),
        ("win32", {"APPDATA": "C:/Users/ann/AppData/Roaming", "USERPROFILE": "C:/Users/ann"},
         "C:/Users/ann/AppData/Roaming/Advocate"),
    ],
)  # fmt: skip
def test_default_data_folder_per_platform(platform, env, expected):
    assert location.default_data_dir(platform, env) == Path(expected)


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {"ADVOCATE_HOME": "/tmp/a", "HOME": "/h"}, "/tmp/a"),
        (["--data-dir", "/tmp/flag"], {"ADVOCATE_HOME": "/tmp/a", "HOME": "/h"}, "/tmp/flag"),
        (["--data-dir=/tmp/flag"], {"HOME": "/h"}, "/tmp/flag"),
        (["-q", "--shared", "tests/x.py"], {"HOME": "/h", "XDG_DATA_HOME": "/x"}, "/x/advocate"),
    ],
)
def test_data_dir_flag_beats_env_beats_default(argv, env, expected):
    assert location.resolve_data_dir(argv, env) == Path(expected)


@pytest.mark.parametrize(
    ("address", "argv", "env", "shared"),
    [
        ("localhost", [], {}, False),
        ("127.0.0.1", [], {}, False),
        ("::1", [], {}, False),
        ("0.0.0.0", [], {}, True),
        ("192.168.1.20", [], {}, True),
        (None, [], {}, True),  # unset: Streamlit listens on every interface
        ("", [], {}, True),
        ("localhost", ["--shared"], {}, True),
        ("localhost", [], {"ADVOCATE_SHARED": "1"}, True),
        ("localhost", [], {"ADVOCATE_SHARED": "0"}, False),
    ],
)
def test_shared_mode_resolution(address, argv, env, shared):
    assert location.resolve_shared(address, argv, env) is shared


def test_shared_store_writes_nothing(tmp_path):
    home = tmp_path / "home"
    store = WorkspaceStore(home, shared=True)
    assert store.save(full_working_set()) is False
    store.create("Acme")
    store.rename("Acme", "B")
    store.delete("B")
    assert store.load() is None
    assert store.list() == []
    assert not home.exists()


@pytest.mark.parametrize(
    ("value", "saved"),
    [
        ({"b": 1, "a": "Zoë’s “launch”"}, '{"a": "Zoë’s “launch”", "b": 1}'),  # sorted, text as it is
        ({"when": dt.date(2025, 3, 4)}, '{"when": "2025-03-04"}'),
        ({"at": dt.datetime(2025, 3, 4, 5, 6, 7)}, '{"at": "2025-03-04T05:06:07"}'),
        ({"tags": ("x", "y"), "ids": frozenset({"S1"})}, '{"ids": ["S1"], "tags": ["x", "y"]}'),
        ({2: "two", 1: "one"}, '{"1": "one", "2": "two"}'),
        ({"o": Origin("a.xlsx", "Stories", 2)}, '{"o": {"file": "a.xlsx", "row": 2, "sheet": "Stories"}}'),
        ({"line": "a\nb\t\"c\""}, '{"line": "a\\nb\\t\\"c\\""}'),
    ],
)
def test_saved_json_is_sorted_and_keeps_text_as_it_is(value, saved):
    assert codec.dumps(value) == saved


def test_a_value_the_workspace_cannot_hold_is_refused_not_written_half(tmp_path):
    """Rows are encoded as SQLite takes them, inside the save's transaction: one that cannot be
    encoded leaves the workspace as it was saved before, not half rewritten."""
    with pytest.raises(TypeError):
        codec.dumps({"x": object()})
    store = WorkspaceStore(tmp_path)
    working = full_working_set()
    store.save(working)
    stories = [story(f"S{i}", title=f"Story {i}") for i in range(1, 5)]
    stories[2] = story("S3", extra={"kept": object()})  # the third row cannot be written
    broken = WorkingSet(dataset=Dataset(stories=stories, praise=working.dataset.praise))
    with pytest.raises(TypeError):
        store.save(broken)
    assert store.load().dataset.all_items == working.dataset.all_items


# ---------------------------------------------------------------------------------------------
# Migrations
# ---------------------------------------------------------------------------------------------


def make_v1_database(path: Path) -> None:
    """A database exactly as schema version 1 wrote it, with a workspace and one story."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    migrations._migrate_to_v1(conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO workspaces(name, created) VALUES ('Old', '2024-01-02T03:04:05+00:00')")
    data = codec.dumps(story("S7", title="Written by v1").as_dict())
    conn.execute("INSERT INTO evidence VALUES (1, 'S7', 'story', 0, ?)", (data,))
    conn.execute("INSERT INTO settings VALUES (1, 'ratings', '{\"Impact\": \"L3\"}')")
    conn.execute("INSERT INTO app VALUES ('active', 'Old')")
    conn.execute("COMMIT")
    conn.close()


def test_v1_database_is_migrated_and_keeps_its_data(tmp_path):
    store = WorkspaceStore(tmp_path)
    make_v1_database(store.path)
    loaded = store.load()
    assert [s.title for s in loaded.dataset.stories] == ["Written by v1"]
    assert loaded.ratings == {"Impact": "L3"}
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    columns = [row[1] for row in conn.execute("PRAGMA table_info(workspaces)")]
    conn.close()
    assert "updated" in columns
    [info] = store.list()
    assert info.updated == "2024-01-02T03:04:05+00:00"  # filled from `created` by the migration
    store.save(loaded)
    assert store.list()[0].updated > info.updated


def test_each_migration_step_applies_in_order(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    assert migrations.migrate(conn, target=1) == 1
    assert "updated" not in [row[1] for row in conn.execute("PRAGMA table_info(workspaces)")]
    assert migrations.migrate(conn) == 2
    assert "updated" in [row[1] for row in conn.execute("PRAGMA table_info(workspaces)")]
    assert migrations.migrate(conn) == 2  # idempotent
    conn.close()


def test_a_newer_database_is_refused_not_damaged(tmp_path):
    store = WorkspaceStore(tmp_path)
    store.save(full_working_set())
    conn = sqlite3.connect(store.path)
    conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = store.path.read_bytes()
    with pytest.raises(RuntimeError, match="newer Advocate"):
        store.load()
    assert store.path.read_bytes() == before


def test_a_save_from_an_out_of_date_copy_is_refused(tmp_path):
    store = WorkspaceStore(tmp_path)
    first = store.save(WorkingSet(dataset=Dataset(stories=[story("S1")])))
    loaded = store.load()
    assert loaded.revision == first == 1
    assert store.save(loaded, expect_revision=loaded.revision) == 2
    with pytest.raises(wsp.StaleWorkspace, match="another tab"):
        store.save(WorkingSet(dataset=Dataset()), expect_revision=1)  # would have deleted S1
    assert [s.id for s in store.load().dataset.stories] == ["S1"]
