"""Pinned query counts: the theme pages cost the same with 5 or 40 resources and interventions.

When a number changes on purpose, update it here; when it changes with the size, a query
runs per row (a missing select_related/prefetch_related).
"""

import pytest
from django.urls import reverse

from netwerk.models import Audience, EducationStage, Resource, Theme
from tests.factories import InterventionFactory, bulk_relate
from tests.netwerk.themes_factories import ResourceFactory

pytestmark = pytest.mark.django_db

SIZES = [5, 40]
THEME = "verbindend-schoolklimaat"


def build(size):
    """``size`` published resources (half of them practices) and interventions on one theme,
    each resource with several audiences, levels and themes. In bulk: the point is the
    page's queries, not the set-up's."""
    resources = Resource.objects.bulk_create([
        Resource(
            title=f"Hulpmiddel {n:03d}", slug=f"bulk-{n}", summary="Samen aanpakken.",
            kind="practice" if n % 2 else "guide", link="https://example.org/", status="published",
        )
        for n in range(size)
    ])
    relations = {
        "themes": Theme.objects.filter(slug__in=[THEME, "basisonderwijs"]),
        "audiences": Audience.objects.filter(slug__in=["school", "clb"]),
        "stages": EducationStage.objects.filter(slug__in=["basisonderwijs", "secundair-onderwijs"]),
    }
    bulk_relate(Resource, resources, relations)
    ResourceFactory(status="draft")
    for n in range(min(size, 12)):
        InterventionFactory(themes=[THEME])
    return resources


@pytest.mark.parametrize("size", SIZES)
def test_theme_overview(anonymous, django_assert_num_queries, size):
    build(size)
    # Resource counts per theme, themes with intervention counts, practices count.
    with django_assert_num_queries(3):
        response = anonymous.get(reverse("netwerk:themes"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_theme_page_filtered(anonymous, django_assert_num_queries, size):
    build(size)
    url = reverse("netwerk:theme", kwargs={"slug": THEME})
    # Theme, 2 option lists, count, page, 2 prefetches (audiences, levels),
    # interventions with their providers, the agenda's upcoming and past events, the
    # bodies working on it.
    with django_assert_num_queries(11):
        response = anonymous.get(url + "?doelgroep=clb&niveau=basisonderwijs&pagina=2")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == size


@pytest.mark.parametrize("size", SIZES)
def test_practices_page(anonymous, django_assert_num_queries, size):
    build(size)
    # 3 option lists, count, page, 3 prefetches (audiences, levels, themes).
    with django_assert_num_queries(8):
        response = anonymous.get(reverse("netwerk:practices") + "?thema=" + THEME)
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_resource_page(anonymous, django_assert_num_queries, size):
    resources = build(size)
    # The resource, its themes, audiences and levels.
    with django_assert_num_queries(4):
        response = anonymous.get(resources[-1].get_absolute_url())
    assert response.status_code == 200
