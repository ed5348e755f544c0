"""send_event_reminders (once per registration) and purge_registrations (after N months)."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from netwerk.agenda import services
from netwerk.agenda.models import Event, Registration, RegistrationStatus, purge_cutoff
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_reminder_goes_once(django_capture_on_commit_callbacks):
    soon = timezone.now() + timedelta(days=2)
    event = EventFactory(title="Vorming", starts_at=soon, ends_at=soon + timedelta(hours=2))
    confirmed = RegistrationFactory(event=event, email="een@example.be")
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    later = EventFactory()  # a month away: not yet
    RegistrationFactory(event=later)
    assert "Zou 1 herinnering versturen." in run("send_event_reminders", "--dry-run")
    with django_capture_on_commit_callbacks(execute=True):
        assert "1 herinnering klaargezet" in run("send_event_reminders")
    (message,) = mail.outbox
    assert message.to == ["een@example.be"]
    assert message.subject == "Herinnering: Vorming"
    assert any(name.endswith(".ics") for name, *_ in message.attachments)
    confirmed.refresh_from_db()
    assert confirmed.reminded_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 herinneringen klaargezet" in run("send_event_reminders")
    assert len(mail.outbox) == 1


def test_cancelled_events_get_no_reminder():
    soon = timezone.now() + timedelta(days=1)
    event = EventFactory(starts_at=soon, ends_at=soon + timedelta(hours=1), is_cancelled=True)
    RegistrationFactory(event=event)
    assert services.send_reminders() == 0


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (date(2026, 11, 28), 6, datetime(2026, 5, 28, tzinfo=BRUSSELS)),
        (date(2026, 8, 31), 6, datetime(2026, 2, 28, tzinfo=BRUSSELS)),
        (date(2027, 1, 15), 6, datetime(2026, 7, 15, tzinfo=BRUSSELS)),
        (date(2026, 3, 31), 13, datetime(2025, 2, 28, tzinfo=BRUSSELS)),
    ],
)
def test_purge_cutoff_counts_calendar_months(today, months, expected):
    assert purge_cutoff(today, months) == expected


def test_purge_wipes_people_data_months_after_the_event(settings):
    settings.REGISTRATION_RETENTION_MONTHS = 6
    Event.objects.all().delete()
    ended = datetime(2026, 5, 27, 16, 0, tzinfo=BRUSSELS)
    old = EventFactory(starts_at=ended - timedelta(hours=3), ends_at=ended)
    recent = EventFactory(starts_at=datetime(2026, 6, 2, 9, tzinfo=BRUSSELS),
                          ends_at=datetime(2026, 6, 2, 12, tzinfo=BRUSSELS))
    gone = RegistrationFactory(event=old, answers={"Workshop": "A"}, attended=True)
    RegistrationFactory(event=old, status=RegistrationStatus.CANCELLED)
    kept = RegistrationFactory(event=recent)
    # On 27 November the event is not yet six months over.
    assert "Gegevens gewist van 0 inschrijvingen." in run(
        "purge_registrations", "--today", "2026-11-27"
    )
    assert "Zou de gegevens wissen van 2 inschrijvingen." in run(
        "purge_registrations", "--dry-run", "--today", "2026-11-28"
    )
    assert "Gegevens gewist van 2 inschrijvingen." in run(
        "purge_registrations", "--today", "2026-11-28"
    )
    gone.refresh_from_db()
    assert (gone.name, gone.email, gone.organisation, gone.answers) == ("", "", "", {})
    assert gone.purged_at and gone.attended is True and gone.status == "confirmed"
    kept.refresh_from_db()
    assert kept.email and kept.purged_at is None
    # Counts per event survive; a second run changes nothing.
    assert old.registrations.filter(status="confirmed").count() == 1
    assert "Gegevens gewist van 0 inschrijvingen." in run(
        "purge_registrations", "--today", "2026-11-28"
    )
    assert Registration.objects.count() == 3


def test_purge_rejects_a_bad_date():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        run("purge_registrations", "--today", "28/11/2026")
