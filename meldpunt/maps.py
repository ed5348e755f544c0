"""Maps of the province, rendered on the server as SVG (no tiles, no JavaScript).

- ``area_svg``: a small map of a fiche's service area.
- ``coverage_map``: how many published interventions serve each municipality, under the
  same filters as the search (``meldpunt.filters.InterventionFilter``, minus ``waar``), so
  coordinators see where the gaps are.

Colours are SVG presentation attributes (``fill="#…"``): the Content-Security-Policy
forbids inline ``style``, presentation attributes are not styles.
"""

from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import TooManyFieldsSent
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from meldpunt.filters import InterventionFilter
from meldpunt.models import Intervention
from netwerk.models import Municipality
from netwerk.svg import BRUSSELS, project, province_shapes

# Simplification in SVG units (~110 m each): invisible at these sizes, and it keeps the
# page light (the coverage map ~19 kB of path data, the small area map ~9 kB).
COVERAGE_TOLERANCE = 0.75
AREA_TOLERANCE = 2

BORDER = "#ffffff"
AREA_FILL = "#0b4f8a"  # the brand blue: 8.4:1 against white, 6:1 against the grey
AREA_EMPTY = "#d5dbe1"

# The pattern that marks municipalities without any offer (the 0 bucket).
GAP_PATTERN_ID = "kaart-geen-aanbod"


@dataclass(frozen=True)
class Bucket:
    low: int
    high: int | None  # None: no upper bound
    fill: str
    label: str

    def holds(self, count):
        return count >= self.low and (self.high is None or count <= self.high)


def buckets():
    # Light to dark blue for more offers; the 0 bucket is hatched in another hue, so the
    # gaps stand out without relying on colour alone.
    return [
        Bucket(0, 0, f"url(#{GAP_PATTERN_ID})", _("geen aanbod")),
        Bucket(1, 2, "#c6dbef", _("1 of 2 aanbiedingen")),
        Bucket(3, 5, "#6baed6", _("3 tot 5 aanbiedingen")),
        Bucket(6, None, "#08519c", _("6 of meer aanbiedingen")),
    ]


def bucket_for(count, all_buckets):
    return next(bucket for bucket in all_buckets if bucket.holds(count))


# --- the service area of one fiche ---------------------------------------------------------


def _nis_codes(municipalities):
    """NIS codes for Municipality instances (no query) or primary keys (one query)."""
    items = list(municipalities)
    if all(hasattr(item, "nis_code") for item in items):
        return {item.nis_code for item in items}
    return set(Municipality.objects.filter(pk__in=items).values_list("nis_code", flat=True))


def area_svg(municipality_ids):
    """A small map of the province with the given municipalities filled.

    ``municipality_ids``: primary keys of municipalities, or Municipality instances (then
    no query runs, e.g. with a prefetched ``service_area``). Returns safe SVG markup with
    ``role="img"`` and a ``<title>`` that says how many municipalities are filled.
    """
    shapes = province_shapes(AREA_TOLERANCE)
    codes = _nis_codes(municipality_ids) if municipality_ids else set()
    codes &= shapes.paths.keys()
    count = len(codes)
    if count == 0:
        label = _("Werkgebied: geen gemeenten opgegeven")
    elif count == len(shapes.paths):
        label = _("Werkgebied: heel Vlaams-Brabant (%(count)s gemeenten)") % {"count": count}
    else:
        label = ngettext(
            "Werkgebied: %(count)s gemeente in Vlaams-Brabant",
            "Werkgebied: %(count)s gemeenten in Vlaams-Brabant",
            count,
        ) % {"count": count}
    # Filled ones last, so their borders are drawn on top.
    ordered = sorted(shapes.paths.items(), key=lambda item: item[0] in codes)
    paths = format_html_join(
        "",
        '<path d="{}" fill="{}"/>',
        ((d, AREA_FILL if code in codes else AREA_EMPTY) for code, d in ordered),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="area-map" viewBox="{}" width="{}" '
        'height="{}" role="img" aria-label="{}"><title>{}</title>'
        '<g stroke="{}" stroke-width="1.5" stroke-linejoin="round">{}</g></svg>',
        shapes.view_box,
        shapes.width,
        shapes.height,
        label,
        label,
        BORDER,
        paths,
    )


# --- the coverage map ----------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityRow:
    name: str
    arrondissement: str
    count: int
    bucket: Bucket
    search_url: str
    path: str  # "" when the boundaries file lacks this municipality

    @property
    def title(self):
        return ngettext(
            "%(name)s: %(count)s aanbieding", "%(name)s: %(count)s aanbiedingen", self.count
        ) % {"name": self.name, "count": self.count}


def counts_per_municipality(interventions):
    """{municipality pk: number of the given interventions serving it}, in one query."""
    through = Intervention.service_area.through
    rows = (
        through.objects.filter(intervention__in=interventions.values("pk"))
        .order_by()
        .values("municipality")
        .annotate(total=Count("intervention", distinct=True))
        .values_list("municipality", "total")
    )
    return dict(rows)


def _map_params(request):
    """The search parameters without ``waar``: the map shows every municipality."""
    params = request.GET.copy()
    params.pop("waar", None)
    return params


@require_GET
def coverage_map(request):
    try:
        params = _map_params(request)
    except TooManyFieldsSent:
        # More parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS: not a filter anyone chose.
        return render(request, "meldpunt/map.html", {"too_long": True}, status=400)
    # The search's own FilterSet: the same filters, slugs and Dutch errors as /aanbod/.
    filterset = InterventionFilter(params)
    counts = counts_per_municipality(filterset.qs)
    filters = filterset.params(without=("waar",))
    search_url = reverse("meldpunt:search")
    shapes = province_shapes(COVERAGE_TOLERANCE)
    all_buckets = buckets()
    rows = []
    for pk, name, nis_code, arrondissement in Municipality.objects.order_by("name").values_list(
        "pk", "name", "nis_code", "arrondissement__name"
    ):
        count = counts.get(pk, 0)
        rows.append(
            MunicipalityRow(
                name=name,
                arrondissement=arrondissement,
                count=count,
                bucket=bucket_for(count, all_buckets),
                search_url=f"{search_url}?{urlencode([('waar', name), *filters])}",
                path=shapes.paths.get(nis_code, ""),
            )
        )
    gaps = [row for row in rows if row.count == 0]
    brussels_x, brussels_y = project(*BRUSSELS)
    no_counts = defaultdict(dict)  # the map shows no counts next to the options
    return render(
        request,
        "meldpunt/map.html",
        {
            "form": filterset.form,
            "filter_groups": filterset.facet_groups(no_counts),
            "approach_options": filterset.approach_options(no_counts),
            "free_checked": bool(filterset.valid_data.get("vrij")),
            "rows": rows,
            "gaps": gaps,
            "buckets": all_buckets,
            "gap_pattern_id": GAP_PATTERN_ID,
            "filtered": bool(filters),
            "view_box": shapes.view_box,
            "map_width": shapes.width,
            "map_height": shapes.height,
            "border": BORDER,
            "brussels": {"x": round(brussels_x), "y": round(brussels_y)},
            "search_url": f"{search_url}?{urlencode(filters)}" if filters else search_url,
        },
    )
