"""Models of this part of netwerk; imported into ``netwerk.models``.

An ``Event`` is published like any other content (``Publishable``). The network's own
events take registrations; a capacity turns later registrations into a waiting list that
moves up when someone cancels (``netwerk.agenda.services``). After the event its materials
(slides, a report, a recording link) and a short report are shown in the archive.
"""

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.documents import Visibility, document_storage, validate_document
# netwerk.models imports this module at its end, when these are defined.
from netwerk.models import Publishable, PublishableQuerySet

__all__ = [
    "Event",
    "EventKind",
    "EventMaterial",
    "EventQuerySet",
    "EventQuestion",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationStatus",
]

BRUSSELS = ZoneInfo("Europe/Brussels")
# Path segments under /agenda/ that are pages, not events.
RESERVED_SLUGS = {"archief", "feed", "afmelden"}




class EventKind(models.TextChoices):
    PLATFORM = "platform", _("provinciaal platform")
    INSPIRATION_DAY = "inspiration_day", _("inspiratiedag")
    ACTION_DAY = "action_day", _("actiedag")
    WEBINAR = "webinar", _("webinar")
    INFO_MOMENT = "info_moment", _("infomoment")
    NETWORK_MOMENT = "network_moment", _("netwerkmoment")
    TRAINING = "training", _("vorming")
    EXTERNAL = "external", _("extern evenement")


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet (running ones included), soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        """Events that ended before ``now``, most recent first."""
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def for_listing(self):
        """What a list of events shows on each card, in a fixed number of queries."""
        return self.select_related("organiser", "region").prefetch_related("themes")

    def with_counts(self):
        """``confirmed_count`` and ``waiting_count`` per event (distinct: a filter on a
        many-to-many relation must not multiply the rows counted)."""
        return self.annotate(
            confirmed_count=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
                distinct=True,
            ),
            waiting_count=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.WAITING),
                distinct=True,
            ),
        )


class Event(Publishable):
    """One event of the network or of a partner, on the agenda from its publication."""

    Kind = EventKind

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("Korte naam voor in webadressen: kleine letters, cijfers en streepjes."),
    )
    summary = models.CharField(
        _("korte omschrijving"), max_length=300, blank=True,
        help_text=_("Eén of twee zinnen voor de agenda en de kalender."),
    )
    description = models.TextField(_("beschrijving"), blank=True)
    starts_at = models.DateTimeField(_("begint op"), db_index=True)
    ends_at = models.DateTimeField(
        _("eindigt op"),
        db_index=True,
        help_text=_("Bij een evenement van meer dagen: het einde op de laatste dag."),
    )
    all_day = models.BooleanField(
        _("hele dag"),
        default=False,
        help_text=_("Toon alleen de datum(s), zonder uur (in de agenda en de kalender)."),
    )
    recurrence_note = models.CharField(
        _("herhaling"),
        max_length=200,
        blank=True,
        help_text=_(
            "Voor een terugkerend evenement, bijvoorbeeld ‘drie keer per jaar’. "
            "Elke bijeenkomst zelf is een apart evenement met haar eigen datum."
        ),
    )
    venue = models.CharField(_("plaats"), max_length=200, blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    online_url = models.URLField(
        _("onlinelink"), blank=True, help_text=_("Voor een webinar of een online deelname.")
    )
    organiser = models.ForeignKey(
        "netwerk.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organisator"),
    )
    organiser_name = models.CharField(
        _("organisator (tekst)"),
        max_length=200,
        blank=True,
        help_text=_("Als de organisator geen organisatie in de lijst is."),
    )
    themes = models.ManyToManyField(
        "netwerk.Theme", related_name="events", blank=True, verbose_name=_("thema's")
    )
    audience = models.CharField(
        _("doelpubliek"), max_length=300, blank=True,
        help_text=_("Bijvoorbeeld: leerlingbegeleiders, CLB-medewerkers, aanbieders."),
    )
    region = models.ForeignKey(
        "netwerk.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("regio"),
    )
    is_own_event = models.BooleanField(
        _("eigen evenement van het netwerk"),
        default=False,
        help_text=_("Alleen voor eigen evenementen kan men zich via deze site inschrijven."),
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        help_text=_("Leeg: onbeperkt. Wie zich inschrijft als alles volzet is, komt op de wachtlijst."),
    )
    is_cancelled = models.BooleanField(
        _("geannuleerd"),
        default=False,
        help_text=_("Blijft zichtbaar als geannuleerd; kalenders die het volgen, krijgen dat door."),
    )
    report = models.TextField(_("kort verslag"), blank=True)
    sequence = models.PositiveIntegerField(
        _("versie"), default=0, editable=False,
        help_text=_("Verhoogt bij elke wijziging, zodat agenda's de wijziging overnemen."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("evenement")
        verbose_name_plural = _("evenementen")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="netwerk_event_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("netwerk:event", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("Deze slug is voorbehouden voor een pagina van de agenda.")}
            )
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("Het einde valt vóór het begin.")})

    def save(self, *args, **kwargs):
        # Every change is a new version for the calendars that subscribed (SEQUENCE).
        if not self._state.adding:
            self.sequence += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence", "updated_at"}
        super().save(*args, **kwargs)

    # --- dates -------------------------------------------------------------------------

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, BRUSSELS)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, BRUSSELS)

    @property
    def is_multi_day(self):
        return self.local_start.date() != self.local_end.date()

    def has_ended(self, now=None):
        return self.ends_at < (now or timezone.now())

    @staticmethod
    def day_bounds(day, last_day=None):
        """(start, end) datetimes of an all-day event from ``day`` to ``last_day``."""
        last_day = last_day or day
        start = datetime.combine(day, time.min, tzinfo=BRUSSELS)
        end = datetime.combine(last_day, time(23, 59), tzinfo=BRUSSELS)
        return start, end

    # --- place and organiser -------------------------------------------------------------

    @property
    def organiser_label(self):
        return self.organiser.name if self.organiser_id else self.organiser_name

    @property
    def location_label(self):
        parts = [part for part in (self.venue, self.address) if part]
        if not parts and self.online_url:
            return str(_("online"))
        return ", ".join(parts)

    # --- registration ----------------------------------------------------------------------

    def takes_registrations(self, now=None):
        """Whether the registration form is open: an own, published, not cancelled event
        that has not started yet."""
        return (
            self.is_own_event
            and self.is_published
            and not self.is_cancelled
            and self.starts_at > (now or timezone.now())
        )

    def confirmed_registrations(self):
        return self.registrations.filter(status=RegistrationStatus.CONFIRMED)

    def places_left(self, confirmed=None):
        """Free places, or None without a capacity."""
        if self.capacity is None:
            return None
        if confirmed is None:
            confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.confirmed_registrations().count()
        return max(self.capacity - confirmed, 0)

    def is_full(self, confirmed=None):
        return self.places_left(confirmed) == 0


