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


# --- Issues (edities), their blocks, and one delivery row per recipient -----------------------


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    SCHEDULED = "scheduled", _("ingepland")
    SENDING = "sending", _("wordt verstuurd")
    PAUSED = "paused", _("gepauzeerd")
    SENT = "sent", _("verstuurd")


class IssueQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=IssueStatus.SENT)


class Issue(models.Model):
    """An issue (editie) of the newsletter: a subject, an intro and ordered blocks.

    ``themes`` and ``regions`` target the issue: empty means every confirmed subscriber;
    otherwise the subscribers with at least one of those interests (or none at all: who chose
    no interest wants everything). When the issue starts sending, its recipients are frozen as
    ``Delivery`` rows, so later subscribers or changed interests do not change who gets it.
    """

    Status = IssueStatus

    subject = models.CharField(_("onderwerp"), max_length=200)
    slug = models.SlugField(
        _("korte naam in de URL"),
        max_length=220,
        unique=True,
        help_text=_("Voor de webversie in het archief."),
    )
    preheader = models.CharField(
        _("voorkoptekst"),
        max_length=200,
        blank=True,
        help_text=_("De korte tekst die mailprogramma's naast het onderwerp tonen."),
    )
    intro = models.TextField(
        _("inleiding"), blank=True, help_text=_("Markdown: **vet**, *schuin*, [link](https://…), lijstjes.")
    )
    themes = models.ManyToManyField(
        Theme,
        related_name="newsletter_issues",
        blank=True,
        verbose_name=_("alleen voor interesse in thema's"),
    )
    regions = models.ManyToManyField(
        Region,
        related_name="newsletter_issues",
        blank=True,
        verbose_name=_("alleen voor interesse in regio's"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_at = models.DateTimeField(_("versturen op"), null=True, blank=True)
    started_at = models.DateTimeField(_("versturen gestart op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True, db_index=True)
    # The worker that sends holds a lease; another run takes over only after it expired.
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    pause_reason = models.CharField(_("reden van de pauze"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("editie")
        verbose_name_plural = _("edities")
        ordering = ["-sent_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IssueStatus.values),
                name="nieuwsbrief_issue_status_valid",
            ),
        ]

    def __str__(self):
        return self.subject


class BlockKind(models.TextChoices):
    EVENT = "event", _("activiteit uit de agenda")
    RESOURCE = "resource", _("hulpmiddel of inspirerende praktijk")
    INTERVENTION = "intervention", _("interventie uit het aanbod")
    NEWS = "news", _("nieuwsbericht")
    TEXT = "text", _("vrije tekst")


class Block(models.Model):
    """One block of an issue. Blocks that point to content render from that content."""

    Kind = BlockKind

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("editie")
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    event = models.ForeignKey(
        "netwerk.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletter_blocks",
        verbose_name=_("activiteit"),
    )
    resource = models.ForeignKey(
        "netwerk.Resource",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletter_blocks",
        verbose_name=_("hulpmiddel of praktijk"),
    )
    intervention = models.ForeignKey(
        "meldpunt.Intervention",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletter_blocks",
        verbose_name=_("interventie"),
    )
    title = models.CharField(
        _("titel"),
        max_length=200,
        blank=True,
        help_text=_("Voor een nieuwsbericht of vrije tekst; leeg laat de titel van de inhoud staan."),
    )
    text = models.TextField(_("tekst"), blank=True, help_text=_("Markdown."))
    image = models.ImageField(_("afbeelding"), upload_to="nieuwsbrief/", blank=True)
    image_alt = models.CharField(_("beschrijving van de afbeelding"), max_length=200, blank=True)
    link = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("blok")
        verbose_name_plural = _("blokken")
        ordering = ["issue", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=BlockKind.values), name="nieuwsbrief_block_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.position}"


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    SENDING = "sending", _("wordt verstuurd")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")
    # Left in "sending" by a run that crashed: the mail server may or may not have accepted it.
    # Never resent automatically; staff decide (retry or leave).
    UNKNOWN = "unknown", _("onzeker (onderbroken)")


class Delivery(models.Model):
    """One recipient of one issue: frozen when sending starts, marked right after the server
    accepted the message. Unique per issue and subscriber, so nobody gets an issue twice."""

    Status = DeliveryStatus

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("editie")
    )
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("abonnee"),
    )
    email = models.EmailField(_("e-mailadres"), max_length=254)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    error = models.CharField(_("fout"), max_length=300, blank=True)
    claimed_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        ordering = ["issue", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="nieuwsbrief_delivery_once_per_issue"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliveryStatus.values),
                name="nieuwsbrief_delivery_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self):
        return f"{self.issue} → {self.email}"
