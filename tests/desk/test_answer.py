"""The provider answers a dispatch through the signed link: no account, one answer."""

import datetime
import time
from html import unescape

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from meldpunt import verification
from meldpunt.desk import flow, links
from meldpunt.desk.models import DispatchAnswer, EventKind, Outcome, ReferralStatus
from meldpunt.models import CapacityStatus
from netwerk.models import OutgoingMail
from tests.desk.conftest_flow import (  # noqa: F401 (fixtures)
    decline_reason,
    offers,
    pupil_leaks,
    referral,
)

pytestmark = pytest.mark.django_db

A = DispatchAnswer


@pytest.fixture
def sent(referral, offers, meldpunt_user):
    return flow.dispatch(referral, offers[0], meldpunt_user, today=datetime.date(2027, 3, 26))


def link(dispatch):
    return reverse("meldpunt:dispatch_answer", args=[links.make_answer_token(dispatch)])


def page(response):
    return unescape(response.content.decode())


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Never the address (with its token) as a referrer; the origin only, so that the browser
    # still sends a real Origin with the form's POST (the CSRF check needs it).
    assert response["Referrer-Policy"] == "strict-origin"


def travel(monkeypatch, days):
    """Move the signer's clock ``days`` days ahead."""
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + days * 86400)


# --- a pending dispatch ---------------------------------------------------------------------


def test_the_link_shows_the_case_without_the_pupils_identity(anonymous, sent, referral):
    response = anonymous.get(link(sent))
    assert response.status_code == 200
    assert_private(response)
    html = page(response)
    age = referral.age_on(datetime.date.today())
    for expected in [
        f"Antwoord op aanmelding {referral.reference}",
        "Aanbod A (Aanbieder A vzw)",
        f"{age} jaar",
        "Secundair",
        "2e leerjaar",
        "Diest",
        "Spijbelen en afwezigheden, Motivatie",
        "Kim Voorbeeld",
        "kim@clb.example.be",
        "maandag 5 april 2027",
        'name="answer" value="accepted"',
        'name="answer" value="waiting_list"',
        'name="answer" value="refused"',
        'name="waiting_weeks"',
        'name="decline_reason"',
        'name="note"',
    ]:
        assert expected in html, expected
    assert pupil_leaks(html) == []


def test_looking_changes_nothing(anonymous, sent):
    anonymous.get(link(sent))
    sent.refresh_from_db()
    assert sent.answer == A.PENDING
    assert not sent.events.filter(kind=EventKind.ANSWERED).exists()


