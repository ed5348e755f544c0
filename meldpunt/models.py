"""The directory: school-external interventions ("fiches") and their managed lists.

What is public is defined once, in ``InterventionQuerySet.published()``; the
search, the fiche, the provider page, the map, the selection and the open API
all start from it.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netwerk.geography import normalise
from netwerk.models import ManagedTerm, Municipality, Organisation, PublicationStatus, Theme

# A fiche not verified for this long is flagged on the site and in the admin.
STALE_AFTER = timedelta(days=365)


class InterventionType(ManagedTerm):
    class Meta(ManagedTerm.Meta):
        verbose_name = _("soort aanbod")
        verbose_name_plural = _("soorten aanbod")


class TargetGroup(ManagedTerm):
    class Meta(ManagedTerm.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class EducationLevel(ManagedTerm):
    class Meta(ManagedTerm.Meta):
        verbose_name = _("onderwijsniveau")
        verbose_name_plural = _("onderwijsniveaus")


class Approach(models.TextChoices):
    PREVENTIVE = "preventive", _("preventief")
    COMPENSATING = "compensating", _("compenserend")
    REMEDIAL = "remedial", _("remediërend")


class RegistrationRoute(models.TextChoices):
    MELDPUNT = "meldpunt", _("via het Meldpunt")
    DIRECT = "direct", _("rechtstreeks bij de aanbieder")
    CLB = "clb", _("via het CLB")


class CapacityStatus(models.TextChoices):
    FREE = "free", _("plaatsen vrij")
    LIMITED = "limited", _("beperkt plaats")
    WAITING_LIST = "waiting_list", _("wachtlijst")
    FULL = "full", _("volzet")
    PAUSED = "paused", _("tijdelijk gepauzeerd")
    UNKNOWN = "unknown", _("onbekend")


class InterventionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def serving(self, municipality):
        """Interventions whose service area includes ``municipality``."""
        return self.filter(service_area=municipality)

    def with_free_places(self):
        return self.filter(capacity_status__in=[CapacityStatus.FREE, CapacityStatus.LIMITED])

    def stale(self, now=None):
        """Not verified for a year (or never)."""
        threshold = (now or timezone.now()).date() - STALE_AFTER
        return self.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=threshold))

    def refresh_search_vectors(self):
        """Recompute the stored full-text vectors (PostgreSQL only; a no-op elsewhere).

        ``save()`` does it for one fiche; bulk paths (imports, benchmark data) call this.
        """
        if connection.vendor == "postgresql":
            self.update(search_vector=stored_search_vector())

    def due_for_verification(self, months, now=None):
        threshold = (now or timezone.now()).date() - timedelta(days=round(months * 30.44))
        return self.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=threshold))


def stored_search_vector():
    """The Dutch full-text vector of a fiche: name above summary above the body.

    Stored, so a search reads it instead of parsing every fiche's text again;
    the provider's name is matched at query time (it lives on another table).
    """
    return (
        SearchVector("search_name", weight="A", config="dutch")
        + SearchVector("search_summary", weight="B", config="dutch")
        + SearchVector("search_body", weight="D", config="dutch")
    )


class Intervention(models.Model):
    """An offer of a provider, and its public description (the fiche)."""

    Approach = Approach
    RegistrationRoute = RegistrationRoute
    CapacityStatus = CapacityStatus
    Status = PublicationStatus

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="interventions",
        verbose_name=_("aanbieder"),
    )
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(
        _("samenvatting"), max_length=300, help_text=_("Eén zin: wat het aanbod is en voor wie.")
    )
    # The structured sections of the fiche.
    goal = models.TextField(_("doel en aanbod"), blank=True)
    what_happens = models.TextField(_("wat gebeurt er"), blank=True)
    target_group_description = models.TextField(_("voor wie"), blank=True)
    how_to_register = models.TextField(_("hoe aanmelden"), blank=True)

    types = models.ManyToManyField(
        InterventionType, related_name="interventions", verbose_name=_("soort aanbod")
    )
    approach = models.CharField(
        _("aanpak"), max_length=20, choices=Approach.choices, blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="interventions", blank=True, verbose_name=_("doelgroepen")
    )
    education_levels = models.ManyToManyField(
        EducationLevel,
        related_name="interventions",
        blank=True,
        verbose_name=_("onderwijsniveaus"),
    )
    age_min = models.PositiveSmallIntegerField(_("leeftijd vanaf"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("leeftijd tot en met"), null=True, blank=True)
    themes = models.ManyToManyField(
        Theme, related_name="interventions", blank=True, verbose_name=_("thema's")
    )

    service_area = models.ManyToManyField(
        Municipality,
        related_name="interventions",
        blank=True,
        verbose_name=_("werkgebied"),
        help_text=_("De gemeenten waarvoor het aanbod openstaat."),
    )
    # Eligibility: a pupil qualifies when any of the ticked places lies in the area.
    eligible_by_domicile = models.BooleanField(_("woonplaats (domicilie)"), default=True)
    eligible_by_residence = models.BooleanField(_("verblijfplaats"), default=True)
    eligible_by_school = models.BooleanField(_("school"), default=True)
    eligible_by_clb = models.BooleanField(_("CLB"), default=True)

    duration = models.CharField(_("duur"), max_length=200, blank=True)
    cost = models.CharField(
        _("kostprijs"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: gratis.")
    )
    registration_route = models.CharField(
        _("aanmelden"),
        max_length=20,
        choices=RegistrationRoute.choices,
        default=RegistrationRoute.MELDPUNT,
    )
    consent_required = models.BooleanField(
        _("toestemming nodig"),
        default=True,
        help_text=_("Leerling en ouders moeten akkoord gaan."),
    )
    consent_notes = models.CharField(_("toelichting toestemming"), max_length=300, blank=True)
    absence_legitimised = models.BooleanField(
        _("afwezigheid op school gewettigd"), null=True, blank=True
    )
    certificate_issued = models.BooleanField(_("attest of getuigschrift"), null=True, blank=True)

    capacity_status = models.CharField(
        _("capaciteit"),
        max_length=20,
        choices=CapacityStatus.choices,
        default=CapacityStatus.UNKNOWN,
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        _("verwachte wachttijd (weken)"), null=True, blank=True
    )
    capacity_updated_at = models.DateTimeField(
        _("capaciteit bijgewerkt op"), null=True, blank=True
    )

    status = models.CharField(
        _("publicatie"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    last_verified = models.DateField(
        _("laatst nagekeken"),
        null=True,
        blank=True,
        help_text=_("Wanneer de aanbieder of het Meldpunt de fiche het laatst bevestigde."),
    )
    verification_sent_at = models.DateTimeField(
        _("vraag tot nakijken verstuurd op"), null=True, blank=True, editable=False
    )
    is_demo = models.BooleanField(
        _("demo-inhoud"),
        default=False,
        help_text=_("Voorbeeldgegevens die het Meldpunt nog moet nakijken."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    # Normalised copies (no case, no accents) for the portable free-text search.
    search_name = models.CharField(max_length=200, editable=False, default="")
    search_summary = models.CharField(max_length=300, editable=False, default="")
    search_body = models.TextField(editable=False, default="")
    # PostgreSQL's Dutch full-text vector of the three above (unused on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=[
            "search_name", "search_summary", "search_body", "search_vector", "updated_at"
        ],
        m2m_fields=[types, target_groups, education_levels, themes, service_area],
        verbose_name=_("historiek van de fiche"),
    )
    objects = InterventionQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "capacity_status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=models.F("age_max")),
                name="meldpunt_intervention_age_range",
            ),
            models.CheckConstraint(
                condition=Q(age_max__isnull=True) | Q(age_max__lte=30),
                name="meldpunt_intervention_age_max_30",
            ),
            models.CheckConstraint(
                condition=Q(waiting_weeks__isnull=True) | Q(waiting_weeks__lte=104),
                name="meldpunt_intervention_waiting_weeks_max",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meldpunt:intervention", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.search_name = normalise(self.name)
        self.search_summary = normalise(self.summary)
        self.search_body = normalise(
            " ".join(
                [self.goal, self.what_happens, self.target_group_description, self.how_to_register]
            )
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields, "search_name", "search_summary", "search_body"
            }
        super().save(*args, **kwargs)
        type(self).objects.filter(pk=self.pk).refresh_search_vectors()

    @property
    def is_stale(self):
        if self.last_verified is None:
            return True
        return self.last_verified < timezone.now().date() - STALE_AFTER

    def set_capacity(self, status, waiting_weeks=None):
        """Update capacity now; the date tells searchers how fresh it is."""
        self.capacity_status = status
        self.waiting_weeks = waiting_weeks
        self.capacity_updated_at = timezone.now()


def directory_version():
    """A string that changes whenever a fiche or a provider is added, changed or removed.

    Saving a fiche (the admin, an import, the provider's verification page, a
    capacity update) touches its ``updated_at``, also when only its lists changed.
    """
    fiches = Intervention.objects.aggregate(latest=models.Max("updated_at"), n=models.Count("pk"))
    providers = Organisation.objects.aggregate(
        latest=models.Max("updated_at"), n=models.Count("pk")
    )
    return f"{fiches['latest']}/{fiches['n']}/{providers['latest']}/{providers['n']}"


class LocationKind(models.TextChoices):
    ADDRESS = "address", _("op een adres")
    IN_SCHOOL = "in_school", _("in de school")
    MOBILE = "mobile", _("mobiel (aan huis of op verplaatsing)")


class Location(models.Model):
    """Where an intervention takes place."""

    Kind = LocationKind

    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("aanbod"),
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=Kind.choices, default=Kind.ADDRESS
    )
    name = models.CharField(_("naam van de plek"), max_length=200, blank=True)
    street_address = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("gemeente"),
    )

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["intervention", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=LocationKind.ADDRESS) | Q(municipality__isnull=False),
                name="meldpunt_location_address_needs_municipality",
            ),
        ]

    def __str__(self):
        if self.kind == LocationKind.ADDRESS:
            return ", ".join(
                part
                for part in [self.name, self.street_address, f"{self.postcode} {self.municipality}"]
                if part and part.strip()
            )
        return self.get_kind_display()


class ChangeRequestSource(models.TextChoices):
    PUBLIC = "public", _("melding van een bezoeker")
    PROVIDER = "provider", _("voorstel van de aanbieder")


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", _("te behandelen")
    ACCEPTED = "accepted", _("aanvaard")
    REJECTED = "rejected", _("afgewezen")


class ChangeRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ChangeRequestStatus.PENDING)


class ChangeRequest(models.Model):
    """A proposed correction of a fiche; staff review it, nothing is published automatically."""

    Source = ChangeRequestSource
    Status = ChangeRequestStatus

    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("aanbod"),
    )
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    message = models.TextField(_("toelichting"), max_length=4000, blank=True)
    proposed_changes = models.JSONField(
        _("voorgestelde wijzigingen"),
        default=dict,
        blank=True,
        help_text=_("Veld → nieuwe waarde, zoals de aanbieder het voorstelde."),
    )
    contact_email = models.EmailField(_("e-mailadres voor vragen"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("behandeld op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandeld door"),
    )

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijzigingsvoorstel")
        verbose_name_plural = _("wijzigingsvoorstellen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.intervention} ({self.get_source_display()})"


# The referral desk's models live in their own module; importing them here registers them.
from meldpunt.desk.models import *  # noqa: E402,F401,F403
