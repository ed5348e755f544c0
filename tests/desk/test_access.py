"""Who may open the desk's back office: every desk admin URL for every persona.

Only the Meldpunt group (and superusers) sees referrals; a Coördinator or Redactie account
gets 403 everywhere, including the actions (GET and POST), the managed lists, the access log
and the outbox; an anonymous visitor is sent to the login page.
"""

import pytest
from django.test import Client
from django.urls import reverse

from meldpunt.desk import flow
from meldpunt.desk.admin_forms import ACTIONS
from meldpunt.desk.models import DeclineReason, ReferralReason, ReferralStatus, ReferralView
from netwerk.models import OutgoingMail
from tests.factories import InterventionFactory, ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    """A case with one pending dispatch, a mail in the outbox and one access-log line."""
    referral = ReferralFactory()
    flow.dispatch(referral, InterventionFactory(area=["Leuven"]), None)
    return referral


def desk_urls(case):
    """Every admin URL of the desk (and the outbox), for ``case``."""
    pk = case.pk
    urls = [
        reverse("admin:meldpunt_referral_changelist"),
        reverse("admin:meldpunt_referral_changelist") + "?werklijst=nieuw",
        reverse("admin:meldpunt_referral_add"),
        reverse("admin:meldpunt_referral_change", args=[pk]),
        reverse("admin:meldpunt_referral_history", args=[pk]),
        reverse("admin:meldpunt_referral_delete", args=[pk]),
        reverse("admin:meldpunt_referralview_changelist"),
        reverse("admin:netwerk_outgoingmail_changelist"),
        reverse("admin:netwerk_outgoingmail_change",
                args=[OutgoingMail.objects.order_by("pk").first().pk]),
    ]
    urls += [reverse("admin:meldpunt_referral_action", args=[pk, slug]) for slug in ACTIONS]
    for model in (ReferralReason, DeclineReason):
        name = model._meta.model_name
        term = model.objects.first()
        urls += [
            reverse(f"admin:meldpunt_{name}_changelist"),
            reverse(f"admin:meldpunt_{name}_add"),
            reverse(f"admin:meldpunt_{name}_change", args=[term.pk]),
            reverse(f"admin:meldpunt_{name}_history", args=[term.pk]),
            reverse(f"admin:meldpunt_{name}_delete", args=[term.pk]),
        ]
    return urls


@pytest.mark.parametrize("persona", ["coordinator_client", "redactie_client"])
def test_other_roles_get_403_on_every_desk_url(persona, request, case):
    client = request.getfixturevalue(persona)
    for url in desk_urls(case):
        assert client.get(url).status_code == 403, url
    assert not ReferralView.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator_client", "redactie_client"])
def test_other_roles_cannot_act_on_a_case(persona, request, case):
    client = request.getfixturevalue(persona)
    pending = case.dispatches.get()
    posts = {
        "in-behandeling": {},
        "mij-toewijzen": {},
        "notitie": {"notitie-text": "Mag niet."},
        "afsluiten": {"afsluiten-outcome": "unknown"},
        "intrekken": {"intrekken-dispatch": pending.pk},
        "antwoord": {"antwoord-dispatch": pending.pk, "antwoord-answer": "accepted"},
        "doorsturen": {"doorsturen-intervention": pending.intervention_id},
        "opstart": {"opstart-started": "gestart"},
    }
    assert set(posts) == set(ACTIONS)
    events = case.events.count()
    for slug, data in posts.items():
        url = reverse("admin:meldpunt_referral_action", args=[case.pk, slug])
        assert client.post(url, data).status_code == 403, slug
    case.refresh_from_db()
    assert case.status == ReferralStatus.DISPATCHED
    assert case.events.count() == events
    # Nor change the case through its form, nor delete it.
    assert client.post(reverse("admin:meldpunt_referral_change", args=[case.pk]),
                       {"school_name": "X"}).status_code == 403
    assert client.post(reverse("admin:meldpunt_referral_delete", args=[case.pk]),
                       {"post": "yes"}).status_code == 403
    case.refresh_from_db()
    assert case.school_name == "Voorbeeldschool"


@pytest.mark.parametrize("persona", ["coordinator_client", "redactie_client"])
def test_other_roles_see_no_worklists_on_the_index(persona, request, case):
    response = request.getfixturevalue(persona).get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Werklijsten van het Meldpunt" not in response.content.decode()
    assert "/admin/meldpunt/referral/" not in response.content.decode()
    assert "outgoingmail" not in response.content.decode()


def test_anonymous_is_sent_to_the_login_page(anonymous, case):
    login = reverse("admin:login")
    for url in desk_urls(case):
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(login), url
    url = reverse("admin:meldpunt_referral_action", args=[case.pk, "notitie"])
    response = anonymous.post(url, {"notitie-text": "Mag niet."})
    assert response.status_code == 302
    assert response["Location"].startswith(login)
    assert not case.events.filter(kind="note").exists()


@pytest.mark.parametrize("persona", ["meldpunt_client", "superuser_client"])
def test_meldpunt_and_superusers_open_every_desk_url(persona, request, case):
    client = request.getfixturevalue(persona)
    for url in desk_urls(case):
        assert client.get(url).status_code == 200, url
    index = client.get(reverse("admin:index"))
    assert "Werklijsten van het Meldpunt" in index.content.decode()


def test_actions_need_the_csrf_token(meldpunt_user, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(meldpunt_user)
    url = reverse("admin:meldpunt_referral_action", args=[case.pk, "notitie"])
    response = client.post(url, {"notitie-text": "Zonder token."})
    assert response.status_code == 403
    assert not case.events.filter(kind="note").exists()


def test_actions_change_nothing_on_get(meldpunt_client, case):
    events = case.events.count()
    for slug in ACTIONS:
        response = meldpunt_client.get(
            reverse("admin:meldpunt_referral_action", args=[case.pk, slug])
        )
        assert response.status_code == 200, slug
    case.refresh_from_db()
    assert case.status == ReferralStatus.DISPATCHED
    assert case.assigned_to is None
    assert case.events.count() == events


def test_a_missing_case_is_no_error(meldpunt_client):
    url = reverse("admin:meldpunt_referral_action", args=[999999, "notitie"])
    response = meldpunt_client.get(url)
    assert response.status_code == 302
    assert not ReferralView.objects.exists()
