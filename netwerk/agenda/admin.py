"""Admin of this part of netwerk; imported by ``netwerk.admin``.

Events with their registration questions and materials inline; registrations with
attendance (editable in the list or by action), cancellation that moves the waiting list
up, and the attendee list as CSV/XLSX.
"""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX

from netwerk.agenda import services
from netwerk.agenda.models import (
    Event,
    EventMaterial,
    EventQuestion,
    Registration,
    RegistrationStatus,
)
from netwerk.agenda.resources import RegistrationResource
from netwerk.models import PublicationStatus

# A link typed without a scheme is https (the default changes to that in Django 6).
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class EventQuestionInline(admin.TabularInline):
    model = EventQuestion
    extra = 0
    fields = ["label", "kind", "choices", "required", "position"]


class EventMaterialInline(admin.StackedInline):
    model = EventMaterial
    extra = 0
    formfield_overrides = HTTPS_LINKS
    fields = [("title", "kind"), "file", "url", ("visibility", "position")]


class WhenFilter(admin.SimpleListFilter):
    title = _("wanneer")
    parameter_name = "wanneer"

    def lookups(self, request, model_admin):
        return [("komend", _("komend")), ("voorbij", _("voorbij"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "komend":
            return queryset.filter(ends_at__gte=now)
        if self.value() == "voorbij":
            return queryset.filter(ends_at__lt=now)
        return queryset


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = [
        "title", "kind", "starts_at", "status", "is_own_event", "is_cancelled", "registrations",
    ]
    list_filter = [WhenFilter, "status", "kind", "is_own_event", "is_cancelled", "themes", "region"]
    search_fields = ["title", "slug", "summary", "venue", "organiser_name"]
    list_select_related = ["organiser", "region"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    readonly_fields = ["uuid", "sequence", "created_at", "updated_at", "preview"]
    inlines = [EventQuestionInline, EventMaterialInline]
    actions = ["publish", "cancel_events"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "preview", "summary", "description"]}),
        (_("Wanneer"), {"fields": ["starts_at", "ends_at", "all_day", "recurrence_note"]}),
        (_("Waar"), {"fields": ["venue", "address", "online_url"]}),
        (_("Voor wie en door wie"), {
            "fields": ["organiser", "organiser_name", "audience", "themes", "region"],
        }),
        (_("Inschrijven"), {
            "fields": ["is_own_event", "capacity"],
            "description": _(
                "Eigen evenementen krijgen een inschrijvingsformulier; de vragen staan "
                "hieronder. Is het volzet, dan komen nieuwe inschrijvingen op de wachtlijst."
            ),
        }),
        (_("Na het evenement"), {"fields": ["report", "is_cancelled"]}),
        (_("Technisch"), {
            "fields": ["uuid", "sequence", "created_at", "updated_at"],
            "classes": ["collapse"],
        }),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("inschrijvingen"))
    def registrations(self, event):
        if not event.is_own_event:
            return "–"
        url = reverse("admin:netwerk_registration_changelist") + f"?event__id__exact={event.pk}"
        places = f" / {event.capacity}" if event.capacity is not None else ""
        waiting = (
            format_html(" + {} {}", event.waiting_count, _("wachtend"))
            if event.waiting_count else ""
        )
        return format_html(
            '<a href="{}">{}{}</a>{}', url, event.confirmed_count, places, waiting
        )

    @admin.display(description=_("voorbeeld"))
    def preview(self, event):
        if not event.pk:
            return _("Na het bewaren.")
        return format_html(
            '<a href="{}">{}</a>', event.get_absolute_url(), _("Bekijk de publieke pagina")
        )

    @admin.action(description=_("Publiceer de geselecteerde evenementen"),
                  permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for event in queryset.exclude(status=PublicationStatus.PUBLISHED):
            event.status = PublicationStatus.PUBLISHED
            event.save(update_fields=["status"])
            count += 1
        self.message_user(request, ngettext(
            "%(count)s evenement gepubliceerd.", "%(count)s evenementen gepubliceerd.", count
        ) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Annuleer de geselecteerde evenementen"),
                  permissions=["change"])
    def cancel_events(self, request, queryset):
        count = 0
        for event in queryset.filter(is_cancelled=False):
            event.is_cancelled = True
            event.save(update_fields=["is_cancelled"])  # new SEQUENCE: calendars follow
            count += 1
        self.message_user(request, ngettext(
            "%(count)s evenement geannuleerd; wie de kalender volgt, ziet het.",
            "%(count)s evenementen geannuleerd; wie de kalender volgt, ziet het.",
            count,
        ) % {"count": count}, messages.SUCCESS)


class ExportPermissionMixin(ExportMixin):
    """CSV/XLSX export for whoever may view the model."""

    export_formats = [CSV, XLSX]

    def has_export_permission(self, request):
        return self.has_view_permission(request)


@admin.register(Registration)
class RegistrationAdmin(ExportPermissionMixin, admin.ModelAdmin):
    resource_classes = [RegistrationResource]
    list_display = ["name", "organisation", "email", "event", "status", "attended", "created_at"]
    list_editable = ["attended"]
    list_filter = ["status", "attended", ("event", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "email", "organisation", "event__title"]
    list_select_related = ["event"]
    readonly_fields = [
        "uuid", "created_at", "promoted_at", "cancelled_at", "reminded_at", "purged_at",
        "answer_text",
    ]
    fields = [
        "event", "status", "name", "organisation", "role", "email", "answer_text", "attended",
        "created_at", "promoted_at", "cancelled_at", "reminded_at", "purged_at", "uuid",
    ]
    actions = ["mark_attended", "mark_absent", "cancel_registrations"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # Places change only through cancellation (which moves the waiting list up).
            fields += ["event", "status"]
        return fields

    @admin.display(description=_("antwoorden"))
    def answer_text(self, registration):
        return format_html_join("\n", "<p>{}: {}</p>", registration.answer_list) or "–"

    def _mark(self, request, queryset, value):
        count = queryset.filter(~Q(status=RegistrationStatus.CANCELLED)).update(attended=value)
        self.message_user(request, ngettext(
            "%(count)s inschrijving aangepast.", "%(count)s inschrijvingen aangepast.", count
        ) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Markeer als aanwezig"), permissions=["change"])
    def mark_attended(self, request, queryset):
        self._mark(request, queryset, True)

    @admin.action(description=_("Markeer als afwezig"), permissions=["change"])
    def mark_absent(self, request, queryset):
        self._mark(request, queryset, False)

    @admin.action(
        description=_("Meld af (de wachtlijst schuift op en krijgt een e-mail)"),
        permissions=["change"],
    )
    def cancel_registrations(self, request, queryset):
        promoted = 0
        cancelled = 0
        for registration in queryset.exclude(status=RegistrationStatus.CANCELLED):
            result = services.cancel(registration.uuid)
            cancelled += 1
            promoted += len(result.promoted)
        self.message_user(request, _(
            "%(cancelled)s afgemeld, %(promoted)s van de wachtlijst ingeschreven."
        ) % {"cancelled": cancelled, "promoted": promoted}, messages.SUCCESS)
