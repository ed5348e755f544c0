"""Sign-up at /nieuwsbrief/: double opt-in, enumeration-safe, honeypot, rate limits."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Region, Theme
from nieuwsbrief import links, subscriptions
from nieuwsbrief.models import CONSENT_TEXT, ConsentRecord, Subscriber
from tests.nieuwsbrief.conftest import make_subscriber, outbox

pytestmark = pytest.mark.django_db

URL = reverse("nieuwsbrief:index")


def form(**overrides):
    data = {
        "email": "Nieuw@Example.org ",
        "name": "Bo Voorbeeld",
        "organisation": "Voorbeeldschool",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def sign_up(client, ip="192.0.2.1", **overrides):
    return client.post(URL, form(**overrides), REMOTE_ADDR=ip)


def test_form_shows_interests_and_the_consent_text(anonymous):
    response = anonymous.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert CONSENT_TEXT in page
    assert Theme.objects.first().name in page
    assert Region.objects.first().name in page
    assert 'name="website"' in page  # the honeypot
    assert f'href="{URL}"' in page  # the main menu's item lights up


def test_new_address_is_pending_with_consent_and_gets_a_confirmation_mail(anonymous):
    theme = Theme.objects.first()
    region = Region.objects.first()
    response = sign_up(anonymous, themes=[theme.pk], regions=[region.pk])
    assert response.status_code == 302
    assert response.url == reverse("nieuwsbrief:check_mail")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "nieuw@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.name == "Bo Voorbeeld"
    assert list(subscriber.themes.all()) == [theme]
    assert list(subscriber.regions.all()) == [region]
    consent = subscriber.consents.get()
    assert consent.source == ConsentRecord.Source.WEBSITE
    assert consent.text == CONSENT_TEXT
    assert consent.confirmed_at is None
    [mail] = outbox()
    assert mail.kind == "newsletter-confirm"
    assert mail.to == ["nieuw@example.org"]
    assert links.confirm_url(subscriber) in mail.body_text
    assert links.confirm_url(subscriber) in mail.body_html


def test_consent_is_required(anonymous):
    response = anonymous.post(URL, form(consent=""))
    assert response.status_code == 200
    assert "Vink aan dat u de nieuwsbrief wilt ontvangen." in response.content.decode()
    assert not Subscriber.objects.exists()


def test_invalid_address_gets_a_dutch_message(anonymous):
    response = anonymous.post(URL, form(email="geen-adres"))
    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in response.content.decode()


def test_honeypot_pretends_success_and_stores_nothing(anonymous):
    response = sign_up(anonymous, website="http://spam.example.org")
    assert response.status_code == 302
    assert response.url == reverse("nieuwsbrief:check_mail")
    assert not Subscriber.objects.exists()
    assert outbox() == []


def test_known_address_gets_the_same_answer_as_a_new_one(anonymous, subscriber):
    new = sign_up(anonymous, email="iemand-nieuw@example.org")
    known = sign_up(anonymous, email=subscriber.email.upper())
    assert (new.status_code, new.url) == (known.status_code, known.url)
    answer = anonymous.get(known.url)
    assert answer.content == anonymous.get(new.url).content
    assert "één e-mail per 10 minuten" in answer.content.decode()


def test_confirmed_address_is_not_changed_and_gets_its_link_once_per_window(
    anonymous, subscriber
):
    sign_up(anonymous, email=subscriber.email, name="Iemand Anders", organisation="")
    sign_up(anonymous, email=subscriber.email, name="Nog Iemand")
    subscriber.refresh_from_db()
    assert subscriber.name == "An Voorbeeld"
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.consents.count() == 1
    [mail] = outbox()
    assert mail.kind == "newsletter-link"
    assert "al ingeschreven" in mail.subject
    assert subscriber.token in mail.body_text


def test_pending_confirmation_is_not_resent_within_ten_minutes(anonymous):
    sign_up(anonymous)
    sign_up(anonymous, name="Bo Tweede Poging")
    assert len(outbox("newsletter-confirm")) == 1
    subscriber = Subscriber.objects.get()
    assert subscriber.name == "Bo Tweede Poging"  # unconfirmed details follow the last form
    assert subscriber.consents.count() == 1


def test_after_the_window_a_new_confirmation_goes(anonymous):
    sign_up(anonymous)
    later = timezone.now() + subscriptions.NOTIFY_WINDOW + timedelta(seconds=1)
    sent = subscriptions.subscribe("nieuw@example.org", now=later)
    assert sent == subscriptions.CONFIRMATION_SENT
    assert len(outbox("newsletter-confirm")) == 2


def test_window_rule_in_the_service():
    now = timezone.now()
    assert subscriptions.subscribe("x@example.org", now=now) == subscriptions.CONFIRMATION_SENT
    assert subscriptions.subscribe("x@example.org", now=now + timedelta(minutes=9)) == (
        subscriptions.NOTHING_SENT
    )
    subscriber = Subscriber.objects.get()
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.save()
    assert subscriptions.subscribe("x@example.org", now=now + timedelta(minutes=11)) == (
        subscriptions.LINK_SENT
    )
    assert subscriptions.subscribe("x@example.org", now=now + timedelta(minutes=12)) == (
        subscriptions.NOTHING_SENT
    )


def test_unsubscribed_address_must_confirm_again(anonymous, subscriber):
    subscriber.unsubscribe()
    sign_up(anonymous, email=subscriber.email)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    [mail] = outbox()
    assert mail.kind == "newsletter-confirm"


def test_rate_limit_per_ip(anonymous):
    for number in range(10):
        assert sign_up(anonymous, email=f"p{number}@example.org").status_code == 302
    response = sign_up(anonymous, email="p10@example.org")
    assert response.status_code == 429
    assert "te veel aanvragen" in response.content.decode()
    assert sign_up(anonymous, email="p10@example.org", ip="192.0.2.2").status_code == 302


def test_rate_limit_per_address(anonymous):
    for number in range(5):
        assert sign_up(anonymous, ip=f"192.0.2.{number + 10}").status_code == 302
    response = sign_up(anonymous, ip="192.0.2.99")
    assert response.status_code == 429
    # Another address from the same connection still works.
    assert sign_up(anonymous, email="ander@example.org", ip="192.0.2.99").status_code == 302


def test_rate_limit_keys_are_hashed(anonymous):
    from netwerk.models import TokenBucket

    sign_up(anonymous)
    keys = " ".join(TokenBucket.objects.values_list("key", flat=True))
    assert "nieuw@example.org" not in keys
    assert "192.0.2.1" not in keys


def test_email_is_unique_case_insensitively(subscriber):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.bulk_create([Subscriber(email=subscriber.email.upper())])
