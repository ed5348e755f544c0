"""The back office of the directory: fiches, their managed lists and change requests.

The Meldpunt keeps the fiches current here. Every change to a fiche is kept in its history
(django-simple-history, m2m lists included); bulk actions save fiche by fiche so that they
leave history too. Fiches and organisations can be imported and exported as CSV or XLSX.
"""

import smtplib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from meldpunt.forms import (
    InterventionAdminForm,
    LocationInlineForm,
    applicable_field,
    change_request_form,
)
from meldpunt.models import (
    STALE_AFTER,
    ChangeRequest,
    EducationLevel,
    Intervention,
    InterventionType,
    Location,
    TargetGroup,
)
from meldpunt.resources import InterventionResource, OrganisationResource
from netwerk.admin import OrganisationAdmin
from netwerk.models import Organisation

CAPACITY_FIELDS = ("capacity_status", "waiting_weeks")


class ImportExportPermissionMixin(ImportExportMixin):
    """CSV/XLSX import and export, allowed by the model's own permissions.

    django-import-export allows both to every staff member unless a setting says otherwise;
    here importing needs add and change permission, exporting needs view permission.
    """

    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    import_template_name = "admin/meldpunt/import.html"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # Also at the confirmed step: a row that fails there rolls everything back.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs


# --- managed lists -------------------------------------------------------------------------


class ManagedTermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "intervention_count"]
    list_editable = ["position"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "position"]
    ordering = ["position", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(intervention_count=Count("interventions"))

    @admin.display(description=_("aantal fiches"), ordering="intervention_count")
    def intervention_count(self, term):
        return term.intervention_count


admin.site.register(InterventionType, ManagedTermAdmin)
admin.site.register(TargetGroup, ManagedTermAdmin)
admin.site.register(EducationLevel, ManagedTermAdmin)


# --- fiches --------------------------------------------------------------------------------


class VerifiedFilter(admin.SimpleListFilter):
    title = _("Nagekeken")
    parameter_name = "nagekeken"

    def lookups(self, request, model_admin):
        return [
            ("verouderd", _("meer dan 12 maanden geleden of nooit")),
            ("recent", _("in de laatste 12 maanden")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "verouderd":
            return queryset.stale()
        if self.value() == "recent":
            return queryset.filter(last_verified__gte=timezone.now().date() - STALE_AFTER)
        return queryset


class LocationInline(admin.TabularInline):
    model = Location
    form = LocationInlineForm
    fields = ["kind", "name", "street_address", "postcode", "municipality"]
    extra = 0


@admin.register(Intervention)
class InterventionAdmin(ImportExportPermissionMixin, SimpleHistoryAdmin):
    form = InterventionAdminForm
    resource_classes = [InterventionResource]
    inlines = [LocationInline]
    list_display = [
        "name",
        "provider",
        "status",
        "capacity_badge",
        "waiting_weeks",
        "last_verified",
        "is_stale",
        "pending_change_requests",
    ]
    list_filter = [
        "status",
        "types",
        "education_levels",
        "capacity_status",
        VerifiedFilter,
        "is_demo",
    ]
    search_fields = ["name", "provider__name"]
    list_select_related = ["provider"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["types", "target_groups", "education_levels", "themes", "service_area"]
    readonly_fields = [
        "uuid",
        "capacity_updated_at",
        "verification_sent_at",
        "created_at",
        "updated_at",
        "change_requests_link",
    ]
    save_on_top = True
    fieldsets = [
        (None, {
            "fields": ["name", "slug", "provider", "summary", "status", "is_demo",
                       "change_requests_link"],
        }),
        (_("De fiche"), {
            "fields": ["goal", "what_happens", "target_group_description", "how_to_register"],
        }),
        (_("Soort aanbod en doelgroep"), {
            "fields": ["types", "approach", "target_groups", "education_levels",
                       ("age_min", "age_max"), "themes"],
        }),
        (_("Werkgebied"), {
            "fields": ["service_area", "add_regions", "add_province",
                       "eligible_by_domicile", "eligible_by_residence", "eligible_by_school",
                       "eligible_by_clb"],
            "description": _(
                "Een leerling komt in aanmerking als één van de aangevinkte plaatsen in het "
                "werkgebied ligt."
            ),
        }),
        (_("Praktisch"), {
            "fields": ["duration", "cost", "registration_route", "consent_required",
                       "consent_notes"],
        }),
        (_("Capaciteit"), {
            "fields": ["capacity_status", "waiting_weeks", "capacity_updated_at"],
        }),
        (_("Nakijken"), {"fields": ["last_verified", "verification_sent_at"]}),
        (_("Zelden nodig"), {
            "fields": ["absence_legitimised", "certificate_issued"],
            "classes": ["collapse"],
        }),
        (_("Technisch"), {
            "fields": ["uuid", "created_at", "updated_at"],
            "classes": ["collapse"],
        }),
    ]
    actions = ["publish", "archive", "mark_verified", "send_verification"]

    def get_queryset(self, request):
        pending = (
            ChangeRequest.objects.pending()
            .filter(intervention=OuterRef("pk"))
            .order_by()
            .values("intervention")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending_change_request_count=Coalesce(
                    Subquery(pending, output_field=IntegerField()), Value(0)
                )
            )
        )

    # --- columns

    @admin.display(description=_("capaciteit"), ordering="capacity_status")
    def capacity_badge(self, intervention):
        text = intervention.get_capacity_status_display()
        if intervention.waiting_weeks is not None and intervention.capacity_status in (
            Intervention.CapacityStatus.WAITING_LIST,
            Intervention.CapacityStatus.FULL,
            Intervention.CapacityStatus.LIMITED,
        ):
            text = gettext("%(status)s (± %(weeks)s weken)") % {
                "status": text,
                "weeks": intervention.waiting_weeks,
            }
        return text

    @admin.display(description=_("verouderd"), boolean=True)
    def is_stale(self, intervention):
        return intervention.is_stale

    @admin.display(description=_("voorstellen"), ordering="pending_change_request_count")
    def pending_change_requests(self, intervention):
        count = intervention.pending_change_request_count
        if not count:
            return "–"
        url = reverse("admin:meldpunt_changerequest_changelist")
        return format_html(
            '<a href="{}?intervention__id__exact={}&amp;status__exact=pending">{}</a>',
            url,
            intervention.pk,
            count,
        )

    @admin.display(description=_("wijzigingsvoorstellen"))
    def change_requests_link(self, intervention):
        if intervention is None or intervention.pk is None:
            return "–"
        count = intervention.change_requests.pending().count()
        url = reverse("admin:meldpunt_changerequest_changelist")
        text = ngettext(
            "%(count)s voorstel te behandelen",
            "%(count)s voorstellen te behandelen",
            count,
        ) % {"count": count}
        return format_html(
            '<a href="{}?intervention__id__exact={}">{}</a>', url, intervention.pk, text
        )

    # --- saving

    def save_model(self, request, obj, form, change):
        if change:
            before = (
                Intervention.objects.filter(pk=obj.pk).values_list(*CAPACITY_FIELDS).first()
            )
            capacity_changed = before != tuple(getattr(obj, name) for name in CAPACITY_FIELDS)
        else:
            capacity_changed = bool(set(CAPACITY_FIELDS) & set(form.changed_data))
        if capacity_changed:
            obj.set_capacity(obj.capacity_status, obj.waiting_weeks)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # After the form's own m2m save, or its service_area list would undo the additions.
        super().save_related(request, form, formsets, change)
        additions = list(form.service_area_additions())
        if additions:
            form.instance.service_area.add(*additions)

    # --- actions

    def _save_each(self, request, queryset, reason, **values):
        """Set ``values`` on every fiche that differs, one save each so history records it."""
        changed = 0
        for intervention in queryset.select_related("provider"):
            if all(getattr(intervention, name) == value for name, value in values.items()):
                continue
            for name, value in values.items():
                setattr(intervention, name, value)
            intervention._change_reason = reason
            intervention.save(update_fields=[*values, "updated_at"])
            changed += 1
        return changed

    @admin.action(description=_("Publiceren"), permissions=["change"])
    def publish(self, request, queryset):
        count = self._save_each(
            request, queryset, gettext("Gepubliceerd (bulkactie)"),
            status=Intervention.Status.PUBLISHED,
        )
        self.message_user(
            request,
            ngettext("%(count)s fiche gepubliceerd.", "%(count)s fiches gepubliceerd.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Archiveren"), permissions=["change"])
    def archive(self, request, queryset):
        count = self._save_each(
            request, queryset, gettext("Gearchiveerd (bulkactie)"),
            status=Intervention.Status.ARCHIVED,
        )
        self.message_user(
            request,
            ngettext("%(count)s fiche gearchiveerd.", "%(count)s fiches gearchiveerd.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Markeren als nagekeken (vandaag)"), permissions=["change"])
    def mark_verified(self, request, queryset):
        count = self._save_each(
            request, queryset, gettext("Nagekeken (bulkactie)"),
            last_verified=timezone.localdate(),
        )
        self.message_user(
            request,
            ngettext(
                "%(count)s fiche gemarkeerd als nagekeken.",
                "%(count)s fiches gemarkeerd als nagekeken.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Vraag tot nakijken nu versturen"), permissions=["change"])
    def send_verification(self, request, queryset):
        from meldpunt.verification import send_verification_request

        sent, without_address, failed = 0, [], []
        for intervention in queryset.select_related("provider"):
            try:
                if send_verification_request(intervention):
                    sent += 1
                elif not intervention.provider.email:
                    without_address.append(intervention.name)
                else:
                    failed.append(intervention.name)
            except (smtplib.SMTPException, OSError):
                failed.append(intervention.name)
        if sent:
            self.message_user(
                request,
                ngettext(
                    "Vraag tot nakijken verstuurd voor %(count)s fiche.",
                    "Vraag tot nakijken verstuurd voor %(count)s fiches.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )
        if without_address:
            self.message_user(
                request,
                ngettext(
                    "%(count)s fiche niet verstuurd: de aanbieder heeft geen e-mailadres "
                    "(%(names)s).",
                    "%(count)s fiches niet verstuurd: de aanbieder heeft geen e-mailadres "
                    "(%(names)s).",
                    len(without_address),
                )
                % {"count": len(without_address), "names": ", ".join(without_address)},
                messages.WARNING,
            )
        if failed:
            self.message_user(
                request,
                gettext("De mail kon niet vertrekken voor: %(names)s. Probeer later opnieuw.")
                % {"names": ", ".join(failed)},
                messages.ERROR,
            )


# --- change requests -----------------------------------------------------------------------


def _display(field, value):
    """A model field's value as staff read it."""
    if value is None or value == "":
        return "–"
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    return str(value)


def _proposed_text(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value) or "–"
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items()) or "–"
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    if value is None or value == "":
        return "–"
    return str(value)


def change_rows(change_request):
    """(label, current value, proposed value, applied automatically?) per proposed key."""
    intervention = change_request.intervention
    proposed = change_request.proposed_changes
    if not isinstance(proposed, dict):
        return [(gettext("voorstel"), "–", _proposed_text(proposed), False)]
    rows = []
    for key, value in proposed.items():
        field = applicable_field(key)
        if field is None:
            rows.append((str(key), "–", _proposed_text(value), False))
        elif field.many_to_many:
            current = ", ".join(str(item) for item in getattr(intervention, key).all())
            rows.append((str(field.verbose_name), current or "–", _proposed_text(value), True))
        else:
            rows.append((
                str(field.verbose_name),
                _display(field, getattr(intervention, field.attname)),
                _display(field, value) if not isinstance(value, (list, dict)) else
                _proposed_text(value),
                True,
            ))
    return rows


def accept_change_request(change_request, user):
    """Apply a pending change request to its fiche and mark it accepted, in one transaction.

    The proposed values pass a model form for the fields concerned, so they meet the same
    rules as an edit in the admin. Raises ``ValidationError`` (nothing changed) otherwise.
    Returns the keys that were not applied (no field a change request may change).
    """
    with transaction.atomic():
        change_request = (
            ChangeRequest.objects.select_for_update()
            .select_related("intervention")
            .get(pk=change_request.pk)
        )
        if change_request.status != ChangeRequest.Status.PENDING:
            raise ValidationError(
                gettext("Dit voorstel is al behandeld."), code="already_reviewed"
            )
        form, ignored = change_request_form(change_request)
        if not form.is_valid():
            reasons = []
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                reasons += [f"{label}: {message}" if label else message for message in errors]
            raise ValidationError(reasons, code="invalid")
        intervention = form.save(commit=False)
        if set(CAPACITY_FIELDS) & set(form.changed_data):
            intervention.set_capacity(intervention.capacity_status, intervention.waiting_weeks)
        if change_request.source == ChangeRequest.Source.PROVIDER:
            # The provider looked at the fiche: that counts as a verification.
            intervention.last_verified = timezone.localdate()
        intervention._change_reason = gettext("Wijzigingsvoorstel %(pk)s aanvaard") % {
            "pk": change_request.pk
        }
        intervention.save()
        form.save_m2m()
        change_request.status = ChangeRequest.Status.ACCEPTED
        change_request.reviewed_by = user
        change_request.reviewed_at = timezone.now()
        change_request.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return ignored


def reject_change_request(change_request, user):
    """Mark a pending change request rejected; returns False when it was already reviewed."""
    updated = ChangeRequest.objects.filter(
        pk=change_request.pk, status=ChangeRequest.Status.PENDING
    ).update(
        status=ChangeRequest.Status.REJECTED, reviewed_by=user, reviewed_at=timezone.now()
    )
    return bool(updated)


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = [
        "intervention",
        "source",
        "status",
        "created_at",
        "changed_fields",
        "reviewed_by",
    ]
    list_filter = ["status", "source"]
    search_fields = ["intervention__name", "message", "contact_email"]
    list_select_related = ["intervention", "reviewed_by"]
    fields = [
        "intervention",
        "source",
        "status",
        "created_at",
        "message",
        "contact_email",
        "changes_table",
        "reviewed_by",
        "reviewed_at",
    ]
    readonly_fields = fields
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        # Change requests come from the public form and the provider's page only.
        return False

    def get_queryset(self, request):
        # Pending first, then newest first. The annotation comes before the ordering that
        # ModelAdmin.get_queryset would apply, so it is built here.
        return (
            self.model._default_manager.get_queryset()
            .annotate(
                not_pending=Case(
                    When(status=ChangeRequest.Status.PENDING, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        return ["not_pending", "-created_at"]

    def changelist_view(self, request, extra_context=None):
        pending = ChangeRequest.objects.pending().count()
        extra_context = {
            "title": ngettext(
                "Wijzigingsvoorstellen: %(count)s te behandelen",
                "Wijzigingsvoorstellen: %(count)s te behandelen",
                pending,
            )
            % {"count": pending},
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("voorgestelde wijzigingen"))
    def changed_fields(self, change_request):
        proposed = change_request.proposed_changes
        if not isinstance(proposed, dict) or not proposed:
            return "–"
        labels = []
        for key in proposed:
            field = applicable_field(key)
            labels.append(str(field.verbose_name) if field is not None else str(key))
        return ", ".join(labels)

    @admin.display(description=_("wat zou veranderen"))
    def changes_table(self, change_request):
        rows = change_rows(change_request)
        if not rows:
            return gettext("Geen wijzigingen voorgesteld; zie de toelichting.")
        body = format_html_join(
            "",
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    label,
                    current,
                    proposed,
                    gettext("ja") if applied else gettext("nee, alleen ter info"),
                )
                for label, current, proposed, applied in rows
            ),
        )
        return format_html(
            "<table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>"
            "<th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
            "</tr></thead><tbody>{}</tbody></table>",
            gettext("Voorgestelde wijzigingen aan de fiche"),
            gettext("veld"),
            gettext("nu"),
            gettext("voorgesteld"),
            gettext("wordt toegepast"),
            body,
        )

    def _can_review(self, request):
        return self.has_change_permission(request) and request.user.has_perm(
            "meldpunt.change_intervention"
        )

    @admin.action(description=_("Aanvaarden en toepassen op de fiche"), permissions=["review"])
    def accept(self, request, queryset):
        accepted = 0
        for change_request in queryset.select_related("intervention"):
            try:
                ignored = accept_change_request(change_request, request.user)
            except ValidationError as error:
                self.message_user(
                    request,
                    gettext("Niet aanvaard: %(request)s. %(reasons)s")
                    % {"request": change_request, "reasons": " ".join(error.messages)},
                    messages.ERROR,
                )
                continue
            except IntegrityError:
                self.message_user(
                    request,
                    gettext("Niet aanvaard: %(request)s. De waarden passen niet in de fiche.")
                    % {"request": change_request},
                    messages.ERROR,
                )
                continue
            accepted += 1
            if ignored:
                self.message_user(
                    request,
                    gettext(
                        "%(request)s: niet automatisch toegepast (pas de fiche zelf aan "
                        "indien nodig): %(keys)s."
                    )
                    % {"request": change_request, "keys": ", ".join(map(str, ignored))},
                    messages.WARNING,
                )
        if accepted:
            self.message_user(
                request,
                ngettext(
                    "%(count)s voorstel aanvaard en toegepast.",
                    "%(count)s voorstellen aanvaard en toegepast.",
                    accepted,
                )
                % {"count": accepted},
                messages.SUCCESS,
            )

    @admin.action(description=_("Afwijzen"), permissions=["review"])
    def reject(self, request, queryset):
        rejected = sum(
            reject_change_request(change_request, request.user) for change_request in queryset
        )
        self.message_user(
            request,
            ngettext(
                "%(count)s voorstel afgewezen.", "%(count)s voorstellen afgewezen.", rejected
            )
            % {"count": rejected},
            messages.SUCCESS,
        )

    def has_review_permission(self, request):
        return self._can_review(request)

    # Accept/reject buttons on the change page (see the change_form template).
    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and ("_accept" in request.POST or "_reject" in request.POST):
            return self._review_from_change_page(request, object_id)
        change_request = self.get_object(request, object_id)
        extra_context = {
            # Every field is read-only: the request is handled with the buttons, not saved.
            "show_save": False,
            "show_save_and_continue": False,
            "can_review": change_request is not None
            and change_request.status == ChangeRequest.Status.PENDING
            and self._can_review(request),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _review_from_change_page(self, request, object_id):
        if not self._can_review(request):
            raise PermissionDenied
        change_request = self.get_object(request, object_id)
        if change_request is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        queryset = ChangeRequest.objects.filter(pk=change_request.pk)
        if "_accept" in request.POST:
            self.accept(request, queryset)
        else:
            self.reject(request, queryset)
        return HttpResponseRedirect(
            reverse("admin:meldpunt_changerequest_change", args=[change_request.pk])
        )


# --- organisations: the network app's admin, plus import and export ------------------------

# netwerk must not import meldpunt (where the resource lives, next to the fiche's), so the
# import/export variant of its admin is registered from here.
admin.site.unregister(Organisation)


@admin.register(Organisation)
class OrganisationImportExportAdmin(ImportExportPermissionMixin, OrganisationAdmin):
    resource_classes = [OrganisationResource]


# The referral desk registers its own models.
from meldpunt.desk import admin as desk_admin  # noqa: E402,F401
