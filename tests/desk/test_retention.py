"""Retention (meldpunt.desk.retention, ``manage.py purge_referrals``), with frozen dates.

Today is pinned by passing ``today``/``now`` (or ``--today`` to the command); closure dates
are written straight into the rows, the way a case closed a year ago would look.
"""

import json
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from meldpunt.desk import flow, retention
from meldpunt.desk.models import (
    DeclineReason,
    Dispatch,
    EventKind,
    Referral,
    ReferralEvent,
    ReferralView,
)
from netwerk.models import OutgoingMail
from tests.factories import InterventionFactory, ReferralFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 28)
NOW = timezone.make_aware(datetime(2026, 11, 28, 3, 0))
PUPIL = {
    "pupil_first_name": "Zoë",
    "pupil_initial": "W",
    "pupil_birth_month": 5,
    "pupil_birth_year": 2011,
    "pupil_gender": "f",
}
SECRET_NOTE = "Moeder belde: broer Jonas zit ook in de problemen."
ANSWER_NOTE = "Zoë kent onze begeleider al van vroeger."


def local(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def staff(meldpunt_user):
    return meldpunt_user


def closed_case(staff, closed_at, **pupil):
    """A referral through the whole flow (refused, then accepted, started, closed)."""
    referral = ReferralFactory(
        **(pupil or PUPIL),
        reasons=["gedrag", "motivatie"],
        background="Thuis loopt het al lang moeilijk.",
        care_given="Gesprekken met de leerlingbegeleider.",
        question="Welke time-out past?",
        referrer_name="Kim Voorbeeld",
        referrer_email="kim@clb.example.be",
        referrer_phone="016 00 00 01",
        school_name="Sint-Voorbeeldcollege",
        education_form="a_stream",
    )
    flow.take_in_review(referral, staff, note=SECRET_NOTE)
    first = flow.dispatch(referral, InterventionFactory(), staff)
    no_room = DeclineReason.objects.get(slug="geen-plaats")
    flow.record_answer(first, "refused", decline_reason=no_room, note=ANSWER_NOTE)
    second = flow.dispatch(referral, InterventionFactory(), staff)
    flow.record_answer(second, "accepted", note=ANSWER_NOTE)
    flow.record_start(referral, True, staff, on_date=date(2025, 3, 3))
    flow.add_note(referral, "Eerste gesprek met Zoë verliep goed.", staff)
    flow.close(referral, "back_in_school", staff, note="Zoë gaat terug naar school.")
    Referral.objects.filter(pk=referral.pk).update(closed_at=closed_at)
    referral.refresh_from_db()
    return referral


def stats_fields(referral):
    referral.refresh_from_db()
    return {
        "reference": referral.reference,
        "kind": referral.kind,
        "status": referral.status,
        "urgency": referral.urgency,
        "birth_year": referral.pupil_birth_year,
        "gender": referral.pupil_gender,
        "pupil_municipality": referral.pupil_municipality_id,
        "school_municipality": referral.school_municipality_id,
        "level": referral.education_level_id,
        "form": referral.education_form,
        "school_year": referral.school_year,
        "organisation": referral.referrer_organisation,
        "role": referral.referrer_role,
        "consent_by": referral.consent_by,
        "care_phase": referral.care_phase,
        "reasons": sorted(referral.reasons.values_list("slug", flat=True)),
        "started_on": referral.started_on,
        "outcome": referral.outcome,
        "created_at": referral.created_at,
        "closed_at": referral.closed_at,
        "dispatches": list(
            referral.dispatches.values_list(
                "intervention_id", "provider_id", "answer", "decline_reason_id", "sent_at",
                "answered_at",
            )
        ),
        "events": list(
            referral.events.exclude(kind=EventKind.PURGED)
            .order_by("pk")
            .values_list("kind", "status", "at", "public_text", "is_public")
        ),
    }


def everything_stored(referral):
    """The case, its timeline and its dispatches as stored, in one string."""
    objects = [referral, *referral.events.all(), *referral.dispatches.all()]
    return serializers.serialize("json", objects)


# --- the day boundary -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (date(2026, 11, 28), 12, date(2025, 11, 28)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 11, 28), 24, date(2024, 11, 28)),
    ],
)
def test_months_before_counts_calendar_months(today, months, expected):
    assert retention.months_before(today, months) == expected


