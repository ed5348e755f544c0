"""The preference page behind the personal link: change, pause, unsubscribe, data, delete."""

import json

import pytest
from django.urls import reverse

from netwerk.models import Region, Theme
from nieuwsbrief import subscriptions
from nieuwsbrief.models import ConsentRecord, Subscriber
from tests.nieuwsbrief.conftest import make_subscriber, outbox

pytestmark = pytest.mark.django_db


def url(subscriber, name="nieuwsbrief:preferences"):
    return reverse(name, args=[subscriber.token])


def test_page_shows_the_subscription_without_login(anonymous, subscriber):
    response = anonymous.get(url(subscriber))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert subscriber.email in page
    assert "Nieuwsbrief pauzeren" in page


def test_unknown_token_is_a_dutch_page_with_the_link_form(anonymous, subscriber):
    response = anonymous.get(reverse("nieuwsbrief:preferences", args=["onbekend-token"]))
    assert response.status_code == 404
    assert "Stuur mij mijn link" in response.content.decode()


def test_change_interests_and_name(anonymous, subscriber):
    theme = Theme.objects.first()
    regions = list(Region.objects.all()[:2])
    response = anonymous.post(
        url(subscriber),
        {
            "action": "save",
            "name": "An Nieuw",
            "organisation": "",
            "themes": [theme.pk],
            "regions": [region.pk for region in regions],
        },
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.name == "An Nieuw"
    assert subscriber.organisation == ""
    assert list(subscriber.themes.all()) == [theme]
    assert set(subscriber.regions.all()) == set(regions)
    assert "Uw voorkeuren zijn bewaard." in anonymous.get(response.url).content.decode()


def test_pause_resume_and_unsubscribe(anonymous, subscriber):
    anonymous.post(url(subscriber), {"action": "pause"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PAUSED
    assert not Subscriber.objects.confirmed().exists()
    anonymous.post(url(subscriber), {"action": "resume"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    anonymous.post(url(subscriber), {"action": "unsubscribe"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    assert "U bent uitgeschreven" in anonymous.get(url(subscriber)).content.decode()


def test_get_changes_nothing_and_unknown_action_is_refused(anonymous, subscriber):
    anonymous.get(url(subscriber) + "?action=unsubscribe")
    anonymous.post(url(subscriber), {"action": "iets"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_download_my_data_as_json(anonymous, subscriber):
    subscriber.themes.add(Theme.objects.first())
    response = anonymous.get(url(subscriber, "nieuwsbrief:download_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == subscriber.email
    assert data["name"] == "An Voorbeeld"
    assert data["organisation"] == "CLB Voorbeeld"
    assert data["status"] == "confirmed"
    assert data["themes"] == [Theme.objects.first().name]
    [consent] = data["consent_records"]
    assert consent["source"] == "website"
    assert consent["text"] == subscriber.consents.get().text
    # Every stored field of the subscriber is in it (the key by its link).
    stored = {field.name for field in Subscriber._meta.concrete_fields} - {"id", "token"}
    renamed = {"notified_at": "last_subscription_mail_at"}
    assert {renamed.get(name, name) for name in stored} <= set(data)


def test_delete_asks_first_then_removes_everything(anonymous, subscriber):
    delete_url = url(subscriber, "nieuwsbrief:delete")
    response = anonymous.get(delete_url)
    assert response.status_code == 200
    assert "Ja, wis mijn gegevens" in response.content.decode()
    assert Subscriber.objects.exists()
    response = anonymous.post(delete_url)
    assert response.status_code == 302
    assert response.url == reverse("nieuwsbrief:deleted")
    assert not Subscriber.objects.exists()
    assert not ConsentRecord.objects.exists()
    assert anonymous.get(url(subscriber)).status_code == 404


# --- "mail me my link" ------------------------------------------------------------------------

LINK_URL = reverse("nieuwsbrief:request_link")


def test_link_request_is_enumeration_safe(anonymous, subscriber):
    known = anonymous.post(LINK_URL, {"email": subscriber.email})
    unknown = anonymous.post(LINK_URL, {"email": "niemand@example.org"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    [mail] = outbox()
    assert mail.kind == "newsletter-link"
    assert mail.to == [subscriber.email]
    assert url(subscriber) in mail.body_text
    # Within the window nothing new goes.
    anonymous.post(LINK_URL, {"email": subscriber.email})
    assert len(outbox()) == 1


def test_link_request_of_a_pending_address_sends_a_new_confirmation():
    make_subscriber("wacht@example.org", status=Subscriber.Status.PENDING)
    assert subscriptions.request_link("wacht@example.org") == subscriptions.CONFIRMATION_SENT
    assert outbox()[0].kind == "newsletter-confirm"


def test_link_request_has_honeypot_and_rate_limit(anonymous, subscriber):
    anonymous.post(LINK_URL, {"email": subscriber.email, "website": "x"})
    assert outbox() == []
    for _ in range(5):
        anonymous.post(LINK_URL, {"email": subscriber.email})
    assert anonymous.post(LINK_URL, {"email": subscriber.email}).status_code == 429
