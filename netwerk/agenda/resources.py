"""The attendee list as CSV/XLSX (django-import-export, export only)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from netwerk.agenda.models import Registration


class RegistrationResource(resources.ModelResource):
    event = fields.Field(attribute="event__title", column_name=_("evenement"))
    name = fields.Field(attribute="name", column_name=_("naam"))
    organisation = fields.Field(attribute="organisation", column_name=_("organisatie"))
    role = fields.Field(attribute="role", column_name=_("functie"))
    email = fields.Field(attribute="email", column_name=_("e-mailadres"))
    status = fields.Field(column_name=_("status"))
    attended = fields.Field(column_name=_("aanwezig"))
    created_at = fields.Field(column_name=_("ingeschreven op"))
    answers = fields.Field(column_name=_("antwoorden"))

    class Meta:
        model = Registration
        fields = (
            "event", "name", "organisation", "role", "email", "status", "attended",
            "created_at", "answers",
        )
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("event")

    def dehydrate_status(self, registration):
        return registration.get_status_display()

    def dehydrate_attended(self, registration):
        return {True: _("ja"), False: _("nee")}.get(registration.attended, "")

    def dehydrate_created_at(self, registration):
        return timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M")

    def dehydrate_answers(self, registration):
        return "; ".join(f"{question}: {answer}" for question, answer in registration.answer_list)
