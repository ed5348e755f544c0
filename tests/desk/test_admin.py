"""The desk's back office: worklists, the case page, its actions through the flow, the view log,
the outbox admin and pinned query counts."""

import datetime

import pytest
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meldpunt.desk import flow, worklists
from meldpunt.desk.models import (
    DeclineReason,
    Dispatch,
    DispatchAnswer,
    EventKind,
    Referral,
    ReferralEvent,
    ReferralStatus,
    ReferralView,
)
from netwerk.models import OutgoingMail
from tests.factories import InterventionFactory, OrganisationFactory, ReferralFactory

pytestmark = pytest.mark.django_db


# --- helpers -------------------------------------------------------------------------------


def change_url(referral):
    return reverse("admin:meldpunt_referral_change", args=[referral.pk])


def action_url(referral, slug):
    return reverse("admin:meldpunt_referral_action", args=[referral.pk, slug])


def changelist_url(worklist=None):
    url = reverse("admin:meldpunt_referral_changelist")
    return f"{url}?werklijst={worklist}" if worklist else url


def act(client, referral, slug, **fields):
    """Post one action form of the case page, as the browser would (prefixed field names)."""
    data = {f"{slug}-{name}": value for name, value in fields.items()}
    return client.post(action_url(referral, slug), data)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def reason(slug):
    return DeclineReason.objects.get(slug=slug)


@pytest.fixture
def fiches():
    """Three published offers of three providers: A, B and C."""
    return [
        InterventionFactory(
            name=f"Time-out {letter}",
            provider=OrganisationFactory(name=f"Aanbieder {letter} vzw"),
            area=["Leuven"],
        )
        for letter in "ABC"
    ]


@pytest.fixture
def referral():
    return ReferralFactory(pupil_first_name="Noor", pupil_initial="Z")


# --- the whole flow through the admin ------------------------------------------------------


def test_whole_flow_with_three_dispatch_attempts(meldpunt_client, meldpunt_user, referral,
                                                  fiches, django_capture_on_commit_callbacks):
    a, b, c = fiches

    response = act(meldpunt_client, referral, "in-behandeling", note="Eerst het CLB bellen.")
    assert response.status_code == 302
    assert response["Location"] == change_url(referral)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_REVIEW
    assert referral.assigned_to == meldpunt_user

    # A is asked, and the provider gets a mail without the pupil's name.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(meldpunt_client, referral, "doorsturen", intervention=a.pk)
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DISPATCHED
    assert [message.to for message in mail.outbox] == [[a.provider.email]]
    assert referral.reference in mail.outbox[0].body
    assert "Noor" not in mail.outbox[0].body
    dispatch_a = referral.dispatches.get(intervention=a)

    # A refuses by phone: the reason is required.
    response = act(meldpunt_client, referral, "antwoord", dispatch=dispatch_a.pk, answer="refused")
    assert response.status_code == 200
    assert "Geef een reden voor de weigering." in response.content.decode()
    dispatch_a.refresh_from_db()
    assert dispatch_a.answer == DispatchAnswer.PENDING
    response = act(
        meldpunt_client, referral, "antwoord", dispatch=dispatch_a.pk, answer="refused",
        decline_reason=reason("geen-plaats").pk, note="Volzet tot de zomer.",
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.REFUSED

    # B puts the pupil on its waiting list: the weeks are required.
    act(meldpunt_client, referral, "doorsturen", intervention=b.pk)
    dispatch_b = referral.dispatches.get(intervention=b)
    response = act(meldpunt_client, referral, "antwoord", dispatch=dispatch_b.pk,
                   answer="waiting_list")
    assert "Geef de verwachte wachttijd in weken." in response.content.decode()
    act(meldpunt_client, referral, "antwoord", dispatch=dispatch_b.pk, answer="waiting_list",
        waiting_weeks="6")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WAITING_LIST
    b.refresh_from_db()
    assert (b.capacity_status, b.waiting_weeks) == ("waiting_list", 6)

    # C accepts.
    act(meldpunt_client, referral, "doorsturen", intervention=c.pk)
    dispatch_c = referral.dispatches.get(intervention=c)
    act(meldpunt_client, referral, "antwoord", dispatch=dispatch_c.pk, answer="accepted")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED

    # Started, then closed with an outcome.
    started_on = timezone.localdate() - datetime.timedelta(days=2)
    response = act(meldpunt_client, referral, "opstart", started="gestart",
                   on_date=started_on.isoformat())
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.started_on) == (ReferralStatus.STARTED, started_on)
    response = act(meldpunt_client, referral, "afsluiten", outcome="")
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.STARTED
    response = act(meldpunt_client, referral, "afsluiten", outcome="back_in_school")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED
    assert referral.outcome == "back_in_school"
    assert not referral.advice_only

    # One case, one timeline: every step, who did it, the three attempts with their answers.
    events = list(referral.events.all())
    assert [e.status for e in events if e.status] == [
        "new", "in_review", "dispatched", "refused", "dispatched", "waiting_list",
        "waiting_list", "accepted", "started", "closed",
    ]
    assert all(e.actor == meldpunt_user for e in events if e.kind != EventKind.RECEIVED)
    page = meldpunt_client.get(change_url(referral))
    content = page.content.decode()
    for text in ["Aanbieder A vzw", "Aanbieder B vzw", "Aanbieder C vzw", "Geen plaats of volzet",
                 "6 weken wachten", "Volzet tot de zomer.", "Eerst het CLB bellen.",
                 "terug op school"]:
        assert text in content, text
    assert len(page.context["case_dispatches"]) == 3
    assert [d.answer for d in page.context["case_dispatches"]] == [
        "refused", "waiting_list", "accepted",
    ]
    # A closed case offers only a note.
    assert [form.slug for form in page.context["case_forms"]] == ["notitie"]


