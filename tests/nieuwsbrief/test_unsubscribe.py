"""One-click unsubscribe (RFC 8058) and the headers for the sending step."""

import pytest
from django.test import Client
from django.urls import reverse

from nieuwsbrief.links import unsubscribe_headers
from nieuwsbrief.models import Subscriber

pytestmark = pytest.mark.django_db


def url(subscriber):
    return reverse("nieuwsbrief:unsubscribe", args=[subscriber.token])


def test_one_click_post_without_cookies_or_csrf_token_unsubscribes(subscriber):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert "U bent uitgeschreven" in response.content.decode()
    # Again: still fine, nothing else changes.
    assert client.post(url(subscriber), "List-Unsubscribe=One-Click",
                       content_type="application/x-www-form-urlencoded").status_code == 200


def test_get_only_shows_a_confirmation_page(anonymous, subscriber):
    response = anonymous.get(url(subscriber))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ja, schrijf mij uit" in page
    assert 'method="post"' in page
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_unknown_token_is_not_found(subscriber):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("nieuwsbrief:unsubscribe", args=["onbekend"])).status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_only_the_unsubscribe_view_skips_csrf(subscriber):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("nieuwsbrief:preferences", args=[subscriber.token]),
                           {"action": "unsubscribe"})
    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_unsubscribe_headers(subscriber, settings):
    settings.SITE_URL = "https://nieuwsbrief.example.org"
    headers = unsubscribe_headers(subscriber)
    assert headers == {
        "List-Unsubscribe": (
            f"<https://nieuwsbrief.example.org/nieuwsbrief/uitschrijven/{subscriber.token}/>"
        ),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    # Opaque: neither the address nor the id.
    assert subscriber.email not in headers["List-Unsubscribe"]
    assert f"/{subscriber.pk}/" not in headers["List-Unsubscribe"]
    assert len(subscriber.token) >= 40


def test_headers_travel_with_a_queued_mail(
    subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    from netwerk import emails

    with django_capture_on_commit_callbacks(execute=True):
        emails.queue(
            "newsletter-link",
            subscriber.email,
            {"subscriber": subscriber, "preferences_url": "https://example.org/"},
            headers=unsubscribe_headers(subscriber),
        )
    [message] = mailoutbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert subscriber.token in message.extra_headers["List-Unsubscribe"]
