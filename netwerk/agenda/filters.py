"""The agenda's filters (``/agenda/`` and ``/agenda/archief/``): kind, theme and region.

GET parameters carry the filter, so a filtered agenda can be bookmarked. An unknown value
never raises: the form shows a Dutch message next to its field and that filter is left out.
"""

from urllib.parse import urlencode

import django_filters
from django.utils.translation import gettext_lazy as _

from netwerk.agenda.models import EventKind
from netwerk.models import Region, Theme

UNKNOWN = _("„%(value)s” staat niet in de lijst. Kies een van de opties.")
UNKNOWN_MODEL = _("Die keuze staat niet (meer) in de lijst. Kies een van de opties.")


def _by_slug(field_name, model, label, empty_label):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=model.objects.all(),
        to_field_name="slug",
        label=label,
        empty_label=empty_label,
        error_messages={"invalid_choice": UNKNOWN_MODEL},
    )


class EventFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(
        field_name="kind",
        choices=EventKind.choices,
        label=_("Soort"),
        empty_label=_("Alle soorten"),
        error_messages={"invalid_choice": UNKNOWN},
    )
    thema = _by_slug("themes", Theme, _("Thema"), _("Alle thema's"))
    regio = _by_slug("region", Region, _("Regio"), _("Alle regio's"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select"

    def mark_errors(self):
        """Point each invalid field at its message (after validation)."""
        for name in self.form.errors:
            if name in self.form.fields:
                widget = self.form.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self.form[name].id_for_label}-fout"

    def querystring(self, **extra):
        """``?…`` with the valid filters in use and ``extra`` (None drops a key)."""
        params = {
            name: self.form.data.get(name)
            for name in self.filters
            if name in getattr(self.form, "cleaned_data", {}) and self.form.data.get(name)
        }
        params.update(extra)
        params = {key: value for key, value in params.items() if value not in (None, "")}
        return f"?{urlencode(params)}" if params else "?"