def test_not_started_needs_a_reason(meldpunt_client, referral, fiches):
    flow.take_in_review(referral, None)
    sent = flow.dispatch(referral, fiches[0], None)
    flow.record_answer(sent, DispatchAnswer.ACCEPTED)

    response = act(meldpunt_client, referral, "opstart", started="niet-gestart")
    assert response.status_code == 200
    assert "Geef een reden waarom het traject niet startte." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED

    act(meldpunt_client, referral, "opstart", started="niet-gestart",
        reason=reason("jongere-wil-niet").pk)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NOT_STARTED
    assert referral.not_started_reason.slug == "jongere-wil-niet"


def test_start_date_cannot_be_in_the_future(meldpunt_client, referral, fiches):
    flow.dispatch(referral, fiches[0], None)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = act(meldpunt_client, referral, "opstart", started="gestart",
                   on_date=tomorrow.isoformat())
    assert "Een startdatum kan niet in de toekomst liggen." in response.content.decode()


def test_close_as_advice_only(meldpunt_client, referral):
    act(meldpunt_client, referral, "in-behandeling")
    response = act(meldpunt_client, referral, "afsluiten", outcome="unknown", advice_only="on",
                   note="Advies gegeven aan het CLB.")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CLOSED
    assert referral.advice_only
    closed = referral.events.get(kind=EventKind.CLOSED)
    assert closed.note == "Advies gegeven aan het CLB."
    assert "advies" in closed.public_text


def test_flow_error_is_a_dutch_admin_message(meldpunt_client, referral):
    flow.take_in_review(referral, None)
    response = act(meldpunt_client, referral, "in-behandeling")
    assert response.status_code == 200
    assert "Alleen een nieuwe aanmelding kan in behandeling gaan." in messages_of(response)
    assert referral.events.filter(status=ReferralStatus.IN_REVIEW).count() == 1


def test_withdraw_a_pending_dispatch(meldpunt_client, referral, fiches):
    sent = flow.dispatch(referral, fiches[0], None)
    response = act(meldpunt_client, referral, "intrekken", dispatch=sent.pk,
                   note="Leerling elders geplaatst.")
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.answer == DispatchAnswer.WITHDRAWN
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_REVIEW


def test_answer_only_for_a_pending_dispatch_of_this_case(meldpunt_client, referral, fiches):
    other = ReferralFactory()
    foreign = flow.dispatch(other, fiches[0], None)
    flow.dispatch(referral, fiches[1], None)
    response = act(meldpunt_client, referral, "antwoord", dispatch=foreign.pk, answer="accepted")
    assert response.status_code == 200
    assert response.context["form"].errors["dispatch"]
    foreign.refresh_from_db()
    assert foreign.answer == DispatchAnswer.PENDING


def test_dispatch_only_to_a_published_fiche(meldpunt_client, referral):
    draft = InterventionFactory(status="draft")
    response = act(meldpunt_client, referral, "doorsturen", intervention=draft.pk)
    assert response.status_code == 200
    assert not referral.dispatches.exists()


