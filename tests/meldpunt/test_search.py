"""The directory search /aanbod/: filters, place, free text, facets, sorts, pages, bad input."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from meldpunt.models import Location
from netwerk.models import Municipality, Region
from tests.factories import InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("meldpunt:search")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text and trigram search"
)


def get(client, query="", **params):
    response = client.get(URL + query, params) if params else client.get(URL + query)
    assert response.status_code == 200, response.status_code
    return response


def names(response):
    return [intervention.name for intervention in response.context["cards"]]


def text(response):
    """The page as text, tags and extra whitespace dropped."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def errors(response, field):
    return response.context["form"].errors.get(field, [])


# --- the page itself ---------------------------------------------------------------------


def test_lists_published_interventions_only_by_name(anonymous):
    InterventionFactory(name="Bravo")
    InterventionFactory(name="alfa")
    InterventionFactory(name="Klad", status="draft")
    InterventionFactory(name="Oud", status="archived")
    response = get(anonymous)
    assert names(response) == ["alfa", "Bravo"]
    assert response.context["order"] == "naam"


def test_works_without_javascript_form_and_labels(anonymous):
    InterventionFactory()
    html = get(anonymous).content.decode()
    assert '<form id="zoekformulier"' in html and 'method="get"' in html
    assert re.search(r'<button type="submit"[^>]*>Zoeken</button>', html)
    # Every input (but the hidden ones) has a label.
    ids = re.findall(r'<(?:input|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html)
    assert ids
    for input_id in ids:
        assert f'for="{input_id}"' in html, input_id
    assert html.count("<fieldset") >= 5 and "<legend" in html


def test_result_count_is_announced(anonymous):
    InterventionFactory.create_batch(3)
    html = get(anonymous).content.decode()
    status = re.search(r'<p[^>]*role="status"[^>]*>(.*?)</p>', html, re.S)
    assert status and 'aria-live="polite"' in status.group(0)
    assert "3 resultaten" in " ".join(status.group(1).split())


def test_only_get(anonymous):
    assert anonymous.post(URL).status_code == 405


# --- waar: the place ---------------------------------------------------------------------


def test_place_keeps_interventions_serving_that_municipality(anonymous):
    InterventionFactory(name="Leuvens aanbod", area=["Leuven", "Herent"])
    InterventionFactory(name="Hals aanbod", area=["Halle"])
    InterventionFactory(name="Zonder gebied")
    assert names(get(anonymous, waar="Leuven")) == ["Leuvens aanbod"]
    assert names(get(anonymous, waar="3000")) == ["Leuvens aanbod"]
    assert names(get(anonymous, waar="1500 Halle")) == ["Hals aanbod"]


def test_sub_municipality_resolves_to_its_municipality(anonymous):
    InterventionFactory(name="Leuvens aanbod", area=["Leuven"])
    InterventionFactory(name="Hals aanbod", area=["Halle"])
    response = get(anonymous, waar="Kessel-Lo")
    assert names(response) == ["Leuvens aanbod"]
    assert response.context["place"].municipality.name == "Leuven"
    assert "Aanbod voor Kessel-Lo (Leuven)." in text(response)


def test_merged_municipality_shows_the_resolver_note(anonymous):
    InterventionFactory(name="Pajots aanbod", area=["Pajottegem"])
    InterventionFactory(name="Hals aanbod", area=["Halle"])
    response = get(anonymous, waar="Gooik")
    assert names(response) == ["Pajots aanbod"]
    assert "Gooik is sinds 1 januari 2025 een deelgemeente van Pajottegem." in text(response)


def test_unknown_place_shows_the_message_and_does_not_filter(anonymous):
    InterventionFactory(name="Leuvens aanbod", area=["Leuven"])
    InterventionFactory(name="Hals aanbod", area=["Halle"])
    response = get(anonymous, waar="Atlantis")
    assert names(response) == ["Hals aanbod", "Leuvens aanbod"]
    assert errors(response, "waar") == ["Atlantis vonden we niet in Vlaams-Brabant."]
    page = text(response)
    assert "Atlantis vonden we niet in Vlaams-Brabant." in page
    assert "zonder rekening te houden met de plaats" in page
    assert 'aria-invalid="true"' in response.content.decode()


def test_misspelt_place_offers_the_close_names_as_links(anonymous):
    InterventionFactory(area=["Leuven"])
    response = get(anonymous, waar="Lueven")
    assert "Bedoelde u Leuven?" in errors(response, "waar")[0]
    links = response.context["suggestion_links"]
    assert [link["label"] for link in links] == ["Leuven"]
    assert parse_qs(urlsplit(links[0]["url"]).query)["waar"] == ["Leuven"]


@pytest.mark.parametrize("typed", ["12", "9000", "x" * 101])
def test_bad_place_input_is_a_message_not_an_error_page(anonymous, typed):
    InterventionFactory(area=["Leuven"])
    response = get(anonymous, waar=typed)
    assert errors(response, "waar")
    assert len(names(response)) == 1


# --- the option lists --------------------------------------------------------------------


def test_level_filter_takes_any_of_the_chosen_levels(anonymous):
    InterventionFactory(name="Basis", levels=["basisonderwijs"])
    InterventionFactory(name="Eerste graad", levels=["secundair-eerste-graad"])
    InterventionFactory(name="Derde graad", levels=["secundair-derde-graad"])
    InterventionFactory(name="Beide", levels=["basisonderwijs", "secundair-eerste-graad"])
    response = get(anonymous, niveau=["basisonderwijs", "secundair-eerste-graad"])
    assert names(response) == ["Basis", "Beide", "Eerste graad"]  # each once


def test_type_target_group_and_theme_filters(anonymous):
    InterventionFactory(
        name="Time-out", types=["time-out"], target_groups=["gedrag"],
        themes=["verbindend-schoolklimaat"],
    )
    InterventionFactory(
        name="Boerderij", types=["zorgboerderij"], target_groups=["motivatie"],
        themes=["studiekeuze-en-talenten"],
    )
    assert names(get(anonymous, soort="time-out")) == ["Time-out"]
    assert names(get(anonymous, doelgroep="motivatie")) == ["Boerderij"]
    assert names(get(anonymous, thema="verbindend-schoolklimaat")) == ["Time-out"]
    # AND between the lists.
    assert names(get(anonymous, soort="time-out", doelgroep="motivatie")) == []


def test_approach_filter(anonymous):
    InterventionFactory(name="Preventief", approach="preventive")
    InterventionFactory(name="Remediërend", approach="remedial")
    InterventionFactory(name="Onbepaald", approach="")
    assert names(get(anonymous, aanpak="remedial")) == ["Remediërend"]
    assert names(get(anonymous, aanpak="")) == ["Onbepaald", "Preventief", "Remediërend"]


def test_free_places_filter(anonymous):
    for status in ["free", "limited", "waiting_list", "full", "paused", "unknown"]:
        InterventionFactory(name=f"Capaciteit {status}", capacity_status=status)
    response = get(anonymous, vrij="1")
    assert names(response) == ["Capaciteit free", "Capaciteit limited"]


@pytest.mark.parametrize(
    ("param", "value"),
    [("niveau", "hogeschool"), ("soort", "'; DROP TABLE x"), ("doelgroep", "x"),
     ("thema", "onbekend"), ("aanpak", "hard")],
)
def test_unknown_option_is_a_dutch_form_error(anonymous, param, value):
    InterventionFactory(name="Een", levels=["basisonderwijs"], types=["time-out"])
    response = get(anonymous, **{param: value})
    assert errors(response, param) == [
        f"„{value}” is geen keuze uit de lijst. Kies een van de opties."
    ]
    assert names(response) == ["Een"]  # the bad filter is left out


def test_one_unknown_option_among_good_ones_is_reported(anonymous):
    InterventionFactory(levels=["basisonderwijs"])
    response = get(anonymous, niveau=["basisonderwijs", "universiteit"])
    assert "universiteit" in errors(response, "niveau")[0]


# --- leeftijd ----------------------------------------------------------------------------


def test_age_matches_the_range_and_open_bounds(anonymous):
    InterventionFactory(name="12-18", age_min=12, age_max=18)
    InterventionFactory(name="vanaf 16", age_min=16, age_max=None)
    InterventionFactory(name="tot 12", age_min=None, age_max=12)
    InterventionFactory(name="iedereen", age_min=None, age_max=None)
    assert names(get(anonymous, leeftijd="12")) == ["12-18", "iedereen", "tot 12"]
    assert names(get(anonymous, leeftijd="18")) == ["12-18", "iedereen", "vanaf 16"]
    assert names(get(anonymous, leeftijd="25")) == ["iedereen", "vanaf 16"]
    assert names(get(anonymous, leeftijd="0")) == ["iedereen", "tot 12"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99", "De leeftijd is hoogstens 30 jaar."),
        ("31", "De leeftijd is hoogstens 30 jaar."),
        ("-1", "De leeftijd is minstens 0 jaar."),
        ("veertien", "Vul de leeftijd in als een getal, bijvoorbeeld 14."),
        ("9" * 5000, "Vul de leeftijd in als een getal, bijvoorbeeld 14."),
    ],
)
def test_age_out_of_range_is_a_dutch_form_error(anonymous, value, message):
    InterventionFactory(name="Een", age_min=20, age_max=25)
    response = get(anonymous, leeftijd=value)
    assert errors(response, "leeftijd") == [message]
    assert message in text(response)
    assert names(response) == ["Een"]


