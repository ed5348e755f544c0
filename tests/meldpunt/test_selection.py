"""The shortlist without account (/aanbod/selectie/)."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt import selection
from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db

URL = reverse("meldpunt:selection")
ADD = reverse("meldpunt:selection_add")
REMOVE = reverse("meldpunt:selection_remove")


def page(response):
    return unescape(response.content.decode())


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def fiches():
    return [
        InterventionFactory(name="Time-out Hageland", slug="time-out-hageland"),
        InterventionFactory(name="Zorgboerderij De Linde", slug="zorgboerderij-de-linde"),
        InterventionFactory(name="Dagbesteding Zenne", slug="dagbesteding-zenne"),
    ]


def stored(client):
    return client.session.get(selection.SESSION_KEY, [])


def test_empty_selection_explains_how_to_add(anonymous):
    response = anonymous.get(URL)
    assert response.status_code == 200
    html = page(response)
    assert "Uw selectie is nog leeg." in html
    assert "„Bewaar in selectie”" in html
    assert reverse("meldpunt:search") in html


def test_add_stores_the_slug_and_returns_to_next(anonymous, fiches):
    response = anonymous.post(ADD, {"slug": "time-out-hageland", "next": "/aanbod/?soort=time-out"})
    assert response.status_code == 302
    assert response.url == "/aanbod/?soort=time-out"
    assert stored(anonymous) == ["time-out-hageland"]
    response = anonymous.get(URL)
    assert "„Time-out Hageland” staat nu in uw selectie." in messages_of(response)
    assert "Time-out Hageland" in page(response)


def test_add_keeps_the_order_and_no_duplicates(anonymous, fiches):
    for slug in ["zorgboerderij-de-linde", "time-out-hageland", "zorgboerderij-de-linde"]:
        anonymous.post(ADD, {"slug": slug})
    assert stored(anonymous) == ["zorgboerderij-de-linde", "time-out-hageland"]
    response = anonymous.get(URL)
    html = page(response)
    assert html.index("Zorgboerderij De Linde") < html.index("Time-out Hageland")
    assert "„Zorgboerderij De Linde” stond al in uw selectie." in messages_of(response)


@pytest.mark.parametrize("slug", ["bestaat-niet", "", "../../etc", "klad"])
def test_unknown_or_unpublished_slug_gives_a_message(anonymous, fiches, slug):
    InterventionFactory(slug="klad", status="draft")
    response = anonymous.post(ADD, {"slug": slug, "next": URL}, follow=True)
    assert response.status_code == 200
    assert stored(anonymous) == []
    assert any("Deze fiche vonden we niet" in message for message in messages_of(response))


@pytest.mark.parametrize(
    "next_url",
    ["https://kwaadaardig.example/", "//kwaadaardig.example/pad", "javascript:alert(1)", ""],
)
def test_unsafe_or_missing_next_goes_to_the_selection(anonymous, fiches, next_url):
    response = anonymous.post(ADD, {"slug": "time-out-hageland", "next": next_url})
    assert response.status_code == 302
    assert response.url == URL


def test_next_on_our_own_host_is_allowed(anonymous, fiches):
    response = anonymous.post(
        ADD, {"slug": "time-out-hageland", "next": "http://testserver/aanbod/kaart/"}
    )
    assert response.url == "http://testserver/aanbod/kaart/"


def test_add_and_remove_need_post(anonymous, fiches):
    assert anonymous.get(ADD, {"slug": "time-out-hageland"}).status_code == 405
    assert anonymous.get(REMOVE, {"slug": "time-out-hageland"}).status_code == 405
    assert stored(anonymous) == []


def test_add_needs_the_csrf_token(fiches):
    client = Client(enforce_csrf_checks=True)
    assert client.post(ADD, {"slug": "time-out-hageland"}).status_code == 403


def test_selection_holds_at_most_30(anonymous):
    for index in range(selection.MAX_ITEMS + 1):
        InterventionFactory(slug=f"fiche-{index:02d}")
    anonymous.post(ADD, {"slug": [f"fiche-{index:02d}" for index in range(30)]})
    assert len(stored(anonymous)) == 30
    response = anonymous.post(ADD, {"slug": "fiche-30"}, follow=True)
    assert len(stored(anonymous)) == 30
    assert "fiche-30" not in stored(anonymous)
    assert any("Uw selectie is vol" in message for message in messages_of(response))


def test_remove(anonymous, fiches):
    anonymous.post(ADD, {"slug": ["time-out-hageland", "dagbesteding-zenne"]})
    response = anonymous.post(REMOVE, {"slug": "time-out-hageland", "next": URL}, follow=True)
    assert stored(anonymous) == ["dagbesteding-zenne"]
    assert "„Time-out Hageland” is uit uw selectie verwijderd." in messages_of(response)
    assert [i.slug for i in response.context["interventions"]] == ["dagbesteding-zenne"]


def test_remove_unknown_slug_is_harmless(anonymous, fiches):
    anonymous.post(ADD, {"slug": "time-out-hageland"})
    response = anonymous.post(REMOVE, {"slug": "bestaat-niet"}, follow=True)
    assert response.status_code == 200
    assert stored(anonymous) == ["time-out-hageland"]


def test_empty_the_whole_selection(anonymous, fiches):
    anonymous.post(ADD, {"slug": ["time-out-hageland", "dagbesteding-zenne"]})
    anonymous.post(REMOVE, {"all": "1"})
    assert stored(anonymous) == []


def test_unpublished_fiche_disappears_from_the_selection_with_a_note(anonymous, fiches):
    anonymous.post(ADD, {"slug": ["time-out-hageland", "dagbesteding-zenne"]})
    fiches[0].status = "archived"
    fiches[0].save()
    html = page(anonymous.get(URL))
    assert "Time-out Hageland" not in html
    assert "Dagbesteding Zenne" in html
    assert "1 fiche uit deze selectie vonden we niet" in html


def test_selection_page_offers_a_share_link(anonymous, fiches, settings):
    anonymous.post(ADD, {"slug": ["dagbesteding-zenne", "time-out-hageland"]})
    response = anonymous.get(URL)
    expected = f"{settings.SITE_URL}/aanbod/selectie/?fiches=dagbesteding-zenne,time-out-hageland"
    assert response.context["share_url"] == expected
    assert f'value="{expected}"' in page(response)


def test_share_link_in_a_fresh_browser_shows_exactly_those_fiches(fiches):
    InterventionFactory(name="Verborgen klad", slug="verborgen-klad", status="draft")
    fresh = Client()
    response = fresh.get(URL, {"fiches": "zorgboerderij-de-linde,bestaat-niet,verborgen-klad"})
    assert response.status_code == 200
    html = page(response)
    assert "Gedeelde selectie" in html
    assert [i.slug for i in response.context["interventions"]] == ["zorgboerderij-de-linde"]
    assert "Zorgboerderij De Linde" in html
    assert "Time-out Hageland" not in html
    assert "Verborgen klad" not in html
    assert "2 fiches uit deze selectie vonden we niet" in html
    assert "Bewaar deze selectie" in html
    # Looking at a shared selection stores nothing.
    assert stored(fresh) == []


def test_saving_a_shared_selection_copies_it_into_the_own_session(fiches):
    fresh = Client()
    response = fresh.get(URL, {"fiches": "dagbesteding-zenne,time-out-hageland"})
    html = page(response)
    assert html.count('name="slug" value="dagbesteding-zenne"') >= 1
    response = fresh.post(
        ADD, {"slug": ["dagbesteding-zenne", "time-out-hageland"], "next": URL}, follow=True
    )
    assert stored(fresh) == ["dagbesteding-zenne", "time-out-hageland"]
    assert "2 fiches toegevoegd aan uw selectie." in messages_of(response)
    assert response.context["shared"] is False


def test_shared_link_with_garbage_is_ignored_without_error(anonymous, fiches):
    response = anonymous.get(URL, {"fiches": ",,<script>,time-out-hageland,,"})
    assert response.status_code == 200
    assert [i.slug for i in response.context["interventions"]] == ["time-out-hageland"]
    assert "<script>" not in response.content.decode()


def test_shared_link_shows_at_most_30(anonymous):
    for index in range(32):
        InterventionFactory(slug=f"fiche-{index:02d}")
    slugs = ",".join(f"fiche-{index:02d}" for index in range(32))
    response = anonymous.get(URL, {"fiches": slugs})
    assert len(response.context["interventions"]) == 30
    assert "hoogstens 30 fiches" in page(response)


def test_print_layout_hides_the_controls(anonymous, fiches):
    anonymous.post(ADD, {"slug": "time-out-hageland"})
    html = page(anonymous.get(URL))
    assert 'class="mt-1 d-print-none"' in html  # the remove buttons
    assert 'class="info-panel mb-4 d-print-none"' in html  # the share panel
    # On paper: where it came from and the share link.
    printed = html.split('<div class="d-none d-print-block mb-3">', 1)[1].split("</div>")[0]
    assert "Afgedrukt van http://" in printed
    assert "/aanbod/selectie/?fiches=time-out-hageland" in printed
