"""``manage.py generate_bench_data``: deterministic, searchable; --clear removes only its own."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from meldpunt.models import Intervention, Location, PublicationStatus
from netwerk.geography import normalise
from netwerk.models import Organisation
from tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


def generate(**options):
    out = StringIO()
    call_command("generate_bench_data", stdout=out, **options)
    return out.getvalue()


def snapshot():
    fiches = (
        Intervention.objects.filter(slug__startswith="bench-")
        .select_related("provider")
        .prefetch_related("service_area", "types", "education_levels", "locations")
        .order_by("slug")
    )
    return [
        (
            fiche.slug,
            str(fiche.uuid),
            fiche.name,
            fiche.summary,
            fiche.provider.slug,
            fiche.provider.name,
            fiche.status,
            fiche.capacity_status,
            sorted(m.name for m in fiche.service_area.all()),
            sorted(t.slug for t in fiche.types.all()),
            sorted(level.slug for level in fiche.education_levels.all()),
            [(loc.kind, loc.street_address, loc.postcode) for loc in fiche.locations.all()],
        )
        for fiche in fiches
    ]


def test_same_seed_gives_the_same_data_after_clear():
    assert "Aangemaakt: 50 fiches van 5 aanbieders" in generate(interventions=50, seed=1)
    first = snapshot()
    assert len(first) == 50
    assert "Verwijderd: 50 benchmarkfiches." in generate(interventions=50, seed=1, clear=True)
    assert snapshot() == first


def test_another_seed_gives_other_data():
    generate(interventions=50, seed=1)
    first = snapshot()
    generate(interventions=50, seed=2, clear=True)
    second = snapshot()
    assert [row[0] for row in first] == [row[0] for row in second]  # slugs are numbered
    assert [row[2] for row in first] != [row[2] for row in second]


def test_fills_the_normalised_search_fields():
    generate(interventions=50)
    fiches = Intervention.objects.filter(slug__startswith="bench-")
    for fiche in fiches:
        assert fiche.search_name == normalise(fiche.name) != ""
        assert fiche.search_summary == normalise(fiche.summary) != ""
        expected = normalise(
            " ".join(
                [fiche.goal, fiche.what_happens, fiche.target_group_description,
                 fiche.how_to_register]
            )
        )
        assert fiche.search_body == expected != ""
        assert fiche.provider.search_name == normalise(fiche.provider.name)


def test_a_realistic_mix():
    generate(interventions=50)
    fiches = Intervention.objects.filter(slug__startswith="bench-")
    assert Organisation.objects.filter(slug__startswith="bench-").count() == 5
    assert fiches.published().count() >= 40
    assert fiches.exclude(status=PublicationStatus.PUBLISHED).exists()
    assert not fiches.filter(service_area__isnull=True).exists()
    assert not fiches.filter(types__isnull=True).exists()
    assert Location.objects.filter(intervention__in=fiches, kind="address").exists()
    assert not fiches.filter(is_demo=True).exists()


def test_clear_removes_only_bench_data():
    kept = InterventionFactory(area=["Leuven"], slug="benchmark-is-geen-prefix")
    generate(interventions=20)
    generate(interventions=0, clear=True)
    assert not Intervention.objects.filter(slug__startswith="bench-").exists()
    assert not Organisation.objects.filter(slug__startswith="bench-").exists()
    assert not Intervention.history.filter(slug__startswith="bench-").exists()
    assert list(Intervention.objects.all()) == [kept]
    assert Organisation.objects.filter(pk=kept.provider_id).exists()


def test_refuses_to_add_to_existing_bench_data_without_clear():
    generate(interventions=5)
    with pytest.raises(CommandError, match="--clear"):
        generate(interventions=5)
    assert Intervention.objects.filter(slug__startswith="bench-").count() == 5
