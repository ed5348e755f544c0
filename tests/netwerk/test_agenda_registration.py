"""Registration for an event: places, the waiting list, double registration, the cancel link
that moves the waiting list up, and the mails with the event as .ics attachment."""

import smtplib
from datetime import timedelta

import icalendar
import pytest
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from netwerk import emails
from netwerk.agenda import services
from netwerk.agenda.models import EventQuestion, Registration, RegistrationStatus
from netwerk.models import OutgoingMail
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

FAILING = "tests.netwerk.test_agenda_registration.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def form_data(**overrides):
    data = {
        "name": "Noor Voorbeeld",
        "organisation": "Voorbeeldschool",
        "role": "leerlingbegeleider",
        "email": "noor@school.example.be",
        "consent": "on",
    }
    data.update(overrides)
    return data


def post(client, event, capture, **overrides):
    with capture(execute=True):
        return client.post(
            reverse("netwerk:event_register", kwargs={"slug": event.slug}), form_data(**overrides)
        )


def ics_of(message):
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    filename, content, content_type = attachment
    assert content_type.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def test_registration_confirms_and_mails_the_ics(anonymous, django_capture_on_commit_callbacks):
    event = EventFactory(title="Inspiratiedag spijbelen", capacity=10)
    response = post(anonymous, event, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response.url == event.get_absolute_url()
    registration = Registration.objects.get(event=event)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.email == "noor@school.example.be"
    (message,) = mail.outbox
    assert message.to == ["noor@school.example.be"]
    assert "Ingeschreven: Inspiratiedag spijbelen" in message.subject
    (vevent,) = ics_of(message).walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.uuid}@127.0.0.1"
    assert str(vevent["SUMMARY"]) == "Inspiratiedag spijbelen"
    assert "/agenda/afmelden/" in message.body
    page = anonymous.get(response.url)
    assert "U bent ingeschreven" in page.content.decode()


