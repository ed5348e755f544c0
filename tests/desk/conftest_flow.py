"""Fixtures for the flow and answer-link tests (imported by those modules).

A made-up pupil with a name that stands out ("Zebedeus Q.", born in July 2011), so a test
can tell when it leaks into a mail or a page.
"""

import re

import pytest
from django.core import mail

from meldpunt.desk.models import DeclineReason
from tests.factories import InterventionFactory, ReferralFactory

PUPIL_FIRST_NAME = "Zebedeus"
PUPIL_INITIAL = "Q"
PUPIL_BIRTH_MONTH = 7
PUPIL_BIRTH_YEAR = 2011

URL = re.compile(r"https?://\S+")


@pytest.fixture
def offers():
    """Three offers of three providers: A, B and C."""
    return [
        InterventionFactory(name=f"Aanbod {letter}", provider__name=f"Aanbieder {letter} vzw")
        for letter in "ABC"
    ]


@pytest.fixture
def referral(settings):
    settings.MELDPUNT_DESK_EMAIL = "meldpunt@example.be"
    return ReferralFactory(
        pupil_first_name=PUPIL_FIRST_NAME,
        pupil_initial=PUPIL_INITIAL,
        pupil_birth_month=PUPIL_BIRTH_MONTH,
        pupil_birth_year=PUPIL_BIRTH_YEAR,
        pupil_gender="m",
        referrer_name="Kim Voorbeeld",
        referrer_email="kim@clb.example.be",
        school_municipality="Diest",
        reasons=["spijbelen-afwezigheden", "motivatie"],
    )


@pytest.fixture
def decline_reason():
    return DeclineReason.objects.get(slug="geen-plaats")


def pupil_leaks(text):
    """What of the pupil's identity ``text`` shows (links left out: tokens are random)."""
    text = URL.sub(" ", text)
    found = []
    if PUPIL_FIRST_NAME.lower() in text.lower():
        found.append("first name")
    if re.search(rf"\b{PUPIL_INITIAL}\b", text):
        found.append("initial")
    for month in ("juli 2011", "07/2011", "7/2011", "2011-07", "07-2011"):
        if month in text.lower():
            found.append(f"birth month ({month})")
    return found


def sent_mails(kind_subject=None):
    """The mails in the test outbox, optionally those whose subject contains a text."""
    return [m for m in mail.outbox if kind_subject is None or kind_subject in m.subject]


def mail_texts(message):
    """Subject, text body and HTML body of one sent mail."""
    parts = [message.subject, message.body]
    parts += [content for content, _mimetype in getattr(message, "alternatives", [])]
    return parts
