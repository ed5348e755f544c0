"""The one module that sends e-mail (like healthchecks ``hc/lib/emails.py``).

Every message kind has three templates under ``templates/emails/``::

    emails/<kind>-subject.txt   one line (whitespace is collapsed)
    emails/<kind>-body.txt      plain text
    emails/<kind>-body.html     HTML alternative

Templates get ``SITE_URL`` for absolute links. Sending is synchronous, so tests can read
``django.core.mail.outbox``. A failure is logged and reported as False, never raised: the
caller has already stored its data, and a lost mail must not lose it.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def render(kind, context):
    """(subject, text body, HTML body) of a message kind."""
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{kind}-subject.txt", context)
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{kind}-body.txt", context)
    html = render_to_string(f"emails/{kind}-body.html", context)
    return subject, text, html


def send(kind, to, context, headers=None):
    """Render and send one message; True when the mail backend accepted it."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address for address in recipients if address]
    if not recipients:
        logger.warning("E-mail %r not sent: no recipient", kind)
        return False
    try:
        subject, text, html = render(kind, context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
            headers=headers or {},
        )
        message.attach_alternative(html, "text/html")
        message.send()
    except Exception:
        # Log without the recipients: the addresses are not needed to find the cause.
        logger.exception("E-mail %r could not be sent", kind)
        return False
    return True
