"""resolve_place: from what a CLB staff member types to a municipality, or a clear message."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netwerk.geography import Place, PlaceNotFound, resolve_place
from netwerk.models import Municipality, PostalPlace

pytestmark = pytest.mark.django_db


def municipality(name):
    return Municipality.objects.get(name=name)


def refused(text):
    with pytest.raises(PlaceNotFound) as caught:
        resolve_place(text)
    return caught.value


# --- found -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Leuven", "leuven", " LEUVEN ", "Léuven", "3000", "3000 Leuven",
                                  "Leuven 3000", "3000, Leuven", "B-3000", "3001 Leuven"])
def test_leuven(text):
    assert resolve_place(text) == Place(municipality("Leuven"), "Leuven", "")


@pytest.mark.parametrize("text", ["Kessel-Lo", "kessel lo", "KESSEL LO", "Kessel  -  Lo",
                                  "kessel'lo", "Késsel-Lo", "3010", "3010 Kessel-Lo",
                                  "3010 kessel lo"])
def test_sub_municipality(text):
    assert resolve_place(text) == Place(municipality("Leuven"), "Kessel-Lo (Leuven)", "")


@pytest.mark.parametrize("text", ["Sint-Pieters-Leeuw", "St.-Pieters-Leeuw", "st pieters leeuw",
                                  "St-Pieters-Leeuw", "1600 Sint-Pieters-Leeuw"])
def test_saint_abbreviated_or_not(text):
    place = resolve_place(text)
    assert place.municipality == municipality("Sint-Pieters-Leeuw")
    assert place.label == "Sint-Pieters-Leeuw"


def test_saint_in_a_sub_municipality():
    place = resolve_place("St.-Margriete-Houtem 3470")
    assert place.municipality == municipality("Kortenaken")
    assert place.label == "Sint-Margriete-Houtem (Kortenaken)"


@pytest.mark.parametrize(("text", "expected"), [
    ("3300 Sint-Margriete-Houtem", "Tienen"),
    ("3470 Sint-Margriete-Houtem", "Kortenaken"),
    ("3470 sint margriete houtem", "Kortenaken"),
])
def test_postcode_picks_the_right_sint_margriete_houtem(text, expected):
    place = resolve_place(text)
    assert place.municipality == municipality(expected)
    assert place.label == f"Sint-Margriete-Houtem ({expected})"


@pytest.mark.parametrize("text", ["Overijse", "3090"])
def test_overijse(text):
    place = resolve_place(text)
    assert place.municipality.nis_code == "23062"
    assert place.municipality.arrondissement.name == "Halle-Vilvoorde"


def test_postcode_with_several_places_names_the_municipality():
    assert resolve_place("3300") == Place(municipality("Tienen"), "Tienen", "")


# --- pre-2025 names ----------------------------------------------------------------------


@pytest.mark.parametrize("former", ["Herne", "Gooik", "Galmaarden", "herne", "GOOIK"])
def test_former_municipalities_lead_to_pajottegem_with_a_note(former):
    place = resolve_place(former)
    name = former.capitalize()
    assert place.municipality == municipality("Pajottegem")
    assert place.label == f"{name} (Pajottegem)"
    assert place.note == f"{name} is sinds 1 januari 2025 een deelgemeente van Pajottegem."


@pytest.mark.parametrize(("postcode", "former"), [("1540", "Herne"), ("1570", "Galmaarden"),
                                                  ("1755", "Gooik")])
def test_former_postcodes_lead_to_pajottegem_with_a_note(postcode, former):
    place = resolve_place(postcode)
    assert place.municipality == municipality("Pajottegem")
    assert place.label == "Pajottegem"
    assert place.note == f"{former} is sinds 1 januari 2025 een deelgemeente van Pajottegem."


def test_village_of_a_former_municipality_gets_a_note():
    place = resolve_place("Tollembeek")
    assert place.label == "Tollembeek (Pajottegem)"
    assert place.note == (
        "Tollembeek hoorde tot 1 januari 2025 bij Galmaarden en hoort nu bij Pajottegem."
    )


def test_herne_with_its_postcode():
    place = resolve_place("1540 Herne")
    assert place.municipality == municipality("Pajottegem")
    assert "Pajottegem" in place.note


def test_current_municipality_has_no_note():
    assert resolve_place("Pajottegem") == Place(municipality("Pajottegem"), "Pajottegem", "")
    assert resolve_place("Halle").note == ""


def test_place_is_frozen():
    place = resolve_place("Leuven")
    with pytest.raises(AttributeError):
        place.label = "Elders"


# --- refused -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", None, "--"])
def test_empty_input(text):
    error = refused(text)
    assert error.code == "empty"
    assert error.message == "Vul een postcode of gemeente in."


@pytest.mark.parametrize(("text", "postcode"), [("9000", "9000"), ("9000 Gent", "9000"),
                                                ("1000 Brussel", "1000"), ("1000", "1000"),
                                                ("2000", "2000"), ("3500 Hasselt", "3500"),
                                                ("1499", "1499")])
def test_postcode_outside_the_province(text, postcode):
    error = refused(text)
    assert error.code == "outside_province"
    assert error.message == f"Postcode {postcode} ligt niet in Vlaams-Brabant."


@pytest.mark.parametrize("postcode", ["1999", "3499", "1931"])
def test_postcode_in_range_that_does_not_exist(postcode):
    assert not PostalPlace.objects.filter(postcode=postcode).exists()
    error = refused(postcode)
    assert error.code == "unknown_postcode"
    assert error.message == (
        f"Postcode {postcode} vonden we niet in Vlaams-Brabant. Kijk de postcode na."
    )


@pytest.mark.parametrize("text", ["300", "30000", "12"])
def test_postcode_with_the_wrong_number_of_digits(text):
    error = refused(text)
    assert error.code == "invalid_postcode"
    assert "vier cijfers" in error.message


def test_postcode_starting_with_zero():
    error = refused("0300")
    assert error.code == "invalid_postcode"
    assert error.message == "0300 is geen Belgische postcode."


def test_ambiguous_name_asks_for_the_postcode():
    error = refused("Sint-Margriete-Houtem")
    assert error.code == "ambiguous"
    assert error.message == (
        "Sint-Margriete-Houtem bestaat in meer dan één gemeente: 3300 Tienen en 3470 Kortenaken. "
        "Vul ook de postcode in, bijvoorbeeld „3300 Sint-Margriete-Houtem”."
    )


def test_ambiguous_name_is_found_however_it_is_typed():
    assert refused("st margriete houtem").code == "ambiguous"


def test_postcode_shared_by_two_municipalities_asks_for_the_place():
    # Not in the 2025 data; the resolver must not pick one at random if it ever happens.
    PostalPlace.objects.create(postcode="3000", name="Elders", municipality=municipality("Tienen"))
    error = refused("3000")
    assert error.code == "ambiguous"
    assert "Leuven en Tienen" in error.message
    assert resolve_place("3000 Elders").municipality == municipality("Tienen")


def test_unknown_name():
    error = refused("Gent")
    assert error.code == "unknown_name"
    assert error.message == "Gent vonden we niet in Vlaams-Brabant."
    assert error.suggestions == ()


@pytest.mark.parametrize(("typo", "meant"), [("Kesel-Lo", "Kessel-Lo"), ("Leuvn", "Leuven"),
                                             ("Pajotegem", "Pajottegem"),
                                             ("Scherpenheuvel Zichen", "Scherpenheuvel-Zichem")])
def test_unknown_name_close_to_a_known_one_gets_a_suggestion(typo, meant):
    error = refused(typo)
    assert error.code == "unknown_name"
    assert error.message.startswith(f"{typo} vonden we niet in Vlaams-Brabant. Bedoelde u ")
    assert meant in error.suggestions
    assert error.message.endswith("?")


def test_name_that_does_not_match_the_postcode():
    error = refused("3000 Tienen")
    assert error.code == "postcode_mismatch"
    assert error.message == "Postcode 3000 hoort bij Leuven, niet bij Tienen."


def test_mismatch_names_the_municipality_when_no_place_carries_its_name():
    error = refused("1540 Gooik")
    assert error.message == (
        "Postcode 1540 hoort bij Herfelingen en Herne (Pajottegem), niet bij Gooik."
    )


def test_place_not_found_is_a_validation_error():
    # So a form's clean method can let it through and Django shows the message.
    error = refused("Gent")
    assert isinstance(error, ValidationError)
    assert error.messages == [error.message]


# --- how it queries ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "column"), [("Leuven", "search_name"),
                                              ("Kessel-Lo", "search_name"),
                                              ("3300 Sint-Margriete-Houtem", "postcode"),
                                              ("3010", "postcode")])
def test_lookup_is_a_filtered_query_not_a_scan(text, column):
    with CaptureQueriesContext(connection) as queries:
        resolve_place(text)
    assert 1 <= len(queries) <= 2
    conditions = [query["sql"].partition("WHERE")[2] for query in queries]
    assert all(conditions)
    assert any(column in condition for condition in conditions)
