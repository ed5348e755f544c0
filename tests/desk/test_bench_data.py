"""``generate_bench_data --referrals N`` (meldpunt/desk/bench.py): fast, deterministic, real-
looking cases over three school years that replace the previous bench cases and nothing else."""

from collections import Counter
from datetime import datetime
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from meldpunt.desk import bench, flow
from meldpunt.desk.models import (
    Dispatch,
    DispatchAnswer,
    EventKind,
    ReferenceCounter,
    Referral,
    ReferralEvent,
    ReferralKind,
    ReferralStatus,
)
from meldpunt.models import Intervention
from netwerk.models import Organisation
from tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 11, 28, 10, 0))


def generate(**options):
    out = StringIO()
    call_command("generate_bench_data", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def fiches():
    generate(interventions=30)
    return Intervention.objects.filter(slug__startswith="bench-")


def snapshot():
    cases = Referral.objects.filter(submission_key__startswith="bench-").order_by("reference")
    return [
        (
            r.reference, str(r.uuid), r.kind, r.status, r.created_at, r.closed_at, r.outcome,
            r.pupil_first_name, r.pupil_birth_year, r.pupil_municipality_id, r.clb.slug,
            r.repeat_key, r.started_on, r.not_started_reason_id,
            sorted(reason.slug for reason in r.reasons.all()),
            sorted(i.slug for i in r.preferred_interventions.all()),
            [(d.intervention.slug, d.answer, d.sent_at, d.due_on, d.answered_at, d.reminded_at)
             for d in r.dispatches.all()],
            [(e.kind, e.status, e.at, e.public_text) for e in r.events.all()],
        )
        for r in cases.select_related("clb").prefetch_related(
            "reasons", "preferred_interventions", "dispatches__intervention", "events"
        )
    ]


def test_the_command_makes_cases_with_dispatches_events_and_reasons(fiches):
    output = generate(referrals=300, seed=3)
    assert "Aangemaakt: 300 aanmeldingen met" in output
    cases = Referral.objects.filter(submission_key__startswith="bench-")
    assert cases.count() == 300
    assert not cases.filter(reasons__isnull=True).exists()
    assert Dispatch.objects.filter(referral__in=cases).count() >= 250
    assert ReferralEvent.objects.filter(referral__in=cases).count() >= 1200
    assert cases.filter(preferred_interventions__isnull=False).exists()
    # Dispatched to the bench fiches, by the flow's rules.
    dispatched = Dispatch.objects.filter(referral__in=cases)
    assert not dispatched.exclude(intervention__in=fiches).exists()
    for dispatch in dispatched.select_related("intervention"):
        assert dispatch.provider_id == dispatch.intervention.provider_id
        assert dispatch.due_on == flow.add_working_days(timezone.localdate(dispatch.sent_at), 5)
    assert not dispatched.filter(answer="refused", decline_reason__isnull=True).exists()
    assert not dispatched.filter(answer="waiting_list", waiting_weeks__isnull=True).exists()


def test_three_school_years_old_cases_closed_recent_ones_open(fiches):
    bench.generate_bench_referrals(600, seed=1, now=NOW)
    cases = Referral.objects.all()
    per_year = {year: cases.in_school_year(year).count() for year in (2024, 2025, 2026)}
    assert sum(per_year.values()) == 600
    assert per_year[2024] > 150 and per_year[2025] > 150 and per_year[2026] > 30
    assert not cases.filter(created_at__gt=NOW).exists()
    assert cases.in_school_year(2024).filter(status=ReferralStatus.CLOSED).count() > 250
    statuses = Counter(cases.values_list("status", flat=True))
    assert statuses[ReferralStatus.CLOSED] > 400
    open_statuses = set(statuses) - {ReferralStatus.CLOSED}
    assert len(open_statuses) >= 5, statuses
    assert Counter(cases.values_list("kind", flat=True))[ReferralKind.CONSULT] > 10
    assert cases.filter(advice_only=True).exists()
    repeats = Counter(cases.exclude(repeat_key="").values_list("repeat_key", flat=True))
    assert any(count > 1 for count in repeats.values())


def test_every_case_has_a_consistent_timeline(fiches):
    bench.generate_bench_referrals(300, seed=2, now=NOW)
    for referral in Referral.objects.prefetch_related("events", "dispatches"):
        events = list(referral.events.all())
        assert events[0].kind == EventKind.RECEIVED and events[0].at == referral.created_at
        assert all(a.at <= b.at for a, b in pairwise(events))
        assert events[-1].at <= NOW
        assert referral.updated_at == events[-1].at
        assert [e.status for e in events if e.status][-1] == referral.status
        dispatch_ids = {d.pk for d in referral.dispatches.all()}
        assert {e.dispatch_id for e in events if e.dispatch_id} <= dispatch_ids
        if referral.status == ReferralStatus.CLOSED:
            assert referral.closed_at == events[-1].at and referral.outcome
            assert not referral.dispatches.filter(answer=DispatchAnswer.PENDING).exists()
        if referral.status == ReferralStatus.STARTED:
            assert referral.started_on
        if referral.status == ReferralStatus.NOT_STARTED:
            assert referral.not_started_reason_id
        for dispatch in referral.dispatches.all():
            if dispatch.reminded_at:
                assert dispatch.answer == DispatchAnswer.PENDING
                assert dispatch.reminded_at.date() > dispatch.due_on


def test_same_seed_same_cases(fiches):
    bench.generate_bench_referrals(120, seed=5, now=NOW)
    first = snapshot()
    bench.generate_bench_referrals(120, seed=5, now=NOW)
    assert snapshot() == first
    bench.generate_bench_referrals(120, seed=6, now=NOW)
    assert snapshot() != first


def test_a_run_replaces_the_bench_cases_and_nothing_else(fiches):
    real = ReferralFactory()
    counter = list(ReferenceCounter.objects.values_list("year", "last"))
    generate(referrals=80)
    output = generate(referrals=50)
    assert "Vervangen: 80 vorige benchmarkaanmeldingen." in output
    assert Referral.objects.filter(submission_key__startswith="bench-").count() == 50
    assert Organisation.objects.filter(slug__startswith="bench-clb-").count() == bench.CLB_COUNT
    assert Referral.objects.filter(pk=real.pk).exists()
    assert real.events.count() == 1
    # Bench cases live outside the MSI series: the real counter is untouched.
    assert list(ReferenceCounter.objects.values_list("year", "last")) == counter
    assert not Referral.objects.filter(submission_key__startswith="bench-").exclude(
        reference__startswith="BENCH-"
    ).exists()
    # --referrals alone reused the bench fiches: still the same 30.
    assert Intervention.objects.filter(slug__startswith="bench-").count() == 30


def test_clear_removes_bench_cases_with_the_fiches(fiches):
    real = ReferralFactory()
    generate(referrals=40)
    generate(interventions=0, clear=True)
    assert list(Referral.objects.all()) == [real]
    assert not Intervention.objects.filter(slug__startswith="bench-").exists()
    assert not Organisation.objects.filter(slug__startswith="bench-").exists()


def test_without_fiches_it_says_what_to_do():
    with pytest.raises(CommandError, match="--interventions"):
        bench.generate_bench_referrals(10)
    with pytest.raises(CommandError, match="negatief"):
        generate(referrals=-1)
