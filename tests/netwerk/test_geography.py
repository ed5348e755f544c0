"""The reference geography: what the data migration loaded, the loader and the seed regions."""

import csv
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction

from netwerk import geography
from netwerk.geography import (
    ATTRIBUTION,
    GeographyDataError,
    load_geography,
    normalise,
    seed_regions,
)
from netwerk.models import Arrondissement, Municipality, PostalPlace, Region

pytestmark = pytest.mark.django_db


def _csv_rows(name):
    with open(settings.GEOGRAPHY_DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- what the data migration loaded ------------------------------------------------------


def test_province_has_63_municipalities_in_two_arrondissements():
    assert Municipality.objects.count() == 63
    assert dict(Arrondissement.objects.values_list("nis_code", "name")) == {
        "23000": "Halle-Vilvoorde",
        "24000": "Leuven",
    }
    assert Municipality.objects.filter(arrondissement__nis_code="23000").count() == 33
    assert Municipality.objects.filter(arrondissement__nis_code="24000").count() == 30


def test_municipality_nis_code_matches_its_arrondissement():
    for municipality in Municipality.objects.select_related("arrondissement"):
        assert municipality.nis_code[:2] == municipality.arrondissement.nis_code[:2]


def test_postcodes_and_postal_places_match_the_file():
    rows = _csv_rows(geography.POSTCODES_FILE)
    assert PostalPlace.objects.count() == len(rows) == 236
    assert PostalPlace.objects.values("postcode").distinct().count() == 128
    in_db = set(PostalPlace.objects.values_list("postcode", "name", "municipality__nis_code"))
    assert in_db == {(r["postcode"], r["deelgemeente"], r["nis_code"]) for r in rows}


def test_every_postcode_belongs_to_one_municipality():
    per_postcode = {}
    for postcode, nis_code in PostalPlace.objects.values_list("postcode", "municipality__nis_code"):
        per_postcode.setdefault(postcode, set()).add(nis_code)
    assert all(len(codes) == 1 for codes in per_postcode.values())


def test_centre_points_lie_in_the_province():
    for municipality in Municipality.objects.all():
        assert 50.6 < municipality.latitude < 51.1, municipality
        assert 3.8 < municipality.longitude < 5.3, municipality


def test_pajottegem_replaces_herne_gooik_and_galmaarden():
    pajottegem = Municipality.objects.get(nis_code="23106")
    assert pajottegem.name == "Pajottegem"
    assert pajottegem.arrondissement.name == "Halle-Vilvoorde"
    names = set(pajottegem.postal_places.values_list("name", flat=True))
    assert {"Herne", "Gooik", "Galmaarden"} <= names
    assert not Municipality.objects.filter(name__in=["Herne", "Gooik", "Galmaarden"]).exists()
    assert not Municipality.objects.filter(nis_code__in=["23023", "23024", "23032"]).exists()


def test_overijse_is_in_halle_vilvoorde_despite_its_postcode():
    overijse = PostalPlace.objects.get(postcode="3090").municipality
    assert overijse.name == "Overijse"
    assert overijse.nis_code == "23062"
    assert overijse.arrondissement.name == "Halle-Vilvoorde"


def test_two_different_sint_margriete_houtem():
    places = PostalPlace.objects.filter(name="Sint-Margriete-Houtem").order_by("postcode")
    assert [(p.postcode, p.municipality.name) for p in places] == [
        ("3300", "Tienen"),
        ("3470", "Kortenaken"),
    ]


def test_search_names_are_normalised_names():
    for model in (Municipality, PostalPlace):
        for name, search_name in model.objects.values_list("name", "search_name"):
            assert search_name == normalise(name)


# --- constraints -------------------------------------------------------------------------


def test_postcode_and_name_are_unique_together():
    leuven = Municipality.objects.get(name="Leuven")
    with pytest.raises(IntegrityError), transaction.atomic():
        PostalPlace.objects.create(postcode="3000", name="Leuven", municipality=leuven)


def test_postcode_outside_the_province_is_refused_by_the_database():
    leuven = Municipality.objects.get(name="Leuven")
    with pytest.raises(IntegrityError), transaction.atomic():
        PostalPlace.objects.create(postcode="9000", name="Gent", municipality=leuven)


def test_arrondissement_with_municipalities_cannot_be_deleted():
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Arrondissement.objects.get(nis_code="24000").delete()


def test_save_keeps_search_name_in_step():
    place = PostalPlace.objects.get(postcode="3010")
    place.name = "Kessel Lo Centrum"
    place.save(update_fields=["name"])
    place.refresh_from_db()
    assert place.search_name == "kessel lo centrum"


# --- normalise ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Sint-Pieters-Leeuw", "sint pieters leeuw", " SINT-PIETERS-LEEUW ", "St.-Pieters-Leeuw",
     "St Pieters Leeuw", "Sint–Pieters–Leeuw", "Sînt-Piéters-Leeuw", "sint'pieters'leeuw"],
)
def test_normalise_treats_case_accents_separators_and_st_alike(text):
    assert normalise(text) == "sint pieters leeuw"


