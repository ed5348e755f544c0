"""The search page cache: same page for the same URL until the directory changes."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db

URL = reverse("meldpunt:search") + "?waar=Leuven"


@pytest.fixture
def fiche():
    return InterventionFactory(name="Time-out Leuven", area=["Leuven"])


def test_second_request_is_served_from_the_cache(fiche, django_assert_num_queries):
    Client().get(URL)
    with django_assert_num_queries(2):  # only the directory's version
        response = Client().get(URL)
    assert response.status_code == 200
    assert "Time-out Leuven" in response.content.decode()


def test_a_changed_fiche_shows_at_once(fiche):
    assert "Time-out Leuven" in Client().get(URL).content.decode()
    fiche.name = "Time-out Kessel-Lo"
    fiche.save()
    html = Client().get(URL).content.decode()
    assert "Time-out Kessel-Lo" in html and "Time-out Leuven" not in html


def test_a_removed_fiche_disappears_at_once(fiche):
    Client().get(URL)
    fiche.delete()
    assert "Time-out Leuven" not in Client().get(URL).content.decode()


def test_each_visitor_gets_a_working_csrf_token(fiche):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(URL)
    response = second.get(URL)  # from the cache
    html = response.content.decode()
    assert "csrf-token-placeholder" not in html
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    added = second.post(
        reverse("meldpunt:selection_add"),
        {"slug": fiche.slug, "next": URL, "csrfmiddlewaretoken": token},
    )
    assert added.status_code == 302


def test_a_visitor_with_a_selection_sees_it_on_the_cards(fiche):
    client = Client()
    client.get(URL)
    client.post(reverse("meldpunt:selection_add"), {"slug": fiche.slug, "next": URL})
    assert "Bewaard in uw selectie" in client.get(URL).content.decode()
    assert "Bewaard in uw selectie" not in Client().get(URL).content.decode()
