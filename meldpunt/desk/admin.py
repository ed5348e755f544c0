"""The desk's back office (Meldpunt group only): worklists, one case one timeline.

- The list of cases is filtered by worklist (``meldpunt.desk.worklists``) and sorted by
  urgency and age; the counts per worklist show on the list and on the admin index.
- A case's page shows the case, its repeat referrals, its dispatch attempts with their answers
  and its timeline, with one small form per move (take in review, dispatch, record an
  answer, withdraw, started or not, close, note, assign to me). Each form posts to its own
  URL and calls ``meldpunt.desk.flow``; status and follow-up fields are read-only in the
  data form, so nothing bypasses the flow.
- Who may see a case follows the model permissions, which only the Meldpunt role holds
  (``netwerk.roles``). Every opening of a case (page, history, an action, the delete page) is
  logged in ``ReferralView``, without pupil data. Admin views send ``Cache-Control:
  no-store`` (``AdminSite.admin_view`` wraps them in ``never_cache``).
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from meldpunt.desk import flow, worklists
from meldpunt.desk.admin_forms import ACTION_FORMS, ACTIONS, DispatchForm, ReferralAdminForm
from meldpunt.desk.models import (
    DeclineReason,
    Dispatch,
    DispatchAnswer,
    Referral,
    ReferralReason,
    ReferralView,
)

DISPATCH_RELATED = ["intervention", "provider", "decline_reason", "sent_by"]


def log_access(request, referral, action):
    """One line in the access log: who, when, which case, which page (ids only)."""
    ReferralView.objects.create(
        referral=referral,
        reference=referral.reference,
        user=request.user,
        action=action,
        path=request.path[:300],
    )


def worklist_url(slug=None):
    url = reverse("admin:meldpunt_referral_changelist")
    return f"{url}?{urlencode({WorklistFilter.parameter_name: slug})}" if slug else url


def worklist_counts(request):
    """The counts of every worklist, computed once per request (one query)."""
    if not hasattr(request, "_desk_worklist_counts"):
        request._desk_worklist_counts = worklists.counts()
    return request._desk_worklist_counts


class WorklistFilter(admin.SimpleListFilter):
    title = _("werklijst")
    parameter_name = "werklijst"

    def lookups(self, request, model_admin):
        counts = worklist_counts(request)
        return [
            (worklist.slug, f"{worklist.label} ({counts[worklist.slug]})")
            for worklist in worklists.WORKLISTS
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if worklists.get(value) is None:
            raise IncorrectLookupParameters(f"Unknown worklist {value!r}")
        return worklists.filter_worklist(queryset, value)


class AssignedFilter(admin.SimpleListFilter):
    title = _("dossierbeheerder")
    parameter_name = "beheerder"

    def lookups(self, request, model_admin):
        return [("mij", _("ik")), ("niemand", _("nog niemand"))]

    def queryset(self, request, queryset):
        if self.value() == "mij":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "niemand":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


# Fields that change only through the flow (the action forms), never in the data form.
FLOW_FIELDS = [
    "reference",
    "kind",
    "status",
    "assigned_to",
    "created_at",
    "closed_at",
    "started_on",
    "not_started_reason",
    "advice_only",
    "outcome",
    "purged_at",
    "is_demo",
    "updated_at",
]
REFERRER_FIELDS = [
    "referrer_name",
    "referrer_organisation",
    "referrer_role",
    "referrer_email",
    "referrer_phone",
    "contact_role",
    "clb",
]
PUPIL_FIELDS = [
    "pupil_first_name",
    "pupil_initial",
    "pupil_birth_month",
    "pupil_birth_year",
    "pupil_gender",
    "pupil_municipality",
    "education_level",
    "education_form",
    "school_year",
    "disciplinary_procedure",
    "in_care",
]
QUESTION_FIELDS = [
    "reasons",
    "background",
    "care_phase",
    "care_given",
    "preferred_interventions",
    "question",
    "consult_kind",
]
# What the repeat key is computed from.
REPEAT_KEY_SOURCES = {
    "pupil_first_name", "pupil_initial", "pupil_birth_year", "pupil_birth_month", "pupil_gender",
}


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    form = ReferralAdminForm

    def has_change_permission(self, request, obj=None):
        # A purged case is history: what is left serves the figures and is no longer edited.
        if obj is not None and obj.purged_at is not None:
            return False
        return super().has_change_permission(request, obj)
    list_display = [
        "reference",
        "kind",
        "status",
        "urgency",
        "school",
        "referrer_organisation",
        "assigned_to",
        "waiting_on",
        "created_at",
    ]
    list_filter = [WorklistFilter, "status", "kind", "urgency", AssignedFilter]
    list_select_related = ["assigned_to", "school_municipality"]
    # Never the pupil's name: a list is not the place to look a pupil up.
    search_fields = ["reference", "school_name", "referrer_organisation", "referrer_name"]
    # The worklist order (ReferralQuerySet.worklist_order): most urgent, then oldest.
    ordering = ["-urgency", "created_at"]
    list_per_page = 50
    show_full_result_count = False

    # --- queries ----------------------------------------------------------------------------

    def get_queryset(self, request):
        pending = (
            Dispatch.objects.filter(referral=OuterRef("pk"), answer=DispatchAnswer.PENDING)
            .order_by()
            .values("referral")
            .annotate(count=Count("pk"))
            .values("count")
        )
        overdue = flow.overdue_dispatches(timezone.localdate()).filter(referral=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .select_related(
                "assigned_to", "clb", "school_municipality", "pupil_municipality",
                "education_level", "not_started_reason",
            )
            .annotate(pending_count=Coalesce(Subquery(pending), 0), is_overdue=Exists(overdue))
        )

    # --- list -------------------------------------------------------------------------------

    @admin.display(description=_("school"), ordering="school_name")
    def school(self, referral):
        if referral.school_municipality_id:
            return f"{referral.school_name or '–'} ({referral.school_municipality.name})"
        return referral.school_name or "–"

    @admin.display(description=_("wacht op antwoord"), ordering="pending_count")
    def waiting_on(self, referral):
        if not referral.pending_count:
            return "–"
        text = ngettext("%(count)s aanbieder", "%(count)s aanbieders", referral.pending_count) % {
            "count": referral.pending_count
        }
        if referral.is_overdue:
            return format_html('{} <strong class="desk-late">{}</strong>', text, gettext("te laat"))
        return text

    def get_actions(self, request):
        # No bulk deletion of cases: one case at a time, from its own page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def changelist_view(self, request, extra_context=None):
        counts = worklist_counts(request)
        current = request.GET.get(WorklistFilter.parameter_name, "")
        tabs = [
            {
                "label": worklist.label,
                "description": worklist.description,
                "count": counts[worklist.slug],
                "url": worklist_url(worklist.slug),
                "current": worklist.slug == current,
            }
            for worklist in worklists.WORKLISTS
        ]
        chosen = worklists.get(current)
        extra_context = {
            "title": gettext("Werklijst: %(name)s") % {"name": chosen.label} if chosen else
            gettext("Alle aanmeldingen"),
            "desk_worklists": tabs,
            "desk_all_url": worklist_url(),
            "desk_all_current": not current,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    # --- the case's data form ---------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            dossier = (None, {"fields": ["kind", "urgency"]})
        else:
            dossier = (_("Dossier"), {"fields": [
                "reference", "kind", "status", "urgency", "assigned_to", "created_at",
                "closed_at",
            ]})
        fieldsets = [
            dossier,
            (_("Aanmelder"), {"fields": REFERRER_FIELDS}),
            (_("School"), {"fields": ["school_name", "school_municipality"]}),
            (_("Leerling"), {
                "fields": PUPIL_FIELDS,
                "description": _("Alleen wat het doorsturen en de cijfers nodig hebben: "
                                 "nooit een volledige naam, adres of rijksregisternummer."),
            }),
            (_("Vraag"), {"fields": QUESTION_FIELDS}),
            (_("Toestemming"), {"fields": ["consent_by", "consent_date"]}),
        ]
        if obj is not None:
            fieldsets += [
                (_("Opvolging"), {
                    "fields": ["started_on", "not_started_reason", "advice_only", "outcome"],
                    "description": _("Verandert alleen met de knoppen bovenaan de pagina."),
                }),
                (_("Technisch"), {
                    "fields": ["purged_at", "is_demo", "updated_at"],
                    "classes": ["collapse"],
                }),
            ]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = list(FLOW_FIELDS)
        if obj.purged_at:
            # The retention purge blanked these; they are not to be filled in again.
            readonly += [
                name for name in Referral.PUPIL_FIELDS + Referral.FREE_TEXT_FIELDS
                if name != "repeat_key"
            ]
        return readonly

    def save_model(self, request, obj, form, change):
        if not change:
            flow.register(
                obj,
                reasons=form.cleaned_data.get("reasons", []),
                preferred=form.cleaned_data.get("preferred_interventions", []),
            )
            log_access(request, obj, ReferralView.Action.CHANGE)
            return
        changed = [
            name for name in form.changed_data
            if not form.instance._meta.get_field(name).many_to_many
        ]
        if REPEAT_KEY_SOURCES & set(changed):
            flow.rekey(obj)
            changed += ["repeat_key", "pupil_case"]
        if changed:
            # Only the fields of the form: a status changed meanwhile (a provider answered
            # through the link) is not overwritten with the value this page was loaded with.
            obj.save(update_fields=[*changed, "updated_at"])
        if form.changed_data:
            labels = [str(form.fields[name].label) for name in form.changed_data]
            flow.add_note(obj, gettext("Gegevens aangepast: %(fields)s.")
                          % {"fields": ", ".join(labels)}, request.user)
        log_access(request, obj, ReferralView.Action.CHANGE)

    # --- one case, one timeline -------------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None and not add:
            log_access(request, obj, ReferralView.Action.VIEW)
            context.update(self.case_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def case_context(self, request, referral):
        """The case page's panels: summary, actions, dispatches, repeats, timeline."""
        dispatches = list(referral.dispatches.select_related(*DISPATCH_RELATED))
        events = list(referral.events.select_related("actor", "dispatch__provider"))
        preferred = list(referral.preferred_interventions.select_related("provider"))
        reasons = list(referral.reasons.all())
        repeats = list(flow.repeats(referral)[:20])
        today = timezone.localdate()
        forms = []
        if self.has_change_permission(request, referral):
            for form_class in ACTION_FORMS:
                if not form_class.available(referral, dispatches, request.user):
                    continue
                extra = {"preferred": preferred} if form_class is DispatchForm else {}
                form = form_class(referral, dispatches=dispatches, user=request.user, **extra)
                form.action_url = reverse(
                    "admin:meldpunt_referral_action", args=[referral.pk, form.slug]
                )
                forms.append(form)
        return {
            "case": referral,
            "case_age": referral.age_on(today),
            "case_days": (today - timezone.localdate(referral.created_at)).days,
            "case_dispatches": dispatches,
            "case_events": events,
            "case_preferred": preferred,
            "case_reasons": reasons,
            "case_repeats": repeats,
            "case_forms": forms,
            "today": today,
        }

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._log_opened(request, response)
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        if request.method != "POST":
            self._log_opened(request, response)
        return response

    def _log_opened(self, request, response):
        context = getattr(response, "context_data", None) or {}
        referral = context.get("object")
        if isinstance(referral, Referral):
            log_access(request, referral, ReferralView.Action.VIEW)

    # --- the actions ------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/actie/<slug:action>/",
                self.admin_site.admin_view(self.action_view),
                name="meldpunt_referral_action",
            ),
            *super().get_urls(),
        ]

    def action_view(self, request, object_id, action):
        """GET: the action's form on its own page; POST: carry it out through the flow."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        form_class = ACTIONS.get(action)
        if form_class is None:
            raise Http404(gettext("Deze handeling bestaat niet."))
        referral = self.get_object(request, unquote(object_id))
        if referral is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, referral):
            raise PermissionDenied
        dispatches = list(referral.dispatches.select_related(*DISPATCH_RELATED))
        kwargs = {"dispatches": dispatches, "user": request.user}
        change_url = reverse("admin:meldpunt_referral_change", args=[referral.pk])
        if request.method == "POST":
            log_access(request, referral, ReferralView.Action.CHANGE)
            form = form_class(referral, request.POST, **kwargs)
            if form.is_valid():
                try:
                    with transaction.atomic():
                        results = form.perform(request.user)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    for level, text in results:
                        messages.add_message(request, level, text)
                    return HttpResponseRedirect(change_url)
        else:
            log_access(request, referral, ReferralView.Action.VIEW)
            form = form_class(referral, **kwargs)
            if not form_class.available(referral, dispatches, request.user):
                messages.warning(
                    request,
                    gettext("Deze stap past niet bij de huidige status (%(status)s).")
                    % {"status": referral.get_status_display()},
                )
        context = {
            **self.admin_site.each_context(request),
            "title": form.title,
            "subtitle": referral.reference,
            "opts": self.opts,
            "original": referral,
            "form": form,
            "change_url": change_url,
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/meldpunt/referral/action.html", context)


@admin.register(ReferralView)
class ReferralViewAdmin(admin.ModelAdmin):
    """The access log, read-only: who opened which case when."""

    list_display = ["at", "user", "action", "reference", "path"]
    list_filter = ["action"]
    list_select_related = ["user"]
    search_fields = ["reference", "user__username"]
    fields = ["at", "user", "action", "reference", "referral", "path"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReferralReason, DeclineReason)
class DeskListAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "position"]
    ordering = ["position", "name"]
