"""Providers verify their fiches through a signed link; the mail and the command behind it."""

import datetime
import smtplib
from html import unescape
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meldpunt import verification
from meldpunt.models import ChangeRequest, Intervention
from netwerk import emails
from tests.factories import InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today


@pytest.fixture
def fiche():
    return InterventionFactory(
        name="Time-out Hageland",
        slug="time-out-hageland",
        summary="Een korte time-out voor leerlingen uit het Hageland.",
        goal="Rust brengen en de draad met school weer opnemen.",
        duration="Zes weken",
        cost="Gratis",
        age_min=12,
        age_max=18,
        capacity_status="free",
        last_verified=datetime.date(2020, 1, 1),
    )


def link(intervention):
    return reverse("meldpunt:verify", kwargs={"token": verification.make_token(intervention)})


def page(response):
    return unescape(response.content.decode())


def old_token(intervention, monkeypatch, days):
    """A token signed ``days`` days ago."""
    then = int(timezone.now().timestamp()) - days * 86400
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        return verification.make_token(intervention)


# --- tokens --------------------------------------------------------------------------------


def test_token_is_signed_over_the_uuid_with_its_own_salt(fiche):
    token = verification.make_token(fiche)
    assert token.startswith(str(fiche.uuid) + ":")
    assert verification.read_token(token) == fiche.uuid
    # The same value signed for another purpose is not a verification token.
    other = signing.TimestampSigner(salt="iets-anders").sign(str(fiche.uuid))
    with pytest.raises(signing.BadSignature):
        verification.read_token(other)


def test_token_within_the_link_days_is_valid(fiche, monkeypatch, settings):
    settings.VERIFICATION_LINK_DAYS = 30
    assert verification.read_token(old_token(fiche, monkeypatch, days=29)) == fiche.uuid
    with pytest.raises(signing.SignatureExpired):
        verification.read_token(old_token(fiche, monkeypatch, days=31))


def test_link_days_setting_decides(fiche, monkeypatch, settings):
    token = old_token(fiche, monkeypatch, days=10)
    settings.VERIFICATION_LINK_DAYS = 30
    assert verification.read_token(token) == fiche.uuid
    settings.VERIFICATION_LINK_DAYS = 5
    with pytest.raises(signing.SignatureExpired):
        verification.read_token(token)


# --- the page behind the link --------------------------------------------------------------


def test_valid_link_shows_the_fiche_and_three_forms(anonymous, fiche):
    response = anonymous.get(link(fiche))
    assert response.status_code == 200
    html = page(response)
    assert "Fiche nakijken: Time-out Hageland" in html
    assert fiche.summary in html
    for action in ("confirm", "capacity", "changes"):
        assert f'name="action" value="{action}"' in html
    assert "Alles klopt nog" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_get_changes_nothing(anonymous, fiche):
    anonymous.get(link(fiche))
    fiche.refresh_from_db()
    assert fiche.last_verified == datetime.date(2020, 1, 1)


def test_expired_link_says_so_with_410(anonymous, fiche, monkeypatch):
    token = old_token(fiche, monkeypatch, days=31)
    response = anonymous.get(reverse("meldpunt:verify", kwargs={"token": token}))
    assert response.status_code == 410
    html = page(response)
    assert "Deze link is verlopen" in html
    assert "Time-out Hageland" in html
    assert "nieuwe link" in html
    # Acting on an expired link does nothing either.
    response = anonymous.post(
        reverse("meldpunt:verify", kwargs={"token": token}), {"action": "confirm"}
    )
    assert response.status_code == 410
    fiche.refresh_from_db()
    assert fiche.last_verified == datetime.date(2020, 1, 1)


def test_expired_link_with_zero_link_days(anonymous, fiche, settings, monkeypatch):
    token = old_token(fiche, monkeypatch, days=1)
    settings.VERIFICATION_LINK_DAYS = 0
    response = anonymous.get(reverse("meldpunt:verify", kwargs={"token": token}))
    assert response.status_code == 410


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "00000000-0000-0000-0000-000000000000" + token[36:],
        lambda token: "abc",
        lambda token: "::",
        lambda token: signing.TimestampSigner(salt=verification.SALT).sign("geen-uuid"),
    ],
)
def test_tampered_or_malformed_link_is_a_dutch_404(anonymous, fiche, tamper):
    token = tamper(verification.make_token(fiche))
    response = anonymous.get(reverse("meldpunt:verify", kwargs={"token": token}))
    assert response.status_code == 404
    assert "Deze link werkt niet" in page(response)
    response = anonymous.post(
        reverse("meldpunt:verify", kwargs={"token": token}), {"action": "confirm"}
    )
    assert response.status_code == 404
    fiche.refresh_from_db()
    assert fiche.last_verified == datetime.date(2020, 1, 1)


