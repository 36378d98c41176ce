"""The dataset fingerprint keys every analysis cache: it must change with the evidence, and a
dataset just read from files must not pay for hashing its items (ui.cache.load_files)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ui import cache

FIXTURES = Path(__file__).parent / "fixtures"
WINS = ("lo_my_wins_2026.ods", (FIXTURES / "lo_my_wins_2026.ods").read_bytes())
MARKETING = ("lo_marketing_wins.xlsx", (FIXTURES / "lo_marketing_wins.xlsx").read_bytes())


@pytest.fixture
def no_item_hashing(monkeypatch):
    def refuse(dataset):
        raise AssertionError("the items were hashed")

    monkeypatch.setattr(cache, "_streamed_hash", refuse)


def _read(files, **choices):
    cache.load_files.clear()  # a fresh object each time, as after the cache let it go
    return cache.load_files(tuple(files), **choices)


def test_files_just_read_have_a_fingerprint_without_hashing_their_items(no_item_hashing):
    first, again = _read([WINS]), _read([WINS])
    assert first is not again and first.stories
    assert cache.dataset_fingerprint(first) == cache.dataset_fingerprint(again)


@pytest.mark.parametrize(
    ("files", "choices"),
    [
        ([MARKETING], {}),  # other bytes
        ([WINS, MARKETING], {}),  # another file beside it
        ([WINS], {"years": {"lo_my_wins_2026.ods": 2024}}),  # an answer that changes what is read
        ([WINS], {"include_hidden": True}),
    ],
)
def test_another_reading_has_another_fingerprint(no_item_hashing, files, choices):
    assert cache.dataset_fingerprint(_read(files, **choices)) != cache.dataset_fingerprint(_read([WINS]))


def test_an_edited_dataset_is_fingerprinted_by_its_content():
    read = _read([WINS])
    story = read.stories[0]

    def edited():
        changed = dataclasses.replace(story, result=story.result + " Shipped a week early.")
        return dataclasses.replace(read, stories=[changed, *read.stories[1:]])

    one, other = edited(), edited()
    assert cache.dataset_fingerprint(one) == cache.dataset_fingerprint(other)
    assert cache.dataset_fingerprint(one) != cache.dataset_fingerprint(read)
