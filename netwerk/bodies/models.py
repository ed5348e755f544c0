"""Models of this part of netwerk; imported into ``netwerk.models``.

- ``Body``: a steering group, working group, platform, local network… of the network,
  with its member organisations (``BodyMembership``) and its place in the structure
  (``parent``). Public once published.
- ``Meeting`` of a body, with minutes and ``MeetingDocument``s; every file has a
  visibility (public or members only) and is served only through a view that checks it.
- ``Signal``: something a body noticed and passes on to the Flemish level. Staff only.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.documents import Visibility, document_storage, validate_document
from netwerk.models import (
    Municipality,
    Organisation,
    Publishable,
    PublishableQuerySet,
    Region,
    Theme,
)

__all__ = [
    "Body",
    "BodyKind",
    "BodyLevel",
    "BodyMembership",
    "Meeting",
    "MeetingDocument",
    "Signal",
]


class BodyKind(models.TextChoices):
    STEERING_GROUP = "steering_group", _("stuurgroep")
    WORKING_GROUP = "working_group", _("werkgroep")
    PLATFORM = "platform", _("platform")
    LOCAL_NETWORK = "local_network", _("lokaal netwerk")
    THEME_GROUP = "theme_group", _("themagroep")
    FLEMISH_CONSULTATION = "flemish_consultation", _("Vlaams overleg")


class BodyLevel(models.TextChoices):
    # In the order /netwerk/ shows them.
    PROVINCIAL = "provincial", _("provinciaal")
    REGIONAL = "regional", _("regionaal")
    LOCAL = "local", _("lokaal")
    FLEMISH = "flemish", _("Vlaams")


class BodyQuerySet(PublishableQuerySet):
    def local_networks(self):
        return self.filter(kind=BodyKind.LOCAL_NETWORK)


class Body(Publishable):
    """A group of the network that meets: who is in it, what for, and how often."""

    Kind = BodyKind
    Level = BodyLevel

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Korte naam voor in webadressen: kleine letters, cijfers en streepjes."),
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("regio"),
        help_text=_("Waar het orgaan werkt. Een lokaal netwerk verschijnt zo op de kaart."),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="bodies",
        blank=True,
        verbose_name=_("gemeenten"),
        help_text=_("Gemeenten bovenop de regio, of in plaats ervan."),
    )
    purpose = models.TextField(_("opdracht"), blank=True)
    meeting_frequency = models.CharField(
        _("hoe vaak het samenkomt"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: drie keer per jaar."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("hoort bij"),
    )
    themes = models.ManyToManyField(
        Theme, related_name="bodies", blank=True, verbose_name=_("thema's")
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="BodyMembership",
        related_name="bodies",
        blank=True,
        verbose_name=_("leden"),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen en netwerken")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=BodyKind.values), name="netwerk_body_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(level__in=BodyLevel.values), name="netwerk_body_level_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("netwerk:body", kwargs={"slug": self.slug})

    def clean(self):
        # A loop (A under B under A) would make the structure unreadable.
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": _(
                            "Een orgaan kan niet onder zichzelf of een eigen onderdeel vallen."
                        )
                    }
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("voorzitter")
    PEN_HOLDER = "pen_holder", _("trekker")
    MEMBER = "member", _("lid")


class BodyMembership(models.Model):
    """An organisation in a body, with its role. Organisations only, never people."""

    Role = MembershipRole

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("orgaan")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="body_memberships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("leden")
        ordering = ["body", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organisation"], name="netwerk_bodymembership_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values),
                name="netwerk_bodymembership_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()}, {self.body})"


def document_upload_to(instance, filename):
    # Files are served by the view under their title; the stored name only has to be unique.
    meeting = instance if isinstance(instance, Meeting) else instance.meeting
    return f"vergaderingen/{meeting.date:%Y}/{filename}"


def document_field(verbose_name, **kwargs):
    return models.FileField(
        verbose_name,
        storage=document_storage,
        upload_to=document_upload_to,
        validators=[validate_document],
        max_length=255,
        help_text=_("PDF, Office of OpenDocument."),
        **kwargs,
    )


def visibility_field():
    return models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        help_text=_("Enkel voor leden: alleen wie aangemeld is als medewerker ziet het."),
    )


def visibility_constraint(field, name):
    return models.CheckConstraint(condition=Q(**{f"{field}__in": Visibility.values}), name=name)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, today=None):
        return self.filter(date__gte=today or timezone.localdate()).order_by("date", "start_time")

    def past(self, today=None):
        return self.filter(date__lt=today or timezone.localdate()).order_by("-date", "-start_time")


class Meeting(models.Model):
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("orgaan")
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("beginuur"), null=True, blank=True)
    place = models.CharField(
        _("plaats"), max_length=200, blank=True, help_text=_("Adres, of 'online'.")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("verslag"), blank=True)
    minutes_file = document_field(_("verslag als bestand"), blank=True)
    minutes_visibility = visibility_field()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-date", "-start_time"]
        constraints = [
            visibility_constraint("minutes_visibility", "netwerk_meeting_minutes_visibility_valid")
        ]

    def __str__(self):
        return f"{self.body} – {self.date:%d/%m/%Y}"

    @property
    def has_minutes(self):
        return bool(self.minutes or self.minutes_file)

    def get_minutes_url(self):
        return reverse("netwerk:meeting_minutes", kwargs={"meeting": self.pk})


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("vergadering")
    )
    title = models.CharField(_("titel"), max_length=200)
    file = document_field(_("bestand"))
    visibility = visibility_field()
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["position", "title"]
        constraints = [
            visibility_constraint("visibility", "netwerk_meetingdocument_visibility_valid")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "netwerk:meeting_document", kwargs={"meeting": self.meeting_id, "document": self.pk}
        )


class SignalStatus(models.TextChoices):
    COLLECTED = "collected", _("verzameld")
    PASSED_ON = "passed_on", _("doorgegeven")
    ANSWERED = "answered", _("beantwoord")


class Signal(models.Model):
    """A signal to Flemish policy: noticed by a body, passed on, perhaps answered.

    Staff only (the Coördinator): signals can name schools or situations that are not
    for the public, so there is no public page.
    """

    Status = SignalStatus

    title = models.CharField(_("signaal"), max_length=200, help_text=_("Kort: wat viel op?"))
    description = models.TextField(_("wat werd opgemerkt"), blank=True)
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("door welk orgaan"),
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("thema"),
    )
    noticed_on = models.DateField(_("datum"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.COLLECTED
    )
    passed_on_on = models.DateField(_("doorgegeven op"), null=True, blank=True)
    answer = models.TextField(_("antwoord"), blank=True)
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-noticed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SignalStatus.values), name="netwerk_signal_status_valid"
            ),
            # An answered signal says what the answer was and when it came.
            models.CheckConstraint(
                condition=~Q(status=SignalStatus.ANSWERED)
                | (~Q(answer="") & Q(answered_on__isnull=False)),
                name="netwerk_signal_answered_has_answer",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.status == SignalStatus.ANSWERED:
            errors = {}
            if not self.answer:
                errors["answer"] = _("Vul het antwoord in van een beantwoord signaal.")
            if not self.answered_on:
                errors["answered_on"] = _("Vul in wanneer het antwoord kwam.")
            if errors:
                raise ValidationError(errors)