def test_dispatch_suggests_the_preferred_fiches(meldpunt_client, fiches):
    referral = ReferralFactory(preferred=[fiches[1]])
    response = meldpunt_client.get(change_url(referral))
    form = next(f for f in response.context["case_forms"] if f.slug == "doorsturen")
    groups = form.fields["intervention"].choices[1:]
    assert groups[0][0] == "Gewenst door de aanmelder"
    assert [pk for pk, _label in groups[0][1]] == [fiches[1].pk]


def test_dispatch_to_a_provider_without_email_warns(meldpunt_client, referral):
    fiche = InterventionFactory(provider=OrganisationFactory(email=""))
    response = act(meldpunt_client, referral, "doorsturen", intervention=fiche.pk)
    assert response.status_code == 302
    assert any("geen e-mailadres" in text for text in messages_of(response))


def test_note_and_assign_to_me(meldpunt_client, meldpunt_user, referral):
    response = act(meldpunt_client, referral, "notitie", text="  ")
    assert response.status_code == 200
    assert not referral.events.filter(kind=EventKind.NOTE).exists()
    act(meldpunt_client, referral, "notitie", text="Moeder belde terug.")
    act(meldpunt_client, referral, "mij-toewijzen")
    referral.refresh_from_db()
    assert referral.assigned_to == meldpunt_user
    notes = list(referral.events.filter(kind=EventKind.NOTE).values_list("note", "is_public"))
    assert notes == [("Moeder belde terug.", False), ("Toegewezen aan Test Persoon "
                     f"{meldpunt_user.last_name.split()[-1]}.", False)]


def test_action_page_shows_the_form_without_javascript(meldpunt_client, referral):
    response = meldpunt_client.get(action_url(referral, "afsluiten"))
    assert response.status_code == 200
    assert 'name="afsluiten-outcome"' in response.content.decode()


def test_unknown_action_is_404(meldpunt_client, referral):
    assert meldpunt_client.get(action_url(referral, "verwijderen")).status_code == 404


# --- the data form does not bypass the flow ------------------------------------------------


