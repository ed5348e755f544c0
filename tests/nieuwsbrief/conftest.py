"""Newsletter fixtures: subscribers in each state, made up, at example.org."""

import pytest

from netwerk.models import OutgoingMail
from nieuwsbrief.models import CONSENT_TEXT, ConsentRecord, Subscriber


def make_subscriber(email="an@example.org", status=Subscriber.Status.CONFIRMED, **fields):
    subscriber = Subscriber.objects.create(email=email, status=status, **fields)
    ConsentRecord.objects.create(
        subscriber=subscriber, source=ConsentRecord.Source.WEBSITE, text=CONSENT_TEXT
    )
    return subscriber


def outbox(kind=None):
    """The newsletter mails stored in the outbox (oldest first)."""
    mails = OutgoingMail.objects.filter(kind__startswith="newsletter-").order_by("pk")
    return list(mails.filter(kind=kind) if kind else mails)


@pytest.fixture
def subscriber(db):
    return make_subscriber(name="An Voorbeeld", organisation="CLB Voorbeeld")
