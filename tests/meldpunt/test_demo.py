"""Demo content (meldpunt/demo.py via ``manage.py load_demo``): complete, flagged, idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from meldpunt import demo, demo_data
from meldpunt.models import (
    CapacityStatus,
    EducationLevel,
    Intervention,
    InterventionType,
    Location,
    PublicationStatus,
    Referral,
    TargetGroup,
)
from netwerk.models import Municipality, Organisation, PostalPlace, Region, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def loaded(django_db_setup, django_db_blocker):
    """Load the demo once for the module, in a transaction rolled back after its last test.

    Each test still runs in its own savepoint, so what one test changes the next never sees.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _remove_demo():
    Referral.objects.all().delete()  # the demo cases' dispatches protect the fiches
    Intervention.objects.all().delete()
    Organisation.objects.all().delete()


def _snapshot():
    return {
        "interventions": dict(Intervention.objects.values_list("slug", "updated_at")),
        "organisations": dict(Organisation.objects.values_list("slug", "updated_at")),
        "locations": Location.objects.count(),
        "history": Intervention.history.count(),
        "areas": Intervention.service_area.through.objects.count(),
    }


def test_load_demo_twice_changes_nothing():
    before = _snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _snapshot() == before
    assert "Demo-aanbod: 0 nieuwe fiches en 0 nieuwe aanbieders" in out.getvalue()


def test_summary_line_counts_what_was_created():
    _remove_demo()
    out = StringIO()
    call_command("load_demo", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("Demo-aanbod:")]
    assert lines == [
        f"Demo-aanbod: {len(demo_data.INTERVENTIONS)} nieuwe fiches en "
        f"{len(demo_data.ORGANISATIONS)} nieuwe aanbieders (0 fiches en 0 aanbieders "
        "bestonden al en bleven ongewijzigd)."
    ]


def test_edits_by_staff_are_never_overwritten():
    fiche = Intervention.objects.get(slug="korte-module-leuven-demo")
    fiche.name = "Door het Meldpunt aangepast"
    fiche.capacity_status = CapacityStatus.FULL
    fiche.save()
    fiche.types.clear()
    provider = fiche.provider
    provider.website = "https://nieuw.example.org/"
    provider.save()
    call_command("load_demo", stdout=StringIO())
    fiche.refresh_from_db()
    provider.refresh_from_db()
    assert fiche.name == "Door het Meldpunt aangepast"
    assert fiche.capacity_status == CapacityStatus.FULL
    assert not fiche.types.exists()
    assert provider.website == "https://nieuw.example.org/"


def test_at_least_forty_fiches_all_flagged_as_demo():
    fiches = Intervention.objects.all()
    assert fiches.count() >= 40
    assert not fiches.filter(is_demo=False).exists()
    assert not Organisation.objects.filter(interventions__in=fiches, is_demo=False).exists()
    # Besides the providers, the desk's demo cases bring a few made-up CLBs.
    providers = Organisation.objects.filter(is_demo=True).exclude(kind="clb")
    assert providers.count() == len(demo_data.ORGANISATIONS)


def test_every_type_level_and_target_group_is_used():
    for model in (InterventionType, EducationLevel, TargetGroup):
        unused = model.objects.filter(interventions__isnull=True).values_list("slug", flat=True)
        assert list(unused) == [], model.__name__
    assert set(Theme.objects.filter(interventions__isnull=True)) == set()


def test_demo_data_names_only_existing_lists_places_and_regions():
    # The loader skips unknown slugs (the Meldpunt may delete list entries); typos must not hide.
    known = {
        "types": set(InterventionType.objects.values_list("slug", flat=True)),
        "levels": set(EducationLevel.objects.values_list("slug", flat=True)),
        "target_groups": set(TargetGroup.objects.values_list("slug", flat=True)),
        "themes": set(Theme.objects.values_list("slug", flat=True)),
    }
    areas = set(Region.objects.values_list("slug", flat=True)) | set(
        Municipality.objects.values_list("name", flat=True)
    )
    providers = {spec["slug"] for spec in demo_data.ORGANISATIONS}
    slugs = [spec["slug"] for spec in demo_data.INTERVENTIONS]
    assert len(slugs) == len(set(slugs))
    for spec in demo_data.INTERVENTIONS:
        assert spec["provider"] in providers, spec["slug"]
        for key, values in known.items():
            assert set(spec.get(key, [])) <= values, (spec["slug"], key)
        assert set(spec["area"]) <= areas, spec["slug"]
        assert spec["types"], spec["slug"]