def test_unpublished_fiche_link_is_404(anonymous, fiche):
    url = link(fiche)
    fiche.status = "archived"
    fiche.save()
    assert anonymous.get(url).status_code == 404


def test_all_is_still_right(anonymous, fiche):
    url = link(fiche)
    response = anonymous.post(url, {"action": "confirm"})
    assert response.status_code == 302
    assert response.url == url
    fiche.refresh_from_db()
    assert fiche.last_verified == timezone.localdate()
    assert fiche.capacity_status == "free"
    confirmation = anonymous.get(response.url)
    assert "staat nu als nagekeken op vandaag" in page(confirmation)
    assert fiche.history.first().history_change_reason.startswith("Nagekeken door de aanbieder")


def test_capacity_update_is_live_at_once(anonymous, fiche):
    response = anonymous.post(
        link(fiche), {"action": "capacity", "capacity_status": "waiting_list", "waiting_weeks": "8"}
    )
    assert response.status_code == 302
    fiche.refresh_from_db()
    assert fiche.capacity_status == "waiting_list"
    assert fiche.waiting_weeks == 8
    assert fiche.capacity_updated_at is not None
    assert fiche.last_verified == timezone.localdate()
    assert Intervention.objects.published().with_free_places().filter(pk=fiche.pk).count() == 0
    assert "De capaciteit staat meteen aangepast" in page(anonymous.get(response.url))


@pytest.mark.parametrize(
    "data, error",
    [
        ({"capacity_status": "waiting_list", "waiting_weeks": "200"}, "hoogstens 104 weken"),
        ({"capacity_status": "waiting_list", "waiting_weeks": "-1"}, "kan niet negatief"),
        ({"capacity_status": "free", "waiting_weeks": "6"}, "Een wachttijd past niet bij"),
        ({"capacity_status": "bijna-vol"}, "Selecteer een geldige keuze"),
        ({}, "Dit veld is verplicht"),
    ],
)
def test_capacity_errors_in_dutch(anonymous, fiche, data, error):
    response = anonymous.post(link(fiche), {"action": "capacity", **data})
    assert response.status_code == 400
    assert error in page(response)
    fiche.refresh_from_db()
    assert fiche.capacity_status == "free"
    assert fiche.last_verified == datetime.date(2020, 1, 1)


def change_data(fiche, **changes):
    data = {
        "action": "changes",
        "name": fiche.name,
        "summary": fiche.summary,
        "goal": fiche.goal,
        "what_happens": fiche.what_happens,
        "target_group_description": fiche.target_group_description,
        "how_to_register": fiche.how_to_register,
        "duration": fiche.duration,
        "cost": fiche.cost,
        "age_min": fiche.age_min,
        "age_max": fiche.age_max,
        "note": "",
    }
    data.update(changes)
    return {key: "" if value is None else value for key, value in data.items()}


def test_proposed_changes_are_stored_for_review_only(anonymous, fiche):
    response = anonymous.post(
        link(fiche),
        change_data(
            fiche,
            duration="Acht weken",
            age_max="20",
            goal=fiche.goal.replace("\n", "\r\n"),  # same text as sent by a browser
            note="We verlengen het traject vanaf september.",
        ),
    )
    assert response.status_code == 302
    request = ChangeRequest.objects.get()
    assert request.intervention == fiche
    assert request.source == ChangeRequest.Source.PROVIDER
    assert request.status == ChangeRequest.Status.PENDING
    assert request.proposed_changes == {"duration": "Acht weken", "age_max": 20}
    assert request.message == "We verlengen het traject vanaf september."
    assert request.contact_email == fiche.provider.email
    fiche.refresh_from_db()
    assert fiche.duration == "Zes weken"
    assert fiche.age_max == 18
    assert fiche.last_verified == datetime.date(2020, 1, 1)
    assert "Het Meldpunt bekijkt uw voorstel" in page(anonymous.get(response.url))


