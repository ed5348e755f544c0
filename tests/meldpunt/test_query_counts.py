"""Pinned query counts: the directory pages cost the same with 5 or 60 interventions.

When a number changes on purpose, update it here; when it changes with the size,
a query runs per row (a missing select_related/prefetch_related).
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from meldpunt.models import EducationLevel, Intervention, InterventionType, Location, TargetGroup
from netwerk.geography import normalise
from netwerk.models import Municipality, Theme
from tests.factories import InterventionFactory, OrganisationFactory, bulk_relate

pytestmark = pytest.mark.django_db

SIZES = [5, 60]
AREA = ["Leuven", "Herent", "Bertem", "Tienen", "Aarschot"]


def build(size):
    """``size`` published fiches of one provider, each with lists, an area and locations.

    In bulk (no factory per row): the point is the page's queries, not the set-up's.
    """
    provider = OrganisationFactory(slug="veel-aanbod")
    summary = "Begeleiding voor leerlingen die de band met school dreigen te verliezen."
    interventions = Intervention.objects.bulk_create([
        Intervention(
            provider=provider, name=f"Begeleiding {n:03d}", slug=f"begeleiding-{n}",
            summary=summary, search_name=normalise(f"Begeleiding {n:03d}"),
            search_summary=normalise(summary), search_body="", status="published",
            approach="remedial", capacity_status="free", waiting_weeks=2, age_min=12,
            age_max=18, last_verified=timezone.localdate(),
        )
        for n in range(size)
    ])
    relations = {
        "types": InterventionType.objects.filter(slug__in=["time-out", "naft-korte-module"]),
        "education_levels": EducationLevel.objects.filter(
            slug__in=["secundair-eerste-graad", "secundair-tweede-graad"]
        ),
        "target_groups": TargetGroup.objects.filter(slug="spijbelen"),
        "themes": Theme.objects.filter(slug="verbindend-schoolklimaat"),
        "service_area": Municipality.objects.filter(name__in=AREA),
    }
    bulk_relate(Intervention, interventions, relations)
    leuven = Municipality.objects.get(name="Leuven")
    tienen = Municipality.objects.get(name="Tienen")
    Location.objects.bulk_create([
        Location(intervention=intervention, municipality=municipality, postcode="3000")
        for intervention in interventions
        for municipality in (leuven, tienen)
    ])
    InterventionFactory(provider=provider, name="Klad", status="draft", area=AREA)
    return interventions


SEARCH = (
    "?waar=Kessel-Lo&soort=time-out&niveau=secundair-eerste-graad&doelgroep=spijbelen"
    "&leeftijd=14&vrij=1&q=begeleiding"
)


@pytest.mark.parametrize("size", SIZES)
def test_search_by_relevance(anonymous, django_assert_num_queries, size):
    build(size)
    # 19 + 1: the free text is matched once, then every query filters on its ids;
    # + 2 for the directory's version (the page cache key).
    with django_assert_num_queries(22):
        response = anonymous.get(reverse("meldpunt:search") + SEARCH)
    assert response.status_code == 200
    assert response.context["order"] == "relevantie"
    assert len(response.context["cards"]) == min(size, 20)


@pytest.mark.parametrize("size", SIZES)
def test_search_by_distance(anonymous, django_assert_num_queries, size):
    build(size)
    # 21 + 1 + 2: see test_search_by_relevance.
    with django_assert_num_queries(24):
        response = anonymous.get(reverse("meldpunt:search") + SEARCH + "&sorteer=afstand")
    assert response.status_code == 200
    assert response.context["order"] == "afstand"
    assert len(response.context["cards"]) == min(size, 20)


@pytest.mark.parametrize("size", SIZES)
def test_search_without_filters_second_page(anonymous, django_assert_num_queries, size):
    build(size)
    # 17 + 2 for the directory's version (the page cache key).
    with django_assert_num_queries(19):
        response = anonymous.get(reverse("meldpunt:search") + "?pagina=2")
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_fiche(anonymous, django_assert_num_queries, size):
    interventions = build(size)
    with django_assert_num_queries(9):
        response = anonymous.get(interventions[-1].get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_provider_page(anonymous, django_assert_num_queries, size):
    interventions = build(size)
    with django_assert_num_queries(7):
        response = anonymous.get(interventions[0].provider.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["interventions"]) == size
