"""The fiche /aanbod/<slug>/ and the provider page /aanbieders/<slug>/."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meldpunt import maps
from meldpunt.models import Location
from netwerk.models import Municipality, Region
from tests.factories import InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def text(response):
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def fiche(client, intervention):
    response = client.get(reverse("meldpunt:intervention", kwargs={"slug": intervention.slug}))
    assert response.status_code == 200
    return response


@pytest.fixture
def full():
    provider = OrganisationFactory(
        name="Groep Voorbeeld vzw", slug="groep-voorbeeld", kind="naft",
        email="info@voorbeeld.example.org", phone="016 00 00 00",
        website="https://voorbeeld.example.org", street_address="Voorbeeldstraat 1",
        postcode="3000", municipality=Municipality.objects.get(name="Leuven"),
    )
    intervention = InterventionFactory(
        provider=provider, name="Time-out op maat", slug="time-out-op-maat",
        summary="Een korte time-out buiten de school.",
        goal="Opnieuw aansluiting vinden bij school.",
        what_happens="Drie weken in ons centrum, met een terugkeergesprek.",
        target_group_description="Leerlingen van de eerste graad die vastlopen.",
        how_to_register="Via het CLB en het Meldpunt.",
        types=["time-out", "naft-korte-module"], approach="remedial",
        target_groups=["gedrag"], levels=["secundair-eerste-graad"],
        themes=["verbindend-schoolklimaat"], age_min=12, age_max=16,
        area=["Leuven", "Herent", "Bertem"],
        eligible_by_domicile=True, eligible_by_residence=False, eligible_by_school=True,
        eligible_by_clb=False,
        duration="drie weken", cost="gratis", registration_route="meldpunt",
        consent_required=True, consent_notes="Ook de school gaat akkoord.",
        absence_legitimised=True, certificate_issued=None,
        capacity_status="waiting_list", waiting_weeks=6,
        capacity_updated_at=datetime.datetime(2026, 11, 3, 9, 0, tzinfo=datetime.UTC),
        last_verified=timezone.localdate(),
    )
    Location.objects.create(
        intervention=intervention, name="Centrum De Brug", street_address="Brugstraat 2",
        postcode="3010", municipality=Municipality.objects.get(name="Leuven"),
    )
    Location.objects.create(intervention=intervention, kind="mobile")
    return intervention


def test_fiche_shows_every_field(anonymous, full):
    response = fiche(anonymous, full)
    page = text(response)
    for expected in [
        "Time-out op maat",
        "Een korte time-out buiten de school.",
        "Doel en aanbod Opnieuw aansluiting vinden bij school.",
        "Wat gebeurt er? Drie weken in ons centrum, met een terugkeergesprek.",
        "Voor wie? Leerlingen van de eerste graad die vastlopen.",
        "Hoe aanmelden? Via het CLB en het Meldpunt.",
        "Soort aanbod NAFT korte module, Time-out",
        "Aanpak Remediërend",
        "Doelgroepen Gedrag",
        "Onderwijsniveaus Secundair onderwijs, eerste graad",
        "Leeftijd 12 tot en met 16 jaar",
        "Thema's Verbindend schoolklimaat",
        "Duur drie weken",
        "Kostprijs gratis",
        "Aanmelden Via het Meldpunt",
        "De leerling en de ouders moeten akkoord gaan. Ook de school gaat akkoord.",
        "Afwezigheid op school gewettigd ja",
        "Attest of getuigschrift niet vermeld",
        "Wachtlijst ± 6 weken wachttijd bijgewerkt op 3 november 2026",
        "Laatst nagekeken op",
        "Het aanbod staat open voor deze 3 gemeenten: Bertem, Herent, Leuven.",
        "Een leerling komt in aanmerking als de woonplaats (domicilie) of de school van de "
        "leerling in het werkgebied ligt.",
        "Centrum De Brug Brugstraat 2 3010 Leuven",
        "Mobiel (aan huis of op verplaatsing)",
        "info@voorbeeld.example.org",
        "016 00 00 00",
        "https://voorbeeld.example.org",
        "Voorbeeldstraat 1, 3000 Leuven",
    ]:
        assert expected in page, expected
    assert "Niet nagekeken sinds meer dan 12 maanden" not in page
    html = response.content.decode()
    assert f'href="{reverse("meldpunt:provider", kwargs={"slug": "groep-voorbeeld"})}"' in html
    assert f'href="{reverse("meldpunt:report_change", kwargs={"slug": full.slug})}"' in html
    assert "Meld een wijziging" in html
    assert f'action="{reverse("meldpunt:selection_add")}"' in html
    assert 'name="slug" value="time-out-op-maat"' in html


def test_unknown_booleans_read_niet_vermeld(anonymous):
    intervention = InterventionFactory(
        absence_legitimised=None, certificate_issued=False, approach="", duration="", cost=""
    )
    page = text(fiche(anonymous, intervention))
    assert "Afwezigheid op school gewettigd niet vermeld" in page
    assert "Attest of getuigschrift nee" in page
    assert "Aanpak niet vermeld" in page
    assert "Duur niet vermeld" in page and "Kostprijs niet vermeld" in page


@pytest.mark.parametrize(("low", "high", "words"), [
    (None, None, "geen leeftijdsgrens"), (14, None, "vanaf 14 jaar"),
    (None, 12, "tot en met 12 jaar"),
])
def test_open_age_bounds_in_words(anonymous, low, high, words):
    intervention = InterventionFactory(age_min=low, age_max=high)
    assert f"Leeftijd {words}" in text(fiche(anonymous, intervention))


def test_stale_fiche_warns(anonymous):
    old = timezone.localdate() - datetime.timedelta(days=400)
    page = text(fiche(anonymous, InterventionFactory(last_verified=old)))
    assert "Niet nagekeken sinds meer dan 12 maanden" in page
    never = text(fiche(anonymous, InterventionFactory(last_verified=None)))
    assert "Niet nagekeken sinds meer dan 12 maanden" in never


def test_area_equal_to_an_arrondissement_is_named_not_listed(anonymous):
    members = Region.objects.get(slug="arrondissement-leuven").municipalities.all()
    assert len(members) == 30
    intervention = InterventionFactory(area=[m.name for m in members])
    page = text(fiche(anonymous, intervention))
    assert "Het aanbod staat open voor het arrondissement Leuven (30 gemeenten)." in page
    assert "Bekkevoort" not in page


def test_area_equal_to_a_local_region_is_named(anonymous):
    members = Region.objects.get(slug="diest").municipalities.all()
    intervention = InterventionFactory(area=[m.name for m in members])
    page = text(fiche(anonymous, intervention))
    assert "Het aanbod staat open voor de regio Diest (5 gemeenten)." in page


def test_area_of_the_whole_province(anonymous):
    intervention = InterventionFactory(
        area=list(Municipality.objects.values_list("name", flat=True))
    )
    page = text(fiche(anonymous, intervention))
    assert "Het aanbod staat open voor heel Vlaams-Brabant (63 gemeenten)." in page


def test_area_map_in_a_figure_with_caption(anonymous, full):
    html = fiche(anonymous, full).content.decode()
    figure = re.search(r"<figure[^>]*>(.*?)</figure>", html, re.S)
    assert figure and "<svg" in figure.group(1)
    assert "<figcaption>Kaart van het werkgebied: 3 gemeenten van Vlaams-Brabant.</figcaption>" in (
        " ".join(figure.group(1).split()).replace("> ", ">").replace(" <", "<")
    )


def test_no_map_while_maps_has_no_area_svg(anonymous, full, monkeypatch):
    monkeypatch.delattr(maps, "area_svg", raising=False)
    html = fiche(anonymous, full).content.decode()
    assert "<figure" not in html


def test_no_area_and_no_eligibility(anonymous):
    intervention = InterventionFactory(
        eligible_by_domicile=False, eligible_by_residence=False, eligible_by_school=False,
        eligible_by_clb=False,
    )
    page = text(fiche(anonymous, intervention))
    assert "Het werkgebied is niet vermeld." in page
    assert "Wie in aanmerking komt, is niet vermeld." in page


def test_referral_form_not_there_yet(anonymous, full, monkeypatch):
    monkeypatch.setattr("meldpunt.views.url_or_none", lambda name: None)
    page = text(fiche(anonymous, full))
    assert "Binnenkort kunt u hier online een leerling aanmelden." in page
    assert "Aanmelden via het Meldpunt" not in page


def test_referral_button_when_the_form_exists(anonymous, full, monkeypatch):
    monkeypatch.setattr(
        "meldpunt.views.url_or_none",
        lambda name: "/aanmelden/" if name == "meldpunt:referral" else None,
    )
    html = fiche(anonymous, full).content.decode()
    assert '<a class="btn btn-primary" href="/aanmelden/?aanbod=time-out-op-maat">' in html
    assert "Aanmelden via het Meldpunt" in html
    assert "Binnenkort kunt u hier online" not in html


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_unpublished_fiche_is_404(anonymous, status):
    intervention = InterventionFactory(status=status)
    url = reverse("meldpunt:intervention", kwargs={"slug": intervention.slug})
    response = anonymous.get(url)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_unknown_fiche_is_404(anonymous):
    assert anonymous.get("/aanbod/bestaat-niet/").status_code == 404


def test_fiche_prints_its_address(anonymous, full, settings):
    html = fiche(anonymous, full).content.decode()
    assert 'class="print-only"' in html and "/aanbod/time-out-op-maat/" in html


# --- provider page -----------------------------------------------------------------------


def provider_page(client, organisation):
    return client.get(reverse("meldpunt:provider", kwargs={"slug": organisation.slug}))


def test_provider_page_shows_organisation_and_published_offer(anonymous, full):
    InterventionFactory(provider=full.provider, name="Klad van de aanbieder", status="draft")
    InterventionFactory(provider=full.provider, name="Groepsmodule", area=["Leuven"])
    full.provider.description = "Een organisatie die jongeren begeleidt."
    full.provider.save()
    response = provider_page(anonymous, full.provider)
    assert response.status_code == 200
    page = text(response)
    for expected in [
        "Groep Voorbeeld vzw", "NAFT-aanbieder", "Een organisatie die jongeren begeleidt.",
        "https://voorbeeld.example.org", "info@voorbeeld.example.org", "016 00 00 00",
        "Voorbeeldstraat 1, 3000 Leuven", "Aanbod (2)",
    ]:
        assert expected in page, expected
    assert [i.name for i in response.context["interventions"]] == [
        "Groepsmodule", "Time-out op maat"
    ]
    assert "Klad van de aanbieder" not in page
    assert "Wachtlijst" in page  # the cards


def test_provider_logo(anonymous, full):
    full.provider.logo.name = "logos/groep-voorbeeld.png"
    full.provider.save()
    html = provider_page(anonymous, full.provider).content.decode()
    assert re.search(r'<img class="provider__logo" src="[^"]*logos/groep-voorbeeld.png" '
                     r'alt="Logo van Groep Voorbeeld vzw">', html)


def test_provider_without_published_offer_is_404(anonymous):
    organisation = OrganisationFactory()
    assert provider_page(anonymous, organisation).status_code == 404
    InterventionFactory(provider=organisation, status="draft")
    assert provider_page(anonymous, organisation).status_code == 404
    assert anonymous.get("/aanbieders/bestaat-niet/").status_code == 404
