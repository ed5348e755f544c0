"""Forms of the desk's back office: the case's data form and one small form per flow action.

The data form never holds a status or follow-up field: those change only through the
action forms, each of which calls one function of ``meldpunt.desk.flow``. An action form
knows when it applies (``available``), checks its own input (a refusal or "not started"
needs a reason, a waiting list its weeks) and returns what to tell the user
(``perform``); the flow's own ``ValidationError`` reaches the user as an admin message.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meldpunt.desk import flow
from meldpunt.desk.models import (
    DeclineReason,
    DispatchAnswer,
    Outcome,
    Referral,
    ReferralKind,
    ReferralStatus,
)
from meldpunt.models import Intervention, PublicationStatus

NOTE_MAX = 2000


# --- the case's data -------------------------------------------------------------------------


class ReferralAdminForm(forms.ModelForm):
    """What staff may correct or complete by hand: contact, school, pupil, question, consent."""

    class Meta:
        model = Referral
        # The fields come from the admin's fieldsets; status and follow-up are read-only there.
        fields = "__all__"
        widgets = {"reasons": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        preferred = self.fields.get("preferred_interventions")
        if preferred is not None:
            # Published fiches, plus what the case already points to (even if unpublished since).
            condition = Q(status=PublicationStatus.PUBLISHED)
            if self.instance.pk:
                condition |= Q(pk__in=self.instance.preferred_interventions.values("pk"))
            preferred.queryset = Intervention.objects.filter(condition).order_by("name")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind", self.instance.kind)
        if kind == ReferralKind.REFERRAL and "consent_by" in self.fields:
            if not cleaned.get("consent_by"):
                self.add_error("consent_by", gettext("Wie gaf toestemming voor de aanmelding?"))
            if not cleaned.get("consent_date") and "consent_date" in self.fields:
                self.add_error("consent_date", gettext("Op welke datum werd toestemming gegeven?"))
        return cleaned


# --- actions on the case ---------------------------------------------------------------------


def note_field(label=_("interne notitie"), required=False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("Alleen voor het Meldpunt; de aanmelder en de aanbieder zien dit nooit."),
    )


def dispatch_label(dispatch):
    return gettext("%(provider)s – %(intervention)s (doorgestuurd op %(date)s)") % {
        "provider": dispatch.provider.name,
        "intervention": dispatch.intervention.name,
        "date": date_format(timezone.localtime(dispatch.sent_at), "SHORT_DATE_FORMAT"),
    }


class DeskActionForm(forms.Form):
    """One move on a case. ``dispatches``: the case's dispatches, already fetched."""

    slug = ""
    title = ""
    submit_label = ""
    # Shown open on the case page (no fields to fill, or the usual next move).
    folded = True

    def __init__(self, referral, *args, dispatches=None, user=None, **kwargs):
        kwargs.setdefault("prefix", self.slug)
        super().__init__(*args, **kwargs)
        self.referral = referral
        self.dispatches = list(referral.dispatches.all()) if dispatches is None else dispatches
        self.user = user
        for field in self.fields.values():
            field.label = capfirst(field.label)

    @classmethod
    def available(cls, referral, dispatches, user):
        return not referral.is_closed

    def perform(self, actor):
        """Carry out the action through the flow; a list of (message level, text)."""
        raise NotImplementedError

    # helpers

    def pending_dispatches(self):
        return [d for d in self.dispatches if d.answer == DispatchAnswer.PENDING]

    def dispatch_choice_field(self):
        pending = self.pending_dispatches()
        return forms.TypedChoiceField(
            label=_("Doorverwijzing"),
            coerce=int,
            choices=[("", "---------")] + [(d.pk, dispatch_label(d)) for d in pending],
            # Mostly one provider is asked at a time.
            initial=pending[0].pk if len(pending) == 1 else None,
        )

    def chosen_dispatch(self):
        pk = self.cleaned_data["dispatch"]
        return next(d for d in self.dispatches if d.pk == pk)


class AssignForm(DeskActionForm):
    slug = "mij-toewijzen"
    title = _("Aan mij toewijzen")
    submit_label = _("Wijs aan mij toe")
    folded = False

    @classmethod
    def available(cls, referral, dispatches, user):
        return not referral.is_closed and referral.assigned_to_id != getattr(user, "pk", None)

    def perform(self, actor):
        flow.assign(self.referral, actor, actor)
        return [(messages.SUCCESS, gettext("Het dossier is aan jou toegewezen."))]


class TakeInReviewForm(DeskActionForm):
    slug = "in-behandeling"
    title = _("In behandeling nemen")
    submit_label = _("Neem in behandeling")
    folded = False

    note = note_field()

    @classmethod
    def available(cls, referral, dispatches, user):
        return referral.status == ReferralStatus.NEW

    def perform(self, actor):
        flow.take_in_review(self.referral, actor, note=self.cleaned_data["note"])
        return [(messages.SUCCESS, gettext("De aanmelding is in behandeling."))]


