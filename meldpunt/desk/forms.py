"""The desk's public forms: a referral of a pupil, a consult request, a contact request.

What a form may ask of the pupil is only what dispatch and the yearly figures need (see
``meldpunt.desk.models``). Every form carries a honeypot (``HoneypotForm``) and a one-time
``submission_key`` issued when it renders, so a double submit finds the case it created
(``flow.register``). Messages are Dutch and say how to fix the input; every free text has a
maximum length, so oversize input is refused with a message instead of stored.
"""

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, When
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from meldpunt.desk.models import (
    CarePhase,
    ConsentBy,
    ConsultKind,
    ContactRole,
    EducationForm,
    Gender,
    Referral,
    ReferralReason,
    Urgency,
)
from meldpunt.models import EducationLevel, Intervention
from meldpunt.public_forms import HoneypotForm, _normalise_text
from netwerk.geography import normalise, resolve_place
from netwerk.models import Organisation, OrganisationKind

# A pupil younger or older than this is most probably a typing error in the birth year.
PUPIL_AGE_MIN, PUPIL_AGE_MAX = 5, 25
# From 12 a minor is presumed capable of consenting alone (Flemish CLB practice).
CAPABLE_AGE = 12
# Compulsory schooling (leerplicht) ends at 18: from then on the young adult decides alone.
ADULT_AGE = 18
# Consent older than this is asked again before referring.
CONSENT_MAX_DAYS = 365
# Slug of the education level for a pupil who is not enrolled anywhere (seeded list).
NO_SCHOOL_LEVEL = "geen-school"

PLACE_MAX = 100

_SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def new_submission_key():
    return secrets.token_urlsafe(24)


def is_submission_key(value):
    return bool(_SUBMISSION_KEY.match(value or ""))


# Django fills in the limit and the length that was typed.
TOO_LONG = _("Gebruik hoogstens %(limit_value)s tekens (u typte er %(show_value)s).")


