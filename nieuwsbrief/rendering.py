"""An issue as a mail: rendered once, personalised per subscriber.

``render_issue(issue)`` renders the issue's HTML and plain text once (that is the expensive
part); ``RenderedIssue.message_for(subscriber)`` only fills in the subscriber's own links and
headers, so a send to 10,000 subscribers renders the templates once.

The personal parts (preference and unsubscribe links) are placeholders in the rendered text,
replaced per subscriber; the archive's web version leaves them out.

This module is the contract between composing (templates, blocks, preview) and sending (the
engine in ``nieuwsbrief.sending``): the engine calls only ``render_issue`` and
``message_for``.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.html import escape

from nieuwsbrief.links import preferences_url, unsubscribe_headers, unsubscribe_url

PREFERENCES_PLACEHOLDER = "%%PREFERENCES_URL%%"
UNSUBSCRIBE_PLACEHOLDER = "%%UNSUBSCRIBE_URL%%"


class RenderedIssue:
    def __init__(self, issue, subject, text, html):
        self.issue = issue
        self.subject = subject
        self.text = text
        self.html = html

    def message_for(self, subscriber, connection=None, to=None):
        """The ``EmailMultiAlternatives`` for one subscriber (not sent).

        ``to`` overrides the recipient (a test send to a coordinator's own address).
        """
        links = {
            PREFERENCES_PLACEHOLDER: preferences_url(subscriber),
            UNSUBSCRIBE_PLACEHOLDER: unsubscribe_url(subscriber),
        }
        text, html = self.text, self.html
        for placeholder, url in links.items():
            text = text.replace(placeholder, url)
            html = html.replace(placeholder, escape(url))
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to or subscriber.email],
            headers=unsubscribe_headers(subscriber),
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        return message


def render_issue(issue):
    """Render ``issue`` once for sending. (Minimal version; composing replaces the body.)"""
    text = "\n\n".join(
        [issue.intro, f"Voorkeuren: {PREFERENCES_PLACEHOLDER}", f"Uitschrijven: {UNSUBSCRIBE_PLACEHOLDER}"]
    )
    html = (
        f"<p>{escape(issue.intro)}</p>"
        f'<p><a href="{PREFERENCES_PLACEHOLDER}">Voorkeuren</a> · '
        f'<a href="{UNSUBSCRIBE_PLACEHOLDER}">Uitschrijven</a></p>'
    )
    return RenderedIssue(issue, issue.subject, text, html)
