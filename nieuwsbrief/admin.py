"""The back office of the newsletter's subscribers (group Coördinator).

Subscribers come in through the public form (double opt-in) or an import with their consent
date, never by typing them in here: every subscriber has the evidence of consent.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meldpunt.admin import ImportExportPermissionMixin
from netwerk.admin import ReferenceDataMixin
from nieuwsbrief.models import ConsentRecord, Subscriber
from nieuwsbrief.resources import SubscriberResource


class ConsentRecordInline(ReferenceDataMixin, admin.TabularInline):
    """The evidence of consent, read-only; it goes only with its subscriber."""

    model = ConsentRecord
    fields = ["given_at", "source", "confirmed_at", "text"]
    readonly_fields = fields
    extra = 0


@admin.register(Subscriber)
class SubscriberAdmin(ImportExportPermissionMixin, admin.ModelAdmin):
    resource_classes = [SubscriberResource]
    import_template_name = "admin/nieuwsbrief/import.html"
    list_display = ["email", "name", "organisation", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "themes", "regions"]
    search_fields = ["email", "organisation"]
    date_hierarchy = "created_at"
    fields = [
        "email",
        "name",
        "organisation",
        "themes",
        "regions",
        "status",
        "created_at",
        "updated_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    # Status changes only through the subscriber's own links or the action below.
    readonly_fields = [
        "email", "status", "created_at", "updated_at", "confirmed_at", "unsubscribed_at"
    ]
    filter_horizontal = ["themes", "regions"]
    inlines = [ConsentRecordInline]
    actions = ["unsubscribe"]

    def has_add_permission(self, request):
        # Only with evidence of consent: the public form or the import.
        return False

    def has_import_permission(self, request):
        perms = ("nieuwsbrief.add_subscriber", "nieuwsbrief.change_subscriber")
        return request.user.has_perms(perms)

    @admin.action(description=_("Geselecteerde abonnees uitschrijven"), permissions=["change"])
    def unsubscribe(self, request, queryset):
        count = 0
        for subscriber in queryset.exclude(status=Subscriber.Status.UNSUBSCRIBED):
            subscriber.unsubscribe()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d abonnee uitgeschreven.", "%(count)d abonnees uitgeschreven.", count)
            % {"count": count},
        )
