"""Retention: what the desk forgets, and when (``manage.py purge_referrals``, run daily).

Three periods, all settings, all stated on the privacy page (``/privacy/``):

- **Pupil data of a closed case**: REFERRAL_RETENTION_MONTHS calendar months after the day the
  case closed (default 12), the purge blanks the pupil's first name, initial and birth month,
  the repeat-referral hash (``Referral.PUPIL_FIELDS``), the free texts
  (``Referral.FREE_TEXT_FIELDS``), the referrer's name and contact details and the school's
  name (``REFERRER_FIELDS``: for a contact request the "referrer" is a parent), every staff
  note on the case's timeline and every provider's answer note. What stays — birth year,
  gender, municipalities, schooling, reasons, interventions, dispatches and answers, dates,
  outcome, the referring CLB — names nobody and feeds the yearly figures. The case gets
  ``purged_at`` and one ``purged`` event on its timeline (no personal data in it). Open cases
  are never touched.
- **The access log** (``ReferralView``: who opened which case; ids only): rows older than
  REFERRAL_ACCESS_LOG_MONTHS months (default 24) are deleted. It outlives the pupil data, so
  "who saw my child's file?" can be answered for as long as the file existed.
- **Sent mails in the outbox** (``OutgoingMail``: a rendered copy with addresses): deleted
  MAIL_SENT_KEEP_DAYS days (default 30) after they were sent. Unsent mails stay until the
  worker delivers them.

The boundary is a day, not a moment: a case closed on 28 November 2025 is purged by the first
run on or after 28 November 2026, whatever the hour (never earlier). Running it again changes
nothing; ``dry_run`` counts without changing anything.
"""

import calendar
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from meldpunt.desk.flow import SYSTEM_LABEL
from meldpunt.desk.models import Dispatch, EventKind, Referral, ReferralEvent, ReferralView
from netwerk.models import OutgoingMail

BATCH = 500

# Blanked besides Referral.PUPIL_FIELDS and FREE_TEXT_FIELDS: they name a person (the
# referrer, a parent) or narrow the pupil down to a handful (the school). The referring CLB
# (``referrer_organisation``, ``clb``) and the referrer's role stay for the figures.
REFERRER_FIELDS = ["referrer_name", "referrer_email", "referrer_phone", "school_name"]
NULLABLE = {"pupil_birth_month"}


def purged_fields():
    """Every case field the purge blanks, in model order of the lists."""
    return [*Referral.PUPIL_FIELDS, *Referral.FREE_TEXT_FIELDS, *REFERRER_FIELDS]


def blank_values():
    return {name: None if name in NULLABLE else "" for name in purged_fields()}


def months_before(day, months):
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def _start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def purge_before(today=None):
    """Cases closed before this moment are due: the start of the day after the cutoff day."""
    today = today or timezone.localdate()
    cutoff = months_before(today, settings.REFERRAL_RETENTION_MONTHS)
    return _start_of_day(cutoff + timedelta(days=1))


def due_for_purge(today=None):
    """Closed cases whose pupil data is due for removal (and not removed yet)."""
    return Referral.objects.not_purged().filter(
        status=Referral.Status.CLOSED, closed_at__isnull=False, closed_at__lt=purge_before(today)
    )


def access_log_due(today=None):
    today = today or timezone.localdate()
    return ReferralView.objects.filter(
        at__lt=_start_of_day(months_before(today, settings.REFERRAL_ACCESS_LOG_MONTHS))
    )


def sent_mail_due(today=None):
    today = today or timezone.localdate()
    return OutgoingMail.objects.filter(
        sent_at__isnull=False,
        sent_at__lt=_start_of_day(today - timedelta(days=settings.MAIL_SENT_KEEP_DAYS)),
    )


def login_logs_due(today=None):
    """django-axes' records of staff logins, failures and lockouts older than LOGIN_LOG_MONTHS."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    today = today or timezone.localdate()
    cutoff = _start_of_day(months_before(today, settings.LOGIN_LOG_MONTHS))
    return [
        model.objects.filter(attempt_time__lt=cutoff)
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    ]


@dataclass
class PurgeRun:
    dry_run: bool = False
    references: list = field(default_factory=list)
    access_log_rows: int = 0
    sent_mails: int = 0
    login_log_rows: int = 0

    @property
    def referrals(self):
        return len(self.references)


def purge(today=None, now=None, dry_run=False):
    """Apply the three retention periods; returns a ``PurgeRun`` with what was (or would be) done.

    ``today`` decides what is due (the local date by default); ``now`` stamps ``purged_at``
    and the timeline event (the current time by default).
    """
    today = today or timezone.localdate()
    run = PurgeRun(dry_run=dry_run)
    due = due_for_purge(today).order_by("closed_at", "pk")
    if dry_run:
        run.references = list(due.values_list("reference", flat=True))
        run.access_log_rows = access_log_due(today).count()
        run.sent_mails = sent_mail_due(today).count()
        run.login_log_rows = sum(rows.count() for rows in login_logs_due(today))
        return run
    now = now or timezone.now()
    while True:
        with transaction.atomic():
            # Locked, and re-checked after the lock: two runs at once purge each case once.
            batch = list(due.select_for_update().values_list("pk", "reference")[:BATCH])
            if not batch:
                break
            ids = [pk for pk, _reference in batch]
            _purge_cases(ids, now)
            run.references.extend(reference for _pk, reference in batch)
    with transaction.atomic():
        run.access_log_rows = access_log_due(today).delete()[0]
        run.sent_mails = sent_mail_due(today).delete()[0]
        run.login_log_rows = sum(rows.delete()[0] for rows in login_logs_due(today))
    return run


def _purge_cases(ids, now):
    Referral.objects.filter(pk__in=ids).update(purged_at=now, updated_at=now, **blank_values())
    ReferralEvent.objects.filter(referral_id__in=ids).exclude(note="").update(note="")
    Dispatch.objects.filter(referral_id__in=ids).exclude(answer_note="").update(answer_note="")
    ReferralEvent.objects.bulk_create(
        ReferralEvent(referral_id=pk, at=now, kind=EventKind.PURGED, actor_label=SYSTEM_LABEL)
        for pk in ids
    )
