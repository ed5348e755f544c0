"""Double opt-in: the link in the confirmation mail; GET shows a button, only POST confirms."""

import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from nieuwsbrief import links
from nieuwsbrief.models import Subscriber
from tests.nieuwsbrief.conftest import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(db):
    return make_subscriber("wacht@example.org", status=Subscriber.Status.PENDING)


def confirm_path(subscriber):
    return reverse("nieuwsbrief:confirm", args=[links.make_confirm_token(subscriber)])


def old_confirm_path(subscriber, monkeypatch, days):
    then = int(timezone.now().timestamp()) - days * 86400
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        return confirm_path(subscriber)


def test_get_shows_a_button_and_confirms_nothing(anonymous, pending):
    response = anonymous.get(confirm_path(pending))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    page = response.content.decode()
    assert 'method="post"' in page
    assert "Inschrijving bevestigen" in page
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING
    assert pending.confirmed_at is None


def test_post_confirms_rotates_the_key_and_shows_the_preference_link(anonymous, pending):
    old_token = pending.token
    response = anonymous.post(confirm_path(pending))
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED
    assert pending.confirmed_at is not None
    assert pending.token != old_token
    assert pending.consents.get().confirmed_at == pending.confirmed_at
    assert response.status_code == 302
    page = anonymous.get(response.url)
    assert page.status_code == 200
    assert links.preferences_url(pending) in page.content.decode()


def test_a_confirmation_link_works_once(anonymous, pending):
    path = confirm_path(pending)
    anonymous.post(path)
    again = anonymous.get(path)
    assert again.status_code == 404
    assert "Deze link werkt niet (meer)" in again.content.decode()


def test_link_is_valid_for_a_week(anonymous, pending, monkeypatch):
    assert anonymous.get(old_confirm_path(pending, monkeypatch, days=6)).status_code == 200


def test_expired_link_offers_a_new_one(anonymous, pending, monkeypatch):
    path = old_confirm_path(pending, monkeypatch, days=8)
    for response in (anonymous.get(path), anonymous.post(path)):
        assert response.status_code == 410
        page = response.content.decode()
        assert "Deze link is verlopen" in page
        assert reverse("nieuwsbrief:request_link") in page
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


@pytest.mark.parametrize(
    "mangle",
    [
        lambda signed: signed[:-2] + ("aa" if not signed.endswith("aa") else "bb"),
        lambda signed: "ander" + signed,
        lambda signed: signed.split(":")[0],
        lambda signed: "x",
    ],
)
def test_tampered_link_is_a_dutch_page_not_an_error(anonymous, pending, mangle):
    path = reverse("nieuwsbrief:confirm", args=[mangle(links.make_confirm_token(pending))])
    for response in (anonymous.get(path), anonymous.post(path)):
        assert response.status_code == 404
        assert "Een nieuwe link krijgen" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_the_token_signed_for_another_purpose_is_refused(anonymous, pending):
    other = signing.TimestampSigner(salt="iets-anders").sign(pending.token)
    assert anonymous.post(reverse("nieuwsbrief:confirm", args=[other])).status_code == 404


def test_the_confirmation_mail_link_confirms(anonymous):
    from tests.nieuwsbrief.conftest import outbox

    anonymous.post(
        reverse("nieuwsbrief:index"), {"email": "mail@example.org", "consent": "on"}
    )
    [mail] = outbox()
    url = re.search(r"https?://\S+/nieuwsbrief/bevestigen/\S+/", mail.body_text).group(0)
    path = url.split("://", 1)[1].split("/", 1)[1]
    anonymous.post("/" + path)
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
