from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from netwerk import emails
from netwerk.forms import OrganisationAdminForm
from netwerk.models import (
    Arrondissement,
    Municipality,
    Organisation,
    OutgoingMail,
    PostalPlace,
    Region,
)


class ReferenceDataMixin:
    """Read-only for everyone: the data comes from files (``manage.py load_geography``).

    An edit here would be undone at the next load, so nobody may make one.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Arrondissement)
class ArrondissementAdmin(ReferenceDataMixin, admin.ModelAdmin):
    list_display = ["name", "nis_code", "municipality_count"]
    search_fields = ["name", "nis_code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(municipality_count=Count("municipalities"))

    @admin.display(description=_("gemeenten"), ordering="municipality_count")
    def municipality_count(self, arrondissement):
        return arrondissement.municipality_count


class PostalPlaceInline(ReferenceDataMixin, admin.TabularInline):
    model = PostalPlace
    fields = ["postcode", "name"]
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(ReferenceDataMixin, admin.ModelAdmin):
    list_display = ["name", "nis_code", "arrondissement", "postcodes"]
    list_filter = ["arrondissement"]
    search_fields = ["name", "nis_code", "postal_places__postcode", "postal_places__name"]
    list_select_related = ["arrondissement"]
    fields = ["name", "nis_code", "slug", "arrondissement", "latitude", "longitude"]
    inlines = [PostalPlaceInline]

    def get_queryset(self, request):
        # One extra query for all postcodes of the page instead of one per row.
        return super().get_queryset(request).prefetch_related("postal_places")

    @admin.display(description=_("postcodes"))
    def postcodes(self, municipality):
        return ", ".join(sorted({place.postcode for place in municipality.postal_places.all()}))


@admin.register(PostalPlace)
class PostalPlaceAdmin(ReferenceDataMixin, admin.ModelAdmin):
    list_display = ["postcode", "name", "municipality"]
    list_filter = ["municipality__arrondissement"]
    search_fields = ["postcode", "name", "municipality__name"]
    list_select_related = ["municipality"]
    fields = ["postcode", "name", "municipality"]


class RegionAdminForm(forms.ModelForm):
    add_arrondissements = forms.ModelMultipleChoiceField(
        queryset=Arrondissement.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Alle gemeenten toevoegen van"),
        help_text=_(
            "Voegt bij het bewaren alle gemeenten van de aangevinkte arrondissementen toe aan "
            "de lijst hierboven. Gemeenten die al in de lijst staan, blijven staan."
        ),
    )

    class Meta:
        model = Region
        fields = ["name", "slug", "kind", "description", "municipalities"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    form = RegionAdminForm
    list_display = ["name", "kind", "municipality_count"]
    list_filter = ["kind"]
    search_fields = ["name", "description", "municipalities__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]
    fields = ["name", "slug", "kind", "description", "municipalities", "add_arrondissements"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(municipality_count=Count("municipalities"))

    @admin.display(description=_("aantal gemeenten"), ordering="municipality_count")
    def municipality_count(self, region):
        return region.municipality_count

    def save_related(self, request, form, formsets, change):
        # After the M2M field is saved, or the form's own list would overwrite the additions.
        super().save_related(request, form, formsets, change)
        arrondissements = form.cleaned_data.get("add_arrondissements")
        if arrondissements:
            form.instance.municipalities.add(
                *Municipality.objects.filter(arrondissement__in=arrondissements)
            )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "municipality", "published_interventions", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "slug"]
    list_select_related = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["uuid", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description", "is_demo"]}),
        (_("Contact"), {
            "fields": ["website", "email", "phone"],
            "description": _("Alleen algemene gegevens van de organisatie, nooit van een persoon."),
        }),
        (_("Adres"), {"fields": ["street_address", "postcode", "municipality"]}),
        (_("Logo"), {"fields": ["logo"]}),
        (_("Technisch"), {
            "fields": ["uuid", "created_at", "updated_at"],
            "classes": ["collapse"],
        }),
    ]

    def get_queryset(self, request):
        # The relation by name only: netwerk does not import meldpunt.
        return super().get_queryset(request).annotate(
            published_intervention_count=Count(
                "interventions", filter=Q(interventions__status="published")
            )
        )

    @admin.display(
        description=_("gepubliceerd aanbod"), ordering="published_intervention_count"
    )
    def published_interventions(self, organisation):
        return organisation.published_intervention_count


# --- the outbox ----------------------------------------------------------------------------


class SentFilter(admin.SimpleListFilter):
    title = _("verstuurd")
    parameter_name = "verstuurd"

    def lookups(self, request, model_admin):
        return [("nee", _("nog niet verstuurd")), ("ja", _("verstuurd"))]

    def queryset(self, request, queryset):
        if self.value() == "nee":
            return queryset.unsent()
        if self.value() == "ja":
            return queryset.filter(sent_at__isnull=False)
        return queryset


# Kinds of mail (by prefix) about people whom only some roles may see, and the permission
# needed to see them in the outbox.
MAIL_KIND_PERMISSIONS = {
    "newsletter-": "nieuwsbrief.view_subscriber",
}


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """The outbox, read-only: what went, what waits, and why it failed.

    Its mails are about referrals, so only the Meldpunt role may view it (``netwerk.roles``
    keeps it out of every wildcard grant). Mails about people another part manages (the
    newsletter's subscribers) show only to users who may view those people
    (``MAIL_KIND_PERMISSIONS``). Nobody adds, edits or deletes a mail here; "send now"
    retries the unsent ones at once instead of waiting for the worker.
    """

    list_display = ["kind", "created_at", "attempts", "sent_at", "last_error"]
    list_filter = [SentFilter, "kind"]
    search_fields = ["kind", "subject"]
    date_hierarchy = "created_at"
    fields = [
        "kind", "key", "to", "subject", "created_at", "next_attempt_at", "attempts",
        "last_error", "sent_at", "body_text",
    ]
    readonly_fields = fields
    actions = ["deliver_now"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        for prefix, permission in MAIL_KIND_PERMISSIONS.items():
            if not request.user.has_perm(permission):
                queryset = queryset.exclude(kind__startswith=prefix)
        return queryset

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_deliver_permission(self, request):
        return self.has_view_permission(request)

    @admin.action(description=_("Nu versturen"), permissions=["deliver"])
    def deliver_now(self, request, queryset):
        unsent = list(queryset.unsent().order_by("pk").values_list("pk", flat=True))
        sent = sum(1 for mail_id in unsent if emails.deliver(mail_id))
        failed = len(unsent) - sent
        if sent:
            self.message_user(
                request,
                ngettext("%(count)s e-mail verstuurd.", "%(count)s e-mails verstuurd.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)s e-mail kon niet vertrekken; zie de laatste fout. De worker "
                    "probeert opnieuw.",
                    "%(count)s e-mails konden niet vertrekken; zie de laatste fout. De worker "
                    "probeert opnieuw.",
                    failed,
                )
                % {"count": failed},
                messages.ERROR,
            )
        if not unsent:
            self.message_user(
                request, gettext("De gekozen e-mails waren al verstuurd."), messages.INFO
            )


# The parts of the network side register their own admin classes.
from netwerk.agenda import admin as agenda_admin  # noqa: E402,F401
from netwerk.bodies import admin as bodies_admin  # noqa: E402,F401
from netwerk.themes import admin as themes_admin  # noqa: E402,F401