def test_desk_is_notified_of_a_provider_proposal(anonymous, fiche, settings, mailoutbox,
                                                 django_capture_on_commit_callbacks):
    settings.MELDPUNT_DESK_EMAIL = "meldpunt@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(link(fiche), change_data(fiche, duration="Acht weken"))
    [mail] = [m for m in mailoutbox if m.to == ["meldpunt@example.org"]]
    assert "voorstel van de aanbieder" in mail.subject
    request = ChangeRequest.objects.get()
    assert f"/admin/meldpunt/changerequest/{request.pk}/change/" in mail.body


def test_clearing_a_field_is_a_change(anonymous, fiche):
    anonymous.post(link(fiche), change_data(fiche, cost="", age_min=""))
    assert ChangeRequest.objects.get().proposed_changes == {"cost": "", "age_min": None}


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"age_min": "16", "age_max": "14"}, "moet minstens even hoog zijn"),
        ({"age_max": "40"}, "tot en met 30 jaar"),
        ({"age_min": "twaalf"}, "Vul een leeftijd in jaren in"),
        ({"name": ""}, "Dit veld is verplicht"),
        ({}, "U hebt niets gewijzigd"),
    ],
)
def test_proposal_errors_in_dutch(anonymous, fiche, changes, error):
    response = anonymous.post(link(fiche), change_data(fiche, **changes))
    assert response.status_code == 400
    assert error in page(response)
    assert not ChangeRequest.objects.exists()


def test_unknown_action_changes_nothing(anonymous, fiche):
    response = anonymous.post(link(fiche), {"action": "publish"}, follow=True)
    assert response.status_code == 200
    assert "Kies een van de drie knoppen" in page(response)
    fiche.refresh_from_db()
    assert fiche.last_verified == datetime.date(2020, 1, 1)
    assert not ChangeRequest.objects.exists()


def test_post_needs_the_csrf_token(fiche):
    client = Client(enforce_csrf_checks=True)
    assert client.post(link(fiche), {"action": "confirm"}).status_code == 403
    fiche.refresh_from_db()
    assert fiche.last_verified == datetime.date(2020, 1, 1)


# --- the mail ------------------------------------------------------------------------------


def test_send_verification_request_mails_the_organisation(fiche, settings):
    assert verification.send_verification_request(fiche) is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [fiche.provider.email]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject == "Klopt uw aanbod nog? Kijk uw fiche na voor het Meldpunt SI"
    assert "\n" not in message.subject
    assert "Time-out Hageland" in message.body
    url = next(word for word in message.body.split() if "/nakijken/" in word)
    assert url.startswith(settings.SITE_URL + "/nakijken/")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{url}"' in html
    # Only what the provider needs: no content of the fiche, nothing about pupils.
    assert fiche.goal not in message.body
    assert "leerling" not in message.body.replace("leerlingen", "")
    fiche.refresh_from_db()
    assert fiche.verification_sent_at is not None
    # The link in the mail works.
    assert Client().get(urlsplit(url).path).status_code == 200


def test_send_verification_request_without_email(fiche):
    fiche.provider.email = ""
    fiche.provider.save()
    assert verification.send_verification_request(fiche) is False
    assert mail.outbox == []
    fiche.refresh_from_db()
    assert fiche.verification_sent_at is None


def test_failed_mail_is_reported_not_raised(fiche, monkeypatch, caplog):
    def broken(self, fail_silently=False):
        raise smtplib.SMTPException("server weg")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    assert verification.send_verification_request(fiche) is False
    fiche.refresh_from_db()
    assert fiche.verification_sent_at is None
    assert "could not be sent" in caplog.text


def test_emails_send_renders_three_templates(settings):
    context = {
        "provider": OrganisationFactory.build(name="Aanbieder X vzw"),
        "items": [],
        "link_days": 30,
        "interval_months": 6,
    }
    assert emails.send(verification.EMAIL_KIND, ["a@b.example"], context) is True
    message = mail.outbox[0]
    assert message.subject.startswith("Klopt uw aanbod nog?")
    assert "Beste collega's van Aanbieder X vzw" in message.body
    assert "&#x27;" not in message.body  # plain text is not HTML-escaped
    assert settings.SITE_URL + "/over-ons/" in message.body
    assert message.alternatives[0][0].startswith("<!doctype html>")


def test_emails_send_without_recipient_or_template_returns_false():
    assert emails.send(verification.EMAIL_KIND, "", {}) is False
    assert emails.send("bestaat-niet", "a@b.example", {}) is False
    assert mail.outbox == []


# --- the command ---------------------------------------------------------------------------


