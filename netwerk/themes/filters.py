"""The filters of the resource lists: a theme's page and ``/themas/praktijken/``.

Bad input never raises: an unknown kind, audience, level or theme becomes a
Dutch error next to its group of checkboxes, and that filter is left out.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from netwerk.models import Theme
from netwerk.themes.models import Audience, EducationStage, Resource, ResourceKind

INVALID_CHOICE = _("„%(value)s” is geen keuze uit de lijst. Kies een van de opties.")


def _choice_filter(label, **extra):
    return django_filters.MultipleChoiceFilter(
        label=label,
        method="filter_choice",
        error_messages={"invalid_choice": INVALID_CHOICE},
        **extra,
    )


class ResourceFilter(django_filters.FilterSet):
    soort = _choice_filter(_("Soort"), choices=ResourceKind.choices)
    doelgroep = _choice_filter(_("Voor wie"))
    niveau = _choice_filter(_("Onderwijsniveau"))
    thema = _choice_filter(_("Thema"))

    # Filter name -> the relation it filters on, and the managed list of its options.
    RELATIONS = {
        "soort": ("kind", None),
        "doelgroep": ("audiences__slug", Audience),
        "niveau": ("stages__slug", EducationStage),
        "thema": ("themes__slug", Theme),
    }

    class Meta:
        model = Resource
        fields = []

    def __init__(self, data=None, queryset=None, *, without=(), **kwargs):
        """``without``: filters this page does not offer (the theme page has no theme filter)."""
        super().__init__(data, queryset, **kwargs)
        for name in without:
            del self.filters[name]
        # One query per managed list: its options, which are also the valid values.
        for name, (_relation, model) in self.RELATIONS.items():
            if model is not None and name in self.filters:
                self.filters[name].extra["choices"] = [
                    (term.slug, term.name) for term in model.objects.only("slug", "name")
                ]

    def filter_choice(self, queryset, name, values):
        relation = self.RELATIONS[name][0]
        # A subquery, not a join: a resource with two chosen audiences appears once.
        matching = Resource.objects.filter(**{f"{relation}__in": values}).values("pk")
        return queryset.filter(pk__in=matching)

    def groups(self):
        """The checkbox groups of the form, with what the visitor chose and the errors."""
        form = self.form
        chosen = self.data.getlist if hasattr(self.data, "getlist") else (lambda name: [])
        groups = []
        for name, field in form.fields.items():
            selected = set(chosen(name))
            options = [
                {
                    "value": value,
                    "label": label,
                    "id": f"id_{name}_{index}",
                    "checked": value in selected,
                }
                for index, (value, label) in enumerate(field.choices)
            ]
            groups.append({
                "name": name,
                "legend": field.label,
                "options": options,
                "errors": form.errors.get(name, []),
                "selected": sum(option["checked"] for option in options),
            })
        return groups

    def is_filtered(self):
        return any(self.data.get(name) for name in self.filters)
