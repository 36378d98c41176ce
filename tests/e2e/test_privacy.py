"""Privacy: the app is served to this machine only, tells nobody, logs no story, keeps sessions apart.

The request recording of the full new-user journey lives in test_journey_new_user.py (it asserts
the same `foreign_requests` check at its end); these tests cover what that journey can't.
"""

from __future__ import annotations

import tomllib
import urllib.request
from pathlib import Path

from e2e_data import MARKERS, my_year_xlsx, single_story_csv
from e2e_support import (
    PAGES,
    ROOT,
    assert_no_errors,
    files_written_outside_workspace,
    foreign_requests,
    go_to,
    main_text,
    metric_value,
    new_page,
    open_app,
    start_server,
    stop_server,
    upload,
)

LOOPBACK_V4 = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it
LOOPBACK_V6 = "00000000000000000000000001000000"  # ::1


def test_config_serves_localhost_only_without_usage_statistics():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] in ("localhost", "127.0.0.1")
    assert config["browser"]["gatherUsageStats"] is False


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a listening TCP socket on `port`, read from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A = LISTEN
                found.add(address)
    return found


def test_started_with_the_projects_config_it_listens_on_loopback_only(tmp_path):
    """No --server.address: the repo's .streamlit/config.toml alone must keep the server private."""
    server = start_server(tmp_path, address=None)
    try:
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5) as resp:
            assert resp.status == 200
        addresses = listening_addresses(server.port)
    finally:
        stop_server(server)
    assert addresses, "found no listening socket for the server"
    assert addresses <= {LOOPBACK_V4, LOOPBACK_V6}, f"listening beyond loopback: {addresses}"


def test_every_page_on_an_upload_requests_only_the_local_server_and_logs_no_story(
    page, server, recorder
):
    """Upload real-looking evidence and open every page: nothing leaves, nothing personal is logged."""
    open_app(page, server)
    upload(page, [("my_year.xlsx", my_year_xlsx())])
    assert metric_value(page, "Stories", expect="8") == "8"
    for title, _path in PAGES:
        go_to(page, title)
        assert_no_errors(page, title)
    assert recorder.requests
    assert not foreign_requests(recorder, server), foreign_requests(recorder, server)
    log = server.log()
    leaked = [m for m in MARKERS if m in log]
    assert not leaked, f"story text in the server log: {leaked}"
    assert not files_written_outside_workspace(server), files_written_outside_workspace(server)


def test_two_sessions_never_see_each_others_data(browser, shared_server):
    """Two people on one shared server upload different files; each sees only their own story.

    (On a local server the tabs of the one user share the saved workspace by design, so isolation
    is a property of shared mode, where the app is served to several people.)
    """
    server = shared_server
    uploads = {
        "alpha": ("alpha.csv", single_story_csv("Nimbuscorp launch plan", "Signed 3 Nimbuscorp partners.")),
        "beta": ("beta.csv", single_story_csv("Quorvex rollout", "Moved 9 Quorvex teams over.")),
    }
    sessions = {}
    try:
        for name in ("alpha", "beta"):  # both upload before either looks: caches see both at once
            context, pg = new_page(browser)
            sessions[name] = (context, pg)
            open_app(pg, server)
            upload(pg, [uploads[name]])
        for name, (_context, pg) in sessions.items():
            mine = "Nimbuscorp" if name == "alpha" else "Quorvex"
            theirs = "Quorvex" if name == "alpha" else "Nimbuscorp"
            go_to(pg, "Import")
            assert metric_value(pg, "Stories", expect="1") == "1"
            assert f"{uploads[name][0]}" in main_text(pg)
            for title, _path in PAGES[1:]:
                go_to(pg, title)
                html = pg.content()
                assert theirs not in html, f"{name} sees the other session's data on {title}"
                if title == "Draft":
                    assert mine in html, f"{name}'s own story is missing from its draft"
    finally:
        for context, _pg in sessions.values():
            context.close()
    written = [str(p) for p in server.home.rglob("*")] + files_written_outside_workspace(server)
    assert not written, f"shared mode wrote files on the server: {written}"