# --- free text ---------------------------------------------------------------------------


def test_text_finds_words_in_name_summary_body_and_provider(anonymous):
    provider = OrganisationFactory(name="Groep Kompas vzw")
    InterventionFactory(name="Time-out Leuven", summary="Kort.")
    InterventionFactory(name="Tweede", summary="Een traject op de zorgboerderij.")
    InterventionFactory(name="Derde", what_happens="We werken aan motivatie.")
    InterventionFactory(name="Vierde", provider=provider)
    assert names(get(anonymous, q="time-out")) == ["Time-out Leuven"]
    assert names(get(anonymous, q="zorgboerderij")) == ["Tweede"]
    assert names(get(anonymous, q="motivatie")) == ["Derde"]
    assert names(get(anonymous, q="kompas")) == ["Vierde"]


def test_text_ignores_accents_and_case(anonymous):
    InterventionFactory(name="Coördinatie van zorg")
    InterventionFactory(name="Iets anders")
    assert names(get(anonymous, q="coordinatie")) == ["Coördinatie van zorg"]
    assert names(get(anonymous, q="COÖRDINATIE")) == ["Coördinatie van zorg"]


def test_every_word_must_occur(anonymous):
    InterventionFactory(name="Time-out in Leuven")
    InterventionFactory(name="Time-out in Halle")
    assert names(get(anonymous, q="time-out halle")) == ["Time-out in Halle"]


