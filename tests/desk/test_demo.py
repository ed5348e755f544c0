"""Demo cases (meldpunt/desk/demo.py via ``manage.py load_demo``): every status, two school
years, real timelines, made-up people, no mail, deterministic and idempotent."""

from datetime import date, datetime
from io import StringIO
from itertools import pairwise

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from meldpunt import demo as directory_demo
from meldpunt.desk import demo, flow
from meldpunt.desk.models import (
    ConsentBy,
    Dispatch,
    DispatchAnswer,
    EventKind,
    Outcome,
    ReferenceCounter,
    Referral,
    ReferralEvent,
    ReferralKind,
    ReferralStatus,
)
from meldpunt.models import Intervention
from netwerk import emails
from netwerk.models import OutgoingMail
from netwerk.roles import MELDPUNT
from tests.factories import staff_user

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 28)
NOW = timezone.make_aware(datetime(2026, 11, 28, 10, 0))
CAPACITY = ["slug", "capacity_status", "waiting_weeks", "capacity_updated_at", "updated_at"]


@pytest.fixture(scope="module", autouse=True)
def loaded(django_db_setup, django_db_blocker):
    """The demo fiches and cases, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        directory_demo.load_demo_content()
        staff_user(MELDPUNT, username=demo.DEMO_STAFF_USERNAME)
        before = list(Intervention.objects.order_by("slug").values(*CAPACITY))
        history = Intervention.history.count()
        counts = demo.load_demo_referrals(today=TODAY, now=NOW)
        yield {"counts": counts, "capacity": before, "history": history}
        transaction.set_rollback(True)


def snapshot():
    """The demo as a referrer, a provider and the report would see it (no ids, no tokens)."""
    cases = Referral.objects.order_by("reference").prefetch_related(
        "reasons", "preferred_interventions", "dispatches__intervention", "events"
    )
    return [
        (
            r.reference, r.submission_key, r.kind, r.status, r.urgency, r.created_at,
            r.closed_at, r.outcome, r.advice_only, r.pupil_first_name, r.pupil_initial,
            r.pupil_birth_year, r.pupil_birth_month, r.pupil_gender, r.pupil_municipality_id,
            r.education_level_id, r.referrer_email, r.school_name, r.question, r.started_on,
            r.not_started_reason_id, r.repeat_key,
            sorted(reason.slug for reason in r.reasons.all()),
            sorted(i.slug for i in r.preferred_interventions.all()),
            [(d.intervention.slug, d.answer, d.sent_at, d.due_on, d.answered_at, d.reminded_at,
              d.waiting_weeks, d.decline_reason_id) for d in r.dispatches.all()],
            [(e.kind, e.status, e.at, e.public_text, e.note, e.actor_label)
             for e in r.events.all()],
        )
        for r in cases
    ]


def test_about_sixty_made_up_cases(loaded):
    cases = Referral.objects.all()
    assert 55 <= cases.count() <= 65
    assert loaded["counts"] == {"created": cases.count(), "existing": 0}
    assert not cases.filter(is_demo=False).exists()
    assert not cases.exclude(submission_key__startswith="demo-").exists()


def test_every_status_outcome_and_kind_is_there():
    cases = Referral.objects.all()
    assert set(cases.values_list("status", flat=True)) == set(ReferralStatus.values)
    closed = cases.filter(status=ReferralStatus.CLOSED)
    assert set(closed.values_list("outcome", flat=True)) == set(Outcome.values)
    assert closed.filter(advice_only=True, dispatches__isnull=True).exists()
    for kind in ReferralKind.values:
        assert cases.filter(kind=kind).count() >= 2, kind
    assert cases.filter(kind=ReferralKind.CONSULT, status=ReferralStatus.CLOSED).exists()
    assert cases.filter(kind=ReferralKind.CONSULT).exclude(status=ReferralStatus.CLOSED).exists()
    assert not cases.exclude(kind=ReferralKind.REFERRAL).filter(dispatches__isnull=False).exists()


def test_dispatch_worklists_have_pending_overdue_and_refused_then_redispatched():
    pending = Dispatch.objects.pending()
    assert pending.filter(due_on__gte=TODAY).exists()
    overdue = flow.overdue_dispatches(TODAY)
    assert overdue.count() >= 2
    for dispatch in overdue:
        assert dispatch.referral.events.filter(kind=EventKind.REMINDED, dispatch=dispatch).exists()
        assert dispatch.reminded_at.date() > dispatch.due_on
    redispatched = [
        referral for referral in Referral.objects.filter(dispatches__answer="refused").distinct()
        if referral.dispatches.count() > 1
        and referral.dispatches.last().sent_at > referral.dispatches.first().answered_at
    ]
    assert len(redispatched) >= 3
    assert Dispatch.objects.filter(answer=DispatchAnswer.WAITING_LIST,
                                   waiting_weeks__isnull=False).exists()
    # A refusal always has its reason; so does a trajectory that did not start.
    assert not Dispatch.objects.filter(answer="refused", decline_reason__isnull=True).exists()
    not_started = Referral.objects.filter(events__status=ReferralStatus.NOT_STARTED).distinct()
    assert not_started.count() >= 3
    assert not not_started.filter(not_started_reason__isnull=True).exists()


def test_cases_are_spread_over_the_current_and_the_previous_school_year():
    current = Referral.objects.in_school_year(2026)
    previous = Referral.objects.in_school_year(2025)
    assert current.count() >= 20 and previous.count() >= 20
    assert current.count() + previous.count() == Referral.objects.count()
    months = {timezone.localtime(r.created_at).month for r in previous}
    assert len(months) >= 9
    # The open worklists are about this year; last year's cases are mostly closed.
    assert previous.filter(status=ReferralStatus.CLOSED).count() >= previous.count() - 3
    assert current.exclude(status=ReferralStatus.CLOSED).count() >= 15
    references = {r.reference[:8] for r in Referral.objects.all()}
    assert references == {"MSI-2025", "MSI-2026"}


def test_timelines_are_real_and_backdated():
    for referral in Referral.objects.prefetch_related("events", "dispatches"):
        events = list(referral.events.all())
        assert events[0].kind == EventKind.RECEIVED
        assert events[0].at == referral.created_at
        assert all(a.at <= b.at for a, b in pairwise(events))
        assert events[-1].at <= NOW
        assert referral.updated_at == events[-1].at
        statuses = [event.status for event in events if event.status]
        assert statuses[-1] == referral.status, referral.reference
        if referral.status == ReferralStatus.CLOSED:
            assert referral.closed_at == events[-1].at
            assert events[-1].kind == EventKind.CLOSED
        for dispatch in referral.dispatches.all():
            assert referral.created_at < dispatch.sent_at <= NOW
            assert dispatch.due_on == flow.add_working_days(
                timezone.localdate(dispatch.sent_at), 5
            )
            if dispatch.answered_at:
                assert dispatch.sent_at <= dispatch.answered_at <= NOW
        if referral.started_on:
            assert timezone.localdate(referral.created_at) <= referral.started_on <= TODAY


def test_a_few_pupils_are_referred_again():
    repeated = [r for r in Referral.objects.exclude(repeat_key="") if flow.repeats(r).exists()]
    assert len(repeated) >= 6  # three pairs
    for referral in repeated:
        other = flow.repeats(referral).first()
        assert other.pupil_label == referral.pupil_label


def test_referrals_carry_consent_and_minimal_pupil_data():
    for referral in Referral.objects.filter(kind=ReferralKind.REFERRAL):
        assert referral.consent_by in ConsentBy.values
        assert referral.consent_date <= timezone.localdate(referral.created_at)
        assert referral.pupil_first_name and len(referral.pupil_initial) == 1
        assert referral.pupil_birth_year and referral.pupil_birth_month
        assert 9 <= referral.age_on(timezone.localdate(referral.created_at)) <= 18
        assert referral.repeat_key
    for consult in Referral.objects.filter(kind=ReferralKind.CONSULT):
        assert consult.pupil_first_name == "" and consult.repeat_key == ""


def test_only_made_up_people_and_example_addresses():
    names = {name for name, _gender in demo.PUPILS}
    for referral in Referral.objects.all():
        email = referral.referrer_email
        assert email.endswith(("@clb.example.be", ".example.be", "@example.be")), email
        if referral.kind == ReferralKind.REFERRAL:
            assert email.endswith("@clb.example.be")
            assert referral.referrer_name.endswith(" Voorbeeld")
            assert referral.clb.is_demo and referral.clb.name.endswith("(demo)")
        assert " 00 " in referral.referrer_phone
        assert referral.school_name.endswith("(demo)")
        if referral.pupil_first_name:
            assert referral.pupil_first_name in names
    # Dispatched only to the made-up providers of the demo fiches.
    providers = Dispatch.objects.values_list("provider__email", "intervention__slug")
    assert providers
    for email, slug in providers:
        assert email.endswith(".example.org") and slug.endswith("-demo")


def test_loading_sends_and_queues_no_mail(django_capture_on_commit_callbacks):
    assert not OutgoingMail.objects.exists()
    Referral.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    assert Referral.objects.count() >= 55
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_muted_blocks_queue_and_send_only_inside_the_block():
    with emails.muted():
        assert emails.queue("referral-received", "kim@clb.example.be",
                            {"referral": Referral.objects.first(), "status_url": "x"}) is None
    assert not OutgoingMail.objects.exists()
    queued = emails.queue("referral-received", "kim@clb.example.be",
                          {"referral": Referral.objects.first(), "status_url": "x"}, key="k")
    assert queued is not None and OutgoingMail.objects.count() == 1


def test_the_fiches_are_left_as_they_were(loaded):
    # A waiting-list answer updates the offer's capacity; the demo puts it back, and writes
    # no history.
    assert list(Intervention.objects.order_by("slug").values(*CAPACITY)) == loaded["capacity"]
    assert Intervention.history.count() == loaded["history"]


def test_same_day_same_demo_and_a_second_run_creates_nothing():
    first = snapshot()
    assert demo.load_demo_referrals(today=TODAY, now=NOW) == {
        "created": 0, "existing": len(first)
    }
    assert snapshot() == first

    Referral.objects.all().delete()
    ReferenceCounter.objects.all().delete()
    demo.load_demo_referrals(today=TODAY, now=NOW)
    assert snapshot() == first


def test_load_demo_twice_adds_no_case_and_says_so():
    Referral.objects.filter(submission_key="demo-001").delete()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo-aanmeldingen: 1 nieuwe (" in out.getvalue()
    count = Referral.objects.count()
    events = ReferralEvent.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert f"Demo-aanmeldingen: 0 nieuwe ({count} bestonden al" in out.getvalue()
    assert (Referral.objects.count(), ReferralEvent.objects.count()) == (count, events)