class DispatchForm(DeskActionForm):
    slug = "doorsturen"
    title = _("Doorsturen naar een aanbod")
    submit_label = _("Stuur door")

    intervention = forms.TypedChoiceField(
        label=_("aanbod"),
        coerce=int,
        help_text=_(
            "Gepubliceerde fiches. De aanbieder krijgt een e-mail met de referentie, het CLB "
            "als contact en de context zonder naam van de leerling, en een link om te antwoorden."
        ),
    )
    note = note_field()

    @classmethod
    def available(cls, referral, dispatches, user):
        return not referral.is_closed and referral.kind == ReferralKind.REFERRAL

    def __init__(self, referral, *args, preferred=None, **kwargs):
        super().__init__(referral, *args, **kwargs)
        if preferred is None:
            preferred = list(referral.preferred_interventions.all())
        preferred_ids = {intervention.pk for intervention in preferred}
        published = Intervention.objects.published().select_related("provider").order_by(
            "name", "pk"
        )

        def label(intervention):
            return gettext("%(name)s – %(provider)s (%(capacity)s)") % {
                "name": intervention.name,
                "provider": intervention.provider.name,
                "capacity": intervention.get_capacity_status_display(),
            }

        suggested, others = [], []
        for intervention in published:
            (suggested if intervention.pk in preferred_ids else others).append(
                (intervention.pk, label(intervention))
            )
        choices = [("", "---------")]
        if suggested:
            choices += [
                (gettext("Gewenst door de aanmelder"), suggested),
                (gettext("Ander gepubliceerd aanbod"), others),
            ]
        else:
            choices += others
        self.fields["intervention"].choices = choices

    def clean_intervention(self):
        intervention = (
            Intervention.objects.published()
            .select_related("provider")
            .filter(pk=self.cleaned_data["intervention"])
            .first()
        )
        if intervention is None:
            raise ValidationError(gettext("Kies een gepubliceerd aanbod."), code="unpublished")
        return intervention

    def perform(self, actor):
        intervention = self.cleaned_data["intervention"]
        sent = flow.dispatch(self.referral, intervention, actor, note=self.cleaned_data["note"])
        result = [(
            messages.SUCCESS,
            gettext("Doorgestuurd naar %(provider)s (%(intervention)s).")
            % {"provider": sent.provider.name, "intervention": intervention.name},
        )]
        if not sent.provider.email:
            result.append((
                messages.WARNING,
                gettext(
                    "%(provider)s heeft geen e-mailadres: er ging geen mail weg. Neem zelf "
                    "contact op en vul daarna hun antwoord in."
                ) % {"provider": sent.provider.name},
            ))
        return result