def test_relevance_puts_a_name_match_first(anonymous):
    InterventionFactory(name="Alfa", what_happens="Een traject rond schoolmoeheid.")
    InterventionFactory(name="Bravo", summary="Aanpak van schoolmoeheid bij jongeren.")
    InterventionFactory(name="Schoolmoeheid aanpakken")
    response = get(anonymous, q="schoolmoeheid")
    assert response.context["order"] == "relevantie"
    assert names(response) == ["Schoolmoeheid aanpakken", "Bravo", "Alfa"]
    # The name order can still be asked for.
    assert names(get(anonymous, q="schoolmoeheid", sorteer="naam")) == [
        "Alfa", "Bravo", "Schoolmoeheid aanpakken"
    ]


def test_too_long_text_is_a_form_error(anonymous):
    InterventionFactory(name="Een")
    response = get(anonymous, q="woord " * 100)
    assert errors(response, "q") == ["Gebruik hoogstens 200 tekens om te zoeken."]
    assert names(response) == ["Een"]


@postgres_only
def test_dutch_stemming_finds_other_forms_of_a_word(anonymous):
    InterventionFactory(name="Alfa", what_happens="Voor spijbelende leerlingen in de eerste graad.")
    InterventionFactory(name="Bravo", what_happens="Voor leerlingen met een zware thuissituatie.")
    assert names(get(anonymous, q="spijbelen")) == ["Alfa"]


@postgres_only
def test_typo_tolerance_on_the_name(anonymous):
    InterventionFactory(name="Hulp bij herinschrijving na uitval")
    InterventionFactory(name="Time-out op de boerderij")
    assert names(get(anonymous, q="herinschrijvng")) == ["Hulp bij herinschrijving na uitval"]


