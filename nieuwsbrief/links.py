"""A subscriber's links: confirm the subscription, change preferences, unsubscribe.

The preference and unsubscribe links carry the subscriber's random ``token`` (stored,
unique, opaque: never the address or a sequential id), so they stay valid until the token is
rotated. The confirmation link carries a ``TimestampSigner`` signature over that token, valid
``CONFIRM_LINK_DAYS`` days; confirming rotates the token, so a confirmation link works once.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "nieuwsbrief.confirm"
CONFIRM_LINK_DAYS = 7


def _signer():
    return signing.TimestampSigner(salt=CONFIRM_SALT)


def make_confirm_token(subscriber):
    return _signer().sign(subscriber.token)


def read_confirm_token(signed):
    """The subscriber token in ``signed``.

    Raises ``signing.SignatureExpired`` after ``CONFIRM_LINK_DAYS`` and
    ``signing.BadSignature`` when tampered with or malformed.
    """
    return _signer().unsign(signed, max_age=timedelta(days=CONFIRM_LINK_DAYS))


def confirm_url(subscriber):
    return settings.SITE_URL + reverse(
        "nieuwsbrief:confirm", args=[make_confirm_token(subscriber)]
    )


def preferences_url(subscriber):
    return settings.SITE_URL + reverse("nieuwsbrief:preferences", args=[subscriber.token])


def unsubscribe_url(subscriber):
    return settings.SITE_URL + reverse("nieuwsbrief:unsubscribe", args=[subscriber.token])


def unsubscribe_headers(subscriber):
    """The RFC 8058 one-click unsubscribe headers for a newsletter mail to ``subscriber``.

    Pass them as ``netwerk.emails.queue(..., headers=unsubscribe_headers(subscriber))``; a
    mail client POSTs ``List-Unsubscribe=One-Click`` to the URL, without cookies or CSRF
    token, and the subscriber is unsubscribed at once.
    """
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
