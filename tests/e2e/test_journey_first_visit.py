"""Journey 1: a newcomer opens Advocate and walks every page on the bundled sample data."""

from __future__ import annotations

from e2e_support import (
    CHART_SELECTOR,
    PAGES,
    errors_on_page,
    foreign_requests,
    go_to,
    main_text,
    open_app,
    wait_for_charts,
)

# Pages whose core is a chart: a first visit must show at least this many drawn figures.
MIN_CHARTS = {"Timeline": 2, "Competencies": 1}


def test_first_visit_every_page_renders_on_the_sample(page, server, recorder):
    open_app(page, server)
    assert not errors_on_page(page), errors_on_page(page)[0][:500]
    assert "sample" in main_text(page).lower(), "the first page should say it shows the sample data"
    failures = []
    for title, _path in PAGES:
        go_to(page, title)
        errors = errors_on_page(page)
        if errors:
            failures.append(f"{title}: error element: {errors[0][:300]}")
            continue
        heading = page.locator('[data-testid="stMain"] h1').first.inner_text()
        if title.lower() not in heading.lower():
            failures.append(f"{title}: first heading is {heading!r}")
        want = MIN_CHARTS.get(title, 0)
        drawn = wait_for_charts(page, want)
        if drawn < want:
            failures.append(f"{title}: {drawn} drawn charts ({CHART_SELECTOR}), want {want}")
    assert not recorder.page_errors, recorder.page_errors
    assert recorder.requests, "the request recorder saw nothing: the privacy checks would be vacuous"
    assert not foreign_requests(recorder, server), foreign_requests(recorder, server)
    assert not failures, "\n".join(failures)
