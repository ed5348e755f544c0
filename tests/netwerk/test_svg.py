"""The province's municipalities as SVG paths (netwerk/svg.py)."""

import math
import re

import pytest

from netwerk import svg
from netwerk.models import Municipality

_COMMAND = re.compile(r"([MlLz])([^MlLz]*)")


def absolute_points(d):
    """Every vertex of a path made of M, l (relative) and z commands, in absolute units."""
    points, x, y = [], 0, 0
    for command, args in _COMMAND.findall(d):
        numbers = [float(n) for n in args.split()]
        if command == "M":
            x, y = numbers
        elif command == "l":
            x, y = x + numbers[0], y + numbers[1]
        elif command == "z":
            continue
        else:
            raise AssertionError(f"unexpected command {command}")
        points.append((x, y))
    return points


def test_projection_follows_the_readme_formula():
    assert svg.project(3.85, 51.08) == (0, 0)
    x, y = svg.project(4.85, 50.08)
    assert x == pytest.approx(math.cos(math.radians(50.87)) * 1000)
    assert y == pytest.approx(1000)
    # North is up: a point further south has a larger y.
    assert svg.project(4.7, 50.8)[1] > svg.project(4.7, 50.9)[1]


@pytest.mark.django_db
def test_one_path_per_municipality_keyed_by_nis_code():
    paths = svg.municipality_paths()
    assert set(paths) == set(Municipality.objects.values_list("nis_code", flat=True))
    assert len(paths) == 63
    for d in paths.values():
        assert d.startswith("M")
        assert d.endswith("z")
        assert len(absolute_points(d)) >= 3


def test_every_point_lies_inside_the_view_box():
    min_x, min_y, width, height = (float(n) for n in svg.view_box().split())
    assert width > height > 0  # the province is wider than high
    for d in svg.municipality_paths().values():
        for x, y in absolute_points(d):
            assert min_x <= x <= min_x + width
            assert min_y <= y <= min_y + height


def test_leuven_lies_east_of_asse_and_halle_south_of_vilvoorde():
    def centre(nis_code):
        points = absolute_points(svg.municipality_paths()[nis_code])
        return (
            sum(x for x, _ in points) / len(points),
            sum(y for _, y in points) / len(points),
        )

    asse, leuven = centre("23002"), centre("24062")
    halle, vilvoorde = centre("23027"), centre("23088")
    assert leuven[0] > asse[0]
    assert halle[1] > vilvoorde[1]


def test_boundaries_are_read_once():
    svg.province_shapes.cache_clear()
    first = svg.province_shapes()
    assert svg.province_shapes() is first
    assert svg.province_shapes.cache_info().misses == 1


def test_a_tolerance_gives_shorter_paths_with_the_same_keys():
    exact = svg.municipality_paths()
    simple = svg.municipality_paths(tolerance=2)
    assert simple.keys() == exact.keys()
    assert sum(map(len, simple.values())) < sum(map(len, exact.values())) / 2


def test_simplify_keeps_the_ends_and_drops_points_on_a_line():
    points = [(0, 0), (1, 0.01), (2, 0), (3, 5), (4, 0)]
    assert svg._simplify(points, 0.5) == [(0, 0), (2, 0), (3, 5), (4, 0)]
    assert svg._simplify(points, 0) == points


def test_reads_the_configured_data_dir(settings, tmp_path):
    (tmp_path / svg.BOUNDARIES_FILE).write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"gemeente": "Proef", "nis_code": "99999"}, "geometry": '
        '{"type": "Polygon", "coordinates": [[[4.0, 51.0], [4.1, 51.0], [4.1, 50.9], '
        "[4.0, 51.0]]]}}]}",
        encoding="utf-8",
    )
    settings.GEOGRAPHY_DATA_DIR = tmp_path
    svg.province_shapes.cache_clear()
    try:
        assert list(svg.municipality_paths()) == ["99999"]
        assert svg.province_shapes().names == {"99999": "Proef"}
    finally:
        svg.province_shapes.cache_clear()
