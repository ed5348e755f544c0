"""The admin: regions are edited there, the reference geography is read-only."""

import pytest
from django.urls import reverse

from netwerk.models import Arrondissement, Municipality, PostalPlace, Region

pytestmark = pytest.mark.django_db


def test_region_changelist_lists_kind_and_municipality_count(admin_client):
    response = admin_client.get(reverse("admin:netwerk_region_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    for region in Region.objects.all():
        assert region.name in content
    rows = {row.name: row.municipality_count for row in response.context["cl"].result_list}
    assert rows["Arrondissement Leuven"] == 30
    assert rows["Arrondissement Halle-Vilvoorde"] == 33
    assert rows["Diest"] == Region.objects.get(slug="diest").municipalities.count()


def test_region_changelist_does_not_query_per_row(admin_client, django_assert_max_num_queries):
    url = reverse("admin:netwerk_region_changelist")
    admin_client.get(url)  # warm up session and content types
    with django_assert_max_num_queries(8):
        admin_client.get(url)


def test_region_search_by_municipality_counts_every_member(admin_client):
    response = admin_client.get(reverse("admin:netwerk_region_changelist"), {"q": "Diest"})
    rows = {row.slug: row.municipality_count for row in response.context["cl"].result_list}
    assert set(rows) == {"diest", "arrondissement-leuven"}
    assert rows["arrondissement-leuven"] == 30


def test_region_change_page_loads_with_filter_horizontal(admin_client):
    region = Region.objects.get(slug="leuven")
    response = admin_client.get(reverse("admin:netwerk_region_change", args=[region.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "selectfilter" in content.lower()  # the filter_horizontal widget
    assert 'name="add_arrondissements"' in content


def test_region_can_be_edited(admin_client):
    region = Region.objects.get(slug="diest")
    members = list(region.municipalities.values_list("pk", flat=True))[:2]
    response = admin_client.post(
        reverse("admin:netwerk_region_change", args=[region.pk]),
        {"name": "Diest en omgeving", "slug": "diest", "kind": "local", "description": "",
         "municipalities": members},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    region.refresh_from_db()
    assert region.name == "Diest en omgeving"
    assert set(region.municipalities.values_list("pk", flat=True)) == set(members)


def test_adding_a_region_with_a_whole_arrondissement(admin_client):
    leuven = Arrondissement.objects.get(nis_code="24000")
    overijse = Municipality.objects.get(name="Overijse")
    response = admin_client.post(
        reverse("admin:netwerk_region_add"),
        {"name": "Oost", "slug": "oost", "kind": "other", "description": "",
         "municipalities": [overijse.pk], "add_arrondissements": [leuven.pk]},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    region = Region.objects.get(slug="oost")
    assert set(region.municipalities.all()) == {overijse, *leuven.municipalities.all()}


@pytest.mark.parametrize("model", ["arrondissement", "municipality", "postalplace"])
def test_reference_data_refuses_add_for_a_superuser(admin_client, model):
    assert admin_client.get(reverse(f"admin:netwerk_{model}_add")).status_code == 403
    changelist = admin_client.get(reverse(f"admin:netwerk_{model}_changelist"))
    assert changelist.status_code == 200
    assert not changelist.context["has_add_permission"]


def test_reference_data_refuses_change_and_delete_for_a_superuser(admin_client):
    leuven = Municipality.objects.get(name="Leuven")
    change_url = reverse("admin:netwerk_municipality_change", args=[leuven.pk])
    page = admin_client.get(change_url)
    assert page.status_code == 200  # viewing is allowed
    assert not page.context["has_change_permission"]
    assert "Kessel-Lo" in page.content.decode()  # the read-only inline of postal places
    admin_client.post(change_url, {"name": "Loven"})
    leuven.refresh_from_db()
    assert leuven.name == "Leuven"
    delete_url = reverse("admin:netwerk_municipality_delete", args=[leuven.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Municipality.objects.filter(pk=leuven.pk).exists()


def test_municipality_changelist_shows_postcodes_without_a_query_per_row(
    admin_client, django_assert_max_num_queries
):
    url = reverse("admin:netwerk_municipality_changelist")
    admin_client.get(url)
    with django_assert_max_num_queries(8):  # all 63 rows on one page
        response = admin_client.get(url)
    rows = {m.name: m for m in response.context["cl"].result_list}
    admin = response.context["cl"].model_admin
    assert admin.postcodes(rows["Leuven"]) == "3000, 3001, 3010, 3012, 3018"


def test_municipality_changelist_filters_by_arrondissement(admin_client):
    halle_vilvoorde = Arrondissement.objects.get(nis_code="23000")
    response = admin_client.get(
        reverse("admin:netwerk_municipality_changelist"),
        {"arrondissement__id__exact": halle_vilvoorde.pk, "all": ""},
    )
    assert response.context["cl"].result_count == 33


def test_postal_place_search_by_postcode(admin_client):
    response = admin_client.get(reverse("admin:netwerk_postalplace_changelist"), {"q": "3470"})
    names = {place.name for place in response.context["cl"].result_list}
    assert names == set(PostalPlace.objects.filter(postcode="3470").values_list("name", flat=True))
    assert "Sint-Margriete-Houtem" in names
