"""The referral desk's data: one case (``Referral``), its dispatch attempts and its timeline.

Pupil data is minimal by design: a first name and the initial of the family name, the month
and year of birth, gender, domicile and schooling; never a full name, address or national
number. ``PUPIL_FIELDS`` and ``FREE_TEXT_FIELDS`` list what the retention purge
(``meldpunt.desk.retention``) removes N months after closure; what remains is enough for the
yearly figures.

Every change of a case goes through ``meldpunt.desk.flow``, which writes a ``ReferralEvent``
with who did it; the referrer's status page shows only the events marked public, and never
their notes.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.models import EducationLevel, Intervention, ManagedTerm
from netwerk.models import Municipality, Organisation

__all__ = [
    "ReferralReason", "DeclineReason", "ReferralKind", "ReferralStatus", "Urgency", "Gender",
    "EducationForm", "CarePhase", "ConsentBy", "ConsultKind", "ContactRole", "Outcome",
    "DispatchAnswer", "Referral", "ReferenceCounter", "Dispatch", "EventKind", "ReferralEvent",
    "ReferralView",
]

REFERENCE_PREFIX = "MSI"


def new_status_token():
    return secrets.token_urlsafe(24)


# --- managed lists -------------------------------------------------------------------------


class ReferralReason(ManagedTerm):
    """Why a pupil is referred (truancy and absence, behaviour, motivation, …)."""

    class Meta(ManagedTerm.Meta):
        verbose_name = _("reden van aanmelding")
        verbose_name_plural = _("redenen van aanmelding")


class DeclineReason(ManagedTerm):
    """Why a provider refused, or why a trajectory did not start (required for both)."""

    class Meta(ManagedTerm.Meta):
        verbose_name = _("reden van weigering of niet-opstart")
        verbose_name_plural = _("redenen van weigering of niet-opstart")


# --- choices -------------------------------------------------------------------------------


class ReferralKind(models.TextChoices):
    REFERRAL = "referral", _("aanmelding van een leerling")
    CONSULT = "consult", _("vraag naar casusoverleg")
    CONTACT = "contact", _("vraag van ouders of een voorziening")


class ReferralStatus(models.TextChoices):
    NEW = "new", _("nieuw")
    IN_REVIEW = "in_review", _("in behandeling")
    DISPATCHED = "dispatched", _("doorgestuurd")
    ACCEPTED = "accepted", _("aanvaard")
    WAITING_LIST = "waiting_list", _("op wachtlijst")
    REFUSED = "refused", _("geweigerd")
    STARTED = "started", _("gestart")
    NOT_STARTED = "not_started", _("niet gestart")
    CLOSED = "closed", _("afgesloten")


# The order of the flow, for the status page's progress list.
STATUS_FLOW = [
    ReferralStatus.NEW,
    ReferralStatus.IN_REVIEW,
    ReferralStatus.DISPATCHED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.STARTED,
    ReferralStatus.CLOSED,
]
OPEN_STATUSES = [s for s in ReferralStatus if s != ReferralStatus.CLOSED]


class Urgency(models.IntegerChoices):
    CAN_WAIT = 1, _("kan enkele weken wachten")
    NORMAL = 2, _("gewoon")
    URGENT = 3, _("dringend")


class Gender(models.TextChoices):
    GIRL = "f", _("meisje")
    BOY = "m", _("jongen")
    X = "x", _("x")
    UNKNOWN = "?", _("niet meegedeeld")


class EducationForm(models.TextChoices):
    """The pupil's education form or finality (Flemish secondary education since 2019)."""

    PRIMARY = "primary", _("lager onderwijs")
    A_STREAM = "a_stream", _("A-stroom")
    B_STREAM = "b_stream", _("B-stroom")
    TRANSITION = "transition", _("doorstroomfinaliteit")
    DOUBLE = "double", _("dubbele finaliteit")
    LABOUR_MARKET = "labour_market", _("arbeidsmarktfinaliteit")
    SPECIAL = "special", _("buitengewoon onderwijs (opleidingsvorm)")
    DUAL = "dual", _("duaal leren, DBSO of Syntra")
    OKAN = "okan", _("OKAN")
    OTHER = "other", _("andere of onbekend")


