"""Admin of this part of netwerk; imported by ``netwerk.admin``.

Themes, their resources and the two short lists resources pick from. Each
change page and list row links to the public page ("Bekijk op de site"); staff
with the view permission see a draft there as a preview.
"""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netwerk.models import PublicationStatus, Theme
from netwerk.themes.models import Audience, EducationStage, Resource


class PreviewLinkMixin:
    """A "Bekijk op de site" link to the object's public page (a preview for drafts)."""

    @admin.display(description=_("publieke pagina"))
    def preview_link(self, obj):
        if obj is None or not obj.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', obj.get_absolute_url(), _("Bekijk op de site")
        )


@admin.register(Theme)
class ThemeAdmin(PreviewLinkMixin, admin.ModelAdmin):
    list_display = ["name", "position", "summary", "preview_link"]
    list_editable = ["position"]
    search_fields = ["name", "summary", "body"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["position", "name"]
    fields = ["name", "slug", "summary", "body", "position", "preview_link"]
    readonly_fields = ["preview_link"]


class ManagedTermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "position"]
    ordering = ["position", "name"]


admin.site.register(Audience, ManagedTermAdmin)
admin.site.register(EducationStage, ManagedTermAdmin)


class ResourceAdminForm(forms.ModelForm):
    link = forms.URLField(
        label=_("link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=Resource._meta.get_field("link").help_text,
    )

    class Meta:
        model = Resource
        fields = "__all__"
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "stages": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "themes": {"required": _("Kies minstens één thema.")},
        }


@admin.register(Resource)
class ResourceAdmin(PreviewLinkMixin, admin.ModelAdmin):
    form = ResourceAdminForm
    list_display = ["title", "kind", "status", "published_on", "theme_names", "preview_link"]
    list_filter = ["status", "kind", "themes", "audiences", "stages"]
    search_fields = ["title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_on"
    readonly_fields = ["preview_link", "created_at", "updated_at"]
    actions = ["publish", "unpublish", "archive"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "preview_link"]}),
        (_("Inhoud"), {"fields": ["summary", "body", "published_on"]}),
        (_("Bestand of link"), {
            "fields": ["file", "link"],
            "description": _("Een bestand, een link of allebei; minstens één van de twee."),
        }),
        (_("Thema's en doelgroep"), {"fields": ["themes", "audiences", "stages"]}),
        (_("Voor een inspirerende praktijk"), {"fields": ["how_to_start", "contact"]}),
        (_("Geschiedenis"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    @admin.display(description=_("thema's"))
    def theme_names(self, resource):
        return ", ".join(theme.name for theme in resource.themes.all())

    def _set_status(self, request, queryset, status):
        count = queryset.exclude(status=status).update(status=status, updated_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)s hulpmiddel kreeg de status %(status)s.",
                "%(count)s hulpmiddelen kregen de status %(status)s.",
                count,
            )
            % {"count": count, "status": PublicationStatus(status).label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Publiceren"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.PUBLISHED)

    @admin.action(description=_("Terug naar klad"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.DRAFT)

    @admin.action(description=_("Archiveren"), permissions=["change"])
    def archive(self, request, queryset):
        self._set_status(request, queryset, PublicationStatus.ARCHIVED)
