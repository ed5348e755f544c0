"""Models of this part of netwerk; imported into ``netwerk.models``.

A *resource* (hulpmiddel) is what the network offers under a theme: a tool, a
guide, a brochure, a video, an inspiring practice or a report, as a file or a
link. Its audiences and education levels are two small managed lists of the
network side (``netwerk`` does not depend on the directory's lists).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from netwerk.documents import document_storage, validate_document
from netwerk.models import ManagedTerm, Publishable, PublishableQuerySet, Theme

__all__ = ["Audience", "EducationStage", "Resource", "ResourceKind", "ResourceQuerySet"]


class ResourceKind(models.TextChoices):
    TOOL = "tool", _("instrument")
    GUIDE = "guide", _("leidraad")
    BROCHURE = "brochure", _("brochure")
    VIDEO = "video", _("video")
    PRACTICE = "practice", _("inspirerende praktijk")
    REPORT = "report", _("rapport")


class Audience(ManagedTerm):
    """Who a resource is for: schools, CLB, providers, parents, young people."""

    class Meta(ManagedTerm.Meta):
        verbose_name = _("doelpubliek")
        verbose_name_plural = _("doelpublieken")


class EducationStage(ManagedTerm):
    """The education level a resource is about (primary, secondary, special…)."""

    class Meta(ManagedTerm.Meta):
        verbose_name = _("onderwijsniveau")
        verbose_name_plural = _("onderwijsniveaus")


class ResourceQuerySet(PublishableQuerySet):
    def practices(self):
        return self.filter(kind=ResourceKind.PRACTICE)

    def for_cards(self):
        """What a resource card shows, in a fixed number of queries."""
        return self.prefetch_related("audiences", "stages")


class Resource(Publishable):
    """A tool, guide, brochure, video, inspiring practice or report under one or more themes."""

    Kind = ResourceKind

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Korte naam voor in webadressen: kleine letters, cijfers en streepjes."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.TOOL)
    summary = models.CharField(
        _("korte beschrijving"),
        max_length=400,
        help_text=_("Eén of twee zinnen: wat het is en waarvoor u het gebruikt."),
    )
    body = models.TextField(_("meer uitleg"), blank=True)
    how_to_start = models.TextField(
        _("hoe begint u eraan"),
        blank=True,
        help_text=_("Vooral voor inspirerende praktijken: de eerste stappen om ze over te nemen."),
    )
    contact = models.TextField(
        _("contact"),
        blank=True,
        help_text=_(
            "Bij wie u terecht kunt: een organisatie, een algemeen e-mailadres of een website. "
            "Geen namen of gegevens van personen."
        ),
    )
    file = models.FileField(
        _("bestand"),
        upload_to="hulpmiddelen/%Y/",
        storage=document_storage,
        validators=[validate_document],
        blank=True,
        max_length=255,
        help_text=_("PDF, Office of OpenDocument. De bezoeker downloadt het via de site."),
    )
    link = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Het webadres van het hulpmiddel, als het elders staat."),
    )
    published_on = models.DateField(
        _("publicatiedatum"),
        null=True,
        blank=True,
        help_text=_("Wanneer het hulpmiddel verscheen (leeg als dat niet bekend is)."),
    )
    themes = models.ManyToManyField(
        Theme, related_name="resources", verbose_name=_("thema's")
    )
    audiences = models.ManyToManyField(
        Audience, related_name="resources", blank=True, verbose_name=_("voor wie")
    )
    stages = models.ManyToManyField(
        EducationStage, related_name="resources", blank=True, verbose_name=_("onderwijsniveaus")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("hulpmiddel")
        verbose_name_plural = _("hulpmiddelen")
        ordering = [F("published_on").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""), name="netwerk_resource_file_or_link"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ResourceKind.values), name="netwerk_resource_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.file and not self.link:
            raise ValidationError(
                _("Voeg een bestand toe of vul een link in: een hulpmiddel heeft er minstens één."),
                code="file_or_link",
            )

    def get_absolute_url(self):
        return reverse("netwerk:resource", kwargs={"slug": self.slug})

    def get_file_url(self):
        return reverse("netwerk:resource_file", kwargs={"slug": self.slug}) if self.file else ""

    @property
    def is_practice(self):
        return self.kind == ResourceKind.PRACTICE
