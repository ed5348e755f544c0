"""Journey: a teacher looks for help with absences through the themes.

From /themas/ to a theme, narrows its resources to those for the CLB, opens a
resource and the inspiring practices — zero axe violations on every page.
"""

import re

from playwright.sync_api import expect

from tests.browser.a11y import assert_accessible
from tests.factories import InterventionFactory
from tests.netwerk.themes_factories import ResourceFactory

THEME = "spijbelen-en-problematische-afwezigheden"


def test_visitor_finds_a_resource_through_a_theme(page, reference_data):
    ResourceFactory(
        title="Video voor ouders over spijbelen", kind="video", themes=[THEME],
        audiences=["ouders"],
    )
    InterventionFactory(name="Time-out Terug naar school", themes=[THEME])

    page.goto("/themas/")
    assert_accessible(page)
    expect(page.locator("h1")).to_have_text("Thema's")
    page.get_by_role("link", name="Spijbelen en problematische afwezigheden").click()
    expect(page.locator("h1")).to_have_text("Spijbelen en problematische afwezigheden")
    assert_accessible(page)
    cards = page.locator(".result-list > li")
    expect(cards.filter(has_text="Video voor ouders over spijbelen")).to_have_count(1)
    expect(page.get_by_role("link", name="Time-out Terug naar school")).to_be_visible()

    # Only what is meant for the CLB.
    page.get_by_label("CLB's").check()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page).to_have_url(re.compile(r"doelgroep=clb"))
    expect(cards.filter(has_text="Video voor ouders")).to_have_count(0)
    expect(cards.filter(has_text="Vlaamse leidraad problematische afwezigheden")).to_have_count(1)
    assert_accessible(page)

    # A bad value typed in the address gets a message, not an error page.
    page.goto(f"/themas/{THEME}/?soort=onbekend")
    expect(page.locator(".invalid-feedback")).to_contain_text("is geen keuze uit de lijst")
    assert_accessible(page)

    page.get_by_role("link", name="Vlaamse leidraad problematische afwezigheden").click()
    expect(page.locator("h1")).to_have_text("Vlaamse leidraad problematische afwezigheden")
    expect(page.get_by_role("link", name=re.compile("^Open de website"))).to_be_visible()
    assert_accessible(page)

    page.goto("/themas/praktijken/")
    expect(page.locator("h1")).to_have_text("Inspirerende praktijken")
    assert_accessible(page)
