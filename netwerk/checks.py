"""System checks for configuration that Django itself does not check."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


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


@register()
def check_document_root(app_configs, **kwargs):
    """Members-only documents must live where no web server serves files."""
    documents = Path(settings.PROTECTED_MEDIA_ROOT).resolve()
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        served = Path(getattr(settings, name)).resolve()
        if documents == served or served in documents.parents:
            return [
                Error(
                    f"PROTECTED_MEDIA_ROOT ({documents}) lies inside {name} ({served}): "
                    "members-only documents would be served to anyone.",
                    hint="Point PROTECTED_MEDIA_ROOT at a folder outside MEDIA_ROOT and "
                    "STATIC_ROOT.",
                    id="netwerk.E001",
                )
            ]
    return []