@postgres_only
def test_typo_tolerance_on_the_provider_name(anonymous):
    provider = OrganisationFactory(name="Dagcentrum Vuurtoren")
    InterventionFactory(name="Alfa", provider=provider)
    InterventionFactory(name="Bravo")
    assert names(get(anonymous, q="vuurtorn")) == ["Alfa"]


# --- facet counts ------------------------------------------------------------------------


def facet(response, name):
    for group in response.context["facet_groups"]:
        if group["name"] == name:
            return {option["value"]: option["count"] for option in group["options"]}
    raise AssertionError(name)


@pytest.fixture
def facet_data():
    InterventionFactory(area=["Leuven"], types=["time-out"], levels=["basisonderwijs"],
                        capacity_status="free", approach="remedial")
    InterventionFactory(area=["Leuven"], types=["time-out", "zorgboerderij"],
                        levels=["secundair-eerste-graad"], capacity_status="full",
                        approach="remedial")
    InterventionFactory(area=["Leuven"], types=["zorgboerderij"],
                        levels=["secundair-eerste-graad"], capacity_status="limited",
                        approach="preventive")
    InterventionFactory(area=["Halle"], types=["time-out"], levels=["basisonderwijs"],
                        capacity_status="free", approach="remedial")


def test_facet_counts_keep_the_other_filters(anonymous, facet_data):
    response = get(anonymous, waar="Leuven", soort="time-out")
    assert len(names(response)) == 2
    # The type list ignores its own choice but keeps the place.
    types = facet(response, "soort")
    assert types["time-out"] == 2 and types["zorgboerderij"] == 2 and types["dagbesteding"] == 0
    # The other lists count within Leuven and time-out.
    levels = facet(response, "niveau")
    assert levels["basisonderwijs"] == 1 and levels["secundair-eerste-graad"] == 1
    approaches = {o["value"]: o["count"] for o in response.context["approach_options"]}
    assert approaches["remedial"] == 2 and approaches["preventive"] == 0
    assert response.context["free_count"] == 1
    assert "Time-out (2)" in text(response)
    assert "Alleen aanbod met vrije plaatsen (1)" in text(response)


def test_facet_counts_without_filters_count_everything(anonymous, facet_data):
    response = get(anonymous)
    assert facet(response, "soort")["time-out"] == 3
    assert facet(response, "soort")["zorgboerderij"] == 2
    assert facet(response, "niveau")["basisonderwijs"] == 2
    assert response.context["free_count"] == 3


def test_facet_counts_with_free_places_filter(anonymous, facet_data):
    response = get(anonymous, vrij="1", niveau="secundair-eerste-graad")
    assert names(response) and len(names(response)) == 1
    assert facet(response, "soort") == {**facet(response, "soort"), "zorgboerderij": 1,
                                        "time-out": 0}
    assert facet(response, "niveau")["basisonderwijs"] == 2
    assert response.context["free_count"] == 1  # free/limited among secundair-eerste-graad


# --- sorting -----------------------------------------------------------------------------


def located(name, municipality, area):
    intervention = InterventionFactory(name=name, area=area)
    Location.objects.create(
        intervention=intervention, municipality=Municipality.objects.get(name=municipality),
        postcode="3000",
    )
    return intervention


def test_distance_sort_from_the_searched_municipality(anonymous):
    everywhere = list(Municipality.objects.values_list("name", flat=True))
    located("In Tienen", "Tienen", everywhere)
    located("In Leuven", "Leuven", everywhere)
    located("In Halle", "Halle", everywhere)
    InterventionFactory(name="Mobiel", area=["Leuven", "Herent"])  # no address: its area counts
    response = get(anonymous, waar="Herent", sorteer="afstand")
    assert response.context["order"] == "afstand"
    assert names(response) == ["Mobiel", "In Leuven", "In Tienen", "In Halle"]
    cards = response.context["cards"]
    assert cards[0].distance == "minder dan 1 km"
    assert re.fullmatch(r"± \d+ km", cards[1].distance)
    km = [int(card.distance.split()[1]) for card in cards[1:]]
    assert km == sorted(km) and km[2] > 20
    assert f"{cards[3].distance}" in text(response)


