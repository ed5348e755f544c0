"""The back office of themes and resources: roles, validation of uploads, previews."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netwerk.models import Resource, Theme
from tests.netwerk.themes_factories import ResourceFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:netwerk_resource_add")


def resource_data(**overrides):
    data = {
        "title": "Leidraad warme overdracht",
        "slug": "leidraad-warme-overdracht",
        "kind": "guide",
        "status": "draft",
        "summary": "Hoe school en CLB een leerling warm overdragen.",
        "body": "",
        "published_on": "",
        "link": "https://example.org/leidraad",
        "themes": [Theme.objects.get(slug="warme-overgang-naar-werk-of-verdere-studie").pk],
        "audiences": [],
        "stages": [],
        "how_to_start": "",
        "contact": "",
    }
    data.update(overrides)
    return data


def test_redactie_adds_a_resource_with_a_file(redactie_client):
    upload = SimpleUploadedFile("leidraad.pdf", b"%PDF-1.7 inhoud", "application/pdf")
    response = redactie_client.post(ADD, resource_data(file=upload, link=""))
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = Resource.objects.get(slug="leidraad-warme-overdracht")
    assert resource.status == "draft"
    assert resource.file.name.startswith("hulpmiddelen/")
    assert list(resource.themes.values_list("slug", flat=True)) == [
        "warme-overgang-naar-werk-of-verdere-studie"
    ]


def test_a_pdf_that_is_not_a_pdf_is_refused_with_a_dutch_message(redactie_client):
    upload = SimpleUploadedFile("leidraad.pdf", b"MZ\x90\x00 een programma", "application/pdf")
    response = redactie_client.post(ADD, resource_data(file=upload, link=""))
    assert response.status_code == 200
    assert "De inhoud van het bestand is geen PDF-bestand" in response.content.decode()
    assert not Resource.objects.filter(slug="leidraad-warme-overdracht").exists()


def test_a_resource_needs_a_file_or_a_link_and_a_theme(redactie_client):
    response = redactie_client.post(ADD, resource_data(link="", themes=[]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Voeg een bestand toe of vul een link in" in body
    assert "Kies minstens één thema." in body


def test_the_change_page_and_list_link_to_the_public_page(redactie_client):
    resource = ResourceFactory(slug="klad", status="draft")
    change = redactie_client.get(reverse("admin:netwerk_resource_change", args=[resource.pk]))
    assert 'href="/hulpmiddelen/klad/">Bekijk op de site</a>' in change.content.decode()
    listing = redactie_client.get(reverse("admin:netwerk_resource_changelist") + "?status=draft")
    assert 'href="/hulpmiddelen/klad/"' in listing.content.decode()
    theme = Theme.objects.get(slug="basisonderwijs")
    page = redactie_client.get(reverse("admin:netwerk_theme_change", args=[theme.pk]))
    body = page.content.decode()
    assert 'name="body"' in body and 'href="/themas/basisonderwijs/"' in body


def test_publish_action(redactie_client):
    resource = ResourceFactory(status="draft")
    response = redactie_client.post(
        reverse("admin:netwerk_resource_changelist"),
        {"action": "publish", "_selected_action": [resource.pk]},
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == "published"


def test_list_filters_and_search(redactie_client):
    ResourceFactory(title="Zoekbare leidraad", kind="guide")
    url = reverse("admin:netwerk_resource_changelist")
    response = redactie_client.get(url + "?kind=guide&q=zoekbare")
    assert response.status_code == 200
    assert "Zoekbare leidraad" in response.content.decode()


def test_meldpunt_staff_see_resources_but_do_not_change_them(meldpunt_client):
    resource = ResourceFactory()
    url = reverse("admin:netwerk_resource_change", args=[resource.pk])
    assert meldpunt_client.get(url).status_code == 200
    assert meldpunt_client.get(ADD).status_code == 403
    assert meldpunt_client.post(url, resource_data(title="Anders")).status_code == 403


def test_redactie_has_no_access_to_the_meldpunt(redactie_user, redactie_client):
    assert redactie_user.has_perm("netwerk.add_resource")
    assert redactie_user.has_perm("netwerk.change_theme")
    assert not redactie_user.has_perm("netwerk.change_audience")
    assert not redactie_user.has_module_perms("meldpunt")
    assert redactie_client.get(reverse("admin:meldpunt_intervention_changelist")).status_code == 403


def test_coordinator_manages_the_lists(coordinator_user):
    assert coordinator_user.has_perm("netwerk.add_resource")
    assert coordinator_user.has_perm("netwerk.change_audience")
    assert coordinator_user.has_perm("netwerk.change_educationstage")
