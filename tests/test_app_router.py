"""app.py runs on every page, as in a browser: the sidebar says where the data lives and a change
made on any page is saved for the next visit."""

from __future__ import annotations

import pytest
from test_journal_app import new_session
from test_readiness_app import COMPETENCIES, _pick_level
from test_workspace_app import upload

from ui import state

pytestmark = pytest.mark.usefixtures("bound_to_localhost")
PAGES = ["pages/import_data.py", "pages/timeline.py", "pages/competencies.py", "pages/draft.py",
         "pages/journal.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_sidebar_note_about_saving(app, page):
    app.switch_page(page).run()
    assert not app.exception, app.exception
    captions = [c.value for c in app.sidebar.caption]
    assert "Showing the sample data: nothing is saved until you add or import your own." in captions


def test_a_level_picked_on_competencies_is_there_after_a_reload(advocate_home, fixture_bytes):
    at = new_session()
    upload(at, *fixture_bytes("reupload_v1.csv"))
    at.switch_page(COMPETENCIES).run()
    _pick_level(at, "Proficient")
    assert "Saved automatically in workspace “" in " ".join(c.value for c in at.sidebar.caption)

    again = new_session()
    assert again.session_state[state.READINESS]["level"] == "Proficient"
    again.switch_page(COMPETENCIES).run()
    assert next(s for s in again.selectbox if s.label == "My level").value == "Proficient"
