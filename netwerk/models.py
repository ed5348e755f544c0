from django.db import models
from django.db.models import Q
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
