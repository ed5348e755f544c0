"""The filters of the directory search (``/aanbod/``).

``InterventionFilter`` is a django-filter FilterSet over
``Intervention.objects.published()``: the GET parameters carry the whole
search, so a search can be bookmarked and shared. Every option list is also a
facet: ``facets()`` counts, for each option, how many results it would give
with the other filters kept, in one aggregate query per facet.

Bad input never raises: an unknown place, an age out of range or an unknown
option becomes a Dutch error next to its field, and that filter is left out.
"""

from collections import OrderedDict
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from meldpunt import search
from meldpunt.models import (
    Approach,
    EducationLevel,
    Intervention,
    InterventionType,
    TargetGroup,
)
from netwerk.geography import PlaceNotFound, resolve_place
from netwerk.models import Theme

AGE_MIN, AGE_MAX = 0, 30
QUERY_MAX_LENGTH = 200
PLACE_MAX_LENGTH = 100

INVALID_CHOICE = _("„%(value)s” is geen keuze uit de lijst. Kies een van de opties.")


class SearchFilterForm(forms.Form):
    """The form under the FilterSet: turns ``waar`` into a ``netwerk.geography.Place``."""

    place_suggestions = ()

    def clean_q(self):
        return " ".join(self.cleaned_data.get("q", "").split())

    def clean_waar(self):
        text = " ".join(self.cleaned_data.get("waar", "").split())
        if not text:
            return None
        try:
            return resolve_place(text)
        except PlaceNotFound as error:
            # Kept for "Bedoelde u …?" links next to the message.
            self.place_suggestions = error.suggestions
            raise


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class SingleChoiceFilter(django_filters.Filter):
    # A plain ChoiceField: django-filter's own adds an empty and a null option.
    field_class = forms.ChoiceField


class CheckboxFilter(django_filters.Filter):
    field_class = forms.BooleanField


def _is_empty(value):
    # Not "value in (None, '', False)": the age 0 equals False.
    return value is None or value is False or value == "" or value == []


def _choice_filter(label, **extra):
    return django_filters.MultipleChoiceFilter(
        label=label,
        method="filter_terms",
        error_messages={"invalid_choice": INVALID_CHOICE},
        **extra,
    )


class InterventionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoekwoorden"),
        method="filter_text",
        max_length=QUERY_MAX_LENGTH,
        error_messages={
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens om te zoeken."),
        },
    )
    waar = django_filters.CharFilter(
        label=_("Postcode of gemeente"),
        method="filter_place",
        max_length=PLACE_MAX_LENGTH,
        error_messages={
            "max_length": _("Vul een postcode of gemeente in (hoogstens %(limit_value)d tekens)."),
        },
    )
    leeftijd = IntegerFilter(
        label=_("Leeftijd van de leerling"),
        method="filter_age",
        min_value=AGE_MIN,
        max_value=AGE_MAX,
        error_messages={
            "invalid": _("Vul de leeftijd in als een getal, bijvoorbeeld 14."),
            "min_value": _("De leeftijd is minstens %(limit_value)s jaar."),
            "max_value": _("De leeftijd is hoogstens %(limit_value)s jaar."),
        },
    )
    niveau = _choice_filter(_("Onderwijsniveau"))
    soort = _choice_filter(_("Soort aanbod"))
    doelgroep = _choice_filter(_("Doelgroep"))
    thema = _choice_filter(_("Thema"))
    aanpak = SingleChoiceFilter(
        label=_("Aanpak"),
        method="filter_approach",
        choices=[("", _("alle"))] + list(Approach.choices),
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    vrij = CheckboxFilter(
        label=_("Alleen aanbod met vrije plaatsen"),
        method="filter_free",
    )

    # Filter name -> the managed list it picks from and the relation it filters on.
    TERM_LISTS = OrderedDict([
        ("niveau", (EducationLevel, "education_levels")),
        ("soort", (InterventionType, "types")),
        ("doelgroep", (TargetGroup, "target_groups")),
        ("thema", (Theme, "themes")),
    ])
    FACETS = ("soort", "niveau", "doelgroep", "thema", "aanpak", "vrij")

    class Meta:
        model = Intervention
        fields = []
        form = SearchFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Intervention.objects.published()
        super().__init__(data, queryset, **kwargs)
        # One query per list: the options, and the valid values of the filter.
        self.terms = {}
        for name, (model, _relation) in self.TERM_LISTS.items():
            self.terms[name] = list(model.objects.only("slug", "name"))
            self.filters[name].extra["choices"] = [(t.slug, t.name) for t in self.terms[name]]

    # --- filter methods ------------------------------------------------------------------

    def filter_text(self, queryset, name, value):
        # Match the text once per request: the count, the page and every facet then
        # filter on the matching ids instead of searching the full text again.
        if not search.search_key(value):
            return queryset
        if getattr(self, "_text_ids", None) is None:
            matches = search.matching(Intervention.objects.published(), value)
            self._text_ids = list(matches.values_list("pk", flat=True))
        return queryset.filter(pk__in=self._text_ids)

    def filter_place(self, queryset, name, place):
        return queryset.serving(place.municipality)

    def filter_age(self, queryset, name, age):
        # Null bounds are open: no minimum or no maximum age.
        return queryset.exclude(age_min__gt=age).exclude(age_max__lt=age)

    def filter_terms(self, queryset, name, slugs):
        # Any of the chosen options (OR within a list, AND between lists). A subquery
        # rather than a join, so no intervention appears twice.
        _model, relation = self.TERM_LISTS[name]
        chosen = Intervention.objects.filter(**{f"{relation}__slug__in": slugs})
        return queryset.filter(pk__in=chosen.values("pk"))

    def filter_approach(self, queryset, name, value):
        return queryset.filter(approach=value)

    def filter_free(self, queryset, name, value):
        return queryset.with_free_places() if value else queryset

    # --- what the page needs -------------------------------------------------------------

    @property
    def valid_data(self):
        """The cleaned values of the fields without errors (errors are not filtered on)."""
        self.errors  # noqa: B018 - runs the validation
        return self.form.cleaned_data

    @property
    def place(self):
        """The resolved ``Place`` of ``waar``, or None."""
        return self.valid_data.get("waar")

    @property
    def text(self):
        return self.valid_data.get("q") or ""

    def active(self):
        """Names of the filters that are in use (valid and not empty), in form order."""
        return [
            name
            for name in self.filters
            if not _is_empty(self.valid_data.get(name))
        ]

    def queryset_without(self, *names):
        """The results with every valid filter applied except ``names``."""
        queryset = self.queryset.all()
        for name, value in self.valid_data.items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets(self):
        """``{facet: {option value: count}}``, each counted with the other filters kept.

        One aggregate query per facet, whatever the number of options.
        """
        counts = {}
        for name in self.FACETS:
            base = self.queryset_without(name).order_by()
            if name in self.TERM_LISTS:
                path = f"{self.TERM_LISTS[name][1]}__slug"
                rows = base.values_list(path).annotate(n=Count("pk", distinct=True))
                counts[name] = {value: n for value, n in rows if value is not None}
            elif name == "aanpak":
                rows = base.values_list("approach").annotate(n=Count("pk", distinct=True))
                counts[name] = {value: n for value, n in rows if value}
            else:
                counts[name] = {"1": base.with_free_places().count()}
        return counts

    def facet_groups(self, counts):
        """The option lists as the template draws them: legend, options, counts, checked."""
        groups = []
        for name in (facet for facet in self.FACETS if facet in self.TERM_LISTS):
            chosen = set(self.data.getlist(name))
            options = [
                {
                    "value": term.slug,
                    "label": term.name,
                    "count": counts[name].get(term.slug, 0),
                    "checked": term.slug in chosen,
                    "id": f"id_{name}_{index}",
                }
                for index, term in enumerate(self.terms[name])
            ]
            groups.append({
                "name": name,
                "legend": self.filters[name].label,
                "options": options,
                "selected": sum(1 for option in options if option["checked"]),
                "field": self.form[name],
            })
        return groups

    def approach_options(self, counts):
        chosen = self.data.get("aanpak", "")
        options = [{"value": "", "label": _("alle"), "count": None, "checked": not chosen}]
        options += [
            {
                "value": value,
                "label": label,
                "count": counts["aanpak"].get(value, 0),
                "checked": chosen == value,
            }
            for value, label in Approach.choices
        ]
        for index, option in enumerate(options):
            option["id"] = f"id_aanpak_{index}"
        return options

    def params(self, without=(), **override):
        """The search as (key, value) pairs, from the valid values only.

        Links built on it (pagination, sorting, "drop this filter") stay short and
        clean even when the typed URL was not.
        """
        data = self.valid_data
        pairs = []
        for name in self.filters:
            if name in without:
                continue
            value = data.get(name)
            if name == "waar":
                typed = " ".join(str(self.data.get("waar", "")).split())
                if typed and len(typed) <= PLACE_MAX_LENGTH:
                    pairs.append((name, typed))
            elif isinstance(value, list):
                pairs.extend((name, item) for item in value)
            elif value is True:
                pairs.append((name, "1"))
            elif not _is_empty(value):
                pairs.append((name, str(value)))
        for key, value in override.items():
            if value not in (None, ""):
                pairs.append((key, str(value)))
        return pairs

    def querystring(self, without=(), **override):
        pairs = self.params(without=without, **override)
        return "?" + urlencode(pairs) if pairs else "?"


class SortForm(forms.Form):
    """How to order the results; ``afstand`` only when a place was given."""

    RELEVANCE, DISTANCE, NAME = "relevantie", "afstand", "naam"
    CHOICES = [
        (RELEVANCE, _("relevantie")),
        (DISTANCE, _("afstand")),
        (NAME, _("naam")),
    ]

    sorteer = forms.ChoiceField(
        label=_("Sorteren op"),
        choices=CHOICES,
        required=False,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def order(self, has_text, has_place):
        """The order to apply: what was asked if it can be done, else the default."""
        asked = self.cleaned_data.get("sorteer") if self.is_valid() else ""
        if asked == self.DISTANCE and has_place:
            return asked
        if asked == self.RELEVANCE and has_text:
            return asked
        if asked == self.NAME:
            return asked
        return self.RELEVANCE if has_text else self.NAME

    def choices_for(self, has_text, has_place):
        return [
            (value, label)
            for value, label in self.CHOICES
            if (value != self.DISTANCE or has_place) and (value != self.RELEVANCE or has_text)
        ]
