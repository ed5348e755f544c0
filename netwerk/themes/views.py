"""Themes and their resources: ``/themas/``, a theme, the inspiring practices, a resource.

Every page starts from ``Resource.objects.published()`` (staff with the view
permission also preview drafts on a resource's page and its file) and runs a
fixed number of queries (tests/netwerk/test_themes_queries.py pins them).
"""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from netwerk.documents import document_response, extension
from netwerk.models import Theme
from netwerk.themes.filters import ResourceFilter
from netwerk.themes.models import Resource
from netwerk.themes.related import theme_events, theme_newsletter_items

PER_PAGE = 20
INTERVENTIONS_SHOWN = 10


@require_GET
def theme_list(request):
    resource_counts = dict(
        Resource.objects.published()
        .values_list("themes")
        .annotate(count=Count("pk"))
        .order_by()
    )
    themes = list(
        Theme.objects.annotate(
            intervention_count=Count(
                "interventions", filter=Q(interventions__status="published")
            )
        ).order_by("position", "name")  # a GROUP BY query ignores Meta.ordering
    )
    for theme in themes:
        theme.resource_count = resource_counts.get(theme.pk, 0)
    practice_count = Resource.objects.published().practices().count()
    return render(
        request,
        "netwerk/themes/theme_list.html",
        {"themes": themes, "practice_count": practice_count},
    )


def _filtered_page(request, queryset, **filter_kwargs):
    filterset = ResourceFilter(request.GET, queryset=queryset, **filter_kwargs)
    page = Paginator(filterset.qs.for_cards(), PER_PAGE).get_page(request.GET.get("pagina"))
    return {
        "filterset": filterset,
        "filter_groups": filterset.groups(),
        "filtered": filterset.is_filtered(),
        "form_action": request.path,
        "page": page,
        "page_numbers": list(
            page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        ),
        "ellipsis": Paginator.ELLIPSIS,
        "resources": list(page.object_list),
    }


@require_GET
def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    context = _filtered_page(
        request, Resource.objects.published().filter(themes=theme), without=("thema",)
    )
    # One more than shown, to know whether to link to the full search.
    interventions = list(
        theme.interventions.published()
        .select_related("provider")
        .only("name", "slug", "summary", "provider__name")
        .order_by("name")[: INTERVENTIONS_SHOWN + 1]
    )
    context.update({
        "theme": theme,
        "interventions": interventions[:INTERVENTIONS_SHOWN],
        "more_interventions": len(interventions) > INTERVENTIONS_SHOWN,
        "events": theme_events(theme),
        "newsletter_items": theme_newsletter_items(theme),
    })
    return render(request, "netwerk/themes/theme_detail.html", context)


@require_GET
def practice_list(request):
    context = _filtered_page(
        request,
        # The cards of practices name their themes.
        Resource.objects.published().practices().prefetch_related("themes"),
        without=("soort",),
    )
    return render(request, "netwerk/themes/practice_list.html", context)


def _visible_resource(request, slug):
    return get_object_or_404(Resource.objects.visible_to(request.user), slug=slug)


@require_GET
def resource_detail(request, slug):
    resource = _visible_resource(request, slug)
    themes = list(resource.themes.all())
    return render(
        request,
        "netwerk/themes/resource_detail.html",
        {
            "resource": resource,
            "themes": themes,
            "audiences": list(resource.audiences.all()),
            "stages": list(resource.stages.all()),
            "file_type": extension(resource.file.name).upper() if resource.file else "",
        },
    )


@require_GET
def resource_file(request, slug):
    resource = _visible_resource(request, slug)
    if not resource.file:
        raise Http404
    # A draft previewed by staff is never kept by a shared cache.
    return document_response(resource.file, resource.title, public=resource.is_published)