def test_the_link_in_the_providers_mail_opens_the_page(
    referral, offers, meldpunt_user, anonymous, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = flow.dispatch(referral, offers[0], meldpunt_user)
    [request] = [m for m in mail.outbox if m.to == [dispatch.provider.email]]
    [url] = [line for line in request.body.splitlines() if "/antwoord/" in line]
    assert url.startswith(settings.SITE_URL)
    response = anonymous.get(url.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert referral.reference in page(response)


def test_accept(anonymous, sent, referral, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post(link(sent), {"answer": "accepted", "note": " Start maandag. "})
    assert response.status_code == 302
    assert response["Location"] == link(sent)
    sent.refresh_from_db()
    assert sent.answer == A.ACCEPTED
    assert sent.answered_at is not None
    assert sent.answer_note == "Start maandag."
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    event = referral.events.get(kind=EventKind.ANSWERED)
    assert event.actor is None
    assert event.actor_label == flow.PROVIDER_LABEL
    assert "Start maandag" not in event.public_text
    # The desk hears of it.
    [notice] = mail.outbox
    assert notice.to == ["meldpunt@example.be"]
    assert "Aanbieder A vzw antwoordde" in notice.body

    response = anonymous.get(response["Location"])
    html = page(response)
    assert response.status_code == 200
    assert "Bedankt! Het Meldpunt heeft uw antwoord" in html
    assert "aanvaard" in html
    assert 'name="answer"' not in html
    assert_private(response)


def test_waiting_list_updates_the_capacity(anonymous, sent, offers):
    response = anonymous.post(link(sent), {"answer": "waiting_list", "waiting_weeks": "6"})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.answer == A.WAITING_LIST
    assert sent.waiting_weeks == 6
    offer = offers[0]
    offer.refresh_from_db()
    assert offer.capacity_status == CapacityStatus.WAITING_LIST
    assert offer.waiting_weeks == 6
    html = page(anonymous.get(link(sent)))
    assert "6 weken" in html


def test_refuse_with_reason(anonymous, sent, decline_reason, referral):
    response = anonymous.post(
        link(sent), {"answer": "refused", "decline_reason": str(decline_reason.pk)}
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.answer == A.REFUSED
    assert sent.decline_reason == decline_reason
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFUSED
    assert "Geen plaats of volzet" in page(anonymous.get(link(sent)))


def test_fields_of_another_answer_are_ignored(anonymous, sent, decline_reason, offers):
    response = anonymous.post(
        link(sent),
        {"answer": "accepted", "waiting_weeks": "999", "decline_reason": str(decline_reason.pk)},
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.answer, sent.waiting_weeks, sent.decline_reason) == (A.ACCEPTED, None, None)
    offers[0].refresh_from_db()
    assert offers[0].capacity_status == CapacityStatus.FREE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies aanvaarden, wachtlijst of weigeren."),
        ({"answer": "withdrawn"}, "Kies aanvaarden, wachtlijst of weigeren."),
        ({"answer": "pending"}, "Kies aanvaarden, wachtlijst of weigeren."),
        ({"answer": "waiting_list"}, "Vul de verwachte wachttijd in weken in"),
        ({"answer": "waiting_list", "waiting_weeks": "105"}, "Vul hoogstens 104 weken"),
        ({"answer": "waiting_list", "waiting_weeks": "-1"}, "Een wachttijd kan niet negatief"),
        ({"answer": "waiting_list", "waiting_weeks": "vier"}, "Vul een aantal weken in"),
        ({"answer": "refused"}, "Kies een reden voor de weigering."),
        ({"answer": "refused", "decline_reason": "999999"}, "Kies een reden uit de lijst."),
        ({"answer": "accepted", "note": "x" * 2001}, "Hoogstens 2000 tekens"),
    ],
)
def test_wrong_input_is_a_dutch_400_and_changes_nothing(anonymous, sent, data, message):
    response = anonymous.post(link(sent), data)
    assert response.status_code == 400
    html = page(response)
    assert message in html
    assert "Uw antwoord is nog niet verstuurd" in html
    assert_private(response)
    sent.refresh_from_db()
    assert sent.answer == A.PENDING


def test_waiting_list_of_zero_and_104_weeks(anonymous, referral, offers, meldpunt_user):
    for offer, weeks in [(offers[0], 0), (offers[1], 104)]:
        dispatch = flow.dispatch(referral, offer, meldpunt_user)
        response = anonymous.post(
            link(dispatch), {"answer": "waiting_list", "waiting_weeks": str(weeks)}
        )
        assert response.status_code == 302
        dispatch.refresh_from_db()
        assert dispatch.waiting_weeks == weeks


def test_the_form_needs_its_csrf_token(sent):
    client = Client(enforce_csrf_checks=True)
    response = client.post(link(sent), {"answer": "accepted"})
    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.answer == A.PENDING


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(anonymous, sent, method):
    assert getattr(anonymous, method)(link(sent)).status_code == 405


# --- answered twice -------------------------------------------------------------------------


def test_answered_twice_keeps_the_first_answer(anonymous, sent, decline_reason):
    first = anonymous.post(link(sent), {"answer": "waiting_list", "waiting_weeks": "3"})
    assert first.status_code == 302
    response = anonymous.post(
        link(sent), {"answer": "refused", "decline_reason": str(decline_reason.pk)}
    )
    assert response.status_code == 409
    html = page(response)
    assert "al geantwoord" in html
    assert "op wachtlijst" in html
    assert "3 weken" in html
    assert 'name="answer"' not in html
    sent.refresh_from_db()
    assert sent.answer == A.WAITING_LIST
    assert sent.events.filter(kind=EventKind.ANSWERED).count() == 1
    assert OutgoingMail.objects.filter(kind="desk-dispatch-answered").count() == 1


def test_answered_by_the_desk_after_a_phone_call(anonymous, sent, meldpunt_user):
    flow.record_answer(sent, A.ACCEPTED, actor=meldpunt_user)
    response = anonymous.get(link(sent))
    assert response.status_code == 200
    html = page(response)
    assert "Een tweede antwoord is niet mogelijk" in html
    assert "aanvaard" in html


def test_answered_by_a_colleague_while_the_form_was_open(anonymous, sent, monkeypatch):
    original = flow.record_answer

    def colleague_first(dispatch, *args, **kwargs):
        original(dispatch, A.ACCEPTED)  # the colleague's click lands first
        return original(dispatch, *args, **kwargs)

    monkeypatch.setattr(flow, "record_answer", colleague_first)
    response = anonymous.post(link(sent), {"answer": "waiting_list", "waiting_weeks": "2"})
    assert response.status_code == 409
    assert "intussen al geantwoord" in page(response)
    sent.refresh_from_db()
    assert sent.answer == A.ACCEPTED


# --- withdrawn or closed --------------------------------------------------------------------


def test_withdrawn_dispatch_says_so(anonymous, sent, meldpunt_user):
    flow.withdraw(sent, meldpunt_user)
    response = anonymous.get(link(sent))
    assert response.status_code == 200
    html = page(response)
    assert "ingetrokken" in html
    assert 'name="answer"' not in html
    assert_private(response)
    response = anonymous.post(link(sent), {"answer": "accepted"})
    assert response.status_code == 409
    sent.refresh_from_db()
    assert sent.answer == A.WITHDRAWN


def test_closed_case_says_so(anonymous, sent, referral, meldpunt_user):
    flow.close(referral, Outcome.BACK_IN_SCHOOL, meldpunt_user)
    response = anonymous.get(link(sent))
    assert response.status_code == 200
    html = page(response)
    assert "dossier afgesloten" in html
    assert 'name="answer"' not in html
    response = anonymous.post(link(sent), {"answer": "accepted"})
    assert response.status_code == 409
    sent.refresh_from_db()
    assert sent.answer == A.WITHDRAWN


def test_withdrawn_while_the_form_was_open(anonymous, sent, monkeypatch, meldpunt_user):
    original = flow.record_answer

    def withdrawn_first(dispatch, *args, **kwargs):
        flow.withdraw(dispatch, meldpunt_user)
        return original(dispatch, *args, **kwargs)

    monkeypatch.setattr(flow, "record_answer", withdrawn_first)
    response = anonymous.post(link(sent), {"answer": "accepted"})
    assert response.status_code == 409
    assert "ingetrokken" in page(response)


# --- expired, tampered, malformed -----------------------------------------------------------


def test_the_link_holds_for_its_days(anonymous, sent, monkeypatch, settings):
    settings.REFERRAL_ANSWER_LINK_DAYS = 30
    url = link(sent)
    travel(monkeypatch, 29)
    assert anonymous.get(url).status_code == 200


def test_expired_link_is_a_friendly_410(anonymous, sent, referral, monkeypatch, settings):
    settings.REFERRAL_ANSWER_LINK_DAYS = 30
    url = link(sent)
    travel(monkeypatch, 31)
    response = anonymous.get(url)
    assert response.status_code == 410
    assert_private(response)
    html = page(response)
    assert "Deze link is verlopen" in html
    assert referral.reference in html
    assert "meldpunt@example.be" in html  # how to reach the desk
    assert pupil_leaks(html) == []
    # Answering through it does nothing either.
    response = anonymous.post(url, {"answer": "accepted"})
    assert response.status_code == 410
    sent.refresh_from_db()
    assert sent.answer == A.PENDING


def test_expired_link_without_a_desk_address_points_to_the_contact_page(
    anonymous, sent, monkeypatch, settings
):
    settings.MELDPUNT_DESK_EMAIL = ""
    url = link(sent)
    travel(monkeypatch, 31)
    response = anonymous.get(url)
    assert response.status_code == 410
    assert reverse("about") + "#contact" in page(response)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: "00000000-0000-0000-0000-000000000000" + token[36:],
        lambda token: "abc",
        lambda token: "::",
        lambda token: "%00",
        lambda token: "x" * 500,
        lambda token: signing.TimestampSigner(salt=links.ANSWER_SALT).sign("geen-uuid"),
        # A valid signature over a dispatch that does not exist.
        lambda token: signing.TimestampSigner(salt=links.ANSWER_SALT).sign(
            "00000000-0000-0000-0000-000000000000"
        ),
    ],
)
def test_tampered_or_malformed_link_is_a_dutch_404(anonymous, sent, tamper):
    token = tamper(links.make_answer_token(sent))
    url = reverse("meldpunt:dispatch_answer", args=[token])
    response = anonymous.get(url)
    assert response.status_code == 404
    assert "Deze link werkt niet" in page(response)
    assert_private(response)
    response = anonymous.post(url, {"answer": "accepted"})
    assert response.status_code == 404
    sent.refresh_from_db()
    assert sent.answer == A.PENDING


