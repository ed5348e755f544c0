"""CSV/XLSX import and export of fiches and organisations (meldpunt.resources, the admin)."""

import datetime

import pytest
import tablib
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from meldpunt.models import Intervention
from meldpunt.resources import InterventionResource, OrganisationResource
from netwerk.models import Municipality, Organisation
from tests.factories import InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiches():
    provider = OrganisationFactory(name="Voorbeeld vzw", slug="voorbeeld")
    first = InterventionFactory(
        provider=provider,
        name="Time-out Leuven",
        slug="time-out-leuven",
        area=["Leuven", "Herent"],
        types=["time-out", "individueel-traject"],
        levels=["secundair-eerste-graad"],
        target_groups=["spijbelen"],
        themes=["verbindend-schoolklimaat"],
        cost="gratis",
        absence_legitimised=True,
        last_verified=datetime.date(2025, 3, 31),
    )
    first.set_capacity("waiting_list", 6)
    first.save()
    second = InterventionFactory(
        provider=provider,
        name="Zorgboerderij Diest",
        slug="zorgboerderij-diest",
        area=["Diest"],
        types=["zorgboerderij"],
        status="draft",
        age_min=None,
        age_max=None,
    )
    return first, second


def snapshot(intervention):
    intervention.refresh_from_db()
    return {
        "fields": {
            name: getattr(intervention, name)
            for name in InterventionResource._meta.fields
            if name
            not in {"provider", "types", "target_groups", "education_levels", "themes",
                    "service_area"}
        },
        "provider": intervention.provider.slug,
        "types": set(intervention.types.values_list("slug", flat=True)),
        "target_groups": set(intervention.target_groups.values_list("slug", flat=True)),
        "education_levels": set(intervention.education_levels.values_list("slug", flat=True)),
        "themes": set(intervention.themes.values_list("slug", flat=True)),
        "service_area": set(intervention.service_area.values_list("name", flat=True)),
        "capacity_updated_at": intervention.capacity_updated_at,
    }


def import_rows(resource, dataset, dry_run=False):
    return resource.import_data(dataset, dry_run=dry_run, raise_errors=False)


def exported_rows(fmt=CSV):
    """Export through the format's own bytes, then read them back as a dataset."""
    dataset = InterventionResource().export(Intervention.objects.all())
    data = fmt().export_data(dataset)
    return fmt().create_dataset(data), data


def valid_row(**overrides):
    row = {
        "slug": "nieuw-aanbod",
        "name": "Nieuw aanbod",
        "provider": "voorbeeld",
        "summary": "Een nieuw aanbod voor leerlingen.",
        "types": "time-out, dagbesteding",
        "target_groups": "",
        "education_levels": "secundair-tweede-graad",
        "age_min": "14",
        "age_max": "18",
        "themes": "",
        "service_area": "Leuven, 24020, sint-genesius-rode",
        "capacity_status": "plaatsen vrij",
        "waiting_weeks": "",
        "status": "published",
        "last_verified": "31/01/2025",
        "is_demo": "nee",
    }
    row.update(overrides)
    return row


def dataset_of(*rows):
    headers = list(rows[0])
    return tablib.Dataset(*[[row[h] for h in headers] for row in rows], headers=headers)


# --- export and round trip ----------------------------------------------------------------------


def test_export_writes_slugs_names_and_dutch_yes_no(fiches):
    dataset = InterventionResource().export(Intervention.objects.all())
    rows = {row["slug"]: row for row in dataset.dict}
    row = rows["time-out-leuven"]
    assert row["provider"] == "voorbeeld"
    assert row["types"] == "individueel-traject, time-out"
    assert row["service_area"] == "Herent, Leuven"
    assert row["capacity_status"] == "waiting_list"
    assert row["waiting_weeks"] == "6"
    assert row["absence_legitimised"] == "ja"
    assert row["certificate_issued"] == ""
    assert row["last_verified"] == "2025-03-31"
    assert rows["zorgboerderij-diest"]["age_min"] == ""


def test_export_does_not_query_per_fiche(fiches, django_assert_max_num_queries):
    for _ in range(10):
        InterventionFactory(area=["Leuven"], types=["time-out"])
    with django_assert_max_num_queries(8):
        InterventionResource().export(Intervention.objects.all())


@pytest.mark.parametrize("fmt", [CSV, XLSX])
def test_round_trip_changes_nothing(fiches, fmt):
    before = [snapshot(fiche) for fiche in fiches]
    dataset, _ = exported_rows(fmt)
    result = import_rows(InterventionResource(), dataset)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["update"] == 2
    assert [snapshot(fiche) for fiche in fiches] == before


@pytest.mark.parametrize("fmt", [CSV, XLSX])
def test_round_trip_recreates_deleted_fiches(fiches, fmt):
    before = {fiche.slug: snapshot(fiche) for fiche in fiches}
    dataset, _ = exported_rows(fmt)
    Intervention.objects.all().delete()
    result = import_rows(InterventionResource(), dataset)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 2
    for slug, expected in before.items():
        after = snapshot(Intervention.objects.get(slug=slug))
        # A recreated fiche gets a fresh capacity date (its capacity is new to the database).
        expected.pop("capacity_updated_at")
        after.pop("capacity_updated_at")
        assert after == expected


