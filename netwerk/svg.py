"""The province's municipalities as SVG paths, for maps rendered on the server.

No tiles, no JavaScript: the boundaries in ``settings.GEOGRAPHY_DATA_DIR`` are read once
and projected with the plain equirectangular projection the data README recommends for a
province-sized map::

    x = (lon − 3.85) · cos(50.87°) · k
    y = (51.08 − lat) · k            (SVG y grows downwards)

The borders are simplified (see the README there): fine for an overview map, not for
deciding in which municipality a point lies.
"""

import json
import math
from dataclasses import dataclass
from functools import cache

from django.conf import settings

BOUNDARIES_FILE = "vlaams-brabant-gemeenten.geojson"

ORIGIN_LON = 3.85
ORIGIN_LAT = 51.08
# Shrinking longitudes by the cosine of the province's mid latitude keeps shapes true.
LON_FACTOR = math.cos(math.radians(50.87))
# SVG units per degree of latitude: one unit is about 110 m, about a pixel at full width.
SCALE = 1000
PADDING = 4

# Brussels lies in the hole in the middle of the province; naming it helps to read a map.
BRUSSELS = (4.3517, 50.8466)


@dataclass(frozen=True)
class ProvinceShapes:
    paths: dict  # NIS code -> SVG path data ("M x y l dx dy … z")
    names: dict  # NIS code -> municipality name, as in the file
    view_box: str  # "min-x min-y width height"
    width: float
    height: float


def project(lon, lat):
    """WGS84 degrees -> SVG user units (x to the right, y downwards)."""
    return (lon - ORIGIN_LON) * LON_FACTOR * SCALE, (ORIGIN_LAT - lat) * SCALE


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    raise ValueError(f"Unsupported geometry type {geometry['type']!r}")


def _simplify(points, tolerance):
    """Ramer–Douglas–Peucker on an open polyline; keeps the first and last point."""
    if tolerance <= 0 or len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs(dy * (x - x1) - dx * (y - y1)) / length
            else:
                distance = math.hypot(x - x1, y - y1)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep) if kept]


def _path(rings, tolerance):
    """Rings as path data in whole units with relative moves: short, and exact to ~110 m."""
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat, *_ in ring]
        points = _simplify(points, tolerance)
        rounded = []
        for x, y in points:
            point = (round(x), round(y))
            if not rounded or point != rounded[-1]:
                rounded.append(point)
        if len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded.pop()  # GeoJSON repeats the first point; Z closes the ring
        if len(rounded) < 3:
            continue
        commands = [f"M{rounded[0][0]} {rounded[0][1]}"]
        commands += [
            f"l{x - px} {y - py}" for (px, py), (x, y) in zip(rounded, rounded[1:])
        ]
        parts.append("".join(commands) + "z")
    return "".join(parts)


@cache
def province_shapes(tolerance=0):
    """Read and project the boundaries once per process (and per tolerance).

    ``tolerance`` (in SVG units, ~110 m each) simplifies the outlines further for small
    maps; neighbours are simplified separately then, so keep it to a few units.
    """
    path = settings.GEOGRAPHY_DATA_DIR / BOUNDARIES_FILE
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    paths, names = {}, {}
    xs, ys = [], []
    for feature in collection["features"]:
        properties = feature["properties"]
        nis_code = str(properties["nis_code"])
        rings = _rings(feature["geometry"])
        for ring in rings:
            for lon, lat, *_ in ring:
                x, y = project(lon, lat)
                xs.append(x)
                ys.append(y)
        paths[nis_code] = _path(rings, tolerance)
        names[nis_code] = properties.get("gemeente", "")
    min_x, min_y = math.floor(min(xs)) - PADDING, math.floor(min(ys)) - PADDING
    width = math.ceil(max(xs)) + PADDING - min_x
    height = math.ceil(max(ys)) + PADDING - min_y
    return ProvinceShapes(
        paths=paths,
        names=names,
        view_box=f"{min_x} {min_y} {width} {height}",
        width=width,
        height=height,
    )


def municipality_paths(tolerance=0):
    """NIS code -> SVG path data of that municipality."""
    return province_shapes(tolerance).paths


def view_box():
    """The SVG ``viewBox`` that holds the whole province with a small margin."""
    return province_shapes().view_box
