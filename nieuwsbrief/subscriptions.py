"""Sign-up and "mail me my link": the workflows behind the public newsletter forms.

Both are **enumeration-safe**: the visitor sees the same answer whether the address is new,
pending, subscribed or unknown, and the only difference is which mail (if any) goes to the
address itself. An address gets at most one mail about its subscription (a confirmation
link, "you are already subscribed", "here is your link") per ``NOTIFY_WINDOW``: a second
sign-up within ten minutes sends nothing, so the form cannot be used to flood a mailbox.

What a sign-up does, per state of the address:

- unknown: a pending subscriber with the consent record of this form, and a confirmation
  mail (double opt-in: nothing is sent to it until the link in that mail is used);
- pending or unsubscribed: the details and the consent of this sign-up replace the
  unconfirmed ones, the subscriber is pending again, and a new confirmation mail goes
  unless one went within the window;
- confirmed or paused: nothing changes (the visitor may not be the owner); the address gets
  "you are already subscribed" with its preference link, unless it got a mail within the
  window.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from netwerk import emails
from nieuwsbrief import links
from nieuwsbrief.models import CONSENT_TEXT, ConsentRecord, Subscriber, normalise_email

NOTIFY_WINDOW = timedelta(minutes=10)

# What happened (for tests and logs; the visitor sees the same page whichever it is).
CONFIRMATION_SENT = "confirmation_sent"
LINK_SENT = "link_sent"
NOTHING_SENT = "nothing_sent"


def _claim_notification(subscriber, now):
    """Take the right to mail this address now; False when it got a mail within the window.

    A conditional UPDATE, so two requests at once never both mail.
    """
    cutoff = now - NOTIFY_WINDOW
    claimed = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .filter(Q(notified_at__isnull=True) | Q(notified_at__lte=cutoff))
        .update(notified_at=now)
    )
    return bool(claimed)


def _mail_confirmation(subscriber):
    emails.queue(
        "newsletter-confirm",
        subscriber.email,
        {
            "subscriber": subscriber,
            "confirm_url": links.confirm_url(subscriber),
            "link_days": links.CONFIRM_LINK_DAYS,
        },
    )
    return CONFIRMATION_SENT


def _mail_link(subscriber, already_subscribed=False):
    emails.queue(
        "newsletter-link",
        subscriber.email,
        {
            "subscriber": subscriber,
            "preferences_url": links.preferences_url(subscriber),
            "already_subscribed": already_subscribed,
        },
    )
    return LINK_SENT


def _set_details(subscriber, name, organisation, themes, regions, now):
    subscriber.name = name
    subscriber.organisation = organisation
    subscriber.status = Subscriber.Status.PENDING
    subscriber.save()
    subscriber.themes.set(themes)
    subscriber.regions.set(regions)
    # Only the consent of the latest sign-up counts until it is confirmed.
    subscriber.consents.filter(confirmed_at__isnull=True).delete()
    ConsentRecord.objects.create(
        subscriber=subscriber, given_at=now, source=ConsentRecord.Source.WEBSITE, text=CONSENT_TEXT
    )


@transaction.atomic
def subscribe(email, name="", organisation="", themes=(), regions=(), now=None):
    """Handle one sign-up from the website; returns what was sent (see the module doc)."""
    now = now or timezone.now()
    email = normalise_email(email)
    subscriber = Subscriber.objects.select_for_update().by_email(email).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(email=email, notified_at=now)
        except IntegrityError:
            return NOTHING_SENT  # signed up by a concurrent request a moment ago
        _set_details(subscriber, name, organisation, themes, regions, now)
        return _mail_confirmation(subscriber)
    if subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
        if _claim_notification(subscriber, now):
            return _mail_link(subscriber, already_subscribed=True)
        return NOTHING_SENT
    _set_details(subscriber, name, organisation, themes, regions, now)
    if _claim_notification(subscriber, now):
        return _mail_confirmation(subscriber)
    return NOTHING_SENT


@transaction.atomic
def request_link(email, now=None):
    """"Mail me my link": the preference link, or a new confirmation link while pending."""
    now = now or timezone.now()
    subscriber = Subscriber.objects.by_email(email).first()
    if subscriber is None or not _claim_notification(subscriber, now):
        return NOTHING_SENT
    if subscriber.status == Subscriber.Status.PENDING:
        return _mail_confirmation(subscriber)
    return _mail_link(subscriber)


def export_data(subscriber):
    """Everything stored about ``subscriber``, for the "download my data" button."""

    def stamp(value):
        return value.isoformat() if value else None

    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "organisation": subscriber.organisation,
        "status": subscriber.status,
        "status_label": str(subscriber.get_status_display()),
        "themes": [theme.name for theme in subscriber.themes.all()],
        "regions": [region.name for region in subscriber.regions.all()],
        "preferences_link": links.preferences_url(subscriber),
        "created_at": stamp(subscriber.created_at),
        "updated_at": stamp(subscriber.updated_at),
        "confirmed_at": stamp(subscriber.confirmed_at),
        "unsubscribed_at": stamp(subscriber.unsubscribed_at),
        "last_subscription_mail_at": stamp(subscriber.notified_at),
        "consent_records": [
            {
                "given_at": stamp(consent.given_at),
                "source": consent.source,
                "source_label": str(consent.get_source_display()),
                "text": consent.text,
                "confirmed_at": stamp(consent.confirmed_at),
            }
            for consent in subscriber.consents.all()
        ],
    }