def test_admin_export_csv_and_xlsx(meldpunt_client, fiches):
    url = reverse("admin:meldpunt_intervention_export")
    page = meldpunt_client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    choices = {key: title for key, title in form.fields["format"].choices if key != ""}
    assert sorted(choices.values()) == ["csv", "xlsx"]
    fields = {name: "on" for name in form.fields if name.startswith("interventionresource_")}
    for index, title in choices.items():
        response = meldpunt_client.post(url, {"format": index, "resource": "0", **fields})
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'.{title}"')
        dataset = (CSV if title == "csv" else XLSX)().create_dataset(
            response.content.decode("utf-8") if title == "csv" else response.content
        )
        assert sorted(dataset["slug"]) == ["time-out-leuven", "zorgboerderij-diest"]


def test_export_page_has_nothing_the_csp_blocks(meldpunt_client, fiches):
    """No inline style or event attributes; the toggle is wired by a script file."""
    html = meldpunt_client.get(reverse("admin:meldpunt_intervention_export")).content.decode()
    assert "style=" not in html
    assert "onchange=" not in html and "onclick=" not in html
    assert 'id="select-all-toggle"' in html
    assert "js/admin-export.js" in html


# --- imports that create or update ---------------------------------------------------------------


def test_valid_import_creates_and_updates_fiches(fiches):
    update = valid_row(slug="time-out-leuven", name="Time-out Leuven (vernieuwd)",
                       capacity_status="full", waiting_weeks="10", service_area="Leuven")
    create = valid_row()
    result = import_rows(InterventionResource(), dataset_of(update, create))
    assert not result.has_errors() and not result.has_validation_errors(), [
        row.error_dict for row in result.invalid_rows
    ]
    assert (result.totals["update"], result.totals["new"]) == (1, 1)
    updated = Intervention.objects.get(slug="time-out-leuven")
    assert updated.name == "Time-out Leuven (vernieuwd)"
    assert (updated.capacity_status, updated.waiting_weeks) == ("full", 10)
    assert list(updated.service_area.values_list("name", flat=True)) == ["Leuven"]
    created = Intervention.objects.get(slug="nieuw-aanbod")
    assert created.provider.slug == "voorbeeld"
    assert set(created.types.values_list("slug", flat=True)) == {"time-out", "dagbesteding"}
    assert set(created.service_area.values_list("nis_code", flat=True)) == {
        Municipality.objects.get(name=name).nis_code
        for name in ["Leuven", "Diest", "Sint-Genesius-Rode"]
    }  # 24020 is Diest's NIS code
    assert created.capacity_status == "free"
    assert created.capacity_updated_at is not None
    assert created.last_verified == datetime.date(2025, 1, 31)
    assert created.search_name == "nieuw aanbod"
    assert created.history.exists()


def test_unchanged_capacity_keeps_its_date(fiches):
    first = fiches[0]
    stamp = Intervention.objects.get(pk=first.pk).capacity_updated_at
    dataset, _ = exported_rows(CSV)
    import_rows(InterventionResource(), dataset)
    assert Intervention.objects.get(pk=first.pk).capacity_updated_at == stamp


# --- a bad row changes nothing --------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, field, message",
    [
        ({"provider": "bestaat-niet"}, "provider", "Geen organisatie met slug “bestaat-niet”."),
        ({"age_min": "18", "age_max": "12"}, "age_max", "minstens even groot"),
        ({"types": "time-out, bestaat-niet"}, "types", "Onbekende soort aanbod: bestaat-niet."),
        (
            {"service_area": "Leuven, Brussel"},
            "service_area",
            "Geen gemeente van Vlaams-Brabant: Brussel.",
        ),
        ({"capacity_status": "misschien"}, "capacity_status", "“misschien” kan hier niet."),
        ({"is_demo": "soms"}, "is_demo", "“soms” is geen ja of nee."),
        ({"age_min": "twaalf"}, "age_min", "“twaalf” is geen geheel getal."),
        ({"last_verified": "2025-31-01"}, "last_verified", "is geen datum"),
        ({"waiting_weeks": "200"}, "waiting_weeks", "hoogstens 104 weken"),
        ({"types": ""}, "types", "Vul minstens één soort aanbod in"),
    ],
)
def test_one_bad_row_changes_nothing_and_is_reported(fiches, bad, field, message):
    before = [snapshot(fiche) for fiche in fiches]
    count = Intervention.objects.count()
    rows = [
        valid_row(slug="time-out-leuven", name="Gewijzigd"),
        valid_row(slug="nog-een", **bad),
        valid_row(slug="derde"),
    ]
    result = import_rows(InterventionResource(), dataset_of(*rows))
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2  # the second data row: line 3 of the file
    assert any(message in error for error in invalid.error_dict[field]), invalid.error_dict
    assert Intervention.objects.count() == count
    assert not Intervention.objects.filter(slug__in=["nog-een", "derde"]).exists()
    assert [snapshot(fiche) for fiche in fiches] == before