class PlaceField(forms.CharField):
    """A postcode or place name in Vlaams-Brabant, resolved to a ``geography.Place``.

    Empty gives None; what cannot be resolved gets ``resolve_place``'s Dutch message
    ("Postcode 1000 ligt niet in Vlaams-Brabant.", "Bedoelde u …?").
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", PLACE_MAX)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)
        self.error_messages["max_length"] = TOO_LONG

    def clean(self, value):
        text = " ".join(super().clean(value).split())
        if not text:
            return None
        return resolve_place(text)


class YesNoField(forms.TypedChoiceField):
    """Yes, no or "I do not know" (None), as radio buttons."""

    CHOICES = [("ja", _("ja")), ("nee", _("nee")), ("onbekend", _("weet ik niet"))]
    VALUES = {"ja": True, "nee": False, "onbekend": None}

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages", {"required": _("Kies ja, nee of „weet ik niet”.")}
        )
        super().__init__(
            choices=self.CHOICES,
            coerce=self.VALUES.get,
            empty_value=None,
            widget=forms.RadioSelect,
            **kwargs,
        )


class InterventionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, intervention):
        return f"{intervention.name} ({intervention.provider.name})"


def published_offers():
    return Intervention.objects.published().select_related("provider").order_by("name")


def clb_names():
    """The CLBs the site knows, for the suggestions under "Uw CLB"."""
    return list(
        Organisation.objects.filter(kind=OrganisationKind.CLB)
        .order_by("name")
        .values_list("name", flat=True)
    )


class DeskForm(HoneypotForm, forms.ModelForm):
    """What the three public forms share: the referrer, the one-time key, the honeypot."""

    submission_key = forms.CharField(
        widget=forms.HiddenInput(attrs={"autocomplete": "off"}), required=False
    )

    # Overridden per form: the label of "referrer_organisation".
    ORGANISATION_LABEL = _("Uw CLB of organisatie")

    class Meta:
        model = Referral
        fields = [
            "referrer_name",
            "referrer_organisation",
            "referrer_role",
            "referrer_email",
            "referrer_phone",
        ]
        labels = {
            "referrer_name": _("Uw naam"),
            "referrer_role": _("Uw functie (niet verplicht)"),
            "referrer_email": _("Uw e-mailadres op het werk"),
            "referrer_phone": _("Uw telefoonnummer (niet verplicht)"),
        }
        help_texts = {
            "referrer_email": _(
                "Hierop krijgt u de bevestiging met de referentie en de link om de aanmelding "
                "op te volgen."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "referrer_organisation" in self.fields:
            self.fields["referrer_organisation"].label = self.ORGANISATION_LABEL
        messages = {
            "referrer_name": _("Vul uw naam in."),
            "referrer_organisation": _("Vul de naam van uw CLB of organisatie in."),
            "referrer_email": _("Vul uw e-mailadres in, zodat we u kunnen antwoorden."),
        }
        for name, field in self.fields.items():
            if name in messages:
                field.error_messages["required"] = messages[name]
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = TOO_LONG
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs["maxlength"] = field.max_length
        if "referrer_email" in self.fields:
            self.fields["referrer_email"].error_messages["invalid"] = _(
                "Vul een geldig e-mailadres in, bijvoorbeeld naam@clb.be."
            )
            self.fields["referrer_email"].widget.attrs["autocomplete"] = "email"
        if "referrer_name" in self.fields:
            self.fields["referrer_name"].widget.attrs["autocomplete"] = "name"
        if "referrer_phone" in self.fields:
            self.fields["referrer_phone"].widget.attrs.update(
                {"autocomplete": "tel", "inputmode": "tel"}
            )

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str) and name != "submission_key":
                cleaned[name] = _normalise_text(value)
        if cleaned.get("referrer_email"):
            cleaned["referrer_email"] = cleaned["referrer_email"].lower()
        return cleaned

    def error_summary(self):
        """(anchor, label, message) of every error, for the list above the form."""
        summary = [("", "", message) for message in self.non_field_errors()]
        for field in self.visible_fields():
            widget = field.field.widget
            # Radio buttons and checkbox lists have no element with the field's own id.
            anchor = field.auto_id
            if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                anchor = f"{anchor}_0"
            summary += [(anchor, field.label, message) for message in field.errors]
        return summary

    def has_valid_key(self):
        return is_submission_key(self.data.get("submission_key"))

    def save(self, commit=False):
        """The unsaved case; ``flow.register`` saves it (never ``commit=True`` here)."""
        if commit:
            raise ValueError("Register the case with meldpunt.desk.flow.register().")
        referral = super().save(commit=False)
        clb_name = normalise(referral.referrer_organisation)
        if clb_name:
            referral.clb = Organisation.objects.filter(
                kind=OrganisationKind.CLB, search_name=clb_name
            ).first()
        return referral

    @property
    def reasons(self):
        return self.cleaned_data.get("reasons") or []

    @property
    def preferred(self):
        return self.cleaned_data.get("preferred_interventions") or []


class PlaceFieldsMixin:
    """Stores the places typed as text (school, domicile) as their municipalities."""

    def _post_clean(self):
        for field_name, attribute in [
            ("school_place", "school_municipality"),
            ("pupil_place", "pupil_municipality"),
        ]:
            if field_name in self.fields:
                place = self.cleaned_data.get(field_name)
                setattr(self.instance, attribute, place.municipality if place else None)
        super()._post_clean()


class ReferralForm(PlaceFieldsMixin, DeskForm):
    """A CLB worker refers a pupil (the joint referral form for school-external help)."""

    ORGANISATION_LABEL = _("Uw CLB")

    school_place = PlaceField(
        label=_("Postcode of gemeente van de school"),
        required=False,
        help_text=_("Bijvoorbeeld 3010 of Kessel-Lo."),
    )
    pupil_place = PlaceField(
        label=_("Woonplaats (domicilie) van de leerling"),
        required=False,
        help_text=_(
            "Alleen de gemeente of postcode, geen adres. Laat leeg als de leerling buiten "
            "Vlaams-Brabant woont."
        ),
    )
    # Longer than the one letter stored, so a typed family name gets the privacy message.
    pupil_initial = forms.CharField(
        label=_("Eerste letter van de familienaam"),
        max_length=60,
        help_text=_("Eén letter, bijvoorbeeld D. Nooit de volledige familienaam."),
        widget=forms.TextInput(attrs={"size": 2, "autocomplete": "off"}),
        error_messages={
            "required": _("Vul de eerste letter van de familienaam in."),
            "max_length": TOO_LONG,
        },
    )
    pupil_birth_month = forms.TypedChoiceField(
        label=_("Geboortemaand"),
        choices=[("", _("Kies een maand"))] + [(str(n), MONTHS[n]) for n in range(1, 13)],
        coerce=int,
        error_messages={"required": _("Kies de geboortemaand.")},
    )
    pupil_birth_year = forms.IntegerField(
        label=_("Geboortejaar"),
        min_value=1900,
        max_value=2200,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Vul het geboortejaar in, bijvoorbeeld 2011."),
            "invalid": _("Vul het geboortejaar in vier cijfers in, bijvoorbeeld 2011."),
            "min_value": _("Vul het geboortejaar in vier cijfers in, bijvoorbeeld 2011."),
            "max_value": _("Vul het geboortejaar in vier cijfers in, bijvoorbeeld 2011."),
        },
    )
    pupil_gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Gender.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies het gender (of „niet meegedeeld”).")},
    )
    education_level = forms.ModelChoiceField(
        label=_("Onderwijsniveau"),
        queryset=EducationLevel.objects.all(),
        empty_label=_("Kies een niveau"),
        error_messages={"required": _("Kies het onderwijsniveau.")},
    )
    education_form = forms.ChoiceField(
        label=_("Onderwijsvorm of finaliteit"),
        choices=[("", _("Kies een onderwijsvorm"))] + EducationForm.choices,
        error_messages={"required": _("Kies de onderwijsvorm (of „andere of onbekend”).")},
    )
    school_year = forms.IntegerField(
        label=_("Leerjaar (niet verplicht)"),
        required=False,
        min_value=1,
        max_value=7,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Een getal van 1 tot 7, bijvoorbeeld 2 voor het tweede jaar."),
        error_messages={
            "invalid": _("Vul het leerjaar als getal in, van 1 tot 7."),
            "min_value": _("Vul het leerjaar als getal in, van 1 tot 7."),
            "max_value": _("Vul het leerjaar als getal in, van 1 tot 7."),
        },
    )
    disciplinary_procedure = YesNoField(label=_("Loopt er een tuchtprocedure?"))
    in_care = YesNoField(label=_("Is de leerling opgenomen in de jeugdhulp of in zorg?"))
    reasons = forms.ModelMultipleChoiceField(
        label=_("Reden van aanmelding"),
        queryset=ReferralReason.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies alles wat past."),
        error_messages={"required": _("Kies minstens één reden.")},
    )
    care_phase = forms.ChoiceField(
        label=_("Welke fase van het zorgcontinuüm heeft de school bereikt?"),
        choices=CarePhase.choices,
        initial=CarePhase.EXTENDED,
        widget=forms.RadioSelect,
        help_text=_(
            "Een schoolexterne interventie volgt meestal op „uitbreiding van zorg”: de school en "
            "het CLB hebben de brede basiszorg en de verhoogde zorg al ingezet."
        ),
        error_messages={"required": _("Kies de fase in het zorgcontinuüm.")},
    )
    preferred_interventions = InterventionChoiceField(
        label=_("Gewenst aanbod (niet verplicht)"),
        queryset=Intervention.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Het Meldpunt kijkt mee welk aanbod past en vrij is; uw voorkeur helpt daarbij."
        ),
        error_messages={
            "invalid_choice": _(
                "Een gekozen aanbod staat niet (meer) in de gids. Kies opnieuw uit de lijst."
            ),
        },
    )
    urgency = forms.TypedChoiceField(
        label=_("Hoe dringend is de aanmelding?"),
        choices=Urgency.choices,
        coerce=int,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe dringend de aanmelding is.")},
    )
    consent_by = forms.ChoiceField(
        label=_("Wie gaf toestemming voor deze aanmelding?"),
        choices=ConsentBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie toestemming gaf.")},
    )
    consent_date = forms.DateField(
        label=_("Datum van de toestemming"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("Bijvoorbeeld 15/09/2026."),
        error_messages={
            "required": _("Vul de datum van de toestemming in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 15/09/2026."),
        },
    )

    class Meta(DeskForm.Meta):
        fields = DeskForm.Meta.fields + [
            "school_name",
            "pupil_first_name",
            "pupil_initial",
            "pupil_birth_month",
            "pupil_birth_year",
            "pupil_gender",
            "education_level",
            "education_form",
            "school_year",
            "disciplinary_procedure",
            "in_care",
            "reasons",
            "background",
            "care_phase",
            "care_given",
            "preferred_interventions",
            "urgency",
            "question",
            "consent_by",
            "consent_date",
        ]
        labels = {
            **DeskForm.Meta.labels,
            "school_name": _("Naam van de school"),
            "pupil_first_name": _("Voornaam van de leerling"),
            "background": _("Achterliggende problemen (niet verplicht)"),
            "care_given": _("Welke zorg gaf de school al?"),
            "question": _("Uw vraag aan het Meldpunt"),
        }
        help_texts = {
            **DeskForm.Meta.help_texts,
            "school_name": _("Laat leeg als de leerling in geen enkele school ingeschreven is."),
            "pupil_first_name": _("Alleen de voornaam: zo herkennen we een nieuwe aanmelding "
                                  "van dezelfde leerling."),
            "background": _("Bijvoorbeeld de thuissituatie, de gezondheid of wat er eerder "
                            "gebeurde. Hoogstens 2.000 tekens."),
            "care_given": _("Welke begeleiding en maatregelen kreeg de leerling al op school? "
                            "Hoogstens 2.000 tekens."),
            "question": _("Wat verwacht u van het Meldpunt of van het aanbod? "
                          "Hoogstens 2.000 tekens."),
        }
        widgets = {
            "background": forms.Textarea(attrs={"rows": 4}),
            "care_given": forms.Textarea(attrs={"rows": 4}),
            "question": forms.Textarea(attrs={"rows": 5}),
            "pupil_first_name": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["preferred_interventions"].queryset = self._offers_chosen_first()
        self.fields["care_given"].required = True
        self.fields["question"].required = True
        self.fields["pupil_first_name"].required = True
        self.fields["consent_date"].widget.attrs["max"] = self.today.isoformat()
        messages = {
            "pupil_first_name": _("Vul de voornaam van de leerling in."),
            "care_given": _("Beschrijf kort welke zorg de school al gaf."),
            "question": _("Beschrijf kort uw vraag aan het Meldpunt."),
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message

    def _offers_chosen_first(self):
        """Published fiches, the ones ticked (or pre-filled from a fiche) on top."""
        field = "preferred_interventions"
        if self.is_bound:
            chosen = self.data.getlist(field) if hasattr(self.data, "getlist") else []
        else:
            chosen = self.initial.get(field) or []
        chosen = [slug for slug in chosen if isinstance(slug, str)][:50]
        return published_offers().order_by(
            Case(When(slug__in=chosen, then=0), default=1), "name"
        )

    def clean_pupil_first_name(self):
        name = " ".join(self.cleaned_data["pupil_first_name"].split())
        if any(char.isdigit() for char in name):
            raise ValidationError(
                _("Een voornaam bevat geen cijfers. Kijk de voornaam na."), code="digits"
            )
        return name

    def clean_pupil_initial(self):
        initial = self.cleaned_data["pupil_initial"].strip().rstrip(".").strip()
        if len(initial) != 1 or not initial.isalpha():
            raise ValidationError(
                _(
                    "Vul alleen de eerste letter van de familienaam in, bijvoorbeeld D. "
                    "Om de privacy van de leerling te beschermen vragen we nooit de volledige "
                    "naam."
                ),
                code="initial",
            )
        return initial.upper()

    def clean(self):
        cleaned = super().clean()
        self._check_school(cleaned)
        age_today = self._pupil_age(cleaned, self.today)
        if age_today is not None and not PUPIL_AGE_MIN <= age_today <= PUPIL_AGE_MAX:
            self.add_error(
                "pupil_birth_year",
                ValidationError(
                    _(
                        "Met dit geboortejaar zou de leerling %(age)s jaar zijn. Het Meldpunt "
                        "helpt leerlingen van %(low)s tot %(high)s jaar: kijk het geboortejaar "
                        "na."
                    ),
                    code="implausible_age",
                    params={"age": age_today, "low": PUPIL_AGE_MIN, "high": PUPIL_AGE_MAX},
                ),
            )
            return cleaned
        self._check_consent(cleaned)
        return cleaned

    def _check_school(self, cleaned):
        level = cleaned.get("education_level")
        enrolled = level is None or level.slug != NO_SCHOOL_LEVEL
        if enrolled and not cleaned.get("school_name") and "school_name" not in self.errors:
            self.add_error(
                "school_name",
                ValidationError(
                    _(
                        "Vul de naam van de school in. Is de leerling nergens ingeschreven? "
                        "Kies dan bij onderwijsniveau „Niet ingeschreven in een school”."
                    ),
                    code="school_required",
                ),
            )
        if (
            cleaned.get("school_name")
            and not cleaned.get("school_place")
            and "school_place" not in self.errors
        ):
            self.add_error(
                "school_place",
                ValidationError(
                    _("Vul de postcode of gemeente van de school in."), code="place_required"
                ),
            )

    @staticmethod
    def _pupil_age(cleaned, day):
        year, month = cleaned.get("pupil_birth_year"), cleaned.get("pupil_birth_month")
        if not (year and month):
            return None
        # The same reckoning as the case itself (Referral.age_on).
        return Referral(pupil_birth_year=year, pupil_birth_month=month).age_on(day)

    def _check_consent(self, cleaned):
        consent_by, consent_date = cleaned.get("consent_by"), cleaned.get("consent_date")
        if consent_date is not None:
            if consent_date > self.today:
                self.add_error(
                    "consent_date",
                    ValidationError(
                        _("De datum van de toestemming ligt in de toekomst. Kijk de datum na."),
                        code="consent_in_future",
                    ),
                )
                return
            if (self.today - consent_date).days > CONSENT_MAX_DAYS:
                self.add_error(
                    "consent_date",
                    ValidationError(
                        _(
                            "Deze toestemming is meer dan een jaar oud. Vraag ze opnieuw voor u "
                            "aanmeldt."
                        ),
                        code="consent_too_old",
                    ),
                )
                return
        age = self._pupil_age(cleaned, consent_date or self.today)
        if age is None or not consent_by:
            return
        if consent_by == ConsentBy.PUPIL and age < CAPABLE_AGE:
            message = _(
                "Een leerling jonger dan 12 jaar kan niet alleen toestemming geven. Vraag ook "
                "de toestemming van de ouders en kies „de ouders” of „de leerling en de ouders”."
            )
            code = "pupil_too_young"
        elif consent_by == ConsentBy.PARENTS and age >= ADULT_AGE:
            message = _(
                "Een jongere van 18 jaar of ouder beslist zelf. Vraag de toestemming van de "
                "jongere en kies „de leerling” of „de leerling en de ouders”."
            )
            code = "adult_decides"
        elif consent_by == ConsentBy.LEGAL_EXCEPTION and age >= ADULT_AGE:
            message = _(
                "De leerplicht loopt tot 18 jaar, dus de wettelijke uitzondering geldt niet "
                "meer. Vraag de toestemming van de jongere zelf."
            )
            code = "no_compulsory_schooling"
        else:
            return
        self.add_error("consent_by", ValidationError(message, code=code))


class ConsultForm(PlaceFieldsMixin, DeskForm):
    """A CLB or youth-care worker asks for a case consult or a round table: no pupil identity."""

    consult_kind = forms.ChoiceField(
        label=_("Welk overleg vraagt u aan?"),
        choices=ConsultKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies casusoverleg of rondetafel.")},
    )
    school_place = PlaceField(
        label=_("Postcode of gemeente van de school (niet verplicht)"), required=False
    )
    education_level = forms.ModelChoiceField(
        label=_("Onderwijsniveau (niet verplicht)"),
        queryset=EducationLevel.objects.all(),
        required=False,
        empty_label=_("Kies een niveau"),
    )
    reasons = forms.ModelMultipleChoiceField(
        label=_("Waarover gaat het? (niet verplicht)"),
        queryset=ReferralReason.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    family_agrees = forms.BooleanField(
        label=_("De jongere en het gezin weten van de vraag en willen deelnemen aan een "
                "rondetafel."),
        required=False,
        help_text=_("Alleen nodig voor een rondetafel."),
    )
    urgency = forms.TypedChoiceField(
        label=_("Hoe dringend is het overleg?"),
        choices=Urgency.choices,
        coerce=int,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe dringend het overleg is.")},
    )

    class Meta(DeskForm.Meta):
        fields = DeskForm.Meta.fields + [
            "consult_kind",
            "school_name",
            "education_level",
            "reasons",
            "question",
            "urgency",
        ]
        labels = {
            **DeskForm.Meta.labels,
            "school_name": _("Naam van de school (niet verplicht)"),
            "question": _("Beschrijf de vastgelopen situatie en uw vraag"),
        }
        help_texts = {
            **DeskForm.Meta.help_texts,
            "question": _(
                "Wat liep er al, waar loopt het vast, wie is betrokken? Vermeld geen namen van "
                "de leerling of het gezin. Hoogstens 2.000 tekens."
            ),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].required = True
        self.fields["question"].error_messages["required"] = _(
            "Beschrijf kort de situatie en uw vraag."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consult_kind") == ConsultKind.ROUND_TABLE and not cleaned.get(
            "family_agrees"
        ):
            self.add_error(
                "family_agrees",
                ValidationError(
                    _(
                        "Een rondetafel kan alleen als de jongere en het gezin willen "
                        "deelnemen. Vraag het hen eerst, of kies een casusoverleg onder "
                        "professionals."
                    ),
                    code="family_not_agreed",
                ),
            )
        return cleaned

    def save(self, commit=False):
        referral = super().save(commit)
        if self.cleaned_data.get("consult_kind") == ConsultKind.ROUND_TABLE:
            referral.consent_by = ConsentBy.PUPIL_AND_PARENTS
        return referral


class ContactForm(PlaceFieldsMixin, DeskForm):
    """A parent or a youth-care facility asks the desk for help; the desk involves the CLB."""

    contact_role = forms.ChoiceField(
        label=_("U bent"),
        choices=ContactRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie u bent.")},
    )
    school_place = PlaceField(
        label=_("Postcode of gemeente van de school (niet verplicht)"), required=False
    )
    pupil_place = PlaceField(
        label=_("Woonplaats van de jongere (niet verplicht)"),
        required=False,
        help_text=_("Alleen de gemeente of postcode, geen adres."),
    )
    clb_involved = forms.BooleanField(
        label=_("Ik weet dat het Meldpunt het CLB van de school bij mijn vraag betrekt."),
        error_messages={
            "required": _(
                "Het Meldpunt werkt altijd samen met het CLB. Vink aan dat u dat weet, of "
                "neem eerst zelf contact op met het CLB."
            )
        },
    )

    class Meta(DeskForm.Meta):
        # A parent has no job title to give: no "referrer_role".
        fields = [name for name in DeskForm.Meta.fields if name != "referrer_role"] + [
            "contact_role", "school_name", "question",
        ]
        labels = {
            **DeskForm.Meta.labels,
            "referrer_email": _("Uw e-mailadres"),
            "school_name": _("School van de jongere (niet verplicht)"),
            "question": _("Uw vraag"),
        }
        help_texts = {
            **DeskForm.Meta.help_texts,
            "question": _(
                "Wat is er aan de hand en wat hebt u al geprobeerd? U hoeft geen namen te "
                "vermelden; we nemen contact met u op. Hoogstens 2.000 tekens."
            ),
        }
        widgets = {"question": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referrer_organisation"].required = False
        self.fields["referrer_organisation"].label = _(
            "Naam van de voorziening of organisatie (niet verplicht voor ouders)"
        )
        self.fields["question"].required = True
        self.fields["question"].error_messages["required"] = _("Beschrijf kort uw vraag.")

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("contact_role")
        if role and role != ContactRole.PARENT and not cleaned.get("referrer_organisation"):
            self.add_error(
                "referrer_organisation",
                ValidationError(
                    _("Vul de naam van uw voorziening of organisatie in."),
                    code="organisation_required",
                ),
            )
        elif role == ContactRole.PARENT and not cleaned.get("referrer_organisation"):
            # The case needs an organisation line; for a parent it says who they are.
            cleaned["referrer_organisation"] = str(ContactRole(role).label)
        return cleaned

