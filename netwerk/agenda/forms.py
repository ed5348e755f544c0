"""The registration form of an event: the person, the event's own questions, consent."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from netwerk.agenda.models import QuestionKind

QUESTION_PREFIX = "vraag_"


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"),
        max_length=150,
        error_messages={"required": _("Vul uw naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld uw school, CLB of organisatie."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.CharField(
        label=_("Functie"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("U krijgt hier de bevestiging, met de uitnodiging voor uw agenda."),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@school.be."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        error_messages={
            "required": _("Zonder uw toestemming kunnen we uw inschrijving niet bewaren.")
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.questions = list(event.questions.all())
        for question in self.questions:
            name = f"{QUESTION_PREFIX}{question.pk}"
            if question.kind == QuestionKind.CHOICE:
                choices = [(choice, choice) for choice in question.choice_list]
                field = forms.ChoiceField(
                    label=question.label,
                    choices=choices,
                    required=question.required,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Kies een antwoord."),
                        "invalid_choice": _("Kies een van de antwoorden."),
                    },
                )
            else:
                field = forms.CharField(
                    label=question.label,
                    max_length=500,
                    required=question.required,
                    error_messages={"required": _("Vul een antwoord in.")},
                )
            self.fields[name] = field
        # Last, after the questions.
        self.fields["consent"] = self.fields.pop("consent")
        self.fields["consent"].label = format_html(
            '{} <a href="{}">{}</a>.',
            _("Ik ga akkoord dat het netwerk mijn gegevens bewaart voor dit evenement, zoals de"),
            reverse("privacy"),
            _("privacyverklaring"),
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def answers(self):
        """{question label: answer} for the questions answered."""
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}")
            if value:
                result[question.label] = value
        return result