def test_normalise_keeps_words_that_merely_contain_st():
    assert normalise("Steenokkerzeel") == "steenokkerzeel"
    assert normalise("Sint-Stevens-Woluwe") == "sint stevens woluwe"


def test_attribution_is_the_required_text():
    assert str(ATTRIBUTION) == "Bevat gegevens afgeleid van FOD BOSA BeST Address (CC BY 4.0)."


def test_data_files_are_shipped_with_the_code():
    for name in ("vlaams-brabant-gemeenten.csv", "vlaams-brabant-postcodes.csv",
                 "vlaams-brabant-gemeenten.geojson", "README.md"):
        assert (settings.GEOGRAPHY_DATA_DIR / name).is_file(), name
    readme = (settings.GEOGRAPHY_DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert str(ATTRIBUTION) in readme


# --- the loader --------------------------------------------------------------------------


def test_loader_is_idempotent():
    first = load_geography()
    second = load_geography()
    expected = {"arrondissements": 2, "municipalities": 63, "postal_places": 236}
    assert {key: first[key] for key in expected} == expected
    assert second == {**expected, "created": 0, "updated": 0, "deleted": 0}


def test_loader_restores_a_changed_name():
    Municipality.objects.filter(nis_code="24062").update(name="Loven", search_name="loven")
    PostalPlace.objects.filter(postcode="3010").update(municipality=Municipality.objects.get(
        name="Tienen"))
    counts = load_geography()
    assert counts["updated"] == 2
    leuven = Municipality.objects.get(nis_code="24062")
    assert (leuven.name, leuven.search_name) == ("Leuven", "leuven")
    assert PostalPlace.objects.get(postcode="3010").municipality == leuven


def test_loader_recreates_missing_rows_and_deletes_stale_postal_places():
    PostalPlace.objects.filter(postcode="3010").delete()
    leuven = Municipality.objects.get(name="Leuven")
    PostalPlace.objects.create(postcode="3000", name="Nergensdorp", municipality=leuven)
    counts = load_geography()
    assert (counts["created"], counts["deleted"], counts["postal_places"]) == (1, 1, 236)
    assert PostalPlace.objects.filter(postcode="3010", name="Kessel-Lo").exists()
    assert not PostalPlace.objects.filter(name="Nergensdorp").exists()


def test_loader_reads_another_data_dir(tmp_path):
    shutil.copy(settings.GEOGRAPHY_DATA_DIR / geography.MUNICIPALITIES_FILE, tmp_path)
    rows = _csv_rows(geography.POSTCODES_FILE)
    kept = [row for row in rows if row["postcode"] != "3010"]
    with open(tmp_path / geography.POSTCODES_FILE, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    counts = load_geography(data_dir=tmp_path)
    assert counts["deleted"] == 1
    assert counts["postal_places"] == len(kept)
    assert not PostalPlace.objects.filter(postcode="3010").exists()


def test_loader_fails_loudly_on_an_unknown_municipality(tmp_path):
    shutil.copy(settings.GEOGRAPHY_DATA_DIR / geography.MUNICIPALITIES_FILE, tmp_path)
    (tmp_path / geography.POSTCODES_FILE).write_text(
        "postcode,deelgemeente,gemeente,nis_code,arrondissement\n"
        "1570,Galmaarden,Galmaarden,23023,Halle-Vilvoorde\n",
        encoding="utf-8",
    )
    with pytest.raises(GeographyDataError, match="23023"):
        load_geography(data_dir=tmp_path)
    assert PostalPlace.objects.count() == 236


def test_loader_fails_loudly_on_a_missing_column(tmp_path):
    shutil.copy(settings.GEOGRAPHY_DATA_DIR / geography.MUNICIPALITIES_FILE, tmp_path)
    (tmp_path / geography.POSTCODES_FILE).write_text("postcode,naam\n3000,Leuven\n")
    with pytest.raises(GeographyDataError, match="deelgemeente"):
        load_geography(data_dir=tmp_path)


def test_management_command_prints_dutch_counts(capsys):
    call_command("load_geography")
    out = capsys.readouterr().out
    assert "2 arrondissementen, 63 gemeenten, 236 deelgemeenten" in out
    assert "Nieuw: 0, gewijzigd: 0, verwijderd: 0" in out
    assert "Nieuwe regio's aangemaakt: 0" in out


# --- seed regions ------------------------------------------------------------------------


def test_seed_regions_exist_with_their_municipalities():
    expected_slugs = {*geography.SEED_ARRONDISSEMENT_REGIONS, *geography.SEED_LOCAL_REGIONS}
    assert expected_slugs <= set(Region.objects.values_list("slug", flat=True))
    leuven_arr = Region.objects.get(slug="arrondissement-leuven")
    assert leuven_arr.kind == Region.Kind.ARRONDISSEMENT
    assert set(leuven_arr.municipalities.all()) == set(
        Municipality.objects.filter(arrondissement__name="Leuven")
    )
    assert Region.objects.get(slug="arrondissement-halle-vilvoorde").municipalities.count() == 33
    for slug, (name, names) in geography.SEED_LOCAL_REGIONS.items():
        region = Region.objects.get(slug=slug)
        assert region.kind == Region.Kind.LOCAL
        assert region.name == name
        assert set(region.municipalities.values_list("name", flat=True)) == set(names)
        assert "eerste voorstel" in region.description.lower()


def test_local_regions_are_plausible():
    def members(slug):
        return set(Region.objects.get(slug=slug).municipalities.values_list("name", flat=True))

    assert {"Halle", "Pajottegem", "Beersel", "Sint-Pieters-Leeuw"} <= members("halle")
    assert {"Vilvoorde", "Machelen"} <= members("vilvoorde")
    assert {"Asse", "Merchtem", "Opwijk"} <= members("asse-merchtem-opwijk")
    assert "Leuven" in members("leuven")
    assert "Diest" in members("diest")
    # Each local network lies within one arrondissement.
    for slug in geography.SEED_LOCAL_REGIONS:
        region = Region.objects.get(slug=slug)
        arrondissements = region.municipalities.values("arrondissement").distinct()
        assert arrondissements.count() == 1, slug


def test_seed_regions_never_overwrites_a_staff_edit():
    region = Region.objects.get(slug="leuven")
    region.name = "Leuven en omstreken"
    region.description = "Door het Meldpunt nagekeken."
    region.save()
    region.municipalities.set(Municipality.objects.filter(name__in=["Leuven", "Herent"]))

    assert seed_regions() == 0

    region.refresh_from_db()
    assert region.name == "Leuven en omstreken"
    assert region.description == "Door het Meldpunt nagekeken."
    assert set(region.municipalities.values_list("name", flat=True)) == {"Leuven", "Herent"}


def test_seed_regions_recreates_a_missing_region():
    Region.objects.filter(slug="diest").delete()
    assert seed_regions() == 1
    assert Region.objects.get(slug="diest").municipalities.filter(name="Diest").exists()


def test_seed_regions_fails_loudly_on_an_unknown_name(monkeypatch):
    Region.objects.filter(slug="diest").delete()
    monkeypatch.setitem(geography.SEED_LOCAL_REGIONS, "diest", ("Diest", ("Diest", "Herne")))
    with pytest.raises(GeographyDataError, match="Herne"):
        seed_regions()
    assert not Region.objects.filter(slug="diest").exists()