def form_data(response):
    """The change form as rendered, ready to post back."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        elif value is None and isinstance(
            form.fields[name], (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
        ):
            continue
        elif value is None:
            data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    for name in ("disciplinary_procedure", "in_care"):
        if name in data:
            data[name] = {"True": "true", "False": "false"}.get(data[name], "unknown")
    return data


def test_status_and_follow_up_are_read_only(meldpunt_client, referral):
    response = meldpunt_client.get(change_url(referral))
    form = response.context["adminform"].form
    for name in ["status", "outcome", "started_on", "not_started_reason", "closed_at",
                 "advice_only", "assigned_to", "reference", "kind"]:
        assert name not in form.fields, name
    data = form_data(response)
    data.update(status="closed", outcome="moved", advice_only="on", school_name="Nieuwe school")
    response = meldpunt_client.post(change_url(referral), data)
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.school_name == "Nieuwe school"
    assert referral.status == ReferralStatus.NEW
    assert referral.outcome == ""
    assert not referral.advice_only
    note = referral.events.get(kind=EventKind.NOTE)
    assert note.note == "Gegevens aangepast: School."


def test_editing_the_pupil_updates_the_repeat_key(meldpunt_client, referral):
    earlier = ReferralFactory(pupil_first_name="Lina", pupil_initial="Z")
    response = meldpunt_client.get(change_url(referral))
    data = form_data(response)
    data["pupil_first_name"] = "Lina"
    meldpunt_client.post(change_url(referral), data)
    referral.refresh_from_db()
    assert referral.repeat_key == earlier.repeat_key
    page = meldpunt_client.get(change_url(referral))
    assert page.context["case_repeats"] == [earlier]
    assert change_url(earlier) in page.content.decode()


def test_add_goes_through_register(meldpunt_client):
    response = meldpunt_client.get(reverse("admin:meldpunt_referral_add"))
    assert response.status_code == 200
    data = form_data(response)
    data.update(
        kind="referral", urgency="2", referrer_name="Kim Voorbeeld",
        referrer_organisation="CLB Voorbeeld", referrer_email="kim@clb.example.be",
        pupil_first_name="Ada", pupil_initial="B", pupil_birth_month="4", pupil_birth_year="2012",
    )
    response = meldpunt_client.post(reverse("admin:meldpunt_referral_add"), data)
    assert response.status_code == 200
    assert "Wie gaf toestemming voor de aanmelding?" in response.content.decode()
    data.update(consent_by="pupil", consent_date=timezone.localdate().isoformat())
    response = meldpunt_client.post(reverse("admin:meldpunt_referral_add"), data)
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.reference.startswith("MSI-")
    assert referral.repeat_key
    assert referral.events.get().kind == EventKind.RECEIVED
    assert OutgoingMail.objects.filter(kind="referral-received").exists()


def test_no_bulk_delete(meldpunt_client, referral):
    response = meldpunt_client.get(changelist_url())
    assert "delete_selected" not in response.content.decode()


# --- the view log and no-store -------------------------------------------------------------


def test_every_opening_is_logged_without_pupil_data(meldpunt_client, meldpunt_user, referral):
    meldpunt_client.get(change_url(referral))
    meldpunt_client.get(reverse("admin:meldpunt_referral_history", args=[referral.pk]))
    meldpunt_client.get(reverse("admin:meldpunt_referral_delete", args=[referral.pk]))
    meldpunt_client.get(action_url(referral, "notitie"))
    act(meldpunt_client, referral, "notitie", text="Gebeld.")
    views = list(ReferralView.objects.order_by("at", "pk"))
    assert [(v.user, v.referral, v.action) for v in views] == [
        (meldpunt_user, referral, "view"),
        (meldpunt_user, referral, "view"),
        (meldpunt_user, referral, "view"),
        (meldpunt_user, referral, "view"),
        (meldpunt_user, referral, "change"),
    ]
    for view in views:
        assert str(referral.pk) in view.path
        assert "Noor" not in view.path and "Noor" not in str(view)
    # The list itself opens no case.
    meldpunt_client.get(changelist_url())
    assert ReferralView.objects.count() == 5


def test_the_access_log_outlives_a_deleted_case(meldpunt_client, referral):
    meldpunt_client.get(change_url(referral))
    reference = referral.reference
    referral.delete()
    view = ReferralView.objects.get()
    assert view.referral is None
    assert view.reference == reference


def test_saving_the_data_form_is_logged_as_a_change(meldpunt_client, referral):
    data = form_data(meldpunt_client.get(change_url(referral)))
    data["school_name"] = "Andere school"
    meldpunt_client.post(change_url(referral), data)
    assert list(ReferralView.objects.values_list("action", flat=True).order_by("pk")) == [
        "view", "change",
    ]


def test_access_log_admin_is_read_only(meldpunt_client, referral):
    meldpunt_client.get(change_url(referral))
    response = meldpunt_client.get(reverse("admin:meldpunt_referralview_changelist"))
    assert response.status_code == 200
    assert referral.reference in response.content.decode()
    assert meldpunt_client.get(reverse("admin:meldpunt_referralview_add")).status_code == 403


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


def test_every_desk_page_is_no_store(meldpunt_client, referral, fiches):
    urls = [
        reverse("admin:index"),
        changelist_url(),
        changelist_url("nieuw"),
        reverse("admin:meldpunt_referral_add"),
        change_url(referral),
        reverse("admin:meldpunt_referral_history", args=[referral.pk]),
        reverse("admin:meldpunt_referral_delete", args=[referral.pk]),
        action_url(referral, "doorsturen"),
        reverse("admin:netwerk_outgoingmail_changelist"),
    ]
    for url in urls:
        response = meldpunt_client.get(url)
        assert response.status_code == 200, url
        assert no_store(response), url
    response = act(meldpunt_client, referral, "doorsturen", intervention=fiches[0].pk)
    assert response.status_code == 302 and no_store(response)
    response = act(meldpunt_client, referral, "antwoord", answer="accepted")
    assert response.status_code == 200 and no_store(response)


# --- worklists -----------------------------------------------------------------------------


def make_cases(fiches, today):
    """One case per situation; returns {name: referral}."""
    a, b, c = fiches
    cases = {name: ReferralFactory() for name in [
        "new", "in_review", "dispatched", "overdue", "reminder_pending", "accepted",
        "accepted_long_ago", "started", "started_long_ago", "not_started", "refused", "consult",
        "closed",
    ]}
    cases["consult"].kind = "consult"
    cases["consult"].save()
    for name, case in cases.items():
        if name != "new":
            flow.take_in_review(case, None)
    for name in ["dispatched", "overdue", "reminder_pending", "accepted", "accepted_long_ago",
                 "started", "started_long_ago", "not_started", "refused"]:
        flow.dispatch(cases[name], a, None, today=today)
    # Due dates in the past; one reminder went for "overdue", none yet for the other.
    late = today - datetime.timedelta(days=30)
    Dispatch.objects.filter(referral__in=[cases["overdue"], cases["reminder_pending"]]).update(
        due_on=late
    )
    Dispatch.objects.filter(referral=cases["overdue"]).update(reminded_at=timezone.now())
    for name in ["accepted", "accepted_long_ago", "started", "started_long_ago", "not_started"]:
        flow.record_answer(cases[name].dispatches.get(), DispatchAnswer.ACCEPTED)
    Dispatch.objects.filter(referral=cases["accepted_long_ago"]).update(
        answered_at=timezone.now() - worklists.FOLLOW_UP_AFTER - datetime.timedelta(days=1)
    )
    flow.record_answer(cases["refused"].dispatches.get(), DispatchAnswer.REFUSED,
                       decline_reason=reason("andere"))
    flow.record_start(cases["started"], True, None)
    flow.record_start(cases["started_long_ago"], True, None,
                      on_date=today - worklists.FOLLOW_UP_AFTER - datetime.timedelta(days=1))
    flow.record_start(cases["not_started"], False, None, reason=reason("jongere-wil-niet"))
    flow.close(cases["closed"], "unknown", None)
    return cases


EXPECTED = {
    "nieuw": {"new"},
    # After a refusal the desk asks another provider.
    "door-te-sturen": {"in_review", "refused"},
    "wacht-op-antwoord": {"dispatched", "overdue", "reminder_pending"},
    "te-laat": {"overdue"},
    "lopend": {"accepted", "accepted_long_ago", "started", "started_long_ago"},
    # Time to ask how it went: the trajectory did not start, or started long ago.
    "af-te-sluiten": {"accepted_long_ago", "started_long_ago", "not_started", "consult"},
}


def test_worklists_filter_and_count(meldpunt_client, fiches):
    cases = make_cases(fiches, timezone.localdate())
    names = {case.pk: name for name, case in cases.items()}
    assert worklists.counts() == {slug: len(expected) for slug, expected in EXPECTED.items()}
    for slug, expected in EXPECTED.items():
        response = meldpunt_client.get(changelist_url(slug))
        assert response.status_code == 200
        shown = {names[case.pk] for case in response.context["cl"].result_list}
        assert shown == expected, slug
        tab = next(t for t in response.context["desk_worklists"] if t["current"])
        assert tab["count"] == len(expected)


def test_worklist_counts_on_the_admin_index(meldpunt_client, fiches):
    make_cases(fiches, timezone.localdate())
    response = meldpunt_client.get(reverse("admin:index"))
    content = response.content.decode()
    assert "Werklijsten van het Meldpunt" in content
    rows = response.context["worklists"]
    assert [(row["url"].split("=")[-1], row["count"]) for row in rows] == [
        (slug, len(expected)) for slug, expected in EXPECTED.items()
    ]


def test_unknown_worklist_does_not_crash(meldpunt_client):
    response = meldpunt_client.get(changelist_url("onbestaand"))
    assert response.status_code == 302
    assert "e=1" in response["Location"]


def test_worklist_sorted_by_urgency_then_age(meldpunt_client):
    now = timezone.now()
    old_normal = ReferralFactory(urgency=2, created_at=now - datetime.timedelta(days=9))
    new_urgent = ReferralFactory(urgency=3, created_at=now - datetime.timedelta(days=1))
    new_normal = ReferralFactory(urgency=2, created_at=now - datetime.timedelta(days=2))
    old_can_wait = ReferralFactory(urgency=1, created_at=now - datetime.timedelta(days=20))
    response = meldpunt_client.get(changelist_url("nieuw"))
    assert list(response.context["cl"].result_list) == [
        new_urgent, old_normal, new_normal, old_can_wait,
    ]


def test_changelist_marks_late_answers(meldpunt_client, fiches):
    cases = make_cases(fiches, timezone.localdate())
    response = meldpunt_client.get(changelist_url("te-laat"))
    assert cases["overdue"].reference in response.content.decode()
    assert "te laat" in response.content.decode()


# --- the outbox ----------------------------------------------------------------------------


def test_outbox_is_read_only_and_delivers_now(meldpunt_client, referral):
    queued = OutgoingMail.objects.get(kind="referral-received")
    response = meldpunt_client.get(reverse("admin:netwerk_outgoingmail_changelist"))
    assert response.status_code == 200
    assert "referral-received" in response.content.decode()
    assert meldpunt_client.get(reverse("admin:netwerk_outgoingmail_add")).status_code == 403
    detail = meldpunt_client.get(reverse("admin:netwerk_outgoingmail_change", args=[queued.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    delete = reverse("admin:netwerk_outgoingmail_delete", args=[queued.pk])
    assert meldpunt_client.get(delete).status_code == 403

    mail.outbox.clear()
    response = meldpunt_client.post(
        reverse("admin:netwerk_outgoingmail_changelist"),
        {"action": "deliver_now", "_selected_action": [queued.pk]},
    )
    assert response.status_code == 302
    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert len(mail.outbox) == 1
    # A second time sends nothing.
    meldpunt_client.post(
        reverse("admin:netwerk_outgoingmail_changelist"),
        {"action": "deliver_now", "_selected_action": [queued.pk]},
    )
    assert len(mail.outbox) == 1


def test_outbox_records_a_failure(meldpunt_client, referral, settings):
    settings.EMAIL_BACKEND = "tests.desk.test_admin.FailingBackend"
    queued = OutgoingMail.objects.get(kind="referral-received")
    response = meldpunt_client.post(
        reverse("admin:netwerk_outgoingmail_changelist"),
        {"action": "deliver_now", "_selected_action": [queued.pk]},
        follow=True,
    )
    assert any("kon niet vertrekken" in text for text in messages_of(response))
    queued.refresh_from_db()
    assert queued.sent_at is None and queued.attempts == 1 and queued.last_error


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")


# --- pinned query counts -------------------------------------------------------------------


def bulk_cases(size, fiches, actor):
    """``size`` cases in several states, each with events; in the desk's own flow."""
    for n in range(size):
        referral = ReferralFactory()
        if n % 3:
            flow.take_in_review(referral, actor)
        if n % 3 == 2:
            flow.dispatch(referral, fiches[n % len(fiches)], actor)


