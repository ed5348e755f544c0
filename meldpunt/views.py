"""Directory pages: the search (``/aanbod/``), the fiche and the provider page.

All three start from ``Intervention.objects.published()`` and run a fixed
number of queries, whatever the number of interventions
(tests/meldpunt/test_query_counts.py pins them).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import TooManyFieldsSent
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from config.navigation import url_or_none
from meldpunt import maps
from meldpunt import search as finder
from meldpunt.filters import InterventionFilter, SortForm
from meldpunt.models import Intervention, Location, directory_version
from meldpunt.selection import stored_slugs
from netwerk.models import Organisation

PER_PAGE = 20


# A visitor without a session (no selection, no messages) gets the same search page
# for the same URL until the directory changes: those pages are cached per process.
SEARCH_CACHE_SECONDS = 300
# The page is cached with this in place of the CSRF token of the card forms; each
# response gets the visitor's own token.
CSRF_PLACEHOLDER = "csrf-token-placeholder-7f3c"


@require_GET
def search(request):
    try:
        params = request.GET
    except TooManyFieldsSent:
        # More than DATA_UPLOAD_MAX_NUMBER_FIELDS parameters: not a search anyone typed.
        return render(request, "meldpunt/search.html", {"too_long": True}, status=400)
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return render(request, "meldpunt/search.html", _search_context(request, params))
    key = _search_cache_key(request)
    html = cache.get(key)
    if html is None:
        context = _search_context(request, params)
        context["csrf_token"] = CSRF_PLACEHOLDER
        html = render_to_string("meldpunt/search.html", context, request)
        cache.set(key, html, SEARCH_CACHE_SECONDS)
    return HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))


def _search_cache_key(request):
    """The URL, the language and the directory's version: a change to any fiche or
    provider gives new keys (renamed list entries show within SEARCH_CACHE_SECONDS)."""
    parts = [request.get_full_path(), get_language() or "", directory_version()]
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
    return f"meldpunt:search:{digest}"


def _search_context(request, params):
    filterset = InterventionFilter(params)
    sort_form = SortForm(params)
    place = filterset.place
    has_text = bool(finder.search_key(filterset.text))
    order = sort_form.order(has_text=has_text, has_place=place is not None)

    page, cards = _result_page(filterset, order, params.get("pagina"))
    finder.describe_areas(cards)
    counts = filterset.facets()
    sort = _explicit_sort(sort_form, order)
    return {
        "filterset": filterset,
        "form": filterset.form,
        "place": place,
        "sort_form": sort_form,
        "sort_choices": sort_form.choices_for(has_text, place is not None),
        "order": order,
        "page": page,
        "cards": cards,
        "result_count": page.paginator.count,
        "facet_groups": filterset.facet_groups(counts),
        "approach_options": filterset.approach_options(counts),
        "free_count": counts["vrij"].get("1", 0),
        "free_checked": bool(params.get("vrij")),
        "page_links": _page_links(filterset, sort, page),
        "drop_links": [] if page.paginator.count else _drop_links(filterset, sort),
        "suggestion_links": _suggestion_links(filterset),
        "selection_slugs": stored_slugs(request),
        # The map shades municipalities under the same filters (the place aside).
        "map_querystring": filterset.querystring(without=("waar", "q")).rstrip("?"),
        # Back to this very page after "Bewaar in selectie".
        "selection_next": request.path + filterset.querystring(
            sorteer=sort, pagina=page.number if page.number > 1 else None
        ).rstrip("?"),
    }


def _result_page(filterset, order, number):
    """The page of results in ``order`` and its interventions, ready for the cards."""
    results = filterset.qs
    if order == SortForm.DISTANCE:
        rows = finder.by_distance(results, filterset.place.municipality)
        page = Paginator(rows, PER_PAGE).get_page(number)
        distances = dict(page.object_list)
        found = finder.for_cards(
            Intervention.objects.published().filter(pk__in=list(distances))
        )
        by_pk = {intervention.pk: intervention for intervention in found}
        cards = [by_pk[pk] for pk, _km in page.object_list if pk in by_pk]
        for card in cards:
            card.distance = finder.distance_label(distances[card.pk])
        return page, cards
    if order == SortForm.RELEVANCE:
        ordered = finder.ranked(results, filterset.text)
    else:
        ordered = results.order_by("search_name", "pk")
    page = Paginator(finder.for_cards(ordered), PER_PAGE).get_page(number)
    return page, list(page.object_list)


def _explicit_sort(sort_form, order):
    """The sort to keep in links: only when it differs from the default."""
    if sort_form.is_valid() and sort_form.cleaned_data.get("sorteer") == order:
        return order
    return None


def _page_links(filterset, sort, page):
    """Previous/next and numbered page links that keep the search."""

    def url_for(number):
        return filterset.querystring(sorteer=sort, pagina=number if number > 1 else None)

    pages = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            pages.append({"ellipsis": True})
        else:
            current = number == page.number
            pages.append({"number": number, "url": url_for(number), "current": current})
    return {
        "pages": pages,
        "previous": url_for(page.previous_page_number()) if page.has_previous() else None,
        "next": url_for(page.next_page_number()) if page.has_next() else None,
    }


def _drop_links(filterset, sort):
    """For an empty result: per filter in use, the link without it and what it would give."""
    data = filterset.valid_data
    return [
        {
            "label": _drop_label(filterset, name, data[name]),
            "url": filterset.querystring(without=(name,), sorteer=sort),
            "count": filterset.queryset_without(name).count(),
        }
        for name in filterset.active()
    ]


def _drop_label(filterset, name, value):
    if name == "q":
        return gettext("Zonder de zoekwoorden „%(q)s”") % {"q": value}
    if name == "waar":
        return gettext("Zonder de plaats %(place)s") % {"place": value.label}
    if name == "leeftijd":
        return gettext("Zonder de leeftijd (%(age)s jaar)") % {"age": value}
    if name == "vrij":
        return gettext("Ook aanbod zonder vrije plaatsen")
    if name == "aanpak":
        labels = dict(Intervention.Approach.choices)
        return gettext("Zonder de aanpak %(approach)s") % {"approach": labels[value]}
    names = dict(filterset.filters[name].extra["choices"])
    return gettext("Zonder %(filter)s: %(options)s") % {
        "filter": str(filterset.filters[name].label).lower(),
        "options": finder.join(names[slug] for slug in value),
    }


def _suggestion_links(filterset):
    """"Bedoelde u …?" links for a place that was not found."""
    return [
        {"label": name, "url": filterset.querystring(without=("waar",), waar=name)}
        for name in getattr(filterset.form, "place_suggestions", ())
    ]


@require_GET
def intervention_detail(request, slug):
    intervention = get_object_or_404(
        Intervention.objects.published()
        .select_related("provider", "provider__municipality")
        .prefetch_related(
            "types",
            "target_groups",
            "education_levels",
            "themes",
            "service_area",
            Prefetch("locations", queryset=Location.objects.select_related("municipality")),
        ),
        slug=slug,
    )
    area = list(intervention.service_area.all())
    area_names = finder.AreaNames()
    return render(request, "meldpunt/intervention_detail.html", {
        "intervention": intervention,
        "area": area,
        "area_named": area_names.named(m.pk for m in area),
        "area_map": _area_map(area),
        "eligibility": _eligibility(intervention),
        "referral_url": url_or_none("meldpunt:referral"),
        "selection_slugs": stored_slugs(request),
    })


def _area_map(municipalities):
    # meldpunt.maps.area_svg is being written alongside; until then the fiche shows no map.
    area_svg = getattr(maps, "area_svg", None)
    if area_svg is None or not municipalities:
        return ""
    return area_svg(municipalities)


ELIGIBILITY = [
    ("eligible_by_domicile", _("de woonplaats (domicilie)")),
    ("eligible_by_residence", _("de verblijfplaats")),
    ("eligible_by_school", _("de school")),
    ("eligible_by_clb", _("het CLB")),
]


def _eligibility(intervention):
    """The eligibility rule in words, or "" when no place is ticked."""
    places = [label for field, label in ELIGIBILITY if getattr(intervention, field)]
    if not places:
        return ""
    return gettext(
        "Een leerling komt in aanmerking als %(places)s van de leerling in het werkgebied ligt."
    ) % {"places": finder.join(places, gettext("of"))}


@require_GET
def provider_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.select_related("municipality"), slug=slug
    )
    interventions = list(
        finder.for_cards(organisation.interventions.published()).order_by(
            "search_name", "pk"
        )
    )
    if not interventions:
        # An organisation is public only through its published offer.
        raise Http404
    finder.describe_areas(interventions)
    return render(request, "meldpunt/provider_detail.html", {
        "organisation": organisation,
        "interventions": interventions,
        "selection_slugs": stored_slugs(request),
    })
