"""The start-up benchmark measures what it says: a first visit loads Streamlit's frontend over the
network, a returning user's from the browser's cache (bench/startup.py --returning).

No timing is asserted (the figures are in the README); only that each mode measures the visit it
names, so a README figure for "a returning user" cannot come from cold starts, or the reverse.
"""

from __future__ import annotations

from bench import startup


def test_a_returning_users_start_reads_the_frontend_from_the_browsers_cache():
    report = startup.measure(repeat=1, env=startup.user_env(), returning=True)
    assert not report.get("errors"), report.get("errors")
    assert report["cache_filling_visit"]["frontend_from_cache"] is False  # the first visit fetched it
    assert [run["frontend_from_cache"] for run in report["runs"]] == [True]
    assert report["first_render_s"] > report["browser_connected_s"] > report["server_ready_s"] > 0


def test_a_first_visit_fetches_the_frontend():
    report = startup.measure(repeat=1, env=startup.user_env())
    assert not report.get("errors"), report.get("errors")
    assert [run["frontend_from_cache"] for run in report["runs"]] == [False]
