"""The registration workflow: register, cancel (and move the waiting list up), remind, purge.

Each step that changes places locks the event row first (``select_for_update``), so two
people registering for the last place, or a cancellation and a registration at once, never
put more people on the list than the event has places. Mails go through the outbox
(``netwerk.emails.queue``) in the same transaction, with the event as an ``.ics``
attachment for everyone who has a place.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from netwerk import emails
from netwerk.agenda.ical import event_attachment
from netwerk.agenda.models import Event, Registration, RegistrationStatus, purge_cutoff

SALT = "netwerk.agenda.cancel"


class AlreadyRegistered(Exception):
    """This e-mail address already has an active registration for the event."""


class RegistrationClosed(Exception):
    """The event takes no registrations (any more)."""


# --- the personal cancel link ----------------------------------------------------------------


def _signer():
    return signing.TimestampSigner(salt=SALT)


def make_cancel_token(registration):
    return _signer().sign(str(registration.uuid))


def read_cancel_token(token):
    """The registration UUID; raises ``SignatureExpired`` after REGISTRATION_CANCEL_LINK_DAYS
    and ``BadSignature`` when tampered with."""
    max_age = timedelta(days=settings.REGISTRATION_CANCEL_LINK_DAYS)
    return _signer().unsign(token, max_age=max_age)


def cancel_url(registration):
    token = make_cancel_token(registration)
    return settings.SITE_URL + reverse("netwerk:registration_cancel", kwargs={"token": token})


# --- mails -------------------------------------------------------------------------------------


def _mail(kind, registration, key_suffix=""):
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": settings.SITE_URL + event.get_absolute_url(),
        "cancel_url": cancel_url(registration),
    }
    has_place = registration.status == RegistrationStatus.CONFIRMED
    return emails.queue(
        kind,
        registration.email,
        context,
        key=f"{kind}:{registration.uuid}{key_suffix}",
        attachments=[event_attachment(event)] if has_place else None,
    )


# --- register and cancel ------------------------------------------------------------------------


def register(event, *, name, email, organisation="", role="", answers=None, now=None):
    """A new registration: a place while there are places, else the waiting list.

    Raises ``AlreadyRegistered`` for a second active registration with the same address
    and ``RegistrationClosed`` when the event takes none.
    """
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not event.takes_registrations(now):
            raise RegistrationClosed
        if event.registrations.active().filter(email=email).exists():
            raise AlreadyRegistered
        full = event.is_full(event.confirmed_registrations().count())
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    name=name,
                    email=email,
                    organisation=organisation,
                    role=role,
                    answers=answers or {},
                    status=RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED,
                    created_at=now,
                )
        except IntegrityError:
            raise AlreadyRegistered from None
        kind = "event-waiting-list" if full else "event-registration"
        _mail(kind, registration)
    return registration


@dataclass
class Cancellation:
    registration: Registration
    promoted: list = field(default_factory=list)


def cancel(registration_uuid, now=None):
    """Cancel a registration and give freed places to the waiting list, first come first.

    Returns a ``Cancellation`` (``promoted``: who moved up and was mailed). Cancelling twice
    changes nothing the second time.
    """
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.select_related("event").get(uuid=registration_uuid)
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.event = event
        result = Cancellation(registration)
        if registration.status == RegistrationStatus.CANCELLED:
            return result
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if not event.has_ended(now):
            result.promoted = _promote(event, now)
    return result


def _promote(event, now):
    """Move people from the waiting list onto free places (the event row is locked)."""
    free = event.places_left(event.confirmed_registrations().count())
    if free is None:
        waiting = event.registrations.waiting_list()  # capacity removed: everyone
    elif free:
        waiting = event.registrations.waiting_list()[:free]
    else:
        return []
    promoted = list(waiting.select_for_update())
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        registration.event = event
        _mail("event-promoted", registration)
    return promoted


# --- reminder and purge -------------------------------------------------------------------------


def reminders_due(now=None):
    """Confirmed registrations of events starting within EVENT_REMINDER_DAYS, not reminded."""
    now = now or timezone.now()
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        purged_at__isnull=True,
        event__status="published",
        event__is_cancelled=False,
        event__starts_at__gt=now,
        event__starts_at__lte=now + timedelta(days=settings.EVENT_REMINDER_DAYS),
    )


def send_reminders(now=None):
    """Queue one reminder per due registration; returns how many. Each registration is
    claimed (``reminded_at``) before its mail is queued, so it is reminded once."""
    now = now or timezone.now()
    sent = 0
    for pk in reminders_due(now).order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            registration = Registration.objects.select_related("event").get(pk=pk)
            _mail("event-reminder", registration)
            sent += 1
    return sent


def purge(today=None, dry_run=False):
    """Wipe the personal data of registrations for events that ended
    REGISTRATION_RETENTION_MONTHS months ago; keeps status and attendance (the counts).
    Returns how many registrations were (or would be) purged."""
    today = today or timezone.localdate()
    cutoff = purge_cutoff(today, settings.REGISTRATION_RETENTION_MONTHS)
    due = Registration.objects.purgeable(cutoff)
    if dry_run:
        return due.count()
    return due.update(
        name="", organisation="", role="", email="", answers={}, purged_at=timezone.now()
    )
