"""The mail outbox: a case is saved before any mail, a failed mail is retried until it goes,
and nothing is lost or sent twice (``netwerk.emails.queue`` / ``deliver``, the worker)."""

import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from meldpunt.desk import flow
from meldpunt.desk.models import ReferenceCounter, Referral
from netwerk import emails
from netwerk.models import OutgoingMail

FAILING = "tests.netwerk.test_outbox.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    attempts = 0

    def send_messages(self, email_messages):
        FailingBackend.attempts += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def _desk_address(settings):
    settings.MELDPUNT_DESK_EMAIL = "meldpunt@example.be"


def new_referral(**fields):
    """A referral as a public form hands it to the flow (unsaved; no reference data needed)."""
    return Referral(
        referrer_name="Kim Voorbeeld",
        referrer_organisation="CLB Voorbeeldstad",
        referrer_email="kim@clb.example.be",
        pupil_first_name="Zebedeus",
        pupil_initial="Q",
        pupil_birth_month=7,
        pupil_birth_year=2011,
        **fields,
    )


def later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


# --- SMTP down ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_smtp_down_keeps_the_referral_and_the_mail(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        referral, created = flow.register(new_referral(), submission_key="sleutel-1")
    assert created
    assert Referral.objects.filter(pk=referral.pk, reference=referral.reference).exists()
    assert mail.outbox == []
    confirmation = OutgoingMail.objects.get(kind="referral-received")
    assert confirmation.to == ["kim@clb.example.be"]
    assert confirmation.sent_at is None
    assert confirmation.attempts == 1
    assert confirmation.next_attempt_at > before + timedelta(seconds=50)
    assert confirmation.last_error.startswith("SMTPServerDisconnected")
    assert "kim@" not in confirmation.last_error
    # Not due yet: a sweep right now sends nothing and tries nothing.
    settings.EMAIL_BACKEND = LOCMEM
    assert emails.deliver_due() == (0, 0)
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_sweep_sends_it_later_exactly_once(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        referral, _created = flow.register(new_referral())
    assert OutgoingMail.objects.unsent().count() == 2  # the referrer's and the desk's

    settings.EMAIL_BACKEND = LOCMEM
    assert emails.deliver_due(now=later(5)) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["kim@clb.example.be", "meldpunt@example.be"]
    [confirmation] = [m for m in mail.outbox if m.to == ["kim@clb.example.be"]]
    assert referral.reference in confirmation.subject + confirmation.body
    assert emails.deliver_due(now=later(120)) == (0, 0)
    stored = OutgoingMail.objects.get(kind="referral-received")
    assert stored.sent_at is not None
    assert stored.attempts == 2
    assert stored.last_error == ""
    # Delivering a sent mail again is a no-op that reports it as sent.
    assert emails.deliver(stored.pk) is True
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_send_queued_mail_command(settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        flow.register(new_referral())
    out = StringIO()
    call_command("send_queued_mail", stdout=out)
    assert out.getvalue().strip() == "0 verstuurd, 0 mislukt (later opnieuw)."

    future = later(5)
    monkeypatch.setattr(timezone, "now", lambda: future)
    out = StringIO()
    call_command("send_queued_mail", stdout=out)  # still down
    assert out.getvalue().strip() == "0 verstuurd, 2 mislukt (later opnieuw)."
    assert set(OutgoingMail.objects.values_list("attempts", flat=True)) == {2}

    settings.EMAIL_BACKEND = LOCMEM
    monkeypatch.setattr(timezone, "now", lambda: future + timedelta(minutes=10))
    out = StringIO()
    call_command("send_queued_mail", stdout=out)
    assert out.getvalue().strip() == "2 verstuurd, 0 mislukt (later opnieuw)."
    out = StringIO()
    call_command("send_queued_mail", stdout=out)
    assert out.getvalue().strip() == "0 verstuurd, 0 mislukt (later opnieuw)."
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_failures_back_off(settings):
    settings.EMAIL_BACKEND = FAILING
    settings.MAIL_RETRY_MAX_MINUTES = 60
    queued = emails.queue("referral-received", "kim@clb.example.be",
                          {"referral": new_referral(reference="MSI-2027-0001"),
                           "status_url": "https://x.example/s/"})
    gaps = []
    for _attempt in range(8):
        start = timezone.now()
        assert emails.deliver(queued.pk) is False
        queued.refresh_from_db()
        gaps.append(round((queued.next_attempt_at - start).total_seconds() / 60))
    assert gaps == [1, 2, 4, 8, 16, 32, 60, 60]
    assert queued.attempts == 8
    assert queued.sent_at is None


def test_retry_delay(settings):
    settings.MAIL_RETRY_MAX_MINUTES = 60
    assert [emails.retry_delay(n).total_seconds() / 60 for n in (0, 1, 2, 3, 7, 8, 50)] == [
        1, 1, 2, 4, 60, 60, 60
    ]


@pytest.mark.django_db
def test_deliver_twice_sends_once(settings):
    queued = emails.queue("referral-received", "kim@clb.example.be",
                          {"referral": new_referral(reference="MSI-2027-0001"),
                           "status_url": "https://x.example/s/"})
    assert emails.deliver(queued.pk) is True
    assert emails.deliver(queued.pk) is True
    assert emails.deliver_due(now=later(60)) == (0, 0)
    assert len(mail.outbox) == 1
    assert emails.deliver(10**9) is False  # a mail that is gone


# --- idempotence ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_queue_with_the_same_key_twice_makes_one_mail(django_capture_on_commit_callbacks):
    context = {"referral": new_referral(reference="MSI-2027-0001"),
               "status_url": "https://x.example/s/"}
    with django_capture_on_commit_callbacks(execute=True):
        first = emails.queue("referral-received", "kim@clb.example.be", context, key="k-1")
        second = emails.queue("referral-received", ["kim@clb.example.be"], context, key="k-1")
    assert first.pk == second.pk
    assert OutgoingMail.objects.filter(key="k-1").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_queue_without_recipient_queues_nothing():
    assert emails.queue("referral-received", ["", None], {"referral": None}) is None
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_double_register_with_one_submission_key(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, created = flow.register(new_referral(), submission_key="formulier-42")
        second, created_again = flow.register(new_referral(), submission_key="formulier-42")
    assert created and not created_again
    assert first.pk == second.pk
    assert Referral.objects.count() == 1
    assert [m.to for m in mail.outbox if "kim@" in m.to[0]] == [["kim@clb.example.be"]]
    assert OutgoingMail.objects.filter(kind="referral-received").count() == 1


@pytest.mark.django_db
def test_concurrent_double_register_returns_the_first(monkeypatch,
                                                      django_capture_on_commit_callbacks):
    """The second request passed the check before the first saved: the unique key decides."""
    with django_capture_on_commit_callbacks(execute=True):
        first, _created = flow.register(new_referral(), submission_key="formulier-43")
    real = flow._submitted
    calls = []

    def not_yet_then_real(key):
        calls.append(key)
        return None if len(calls) == 1 else real(key)

    monkeypatch.setattr(flow, "_submitted", not_yet_then_real)
    with django_capture_on_commit_callbacks(execute=True):
        second, created = flow.register(new_referral(), submission_key="formulier-43")
    assert not created
    assert second.pk == first.pk
    assert Referral.objects.count() == 1
    assert OutgoingMail.objects.filter(kind="referral-received").count() == 1
    # The reference number the second attempt drew was given back.
    year = int(first.reference.split("-")[1])
    assert ReferenceCounter.objects.get(year=year).last == int(first.reference.split("-")[2])


@pytest.mark.django_db
def test_register_without_key_creates_two(django_capture_on_commit_callbacks):
    flow.register(new_referral())
    flow.register(new_referral())
    assert Referral.objects.count() == 2


# --- the real worker (database backend) -----------------------------------------------------


def worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_register_enqueues_after_commit_and_the_worker_delivers(settings):
    settings.TASKS = DB_TASKS
    with transaction.atomic():
        referral, _created = flow.register(new_referral())
        # Nothing is handed to the worker before the case is committed.
        assert not DBTaskResult.objects.exists()
    tasks = DBTaskResult.objects.all()
    assert tasks.count() == 2
    assert {t.task_path for t in tasks} == {"netwerk.tasks.deliver_mail"}
    mail_ids = set(OutgoingMail.objects.values_list("pk", flat=True))
    assert {t.args_kwargs["args"][0] for t in tasks} == mail_ids
    assert mail.outbox == []

    worker()
    assert sorted(m.to[0] for m in mail.outbox) == ["kim@clb.example.be", "meldpunt@example.be"]
    assert not OutgoingMail.objects.unsent().exists()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    # Running the worker again sends nothing more.
    worker()
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_a_failed_delivery_requeues_itself_until_it_goes(settings, monkeypatch):
    settings.TASKS = DB_TASKS
    settings.EMAIL_BACKEND = FAILING
    flow.register(new_referral())
    confirmation = OutgoingMail.objects.get(kind="referral-received")

    worker()  # SMTP down: each mail fails once and schedules its next attempt
    confirmation.refresh_from_db()
    assert confirmation.sent_at is None
    assert confirmation.attempts == 1
    [retry] = [
        task for task in DBTaskResult.objects.filter(status="READY")
        if task.args_kwargs["args"] == [confirmation.pk]
    ]
    assert retry.run_after == confirmation.next_attempt_at
    assert retry.run_after > timezone.now()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2  # ran, reported False

    worker()  # not due yet: the worker leaves it alone
    confirmation.refresh_from_db()
    assert confirmation.attempts == 1

    settings.EMAIL_BACKEND = LOCMEM
    future = later(5)
    monkeypatch.setattr(timezone, "now", lambda: future)
    worker()
    confirmation.refresh_from_db()
    assert confirmation.sent_at is not None
    assert confirmation.attempts == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["kim@clb.example.be", "meldpunt@example.be"]
    assert not DBTaskResult.objects.filter(status="READY").exists()
    worker()
    assert len(mail.outbox) == 2
    assert Referral.objects.count() == 1


@pytest.mark.django_db
def test_an_attempt_claimed_by_another_worker_is_not_sent_again(mailoutbox, monkeypatch):
    """Two workers read the same unsent mail; only the one that claims the attempt sends it."""
    from netwerk.models import OutgoingMail

    mail = OutgoingMail.objects.create(kind="test", to=["a@example.org"], subject="s",
                                       body_text="t")
    real_filter = OutgoingMail.objects.filter

    def filter_after_rival(*args, **kwargs):
        # The rival claims the attempt between our read and our claim.
        if "attempts" in kwargs:
            real_filter(pk=mail.pk).update(attempts=1)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(OutgoingMail.objects, "filter", filter_after_rival)
    assert emails.deliver(mail.pk) is False
    assert mailoutbox == []


def test_newsletter_mails_are_hidden_from_roles_that_may_not_see_subscribers(
    meldpunt_client, superuser_client
):
    referral_mail = emails.queue("referral-received", "school@example.org", {}, key="r-1")
    newsletter_mail = emails.queue(
        "newsletter-confirm", "lezer@example.org", {"confirm_url": "https://x/"}, key="n-1"
    )
    changelist = reverse("admin:netwerk_outgoingmail_changelist")

    listed = meldpunt_client.get(changelist).context["cl"].result_list
    assert [mail.pk for mail in listed] == [referral_mail.pk]
    hidden = reverse("admin:netwerk_outgoingmail_change", args=[newsletter_mail.pk])
    assert meldpunt_client.get(hidden).status_code == 302  # "does not exist" → back to list

    listed = superuser_client.get(changelist).context["cl"].result_list
    assert {mail.pk for mail in listed} == {referral_mail.pk, newsletter_mail.pk}
