"""The accessibility harness itself: it must catch what it is there to catch."""

import pytest

from tests.browser.a11y import A11yTracker, axe_violations


@pytest.fixture
def bare_page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_axe_reports_wcag_violations(bare_page):
    bare_page.set_content("<html><body><img src='data:,'><a href='#'></a></body></html>")
    rules = {violation["id"] for violation in axe_violations(bare_page)}
    assert {"html-has-lang", "image-alt", "link-name"} <= rules


def test_tracker_fails_a_test_that_skipped_a_check(bare_page, live_server, transactional_db):
    tracker = A11yTracker(bare_page)
    bare_page.goto(live_server.url + "/")
    bare_page.goto(live_server.url + "/privacy/")
    with pytest.raises(AssertionError, match="visited without an axe check"):
        tracker.finish()


def test_tracker_reports_console_errors(bare_page, live_server, transactional_db):
    tracker = A11yTracker(bare_page)
    bare_page.goto(live_server.url + "/")
    bare_page.evaluate("console.error('kapot')")
    with pytest.raises(AssertionError, match="kapot"):
        tracker.finish()