def test_a_case_is_purged_on_the_day_twelve_months_after_closure_not_a_day_earlier(staff):
    late_in_the_day = closed_case(staff, local(2025, 11, 28, 23, 30))
    next_day = closed_case(staff, local(2025, 11, 29, 0, 0), pupil_first_name="Lotte",
                           pupil_initial="B", pupil_birth_month=2, pupil_birth_year=2012,
                           pupil_gender="f")

    assert not retention.due_for_purge(date(2026, 11, 27)).exists()
    run = retention.purge(today=date(2026, 11, 27), now=NOW - timedelta(days=1))
    assert run.references == []

    run = retention.purge(today=TODAY, now=NOW)
    assert run.references == [late_in_the_day.reference]
    late_in_the_day.refresh_from_db()
    next_day.refresh_from_db()
    assert late_in_the_day.purged_at == NOW
    assert next_day.purged_at is None
    assert next_day.pupil_first_name == "Lotte"

    run = retention.purge(today=date(2026, 11, 29), now=NOW + timedelta(days=1))
    assert run.references == [next_day.reference]


def test_the_retention_period_is_a_setting(staff, settings):
    referral = closed_case(staff, local(2026, 5, 28, 10, 0))
    assert retention.purge(today=TODAY, now=NOW).referrals == 0
    settings.REFERRAL_RETENTION_MONTHS = 6
    assert retention.purge(today=TODAY, now=NOW).references == [referral.reference]


# --- what goes, what stays ------------------------------------------------------------------


def test_purge_removes_pupil_data_free_texts_notes_and_contact_details(staff):
    referral = closed_case(staff, local(2025, 6, 30, 16, 0))
    before = everything_stored(referral)
    for secret in ["Zoë", "Jonas", "kim@clb.example.be", "Kim Voorbeeld", "016 00 00 01",
                   "Sint-Voorbeeldcollege", "Thuis loopt", "leerlingbegeleider", "time-out"]:
        assert secret in before

    retention.purge(today=TODAY, now=NOW)

    referral.refresh_from_db()
    for name in [*Referral.PUPIL_FIELDS, *Referral.FREE_TEXT_FIELDS, *retention.REFERRER_FIELDS]:
        assert getattr(referral, name) in ("", None), name
    assert referral.pupil_label == ""
    assert referral.purged_at == NOW
    after = everything_stored(referral)
    for secret in ["Zoë", "Jonas", "kim@clb.example.be", "Kim Voorbeeld", "016 00 00 01",
                   "Sint-Voorbeeldcollege", "Thuis loopt", "leerlingbegeleider", "time-out",
                   "begeleider al van vroeger", "terug naar school"]:
        assert secret not in after, secret
    assert not ReferralEvent.objects.filter(referral=referral).exclude(note="").exists()
    assert not Dispatch.objects.filter(referral=referral).exclude(answer_note="").exists()


def test_purge_keeps_the_fields_the_yearly_figures_need(staff):
    referral = closed_case(staff, local(2025, 6, 30, 16, 0))
    before = stats_fields(referral)

    retention.purge(today=TODAY, now=NOW)

    assert stats_fields(referral) == before
    assert before["birth_year"] == 2011 and before["gender"] == "f"
    assert before["reasons"] == ["gedrag", "motivatie"]
    assert [answer for _i, _p, answer, *_rest in before["dispatches"]] == ["refused", "accepted"]
    assert before["outcome"] == "back_in_school"
    # The pupil's age still counts for the figures, from the birth year alone.
    referral.refresh_from_db()
    assert referral.age_on(date(2025, 3, 3)) == 13


def test_the_purge_leaves_one_event_without_personal_data(staff):
    referral = closed_case(staff, local(2025, 6, 30, 16, 0))
    retention.purge(today=TODAY, now=NOW)
    event = referral.events.get(kind=EventKind.PURGED)
    assert event.at == NOW
    assert event.actor is None
    assert event.actor_label == flow.SYSTEM_LABEL
    assert event.note == "" and event.public_text == "" and not event.is_public
    assert event.dispatch is None


def test_open_cases_are_never_touched(staff):
    old_open = ReferralFactory(**PUPIL, question="Nog altijd open.")
    flow.take_in_review(old_open, staff, note=SECRET_NOTE)
    flow.dispatch(old_open, InterventionFactory(), staff)
    Referral.objects.filter(pk=old_open.pk).update(created_at=local(2022, 9, 5, 9, 0))
    never_closed = ReferralFactory(pupil_first_name="Mats")
    Referral.objects.filter(pk=never_closed.pk).update(created_at=local(2021, 1, 4, 9, 0))

    run = retention.purge(today=TODAY, now=NOW)

    assert run.referrals == 0
    old_open.refresh_from_db()
    assert old_open.pupil_first_name == "Zoë"
    assert old_open.question == "Nog altijd open."
    assert old_open.repeat_key
    assert old_open.purged_at is None
    assert old_open.events.filter(note=SECRET_NOTE).exists()
    assert not ReferralEvent.objects.filter(kind=EventKind.PURGED).exists()