class CarePhase(models.TextChoices):
    """The phase of the zorgcontinuüm the school has reached."""

    BROAD_BASIC = "broad_basic", _("brede basiszorg")
    INCREASED = "increased", _("verhoogde zorg")
    EXTENDED = "extended", _("uitbreiding van zorg")
    INDIVIDUAL_CURRICULUM = "individual_curriculum", _("individueel aangepast curriculum")


class ConsentBy(models.TextChoices):
    PUPIL = "pupil", _("de leerling (12 jaar of ouder)")
    PARENTS = "parents", _("de ouders")
    PUPIL_AND_PARENTS = "pupil_and_parents", _("de leerling en de ouders")
    LEGAL_EXCEPTION = "legal_exception", _("wettelijke uitzondering: leerplichtproblematiek")


class ConsultKind(models.TextChoices):
    CASE_CONSULT = "case_consult", _("casusoverleg (alleen professionals)")
    ROUND_TABLE = "round_table", _("rondetafel (met jongere en gezin)")


class ContactRole(models.TextChoices):
    PARENT = "parent", _("ouder of opvoedingsverantwoordelijke")
    YOUTH_CARE = "youth_care", _("voorziening jeugdhulp")
    OTHER = "other", _("andere")


class Outcome(models.TextChoices):
    """Where the pupil stands when the case closes."""

    BACK_IN_SCHOOL = "back_in_school", _("terug op school")
    OTHER_SCHOOL = "other_school", _("in een andere school")
    WORK_OR_TRAINING = "work_or_training", _("aan het werk of in opleiding")
    OUT_OF_SCHOOL = "out_of_school", _("nog steeds niet op school")
    MOVED = "moved", _("verhuisd")
    UNKNOWN = "unknown", _("onbekend")


class DispatchAnswer(models.TextChoices):
    PENDING = "pending", _("wacht op antwoord")
    ACCEPTED = "accepted", _("aanvaard")
    WAITING_LIST = "waiting_list", _("op wachtlijst")
    REFUSED = "refused", _("geweigerd")
    WITHDRAWN = "withdrawn", _("ingetrokken door het Meldpunt")


# --- the case ------------------------------------------------------------------------------


class ReferralQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ReferralStatus.CLOSED)

    def worklist_order(self):
        """Most urgent first, then the oldest."""
        return self.order_by("-urgency", "created_at")

    def in_school_year(self, start_year):
        """Received in the school year that starts on 1 September ``start_year``."""
        start = timezone.make_aware(timezone.datetime(start_year, 9, 1))
        end = timezone.make_aware(timezone.datetime(start_year + 1, 9, 1))
        return self.filter(created_at__gte=start, created_at__lt=end)

    def not_purged(self):
        return self.filter(purged_at__isnull=True)


