"""Import and export of organisations and fiches (django-import-export), CSV and XLSX.

Rows are matched on ``slug``. Related lists are written as slugs separated by commas; the
service area as municipality names or NIS codes. Every value that does not fit is reported
per row with a Dutch message, and an import with any bad row changes nothing: the whole
import runs in one transaction that is rolled back (``import_data`` defaults
``rollback_on_validation_errors`` to True here, and the admin shows the dry run first).
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from meldpunt.forms import AGE_RANGE_MESSAGE
from meldpunt.models import (
    CapacityStatus,
    EducationLevel,
    Intervention,
    InterventionType,
    TargetGroup,
)
from netwerk.geography import normalise
from netwerk.models import Municipality, Organisation, Theme

LIST_SEPARATORS = (",", ";")


def _split(value):
    text = "" if value is None else str(value)
    for separator in LIST_SEPARATORS[1:]:
        text = text.replace(separator, LIST_SEPARATORS[0])
    return [part.strip() for part in text.split(LIST_SEPARATORS[0]) if part.strip()]


def _cell_text(value):
    """A cell as text: spreadsheets hand over numbers (a postcode, a phone) as floats."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# --- widgets: strict, with Dutch messages -------------------------------------------------


class TextWidget(widgets.Widget):
    """Text that is never None (the columns are NOT NULL), trimmed."""

    def clean(self, value, row=None, **kwargs):
        return _cell_text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class WholeNumberWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = _cell_text(value)
        if not text:
            return None
        try:
            number = int(text)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is geen geheel getal.") % {"value": text}
            ) from None
        if number < 0:
            raise ValueError(_("Een negatief getal kan hier niet: %(value)s.") % {"value": text})
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class YesNoWidget(widgets.Widget):
    """ja/nee (also 1/0, true/false, waar/onwaar); empty means unknown when ``nullable``."""

    TRUE = {"ja", "j", "1", "true", "waar", "yes", "x"}
    FALSE = {"nee", "n", "0", "false", "onwaar", "no"}

    def __init__(self, nullable=False):
        super().__init__()
        self.nullable = nullable

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = _cell_text(value).casefold()
        if not text:
            if self.nullable:
                return None
            raise ValueError(_("Vul ja of nee in."))
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("“%(value)s” is geen ja of nee.") % {"value": _cell_text(value)})

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "ja" if value else "nee"