def test_questions_are_asked_and_stored(anonymous, django_capture_on_commit_callbacks):
    event = EventFactory()
    workshop = EventQuestion.objects.create(
        event=event, label="Welke workshop?", kind="choice", choices="A\nB", required=True
    )
    EventQuestion.objects.create(event=event, label="Dieetwensen", kind="text")
    page = anonymous.get(reverse("netwerk:event_register", kwargs={"slug": event.slug}))
    assert "Welke workshop?" in page.content.decode()
    response = post(anonymous, event, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Kies een antwoord." in response.content.decode()
    response = post(
        anonymous, event, django_capture_on_commit_callbacks, **{f"vraag_{workshop.pk}": "B"}
    )
    assert response.status_code == 302
    assert Registration.objects.get().answers == {"Welke workshop?": "B"}


def test_consent_is_required(anonymous, django_capture_on_commit_callbacks):
    event = EventFactory()
    response = post(anonymous, event, django_capture_on_commit_callbacks, consent="")
    assert response.status_code == 200
    assert "Zonder uw toestemming" in response.content.decode()
    assert 'href="/privacy/"' in response.content.decode()
    assert not Registration.objects.exists()


def test_double_registration_gets_a_clear_message(anonymous, django_capture_on_commit_callbacks):
    event = EventFactory()
    post(anonymous, event, django_capture_on_commit_callbacks)
    response = post(
        anonymous, event, django_capture_on_commit_callbacks, email="NOOR@school.example.be "
    )
    assert response.status_code == 200
    assert "Met dit e-mailadres bent u al ingeschreven" in response.content.decode()
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_cancelled_person_may_register_again(django_capture_on_commit_callbacks):
    event = EventFactory()
    first = services.register(event, name="Noor", email="noor@example.be")
    services.cancel(first.uuid)
    again = services.register(event, name="Noor", email="noor@example.be")
    assert again.status == RegistrationStatus.CONFIRMED


def test_full_event_offers_the_waiting_list(anonymous, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    page = anonymous.get(reverse("netwerk:event_register", kwargs={"slug": event.slug}))
    content = page.content.decode()
    assert "Dit evenement is volzet" in content
    assert "Zet mij op de wachtlijst" in content
    response = post(anonymous, event, django_capture_on_commit_callbacks)
    registration = Registration.objects.get(email="noor@school.example.be")
    assert registration.status == RegistrationStatus.WAITING
    (message,) = mail.outbox
    assert "Op de wachtlijst" in message.subject
    assert not [a for a in message.attachments if a[0].endswith(".ics")]
    assert "u staat op de wachtlijst" in anonymous.get(response.url).content.decode()


def test_cancelling_promotes_the_first_on_the_waiting_list(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        holder = services.register(event, name="Een", email="een@example.be")
        first = services.register(event, name="Twee", email="twee@example.be")
        second = services.register(event, name="Drie", email="drie@example.be")
    assert [first.status, second.status] == ["waiting", "waiting"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.cancel(holder.uuid)
    assert result.promoted == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED and first.promoted_at
    assert second.status == RegistrationStatus.WAITING
    (message,) = mail.outbox
    assert message.to == ["twee@example.be"]
    assert "Er is een plaats vrij" in message.subject
    assert ics_of(message)
    # Cancelling again changes nothing.
    assert services.cancel(holder.uuid).promoted == []


def test_cancel_link_asks_then_cancels(anonymous, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    holder = services.register(event, name="Een", email="een@example.be")
    waiting = services.register(event, name="Twee", email="twee@example.be")
    url = reverse("netwerk:registration_cancel",
                  kwargs={"token": services.make_cancel_token(holder)})
    page = anonymous.get(url)
    assert page.status_code == 200
    assert "Ja, meld mij af" in page.content.decode()
    holder.refresh_from_db()
    assert holder.status == RegistrationStatus.CONFIRMED  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = anonymous.post(url)
    assert "U bent afgemeld" in done.content.decode()
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert "U bent al afgemeld" in anonymous.get(url).content.decode()


def test_expired_cancel_link_gets_a_dutch_page(anonymous, monkeypatch):
    registration = RegistrationFactory()
    token = services.make_cancel_token(registration)
    later = timezone.now() + timedelta(days=366)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    response = anonymous.get(reverse("netwerk:registration_cancel", kwargs={"token": token}))
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()


@pytest.mark.parametrize("token", ["abc", "x" * 80, signing.TimestampSigner(salt="x").sign("y")])
def test_invalid_cancel_link_gets_a_dutch_page(anonymous, token):
    response = anonymous.get(reverse("netwerk:registration_cancel", kwargs={"token": token}))
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_signed_value_that_is_no_registration(anonymous):
    token = signing.TimestampSigner(salt=services.SALT).sign("geen-uuid")
    response = anonymous.get(reverse("netwerk:registration_cancel", kwargs={"token": token}))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "fields",
    [
        {"is_own_event": False},
        {"is_cancelled": True},
        {"status": "draft"},
        {"starts_at": timezone.now() - timedelta(days=1), "ends_at": timezone.now()},
    ],
)
def test_closed_events_take_no_registrations(anonymous, fields, django_capture_on_commit_callbacks):
    event = EventFactory(**fields)
    response = post(anonymous, event, django_capture_on_commit_callbacks)
    assert response.status_code in (200, 404)
    assert not Registration.objects.exists()
    with pytest.raises(services.RegistrationClosed):
        services.register(event, name="Noor", email="noor@example.be")


def test_registration_is_rate_limited(anonymous, settings, django_capture_on_commit_callbacks,
                                      monkeypatch):
    monkeypatch.setattr("netwerk.agenda.views.RATE_LIMIT_CAPACITY", 1)
    event = EventFactory()
    assert post(anonymous, event, django_capture_on_commit_callbacks).status_code == 302
    response = post(anonymous, event, django_capture_on_commit_callbacks, email="b@example.be")
    assert response.status_code == 429
    assert "te veel inschrijvingen" in response.content.decode()


def test_attachment_survives_a_failed_then_retried_send(settings, django_capture_on_commit_callbacks):
    event = EventFactory(title="Vorming")
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        services.register(event, name="Noor", email="noor@example.be")
    queued = OutgoingMail.objects.get(kind="event-registration")
    assert queued.sent_at is None and queued.attempts == 1
    (stored,) = queued.attachments
    assert stored["filename"] == f"{event.slug}.ics"
    settings.EMAIL_BACKEND = LOCMEM
    assert emails.deliver(queued.pk)
    (message,) = mail.outbox
    (vevent,) = ics_of(message).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Vorming"