class Referral(models.Model):
    """One case at the desk: a referral of a pupil, a consult request or a contact request."""

    Kind = ReferralKind
    Status = ReferralStatus
    Urgency = Urgency

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("referentie"), max_length=20, unique=True, editable=False)
    kind = models.CharField(
        _("soort vraag"), max_length=20, choices=Kind.choices, default=Kind.REFERRAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    urgency = models.PositiveSmallIntegerField(
        _("dringendheid"), choices=Urgency.choices, default=Urgency.NORMAL
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dossierbeheerder"),
    )

    # The referrer (a professional; for a contact request, the parent or facility).
    referrer_name = models.CharField(_("naam aanmelder"), max_length=120)
    referrer_organisation = models.CharField(_("CLB of organisatie"), max_length=200)
    referrer_role = models.CharField(_("functie"), max_length=120, blank=True)
    referrer_email = models.EmailField(_("e-mailadres (werk)"))
    referrer_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    contact_role = models.CharField(
        _("wie neemt contact op"), max_length=20, choices=ContactRole.choices, blank=True
    )
    clb = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clb_referrals",
        verbose_name=_("CLB"),
        limit_choices_to={"kind": "clb"},
    )

    # The school.
    school_name = models.CharField(_("school"), max_length=200, blank=True)
    school_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente van de school"),
    )

    # The pupil: only what dispatch and the figures need.
    pupil_first_name = models.CharField(_("voornaam leerling"), max_length=60, blank=True)
    pupil_initial = models.CharField(
        _("eerste letter familienaam"), max_length=2, blank=True
    )
    pupil_birth_month = models.PositiveSmallIntegerField(
        _("geboortemaand"), null=True, blank=True
    )
    pupil_birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    pupil_gender = models.CharField(
        _("gender"), max_length=1, choices=Gender.choices, blank=True
    )
    pupil_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("woonplaats (domicilie)"),
    )
    education_level = models.ForeignKey(
        EducationLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("onderwijsniveau"),
    )
    education_form = models.CharField(
        _("onderwijsvorm"), max_length=20, choices=EducationForm.choices, blank=True
    )
    school_year = models.PositiveSmallIntegerField(_("leerjaar"), null=True, blank=True)
    disciplinary_procedure = models.BooleanField(
        _("tuchtprocedure loopt"), null=True, blank=True
    )
    in_care = models.BooleanField(_("opgenomen in de jeugdhulp of zorg"), null=True, blank=True)

    # The question.
    reasons = models.ManyToManyField(
        ReferralReason, blank=True, related_name="referrals", verbose_name=_("redenen")
    )
    background = models.TextField(_("achterliggende problemen"), max_length=2000, blank=True)
    care_phase = models.CharField(
        _("fase in het zorgcontinuüm"),
        max_length=30,
        choices=CarePhase.choices,
        blank=True,
    )
    care_given = models.TextField(_("zorg die de school al gaf"), max_length=2000, blank=True)
    preferred_interventions = models.ManyToManyField(
        Intervention,
        blank=True,
        related_name="+",
        verbose_name=_("gewenst aanbod"),
    )
    question = models.TextField(_("vraag"), max_length=2000, blank=True)
    consult_kind = models.CharField(
        _("soort overleg"), max_length=20, choices=ConsultKind.choices, blank=True
    )

    # Consent.
    consent_by = models.CharField(
        _("toestemming gegeven door"), max_length=20, choices=ConsentBy.choices, blank=True
    )
    consent_date = models.DateField(_("datum toestemming"), null=True, blank=True)

    # Follow-up.
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    not_started_reason = models.ForeignKey(
        DeclineReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reden niet gestart"),
    )
    advice_only = models.BooleanField(
        _("enkel advies"),
        default=False,
        help_text=_("Het Meldpunt beantwoordde de vraag zonder door te sturen."),
    )
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=Outcome.choices, blank=True
    )
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    # Privacy and plumbing.
    repeat_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The first case of the same pupil (None: this is the first). Counts distinct pupils in the
    # yearly figures, also after the purge has removed the repeat key: it links cases, not a
    # person.
    pupil_case = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("eerste aanmelding van deze leerling"),
    )
    status_token = models.CharField(
        max_length=64, unique=True, default=new_status_token, editable=False
    )
    # The form's one-time key: a double submit finds the case it already created.
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    purged_at = models.DateTimeField(_("leerlinggegevens gewist op"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo-inhoud"), default=False)
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ReferralQuerySet.as_manager()

    # What the retention purge blanks (see meldpunt.desk.retention).
    PUPIL_FIELDS = ["pupil_first_name", "pupil_initial", "pupil_birth_month", "repeat_key"]
    FREE_TEXT_FIELDS = ["background", "care_given", "question"]

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "urgency", "created_at"]),
            models.Index(fields=["kind", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pupil_birth_month__isnull=True)
                | Q(pupil_birth_month__gte=1, pupil_birth_month__lte=12),
                name="desk_referral_birth_month_range",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_closed(self):
        return self.status == ReferralStatus.CLOSED

    @property
    def pupil_label(self):
        """"Sam D." — how staff see the pupil; empty after the purge."""
        return " ".join(p for p in [self.pupil_first_name, f"{self.pupil_initial}." if self.pupil_initial else ""] if p)

    def age_on(self, day):
        """The pupil's age in whole years on ``day`` (None without a birth year)."""
        if not self.pupil_birth_year:
            return None
        age = day.year - self.pupil_birth_year
        # Without the month (purged), count the birthday as passed on 1 July.
        month = self.pupil_birth_month or 7
        if day.month < month:
            age -= 1
        return age


class ReferenceCounter(models.Model):
    """The last reference number handed out per year (MSI-2026-0042), one row per year."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("referentieteller")
        verbose_name_plural = _("referentietellers")


class DispatchQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(answer=DispatchAnswer.PENDING)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.pending().filter(due_on__lt=today)


class Dispatch(models.Model):
    """One attempt to place the case with a provider, and the provider's answer."""

    Answer = DispatchAnswer

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="dispatches", verbose_name=_("aanmelding")
    )
    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, related_name="dispatches", verbose_name=_("aanbod")
    )
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="dispatches",
        verbose_name=_("aanbieder"),
    )
    sent_at = models.DateTimeField(_("doorgestuurd op"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doorgestuurd door"),
    )
    due_on = models.DateField(_("antwoord verwacht tegen"))
    reminded_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    answer = models.CharField(
        _("antwoord"), max_length=20, choices=Answer.choices, default=Answer.PENDING
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    waiting_weeks = models.PositiveSmallIntegerField(
        _("verwachte wachttijd (weken)"), null=True, blank=True
    )
    decline_reason = models.ForeignKey(
        DeclineReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reden van weigering"),
    )
    answer_note = models.TextField(_("toelichting van de aanbieder"), max_length=2000, blank=True)

    objects = DispatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["sent_at", "pk"]
        indexes = [models.Index(fields=["answer", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(waiting_weeks__isnull=True) | Q(waiting_weeks__lte=104),
                name="desk_dispatch_waiting_weeks_max",
            ),
        ]

    def __str__(self):
        return f"{self.referral.reference} → {self.provider}"


class EventKind(models.TextChoices):
    RECEIVED = "received", _("ontvangen")
    STATUS = "status", _("status gewijzigd")
    DISPATCHED = "dispatched", _("doorgestuurd")
    ANSWERED = "answered", _("antwoord van de aanbieder")
    REMINDED = "reminded", _("herinnering verstuurd")
    NOTE = "note", _("notitie")
    CLOSED = "closed", _("afgesloten")
    PURGED = "purged", _("leerlinggegevens gewist")


class ReferralEvent(models.Model):
    """One line of a case's timeline.

    ``is_public`` events are shown to the referrer on the status page, by their ``public
    text`` only; ``note`` is for staff and never leaves the admin.
    """

    Kind = EventKind

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("aanmelding")
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    # Who acted when nobody was logged in: "aanbieder via link", "aanmelder", "systeem".
    actor_label = models.CharField(_("door (zonder account)"), max_length=120, blank=True)
    status = models.CharField(
        _("nieuwe status"), max_length=20, choices=ReferralStatus.choices, blank=True
    )
    dispatch = models.ForeignKey(
        Dispatch,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("doorverwijzing"),
    )
    public_text = models.CharField(_("tekst voor de aanmelder"), max_length=300, blank=True)
    is_public = models.BooleanField(_("zichtbaar voor de aanmelder"), default=False)
    note = models.TextField(_("interne notitie"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.at:%d/%m/%Y %H:%M})"

    @property
    def who(self):
        if self.actor_id:
            return self.actor.get_full_name() or self.actor.get_username()
        return self.actor_label


class ReferralView(models.Model):
    """Who opened which case when (the access log): ids only, never pupil data."""

    class Action(models.TextChoices):
        VIEW = "view", _("geopend")
        CHANGE = "change", _("gewijzigd")
        EXPORT = "export", _("geëxporteerd")

    # The log outlives a deleted case: the link goes, the reference stays.
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="views",
        verbose_name=_("aanmelding"),
    )
    reference = models.CharField(_("referentie"), max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    action = models.CharField(_("handeling"), max_length=10, choices=Action.choices)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    path = models.CharField(_("pagina"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.get_action_display()} {self.referral_id} {self.at:%d/%m/%Y %H:%M}"
