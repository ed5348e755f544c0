"""The map of which local network works where, drawn on the server as SVG.

It reuses the directory's province outlines (``netwerk.svg``); each local network's area
(its region's municipalities plus its own) gets a colour class (``network-area-N`` in
``static/css/site.css``: no inline styles under the CSP). The map is a picture with
links; the legend and the table beside it carry the same facts as text.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from netwerk.models import Municipality
from netwerk.svg import BRUSSELS, project, province_shapes

# SVG units (~110 m each): invisible at this size and keeps the page light.
TOLERANCE = 0.75
# Distinct colour classes in site.css; more networks than this reuse them in turn.
PALETTE_SIZE = 6
NO_NETWORK_CLASS = "network-area-none"


@dataclass
class NetworkArea:
    body: object  # netwerk.models.Body
    css_class: str
    municipalities: list = field(default_factory=list)  # names, sorted


@dataclass(frozen=True)
class MapShape:
    path: str
    css_class: str
    title: str
    url: str  # "" when no local network works there


def area_of(body):
    """The municipalities a body works in: its region's and its own (prefetched)."""
    municipalities = {m.pk: m for m in body.municipalities.all()}
    if body.region is not None:
        municipalities.update((m.pk, m) for m in body.region.municipalities.all())
    return municipalities.values()


def network_map(networks):
    """Context for ``netwerk/bodies/includes/network_map.html``.

    ``networks``: local-network bodies with ``region__municipalities`` and
    ``municipalities`` prefetched. One query, for the province's municipalities.
    """
    shapes = province_shapes(TOLERANCE)
    areas = []
    covering = {}  # municipality pk -> the networks working there, in order
    for index, body in enumerate(networks):
        area = NetworkArea(body=body, css_class=f"network-area-{index % PALETTE_SIZE}")
        for municipality in area_of(body):
            area.municipalities.append(municipality.name)
            covering.setdefault(municipality.pk, []).append(area)
        area.municipalities.sort()
        areas.append(area)
    map_shapes = []
    uncovered = []
    for pk, name, nis_code in Municipality.objects.order_by("name").values_list(
        "pk", "name", "nis_code"
    ):
        here = covering.get(pk, [])
        if not here:
            uncovered.append(name)
        path = shapes.paths.get(nis_code)
        if not path:
            continue
        names = ", ".join(area.body.name for area in here) or _("geen lokaal netwerk")
        map_shapes.append(
            MapShape(
                path=path,
                css_class=here[0].css_class if here else NO_NETWORK_CLASS,
                title=f"{name}: {names}",
                url=here[0].body.get_absolute_url() if here else "",
            )
        )
    brussels_x, brussels_y = project(*BRUSSELS)
    return {
        "areas": areas,
        "shapes": map_shapes,
        "uncovered": uncovered,
        "no_network_class": NO_NETWORK_CLASS,
        "view_box": shapes.view_box,
        "width": shapes.width,
        "height": shapes.height,
        "brussels": {"x": round(brussels_x), "y": round(brussels_y)},
    }