class QuestionKind(models.TextChoices):
    TEXT = "text", _("vrije tekst")
    CHOICE = "choice", _("keuze uit een lijst")


class EventQuestion(models.Model):
    """An extra question on an event's registration form (a workshop, dietary needs…)."""

    Kind = QuestionKind

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("evenement")
    )
    label = models.CharField(_("vraag"), max_length=200)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        _("keuzes"), blank=True, help_text=_("Bij een keuzelijst: één keuze per regel.")
    )
    required = models.BooleanField(_("verplicht"), default=False)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("inschrijvingsvraag")
        verbose_name_plural = _("inschrijvingsvragen")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.kind == QuestionKind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Geef minstens twee keuzes, één per regel.")})


class MaterialKind(models.TextChoices):
    SLIDES = "slides", _("presentatie")
    REPORT = "report", _("verslag")
    RECORDING = "recording", _("opname")
    OTHER = "other", _("ander materiaal")


def material_upload_to(material, filename):
    return f"agenda/{material.event.uuid}/{filename}"


class EventMaterial(models.Model):
    """What an event produced: a file (served through a view) or a link (a recording)."""

    Kind = MaterialKind

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("evenement")
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(
        _("bestand"),
        upload_to=material_upload_to,
        storage=document_storage,
        validators=[validate_document],
        blank=True,
        max_length=300,
        help_text=_("PDF, Office of OpenDocument. Of vul hieronder een link in."),
    )
    url = models.URLField(_("link"), blank=True, help_text=_("Bijvoorbeeld een opname."))
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("materiaal")
        verbose_name_plural = _("materiaal")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="netwerk_eventmaterial_file_or_url"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.file and not self.url:
            raise ValidationError(_("Voeg een bestand toe of vul een link in."))
        if self.file and self.url:
            raise ValidationError(_("Kies een bestand óf een link, niet allebei."))

    def get_absolute_url(self):
        if self.url and not self.file:
            return self.url
        return reverse(
            "netwerk:event_material", kwargs={"slug": self.event.slug, "pk": self.pk}
        )


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("ingeschreven")
    WAITING = "waiting", _("op de wachtlijst")
    CANCELLED = "cancelled", _("afgemeld")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def waiting_list(self):
        """Who is waiting, first come first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def purgeable(self, cutoff):
        """Not yet purged, of events that ended before ``cutoff``."""
        return self.filter(purged_at__isnull=True, event__ends_at__lt=cutoff)


class Registration(models.Model):
    """One person's registration for an event; personal data is purged after the event."""

    Status = RegistrationStatus

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("evenement")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED,
        db_index=True,
    )
    name = models.CharField(_("naam"), max_length=150)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    role = models.CharField(_("functie"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    answers = models.JSONField(
        _("antwoorden"), default=dict, blank=True,
        help_text=_("Antwoorden op de vragen van het evenement (vraag → antwoord)."),
    )
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    created_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    promoted_at = models.DateTimeField(_("van de wachtlijst gehaald op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)
    purged_at = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            # One active registration per address and event; a cancelled one may register again.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="netwerk_registration_one_active_per_email",
            ),
        ]

    def __str__(self):
        return self.name or str(_("(gegevens gewist)"))

    @property
    def answer_list(self):
        return list((self.answers or {}).items())


def purge_cutoff(today, months):
    """The first moment of the day ``months`` calendar months before ``today``
    (31 March minus one month is 28 or 29 February)."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    day = min(today.day, last_day)
    return datetime(year, month, day, tzinfo=BRUSSELS)
