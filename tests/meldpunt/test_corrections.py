"""The public "Meld een wijziging" form on a fiche."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt import corrections
from meldpunt.models import ChangeRequest
from netwerk.models import TokenBucket
from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db

MESSAGE = "De wachttijd is nu ongeveer drie maanden, niet zes weken."


@pytest.fixture
def fiche():
    return InterventionFactory(name="Time-out Hageland", slug="time-out-hageland")


def url(fiche):
    return reverse("meldpunt:report_change", kwargs={"slug": fiche.slug})


def page(response):
    return unescape(response.content.decode())


def test_form_shows_for_a_published_fiche(anonymous, fiche):
    response = anonymous.get(url(fiche))
    assert response.status_code == 200
    html = page(response)
    assert "Meld een wijziging" in html
    assert "Time-out Hageland" in html
    assert "Vermeld geen gegevens over leerlingen" in html
    assert 'name="message"' in html
    assert 'name="email"' in html


def test_honeypot_is_hidden_from_people(anonymous, fiche):
    html = anonymous.get(url(fiche)).content.decode()
    hidden = '<div class="visually-hidden" aria-hidden="true">'
    wrapper = html.split(hidden, 1)[1].split("</div>")[0]
    assert 'name="website"' in wrapper
    assert 'tabindex="-1"' in wrapper
    assert 'autocomplete="off"' in wrapper
    assert " style=" not in html


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_only_published_fiches(anonymous, status):
    fiche = InterventionFactory(status=status)
    assert anonymous.get(url(fiche)).status_code == 404
    assert anonymous.post(url(fiche), {"message": MESSAGE}).status_code == 404
    assert not ChangeRequest.objects.exists()


def test_unknown_fiche_is_404(anonymous):
    response = anonymous.get("/aanbod/bestaat-niet/wijziging-melden/")
    assert response.status_code == 404


def test_report_is_stored_for_review_and_thanks_after_redirect(anonymous, fiche):
    response = anonymous.post(
        url(fiche), {"message": f"  {MESSAGE}\r\nGroeten.  ", "email": " Zorg@School.example "}
    )
    assert response.status_code == 302
    assert response.url == url(fiche) + "?verzonden=1"
    request = ChangeRequest.objects.get()
    assert request.intervention == fiche
    assert request.source == ChangeRequest.Source.PUBLIC
    assert request.status == ChangeRequest.Status.PENDING
    assert request.message == f"{MESSAGE}\nGroeten."
    assert request.contact_email == "zorg@school.example"
    assert request.proposed_changes == {}
    thanks = anonymous.get(response.url)
    assert thanks.status_code == 200
    assert "Bedankt voor uw melding" in page(thanks)
    assert 'name="message"' not in page(thanks)


def test_nothing_is_published_automatically(anonymous, fiche):
    before = (fiche.name, fiche.summary, fiche.goal, fiche.capacity_status)
    anonymous.post(url(fiche), {"message": "De naam is nu Time-out Oost-Brabant."})
    fiche.refresh_from_db()
    assert (fiche.name, fiche.summary, fiche.goal, fiche.capacity_status) == before


def test_email_is_optional(anonymous, fiche):
    anonymous.post(url(fiche), {"message": MESSAGE})
    assert ChangeRequest.objects.get().contact_email == ""


@pytest.mark.parametrize("message", ["", "   \r\n  "])
def test_message_is_required(anonymous, fiche, message):
    response = anonymous.post(url(fiche), {"message": message})
    assert response.status_code == 200
    assert "Beschrijf kort wat er niet klopt." in page(response)
    assert not ChangeRequest.objects.exists()


def test_message_is_at_most_4000_characters(anonymous, fiche):
    response = anonymous.post(url(fiche), {"message": "a" * 4001})
    assert response.status_code == 200
    assert "4000" in page(response) or "4.000" in page(response)
    assert response.context["form"].errors["message"]
    assert not ChangeRequest.objects.exists()
    anonymous.post(url(fiche), {"message": "a" * 4000})
    assert ChangeRequest.objects.count() == 1


def test_invalid_email_gets_a_dutch_message_and_keeps_the_text(anonymous, fiche):
    response = anonymous.post(url(fiche), {"message": MESSAGE, "email": "geen-adres"})
    assert response.status_code == 200
    html = page(response)
    assert "Vul een geldig e-mailadres in" in html
    assert MESSAGE in html
    assert not ChangeRequest.objects.exists()


def test_filled_honeypot_pretends_success_and_stores_nothing(anonymous, fiche):
    response = anonymous.post(
        url(fiche), {"message": MESSAGE, "website": "https://spam.example"}
    )
    assert response.status_code == 302
    assert response.url == url(fiche) + "?verzonden=1"
    assert not ChangeRequest.objects.exists()
    assert not TokenBucket.objects.exists()


def test_rate_limit_per_address_returns_429_and_keeps_the_text(anonymous, fiche):
    for _ in range(corrections.RATE_LIMIT_CAPACITY):
        response = anonymous.post(url(fiche), {"message": MESSAGE}, REMOTE_ADDR="192.0.2.7")
        assert response.status_code == 302
    response = anonymous.post(
        url(fiche), {"message": "Nog een melding.", "email": "a@b.example"},
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 429
    html = page(response)
    assert "te veel meldingen" in html
    assert "Nog een melding." in html
    assert 'value="a@b.example"' in html
    assert ChangeRequest.objects.count() == corrections.RATE_LIMIT_CAPACITY
    # Another address is not affected.
    response = anonymous.post(url(fiche), {"message": MESSAGE}, REMOTE_ADDR="198.51.100.3")
    assert response.status_code == 302


def test_rate_limit_uses_the_client_address_behind_our_proxy(anonymous, fiche, settings):
    settings.PROXY_COUNT = 1
    for index in range(corrections.RATE_LIMIT_CAPACITY):
        anonymous.post(
            url(fiche), {"message": MESSAGE},
            REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{index}, 192.0.2.8",
        )
    # The forged left-most entries change nothing: the proxy saw 192.0.2.8 each time.
    response = anonymous.post(
        url(fiche), {"message": MESSAGE},
        REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.8",
    )
    assert response.status_code == 429
    response = anonymous.post(
        url(fiche), {"message": MESSAGE},
        REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.9",
    )
    assert response.status_code == 302


def test_invalid_posts_do_not_use_up_the_rate_limit(anonymous, fiche):
    for _ in range(corrections.RATE_LIMIT_CAPACITY + 2):
        anonymous.post(url(fiche), {"message": ""})
    assert anonymous.post(url(fiche), {"message": MESSAGE}).status_code == 302


def test_needs_the_csrf_token(fiche):
    client = Client(enforce_csrf_checks=True)
    assert client.post(url(fiche), {"message": MESSAGE}).status_code == 403
    assert not ChangeRequest.objects.exists()


def test_other_methods_are_refused(anonymous, fiche):
    assert anonymous.put(url(fiche)).status_code == 405


def test_desk_is_notified_of_a_new_report(anonymous, fiche, settings, mailoutbox,
                                          django_capture_on_commit_callbacks):
    settings.MELDPUNT_DESK_EMAIL = "meldpunt@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(url(fiche), {"message": MESSAGE, "email": ""})
    request = ChangeRequest.objects.get()
    [mail] = mailoutbox
    assert mail.to == ["meldpunt@example.org"]
    assert "Time-out Hageland" in mail.subject
    assert f"/admin/meldpunt/changerequest/{request.pk}/change/" in mail.body
    # The visitor's text stays in the admin, behind a login.
    assert MESSAGE not in mail.body


def test_without_a_desk_address_the_meldpunt_group_is_notified(
    anonymous, fiche, meldpunt_user, coordinator_user, mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(url(fiche), {"message": MESSAGE, "email": ""})
    [mail] = mailoutbox
    assert mail.to == [meldpunt_user.email]


def test_a_failing_mail_server_loses_no_report(anonymous, fiche, settings, mailoutbox,
                                               django_capture_on_commit_callbacks):
    from netwerk.models import OutgoingMail

    settings.MELDPUNT_DESK_EMAIL = "meldpunt@example.org"
    settings.EMAIL_BACKEND = "tests.meldpunt.test_corrections.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post(url(fiche), {"message": MESSAGE, "email": ""})
    assert response.status_code == 302
    assert ChangeRequest.objects.count() == 1
    queued = OutgoingMail.objects.get(kind="desk-change-request")
    assert queued.sent_at is None and queued.attempts == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")