def test_nearest_location_counts(anonymous):
    intervention = located("Twee plekken", "Halle", ["Halle", "Leuven"])
    Location.objects.create(
        intervention=intervention, municipality=Municipality.objects.get(name="Leuven")
    )
    located("Alleen Halle", "Halle", ["Leuven"])
    response = get(anonymous, waar="Leuven", sorteer="afstand")
    assert names(response) == ["Twee plekken", "Alleen Halle"]


def test_distance_sort_needs_a_place(anonymous):
    InterventionFactory(name="Bravo")
    InterventionFactory(name="Alfa")
    response = get(anonymous, sorteer="afstand")
    assert response.context["order"] == "naam"
    assert names(response) == ["Alfa", "Bravo"]
    assert "km" not in text(response)
    # And the option is not offered.
    assert "afstand" not in dict(response.context["sort_choices"])


def test_unknown_sort_falls_back_with_a_message(anonymous):
    InterventionFactory(name="Bravo")
    InterventionFactory(name="Alfa")
    response = get(anonymous, sorteer="prijs")
    assert names(response) == ["Alfa", "Bravo"]
    assert "„prijs” is geen keuze uit de lijst." in text(response)


# --- pagination --------------------------------------------------------------------------


@pytest.fixture
def many():
    return [InterventionFactory(name=f"Aanbod {n:02d}", area=["Leuven"]) for n in range(45)]


def test_twenty_per_page_with_links_that_keep_the_search(anonymous, many):
    first = get(anonymous, waar="Leuven")
    assert len(names(first)) == 20 and names(first)[0] == "Aanbod 00"
    next_url = first.context["page_links"]["next"]
    assert parse_qs(urlsplit(next_url).query) == {"waar": ["Leuven"], "pagina": ["2"]}
    assert f'href="{next_url.replace("&", "&amp;")}"' in first.content.decode()
    third = get(anonymous, "?waar=Leuven&pagina=3")
    assert names(third) == [f"Aanbod {n}" for n in range(40, 45)]
    assert "pagina 3 van 3" in text(third)
    assert third.context["page_links"]["next"] is None


@pytest.mark.parametrize("number", ["9999", "4"])
def test_page_past_the_end_shows_the_last_page(anonymous, many, number):
    response = get(anonymous, pagina=number)
    assert response.context["page"].number == 3
    assert len(names(response)) == 5


@pytest.mark.parametrize("number", ["0", "-1", "abc", "1e9"])
def test_bad_page_number_is_no_error(anonymous, many, number):
    response = get(anonymous, pagina=number)
    assert len(names(response)) in (5, 20)


# --- empty state -------------------------------------------------------------------------


def test_empty_state_offers_to_drop_each_filter_with_its_count(anonymous):
    InterventionFactory(area=["Halle"], types=["time-out"], age_min=12, age_max=18)
    InterventionFactory(area=["Leuven"], types=["zorgboerderij"], age_min=12, age_max=18)
    response = get(anonymous, waar="Leuven", soort="time-out", leeftijd="14")
    assert names(response) == []
    links = {link["label"]: link for link in response.context["drop_links"]}
    assert set(links) == {
        "Zonder de plaats Leuven", "Zonder soort aanbod: Time-out", "Zonder de leeftijd (14 jaar)"
    }
    assert links["Zonder de plaats Leuven"]["count"] == 1
    assert links["Zonder soort aanbod: Time-out"]["count"] == 1
    assert links["Zonder de leeftijd (14 jaar)"]["count"] == 0
    dropped = parse_qs(urlsplit(links["Zonder de plaats Leuven"]["url"]).query)
    assert dropped == {"soort": ["time-out"], "leeftijd": ["14"]}
    page = text(response)
    assert "Geen aanbod gevonden" in page
    assert "Zonder de plaats Leuven (1 resultaat)" in page


def test_empty_directory(anonymous):
    response = get(anonymous)
    assert "Er staat nog geen aanbod online." in text(response)


# --- hostile input -----------------------------------------------------------------------


