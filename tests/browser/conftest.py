"""Browser-test harness: Playwright driving Debian's Chromium against a live server.

Every page a browser test visits gets an axe-core check (WCAG 2.0/2.1 A and
AA): call ``assert_accessible(page)`` after each navigation; when a test ends,
the page it is on is checked if it was not yet, and a test that navigated
past a page without checking it fails. Console errors (a script blocked by the
Content-Security-Policy, a missing static file) fail the test too.

Without Chromium the tests are skipped with a notice; with CI set they fail.
"""

import importlib
import os
import shutil
from pathlib import Path

import pytest

from tests.browser.a11y import A11yTracker

# Playwright's sync API runs an event loop in this thread; Django refuses ORM
# calls from a thread with a running loop unless told it is safe (it is:
# the test thread does not share connections with the loop).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def find_chromium():
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


CHROMIUM = find_chromium()
NO_CHROMIUM = "Chromium not found (/usr/bin/chromium or CHROMIUM_PATH): browser tests skipped"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    if not CHROMIUM and not os.environ.get("CI"):
        terminalreporter.write_sep("!", "NOTICE: " + NO_CHROMIUM, yellow=True, bold=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM:
        if os.environ.get("CI"):
            # In CI a skipped browser test would hide a broken journey.
            pytest.fail(f"CI is set but {NO_CHROMIUM}", pytrace=False)
        pytest.skip(NO_CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db, request):
    """A fresh browser tab on the live server, with the a11y and console checks."""
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    tracker = A11yTracker(page)
    page.a11y = tracker
    yield page
    try:
        if not getattr(request.node, "rep_call_failed", False):
            tracker.finish()
    finally:
        context.close()


@pytest.fixture
def new_page(browser, live_server, transactional_db, request):
    """Open more tabs, each in a fresh browser context (another person: no shared cookies),
    with the same a11y and console checks as ``page``."""
    opened = []

    def open_page():
        context = browser.new_context(base_url=live_server.url, locale="nl-BE")
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.a11y = A11yTracker(tab)
        opened.append((context, tab))
        return tab

    yield open_page
    try:
        if not getattr(request.node, "rep_call_failed", False):
            for _context, tab in opened:
                tab.a11y.finish()
    finally:
        for context, _tab in opened:
            context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call_failed = report.failed
    return report


# Data migrations whose rows a live-server test's flush removes.
SEED_MIGRATIONS = [
    ("netwerk.migrations.0005_seed_themes", "seed_themes"),
    ("netwerk.themes.seeds", "seed"),
    ("meldpunt.migrations.0002_managed_lists", "seed"),
    ("meldpunt.migrations.0005_seed_desk_lists", "seed"),
    ("netwerk.migrations.0010_seed_agenda", "seed"),
    ("netwerk.bodies.seeds", "seed"),
]


@pytest.fixture
def reference_data(transactional_db):
    """Live-server tests flush the database; put the reference data back."""
    from django.apps import apps

    from netwerk.geography import load_geography, seed_regions

    load_geography()
    seed_regions()
    for module, function in SEED_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
