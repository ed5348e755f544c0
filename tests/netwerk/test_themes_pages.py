"""The public pages: /themas/, a theme, the practices, a resource and its file."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from netwerk.models import Theme
from tests.factories import InterventionFactory
from tests.netwerk.themes_factories import ResourceFactory

pytestmark = pytest.mark.django_db

THEME = "verbindend-schoolklimaat"


def theme_url(slug=THEME, query=""):
    return reverse("netwerk:theme", kwargs={"slug": slug}) + query


def slugs(response):
    return [resource.slug for resource in response.context["resources"]]


def with_file(content=b"%PDF-1.7 leidraad", name="leidraad.pdf", **kwargs):
    return ResourceFactory(file=ContentFile(content, name=name), **kwargs)


def test_the_overview_lists_every_theme_with_its_counts(anonymous):
    ResourceFactory(themes=[THEME])
    ResourceFactory(themes=[THEME], status="draft")
    InterventionFactory(themes=[THEME])
    InterventionFactory(themes=[THEME], status="draft")
    response = anonymous.get(reverse("netwerk:themes"))
    assert response.status_code == 200
    themes = {theme.slug: theme for theme in response.context["themes"]}
    assert list(themes) == list(Theme.objects.values_list("slug", flat=True))
    assert list(themes)[0] == "schooluitval-in-het-algemeen"  # in the plan's order
    assert themes[THEME].resource_count == 1
    assert themes[THEME].intervention_count == 1
    assert 'href="/themas/verbindend-schoolklimaat/"' in response.content.decode()


def test_the_menu_links_to_the_themes(anonymous):
    body = anonymous.get(reverse("home")).content.decode()
    assert 'href="/themas/"' in body


def test_a_theme_shows_its_text_resources_and_interventions(anonymous):
    theme = Theme.objects.get(slug=THEME)
    theme.body = "Eerste alinea.\n\nTweede alinea."
    theme.save()
    ResourceFactory(title="Klasgesprekken", themes=[THEME])
    ResourceFactory(title="Ander thema", themes=["basisonderwijs"])
    ResourceFactory(title="Nog in klad", themes=[THEME], status="draft")
    InterventionFactory(name="Time-out Verbinding", themes=[THEME])
    InterventionFactory(name="Klad-aanbod", themes=[THEME], status="draft")
    response = anonymous.get(theme_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "<p>Tweede alinea.</p>" in body
    assert slugs(response) == ["klasgesprekken"]
    assert "Time-out Verbinding" in body and "Klad-aanbod" not in body
    # The agenda's seeded past event of this theme (netwerk.agenda.seeds).
    assert 'id="activiteiten"' in body
    assert "Inspiratiedag 2019: verbindend schoolklimaat" in body


def test_a_theme_without_events_has_no_empty_events_section(anonymous):
    from netwerk.models import Event

    Event.objects.filter(themes__slug=THEME).delete()
    body = anonymous.get(theme_url()).content.decode()
    assert 'id="activiteiten"' not in body


def test_an_unknown_theme_is_not_found(anonymous):
    assert anonymous.get(theme_url("bestaat-niet")).status_code == 404


def test_resources_filter_by_kind_audience_and_level(anonymous):
    ResourceFactory(title="Leidraad CLB", kind="guide", audiences=["clb"], stages=["basisonderwijs"])
    ResourceFactory(title="Video ouders", kind="video", audiences=["ouders"])
    ResourceFactory(
        title="Leidraad beide", kind="guide", audiences=["clb", "school"],
        stages=["secundair-onderwijs"],
    )
    assert set(slugs(anonymous.get(theme_url(query="?soort=guide")))) == {
        "leidraad-clb", "leidraad-beide"
    }
    # Two chosen audiences of one resource: it is listed once.
    response = anonymous.get(theme_url(query="?doelgroep=clb&doelgroep=school"))
    assert sorted(slugs(response)) == ["leidraad-beide", "leidraad-clb"]
    response = anonymous.get(theme_url(query="?soort=guide&niveau=secundair-onderwijs"))
    assert slugs(response) == ["leidraad-beide"]
    body = response.content.decode()
    assert 'value="guide" id="id_soort_1" checked' in body


@pytest.mark.parametrize("query", ["?soort=onbekend", "?doelgroep=<script>", "?niveau=x&soort=video"])
def test_an_unknown_filter_value_gets_a_dutch_message_not_an_error(anonymous, query):
    ResourceFactory(title="Video", kind="video")
    response = anonymous.get(theme_url(query=query))
    assert response.status_code == 200
    body = response.content.decode()
    assert "is geen keuze uit de lijst. Kies een van de opties." in body
    assert "<script>" not in body.split("<main", 1)[1]
    # The bad filter is left out; the others still apply.
    assert slugs(response) == ["video"]


def test_a_bad_page_number_shows_a_page(anonymous):
    for number in range(25):
        ResourceFactory(title=f"Hulpmiddel {number:02d}")
    first = anonymous.get(theme_url(query="?pagina=x"))
    assert first.context["page"].number == 1 and len(first.context["resources"]) == 20
    last = anonymous.get(theme_url(query="?pagina=99&soort=tool"))
    assert last.context["page"].number == 2 and len(last.context["resources"]) == 5
    assert "?pagina=1&amp;soort=tool" in last.content.decode()


def test_the_practices_page_lists_practices_filterable_by_theme(anonymous):
    ResourceFactory(title="Praktijk basis", kind="practice", themes=["basisonderwijs"])
    ResourceFactory(title="Geen praktijk", kind="tool", themes=["basisonderwijs"])
    ResourceFactory(title="Praktijk klad", kind="practice", status="draft")
    response = anonymous.get(reverse("netwerk:practices") + "?thema=basisonderwijs")
    assert response.status_code == 200
    assert "praktijk-basis" in slugs(response)
    assert "geen-praktijk" not in slugs(response)
    assert set(slugs(response)) <= set(
        Theme.objects.get(slug="basisonderwijs").resources.practices().values_list("slug", flat=True)
    )
    all_practices = slugs(anonymous.get(reverse("netwerk:practices")))
    assert "praktijk-klad" not in all_practices
    bad = anonymous.get(reverse("netwerk:practices") + "?thema=bestaat-niet")
    assert "is geen keuze uit de lijst" in bad.content.decode()


def test_a_resource_page(anonymous):
    resource = ResourceFactory(
        title="Samen starten", kind="practice", how_to_start="Begin klein.",
        contact="Stad Leuven, via https://www.leuven.be/", audiences=["school"],
    )
    body = anonymous.get(resource.get_absolute_url()).content.decode()
    assert "<h1>Samen starten</h1>" in body
    assert "Hoe begint u eraan?" in body and "Begin klein." in body
    assert 'href="https://example.org/hulpmiddel"' in body
    assert "Download het bestand" not in body


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_unpublished_resources_are_hidden_from_visitors_and_previewed_by_staff(
    anonymous, redactie_client, meldpunt_client, status
):
    resource = with_file(slug="klad", status=status)
    for url in (resource.get_absolute_url(), resource.get_file_url()):
        assert anonymous.get(url).status_code == 404, url
    preview = redactie_client.get(resource.get_absolute_url())
    assert preview.status_code == 200
    assert "Voorbeeld: deze pagina is niet gepubliceerd" in preview.content.decode()
    assert meldpunt_client.get(resource.get_absolute_url()).status_code == 200
    download = redactie_client.get(resource.get_file_url())
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"


def test_staff_without_the_view_permission_get_no_preview(db, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    resource = ResourceFactory(status="draft")
    assert client.get(resource.get_absolute_url()).status_code == 404


def test_the_file_is_served_through_the_view(anonymous):
    resource = with_file(title="Leidraad afwezigheden", link="")
    body = anonymous.get(resource.get_absolute_url()).content.decode()
    assert f'href="{resource.get_file_url()}"' in body
    assert "(PDF)" in body
    response = anonymous.get(resource.get_file_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("public")
    assert 'filename="Leidraad_afwezigheden.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.7 leidraad"


def test_an_office_file_downloads_as_an_attachment(anonymous):
    resource = with_file(b"PK\x03\x04rest", "tabel.xlsx")
    response = anonymous.get(resource.get_file_url())
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_resource_without_file_has_no_download(anonymous):
    resource = ResourceFactory()
    url = reverse("netwerk:resource_file", kwargs={"slug": resource.slug})
    assert anonymous.get(url).status_code == 404


def test_pages_refuse_post(anonymous):
    assert anonymous.post(reverse("netwerk:themes")).status_code == 405


def test_sitemap_lists_themes_and_published_resources(anonymous, settings):
    settings.SITE_URL = "https://meldpunt.example.be"
    ResourceFactory(slug="zichtbaar")
    ResourceFactory(slug="verborgen", status="draft")
    body = anonymous.get("/sitemap.xml").content.decode()
    site = "https://meldpunt.example.be"
    assert f"<loc>{site}/themas/</loc>" in body
    assert f"<loc>{site}/themas/praktijken/</loc>" in body
    assert f"<loc>{site}/themas/{THEME}/</loc>" in body
    assert f"<loc>{site}/hulpmiddelen/zichtbaar/</loc>" in body
    assert "verborgen" not in body


class FakeEvent:
    def __init__(self, title, starts_at):
        self.title, self.starts_at = title, starts_at

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return "/agenda/fake/"


def test_the_theme_page_shows_the_themes_events_when_there_are(anonymous, monkeypatch):
    from datetime import datetime, timezone

    from netwerk.themes import views

    day = datetime(2022, 3, 15, 9, tzinfo=timezone.utc)
    monkeypatch.setattr(
        views, "theme_events",
        lambda theme: {"upcoming": [], "past": [FakeEvent("Inspiratiedag OKAN", day)]},
    )
    body = anonymous.get(theme_url()).content.decode()
    assert 'id="activiteiten"' in body
    assert "Inspiratiedag OKAN" in body and "15 maart 2022" in body
    assert "Binnenkort" not in body


def test_a_theme_links_the_published_bodies_that_work_on_it_and_back(anonymous):
    from tests.netwerk.bodies_helpers import make_body

    theme = Theme.objects.get(slug=THEME)
    working = make_body(slug="werkgroep-klimaat", name="Werkgroep Klimaat")
    working.themes.add(theme)
    draft = make_body(slug="werkgroep-klad", name="Werkgroep Klad", status="draft")
    draft.themes.add(theme)
    body = anonymous.get(theme_url()).content.decode()
    assert 'href="/netwerk/werkgroep-klimaat/"' in body
    assert "Werkgroep Klad" not in body
    back = anonymous.get(working.get_absolute_url()).content.decode()
    assert f'href="/themas/{THEME}/"' in back