def test_a_link_of_another_kind_does_not_open_it(anonymous, sent):
    # The fiche verification token of the same offer is signed with another salt.
    token = verification.make_token(sent.intervention)
    response = anonymous.get(reverse("meldpunt:dispatch_answer", args=[token]))
    assert response.status_code == 404


def test_expired_and_tampered_is_just_tampered(anonymous, sent, monkeypatch):
    token = links.make_answer_token(sent)
    travel(monkeypatch, 31)
    response = anonymous.get(reverse("meldpunt:dispatch_answer", args=[token[:-2] + "zz"]))
    assert response.status_code == 404


def test_pages_never_raise_on_a_purged_case(anonymous, sent, referral, meldpunt_user):
    flow.record_answer(sent, A.ACCEPTED)
    flow.close(referral, Outcome.UNKNOWN, meldpunt_user)
    referral.pupil_first_name = referral.pupil_initial = ""
    referral.pupil_birth_month = None
    referral.save()
    assert anonymous.get(link(sent)).status_code == 200


def test_record_answer_is_the_only_way_in(sent, monkeypatch, anonymous):
    """The view never writes the answer itself: the flow's rules and messages apply."""

    def refuse(*args, **kwargs):
        raise ValidationError("Het Meldpunt weigert dit antwoord.")

    monkeypatch.setattr(flow, "record_answer", refuse)
    response = anonymous.post(link(sent), {"answer": "accepted"})
    assert response.status_code == 400
    assert "Het Meldpunt weigert dit antwoord." in page(response)
    sent.refresh_from_db()
    assert sent.answer == A.PENDING
