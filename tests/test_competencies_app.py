"""The Competencies page through the whole app: switch, upload, override, and see it all follow."""

from __future__ import annotations

import html
import json

import pytest

from core.competencies.frameworks import builtin_names, load_builtin
from core.competencies.mapping import assigned, map_items
from ui import state

PAGE = "pages/competencies.py"


@pytest.fixture
def page(app):
    at = app.switch_page(PAGE).run()
    assert not at.exception
    return at


def heatmap(at) -> dict:
    """The heatmap's rows (competency as the chart shows it, entities decoded -> counts per quarter)."""
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    heat = next(c["data"][0] for c in charts if c["data"] and c["data"][0]["type"] == "heatmap")
    return dict(zip(map(html.unescape, heat["y"]), heat["z"], strict=True))


def gap_lines(at) -> list[str]:
    """The gaps list, with the Markdown escaping of user text taken off."""
    return [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("- **")]


def test_default_framework_heatmap_gaps_and_table(page):
    general = load_builtin("General professional")
    assert page.selectbox(key="comp_framework_choice").value == "General professional"
    rows = heatmap(page)
    assert list(rows) == general.names  # framework order, top to bottom
    assert sum(map(sum, rows.values())) > 0
    dataset = page.session_state[state.DATASET]
    table = page.dataframe[-1].value  # the evidence table (an editor)
    assert list(table["id"]) == [item.id for item in dataset.items]
    chosen = assigned(map_items(dataset.items, general), {})
    assert [list(v) for v in table["counts for"]] == [chosen[i] for i in table["id"]]
    assert all(table["why"].str.contains("matched|related ideas|similar wording", regex=True))


@pytest.mark.parametrize("name", [n for n in builtin_names() if n != "General professional"])
def test_switching_framework_changes_the_heatmap(page, name):
    at = page.selectbox(key="comp_framework_choice").set_value(name).run()
    assert not at.exception
    assert list(heatmap(at)) == load_builtin(name).names
    assert at.session_state[state.FRAMEWORK].name == name


def _weakest(at) -> tuple[str, list[str]]:
    """The competency with the fewest (but some) items, and the ids that count for it."""
    dataset = at.session_state[state.DATASET]
    framework = at.session_state[state.FRAMEWORK] or load_builtin("General professional")
    chosen = assigned(map_items(dataset.items, framework), at.session_state[state.OVERRIDES])
    rows = heatmap(at)
    name = min((n for n in rows if sum(rows[n])), key=lambda n: sum(rows[n]))
    return name, [i for i, comps in chosen.items() if name in comps]


