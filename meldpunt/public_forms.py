"""Forms of the public pages around the directory: corrections and provider verification.

Each form normalises in ``clean_*`` and raises ``ValidationError`` with a code; messages are
Dutch and say how to fix the input.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meldpunt.models import CapacityStatus, Intervention

# --- "Meld een wijziging" ------------------------------------------------------------------


def _normalise_text(value):
    # Browsers send textarea line ends as CRLF; store and compare plain LF.
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


class HoneypotForm(forms.Form):
    """A public form with a honeypot: a field hidden from people that bots fill in.

    Render it with ``{% include "meldpunt/includes/honeypot.html" %}``; the view calls
    ``is_spam()`` first and then pretends success, storing nothing. Combines with
    ``forms.ModelForm`` (``class MyForm(HoneypotForm, forms.ModelForm)``).
    """

    HONEYPOT = "website"

    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self):
        """True when the honeypot was filled in; the view then pretends success."""
        return bool((self.data.get(self.HONEYPOT) or "").strip())


class ReportChangeForm(HoneypotForm):
    """A visitor reports that something on a fiche is wrong or out of date."""

    message = forms.CharField(
        label=_("Wat klopt er niet of wat is er veranderd?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Hoogstens 4.000 tekens. Vermeld geen gegevens over leerlingen of andere personen."
        ),
        error_messages={"required": _("Beschrijf kort wat er niet klopt.")},
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres (niet verplicht)"),
        required=False,
        help_text=_("Alleen als wij u iets mogen vragen over uw melding."),
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@school.be.")
        },
    )
    def clean_message(self):
        message = _normalise_text(self.cleaned_data["message"])
        if not message:
            raise ValidationError(_("Beschrijf kort wat er niet klopt."), code="required")
        return message

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


# --- provider verification -----------------------------------------------------------------


class CapacityForm(forms.Form):
    """Capacity as the provider reports it: live on the fiche at once."""

    # Waiting weeks only make sense when pupils have to wait.
    WAITING = {CapacityStatus.LIMITED, CapacityStatus.WAITING_LIST, CapacityStatus.FULL}

    capacity_status = forms.ChoiceField(
        label=_("Hoeveel plaats is er nu?"),
        choices=[
            (value, label)
            for value, label in CapacityStatus.choices
            if value != CapacityStatus.UNKNOWN
        ],
        widget=forms.RadioSelect,
    )
    waiting_weeks = forms.IntegerField(
        label=_("Verwachte wachttijd in weken (niet verplicht)"),
        required=False,
        min_value=0,
        max_value=104,
        error_messages={
            "min_value": _("Een wachttijd kan niet negatief zijn."),
            "max_value": _("Vul hoogstens 104 weken (twee jaar) in."),
            "invalid": _("Vul een aantal weken in, bijvoorbeeld 4."),
        },
    )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("capacity_status")
        weeks = cleaned.get("waiting_weeks")
        if status and weeks and status not in self.WAITING:
            self.add_error(
                "waiting_weeks",
                ValidationError(
                    _(
                        "Een wachttijd past niet bij „%(status)s”. Laat het veld leeg of kies "
                        "„wachtlijst”, „beperkt plaats” of „volzet”."
                    ),
                    code="weeks_without_wait",
                    params={"status": CapacityStatus(status).label},
                ),
            )
        return cleaned


class ProposedChangesForm(forms.ModelForm):
    """The provider's proposal for the other fields; staff review it, nothing goes live."""

    TEXT_FIELDS = (
        "name",
        "summary",
        "goal",
        "what_happens",
        "target_group_description",
        "how_to_register",
        "duration",
        "cost",
    )

    note = forms.CharField(
        label=_("Toelichting voor het Meldpunt (niet verplicht)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vermeld geen gegevens over leerlingen."),
    )

    class Meta:
        model = Intervention
        fields = [
            "name",
            "summary",
            "goal",
            "what_happens",
            "target_group_description",
            "how_to_register",
            "duration",
            "cost",
            "age_min",
            "age_max",
        ]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 4}),
            "what_happens": forms.Textarea(attrs={"rows": 4}),
            "target_group_description": forms.Textarea(attrs={"rows": 3}),
            "how_to_register": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("age_min", "age_max"):
            field = self.fields[name]
            field.widget.attrs.update({"min": 0, "max": 30})
            field.error_messages["min_value"] = _("Een leeftijd kan niet negatief zijn.")
            field.error_messages["invalid"] = _("Vul een leeftijd in jaren in, bijvoorbeeld 12.")

    def clean(self):
        cleaned = super().clean()
        for name in self.TEXT_FIELDS:
            if name in cleaned:
                cleaned[name] = _normalise_text(cleaned[name])
        for name in ("age_min", "age_max"):
            age = cleaned.get(name)
            if age is not None and age > 30:
                self.add_error(
                    name,
                    ValidationError(_("Vul een leeftijd tot en met 30 jaar in."), code="age_max"),
                )
        age_min, age_max = cleaned.get("age_min"), cleaned.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error(
                "age_max",
                ValidationError(
                    _("De leeftijd „tot en met” moet minstens even hoog zijn als „vanaf”."),
                    code="age_range",
                ),
            )
        if not self.errors and not self.proposed_changes():
            raise ValidationError(
                _("U hebt niets gewijzigd. Pas eerst een veld aan, of gebruik „Alles klopt nog”."),
                code="unchanged",
            )
        return cleaned

    def _post_clean(self):
        # A proposal never touches the instance: skip ModelForm's construct/validate step.
        pass

    def proposed_changes(self):
        """{field: new value} for the fields that differ from the fiche as it is now."""
        changes = {}
        for name in self.Meta.fields:
            if name not in self.cleaned_data:
                continue
            new = self.cleaned_data[name]
            current = getattr(self.instance, name)
            if name in self.TEXT_FIELDS:
                current = _normalise_text(current)
            if new != current:
                changes[name] = new
        return changes
