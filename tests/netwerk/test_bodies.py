"""The network's bodies: models, the seed from the action plan, roles and the admin."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from netwerk.bodies import seeds
from netwerk.documents import Visibility
from netwerk.models import Body, BodyMembership, Meeting, Organisation, Signal
from netwerk.roles import COORDINATOR, MELDPUNT, REDACTIE
from tests.netwerk.bodies_helpers import make_body, make_meeting

pytestmark = pytest.mark.django_db


# --- the seed ------------------------------------------------------------------------------


def test_the_action_plan_is_seeded_by_the_migration():
    slugs = set(Body.objects.values_list("slug", flat=True))
    assert {spec["slug"] for spec in seeds.BODIES} <= slugs
    assert not Body.objects.exclude(status="published").exists()
    halle = Body.objects.get(slug="lokaal-netwerk-halle")
    assert halle.kind == Body.Kind.LOCAL_NETWORK
    assert halle.region.slug == "halle"
    assert set(halle.children.values_list("slug", flat=True)) == {
        "schoolondersteuning-halle", "naft-stuurgroep-halle", "plek-halle"
    }
    naft = Body.objects.get(slug="naft-stuurgroep-halle")
    assert naft.memberships.get().organisation.slug == "stad-halle"
    assert naft.memberships.get().role == BodyMembership.Role.CHAIR
    vilvoorde_machelen = Body.objects.get(slug="naft-stuurgroep-vilvoorde-machelen")
    assert set(vilvoorde_machelen.municipalities.values_list("name", flat=True)) == {
        "Vilvoorde", "Machelen"
    }
    assert Body.objects.get(slug="werkgroep-recht-op-leren").meeting_frequency
    assert Body.objects.local_networks().count() == 5


def test_every_seeded_region_theme_and_member_exists():
    # The seed skips unknown slugs leniently; a typo must not hide.
    regions = set(apps.get_model("netwerk", "Region").objects.values_list("slug", flat=True))
    themes = set(apps.get_model("netwerk", "Theme").objects.values_list("slug", flat=True))
    organisations = set(seeds.ORGANISATIONS) | seeds.DIRECTORY_PROVIDERS
    parents = set()
    for spec in seeds.BODIES:
        assert spec.get("region", "halle") in regions, spec["slug"]
        assert set(spec.get("themes", [])) <= themes, spec["slug"]
        assert {slug for slug, _ in spec.get("members", [])} <= organisations, spec["slug"]
        assert spec.get("parent") is None or spec["parent"] in parents, spec["slug"]
        parents.add(spec["slug"])


def test_seeded_organisations_carry_no_contact_details():
    for organisation in Organisation.objects.filter(slug__in=seeds.ORGANISATIONS):
        assert not (organisation.email or organisation.phone or organisation.street_address)


def test_seed_is_idempotent_and_keeps_edits():
    body = Body.objects.get(slug="stuurgroep")
    body.name = "Door de coördinator aangepast"
    body.save()
    BodyMembership.objects.filter(body=body, organisation__slug="vdab").delete()
    counts = (Body.objects.count(), BodyMembership.objects.count(), Organisation.objects.count())
    seeds.seed(apps, None)
    assert (
        Body.objects.count(), BodyMembership.objects.count(), Organisation.objects.count()
    ) == counts
    body.refresh_from_db()
    assert body.name == "Door de coördinator aangepast"


def test_seed_links_directory_providers_when_they_exist():
    Body.objects.all().delete()
    Organisation.objects.create(slug="arktos", name="Arktos vzw", search_name="arktos vzw")
    seeds.seed(apps, None)
    diest = Body.objects.get(slug="lokaal-netwerk-diest")
    assert "arktos" in set(diest.organisations.values_list("slug", flat=True))
    assert not Organisation.objects.filter(slug="groep-intro").exists()  # not created here


# --- models ----------------------------------------------------------------------------------


def test_an_organisation_is_in_a_body_once():
    body = make_body()
    organisation = Organisation.objects.get(slug="vdab")
    BodyMembership.objects.create(body=body, organisation=organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyMembership.objects.create(body=body, organisation=organisation, role="chair")


def test_a_body_cannot_sit_under_its_own_part():
    top = make_body("boven")
    below = make_body("onder", parent=top)
    top.parent = below
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "onder zichzelf" in error.value.message_dict["parent"][0]


def test_meetings_split_into_upcoming_and_past():
    body = make_body()
    past = make_meeting(body, days=-1)
    today = make_meeting(body, days=0)
    assert list(Meeting.objects.upcoming()) == [today]
    assert list(Meeting.objects.past()) == [past]


def test_an_answered_signal_needs_its_answer():
    body = make_body()
    signal = Signal(title="Wachtlijsten NAFT", body=body, status=Signal.Status.ANSWERED)
    with pytest.raises(ValidationError) as error:
        signal.full_clean()
    assert set(error.value.message_dict) == {"answer", "answered_on"}
    with pytest.raises(IntegrityError), transaction.atomic():
        signal.save()


# --- roles and the admin ------------------------------------------------------------------


def changelist(model):
    return reverse(f"admin:netwerk_{model}_changelist")


@pytest.mark.parametrize("model", ["body", "meeting"])
def test_coordinator_and_redactie_manage_bodies_and_meetings(
    model, coordinator_client, redactie_client, meldpunt_client
):
    for client in (coordinator_client, redactie_client, meldpunt_client):
        assert client.get(changelist(model)).status_code == 200
    assert coordinator_client.get(reverse(f"admin:netwerk_{model}_add")).status_code == 200
    assert redactie_client.get(reverse(f"admin:netwerk_{model}_add")).status_code == 200
    assert meldpunt_client.get(reverse(f"admin:netwerk_{model}_add")).status_code == 403


def test_signals_are_the_coordinators_alone(
    coordinator_client, redactie_client, meldpunt_client, redactie_user, meldpunt_user
):
    signal = Signal.objects.create(title="Te weinig OKAN-plaatsen", body=make_body())
    assert coordinator_client.get(changelist("signal")).status_code == 200
    for client, user in ((redactie_client, redactie_user), (meldpunt_client, meldpunt_user)):
        assert not user.has_perm("netwerk.view_signal")
        assert client.get(changelist("signal")).status_code == 403
        url = reverse("admin:netwerk_signal_change", args=[signal.pk])
        assert client.get(url).status_code == 403


def test_roles_match_the_brief():
    from django.contrib.auth.models import Group

    def perms(role):
        return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))

    for model in ("body", "bodymembership", "meeting", "meetingdocument"):
        assert {f"add_{model}", f"delete_{model}"} <= perms(REDACTIE)
        assert f"view_{model}" in perms(MELDPUNT)
        assert f"change_{model}" not in perms(MELDPUNT)
        assert f"delete_{model}" in perms(COORDINATOR)
    assert "delete_signal" in perms(COORDINATOR)


def test_admin_lists_filter_and_search(coordinator_client):
    body = Body.objects.get(slug="lokaal-netwerk-leuven")
    make_meeting(body, place="Stadhuis Leuven")
    Signal.objects.create(title="Schooluitval in de jeugdhulp", body=body)
    response = coordinator_client.get(changelist("body"), {"kind": "local_network", "q": "Leuven"})
    assert response.status_code == 200
    assert "Lokaal netwerk Leuven" in response.content.decode()
    assert body.get_absolute_url() in response.content.decode()  # the preview link
    assert coordinator_client.get(changelist("meeting"), {"q": "Stadhuis"}).status_code == 200
    response = coordinator_client.get(changelist("signal"), {"status": "collected"})
    assert "Schooluitval in de jeugdhulp" in response.content.decode()


def test_mark_signals_passed_on(coordinator_client):
    signal = Signal.objects.create(title="Vervoer naar time-out", body=make_body())
    response = coordinator_client.post(
        changelist("signal"),
        {"action": "mark_passed_on", "_selected_action": [signal.pk]},
        follow=True,
    )
    assert "1 signaal gemarkeerd als doorgegeven" in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == Signal.Status.PASSED_ON
    assert signal.passed_on_on is not None


def _meeting_form(body, upload):
    return {
        "body": body.pk,
        "date": "12/03/2026",
        "start_time": "",
        "place": "Online",
        "agenda": "",
        "minutes": "",
        "minutes_visibility": Visibility.MEMBERS,
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "documents-0-title": "Notulen",
        "documents-0-file": upload,
        "documents-0-visibility": Visibility.MEMBERS,
        "documents-0-position": "0",
    }


def test_a_file_that_is_not_what_it_says_is_refused_in_the_admin(redactie_client):
    body = make_body()
    fake = SimpleUploadedFile("notulen.pdf", b"MZ\x90\x00 een programma")
    response = redactie_client.post(reverse("admin:netwerk_meeting_add"), _meeting_form(body, fake))
    assert response.status_code == 200
    assert "De inhoud van het bestand is geen PDF-bestand" in response.content.decode()
    assert not Meeting.objects.filter(body=body).exists()


def test_a_real_pdf_is_accepted_in_the_admin(redactie_client):
    body = make_body()
    upload = SimpleUploadedFile("notulen.pdf", b"%PDF-1.7 echt")
    response = redactie_client.post(
        reverse("admin:netwerk_meeting_add"), _meeting_form(body, upload)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Meeting.objects.get(body=body).documents.get().title == "Notulen"
