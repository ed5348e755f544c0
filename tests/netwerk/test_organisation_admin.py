"""Organisations and themes in the admin, and the logo check (netwerk.images)."""

import os
import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from netwerk.images import MAX_LOGO_BYTES, NOT_AN_IMAGE, process_logo
from netwerk.models import Municipality, Organisation, Theme
from tests.factories import InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

SECRET = "Geheime plek 12"


def image_bytes(size=(120, 80), mode="RGB", fmt="PNG", color=(200, 40, 40), **save_kwargs):
    image = Image.new(mode, size, color)
    buffer = BytesIO()
    image.save(buffer, format=fmt, **save_kwargs)
    return buffer.getvalue()


def jpeg_with_exif(size=(640, 480)):
    exif = Image.Exif()
    exif[0x010F] = "Voorbeeldcamera"  # Make
    exif[0x010E] = SECRET  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (50.0, 52.0, 45.0)
    return image_bytes(size=size, fmt="JPEG", exif=exif.tobytes())


def upload(data, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_header_only(width, height):
    """A PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb's start."""

    def chunk(kind, payload):
        return (
            struct.pack(">I", len(payload))
            + kind
            + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def opened(content_file):
    content_file.seek(0)
    return Image.open(BytesIO(content_file.read()))


# --- process_logo -------------------------------------------------------------------------


def test_valid_png_is_accepted_and_stored_as_png():
    result = process_logo(upload(image_bytes()))
    image = opened(result)
    assert image.format == "PNG"
    assert image.size == (120, 80)
    assert result.name.endswith(".png")


def test_jpeg_exif_and_gps_are_gone_after_processing():
    original = jpeg_with_exif()
    assert SECRET.encode() in original  # the test image really carries the metadata
    result = process_logo(upload(original, "foto.jpg", "image/jpeg"))
    result.seek(0)
    data = result.read()
    assert SECRET.encode() not in data
    assert b"Voorbeeldcamera" not in data
    image = Image.open(BytesIO(data))
    assert image.format == "PNG"
    assert not image.getexif()
    assert "exif" not in image.info


def test_large_image_is_resized_to_fit_400_keeping_the_aspect_ratio():
    result = process_logo(upload(image_bytes(size=(1600, 800))))
    assert opened(result).size == (400, 200)
    tall = process_logo(upload(image_bytes(size=(300, 1200), fmt="JPEG"), "a.jpg"))
    assert opened(tall).size == (100, 400)


def test_small_image_is_not_enlarged():
    assert opened(process_logo(upload(image_bytes(size=(40, 30))))).size == (40, 30)


def test_transparency_is_kept():
    data = image_bytes(mode="RGBA", color=(0, 0, 0, 0))
    image = opened(process_logo(upload(data)))
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0


@pytest.mark.parametrize("fmt", ["GIF", "WEBP"])
def test_gif_and_webp_are_accepted(fmt):
    image = opened(process_logo(upload(image_bytes(fmt=fmt), f"logo.{fmt.lower()}")))
    assert image.format == "PNG"


def test_text_file_renamed_png_is_rejected_with_a_dutch_message():
    with pytest.raises(ValidationError) as caught:
        process_logo(upload(b"Dit is geen afbeelding, enkel tekst.\n" * 20, "logo.png"))
    assert caught.value.code == "not_an_image"
    assert caught.value.messages == [str(NOT_AN_IMAGE)]
    assert "Dit bestand is geen afbeelding (PNG, JPEG, GIF of WebP)." in caught.value.messages


def test_truncated_image_is_rejected():
    data = image_bytes(size=(300, 300), color=None)
    with pytest.raises(ValidationError) as caught:
        process_logo(upload(data[: len(data) // 2]))
    assert caught.value.code == "not_an_image"


def test_other_image_formats_are_rejected():
    with pytest.raises(ValidationError) as caught:
        process_logo(upload(image_bytes(fmt="BMP"), "logo.bmp", "image/bmp"))
    assert caught.value.code == "not_an_image"


def test_file_over_2_mb_is_rejected():
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000))
    buffer = BytesIO()
    noise.save(buffer, format="PNG")
    data = buffer.getvalue()
    assert len(data) > MAX_LOGO_BYTES  # a real image, only too big
    with pytest.raises(ValidationError) as caught:
        process_logo(upload(data))
    assert caught.value.code == "file_too_large"
    assert "hoogstens 2,0" in caught.value.messages[0]


def test_decompression_bomb_is_rejected_before_decoding():
    with pytest.raises(ValidationError) as caught:
        process_logo(upload(png_header_only(100_000, 100_000)))
    assert caught.value.code == "too_many_pixels"
    with pytest.raises(ValidationError) as caught:
        process_logo(upload(png_header_only(5000, 5000)))
    assert caught.value.code == "too_many_pixels"


def test_empty_file_is_rejected():
    with pytest.raises(ValidationError) as caught:
        process_logo(upload(b""))
    assert caught.value.code == "not_an_image"


# --- the organisation admin ---------------------------------------------------------------


def organisation_data(**overrides):
    data = {
        "name": "Voorbeeld vzw",
        "slug": "voorbeeld-vzw",
        "kind": "naft",
        "description": "",
        "website": "https://voorbeeld.example.org",
        "email": "info@voorbeeld.example.org",
        "phone": "",
        "street_address": "",
        "postcode": "",
        "municipality": "",
        "is_demo": "",
    }
    data.update(overrides)
    return data


def test_meldpunt_adds_an_organisation_with_a_logo(meldpunt_client):
    response = meldpunt_client.post(
        reverse("admin:netwerk_organisation_add"),
        organisation_data(logo=upload(jpeg_with_exif(size=(1200, 900)), "foto.jpg")),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation = Organisation.objects.get(slug="voorbeeld-vzw")
    assert organisation.logo.name.startswith("logos/voorbeeld-vzw")
    with organisation.logo.open("rb") as stored:
        data = stored.read()
    assert SECRET.encode() not in data
    image = Image.open(BytesIO(data))
    assert image.format == "PNG"
    assert image.size == (400, 300)


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"<?php echo 'geen logo'; ?>", "logo.png", "Dit bestand is geen afbeelding"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "logo.png", "Dit bestand is geen afbeelding"),
        (b"0" * (3 * 1024 * 1024), "logo.png", "Het logo is te groot"),
        (png_header_only(100_000, 100_000), "bom.png", "te veel beeldpunten"),
    ],
)
def test_bad_logo_gives_a_form_error_not_a_500(meldpunt_client, data, name, message):
    response = meldpunt_client.post(
        reverse("admin:netwerk_organisation_add"), organisation_data(logo=upload(data, name))
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "logo" in response.context["adminform"].form.errors
    assert not Organisation.objects.filter(slug="voorbeeld-vzw").exists()


def test_editing_without_a_new_upload_keeps_the_logo(meldpunt_client):
    meldpunt_client.post(
        reverse("admin:netwerk_organisation_add"),
        organisation_data(logo=upload(image_bytes())),
    )
    organisation = Organisation.objects.get(slug="voorbeeld-vzw")
    logo = organisation.logo.name
    response = meldpunt_client.post(
        reverse("admin:netwerk_organisation_change", args=[organisation.pk]),
        organisation_data(name="Voorbeeld vzw (nieuw)"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert organisation.name == "Voorbeeld vzw (nieuw)"
    assert organisation.logo.name == logo


def test_postcode_must_have_four_digits(meldpunt_client):
    response = meldpunt_client.post(
        reverse("admin:netwerk_organisation_add"), organisation_data(postcode="30000")
    )
    assert response.status_code == 200
    assert "postcode" in response.context["adminform"].form.errors


def test_changelist_counts_published_interventions_only(meldpunt_client):
    provider = OrganisationFactory(name="Telt vzw", slug="telt")
    InterventionFactory.create_batch(2, provider=provider)
    InterventionFactory(provider=provider, status="draft")
    OrganisationFactory(name="Leeg vzw", slug="leeg", kind="clb")
    response = meldpunt_client.get(reverse("admin:netwerk_organisation_changelist"))
    assert response.status_code == 200
    rows = {row.slug: row for row in response.context["cl"].result_list}
    assert rows["telt"].published_intervention_count == 2
    assert rows["leeg"].published_intervention_count == 0


def test_changelist_filters_by_kind_and_searches_by_name(meldpunt_client):
    OrganisationFactory(name="Alfa vzw", slug="alfa", kind="naft")
    OrganisationFactory(name="CLB Beta", slug="beta", kind="clb")
    url = reverse("admin:netwerk_organisation_changelist")
    by_kind = meldpunt_client.get(url, {"kind__exact": "clb"})
    slugs = {row.slug for row in by_kind.context["cl"].result_list}
    # The network's seeded members (netwerk/bodies/seeds.py) include a CLB too.
    assert "beta" in slugs
    assert "alfa" not in slugs
    by_name = meldpunt_client.get(url, {"q": "alfa"})
    assert [row.slug for row in by_name.context["cl"].result_list] == ["alfa"]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_organisation_changelist_does_not_query_per_row(meldpunt_client):
    url = reverse("admin:netwerk_organisation_changelist")
    for _ in range(3):
        InterventionFactory(provider__municipality=Municipality.objects.get(name="Leuven"))
    meldpunt_client.get(url)  # warm up session and content types
    few = count_queries(meldpunt_client, url)
    for _ in range(15):
        InterventionFactory(provider__municipality=Municipality.objects.get(name="Diest"))
    assert count_queries(meldpunt_client, url) == few


def test_add_form_prepopulates_the_slug(meldpunt_client):
    response = meldpunt_client.get(reverse("admin:netwerk_organisation_add"))
    assert response.status_code == 200
    prepopulated = response.context["adminform"].prepopulated_fields
    pairs = [
        (item["field"].name, [dependency.name for dependency in item["dependencies"]])
        for item in prepopulated
    ]
    assert pairs == [("slug", ["name"])]


# --- themes -----------------------------------------------------------------------------------


def test_theme_changelist_is_ordered_by_position(coordinator_client):
    response = coordinator_client.get(reverse("admin:netwerk_theme_changelist"))
    assert response.status_code == 200
    positions = [theme.position for theme in response.context["cl"].result_list]
    assert positions == sorted(positions)
    assert len(positions) == Theme.objects.count()


def test_coordinator_reorders_themes_in_the_list(coordinator_client):
    themes = list(Theme.objects.order_by("position"))
    data = {
        "form-TOTAL_FORMS": str(len(themes)),
        "form-INITIAL_FORMS": str(len(themes)),
        "_save": "Bewaren",
    }
    for index, theme in enumerate(themes):
        data[f"form-{index}-id"] = str(theme.pk)
        data[f"form-{index}-position"] = str(theme.position)
    data["form-0-position"] = "99"
    response = coordinator_client.post(reverse("admin:netwerk_theme_changelist"), data)
    assert response.status_code == 302
    themes[0].refresh_from_db()
    assert themes[0].position == 99


def test_meldpunt_only_views_themes(meldpunt_client):
    theme = Theme.objects.first()
    assert meldpunt_client.get(reverse("admin:netwerk_theme_changelist")).status_code == 200
    assert meldpunt_client.get(reverse("admin:netwerk_theme_add")).status_code == 403
    page = meldpunt_client.get(reverse("admin:netwerk_theme_change", args=[theme.pk]))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