def test_a_purged_case_no_longer_counts_as_a_repeat(staff):
    old = closed_case(staff, local(2025, 6, 30, 16, 0))
    new = ReferralFactory(**PUPIL)
    assert new.repeat_key and new.repeat_key == old.repeat_key
    assert list(flow.repeats(new)) == [old]

    retention.purge(today=TODAY, now=NOW)

    old.refresh_from_db()
    assert old.repeat_key == ""
    assert list(flow.repeats(new)) == []
    assert list(flow.repeats(old)) == []
    assert not Referral.objects.filter(repeat_key=new.repeat_key).exclude(pk=new.pk).exists()


# --- dry run and idempotence ----------------------------------------------------------------


def snapshot():
    data = serializers.serialize(
        "json",
        [
            *Referral.objects.order_by("pk"),
            *ReferralEvent.objects.order_by("pk"),
            *Dispatch.objects.order_by("pk"),
            *ReferralView.objects.order_by("pk"),
            *OutgoingMail.objects.order_by("pk"),
        ],
    )
    return json.loads(data)


def test_dry_run_reports_and_changes_nothing(staff):
    due = closed_case(staff, local(2025, 6, 30, 16, 0))
    closed_case(staff, local(2026, 10, 1, 16, 0), pupil_first_name="Lotte", pupil_initial="B",
                pupil_birth_month=2, pupil_birth_year=2012, pupil_gender="f")
    ReferralView.objects.create(referral=due, user=staff, action="view",
                                at=local(2024, 1, 2, 10, 0))
    OutgoingMail.objects.update(sent_at=local(2026, 9, 1, 10, 0))
    before = snapshot()

    out = StringIO()
    call_command("purge_referrals", "--dry-run", "--today", "2026-11-28", stdout=out)

    assert snapshot() == before
    output = out.getvalue()
    assert "Proefdraaien: er wordt niets gewijzigd." in output
    assert "Zou de leerlinggegevens wissen van 1 aanmelding(en)." in output
    assert "Zou 1 regel(s) uit het inzagelog verwijderen." in output
    assert f"Zou {OutgoingMail.objects.count()} verzonden e-mail(s)" in output
    assert due.reference in output
    assert "Zoë" not in output


def test_dry_run_lists_a_few_references_and_all_with_verbosity_2(staff, monkeypatch):
    from meldpunt.management.commands import purge_referrals

    monkeypatch.setattr(purge_referrals, "LISTED", 1)
    cases = [ReferralFactory(pupil_first_name=f"Kind{n}") for n in range(3)]
    for referral in cases:
        flow.close(referral, "unknown", staff, advice_only=True)
    Referral.objects.update(closed_at=local(2025, 1, 10, 12, 0))
    out = StringIO()
    call_command("purge_referrals", "--dry-run", "--today", "2026-11-28", stdout=out)
    assert "… en 2 meer (alle referenties met -v 2)." in out.getvalue()
    out = StringIO()
    call_command("purge_referrals", "--dry-run", "--today", "2026-11-28", verbosity=2,
                 stdout=out)
    assert all(referral.reference in out.getvalue() for referral in cases)
    assert "meer" not in out.getvalue()
    assert not Referral.objects.filter(purged_at__isnull=False).exists()


def test_running_it_twice_changes_nothing_the_second_time(staff):
    referral = closed_case(staff, local(2025, 6, 30, 16, 0))
    ReferralView.objects.create(referral=referral, user=staff, action="view",
                                at=local(2024, 1, 2, 10, 0))
    out = StringIO()
    call_command("purge_referrals", "--today", "2026-11-28", stdout=out)
    assert "Leerlinggegevens gewist van 1 aanmelding(en)." in out.getvalue()
    assert "1 regel(s) uit het inzagelog verwijderd." in out.getvalue()
    after_first = snapshot()

    out = StringIO()
    call_command("purge_referrals", "--today", "2026-11-28", stdout=out)

    assert snapshot() == after_first
    assert "Leerlinggegevens gewist van 0 aanmelding(en)." in out.getvalue()
    assert "0 regel(s) uit het inzagelog verwijderd." in out.getvalue()
    assert referral.events.filter(kind=EventKind.PURGED).count() == 1


