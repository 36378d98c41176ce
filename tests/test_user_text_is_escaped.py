"""User text reaches Markdown only through `ui.safe.md` (pages/, ui/ and app.py), checked statically.

The checker (tests/user_text_check.py) is itself tested on planted calls: each bad call below is
one way user text leaked before (Timeline cards, "Yes, delete {id}", the workspace caption...).
"""

from __future__ import annotations

import pytest
from user_text_check import check_source, check_tree

from tests.conftest import ROOT
from ui.safe import md

BAD = {
    "f-string label": 'st.checkbox(f"Yes, delete {item_id}")',
    "f-string caption": 'st.caption(f"— {quote.author}, {quote.role}")',
    "attribute": "st.markdown(story.title)",
    "bare variable": "name = workspace.name\nst.sidebar.caption(name)",
    "parameter": "def card(title):\n    st.markdown(title)",
    "format": 'st.info("Merged {}".format(row.id))',
    "percent": 'st.warning("Conflict in %s" % row_id)',
    "concatenation": 'st.button("Delete " + item.id)',
    "join": 'st.caption(", ".join(names))',
    "container call": 'left, right = st.columns(2)\nright.markdown(f"**{story.id}**")',
    "help": 'st.text_input("Name", help=workspace)',
    "tab titles": "st.tabs([framework.name, 'Other'])",
    "expander": 'with st.expander(f"{story.title} ({story.id})"):\n    pass',
    "metric label": "st.metric(framework.name, 3)",
    "toast": 'st.toast(f"Saved {story.title}")',
    "write": "st.write(story.result)",
    "radio options": "st.radio('Pick', names)",
    "radio format_func": "st.radio('Pick', ids, format_func=lambda i: labels[i])",
    "str() of user text": "st.caption(str(story.title))",
    "md then unescaped": 'st.markdown(md(a) + story.title)',
    "loop variable": "for tip in tips:\n    st.markdown(f'- {tip}')",
    "unsafe_allow_html": "st.markdown(html, unsafe_allow_html=True)",
    "conditional alert": '(st.error if errors else st.warning)(f"{source}: 2 errors")',
    "progress text": 'st.progress(0.5, text=f"{level} strength")',
    "session message": 'st.error(st.session_state["journal_story_error"])',
    "exception text": 'st.caption(f"Colouring failed ({exc})")',
}
GOOD = {
    "constant": 'st.markdown("## Your year")',
    "md": "st.markdown(md(story.title))",
    "f-string of md": 'st.checkbox(f"Yes, delete {md(item_id)}")',
    "numbers": 'st.caption(f"{len(items)} items, {share:.0%} weighted, {score:.2f}")',
    "date format": 'st.caption(f"From {start:%d %b %Y}")',
    "join of md": 'st.caption(", ".join(md(n) for n in names))',
    "map md": 'st.caption(", ".join(map(md, names)))',
    "local assigned md": 'title = md(story.title) if story.title else "Untitled"\nst.markdown(title)',
    "constant table": 'st.caption(LABELS[kind])',
    "constant table get": "st.radio('Kind', KINDS, format_func=KIND_LABELS.get)",
    "dict literal get": "st.radio('Kind', ['a'], format_func={'a': 'A'}.get)",
    "md format_func": "st.radio('Pick', ids, format_func=md)",
    "lambda of md": "st.radio('Pick', ids, format_func=lambda i: md(labels[i]))",
    "constant options": "st.radio('Pick', ['Yes', 'No'])",
    "md replace": 'st.markdown("> " + md(quote).replace("\\n", "\\n> "))',
    "selectbox options are plain text": "st.selectbox('Item', ids, format_func=lambda i: labels[i])",
    "logging is not streamlit": 'logger.warning(f"bad row {row}")',
    "format of md": 'st.info("Merged {}".format(md(row.id)))',
}


@pytest.mark.parametrize("source", BAD.values(), ids=BAD.keys())
def test_the_checker_catches_user_text_reaching_markdown(source):
    assert check_source(source), f"not caught: {source}"


@pytest.mark.parametrize("source", GOOD.values(), ids=GOOD.keys())
def test_the_checker_accepts_constants_and_md(source):
    assert check_source(source) == []


def test_pages_and_ui_pass_user_text_through_md():
    findings = check_tree(ROOT)
    assert not findings, "user text reaches Markdown without ui.safe.md:\n" + "\n".join(map(str, findings))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("![x](http://127.0.0.1:9/a.png)", "!\\[x\\](\u200bhttp\\://127.0.0.1:9/a.png)"),
        ('<img src="https://a.test/x">', '\\<img src="\u200bhttps\\://a.test/x"\\>'),
        ("see www.example.test", "see \u200bwww\\.example.test"),
        ("mail me@example.test", "mail me\\@\u200bexample.test"),
        ("plain http text", "plain http text"),
        (None, ""),
    ],
)
def test_md_leaves_no_image_html_or_bare_link(text, shown):
    """Streamlit's GFM renderer links bare URLs even after escapes: a zero-width space stops it."""
    assert md(text) == shown
