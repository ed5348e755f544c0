"""Journey: a visitor opens /netwerk/, reads the map of the local networks and its table,
opens a local network's page and finds a members-only document marked as such."""

import re

import pytest
from playwright.sync_api import expect

from netwerk.documents import Visibility
from netwerk.models import Body
from tests.browser.a11y import assert_accessible
from tests.netwerk.bodies_helpers import attach, make_meeting


@pytest.fixture
def halle_meeting(reference_data):
    halle = Body.objects.get(slug="lokaal-netwerk-halle")
    meeting = make_meeting(halle, place="Stadhuis Halle", agenda="Schoolondersteuning")
    public = attach(meeting, "Presentatie schoolondersteuning", Visibility.PUBLIC)
    private = attach(meeting, "Interne nota", Visibility.MEMBERS)
    return halle, public, private


def test_visitor_finds_a_local_network_and_its_documents(page, halle_meeting):
    halle, public, private = halle_meeting
    page.goto("/")
    navigation = page.get_by_role("navigation", name="Hoofdnavigatie")
    navigation.get_by_role("link", name="Netwerk").click()
    expect(page).to_have_url(re.compile(r"/netwerk/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Het netwerk")
    assert_accessible(page)

    map_ = page.get_by_role("group", name="Kaart van Vlaams-Brabant met de lokale netwerken")
    expect(map_).to_be_visible()
    table = page.get_by_role("table", name="Gemeenten per lokaal netwerk")
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(1 + 5 + 1)  # head, networks, the rest
    halle_row = table.get_by_role("row", name=re.compile("Lokaal netwerk Halle"))
    expect(halle_row).to_contain_text("Beersel")

    halle_row.get_by_role("link", name="Lokaal netwerk Halle").click()
    expect(page).to_have_url(re.compile(rf"{halle.get_absolute_url()}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokaal netwerk Halle")
    assert_accessible(page)

    expect(page.get_by_role("link", name="Presentatie schoolondersteuning")).to_be_visible()
    expect(page.get_by_role("link", name="Interne nota")).to_have_count(0)
    note = page.get_by_role("listitem").filter(has_text="Interne nota")
    expect(note).to_contain_text("enkel voor leden")
    expect(note.get_by_role("link", name="Meld je aan om het te openen")).to_be_visible()

    # The file itself, by URL: a redirect to the login page, never the bytes.
    response = page.request.get(private.get_absolute_url(), max_redirects=0)
    assert response.status == 302
    assert "/admin/login/" in response.headers["location"]
    assert page.request.get(public.get_absolute_url()).status == 200