class AnswerForm(DeskActionForm):
    slug = "antwoord"
    title = _("Antwoord van een aanbieder invullen (bv. na een telefoon)")
    submit_label = _("Bewaar het antwoord")

    answer = forms.ChoiceField(
        label=_("antwoord"),
        widget=forms.RadioSelect,
        choices=[
            (DispatchAnswer.ACCEPTED, DispatchAnswer.ACCEPTED.label),
            (DispatchAnswer.WAITING_LIST, DispatchAnswer.WAITING_LIST.label),
            (DispatchAnswer.REFUSED, DispatchAnswer.REFUSED.label),
        ],
    )
    waiting_weeks = forms.IntegerField(
        label=_("verwachte wachttijd (weken)"),
        required=False,
        min_value=0,
        max_value=104,
        help_text=_("Verplicht bij een wachtlijst."),
    )
    decline_reason = forms.ModelChoiceField(
        label=_("reden van weigering"),
        queryset=DeclineReason.objects.all(),
        required=False,
        help_text=_("Verplicht bij een weigering."),
    )
    note = forms.CharField(
        label=_("toelichting van de aanbieder"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )

    field_order = ["dispatch", "answer", "waiting_weeks", "decline_reason", "note"]

    @classmethod
    def available(cls, referral, dispatches, user):
        return any(d.answer == DispatchAnswer.PENDING for d in dispatches)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dispatch"] = self.dispatch_choice_field()
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        answer = cleaned.get("answer")
        if answer == DispatchAnswer.WAITING_LIST and cleaned.get("waiting_weeks") is None:
            self.add_error("waiting_weeks", gettext("Geef de verwachte wachttijd in weken."))
        if answer == DispatchAnswer.REFUSED and cleaned.get("decline_reason") is None:
            self.add_error("decline_reason", gettext("Geef een reden voor de weigering."))
        return cleaned

    def perform(self, actor):
        dispatch = self.chosen_dispatch()
        data = self.cleaned_data
        flow.record_answer(
            dispatch,
            data["answer"],
            waiting_weeks=data["waiting_weeks"],
            decline_reason=data["decline_reason"],
            note=data["note"],
            actor=actor,
        )
        return [(
            messages.SUCCESS,
            gettext("Antwoord van %(provider)s bewaard: %(answer)s.")
            % {"provider": dispatch.provider.name,
               "answer": DispatchAnswer(data["answer"]).label},
        )]


class WithdrawForm(DeskActionForm):
    slug = "intrekken"
    title = _("Doorverwijzing intrekken")
    submit_label = _("Trek in")

    note = note_field()

    @classmethod
    def available(cls, referral, dispatches, user):
        return any(d.answer == DispatchAnswer.PENDING for d in dispatches)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dispatch"] = self.dispatch_choice_field()
        self.order_fields(["dispatch", "note"])

    def perform(self, actor):
        dispatch = self.chosen_dispatch()
        flow.withdraw(dispatch, actor, note=self.cleaned_data["note"])
        return [(
            messages.SUCCESS,
            gettext("De doorverwijzing naar %(provider)s is ingetrokken.")
            % {"provider": dispatch.provider.name},
        )]


class StartForm(DeskActionForm):
    slug = "opstart"
    title = _("Gestart of niet gestart")
    submit_label = _("Bewaar")

    STARTED, NOT_STARTED = "gestart", "niet-gestart"

    started = forms.ChoiceField(
        label=_("is het traject gestart?"),
        widget=forms.RadioSelect,
        choices=[(STARTED, _("gestart")), (NOT_STARTED, _("niet gestart"))],
    )
    on_date = forms.DateField(
        label=_("gestart op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leeg: vandaag."),
    )
    reason = forms.ModelChoiceField(
        label=_("reden niet gestart"),
        queryset=DeclineReason.objects.all(),
        required=False,
        help_text=_("Verplicht als het traject niet startte."),
    )
    note = note_field()

    @classmethod
    def available(cls, referral, dispatches, user):
        return (
            not referral.is_closed
            and referral.kind == ReferralKind.REFERRAL
            and bool(dispatches)
        )

    def clean(self):
        cleaned = super().clean()
        started = cleaned.get("started")
        on_date = cleaned.get("on_date")
        if started == self.NOT_STARTED and cleaned.get("reason") is None:
            self.add_error("reason", gettext("Geef een reden waarom het traject niet startte."))
        if started == self.STARTED and on_date and on_date > timezone.localdate():
            self.add_error("on_date", gettext("Een startdatum kan niet in de toekomst liggen."))
        return cleaned

    def perform(self, actor):
        data = self.cleaned_data
        started = data["started"] == self.STARTED
        flow.record_start(
            self.referral,
            started,
            actor,
            on_date=data["on_date"] if started else None,
            reason=None if started else data["reason"],
            note=data["note"],
        )
        text = gettext("Het traject is gestart.") if started else gettext(
            "Het traject is niet gestart."
        )
        return [(messages.SUCCESS, text)]


class CloseForm(DeskActionForm):
    slug = "afsluiten"
    title = _("Dossier afsluiten")
    submit_label = _("Sluit af")

    outcome = forms.ChoiceField(
        label=_("uitkomst"),
        choices=[("", "---------")] + Outcome.choices,
        help_text=_("Waar staat de leerling nu? Kies 'onbekend' als je het niet weet."),
    )
    advice_only = forms.BooleanField(
        label=_("enkel advies: het Meldpunt beantwoordde de vraag zonder door te sturen"),
        required=False,
    )
    note = note_field()

    def perform(self, actor):
        data = self.cleaned_data
        flow.close(
            self.referral, data["outcome"], actor, advice_only=data["advice_only"],
            note=data["note"],
        )
        return [(messages.SUCCESS, gettext("Het dossier is afgesloten."))]


class NoteForm(DeskActionForm):
    slug = "notitie"
    title = _("Interne notitie toevoegen")
    submit_label = _("Voeg de notitie toe")

    text = note_field(label=_("notitie"), required=True)

    @classmethod
    def available(cls, referral, dispatches, user):
        return True

    def perform(self, actor):
        flow.add_note(self.referral, self.cleaned_data["text"], actor)
        return [(messages.SUCCESS, gettext("De notitie is toegevoegd."))]


ACTION_FORMS = [
    AssignForm,
    TakeInReviewForm,
    DispatchForm,
    AnswerForm,
    WithdrawForm,
    StartForm,
    CloseForm,
    NoteForm,
]
ACTIONS = {form.slug: form for form in ACTION_FORMS}
