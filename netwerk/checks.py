"""System checks for configuration that Django itself does not check."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_mail_configuration(app_configs, **kwargs):
    errors = []
    if settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "dummy.EmailBackend")):
        errors.append(
            Warning(
                "Mail is not sent: EMAIL_URL is not set to an SMTP server.",
                hint="Set EMAIL_URL=smtp+tls://user:password@host:587; referral "
                "confirmations and the newsletter need it.",
                id="netwerk.W001",
            )
        )
    if settings.DEFAULT_FROM_EMAIL.rstrip(">").endswith("@localhost"):
        errors.append(
            Warning(
                "DEFAULT_FROM_EMAIL is not set: mail would go out from noreply@localhost.",
                hint="Set DEFAULT_FROM_EMAIL='Meldpunt SI <meldpunt@example.be>'.",
                id="netwerk.W002",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        errors.append(
            Warning(
                "SITE_URL does not start with https://: links in mails would be insecure.",
                id="netwerk.W003",
            )
        )
    return errors
