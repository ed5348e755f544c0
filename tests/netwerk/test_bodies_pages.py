"""The network's public pages: /netwerk/, a body's page, the map, the sitemap, and the
meeting files that only members may open (tested by URL, as a stranger would)."""

import re

import pytest
from django.urls import reverse

from netwerk.documents import Visibility
from netwerk.models import Body
from tests.factories import UserFactory
from tests.netwerk.bodies_helpers import (
    PDF,
    attach,
    make_body,
    make_meeting,
    meeting_with_documents,
)

pytestmark = pytest.mark.django_db


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- /netwerk/ -----------------------------------------------------------------------------


def test_network_page_groups_bodies_by_level(anonymous):
    make_body("klad", name="Werkgroep in opbouw", status="draft")
    response = anonymous.get(reverse("netwerk:network"))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Provinciaal", "Regionaal", "Lokaal", "Vlaams"):
        assert f">{heading}</h2>" in html
    assert html.index(">Provinciaal</h2>") < html.index(">Lokaal</h2>") < html.index(">Vlaams</h2>")
    assert "Werkgroep Recht op Leren" in html
    assert "Werkgroep in opbouw" not in html
    assert reverse("netwerk:network") == "/netwerk/"


def test_map_colours_every_local_network_with_a_legend_and_a_table(anonymous):
    html = anonymous.get(reverse("netwerk:network")).content.decode()
    assert 'aria-label="Kaart van Vlaams-Brabant met de lokale netwerken"' in html
    for body in Body.objects.local_networks():
        assert f'<a href="{body.get_absolute_url()}"><title>' in html, body.slug
        assert html.count(f">{body.name}</a></th>") == 1  # its row in the table
    # Each network has its own colour class, in the map and in the legend.
    for index in range(5):
        assert html.count(f'class="network-area-{index}"') > 1
    assert "<title>Halle: Lokaal netwerk Halle</title>" in html
    assert "<title>Tienen: geen lokaal netwerk</title>" in html
    assert 'style="' not in html  # colours come from site.css (CSP)


def test_a_draft_local_network_stays_off_the_map(anonymous):
    Body.objects.filter(slug="lokaal-netwerk-diest").update(status="draft")
    html = anonymous.get(reverse("netwerk:network")).content.decode()
    assert "Lokaal netwerk Diest" not in html
    assert "<title>Diest: geen lokaal netwerk</title>" in html


# --- a body's page ---------------------------------------------------------------------------


def test_body_page_shows_purpose_structure_members_and_meetings(anonymous):
    halle = Body.objects.get(slug="lokaal-netwerk-halle")
    naft = Body.objects.get(slug="naft-stuurgroep-halle")
    make_meeting(naft, days=10, place="Stadhuis Halle", agenda="Nieuwe trajecten")
    meeting_with_documents(naft)
    html = anonymous.get(naft.get_absolute_url()).content.decode()
    assert "Stuurt de NAFT-trajecten in Halle" in html
    assert f'<a href="{halle.get_absolute_url()}">Lokaal netwerk Halle</a>' in html
    assert "Stad Halle" in html and "(voorzitter)" in html
    assert html.index("Volgende vergaderingen") < html.index("Stadhuis Halle")
    assert html.index("Vorige vergaderingen") < html.index("Provinciehuis Leuven")
    halle_html = anonymous.get(halle.get_absolute_url()).content.decode()
    assert f'<a href="{naft.get_absolute_url()}">NAFT-stuurgroep Halle</a>' in halle_html
    assert "Beersel" in halle_html  # the region's municipalities


def test_a_draft_body_is_a_404_for_visitors_and_a_preview_for_staff(anonymous, redactie_client):
    body = make_body("klad", status="draft")
    assert anonymous.get(body.get_absolute_url()).status_code == 404
    response = redactie_client.get(body.get_absolute_url())
    assert response.status_code == 200
    assert "Voorbeeld: deze pagina is klad" in response.content.decode()


def test_a_draft_part_is_not_listed_on_its_parents_page(anonymous):
    parent = make_body("boven")
    make_body("verborgen", name="Verborgen onderdeel", parent=parent, status="draft")
    assert "Verborgen onderdeel" not in anonymous.get(parent.get_absolute_url()).content.decode()


