"""User text reaches Markdown only through `ui.safe.md` (pages/, ui/ and app.py), checked statically.

The checker (tests/user_text_check.py) is itself tested on planted calls: each bad call below is
one way user text leaked before (Timeline cards, "Yes, delete {id}", the workspace caption...).
"""

from __future__ import annotations

import pytest
from user_text_check import check_source

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

