"""Forms of the public newsletter pages: sign-up, preferences, "mail me my link"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.public_forms import HoneypotForm
from netwerk.models import Region, Theme
from nieuwsbrief.models import CONSENT_TEXT, Subscriber, normalise_email

EMAIL_ERRORS = {
    "required": _("Vul uw e-mailadres in."),
    "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.be."),
}


def _email_field():
    return forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def _interest_field(label, queryset):
    # Optional: nothing ticked means everything.
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: u krijgt alles."),
    )


class InterestsFields(forms.Form):
    """Themes and regions as checkboxes."""

    themes = _interest_field(_("Thema's die u interesseren"), Theme.objects.all())
    regions = _interest_field(_("Regio's die u interesseren"), Region.objects.all())


class SignupForm(HoneypotForm, InterestsFields):
    email = _email_field()
    name = forms.CharField(
        label=_("Naam (niet verplicht)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie (niet verplicht)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Vink aan dat u de nieuwsbrief wilt ontvangen.")},
    )

    field_order = ["email", "name", "organisation", "themes", "regions", "consent"]

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_organisation(self):
        return self.cleaned_data["organisation"].strip()


class PreferencesForm(InterestsFields, forms.ModelForm):

    class Meta:
        model = Subscriber
        fields = ["name", "organisation", "themes", "regions"]
        labels = {
            "name": _("Naam (niet verplicht)"),
            "organisation": _("Organisatie (niet verplicht)"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }


class LinkRequestForm(HoneypotForm):
    email = _email_field()

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])