def test_members_only_documents_are_marked_for_visitors(anonymous):
    body = make_body()
    meeting, public, private = meeting_with_documents(body)
    html = anonymous.get(body.get_absolute_url()).content.decode()
    assert f'href="{public.get_absolute_url()}"' in html
    assert f'href="{private.get_absolute_url()}"' not in html
    assert meeting.get_minutes_url() not in html
    assert "Vertrouwelijk verslag" not in html
    assert re.search(r'Interne nota\s*<span class="members-only">\(enkel voor leden\)', html)
    assert "Het verslag is enkel voor leden." in html
    assert f"{reverse('admin:login')}?next=" in html


def test_staff_see_members_only_minutes_on_a_private_page(meldpunt_client):
    body = make_body()
    meeting, public, private = meeting_with_documents(body)
    response = meldpunt_client.get(body.get_absolute_url())
    html = response.content.decode()
    assert "Vertrouwelijk verslag" in html
    assert f'href="{private.get_absolute_url()}"' in html
    assert "no-store" in response["Cache-Control"]


# --- the files, by URL -------------------------------------------------------------------------


def test_a_public_document_is_served_to_anyone(anonymous):
    meeting, public, private = meeting_with_documents(make_body())
    response = anonymous.get(public.get_absolute_url())
    assert response.status_code == 200
    assert content(response) == b"%PDF-1.7 publiek"
    assert response["Cache-Control"].startswith("public")


@pytest.mark.parametrize("which", ["document", "minutes"])
def test_members_only_files_never_reach_anonymous_visitors(anonymous, which):
    meeting, public, private = meeting_with_documents(make_body())
    url = private.get_absolute_url() if which == "document" else meeting.get_minutes_url()
    response = anonymous.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert PDF not in content(response)


@pytest.mark.parametrize("which", ["document", "minutes"])
def test_members_only_files_are_a_404_for_accounts_without_staff(client, which):
    meeting, public, private = meeting_with_documents(make_body())
    client.force_login(UserFactory(is_staff=False))
    url = private.get_absolute_url() if which == "document" else meeting.get_minutes_url()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("which", ["document", "minutes"])
def test_staff_get_members_only_files_never_cached(redactie_client, which):
    meeting, public, private = meeting_with_documents(make_body())
    url = private.get_absolute_url() if which == "document" else meeting.get_minutes_url()
    response = redactie_client.get(url)
    assert response.status_code == 200
    assert content(response) == PDF
    assert response["Cache-Control"] == "private, no-store"


def test_files_of_a_draft_body_are_hidden_and_wrong_ids_404(anonymous):
    body = make_body("klad", status="draft")
    meeting = make_meeting(body)
    public = attach(meeting, "Publiek maar in klad", Visibility.PUBLIC)
    assert anonymous.get(public.get_absolute_url()).status_code == 404
    other = make_meeting(make_body())
    wrong = reverse("netwerk:meeting_document", kwargs={"meeting": other.pk, "document": public.pk})
    assert anonymous.get(wrong).status_code == 404
    assert anonymous.get(other.get_minutes_url()).status_code == 404  # no minutes file


# --- sitemap ------------------------------------------------------------------------------------


def test_sitemap_lists_published_bodies_only(anonymous, settings):
    settings.SITE_URL = "https://meldpunt.example.be"
    make_body("klad-werkgroep", status="draft")
    xml = anonymous.get("/sitemap.xml").content.decode()
    assert "<loc>https://meldpunt.example.be/netwerk/</loc>" in xml
    assert "<loc>https://meldpunt.example.be/netwerk/lokaal-netwerk-diest/</loc>" in xml
    assert "klad-werkgroep" not in xml
    assert "vergaderingen" not in xml


def test_parts_are_nested_under_their_body_on_the_network_page(anonymous):
    html = anonymous.get(reverse("netwerk:network")).content.decode()
    halle = html.index(">Lokaal netwerk Halle</a>")
    naft = html.index(">NAFT-stuurgroep Halle</a>")
    nested = html.index('<ul class="network-bodies">', halle)
    assert halle < nested < naft < html.index(">Lokaal netwerk Leuven</a>")