@pytest.mark.parametrize("size", [3, 24])
def test_worklist_changelist_queries_are_fixed(meldpunt_client, meldpunt_user, fiches,
                                                django_assert_num_queries, size):
    bulk_cases(size, fiches, meldpunt_user)
    ContentType.objects.clear_cache()
    # session, user, perms (2), worklist counts, the page's count, the rows.
    with django_assert_num_queries(7):
        response = meldpunt_client.get(changelist_url("door-te-sturen"))
    assert response.status_code == 200
    with django_assert_num_queries(7):
        response = meldpunt_client.get(changelist_url())
    assert len(response.context["cl"].result_list) == size


@pytest.mark.parametrize("size", [1, 12])
def test_case_page_queries_are_fixed(meldpunt_client, meldpunt_user, fiches,
                                     django_assert_num_queries, size):
    providers = [InterventionFactory(area=["Leuven"]) for _ in range(size)]
    referral = ReferralFactory(preferred=providers[:2] if size > 1 else providers)
    flow.take_in_review(referral, meldpunt_user)
    for n, fiche in enumerate(providers):
        sent = flow.dispatch(referral, fiche, meldpunt_user)
        flow.add_note(referral, f"Notitie {n}", meldpunt_user)
        if n % 2:
            flow.record_answer(sent, DispatchAnswer.REFUSED, decline_reason=reason("andere"),
                               actor=meldpunt_user)
    for _ in range(size):
        ReferralFactory(pupil_first_name=referral.pupil_first_name,
                        pupil_initial=referral.pupil_initial)
    ContentType.objects.clear_cache()
    # session, user, case, perms (2), access log, dispatches, events, preferred, reasons,
    # repeats, content type, the action forms' lists (fiches, decline reasons twice) and the
    # data form's lists and selections (8).
    with django_assert_num_queries(23):
        response = meldpunt_client.get(change_url(referral))
    assert response.status_code == 200
    assert len(response.context["case_dispatches"]) == size
    assert len(response.context["case_repeats"]) == size
    assert ReferralEvent.objects.filter(referral=referral).count() >= 2 * size


def test_a_purged_case_is_read_only(meldpunt_client, referral):
    from meldpunt.desk import retention

    flow.close(referral, "unknown", None)
    Referral.objects.filter(pk=referral.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=800)
    )
    retention.purge()
    response = meldpunt_client.get(change_url(referral))
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    response = meldpunt_client.post(change_url(referral), {"school_name": "Andere school"})
    assert response.status_code == 403
    assert act(meldpunt_client, referral, "notitie", text="Nog iets.").status_code == 403
