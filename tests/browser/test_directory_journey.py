"""Journey: a school in Kessel-Lo looks for secondary-school help with truancy.

It narrows the results by type, opens a fiche, keeps two fiches in a
selection and opens the shared selection link in a fresh browser.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import A11yTracker, assert_accessible
from tests.factories import InterventionFactory

LEVEL = "secundair-eerste-graad"


@pytest.fixture
def fiches(reference_data):
    timeout = InterventionFactory(
        name="Time-out De Overstap",
        slug="time-out-de-overstap",
        area=["Leuven", "Herent"],
        types=["time-out"],
        levels=[LEVEL],
        target_groups=["spijbelen"],
    )
    naft = InterventionFactory(
        name="NAFT-traject Terug naar school",
        slug="naft-terug-naar-school",
        area=["Leuven"],
        types=["naft-lange-module"],
        levels=[LEVEL],
        target_groups=["spijbelen"],
        capacity_status="waiting_list",
        waiting_weeks=6,
    )
    # Serves Leuven but not this pupil's level, and one outside the area.
    InterventionFactory(name="Klasmodule basisschool", area=["Leuven"], levels=["basisonderwijs"])
    InterventionFactory(name="Time-out in Halle", area=["Halle"], types=["time-out"], levels=[LEVEL])
    return timeout, naft


def test_school_finds_shortlists_and_shares(page, browser, live_server, fiches, settings):
    settings.SITE_URL = live_server.url  # the share link is absolute
    page.goto("/aanbod/")
    assert_accessible(page)

    page.get_by_label("Postcode of gemeente").fill("Kessel-Lo")
    page.get_by_label(re.compile(r"^Secundair onderwijs, eerste graad")).check()
    page.get_by_label(re.compile(r"^Spijbelen en afwezigheden")).check()
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"waar=Kessel-Lo"))
    results = page.locator(".result-list > li")
    expect(results).to_have_count(2)
    expect(page.get_by_role("status").first).to_contain_text("2")
    assert_accessible(page)

    # Narrow by type.
    page.get_by_label(re.compile(r"^Time-out \(1\)")).check()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Time-out De Overstap")
    assert_accessible(page)

    # Open the fiche and keep it.
    page.get_by_role("link", name="Time-out De Overstap").click()
    expect(page.locator("h1")).to_have_text("Time-out De Overstap")
    assert_accessible(page)
    page.get_by_role("button", name="Bewaar in selectie").click()
    expect(page.locator("main")).to_contain_text("Bewaard in uw selectie")
    assert_accessible(page)

    # Back to a wider search, keep the second fiche from the results.
    page.goto("/aanbod/?waar=Kessel-Lo&niveau=" + LEVEL)
    assert_accessible(page)
    time_out_card = results.filter(has_text="Time-out De Overstap")
    expect(time_out_card).to_contain_text("Bewaard in uw selectie")
    page.get_by_role("button", name=re.compile("Bewaar in selectie.*NAFT-traject")).click()
    assert_accessible(page)

    page.goto("/aanbod/selectie/")
    expect(page.locator("main")).to_contain_text("Time-out De Overstap")
    expect(page.locator("main")).to_contain_text("NAFT-traject Terug naar school")
    share_url = page.get_by_label("Link om te delen").input_value()
    assert "time-out-de-overstap" in share_url and "naft-terug-naar-school" in share_url
    assert_accessible(page)

    # A colleague opens the link in a fresh browser, without the session.
    colleague_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    colleague = colleague_context.new_page()
    colleague.a11y = A11yTracker(colleague)
    colleague.goto(share_url)
    expect(colleague.locator("main")).to_contain_text("Time-out De Overstap")
    expect(colleague.locator("main")).to_contain_text("NAFT-traject Terug naar school")
    expect(colleague.locator("main")).not_to_contain_text("Time-out in Halle")
    assert_accessible(colleague)
    colleague.a11y.finish()
    colleague_context.close()


def test_coverage_map_is_accessible(page, reference_data):
    InterventionFactory(area=["Leuven", "Diest"], types=["time-out"])
    page.goto("/aanbod/kaart/")
    expect(page.locator("svg").first).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Leuven")
    assert_accessible(page)
