"""The coverage map (/aanbod/kaart/) and the small service-area map of a fiche."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meldpunt import maps
from netwerk.models import Municipality
from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db

URL = reverse("meldpunt:map")


def table_counts(response):
    """{municipality: count} as the accessible table shows it."""
    html = response.content.decode()
    rows = re.findall(
        r'<th scope="row"><a href="[^"]*">([^<]+)</a></th>\s*<td>([^<]+)</td>\s*'
        r'<td class="text-end">(\d+)</td>',
        html,
    )
    return {unescape(name): int(count) for name, _arrondissement, count in rows}


def map_links(response):
    """{municipality title: link} of the clickable shapes in the SVG."""
    html = response.content.decode()
    return {
        unescape(title): unescape(href)
        for href, title in re.findall(r'<a href="([^"]+)"><title>([^<]+)</title><path', html)
    }


@pytest.fixture
def offers():
    InterventionFactory(area=["Leuven", "Herent"], types=["time-out"], levels=["basisonderwijs"])
    InterventionFactory(area=["Leuven"], types=["zorgboerderij"], capacity_status="full")
    InterventionFactory(area=["Leuven", "Diest"], types=["time-out"], capacity_status="limited")
    # Not public: never counted.
    InterventionFactory(area=["Leuven", "Halle"], types=["time-out"], status="draft")
    InterventionFactory(area=["Halle"], status="archived")


def test_counts_published_interventions_per_municipality(anonymous, offers):
    response = anonymous.get(URL)
    assert response.status_code == 200
    counts = table_counts(response)
    assert len(counts) == 63
    assert counts["Leuven"] == 3
    assert counts["Herent"] == 1
    assert counts["Diest"] == 1
    assert counts["Halle"] == 0
    assert counts["Aarschot"] == 0


def test_table_names_the_arrondissement(anonymous, offers):
    html = anonymous.get(URL).content.decode()
    assert "<caption>" in html
    assert re.search(r">Overijse</a></th>\s*<td>Halle-Vilvoorde</td>", html)
    assert re.search(r">Leuven</a></th>\s*<td>Leuven</td>", html)
    assert '<th scope="col">Arrondissement</th>' in html


def test_each_shape_has_a_title_and_links_to_the_search(anonymous, offers):
    links = map_links(anonymous.get(URL))
    assert len(links) == 63
    assert links["Leuven: 3 aanbiedingen"] == "/aanbod/?waar=Leuven"
    assert links["Herent: 1 aanbieding"] == "/aanbod/?waar=Herent"
    assert "Halle: 0 aanbiedingen" in links


def test_filters_narrow_the_counts_and_travel_with_the_links(anonymous, offers):
    response = anonymous.get(URL, {"soort": "time-out"})
    counts = table_counts(response)
    assert counts["Leuven"] == 2
    assert counts["Herent"] == 1
    assert counts["Halle"] == 0  # the draft does not count
    link = map_links(response)["Leuven: 2 aanbiedingen"]
    assert urlsplit(link).path == reverse("meldpunt:search")
    assert parse_qs(urlsplit(link).query) == {"waar": ["Leuven"], "soort": ["time-out"]}


def test_several_options_of_one_filter_add_up(anonymous, offers):
    counts = table_counts(anonymous.get(URL, {"soort": ["time-out", "zorgboerderij"]}))
    assert counts["Leuven"] == 3


def test_filters_combine(anonymous, offers):
    counts = table_counts(anonymous.get(URL, {"soort": "time-out", "vrij": "1"}))
    # The first (free) and third (limited) time-outs have places; the full farm is out anyway.
    assert counts["Leuven"] == 2
    counts = table_counts(anonymous.get(URL, {"soort": "time-out", "niveau": "basisonderwijs"}))
    assert counts == {**counts, "Leuven": 1, "Herent": 1, "Diest": 0}


def test_a_place_in_the_query_does_not_hide_the_other_municipalities(anonymous, offers):
    response = anonymous.get(URL, {"waar": "Leuven"})
    counts = table_counts(response)
    assert len(counts) == 63
    assert counts["Herent"] == 1
    assert "waar=Leuven&" not in unescape(response.content.decode())


def test_unknown_filter_values_give_a_dutch_message_not_an_error(anonymous, offers):
    response = anonymous.get(URL, {"soort": "bestaat-niet", "leeftijd": "veel"})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "„bestaat-niet” is geen keuze uit de lijst" in html
    assert "Vul de leeftijd in als een getal" in html
    # The bad filters are left out: every published offer counts.
    assert table_counts(response)["Leuven"] == 3


def test_gaps_are_listed_and_drawn_differently(anonymous, offers):
    response = anonymous.get(URL, {"soort": "zorgboerderij"})
    html = unescape(response.content.decode())
    assert "62 van de 63 gemeenten hebben geen aanbod onder deze filters" in html
    pattern = f'fill="url(#{maps.GAP_PATTERN_ID})"'
    assert f'<pattern id="{maps.GAP_PATTERN_ID}"' in html
    shape = r'<title>{}</title><path d="[^"]+" fill="([^"]+)"'
    leuven = re.search(shape.format("Leuven: 1 aanbieding"), html)
    herent = re.search(shape.format("Herent: 0 aanbiedingen"), html)
    assert f'fill="{herent.group(1)}"' == pattern
    assert leuven.group(1) != herent.group(1)
    assert html.count(pattern) == 62 + 1  # the 62 shapes and the legend swatch


def test_legend_is_text(anonymous, offers):
    html = unescape(anonymous.get(URL).content.decode())
    for label in ("geen aanbod", "1 of 2 aanbiedingen", "3 tot 5 aanbiedingen",
                  "6 of meer aanbiedingen"):
        assert label in html


def test_buckets():
    buckets = maps.buckets()
    assert [maps.bucket_for(n, buckets).low for n in (0, 1, 2, 3, 5, 6, 40)] == [
        0, 1, 1, 3, 3, 6, 6
    ]
    assert len({bucket.fill for bucket in buckets}) == 4


def test_works_without_javascript_and_inline_styles(anonymous, offers):
    html = anonymous.get(URL).content.decode()
    assert "<script" not in html
    assert " style=" not in html
    assert re.search(r'<form method="get" action="/aanbod/kaart/"', html)


def _queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_fixed_number_of_queries_at_two_sizes(anonymous):
    names = list(Municipality.objects.values_list("name", flat=True))
    InterventionFactory(area=names[:2], types=["time-out"])
    small = _queries(anonymous, soort="time-out")
    for index in range(12):
        InterventionFactory(area=names[index: index + 20], types=["time-out", "dagbesteding"])
    large = _queries(anonymous, soort="time-out")
    assert len(small) == len(large)
    assert len(large) <= 8
    # One aggregate query for all the counts.
    assert sum("meldpunt_intervention_service_area" in sql for sql in large) == 1


# --- the service area of a fiche -----------------------------------------------------------


def filled(svg_markup):
    return svg_markup.count(f'fill="{maps.AREA_FILL}"')


def test_area_svg_fills_the_given_municipalities():
    ids = list(Municipality.objects.filter(name__in=["Leuven", "Herent", "Bertem"]).values_list(
        "pk", flat=True
    ))
    markup = maps.area_svg(ids)
    assert markup.startswith("<svg")
    assert 'role="img"' in markup
    assert "<title>Werkgebied: 3 gemeenten in Vlaams-Brabant</title>" in markup
    assert filled(markup) == 3
    assert markup.count("<path") == 63
    assert " style=" not in markup


def test_area_svg_takes_municipalities_without_a_query(django_assert_num_queries):
    area = list(Municipality.objects.filter(name="Leuven"))
    with django_assert_num_queries(0):
        markup = maps.area_svg(area)
    assert "Werkgebied: 1 gemeente in Vlaams-Brabant" in markup
    assert filled(markup) == 1


def test_area_svg_names_the_whole_province_and_an_empty_area():
    everything = maps.area_svg(Municipality.objects.values_list("pk", flat=True))
    assert "heel Vlaams-Brabant (63 gemeenten)" in everything
    assert filled(everything) == 63
    nothing = maps.area_svg([])
    assert "geen gemeenten opgegeven" in nothing
    assert filled(nothing) == 0
