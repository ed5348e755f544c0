"""Back-office forms of the directory: the fiche in the admin, and applying a change request."""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from meldpunt.models import Intervention, Location
from netwerk.forms import normalise_postcode
from netwerk.geography import normalise
from netwerk.models import Municipality, Region

AGE_RANGE_MESSAGE = _("De leeftijd “tot en met” moet minstens even groot zijn als “vanaf”.")


def check_age_range(form, instance):
    """Add a Dutch error when age_min > age_max, with the instance's value for a missing one.

    The database refuses such a range too, but with a message meant for developers.
    """
    data = form.cleaned_data
    age_min = data["age_min"] if "age_min" in form.fields else instance.age_min
    age_max = data["age_max"] if "age_max" in form.fields else instance.age_max
    if age_min is not None and age_max is not None and age_min > age_max:
        field = "age_max" if "age_max" in form.fields else "age_min"
        form.add_error(field, forms.ValidationError(AGE_RANGE_MESSAGE, code="age_range"))


class RegionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, region):
        return _("%(name)s (%(count)s gemeenten)") % {
            "name": region.name,
            "count": region.municipality_count,
        }


class InterventionAdminForm(forms.ModelForm):
    """The fiche, plus two shortcuts to fill the service area in one step."""

    add_regions = RegionChoiceField(
        queryset=Region.objects.annotate(municipality_count=Count("municipalities")),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Regio's toevoegen"),
        help_text=_(
            "Voegt bij het bewaren alle gemeenten van de aangevinkte regio's toe aan het "
            "werkgebied. Gemeenten die er al in staan, blijven staan."
        ),
    )
    add_province = forms.BooleanField(
        required=False,
        label=_("Heel Vlaams-Brabant"),
        help_text=_(
            "Voegt bij het bewaren alle gemeenten van de provincie toe aan het werkgebied."
        ),
    )

    class Meta:
        model = Intervention
        fields = "__all__"

    def clean(self):
        cleaned_data = super().clean()
        check_age_range(self, self.instance)
        return cleaned_data

    def service_area_additions(self):
        """The municipalities the shortcuts add (an empty queryset when none is ticked)."""
        if self.cleaned_data.get("add_province"):
            return Municipality.objects.all()
        regions = self.cleaned_data.get("add_regions")
        if regions:
            return Municipality.objects.filter(regions__in=regions).distinct()
        return Municipality.objects.none()


# --- change requests ---------------------------------------------------------------------

# Fields a change request may never touch: publication, identity and bookkeeping stay with
# the Meldpunt's own edits.
PROTECTED_FIELDS = {
    "provider",
    "slug",
    "status",
    "is_demo",
    "last_verified",
    "capacity_updated_at",
}


def applicable_field(name):
    """The Intervention field a change request key may change, or None."""
    if name in PROTECTED_FIELDS:
        return None
    try:
        field = Intervention._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or a reverse relation name
        return None
    if not getattr(field, "editable", False) or field.auto_created or not field.concrete:
        return None
    return field


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [str(part).strip() for part in value if str(part).strip()]
    return [str(value)]


def resolve_related(field, value):
    """Primary keys for an m2m value given as slugs, names, pks (or NIS codes for places).

    Raises ``forms.ValidationError`` naming the entries that match nothing.
    """
    model = field.related_model
    wanted = _as_list(value)
    found = {}
    unknown = []
    candidates = list(model.objects.all())
    for entry in wanted:
        key = normalise(entry)
        match = None
        for obj in candidates:
            exact = {str(obj.pk), getattr(obj, "slug", None), getattr(obj, "nis_code", None)}
            if entry in exact or normalise(str(obj)) == key:
                match = obj
                break
        if match is None:
            unknown.append(entry)
        else:
            found[match.pk] = match
    if unknown:
        raise forms.ValidationError(
            _("%(field)s: onbekend: %(values)s."),
            code="unknown_related",
            params={"field": field.verbose_name, "values": ", ".join(unknown)},
        )
    return list(found)


class InterventionChangeForm(forms.ModelForm):
    """Base for the form that checks the proposed values of a change request."""

    def clean(self):
        cleaned_data = super().clean()
        check_age_range(self, self.instance)
        return cleaned_data


def change_request_form(change_request):
    """A bound model form for the fields a change request proposes, on its intervention.

    Returns ``(form, ignored_keys)``: the keys that name no field a change request may change
    are left out (they are shown to staff as text only). Unresolvable m2m values raise
    ``forms.ValidationError``.
    """
    intervention = change_request.intervention
    proposed = change_request.proposed_changes
    if not isinstance(proposed, dict):
        proposed = {}
    fields, ignored, data = [], [], {}
    for key, value in proposed.items():
        field = applicable_field(key)
        if field is None:
            ignored.append(key)
            continue
        fields.append(key)
        if field.many_to_many:
            data[key] = resolve_related(field, value)
        elif value is None:
            data[key] = ""
        elif isinstance(value, (list, dict)):
            raise forms.ValidationError(
                _("%(field)s: de voorgestelde waarde is geen tekst of getal."),
                code="invalid_value",
                params={"field": field.verbose_name},
            )
        else:
            data[key] = value
    form_class = forms.modelform_factory(
        Intervention, form=InterventionChangeForm, fields=fields
    )
    return form_class(data=data, instance=intervention), ignored


class LocationInlineForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["kind", "name", "street_address", "postcode", "municipality"]

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data.get("postcode", ""))

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        if (
            kind == Location.Kind.ADDRESS
            and not cleaned_data.get("municipality")
            and "municipality" not in self.errors
        ):
            self.add_error(
                "municipality",
                forms.ValidationError(
                    _("Kies de gemeente van het adres."), code="address_needs_municipality"
                ),
            )
        return cleaned_data