class ChoiceWidget(widgets.Widget):
    """A choice by its stored value or its Dutch label, case and accents ignored."""

    def __init__(self, choices, blank=False):
        super().__init__()
        self.choices = choices
        self.blank = blank

    def clean(self, value, row=None, **kwargs):
        text = _cell_text(value)
        allowed = ", ".join(str(code) for code, _label in self.choices.choices)
        if not text:
            if self.blank:
                return ""
            raise ValueError(_("Vul een waarde in. Mogelijk: %(allowed)s.") % {"allowed": allowed})
        key = normalise(text)
        for code, label in self.choices.choices:
            if key in (normalise(code), normalise(label)):
                return code
        raise ValueError(
            _("“%(value)s” kan hier niet. Mogelijk: %(allowed)s.")
            % {"value": text, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class DutchDateWidget(widgets.Widget):
    """2025-03-31 or 31/03/2025 (never the American month-first order)."""

    FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = _cell_text(value)
        if not text:
            return None
        for date_format in self.FORMATS:
            try:
                return datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is geen datum. Schrijf bijvoorbeeld 2025-03-31 of 31/03/2025.")
            % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    def __init__(self, model, required=True):
        super().__init__(model, field="slug")
        self.required = required

    def clean(self, value, row=None, **kwargs):
        slug = _cell_text(value)
        if not slug:
            if self.required:
                raise ValueError(
                    _("Vul de slug van een %(model)s in.")
                    % {"model": self.model._meta.verbose_name}
                )
            return None
        try:
            return self.model.objects.get(slug=slug)
        except self.model.DoesNotExist:
            raise ValueError(
                _("Geen %(model)s met slug “%(slug)s”.")
                % {"model": self.model._meta.verbose_name, "slug": slug}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.slug if value is not None else ""


class SlugListWidget(widgets.ManyToManyWidget):
    """Slugs separated by commas; every slug must exist."""

    def __init__(self, model, required=False):
        super().__init__(model, separator=",", field="slug")
        self.required = required

    def clean(self, value, row=None, **kwargs):
        slugs = _split(value)
        if not slugs:
            if self.required:
                raise ValueError(
                    _("Vul minstens één %(model)s in (slugs, gescheiden door komma's).")
                    % {"model": self.model._meta.verbose_name}
                )
            return self.model.objects.none()
        found = {obj.slug: obj for obj in self.model.objects.filter(slug__in=slugs)}
        unknown = [slug for slug in slugs if slug not in found]
        if unknown:
            raise ValueError(
                _("Onbekende %(model)s: %(values)s.")
                % {"model": self.model._meta.verbose_name, "values": ", ".join(unknown)}
            )
        return list(found.values())

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(sorted(item.slug for item in value.all()))


def _municipality_lookup():
    by_key = {}
    for municipality in Municipality.objects.all():
        by_key[municipality.nis_code] = municipality
        by_key[municipality.search_name] = municipality
    return by_key


def _find_municipality(lookup, text):
    return lookup.get(text) or lookup.get(normalise(text))


class MunicipalityListWidget(widgets.ManyToManyWidget):
    """Municipality names or NIS codes, separated by commas."""

    def __init__(self):
        super().__init__(Municipality, separator=",", field="name")

    def clean(self, value, row=None, **kwargs):
        entries = _split(value)
        if not entries:
            return Municipality.objects.none()
        lookup = _municipality_lookup()
        found, unknown = {}, []
        for entry in entries:
            municipality = _find_municipality(lookup, entry)
            if municipality is None:
                unknown.append(entry)
            else:
                found[municipality.pk] = municipality
        if unknown:
            raise ValueError(
                _("Geen gemeente van Vlaams-Brabant: %(values)s.") % {"values": ", ".join(unknown)}
            )
        return list(found.values())

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(sorted(item.name for item in value.all()))


class MunicipalityWidget(widgets.ForeignKeyWidget):
    """One municipality by name or NIS code; empty is allowed."""

    def __init__(self):
        super().__init__(Municipality, field="name")

    def clean(self, value, row=None, **kwargs):
        text = _cell_text(value)
        if not text:
            return None
        municipality = _find_municipality(_municipality_lookup(), text)
        if municipality is None:
            raise ValueError(_("Geen gemeente van Vlaams-Brabant: %(value)s.") % {"value": text})
        return municipality

    def render(self, value, obj=None, **kwargs):
        return value.name if value is not None else ""


# --- resources ------------------------------------------------------------------------------


def _text(name):
    return fields.Field(attribute=name, column_name=name, widget=TextWidget())


class StrictResource(resources.ModelResource):
    """Shared behaviour: all-or-nothing imports, m2m values checked before anything is saved."""

    def import_data(self, dataset, *args, rollback_on_validation_errors=True, **kwargs):
        # One bad row rolls back the whole import (not only rows that raised exceptions).
        return super().import_data(
            dataset, *args, rollback_on_validation_errors=rollback_on_validation_errors, **kwargs
        )

    def import_instance(self, instance, row, **kwargs):
        # django-import-export saves m2m values after the instance and reports their errors
        # as crashes; check them here so they show up as row errors like the others.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                continue
            if field.readonly or field.column_name not in row:
                continue
            try:
                field.clean(row, **kwargs)
            except ValueError as error:
                errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)


class OrganisationResource(StrictResource):
    slug = _text("slug")
    name = _text("name")
    kind = fields.Field(
        attribute="kind", column_name="kind", widget=ChoiceWidget(Organisation.Kind)
    )
    description = _text("description")
    website = _text("website")
    email = _text("email")
    phone = _text("phone")
    street_address = _text("street_address")
    postcode = _text("postcode")
    municipality = fields.Field(
        attribute="municipality", column_name="municipality", widget=MunicipalityWidget()
    )
    is_demo = fields.Field(attribute="is_demo", column_name="is_demo", widget=YesNoWidget())

    class Meta:
        model = Organisation
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "kind",
            "description",
            "website",
            "email",
            "phone",
            "street_address",
            "postcode",
            "municipality",
            "is_demo",
        ]
        export_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = False

    def get_queryset(self):
        return super().get_queryset().select_related("municipality")

    def export(self, queryset=None, **kwargs):
        if queryset is not None:
            queryset = queryset.select_related("municipality")
        return super().export(queryset, **kwargs)


class InterventionResource(StrictResource):
    slug = _text("slug")
    name = _text("name")
    provider = fields.Field(
        attribute="provider", column_name="provider", widget=SlugForeignKeyWidget(Organisation)
    )
    summary = _text("summary")
    goal = _text("goal")
    what_happens = _text("what_happens")
    target_group_description = _text("target_group_description")
    how_to_register = _text("how_to_register")
    types = fields.Field(
        attribute="types",
        column_name="types",
        widget=SlugListWidget(InterventionType, required=True),
    )
    approach = fields.Field(
        attribute="approach",
        column_name="approach",
        widget=ChoiceWidget(Intervention.Approach, blank=True),
    )
    target_groups = fields.Field(
        attribute="target_groups", column_name="target_groups", widget=SlugListWidget(TargetGroup)
    )
    education_levels = fields.Field(
        attribute="education_levels",
        column_name="education_levels",
        widget=SlugListWidget(EducationLevel),
    )
    age_min = fields.Field(attribute="age_min", column_name="age_min", widget=WholeNumberWidget())
    age_max = fields.Field(attribute="age_max", column_name="age_max", widget=WholeNumberWidget())
    themes = fields.Field(attribute="themes", column_name="themes", widget=SlugListWidget(Theme))
    service_area = fields.Field(
        attribute="service_area", column_name="service_area", widget=MunicipalityListWidget()
    )
    eligible_by_domicile = fields.Field(
        attribute="eligible_by_domicile", column_name="eligible_by_domicile", widget=YesNoWidget()
    )
    eligible_by_residence = fields.Field(
        attribute="eligible_by_residence",
        column_name="eligible_by_residence",
        widget=YesNoWidget(),
    )
    eligible_by_school = fields.Field(
        attribute="eligible_by_school", column_name="eligible_by_school", widget=YesNoWidget()
    )
    eligible_by_clb = fields.Field(
        attribute="eligible_by_clb", column_name="eligible_by_clb", widget=YesNoWidget()
    )
    duration = _text("duration")
    cost = _text("cost")
    registration_route = fields.Field(
        attribute="registration_route",
        column_name="registration_route",
        widget=ChoiceWidget(Intervention.RegistrationRoute),
    )
    consent_required = fields.Field(
        attribute="consent_required", column_name="consent_required", widget=YesNoWidget()
    )
    consent_notes = _text("consent_notes")
    absence_legitimised = fields.Field(
        attribute="absence_legitimised",
        column_name="absence_legitimised",
        widget=YesNoWidget(nullable=True),
    )
    certificate_issued = fields.Field(
        attribute="certificate_issued",
        column_name="certificate_issued",
        widget=YesNoWidget(nullable=True),
    )
    capacity_status = fields.Field(
        attribute="capacity_status",
        column_name="capacity_status",
        widget=ChoiceWidget(Intervention.CapacityStatus),
    )
    waiting_weeks = fields.Field(
        attribute="waiting_weeks", column_name="waiting_weeks", widget=WholeNumberWidget()
    )
    status = fields.Field(
        attribute="status", column_name="status", widget=ChoiceWidget(Intervention.Status)
    )
    last_verified = fields.Field(
        attribute="last_verified", column_name="last_verified", widget=DutchDateWidget()
    )
    is_demo = fields.Field(attribute="is_demo", column_name="is_demo", widget=YesNoWidget())

    M2M_FIELDS = ["types", "target_groups", "education_levels", "themes", "service_area"]

    class Meta:
        model = Intervention
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "provider",
            "summary",
            "goal",
            "what_happens",
            "target_group_description",
            "how_to_register",
            "types",
            "approach",
            "target_groups",
            "education_levels",
            "age_min",
            "age_max",
            "themes",
            "service_area",
            "eligible_by_domicile",
            "eligible_by_residence",
            "eligible_by_school",
            "eligible_by_clb",
            "duration",
            "cost",
            "registration_route",
            "consent_required",
            "consent_notes",
            "absence_legitimised",
            "certificate_issued",
            "capacity_status",
            "waiting_weeks",
            "status",
            "last_verified",
            "is_demo",
        ]
        export_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = False

    def get_queryset(self):
        return super().get_queryset().select_related("provider")

    def export(self, queryset=None, **kwargs):
        # One query per related list for the whole export, not one per fiche.
        if queryset is not None:
            queryset = queryset.select_related("provider").prefetch_related(*self.M2M_FIELDS)
        return super().export(queryset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The database constraints carry developer messages; say it in Dutch first.
        errors = dict(import_validation_errors or {})
        if (
            "age_min" not in errors
            and "age_max" not in errors
            and instance.age_min is not None
            and instance.age_max is not None
            and instance.age_min > instance.age_max
        ):
            errors["age_max"] = [ValidationError(str(AGE_RANGE_MESSAGE), code="age_range")]
        if "age_max" not in errors and instance.age_max is not None and instance.age_max > 30:
            errors["age_max"] = [
                ValidationError(_("De leeftijd kan hoogstens 30 jaar zijn."), code="age_max")
            ]
        if (
            "waiting_weeks" not in errors
            and instance.waiting_weeks is not None
            and instance.waiting_weeks > 104
        ):
            errors["waiting_weeks"] = [
                ValidationError(
                    _("De wachttijd kan hoogstens 104 weken (twee jaar) zijn."),
                    code="waiting_weeks_max",
                )
            ]
        super().validate_instance(instance, errors, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        # The capacity date tells searchers how fresh the capacity is: touch it only when the
        # capacity itself changes.
        before = (
            Intervention.objects.filter(pk=instance.pk)
            .values("capacity_status", "waiting_weeks")
            .first()
            if instance.pk
            else None
        )
        if before is None:
            changed = (
                instance.capacity_status != CapacityStatus.UNKNOWN
                or instance.waiting_weeks is not None
            )
        else:
            changed = (before["capacity_status"], before["waiting_weeks"]) != (
                instance.capacity_status,
                instance.waiting_weeks,
            )
        if changed:
            instance.capacity_updated_at = timezone.now()
