"""Journey: a visitor lands on the home page and finds their way; staff reach the admin."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import assert_accessible
from tests.factories import PASSWORD, UserFactory


def test_home_page_is_accessible_and_navigable_by_keyboard(page):
    page.goto("/")
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)

    # The skip link is the first stop for keyboard users and lands on the content.
    page.keyboard.press("Tab")
    skip = page.locator("a[href='#inhoud']")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()

    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name="Over ons"
    ).click()
    expect(page).to_have_url(re.compile(r"/over-ons/$"))
    assert_accessible(page)

    page.get_by_role("contentinfo").get_by_role("link", name="Privacy").click()
    expect(page.locator("h1")).to_contain_text("Privacy")
    assert_accessible(page)

    page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheid").click()
    expect(page.locator("h1")).to_contain_text("Toegankelijkheid")
    assert_accessible(page)


def test_home_page_reflows_at_320_pixels(page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/")
    assert_accessible(page)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320


def test_works_without_javascript(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    expect(page.locator("h1")).to_have_count(1)
    page.get_by_role("link", name="Over ons").first.click()
    expect(page.locator("h1")).to_contain_text("Over ons")
    context.close()


def test_not_found_page_is_accessible(page):
    response = page.goto("/bestaat-niet/")
    assert response.status == 404
    expect(page.locator("h1")).to_contain_text("Pagina niet gevonden")
    page.a11y.console_errors.clear()  # the browser logs the 404 status itself
    assert_accessible(page)


def test_staff_logs_in_to_the_dutch_admin(page):
    UserFactory(username="medewerker", is_staff=True, is_superuser=True)
    page.goto("/admin/")
    expect(page.get_by_role("button", name="Aanmelden")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill("medewerker")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator("#site-name")).to_contain_text("Meldpunt Schoolexterne Interventies")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer")
    assert_accessible(page)
