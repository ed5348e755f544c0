"""Newsletter subscribers and the evidence of their consent.

A subscriber is identified in every link by an opaque random ``token`` (never the address or
a sequential id); the token is stored, unique and rotated when a subscription is confirmed,
so an old confirmation link stops working. Personal data is kept to what sending needs: the
address, an optional name and organisation, the interests, and the consent records.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.models import Region, Theme

# The text a visitor agrees to on the sign-up form, stored verbatim with every consent.
# Defined here once: the form shows it and ``ConsentRecord.text`` keeps what was shown.
CONSENT_TEXT = (
    "Ik wil de nieuwsbrief van Samen tegen Schooluitval Vlaams-Brabant per e-mail ontvangen. "
    "Het netwerk bewaart daarvoor mijn e-mailadres, mijn naam en organisatie als ik die "
    "invul, en mijn interesses, tot ik me uitschrijf of mijn gegevens wis. Ik kan me altijd "
    "uitschrijven via de link in elke nieuwsbrief."
)

# What an imported consent record says: the text agreed to elsewhere is not known here.
IMPORT_CONSENT_TEXT = (
    "Toestemming voor de nieuwsbrief gegeven vóór de inschrijving via deze website, op de "
    "datum die in het ingelezen bestand staat."
)


def new_token():
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        """Subscribers who receive issues: confirmed, not paused, not unsubscribed."""
        return self.filter(status=SubscriberStatus.CONFIRMED)

    def by_email(self, email):
        return self.filter(email__iexact=normalise_email(email))


def normalise_email(email):
    return (email or "").strip().lower()


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("wacht op bevestiging")
    CONFIRMED = "confirmed", _("ingeschreven")
    PAUSED = "paused", _("gepauzeerd")
    UNSUBSCRIBED = "unsubscribed", _("uitgeschreven")


class ConsentSource(models.TextChoices):
    WEBSITE = "website", _("inschrijfformulier op de website")
    IMPORT = "import", _("ingelezen bestand")


class Subscriber(models.Model):
    Status = SubscriberStatus

    email = models.EmailField(_("e-mailadres"), max_length=254)
    name = models.CharField(_("naam"), max_length=150, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    themes = models.ManyToManyField(
        Theme, related_name="subscribers", blank=True, verbose_name=_("thema's")
    )
    regions = models.ManyToManyField(
        Region, related_name="subscribers", blank=True, verbose_name=_("regio's")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    token = models.CharField(
        _("persoonlijke sleutel"),
        max_length=64,
        unique=True,
        default=new_token,
        editable=False,
        help_text=_("Geheim deel van de voorkeuren- en uitschrijflink."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("uitgeschreven op"), null=True, blank=True)
    # When we last mailed this address about its subscription (a confirmation link, "you are
    # already subscribed", "here is your link"): no second such mail within NOTIFY_WINDOW.
    notified_at = models.DateTimeField(_("laatste e-mail over inschrijving"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="nieuwsbrief_subscriber_email_unique",
                violation_error_message=_("Dit e-mailadres staat al in de lijst."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=SubscriberStatus.values),
                name="nieuwsbrief_subscriber_status_valid",
            ),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def rotate_token(self):
        """A new personal key: every earlier link of this subscriber stops working."""
        self.token = new_token()

    def confirm(self, now=None):
        now = now or timezone.now()
        self.status = self.Status.CONFIRMED
        self.confirmed_at = now
        self.unsubscribed_at = None
        self.rotate_token()
        self.save()
        self.consents.filter(confirmed_at__isnull=True).update(confirmed_at=now)

    def pause(self):
        if self.status == self.Status.CONFIRMED:
            self.status = self.Status.PAUSED
            self.save(update_fields=["status", "updated_at"])

    def resume(self):
        if self.status == self.Status.PAUSED:
            self.status = self.Status.CONFIRMED
            self.save(update_fields=["status", "updated_at"])

    def unsubscribe(self, now=None):
        if self.status != self.Status.UNSUBSCRIBED:
            self.status = self.Status.UNSUBSCRIBED
            self.unsubscribed_at = now or timezone.now()
            self.save(update_fields=["status", "unsubscribed_at", "updated_at"])


class ConsentRecord(models.Model):
    """Evidence of consent: when, how, and the exact text agreed to."""

    Source = ConsentSource

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents", verbose_name=_("abonnee")
    )
    given_at = models.DateTimeField(_("toestemming gegeven op"), default=timezone.now)
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    text = models.TextField(_("tekst waarmee ingestemd werd"))
    confirmed_at = models.DateTimeField(
        _("bevestigd via e-mail op"),
        null=True,
        blank=True,
        help_text=_("Wanneer de link in de bevestigingsmail werd gebruikt (dubbele opt-in)."),
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["given_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=ConsentSource.values),
                name="nieuwsbrief_consentrecord_source_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_source_display()} ({self.given_at:%Y-%m-%d})"
