"""The case's flow through ``meldpunt.desk.flow``: statuses, dispatch attempts, answers,
working days, repeat referrals, reminders and what the mails may say."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from meldpunt.desk import flow
from meldpunt.desk.models import (
    Dispatch,
    DispatchAnswer,
    EventKind,
    Outcome,
    Referral,
    ReferralKind,
    ReferralStatus,
)
from meldpunt.models import CapacityStatus
from netwerk.models import OutgoingMail
from tests.desk.conftest_flow import (  # noqa: F401 (fixtures)
    PUPIL_BIRTH_MONTH,
    PUPIL_BIRTH_YEAR,
    PUPIL_FIRST_NAME,
    PUPIL_INITIAL,
    decline_reason,
    mail_texts,
    offers,
    pupil_leaks,
    referral,
)
from tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

S = ReferralStatus
A = DispatchAnswer

# Friday before Easter Monday 2027 (29 March), a Belgian public holiday.
FRIDAY = datetime.date(2027, 3, 26)


def statuses(referral):
    return list(referral.events.exclude(status="").values_list("status", flat=True))


# --- the whole flow -------------------------------------------------------------------------


def test_three_attempts_refused_waiting_list_accepted_then_started_and_closed(
    referral, offers, decline_reason, meldpunt_user
):
    a, b, c = offers
    assert referral.status == S.NEW
    flow.take_in_review(referral, meldpunt_user)
    assert referral.status == S.IN_REVIEW
    assert referral.assigned_to == meldpunt_user

    first = flow.dispatch(referral, a, meldpunt_user, today=FRIDAY)
    assert referral.status == S.DISPATCHED
    flow.record_answer(first, A.REFUSED, decline_reason=decline_reason, note="Volzet tot juni.")
    referral.refresh_from_db()
    assert referral.status == S.REFUSED

    second = flow.dispatch(referral, b, meldpunt_user, today=FRIDAY)
    referral.refresh_from_db()
    assert referral.status == S.DISPATCHED
    flow.record_answer(second, A.WAITING_LIST, waiting_weeks=6)
    referral.refresh_from_db()
    assert referral.status == S.WAITING_LIST

    third = flow.dispatch(referral, c, meldpunt_user, today=FRIDAY)
    referral.refresh_from_db()
    # The most advanced answer shows: the waiting list beats a pending dispatch.
    assert referral.status == S.WAITING_LIST
    flow.record_answer(third, A.ACCEPTED)
    referral.refresh_from_db()
    assert referral.status == S.ACCEPTED

    flow.record_start(referral, True, meldpunt_user, on_date=datetime.date(2027, 4, 12))
    assert referral.status == S.STARTED
    assert referral.started_on == datetime.date(2027, 4, 12)
    flow.close(referral, Outcome.BACK_IN_SCHOOL, meldpunt_user, note="Goed afgerond.")
    referral.refresh_from_db()
    assert referral.status == S.CLOSED
    assert referral.outcome == Outcome.BACK_IN_SCHOOL
    assert referral.closed_at is not None

    # One case, one timeline, every attempt with its own answer and reason.
    assert [(d.provider.name, d.answer) for d in referral.dispatches.all()] == [
        ("Aanbieder A vzw", A.REFUSED),
        ("Aanbieder B vzw", A.WAITING_LIST),
        ("Aanbieder C vzw", A.ACCEPTED),
    ]
    first.refresh_from_db()
    assert first.decline_reason == decline_reason
    assert first.answer_note == "Volzet tot juni."
    assert statuses(referral) == [
        S.NEW, S.IN_REVIEW,
        S.DISPATCHED, S.REFUSED,
        S.DISPATCHED, S.WAITING_LIST,
        S.WAITING_LIST, S.ACCEPTED,
        S.STARTED, S.CLOSED,
    ]
    events = list(referral.events.all())
    # Who did it: staff by their account, the provider by the link, the referrer by the form.
    assert events[0].actor_label == flow.REFERRER_LABEL
    assert events[1].actor == meldpunt_user
    assert [e.actor_label for e in events if e.kind == EventKind.ANSWERED] == [
        flow.PROVIDER_LABEL
    ] * 3
    assert all(e.at is not None for e in events)
    # The referrer reads the public texts; notes stay with staff.
    public = [e.public_text for e in events if e.is_public]
    assert "Doorgestuurd naar Aanbieder A vzw (Aanbod A)." in public
    assert "Aanbieder C vzw aanvaardt de aanmelding." in public
    assert "Het dossier is afgesloten." in public
    assert all("Volzet" not in text and "afgerond" not in text for text in public)


def test_waiting_list_answer_updates_the_offers_capacity(referral, offers, meldpunt_user):
    offer = offers[0]
    assert offer.capacity_status == CapacityStatus.FREE
    sent = flow.dispatch(referral, offer, meldpunt_user)
    flow.record_answer(sent, A.WAITING_LIST, waiting_weeks=8)
    offer.refresh_from_db()
    assert offer.capacity_status == CapacityStatus.WAITING_LIST
    assert offer.waiting_weeks == 8
    assert offer.capacity_updated_at is not None


def test_accept_and_refuse_leave_the_capacity_alone(referral, offers, decline_reason,
                                                     meldpunt_user):
    a, b, _c = offers
    flow.record_answer(flow.dispatch(referral, a, meldpunt_user), A.ACCEPTED)
    flow.record_answer(flow.dispatch(referral, b, meldpunt_user), A.REFUSED,
                       decline_reason=decline_reason)
    for offer in (a, b):
        offer.refresh_from_db()
        assert offer.capacity_status == CapacityStatus.FREE


def test_answer_fields_of_another_answer_are_dropped(referral, offers, decline_reason,
                                                     meldpunt_user):
    sent = flow.dispatch(referral, offers[0], meldpunt_user)
    flow.record_answer(sent, A.ACCEPTED, waiting_weeks=5, decline_reason=decline_reason)
    sent.refresh_from_db()
    assert sent.waiting_weeks is None
    assert sent.decline_reason is None


def test_a_dispatch_is_answered_once(referral, offers, decline_reason, meldpunt_user):
    sent = flow.dispatch(referral, offers[0], meldpunt_user)
    flow.record_answer(sent, A.ACCEPTED)
    with pytest.raises(ValidationError, match="al geantwoord"):
        flow.record_answer(sent, A.REFUSED, decline_reason=decline_reason)
    sent.refresh_from_db()
    assert sent.answer == A.ACCEPTED
    assert referral.events.filter(kind=EventKind.ANSWERED).count() == 1


@pytest.mark.parametrize("answer", [A.PENDING, A.WITHDRAWN, "maybe", ""])
def test_only_the_three_answers_are_accepted(referral, offers, meldpunt_user, answer):
    sent = flow.dispatch(referral, offers[0], meldpunt_user)
    with pytest.raises(ValidationError, match="aanvaarden, wachtlijst of weigeren"):
        flow.record_answer(sent, answer)
    sent.refresh_from_db()
    assert sent.answer == A.PENDING


def test_refusal_needs_a_reason(referral, offers, meldpunt_user):
    sent = flow.dispatch(referral, offers[0], meldpunt_user)
    with pytest.raises(ValidationError, match="reden"):
        flow.record_answer(sent, A.REFUSED)
    sent.refresh_from_db()
    assert sent.answer == A.PENDING


def test_staff_can_record_an_answer_after_a_phone_call(referral, offers, meldpunt_user):
    sent = flow.dispatch(referral, offers[0], meldpunt_user)
    flow.record_answer(sent, A.ACCEPTED, actor=meldpunt_user)
    event = referral.events.get(kind=EventKind.ANSWERED)
    assert event.actor == meldpunt_user
    assert event.actor_label == ""


def test_wrong_moves_raise_a_dutch_error(referral, offers, decline_reason, meldpunt_user):
    a, b, _c = offers
    flow.take_in_review(referral, meldpunt_user)
    with pytest.raises(ValidationError, match="nieuwe aanmelding"):
        flow.take_in_review(referral, meldpunt_user)
    flow.dispatch(referral, a, meldpunt_user)
    with pytest.raises(ValidationError, match="wacht nog op een antwoord"):
        flow.dispatch(referral, a, meldpunt_user)
    with pytest.raises(ValidationError, match="niet startte"):
        flow.record_start(referral, False, meldpunt_user)
    with pytest.raises(ValidationError, match="uitkomst"):
        flow.close(referral, "", meldpunt_user)
    with pytest.raises(ValidationError, match="leeg"):
        flow.add_note(referral, "   ", meldpunt_user)
    flow.close(referral, Outcome.UNKNOWN, meldpunt_user)
    with pytest.raises(ValidationError, match="afgesloten"):
        flow.dispatch(referral, b, meldpunt_user)
    with pytest.raises(ValidationError, match="afgesloten"):
        flow.close(referral, Outcome.UNKNOWN, meldpunt_user)
    with pytest.raises(ValidationError, match="afgesloten"):
        flow.record_start(referral, True, meldpunt_user)


def test_only_a_pupil_referral_is_dispatched(offers, meldpunt_user):
    consult = ReferralFactory(kind=ReferralKind.CONSULT, pupil_first_name="")
    with pytest.raises(ValidationError, match="leerling"):
        flow.dispatch(consult, offers[0], meldpunt_user)
    assert not Dispatch.objects.exists()


def test_closing_withdraws_pending_dispatches(referral, offers, meldpunt_user):
    a, b, _c = offers
    pending = flow.dispatch(referral, a, meldpunt_user)
    answered = flow.dispatch(referral, b, meldpunt_user)
    flow.record_answer(answered, A.ACCEPTED)
    flow.close(referral, Outcome.OTHER_SCHOOL, meldpunt_user)
    pending.refresh_from_db()
    answered.refresh_from_db()
    assert pending.answer == A.WITHDRAWN
    assert answered.answer == A.ACCEPTED
    with pytest.raises(ValidationError):
        flow.record_answer(pending, A.ACCEPTED)


def test_withdraw_puts_the_case_back_in_review(referral, offers, meldpunt_user):
    sent = flow.dispatch(referral, offers[0], meldpunt_user)
    flow.withdraw(sent, meldpunt_user, note="Elders geplaatst.")
    referral.refresh_from_db()
    assert referral.status == S.IN_REVIEW
    with pytest.raises(ValidationError, match="zonder antwoord"):
        flow.withdraw(sent, meldpunt_user)


def test_advice_only_closes_without_dispatch(referral, meldpunt_user):
    flow.take_in_review(referral, meldpunt_user)
    flow.close(referral, Outcome.UNKNOWN, meldpunt_user, advice_only=True)
    referral.refresh_from_db()
    assert referral.status == S.CLOSED
    assert referral.advice_only
    assert not referral.dispatches.exists()
    assert referral.events.filter(public_text__contains="advies").exists()


def test_not_started_needs_a_reason_and_a_new_attempt_moves_on(
    referral, offers, decline_reason, meldpunt_user
):
    a, b, _c = offers
    flow.record_answer(flow.dispatch(referral, a, meldpunt_user), A.ACCEPTED)
    flow.record_start(referral, False, meldpunt_user, reason=decline_reason)
    assert referral.status == S.NOT_STARTED
    assert referral.not_started_reason == decline_reason
    # A new attempt after "not started": dispatched, not "accepted" by the old answer.
    second = flow.dispatch(referral, b, meldpunt_user)
    referral.refresh_from_db()
    assert referral.status == S.DISPATCHED
    flow.record_answer(second, A.REFUSED, decline_reason=decline_reason)
    referral.refresh_from_db()
    assert referral.status == S.REFUSED


def test_a_late_answer_does_not_undo_a_started_trajectory(
    referral, offers, decline_reason, meldpunt_user
):
    a, b, _c = offers
    late = flow.dispatch(referral, a, meldpunt_user)
    flow.record_answer(flow.dispatch(referral, b, meldpunt_user), A.ACCEPTED)
    flow.record_start(referral, True, meldpunt_user)
    flow.record_answer(late, A.REFUSED, decline_reason=decline_reason)
    referral.refresh_from_db()
    assert referral.status == S.STARTED
    assert referral.events.filter(kind=EventKind.ANSWERED, dispatch=late).exists()


def test_notes_are_for_staff_only(referral, meldpunt_user):
    event = flow.add_note(referral, "  Moeder belde.  ", meldpunt_user)
    assert event.note == "Moeder belde."
    assert not event.is_public
    assert event.public_text == ""


def test_references_count_per_year(offers):
    first, second = ReferralFactory(), ReferralFactory()
    year = first.created_at.astimezone().year
    number = int(first.reference.rsplit("-", 1)[1])
    assert first.reference.startswith(f"MSI-{year}-")
    assert second.reference == f"MSI-{year}-{number + 1:04d}"


# --- working days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, (3, 31)), (2025, (4, 20)), (2026, (4, 5)), (2027, (3, 28)), (2038, (4, 25))],
)
def test_easter(year, easter):
    assert flow.easter(year) == datetime.date(year, *easter)


def test_belgian_public_holidays_2027():
    assert flow.public_holidays(2027) == {
        datetime.date(2027, 1, 1),
        datetime.date(2027, 3, 29),  # Easter Monday
        datetime.date(2027, 5, 1),
        datetime.date(2027, 5, 6),  # Ascension
        datetime.date(2027, 5, 17),  # Whit Monday
        datetime.date(2027, 7, 21),
        datetime.date(2027, 8, 15),
        datetime.date(2027, 11, 1),
        datetime.date(2027, 11, 11),
        datetime.date(2027, 12, 25),
    }


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Friday + 1 skips the weekend and Easter Monday.
        (FRIDAY, 1, datetime.date(2027, 3, 30)),
        (FRIDAY, 5, datetime.date(2027, 4, 5)),
        # From a Saturday, the first working day counts as one.
        (datetime.date(2027, 3, 27), 1, datetime.date(2027, 3, 30)),
        # Wednesday before Ascension (Thursday 6 May 2027).
        (datetime.date(2027, 5, 5), 1, datetime.date(2027, 5, 7)),
        # Around Christmas and New Year 2026-2027.
        (datetime.date(2026, 12, 24), 3, datetime.date(2026, 12, 30)),
        (datetime.date(2026, 12, 31), 1, datetime.date(2027, 1, 4)),
        (datetime.date(2027, 3, 22), 0, datetime.date(2027, 3, 22)),
    ],
)
def test_add_working_days(start, days, expected):
    assert flow.add_working_days(start, days) == expected


def test_is_working_day():
    assert flow.is_working_day(datetime.date(2027, 3, 26))
    assert not flow.is_working_day(datetime.date(2027, 3, 27))  # Saturday
    assert not flow.is_working_day(datetime.date(2027, 3, 28))  # Sunday
    assert not flow.is_working_day(datetime.date(2027, 3, 29))  # Easter Monday
    assert not flow.is_working_day(datetime.date(2027, 7, 21))  # national holiday, Wednesday


def test_dispatch_is_due_after_the_working_days_setting(referral, offers, meldpunt_user,
                                                         settings):
    a, b, _c = offers
    assert flow.dispatch(referral, a, meldpunt_user, today=FRIDAY).due_on == datetime.date(
        2027, 4, 5
    )
    settings.REFERRAL_ANSWER_WORKING_DAYS = 1
    assert flow.dispatch(referral, b, meldpunt_user, today=FRIDAY).due_on == datetime.date(
        2027, 3, 30
    )


# --- repeat referrals -----------------------------------------------------------------------


def key(first_name="Zebedeus", initial="Q", year=2011, month=7, gender="m"):
    return flow.repeat_key(first_name, initial, year, month, gender)


def test_repeat_key_is_a_keyed_hash_without_the_name():
    value = key()
    assert len(value) == 64
    assert "zebedeus" not in value.lower()


@pytest.mark.parametrize(
    "variant",
    [
        {"first_name": "zebedeus"},
        {"first_name": "  ZEBEDEUS "},
        {"first_name": "Zébédeüs"},
        {"initial": "q."},
        {"initial": "Qu"},
    ],
)
def test_repeat_key_is_normalised(variant):
    assert key(**variant) == key()


@pytest.mark.parametrize(
    "variant",
    [
        {"first_name": "Zebedea"},
        {"initial": "R"},
        {"year": 2012},
        {"month": 8},
        {"gender": "f"},
    ],
)
def test_repeat_key_tells_pupils_apart(variant):
    assert key(**variant) != key()


@pytest.mark.parametrize(
    "missing", [{"first_name": ""}, {"initial": ""}, {"year": None}, {"month": None},
                {"first_name": " . "}]
)
def test_repeat_key_is_blank_when_incomplete(missing):
    assert key(**missing) == ""


def test_repeat_key_without_gender_still_matches_itself():
    assert key(gender="") == key(gender=None) != ""


def test_repeat_key_depends_on_the_hash_key(settings):
    settings.REFERRAL_HASH_KEY = "een-eerste-sleutel"
    first = key()
    settings.REFERRAL_HASH_KEY = "een-andere-sleutel"
    assert key() != first
    settings.REFERRAL_HASH_KEY = ""
    fallback = key()
    settings.SECRET_KEY = "een-ander-geheim-" + "x" * 50
    assert key() != fallback


def test_repeats_finds_the_same_pupil_only(referral):
    again = ReferralFactory(
        pupil_first_name="zebedeus", pupil_initial="q", pupil_birth_month=PUPIL_BIRTH_MONTH,
        pupil_birth_year=PUPIL_BIRTH_YEAR, pupil_gender="m",
    )
    ReferralFactory(pupil_first_name=PUPIL_FIRST_NAME, pupil_initial=PUPIL_INITIAL,
                    pupil_birth_month=8, pupil_birth_year=PUPIL_BIRTH_YEAR, pupil_gender="m")
    assert referral.repeat_key == again.repeat_key != ""
    assert list(flow.repeats(referral)) == [again]
    assert list(flow.repeats(again)) == [referral]


def test_repeats_leaves_out_purged_cases_and_incomplete_keys(referral):
    again = ReferralFactory(
        pupil_first_name=PUPIL_FIRST_NAME, pupil_initial=PUPIL_INITIAL,
        pupil_birth_month=PUPIL_BIRTH_MONTH, pupil_birth_year=PUPIL_BIRTH_YEAR,
        pupil_gender="m",
    )
    Referral.objects.filter(pk=again.pk).update(purged_at=datetime.datetime.now().astimezone())
    assert list(flow.repeats(referral)) == []
    unnamed = ReferralFactory(pupil_first_name="")
    other_unnamed = ReferralFactory(pupil_first_name="")
    assert unnamed.repeat_key == other_unnamed.repeat_key == ""
    assert list(flow.repeats(unnamed)) == []


def test_repeat_referrals_point_at_the_pupils_first_case(referral):
    def again():
        return ReferralFactory(
            pupil_first_name=PUPIL_FIRST_NAME, pupil_initial=PUPIL_INITIAL,
            pupil_birth_month=PUPIL_BIRTH_MONTH, pupil_birth_year=PUPIL_BIRTH_YEAR,
            pupil_gender="m",
        )

    second, third = again(), again()
    other = ReferralFactory()
    assert referral.pupil_case is None
    assert second.pupil_case == third.pupil_case == referral
    assert other.pupil_case is None


def test_the_pupil_count_survives_the_purge(referral):
    from meldpunt.desk import retention
    from meldpunt.desk.report_figures import build_report, school_year_of

    ReferralFactory(
        pupil_first_name=PUPIL_FIRST_NAME, pupil_initial=PUPIL_INITIAL,
        pupil_birth_month=PUPIL_BIRTH_MONTH, pupil_birth_year=PUPIL_BIRTH_YEAR,
        pupil_gender="m",
    )
    ReferralFactory()
    year = school_year_of(referral.created_at.date())

    def pupils():
        row = next(r for r in build_report(year).key_figures.rows
                   if r.label == "Verschillende leerlingen")
        return row.values[0]

    before = pupils()
    assert before == 2  # three referrals, two pupils
    for case in Referral.objects.all():
        flow.close(case, "unknown", None)
    Referral.objects.update(closed_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    retention.purge()
    assert set(Referral.objects.values_list("repeat_key", flat=True)) == {""}
    assert pupils() == before


# --- reminders and overdue ------------------------------------------------------------------


@pytest.fixture
def late(referral, offers, meldpunt_user):
    """A dispatch sent on FRIDAY, due on Monday 5 April 2027."""
    return flow.dispatch(referral, offers[0], meldpunt_user, today=FRIDAY)


def test_reminder_only_after_the_due_date(late, django_capture_on_commit_callbacks):
    due = datetime.date(2027, 4, 5)
    assert late.due_on == due
    assert flow.send_reminders(today=due) == 0
    assert list(Dispatch.objects.overdue(due)) == []
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert flow.send_reminders(today=due + datetime.timedelta(days=1)) == 1
    late.refresh_from_db()
    assert late.reminded_at is not None
    assert late.referral.events.filter(kind=EventKind.REMINDED, dispatch=late).count() == 1
    [reminder] = mail.outbox
    assert reminder.to == [late.provider.email]
    reference = late.referral.reference
    assert reminder.subject.endswith(f"Herinnering: aanmelding {reference} voor Aanbod A")
    assert "/antwoord/" in reminder.body


def test_one_reminder_then_the_overdue_worklist(late):
    day = datetime.date(2027, 4, 6)
    # Late but not reminded yet: not in the overdue worklist.
    assert list(flow.overdue_dispatches(day)) == []
    assert flow.send_reminders(today=day) == 1
    assert list(flow.overdue_dispatches(day)) == [late]
    assert flow.send_reminders(today=day) == 0
    assert flow.send_reminders(today=day + datetime.timedelta(days=10)) == 0
    assert OutgoingMail.objects.filter(kind="dispatch-reminder").count() == 1
    assert late.referral.events.filter(kind=EventKind.REMINDED).count() == 1


def test_demo_cases_are_never_reminded(late):
    Referral.objects.filter(pk=late.referral_id).update(is_demo=True)
    assert flow.send_reminders(today=datetime.date(2027, 4, 6)) == 0
    assert not OutgoingMail.objects.filter(kind="dispatch-reminder").exists()


def test_answered_or_withdrawn_dispatches_are_not_reminded(referral, offers, meldpunt_user):
    a, b, _c = offers
    flow.record_answer(flow.dispatch(referral, a, meldpunt_user, today=FRIDAY), A.ACCEPTED)
    flow.withdraw(flow.dispatch(referral, b, meldpunt_user, today=FRIDAY), meldpunt_user)
    later = datetime.date(2027, 5, 1)
    assert flow.send_reminders(today=later) == 0
    assert list(flow.overdue_dispatches(later)) == []


def test_overdue_uses_today_by_default(late, monkeypatch):
    from django.utils import timezone

    frozen = timezone.make_aware(datetime.datetime(2027, 4, 6, 10, 0))
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    assert flow.send_reminders() == 1
    assert list(flow.overdue_dispatches()) == [late]


def test_reminder_command_is_idempotent(referral, offers, meldpunt_user,
                                        django_capture_on_commit_callbacks):
    long_ago = datetime.date.today() - datetime.timedelta(days=30)
    late = flow.dispatch(referral, offers[0], meldpunt_user, today=long_ago)
    flow.dispatch(referral, offers[1], meldpunt_user)  # not due yet
    mail.outbox.clear()

    out = StringIO()
    call_command("send_dispatch_reminders", "--dry-run", stdout=out)
    assert "Zou 1 herinnering versturen." in out.getvalue()
    assert not OutgoingMail.objects.filter(kind="dispatch-reminder").exists()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_dispatch_reminders", stdout=out)
    assert "1 herinnering klaargezet voor verzending." in out.getvalue()
    assert "1 doorverwijzing blijft te laat" in out.getvalue()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_dispatch_reminders", stdout=out)
    assert "0 herinneringen klaargezet voor verzending." in out.getvalue()
    assert [m.to for m in mail.outbox] == [[late.provider.email]]


# --- what the mails say ---------------------------------------------------------------------


def test_provider_and_referrer_mails_never_identify_the_pupil(
    referral, offers, decline_reason, meldpunt_user, django_capture_on_commit_callbacks
):
    a, b, _c = offers
    with django_capture_on_commit_callbacks(execute=True):
        first = flow.dispatch(referral, a, meldpunt_user, today=FRIDAY)
        flow.send_reminders(today=datetime.date(2027, 4, 6))
        flow.record_answer(first, A.REFUSED, decline_reason=decline_reason)
        flow.record_answer(flow.dispatch(referral, b, meldpunt_user), A.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        # The referrer's confirmation of a new case (the fixture's was sent before).
        again = ReferralFactory(pupil_first_name=PUPIL_FIRST_NAME, pupil_initial=PUPIL_INITIAL,
                                pupil_birth_month=PUPIL_BIRTH_MONTH,
                                pupil_birth_year=PUPIL_BIRTH_YEAR)
    kinds = set(OutgoingMail.objects.values_list("kind", flat=True))
    assert {"dispatch-request", "dispatch-reminder", "referral-received"} <= kinds
    outside = [m for m in mail.outbox if m.to != ["meldpunt@example.be"]]
    assert {m.to[0] for m in outside} >= {a.provider.email, b.provider.email,
                                         again.referrer_email}
    for message in outside:
        for text in mail_texts(message):
            assert pupil_leaks(text) == [], (message.subject, text)
    # The outbox keeps the same texts: nothing there either.
    for stored in OutgoingMail.objects.exclude(kind__startswith="desk-"):
        for text in (stored.subject, stored.body_text, stored.body_html):
            assert pupil_leaks(text) == []


def test_provider_mail_has_the_context_it_needs(referral, offers, meldpunt_user,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = flow.dispatch(referral, offers[0], meldpunt_user, today=FRIDAY)
    [request] = [m for m in mail.outbox if m.to == [sent.provider.email]]
    body = request.body
    age = referral.age_on(datetime.date.today())
    for expected in [
        referral.reference,
        "Aanbod A",
        f"Leeftijd: {age}",
        "Diest",
        "Spijbelen en afwezigheden, Motivatie",
        "Kim Voorbeeld",
        "kim@clb.example.be",
        "maandag 5 april 2027",
        "/antwoord/",
    ]:
        assert expected in body, expected
    html = request.alternatives[0][0]
    assert "Kim Voorbeeld" in html and referral.reference in html


def test_dispatch_context_has_no_pupil_identity(referral, offers, meldpunt_user):
    context = flow.dispatch_context(flow.dispatch(referral, offers[0], meldpunt_user))
    assert set(context) == {"dispatch", "referral", "age", "reasons", "answer_url"}
    assert context["reasons"] == ["Spijbelen en afwezigheden", "Motivatie"]
    flat = " ".join(str(value) for key, value in context.items() if key != "referral")
    assert pupil_leaks(flat) == []


def test_check_of_the_leak_detector_itself():
    assert pupil_leaks("Over Zebedeus Q., geboren in juli 2011") == [
        "first name", "initial", "birth month (juli 2011)"
    ]
    assert pupil_leaks("https://x.example/antwoord/Q/ MSI-2027-0001") == []