def test_addresses_use_a_postcode_of_their_municipality():
    specs = [*demo_data.ORGANISATIONS]
    for spec in demo_data.INTERVENTIONS:
        specs += [place for place in spec.get("locations", []) if place["kind"] == "address"]
    checked = 0
    for spec in specs:
        if spec.get("postcode"):
            assert PostalPlace.objects.filter(
                postcode=spec["postcode"], municipality__name=spec["municipality"]
            ).exists(), spec
            checked += 1
    assert checked > 20


def test_every_fiche_and_organisation_passes_model_validation():
    for fiche in Intervention.objects.all():
        fiche.full_clean()
    for organisation in Organisation.objects.all():
        organisation.full_clean()


def test_no_personal_contact_data():
    for organisation in Organisation.objects.filter(is_demo=True):
        email = organisation.email
        assert email == "" or email.endswith(".example.org") or email.endswith("@example.org")
        assert organisation.phone == ""
        if organisation.website:
            assert organisation.website.startswith("https://")


def test_sourced_fiches_are_marked_for_review_and_never_verified():
    slugs = [spec["slug"] for spec in demo_data.SOURCED]
    assert len(slugs) == 10
    for fiche in Intervention.objects.filter(slug__in=slugs):
        assert demo_data.SOURCED_NOTE in fiche.goal
        assert fiche.last_verified is None and fiche.is_stale
        assert fiche.capacity_status == CapacityStatus.UNKNOWN
        assert fiche.capacity_updated_at is None
    # Not stated in the sources, so left empty.
    leerrecht = Intervention.objects.get(slug="naft-leerrecht-vlaams-brabant-oost")
    assert (leerrecht.cost, leerrecht.duration) == ("", "")
    assert leerrecht.absence_legitimised is True
    assert set(leerrecht.service_area.all()) == set(
        Region.objects.get(slug="arrondissement-leuven").municipalities.all()
    )
    # Only the organisation's general website, no address book.
    assert not Organisation.objects.filter(slug__in=["arktos", "groep-intro", "alba"]).exclude(
        email=""
    ).exists()


def test_published_demo_fiches_serve_leuven():
    leuven = Municipality.objects.get(name="Leuven")
    serving = Intervention.objects.published().serving(leuven).filter(is_demo=True)
    assert serving.count() >= 8
    assert serving.filter(slug="naft-leerrecht-vlaams-brabant-oost").exists()
    assert not serving.filter(status=PublicationStatus.DRAFT).exists()


def test_fictional_fiches_show_every_state():
    fictional = Intervention.objects.filter(slug__in=[s["slug"] for s in demo_data.FICTIONAL])
    assert len(demo_data.FICTIONAL) >= 30
    assert set(fictional.values_list("capacity_status", flat=True)) == set(CapacityStatus.values)
    waiting = fictional.filter(capacity_status=CapacityStatus.WAITING_LIST)
    assert waiting.exists() and not waiting.filter(waiting_weeks__isnull=True).exists()
    assert fictional.filter(status=PublicationStatus.DRAFT).count() >= 2
    assert fictional.filter(status=PublicationStatus.ARCHIVED).count() == 1
    published = fictional.filter(status=PublicationStatus.PUBLISHED)
    stale = published.stale()
    assert stale.exists() and published.exclude(pk__in=stale).exists()
    assert set(Location.objects.values_list("kind", flat=True)) == set(Location.Kind.values)
    assert set(fictional.values_list("approach", flat=True)) >= {
        "preventive", "compensating", "remedial"
    }
    for fiche in fictional:
        assert fiche.name.endswith("(demo)")
        assert fiche.goal and fiche.what_happens and fiche.how_to_register


def test_words_for_the_full_text_search_demo():
    bodies = " ".join(
        Intervention.objects.published().values_list("search_body", flat=True)
    )
    for word in ["spijbelende leerlingen", "coordinatie", "herinschrijving", "zorgboerderij"]:
        assert word in bodies


def test_refuses_without_reference_geography():
    _remove_demo()
    Region.objects.all().delete()
    PostalPlace.objects.all().delete()
    Municipality.objects.all().delete()
    with pytest.raises(CommandError, match="load_geography"):
        demo.load_demo_content()


def test_the_demo_links_its_providers_to_the_network_bodies_they_belong_to():
    from netwerk.bodies.seeds import DIRECTORY_PROVIDERS
    from netwerk.models import BodyMembership

    linked = set(
        BodyMembership.objects.filter(organisation__slug__in=DIRECTORY_PROVIDERS)
        .values_list("organisation__slug", flat=True)
    )
    assert linked == DIRECTORY_PROVIDERS
