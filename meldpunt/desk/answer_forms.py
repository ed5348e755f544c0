"""The provider's answer to a dispatch: accept, waiting list (with weeks) or refuse (with reason).

Works without JavaScript: the three answers are radio buttons on one form, and the fields that
belong to another answer are ignored. Messages are Dutch and say how to fix the input.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from meldpunt.desk.models import DeclineReason, DispatchAnswer
from meldpunt.public_forms import _normalise_text

NOTE_MAX_LENGTH = 2000


class DispatchAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[
            (DispatchAnswer.ACCEPTED, _("Aanvaarden: we nemen de leerling op")),
            (
                DispatchAnswer.WAITING_LIST,
                _("Wachtlijst: we nemen de leerling op zodra er plaats is"),
            ),
            (DispatchAnswer.REFUSED, _("Weigeren: we kunnen de leerling niet opnemen")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies aanvaarden, wachtlijst of weigeren."),
            "invalid_choice": _("Kies aanvaarden, wachtlijst of weigeren."),
        },
    )
    waiting_weeks = forms.IntegerField(
        label=_("Bij wachtlijst: verwachte wachttijd in weken"),
        required=False,
        min_value=0,
        max_value=104,
        help_text=_(
            "Een schatting volstaat. Ze verschijnt ook als wachttijd op de fiche van uw aanbod."
        ),
        error_messages={
            "min_value": _("Een wachttijd kan niet negatief zijn."),
            "max_value": _("Vul hoogstens 104 weken (twee jaar) in."),
            "invalid": _("Vul een aantal weken in, bijvoorbeeld 4."),
        },
    )
    decline_reason = forms.ModelChoiceField(
        label=_("Bij weigeren: reden"),
        queryset=DeclineReason.objects.all(),
        required=False,
        empty_label=_("Kies een reden"),
        error_messages={"invalid_choice": _("Kies een reden uit de lijst.")},
    )
    note = forms.CharField(
        label=_("Toelichting voor het Meldpunt (niet verplicht)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Hoogstens 2.000 tekens. Alleen het Meldpunt leest dit. Vermeld geen naam of andere "
            "gegevens van de leerling."
        ),
        error_messages={
            "max_length": _("Hoogstens %(limit_value)d tekens (u gebruikte er %(show_value)d)."),
        },
    )

    def clean_note(self):
        return _normalise_text(self.cleaned_data["note"])

    def clean(self):
        cleaned = super().clean()
        answer = cleaned.get("answer")
        if answer == DispatchAnswer.WAITING_LIST:
            if cleaned.get("waiting_weeks") is None and "waiting_weeks" not in self.errors:
                self.add_error(
                    "waiting_weeks",
                    ValidationError(
                        _("Vul de verwachte wachttijd in weken in (een schatting volstaat)."),
                        code="required",
                    ),
                )
        else:
            # Filled in before switching to another answer: not part of this answer.
            self.errors.pop("waiting_weeks", None)
            cleaned["waiting_weeks"] = None
        if answer == DispatchAnswer.REFUSED:
            if cleaned.get("decline_reason") is None and "decline_reason" not in self.errors:
                self.add_error(
                    "decline_reason",
                    ValidationError(_("Kies een reden voor de weigering."), code="required"),
                )
        else:
            self.errors.pop("decline_reason", None)
            cleaned["decline_reason"] = None
        return cleaned