def test_missing_key_column_changes_nothing(fiches):
    rows = [{k: v for k, v in valid_row().items() if k != "slug"}]
    result = import_rows(InterventionResource(), dataset_of(*rows))
    assert result.has_errors()
    assert Intervention.objects.count() == 2


def csv_upload(*rows):
    return SimpleUploadedFile(
        "fiches.csv", dataset_of(*rows).export("csv").encode("utf-8"), content_type="text/csv"
    )


def test_admin_import_reports_the_line_and_imports_nothing(meldpunt_client, fiches):
    url = reverse("admin:meldpunt_intervention_import")
    assert meldpunt_client.get(url).status_code == 200
    response = meldpunt_client.post(
        url,
        {
            "resource": "0",
            "format": "0",
            "import_file": csv_upload(valid_row(), valid_row(slug="fout", provider="onbekend")),
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Regel 3" in content
    assert "Geen organisatie met slug “onbekend”." in content
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Intervention.objects.filter(slug__in=["nieuw-aanbod", "fout"]).exists()


def test_admin_import_in_two_steps(meldpunt_client, fiches):
    url = reverse("admin:meldpunt_intervention_import")
    response = meldpunt_client.post(
        url,
        {
            "resource": "0",
            "format": "0",
            "import_file": csv_upload(valid_row(), valid_row(slug="tweede", name="Tweede")),
        },
    )
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    assert confirm is not None
    assert not Intervention.objects.filter(slug="nieuw-aanbod").exists()  # only a preview
    data = {name: confirm[name].value() for name in confirm.fields}
    done = meldpunt_client.post(reverse("admin:meldpunt_intervention_process_import"), data)
    assert done.status_code == 302
    assert Intervention.objects.filter(slug__in=["nieuw-aanbod", "tweede"]).count() == 2
    texts = [str(m) for m in get_messages(done.wsgi_request)]
    assert texts


def test_admin_import_of_an_unreadable_file_is_a_form_error(meldpunt_client):
    response = meldpunt_client.post(
        reverse("admin:meldpunt_intervention_import"),
        {
            "resource": "0",
            "format": "1",  # xlsx
            "import_file": SimpleUploadedFile("fiches.xlsx", b"geen spreadsheet"),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors


# --- organisations --------------------------------------------------------------------------------


def test_organisation_round_trip_and_update(fiches):
    provider = Organisation.objects.get(slug="voorbeeld")
    provider.municipality = Municipality.objects.get(name="Leuven")
    provider.postcode = "3000"
    provider.save()
    dataset = OrganisationResource().export(Organisation.objects.all())
    # Besides this provider, the network's seeded member organisations (netwerk/bodies/seeds.py).
    row = next(row for row in dataset.dict if row["slug"] == "voorbeeld")
    assert (row["slug"], row["kind"], row["municipality"], row["is_demo"]) == (
        "voorbeeld", "naft", "Leuven", "nee"
    )
    for fmt in (CSV, XLSX):
        again = fmt().create_dataset(fmt().export_data(dataset))
        result = import_rows(OrganisationResource(), again)
        assert not result.has_errors() and not result.has_validation_errors()
    changed = tablib.Dataset(
        ["voorbeeld", "Voorbeeld vzw", "CLB", "24020", "3290"],
        ["nieuw", "Nieuw vzw", "naft", "", ""],
        headers=["slug", "name", "kind", "municipality", "postcode"],
    )
    result = import_rows(OrganisationResource(), changed)
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    provider.refresh_from_db()
    assert (provider.kind, provider.municipality.name, provider.postcode) == (
        "clb", "Diest", "3290"
    )
    assert Organisation.objects.get(slug="nieuw").municipality is None


def test_organisation_bad_row_changes_nothing():
    OrganisationFactory(slug="bestaand", name="Bestaand vzw", email="info@bestaand.example.org")
    dataset = tablib.Dataset(
        ["bestaand", "Hernoemd vzw", "naft", "info@bestaand.example.org"],
        ["fout", "Fout vzw", "naft", "geen-adres"],
        headers=["slug", "name", "kind", "email"],
    )
    result = import_rows(OrganisationResource(), dataset)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2]
    assert "email" in result.invalid_rows[0].error_dict
    assert Organisation.objects.get(slug="bestaand").name == "Bestaand vzw"
    assert not Organisation.objects.filter(slug="fout").exists()


def test_meldpunt_imports_organisations_in_the_admin(meldpunt_client):
    url = reverse("admin:netwerk_organisation_import")
    assert meldpunt_client.get(url).status_code == 200
    assert meldpunt_client.get(reverse("admin:netwerk_organisation_export")).status_code == 200
    changelist = meldpunt_client.get(reverse("admin:netwerk_organisation_changelist"))
    assert changelist.context["has_import_permission"]
    assert changelist.context["has_export_permission"]


def test_redactie_cannot_import_or_export_organisations(redactie_client):
    assert redactie_client.get(reverse("admin:netwerk_organisation_import")).status_code == 403
    assert redactie_client.get(reverse("admin:netwerk_organisation_export")).status_code == 403