def test_override_changes_heatmap_and_gaps_and_survives_a_page_switch(page):
    name, ids = _weakest(page)
    assert not any(f"No evidence for {name} in the review period" in g for g in gap_lines(page))
    at = page
    for item_id in ids:  # the user says each of them supports none
        at = at.selectbox(key="comp_item_pick").set_value(item_id).run()
        at = at.button(key="comp_item_none").click().run()
        assert not at.exception
    assert all(at.session_state[state.OVERRIDES][i] == [] for i in ids)
    assert sum(heatmap(at)[name]) == 0
    assert any(f"No evidence for {name} in the review period" in g for g in gap_lines(at))

    at.switch_page("pages/timeline.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert all(at.session_state[state.OVERRIDES][i] == [] for i in ids)
    assert sum(heatmap(at)[name]) == 0
    assert any(f"No evidence for {name} in the review period" in g for g in gap_lines(at))


def test_change_then_reset_one_mapping(page):
    item_id = page.session_state[state.DATASET].items[0].id
    at = page.selectbox(key="comp_item_pick").set_value(item_id).run()
    before = heatmap(at)["Growth & learning"]
    at.multiselect[0].set_value(["Growth & learning"]).run()
    at = at.button(key="comp_item_save").click().run()
    assert at.session_state[state.OVERRIDES][item_id] == ["Growth & learning"]
    assert sum(heatmap(at)["Growth & learning"]) >= sum(before)
    at = at.button(key="comp_item_reset").click().run()
    assert item_id not in at.session_state[state.OVERRIDES]
    assert heatmap(at)["Growth & learning"] == before


def test_overrides_are_kept_per_framework(page):
    item_id = page.session_state[state.DATASET].items[0].id
    at = page.selectbox(key="comp_item_pick").set_value(item_id).run()
    at = at.button(key="comp_item_none").click().run()
    at = at.selectbox(key="comp_framework_choice").set_value("People manager").run()
    assert item_id not in at.session_state[state.OVERRIDES]  # "none" was said of the General framework
    at = at.selectbox(key="comp_framework_choice").set_value("General professional").run()
    assert at.session_state[state.OVERRIDES][item_id] == []


def test_upload_a_csv_framework_and_use_it(page):
    data = b"competency,description,keywords\nShipping,Gets things out,launch;release\n"
    data += b"Helping,Helps others,mentor\n"
    page.get("file_uploader")[0].upload("my_ladder.csv", data, "text/csv")
    at = page.run()
    assert not at.exception
    assert at.selectbox(key="comp_framework_choice").value == "My ladder"
    assert list(heatmap(at)) == ["Shipping", "Helping"]
    assert "My ladder" in at.session_state[state.CUSTOM_FRAMEWORKS]


def test_broken_upload_is_reported_with_its_row(page):
    page.get("file_uploader")[0].upload("broken.csv", b"title,notes\nx,y\n", "text/csv")
    at = page.run()
    assert not at.exception
    assert any("broken.csv" in e.value for e in at.error)
    problems = at.dataframe[0].value  # the problems table comes before the evidence table
    assert problems.iloc[0]["row"] == 1 and problems.iloc[0]["column"] == "competency"
    assert at.selectbox(key="comp_framework_choice").value == "General professional"


def test_paste_a_framework(page):
    page.text_input(key="comp_paste_name").set_value("Team values")
    page.text_area(key="comp_paste").set_value(
        "Candour: says the hard thing kindly\nCraft: sweats the details"
    )
    at = page.button(key="comp_paste_use").click().run()
    assert not at.exception
    assert at.selectbox(key="comp_framework_choice").value == "Team values"
    assert list(heatmap(at)) == ["Candour", "Craft"]


def test_confirm_all_suggestions_then_filter_the_table(page):
    dataset = page.session_state[state.DATASET]
    mappings = map_items(dataset.items, load_builtin("General professional"))
    expected = {i: a for i, a in assigned(mappings, {}).items() if a and not mappings[i].confirmed}
    button = page.button(key="comp_confirm_all")
    assert button.label == f"Confirm all {len(expected)} suggestions"
    at = button.click().run()
    assert at.session_state[state.OVERRIDES] == expected
    assert at.button(key="comp_confirm_all").disabled
    at = at.selectbox(key="comp_show").set_value("override").run()
    assert set(at.dataframe[-1].value["id"]) == set(expected)
    assert set(at.dataframe[-1].value["source"]) == {"your choice"}


def test_names_the_framework_lacks_are_reported(page):
    at = page.selectbox(key="comp_framework_choice").set_value("People manager").run()
    dataset = at.session_state[state.DATASET]
    mapped = map_items(dataset.items, load_builtin("People manager"))
    unknown = sorted({n for m in mapped.values() for n in m.unmatched})
    assert unknown, "the sample names General-framework competencies the People manager one lacks"
    warning = " ".join(w.value for w in at.warning).replace("\\", "")
    assert all(name in warning for name in unknown)


def test_strength_measure_weighs_the_heatmap(page):
    counts = heatmap(page)
    at = page.get("button_group")[0].set_value("strength").run()
    assert not at.exception
    strength = heatmap(at)
    assert list(strength) == list(counts)
    # Every cell with evidence has some strength, never more than one per item.
    for name in counts:
        for n, w in zip(counts[name], strength[name], strict=True):
            assert (n == 0) == (w == 0) and w <= n


def test_measure_strength_reweighs_the_heatmap_and_back(page):
    """The coverage block is a fragment (a "Measure" change reruns it alone on the server)."""
    counts = heatmap(page)
    at = page.get("segmented_control")[0].set_value("strength").run()
    assert not at.exception, at.exception
    assert any("weighted by how convincing it is per quarter" in c.value for c in at.caption)
    weighed = heatmap(at)
    assert list(weighed) == list(counts)
    assert weighed != counts and sum(map(sum, weighed.values())) <= sum(map(sum, counts.values()))
    at = at.get("segmented_control")[0].set_value("count").run()
    assert heatmap(at) == counts


def test_the_evidence_table_shows_inert_text(app):
    """A table shows text as it is: direction overrides and invisible controls from a file never
    reach it (the ids still map back to the items)."""
    import datetime as dt

    from core.model import Dataset, Praise, Story

    bidi = "Invoice \u202egnp.exe\u202c \u2066x\u2069\ufeff"
    app.session_state[state.DATASET] = Dataset(
        stories=[Story("S\u202e1", dt.date(2025, 3, 1), title=bidi, action=f"I shipped {bidi}")],
        praise=[Praise("P1", dt.date(2025, 4, 1), f"Thanks {bidi}", author=bidi)],
    )
    at = app.switch_page(PAGE).run()
    assert not at.exception
    table = at.dataframe[-1].value
    cells = [str(v) for column in table.columns for v in table[column]]
    assert "S1" in list(table["id"]) and any("Invoice gnp.exe x" in c for c in cells)
    assert not [c for c in cells if any(ch in c for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2069\ufeff")]
