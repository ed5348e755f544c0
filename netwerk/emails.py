"""The one module that sends e-mail (like healthchecks ``hc/lib/emails.py``).

Every message kind has three templates under ``templates/emails/``::

    emails/<kind>-subject.txt   one line (whitespace is collapsed)
    emails/<kind>-body.txt      plain text
    emails/<kind>-body.html     HTML alternative

Templates get ``SITE_URL`` for absolute links. Two ways to send:

- ``send()`` sends now (synchronously). A failure is logged and reported as False, never
  raised: the caller has already stored its data. For mails where a failure is acceptable
  (a notification that the admin shows anyway, a verification request sent again next run).
- ``queue()`` stores the rendered message in the outbox (``OutgoingMail``) in the caller's
  transaction and hands it to the background worker after commit (``netwerk.tasks``); a
  failed delivery is retried with back-off until the mail server accepts it. For mails
  that must arrive: confirmations to referrers, dispatches to providers.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

_muted = ContextVar("netwerk_emails_muted", default=False)


@contextmanager
def muted():
    """Send and queue nothing inside this block (``queue()`` stores none, ``send()`` sends none).

    For made-up content (``load_demo``): a demo case owes nobody a mail, and a mail that is
    never stored can never be sent.
    """
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


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
    if _muted.get():
        return False
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


def attachment(filename, content, content_type):
    """A text attachment as the outbox stores it (``queue(..., attachments=[...])``)."""
    return {"filename": filename, "content_type": content_type, "content": content}


def queue(kind, to, context, key=None, headers=None, attachments=None):
    """Store one message in the outbox and deliver it in the background after commit.

    ``attachments`` are text files made with :func:`attachment` (an event's ``.ics``); they
    are stored with the message, so every retry sends them again.

    ``key`` makes the call idempotent: a second call with the same key returns the message
    already queued (a double submit or a retried request sends one mail). Returns the
    ``OutgoingMail``, or None without a recipient or inside ``muted()``.
    """
    from netwerk.models import OutgoingMail

    if _muted.get():
        return None
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [address for address in recipients if address]
    if not recipients:
        logger.warning("E-mail %r not queued: no recipient", kind)
        return None
    if key is not None:
        existing = OutgoingMail.objects.filter(key=key).first()
        if existing is not None:
            return existing
    subject, text, html = render(kind, context)
    try:
        with transaction.atomic():
            mail = OutgoingMail.objects.create(
                kind=kind,
                key=key,
                to=recipients,
                subject=subject[:300],
                body_text=text,
                body_html=html,
                headers=headers or {},
                attachments=list(attachments or []),
            )
    except IntegrityError:
        # Queued by a concurrent request with the same key in the meantime.
        return OutgoingMail.objects.get(key=key)
    transaction.on_commit(partial(_enqueue, mail.pk))
    return mail


def _enqueue(mail_id, run_after=None):
    from netwerk.tasks import deliver_mail

    task = deliver_mail
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the sweep (`send_queued_mail`) picks it up
        task = task.using(run_after=run_after)
    try:
        task.enqueue(mail_id)
    except Exception:
        # The mail stays in the outbox; `send_queued_mail` delivers it later.
        logger.exception("Mail %s could not be handed to the worker", mail_id)


def retry_delay(attempts):
    """1, 2, 4 … minutes after the n-th failure, capped at MAIL_RETRY_MAX_MINUTES."""
    minutes = min(2 ** max(attempts - 1, 0), settings.MAIL_RETRY_MAX_MINUTES)
    return timedelta(minutes=minutes)


def deliver(mail_id):
    """Send one queued message unless it went already; True when it is (now) sent.

    The row is locked while sending (PostgreSQL), and the attempt is claimed by a
    conditional update before the mail goes (which also holds SQLite's write lock until
    commit), so two workers never send it twice; a failure is recorded (without addresses)
    and the next attempt scheduled.
    """
    from netwerk.models import OutgoingMail

    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.sent_at is not None:
            return mail is not None
        claimed = OutgoingMail.objects.filter(
            pk=mail.pk, sent_at__isnull=True, attempts=mail.attempts
        ).update(attempts=F("attempts") + 1)
        if not claimed:
            return False  # another worker took this attempt; it reschedules if it fails
        message = EmailMultiAlternatives(
            subject=mail.subject,
            body=mail.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=mail.to,
            headers=mail.headers or {},
        )
        if mail.body_html:
            message.attach_alternative(mail.body_html, "text/html")
        for item in mail.attachments or []:
            message.attach(item["filename"], item["content"], item["content_type"])
        mail.attempts += 1  # claimed above
        try:
            message.send()
        except Exception as error:
            logger.warning("Mail %s (%s) failed, attempt %s: %s", mail.pk, mail.kind,
                           mail.attempts, type(error).__name__)
            mail.last_error = f"{type(error).__name__}: {error}"[:300]
            mail.next_attempt_at = timezone.now() + retry_delay(mail.attempts)
            mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            sent = False
        else:
            mail.sent_at = timezone.now()
            mail.last_error = ""
            mail.save(update_fields=["attempts", "last_error", "sent_at"])
            sent = True
    if not sent:
        _enqueue(mail.pk, run_after=mail.next_attempt_at)
    return sent


def deliver_due(now=None):
    """Deliver every unsent message whose next attempt is due; (sent, failed) counts."""
    from netwerk.models import OutgoingMail

    sent = failed = 0
    for mail_id in OutgoingMail.objects.due(now).order_by("pk").values_list("pk", flat=True):
        if deliver(mail_id):
            sent += 1
        else:
            failed += 1
    return sent, failed