def run_command(*args):
    out, err = StringIO(), StringIO()
    call_command("send_verification_requests", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def due_and_not_due(settings):
    settings.VERIFICATION_INTERVAL_MONTHS = 6
    settings.VERIFICATION_LINK_DAYS = 30
    today = TODAY()
    provider = OrganisationFactory(name="Aanbieder A vzw", email="info@a.example")
    other = OrganisationFactory(name="Aanbieder B vzw", email="info@b.example")
    silent = OrganisationFactory(name="Aanbieder Zonder Adres", email="")
    fiches = {
        "old": InterventionFactory(provider=provider, name="Oud aanbod",
                                   last_verified=today - datetime.timedelta(days=200)),
        "never": InterventionFactory(provider=provider, name="Nooit nagekeken",
                                     last_verified=None),
        "fresh": InterventionFactory(provider=provider, name="Vers aanbod",
                                     last_verified=today - datetime.timedelta(days=100)),
        "draft": InterventionFactory(provider=provider, name="Klad aanbod", status="draft",
                                     last_verified=None),
        "mailed": InterventionFactory(
            provider=provider, name="Pas gemaild", last_verified=None,
            verification_sent_at=timezone.now() - datetime.timedelta(days=10),
        ),
        "mailed_long_ago": InterventionFactory(
            provider=other, name="Lang geleden gemaild", last_verified=None,
            verification_sent_at=timezone.now() - datetime.timedelta(days=40),
        ),
        "no_email": InterventionFactory(provider=silent, name="Zonder adres",
                                        last_verified=None),
    }
    return fiches


def test_command_mails_each_provider_its_due_fiches(due_and_not_due):
    output = run_command()
    assert "2 e-mails verstuurd voor 3 fiche(s)." in output
    assert "Overgeslagen: Aanbieder Zonder Adres heeft geen e-mailadres (1 fiche)." in output
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"info@a.example", "info@b.example"}
    a_body = by_address["info@a.example"].body
    assert "Oud aanbod" in a_body and "Nooit nagekeken" in a_body
    for name in ("Vers aanbod", "Klad aanbod", "Pas gemaild", "Lang geleden gemaild"):
        assert name not in a_body
    assert a_body.count("/nakijken/") == 2  # one link per fiche
    assert by_address["info@a.example"].subject.endswith("Kijk uw 2 fiches na voor het Meldpunt SI")
    assert "Lang geleden gemaild" in by_address["info@b.example"].body
    sent = set(
        Intervention.objects.filter(verification_sent_at__date=timezone.localdate())
        .exclude(name="Pas gemaild")
        .values_list("name", flat=True)
    )
    assert sent == {"Oud aanbod", "Nooit nagekeken", "Lang geleden gemaild"}


def test_command_does_not_resend_within_the_link_period(due_and_not_due):
    run_command()
    mail.outbox.clear()
    output = run_command()
    assert "0 e-mails verstuurd voor 0 fiche(s)." in output
    assert mail.outbox == []


def test_command_resends_after_the_link_expired(due_and_not_due):
    run_command()
    mail.outbox.clear()
    Intervention.objects.filter(name="Oud aanbod").update(
        verification_sent_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert "1 e-mail verstuurd voor 1 fiche(s)." in run_command()
    assert "Oud aanbod" in mail.outbox[0].body


def test_verified_fiche_is_no_longer_due(due_and_not_due):
    old = due_and_not_due["old"]
    Client().post(link(old), {"action": "confirm"})
    run_command()
    assert all("Oud aanbod" not in message.body for message in mail.outbox)


def test_dry_run_sends_and_changes_nothing(due_and_not_due):
    output = run_command("--dry-run")
    assert "Proefdraaien" in output
    assert "Zou 2 e-mails versturen voor 3 fiche(s)." in output
    assert mail.outbox == []
    assert not Intervention.objects.filter(
        verification_sent_at__date=timezone.localdate()
    ).exclude(name="Pas gemaild").exists()


def test_failed_mail_is_retried_next_time(due_and_not_due, monkeypatch):
    monkeypatch.setattr(verification.emails, "send", lambda *args, **kwargs: False)
    output = run_command()
    assert "2 e-mails mislukt (3 fiche(s)); de volgende keer opnieuw." in output
    assert Intervention.objects.get(name="Oud aanbod").verification_sent_at is None
    # The old send date is restored, not lost.
    restored = Intervention.objects.get(name="Lang geleden gemaild").verification_sent_at
    assert restored < timezone.now() - datetime.timedelta(days=39)
    monkeypatch.undo()
    assert "2 e-mails verstuurd voor 3 fiche(s)." in run_command()