def test_many_cases_are_purged_in_batches(staff, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)
    cases = [ReferralFactory(pupil_first_name=f"Kind{n}") for n in range(5)]
    for referral in cases:
        flow.close(referral, "unknown", staff, advice_only=True)
    Referral.objects.update(closed_at=local(2025, 1, 10, 12, 0))

    run = retention.purge(today=TODAY, now=NOW)

    assert sorted(run.references) == sorted(r.reference for r in cases)
    assert not Referral.objects.exclude(pupil_first_name="").exists()
    assert ReferralEvent.objects.filter(kind=EventKind.PURGED).count() == 5


def test_a_bad_date_is_refused_with_a_clear_message():
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("purge_referrals", "--today", "28/11/2026", stdout=StringIO())


# --- access log and sent mail ---------------------------------------------------------------


def test_access_log_is_kept_24_months(staff):
    referral = ReferralFactory()
    old = ReferralView.objects.create(referral=referral, user=staff, action="view",
                                      at=local(2024, 11, 27, 23, 59))
    boundary = ReferralView.objects.create(referral=referral, user=staff, action="view",
                                           at=local(2024, 11, 28, 0, 0))
    recent = ReferralView.objects.create(referral=referral, user=staff, action="change",
                                         at=local(2026, 11, 27, 10, 0))

    run = retention.purge(today=TODAY, now=NOW)

    assert run.access_log_rows == 1
    assert set(ReferralView.objects.values_list("pk", flat=True)) == {boundary.pk, recent.pk}
    assert not ReferralView.objects.filter(pk=old.pk).exists()


def test_sent_mail_leaves_the_outbox_after_30_days_unsent_mail_stays():
    def mail(key, sent_at, created_at=NOW):
        return OutgoingMail.objects.create(kind="referral-received", key=key,
                                           to=["kim@clb.example.be"], subject="s",
                                           body_text="t", created_at=created_at, sent_at=sent_at)

    old = mail("old", local(2026, 10, 28, 23, 59))
    boundary = mail("boundary", local(2026, 10, 29, 0, 0))
    unsent = mail("unsent", None, created_at=local(2026, 1, 1, 0, 0))

    run = retention.purge(today=TODAY, now=NOW)

    assert run.sent_mails == 1
    assert set(OutgoingMail.objects.values_list("key", flat=True)) == {"boundary", "unsent"}
    assert not OutgoingMail.objects.filter(pk=old.pk).exists()
    assert boundary.pk and unsent.pk


def test_login_logs_are_kept_6_months():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    def rows(attempt_time):
        common = {"user_agent": str(attempt_time), "ip_address": "192.0.2.1",
                  "username": "medewerker"}
        created = [
            AccessLog.objects.create(**common),
            AccessFailureLog.objects.create(**common, locked_out=False),
            AccessAttempt.objects.create(**common, failures_since_start=1, get_data="",
                                         post_data=""),
        ]
        for row in created:  # attempt_time is set on creation; backdate it
            type(row).objects.filter(pk=row.pk).update(attempt_time=attempt_time)
        return created

    old = rows(local(2026, 5, 27, 23, 59))
    kept = rows(local(2026, 5, 28, 0, 0))

    assert retention.purge(today=TODAY, now=NOW, dry_run=True).login_log_rows == 3
    run = retention.purge(today=TODAY, now=NOW)

    assert run.login_log_rows == 3
    for row in old:
        assert not type(row).objects.filter(pk=row.pk).exists()
    for row in kept:
        assert type(row).objects.filter(pk=row.pk).exists()


# --- the privacy page says what the code does -----------------------------------------------


def test_privacy_page_states_the_periods_the_purge_applies(anonymous, settings):
    html = anonymous.get(reverse("privacy")).content.decode()
    assert "tot 12 maanden nadat het dossier is afgesloten" in html
    assert "opende of wijzigde: 24 maanden" in html
    assert "30 dagen na het versturen" in html
    assert "Inloglogboeken van medewerkers: 6 maanden." in html

    settings.REFERRAL_RETENTION_MONTHS = 6
    settings.REFERRAL_ACCESS_LOG_MONTHS = 36
    settings.MAIL_SENT_KEEP_DAYS = 1
    html = anonymous.get(reverse("privacy")).content.decode()
    assert "tot 6 maanden nadat het dossier is afgesloten" in html
    assert "opende of wijzigde: 36 maanden" in html
    assert "1 dag na het versturen" in html
