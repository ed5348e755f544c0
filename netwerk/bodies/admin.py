"""Admin of this part of netwerk; imported by ``netwerk.admin``.

Coördinator and Redactie manage bodies and meetings, Meldpunt staff read them;
signals are the Coördinator's alone (``netwerk.roles``).
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netwerk.models import Body, BodyMembership, Meeting, MeetingDocument, Signal


class BodyMembershipInline(admin.TabularInline):
    model = BodyMembership
    fields = ["organisation", "role"]
    extra = 1


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "region", "status", "member_count", "preview"]
    list_filter = ["kind", "level", "region", "status"]
    search_fields = ["name", "slug", "purpose", "memberships__organisation__name"]
    list_select_related = ["region"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities", "themes"]
    inlines = [BodyMembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "kind", "level", "parent", "position"]}),
        (_("Waar en waarover"), {"fields": ["region", "municipalities", "themes"]}),
        (_("Werking"), {"fields": ["purpose", "meeting_frequency"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description=_("leden"), ordering="member_count")
    def member_count(self, body):
        return body.member_count

    @admin.display(description=_("voorbeeld"))
    def preview(self, body):
        return format_html(
            '<a href="{}">{}</a>', body.get_absolute_url(), gettext("Bekijk de pagina")
        )


class MeetingDocumentInline(admin.TabularInline):
    model = MeetingDocument
    fields = ["title", "file", "visibility", "position"]
    extra = 1


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "start_time", "body", "place", "minutes_visibility", "document_count"]
    list_filter = ["body__kind", "minutes_visibility", "body"]
    search_fields = ["body__name", "place", "agenda", "minutes"]
    list_select_related = ["body"]
    date_hierarchy = "date"
    autocomplete_fields = ["body"]
    inlines = [MeetingDocumentInline]
    fieldsets = [
        (None, {"fields": ["body", "date", "start_time", "place", "agenda"]}),
        (_("Verslag"), {"fields": ["minutes", "minutes_file", "minutes_visibility"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(document_count=Count("documents"))

    @admin.display(description=_("documenten"), ordering="document_count")
    def document_count(self, meeting):
        return meeting.document_count

    def view_on_site(self, meeting):
        return meeting.body.get_absolute_url()


@admin.register(Signal)
class SignalAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "theme", "noticed_on", "status", "answered_on"]
    list_filter = ["status", "body", "theme"]
    search_fields = ["title", "description", "answer", "body__name"]
    list_select_related = ["body", "theme"]
    date_hierarchy = "noticed_on"
    autocomplete_fields = ["body"]
    actions = ["mark_passed_on"]
    fieldsets = [
        (None, {"fields": ["title", "description", "body", "theme", "noticed_on"]}),
        (_("Opvolging"), {"fields": ["status", "passed_on_on", "answer", "answered_on"]}),
    ]

    @admin.action(description=_("Markeer als doorgegeven aan het Vlaamse niveau"))
    def mark_passed_on(self, request, queryset):
        count = queryset.filter(status=Signal.Status.COLLECTED).update(
            status=Signal.Status.PASSED_ON, passed_on_on=timezone.localdate()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)s signaal gemarkeerd als doorgegeven.",
                "%(count)s signalen gemarkeerd als doorgegeven.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
