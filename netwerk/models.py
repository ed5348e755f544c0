import hashlib
import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.geography import PROVINCE_POSTCODE_RANGES, normalise


class SearchableByName(models.Model):
    """Keeps ``search_name`` equal to ``normalise(name)`` on every save.

    The loader sets ``search_name`` itself: the data migration's historical models lack
    this method. Abstract, so that migrations do not depend on this class.
    """

    search_name = models.CharField(
        _("zoeknaam"),
        max_length=100,
        db_index=True,
        editable=False,
        help_text=_("De naam zonder hoofdletters, accenten en leestekens, om op te zoeken."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_name = normalise(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)


class Arrondissement(models.Model):
    nis_code = models.CharField(
        _("NIS-code"),
        max_length=5,
        unique=True,
        help_text=_("Code van Statbel, bijvoorbeeld 24000 voor Leuven."),
    )
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("arrondissement")
        verbose_name_plural = _("arrondissementen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(SearchableByName):
    nis_code = models.CharField(
        _("NIS-code"),
        max_length=5,
        unique=True,
        help_text=_("Code van Statbel, bijvoorbeeld 24062 voor Leuven."),
    )
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    arrondissement = models.ForeignKey(
        Arrondissement,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("arrondissement"),
    )
    latitude = models.DecimalField(
        _("breedtegraad"),
        max_digits=8,
        decimal_places=5,
        help_text=_("Benaderd middelpunt van de gemeente (WGS84)."),
    )
    longitude = models.DecimalField(
        _("lengtegraad"),
        max_digits=8,
        decimal_places=5,
        help_text=_("Benaderd middelpunt van de gemeente (WGS84)."),
    )
    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name


def _province_postcode():
    # Four-character strings compare like the numbers they spell.
    ranges = [
        Q(postcode__gte=str(low), postcode__lte=str(high)) for low, high in PROVINCE_POSTCODE_RANGES
    ]
    return Q(*ranges, _connector=Q.OR)


class PostalPlace(SearchableByName):
    """A postcode with one of its place names: a deelgemeente, or a former municipality."""

    postcode = models.CharField(_("postcode"), max_length=4, db_index=True)
    name = models.CharField(
        _("naam"),
        max_length=100,
        help_text=_("Naam van de deelgemeente, zoals in de adressen van de post."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="postal_places",
        verbose_name=_("gemeente"),
    )
    class Meta:
        verbose_name = _("deelgemeente")
        verbose_name_plural = _("deelgemeenten")
        ordering = ["postcode", "name"]
        constraints = [
            # Never the name alone: Sint-Margriete-Houtem lies under 3300 and under 3470.
            models.UniqueConstraint(
                fields=["postcode", "name"], name="netwerk_postalplace_unique_postcode_name"
            ),
            models.CheckConstraint(
                condition=_province_postcode(), name="netwerk_postalplace_postcode_in_province"
            ),
        ]

    def __str__(self):
        return f"{self.postcode} {self.name}"


class RegionKind(models.TextChoices):
    ARRONDISSEMENT = "arrondissement", _("arrondissement")
    LOCAL = "local", _("regio")
    OTHER = "other", _("andere")


class Region(models.Model):
    """A named group of municipalities, e.g. where an intervention takes pupils from."""

    Kind = RegionKind

    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Korte naam voor in webadressen: kleine letters, cijfers en streepjes."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.LOCAL)
    description = models.TextField(_("beschrijving"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="regions",
        blank=True,
        verbose_name=_("gemeenten"),
        help_text=_("De gemeenten die tot deze regio horen."),
    )

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RegionKind.values), name="netwerk_region_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("klad")
    PUBLISHED = "published", _("gepubliceerd")
    ARCHIVED = "archived", _("gearchiveerd")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def visible_to(self, user):
        """What ``user`` may open: published pages, and every status for staff who may
        view this model in the admin (their preview of a draft or archived page)."""
        opts = self.model._meta
        if user is not None and user.is_active and user.is_staff and user.has_perm(
            f"{opts.app_label}.view_{opts.model_name}"
        ):
            return self.all()
        return self.published()


class Publishable(models.Model):
    """Content with a publication status: only published items are public.

    Subclasses that need their own queryset derive it from ``PublishableQuerySet``.
    """

    status = models.CharField(
        _("publicatiestatus"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == PublicationStatus.PUBLISHED


class ManagedTerm(models.Model):
    """An entry of a short list staff manage in the admin (the directory's types, target
    groups and levels; the audiences and levels of resources). Abstract."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A theme the network works on (truancy, warm transition, OKAN…), shared by all apps."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.CharField(_("korte omschrijving"), max_length=300, blank=True)
    body = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_("De uitleg op de themapagina. Een lege regel begint een nieuwe alinea."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("netwerk:theme", kwargs={"slug": self.slug})


class OrganisationKind(models.TextChoices):
    NAFT = "naft", _("NAFT-aanbieder")
    YOUTH_CARE = "youth_care", _("jeugdhulporganisatie")
    CLB = "clb", _("CLB")
    SCHOOL = "school", _("school")
    LOCAL_GOVERNMENT = "local_government", _("lokaal bestuur")
    LOP = "lop", _("LOP")
    OTHER = "other", _("andere")


def logo_upload_to(organisation, filename):
    # The logo is re-encoded on upload, so the stored name need not keep the user's.
    return f"logos/{organisation.slug or 'organisatie'}.png"


class OrganisationQuerySet(models.QuerySet):
    def with_published_interventions(self):
        return self.filter(interventions__status="published").distinct()


class Organisation(SearchableByName):
    """A provider, CLB, school or partner. Organisation-level contacts only, never a person's."""

    Kind = OrganisationKind

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    search_name = models.CharField(_("zoeknaam"), max_length=200, db_index=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(
        _("e-mailadres"),
        blank=True,
        help_text=_("Algemeen adres van de organisatie, geen persoonlijk adres."),
    )
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    street_address = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("gemeente"),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=logo_upload_to,
        blank=True,
        help_text=_("PNG, JPEG, GIF of WebP, hoogstens 2 MB. Wordt verkleind en opnieuw opgeslagen."),
    )
    is_demo = models.BooleanField(
        _("demo-inhoud"),
        default=False,
        help_text=_("Voorbeeldgegevens die het Meldpunt nog moet nakijken."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meldpunt:provider", kwargs={"slug": self.slug})


class TokenBucket(models.Model):
    """A rate limit per key (e.g. a form and a hashed IP address), in the database.

    No cache server needed: one small row per key, refilled over time.
    """

    key = models.CharField(max_length=100, primary_key=True)
    tokens = models.FloatField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tegoed")
        verbose_name_plural = _("tegoeden")

    @staticmethod
    def hashed(kind, value):
        # Only a keyed hash of the IP address is stored, never the address itself.
        digest = hashlib.blake2b(
            value.encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=16
        ).hexdigest()
        return f"{kind}:{digest}"

    @classmethod
    def authorize(cls, kind, value, capacity, per_seconds):
        """Take one token for (kind, value); False when the bucket is empty.

        The bucket holds ``capacity`` tokens and refills at ``capacity / per_seconds``
        a second, so a burst of ``capacity`` is allowed, then one every so often.
        """
        key = cls.hashed(kind, value)
        now = timezone.now()
        with transaction.atomic():
            bucket, created = cls.objects.select_for_update().get_or_create(
                key=key, defaults={"tokens": capacity, "updated_at": now}
            )
            elapsed = (now - bucket.updated_at).total_seconds()
            tokens = min(capacity, bucket.tokens + elapsed * capacity / per_seconds)
            if tokens < 1:
                return False
            bucket.tokens = tokens - 1
            bucket.updated_at = now
            bucket.save(update_fields=["tokens", "updated_at"])
            return True


class OutgoingMailQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def due(self, now=None):
        return self.unsent().filter(next_attempt_at__lte=now or timezone.now())


class OutgoingMail(models.Model):
    """A rendered e-mail waiting for, or past, delivery (the outbox).

    Whoever stores data and owes a mail about it stores the mail in the same transaction
    (``netwerk.emails.queue``); the background worker delivers it and retries until the mail
    server accepts it. So a mail server that is down never loses a referral, and ``key``
    makes queueing the same message twice a no-op.
    """

    kind = models.CharField(_("soort"), max_length=60)
    key = models.CharField(
        _("sleutel"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Eén bericht per sleutel, ook als het twee keer aangevraagd wordt."),
    )
    to = models.JSONField(_("aan"), default=list)
    subject = models.CharField(_("onderwerp"), max_length=300)
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(
        _("bijlagen"),
        default=list,
        blank=True,
        help_text=_("Tekstbijlagen (zoals een .ics): filename, content_type en content."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True, db_index=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind}: {self.subject}"


# The parts of the network side keep their models in their own package.
from netwerk.themes.models import *  # noqa: E402,F401,F403
from netwerk.agenda.models import *  # noqa: E402,F401,F403
from netwerk.bodies.models import *  # noqa: E402,F401,F403