def test_a_one_megabyte_query_string_is_no_server_error(anonymous):
    InterventionFactory(name="Een")
    response = anonymous.get(URL, QUERY_STRING="q=" + "a" * 1_000_000)
    assert response.status_code == 200
    assert errors(response, "q")
    assert len(response.content) < 200_000  # the value is not echoed back whole
    response = anonymous.get(URL, QUERY_STRING="waar=" + "b" * 1_000_000)
    assert response.status_code == 200 and errors(response, "waar")


@pytest.mark.parametrize("query", ["q=a%00b", "waar=Leu%00ven", "leeftijd=1%00", "pagina=%00",
                                   "niveau=%00", "q=%ff%fe", "sorteer=%00"])
def test_control_characters_are_no_server_error(anonymous, query):
    InterventionFactory(name="Een")
    response = anonymous.get(URL, QUERY_STRING=query)
    assert response.status_code == 200


def test_too_many_parameters_is_a_400_in_dutch(anonymous):
    response = anonymous.get(URL, QUERY_STRING="&".join(["niveau=x"] * 120_000))
    assert response.status_code == 400
    assert "Deze zoekopdracht is te lang" in response.content.decode()


# --- result cards ------------------------------------------------------------------------


def test_card_shows_capacity_waiting_time_and_dates(anonymous):
    updated = datetime.datetime(2026, 11, 3, 10, 0, tzinfo=datetime.UTC)
    InterventionFactory(
        name="Alfa", types=["time-out"], levels=["basisonderwijs"], area=["Leuven", "Herent"],
        capacity_status="limited", waiting_weeks=6, capacity_updated_at=updated,
        last_verified=timezone.localdate(),
    )
    page = text(get(anonymous))
    assert "Beperkt plaats ± 6 weken wachttijd bijgewerkt op 3 november 2026" in page
    assert "Soort Time-out" in page and "Onderwijs Basisonderwijs" in page
    assert "Werkgebied Herent en Leuven" in page
    assert "Laatst nagekeken op" in page
    assert "Niet nagekeken sinds meer dan 12 maanden" not in page


def test_card_warns_when_stale(anonymous):
    InterventionFactory(last_verified=timezone.localdate() - datetime.timedelta(days=400))
    assert "Niet nagekeken sinds meer dan 12 maanden" in text(get(anonymous))


def test_card_names_a_whole_region_or_the_province(anonymous):
    leuven = Region.objects.get(slug="arrondissement-leuven").municipalities.all()
    InterventionFactory(name="Alfa", area=[m.name for m in leuven])
    everywhere = list(Municipality.objects.values_list("name", flat=True))
    InterventionFactory(name="Bravo", area=everywhere)
    InterventionFactory(name="Charlie", area=["Aarschot", "Diest", "Herent", "Leuven"])
    cards = get(anonymous).context["cards"]
    assert [card.area_summary for card in cards] == [
        "Het arrondissement Leuven", "Heel Vlaams-Brabant", "Aarschot, Diest en 2 andere gemeenten"
    ]


def test_card_has_the_selection_form(anonymous):
    InterventionFactory(slug="alfa", area=["Leuven"])
    html = get(anonymous, waar="Leuven").content.decode()
    assert f'action="{reverse("meldpunt:selection_add")}"' in html
    assert 'name="slug" value="alfa"' in html
    assert 'name="next" value="/aanbod/?waar=Leuven"' in html
    assert "Bewaar in selectie" in html


def test_facet_counts_with_free_text(anonymous):
    InterventionFactory(name="Time-out kort", types=["time-out"], levels=["basisonderwijs"])
    InterventionFactory(name="Time-out lang", types=["time-out", "zorgboerderij"],
                        levels=["basisonderwijs"])
    InterventionFactory(name="Boerderij", types=["zorgboerderij"], levels=["basisonderwijs"])
    response = get(anonymous, q="time-out")
    assert names(response) == ["Time-out kort", "Time-out lang"]
    assert facet(response, "soort")["time-out"] == 2
    assert facet(response, "soort")["zorgboerderij"] == 1
    assert facet(response, "niveau")["basisonderwijs"] == 2


@pytest.mark.parametrize("query", ["de het een", "'\"-*", "a" * 3])
def test_odd_text_is_no_error(anonymous, query):
    InterventionFactory(name="Een")
    get(anonymous, q=query)
