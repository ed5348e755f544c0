"""The desk's links: the referrer's status page, the provider's answer page, the admin case.

The status link carries the case's random ``status_token`` (stored, so the desk can show it
again); the answer link a ``TimestampSigner`` signature over the dispatch's UUID, valid
``REFERRAL_ANSWER_LINK_DAYS`` days, so it needs no storage and cannot be guessed.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

ANSWER_SALT = "meldpunt.desk.answer"


def status_url(referral):
    return settings.SITE_URL + reverse("meldpunt:referral_status", args=[referral.status_token])


def admin_url(referral):
    return settings.SITE_URL + reverse("admin:meldpunt_referral_change", args=[referral.pk])


def make_answer_token(dispatch):
    return signing.TimestampSigner(salt=ANSWER_SALT).sign(str(dispatch.uuid))


def read_answer_token(token):
    """The dispatch UUID in ``token``.

    Raises ``signing.SignatureExpired`` after ``REFERRAL_ANSWER_LINK_DAYS`` and
    ``signing.BadSignature`` when tampered with or malformed.
    """
    value = signing.TimestampSigner(salt=ANSWER_SALT).unsign(
        token, max_age=timedelta(days=settings.REFERRAL_ANSWER_LINK_DAYS)
    )
    try:
        return uuid.UUID(value)
    except ValueError:
        raise signing.BadSignature("Not a dispatch UUID") from None


def answer_url(dispatch):
    return settings.SITE_URL + reverse("meldpunt:dispatch_answer", args=[make_answer_token(dispatch)])
