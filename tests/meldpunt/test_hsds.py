"""The open data API (Open Referral HSDS 3.0 at /api/hsds/).

Every response is validated against Open Referral's schemas, copied unchanged into
``tests/meldpunt/hsds-3.0/`` (see COPY.md there): the per-object files with their relative
``$ref``s through a ``referencing.Registry``, the compiled list schemas, and the ``Page``
envelope and root response of their ``openapi.json``. Formats (uuid, uri, date-time, email)
are asserted, not just annotated.
"""

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from meldpunt import hsds
from meldpunt.models import EducationLevel, Intervention, InterventionType, Location, TargetGroup
from netwerk.models import Municipality, Theme
from tests.factories import InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).parent / "hsds-3.0"
SHARED_SCHEMA_DIR = Path(settings.BASE_DIR).parent / "shared" / "hsds-3.0"
# The schemas have no $id: give them a base so their relative $refs resolve in the registry.
BASE = "https://hsds.invalid/schema/"
PAGE_KEYS = [
    "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
]


# --- validation --------------------------------------------------------------------------


def _registry():
    resources = []
    for path in sorted(SCHEMA_DIR.rglob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        resources.append((BASE + path.relative_to(SCHEMA_DIR).as_posix(), resource))
    return Registry().with_resources(resources)


REGISTRY = _registry()
FORMATS = FormatChecker()


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value):
    parts = urlsplit(value)
    return bool(parts.scheme in ("http", "https") and parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value):
    return datetime.fromisoformat(value).tzinfo is not None


def validate(instance, schema):
    """Validate against ``schema``, in which ``$ref``s name files of SCHEMA_DIR."""
    Draft202012Validator(schema, registry=REGISTRY, format_checker=FORMATS).validate(instance)


def ref(name):
    return {"$ref": BASE + name}


def page_schema(item):
    """The HSDA list envelope: openapi.json's Page, with every key required, plus contents."""
    return {
        "allOf": [ref("openapi.json#/components/schemas/Page")],
        "required": [*PAGE_KEYS, "contents"],
        "properties": {"contents": {"type": "array", "items": ref(item)}},
    }


ROOT_SCHEMA = ref("openapi.json#/paths/~1/get/responses/200/content/application~1json/schema")
SERVICE_SCHEMAS = [ref("service.json"), ref("compiled/service_with_definitions.json")]


def get_json(client, url, data=None, status=200):
    response = client.get(url, data or {})
    assert response.status_code == status, response.content
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response.json()


def get_page(client, url, item, data=None):
    body = get_json(client, url, data)
    validate(body, page_schema(item))
    return body


def ids(page):
    return [item["id"] for item in page["contents"]]


# --- data --------------------------------------------------------------------------------


@pytest.fixture
def leuven():
    return Municipality.objects.get(name="Leuven")


@pytest.fixture
def provider(leuven):
    return OrganisationFactory(
        name="Groep Voorbeeld vzw",
        description="Een verzonnen aanbieder voor de tests.",
        phone="+32 16 00 00 00",
        street_address="Voorbeeldstraat 1",
        postcode="3000",
        municipality=leuven,
    )


@pytest.fixture
def service(provider, leuven):
    """A published fiche with everything the full HSDS object can show."""
    intervention = InterventionFactory(
        provider=provider,
        name="Time-out Zénith",
        how_to_register="Bel de aanbieder voor een intake.",
        target_group_description="Leerlingen die vastlopen op school.",
        duration="Zes weken",
        cost="Gratis",
        approach="remedial",
        absence_legitimised=True,
        area=["Leuven", "Herent"],
        types=["time-out"],
        levels=["secundair-eerste-graad"],
        target_groups=["spijbelen"],
        themes=["verbindend-schoolklimaat"],
    )
    intervention.set_capacity("waiting_list", waiting_weeks=6)
    intervention.save()
    Location.objects.create(
        intervention=intervention,
        kind="address",
        name="Ons lokaal",
        street_address="Teststraat 5",
        postcode="3000",
        municipality=leuven,
    )
    Location.objects.create(intervention=intervention, kind="in_school")
    Location.objects.create(intervention=intervention, kind="mobile")
    return intervention


def service_url(intervention):
    return reverse("hsds:service", args=[intervention.uuid])


# --- the schema copy and the validator themselves ----------------------------------------


def test_schema_copy_is_unchanged_from_shared():
    if not SHARED_SCHEMA_DIR.is_dir():
        pytest.skip("shared/hsds-3.0 is not beside this checkout")
    copied = [p for p in SCHEMA_DIR.rglob("*") if p.is_file() and p.name != "COPY.md"]
    assert len(copied) > 20
    for path in copied:
        original = SHARED_SCHEMA_DIR / path.relative_to(SCHEMA_DIR)
        assert path.read_bytes() == original.read_bytes(), path


def test_validator_rejects_what_hsds_rejects():
    good = {"id": str(uuid.uuid4()), "name": "Aanbod", "status": "active"}
    for schema in SERVICE_SCHEMAS:
        validate(good, schema)
        for broken in [
            {**good, "status": "open"},
            {**good, "id": "not-a-uuid"},
            {**good, "url": "no url"},
            {**good, "last_modified": "yesterday"},
            {**good, "service_areas": [{"name": "zonder id"}]},
            {key: value for key, value in good.items() if key != "status"},
        ]:
            with pytest.raises(ValidationError):
                validate(broken, schema)
    with pytest.raises(ValidationError):
        validate({"total_items": 0, "contents": []}, page_schema("compiled/service_list.json"))


# --- root and OpenAPI document -----------------------------------------------------------


def test_root_gives_version_openapi_url_and_credits(anonymous):
    body = get_json(anonymous, reverse("hsds:root"))
    validate(body, ROOT_SCHEMA)
    assert body["version"] == "3.0"
    assert body["openapi_url"] == settings.SITE_URL + reverse("hsds:openapi")
    hsds_credit = body["credits"][0]
    assert hsds_credit["author"] == "Open Referral"
    assert hsds_credit["license"] == "CC BY-SA 4.0"


def test_openapi_document_describes_our_endpoints(anonymous):
    body = get_json(anonymous, reverse("hsds:openapi"))
    assert body["openapi"].startswith("3.1")
    assert "Open Referral" in body["info"]["description"]
    assert "CC BY-SA 4.0" in body["info"]["description"]
    assert {"/", "/services", "/services/{id}", "/organizations", "/taxonomies",
            "/taxonomy_terms"} <= set(body["paths"])
    for url_name in ["services", "organizations", "taxonomies", "taxonomy_terms"]:
        assert reverse(f"hsds:{url_name}").removeprefix(reverse("hsds:root")) in {
            p.lstrip("/") for p in body["paths"]
        }


# --- services ----------------------------------------------------------------------------


def test_service_detail_is_a_valid_full_hsds_service(anonymous, service, provider):
    body = get_json(anonymous, service_url(service))
    for schema in SERVICE_SCHEMAS:
        validate(body, schema)
    assert body["id"] == str(service.uuid)
    assert body["status"] == "active"
    assert body["organization_id"] == body["organization"]["id"] == str(provider.uuid)
    assert body["url"] == settings.SITE_URL + service.get_absolute_url()
    assert body["assured_date"] == service.last_verified.isoformat()
    assert body["last_modified"].endswith("Z")
    assert datetime.fromisoformat(body["last_modified"]) == service.updated_at.replace(
        microsecond=service.updated_at.microsecond // 1000 * 1000
    )
    assert (body["minimum_age"], body["maximum_age"]) == (12, 18)
    assert body["description"].startswith(service.summary)
    assert "Duur: Zes weken" in body["description"]


def test_service_texts_for_registration_cost_and_eligibility(anonymous, service):
    body = get_json(anonymous, service_url(service))
    assert body["application_process"].startswith("Bel de aanbieder voor een intake.")
    assert "via het Meldpunt" in body["application_process"]
    assert body["fees_description"] == "Gratis"
    [cost] = body["cost_options"]
    assert (cost["amount"], cost["currency"], cost["amount_description"]) == (0, "EUR", "Gratis")
    eligibility = body["eligibility_description"]
    assert "Van 12 tot en met 18 jaar." in eligibility
    assert "Leerlingen die vastlopen op school." in eligibility
    assert "Secundair onderwijs, eerste graad" in eligibility
    assert "woonplaats" in eligibility and "het CLB" in eligibility
    assert "akkoord" in eligibility


def test_cost_with_an_amount_is_not_called_free(anonymous, service):
    service.cost = "Gratis, de school betaalt 50 euro"
    service.save()
    [cost] = get_json(anonymous, service_url(service))["cost_options"]
    assert "amount" not in cost


def test_service_area_lists_the_municipalities(anonymous, service):
    body = get_json(anonymous, service_url(service))
    [area] = body["service_areas"]
    assert area["id"] == str(hsds.stable_uuid("service_area", service.uuid))
    assert area["service_id"] == str(service.uuid)
    assert area["name"] == "Herent, Leuven"
    assert "Herent, Leuven" in area["description"]
    assert area["extent_type"] == "text"
    assert {a["value"] for a in area["attributes"]} == set(
        Municipality.objects.filter(name__in=["Herent", "Leuven"]).values_list(
            "nis_code", flat=True
        )
    )


def test_service_without_area_has_no_service_area(anonymous, service):
    service.service_area.clear()
    body = get_json(anonymous, service_url(service))
    assert body["service_areas"] == []
    validate(body, SERVICE_SCHEMAS[0])


def test_locations_address_school_and_mobile(anonymous, service):
    body = get_json(anonymous, service_url(service))
    address, school, mobile = body["service_at_locations"]
    assert address["location"]["location_type"] == "physical"
    assert address["location"]["name"] == "Ons lokaal"
    [postal] = address["location"]["addresses"]
    assert (postal["address_1"], postal["postal_code"], postal["city"], postal["country"]) == (
        "Teststraat 5", "3000", "Leuven", "BE",
    )
    assert address["location_id"] == address["location"]["id"] == postal["location_id"]
    assert "addresses" not in school["location"]
    assert "school" in school["location"]["description"]
    assert "school" in school["location"]["name"]
    assert "Mobiel" in mobile["location"]["name"]
    assert len({sal["id"] for sal in body["service_at_locations"]}) == 3


def test_attributes_link_our_taxonomy_terms(anonymous, service):
    body = get_json(anonymous, service_url(service))
    terms = {
        a["link_type"]: a["taxonomy_term"] for a in body["attributes"] if "taxonomy_term" in a
    }
    assert terms["intervention_type"]["code"] == "time-out"
    assert terms["intervention_type"]["id"] == str(
        uuid.uuid5(hsds.NAMESPACE, "interventiontype:time-out")
    )
    assert terms["target_group"]["code"] == "spijbelen"
    assert terms["education_level"]["code"] == "secundair-eerste-graad"
    assert terms["theme"]["code"] == "verbindend-schoolklimaat"
    for attribute in body["attributes"]:
        assert attribute["link_id"] == str(service.uuid)
        assert attribute["link_entity"] == "service"
        if "taxonomy_term" in attribute:
            assert attribute["taxonomy_term_id"] == attribute["taxonomy_term"]["id"]


def test_capacity_as_attributes_and_alert_with_the_date(anonymous, service):
    body = get_json(anonymous, service_url(service))
    facts = {a["link_type"]: a["value"] for a in body["attributes"] if "value" in a}
    assert facts["capacity_status"] == "waiting_list"
    assert facts["capacity_waiting_weeks"] == "6"
    updated = datetime.fromisoformat(facts["capacity_updated_at"])
    assert abs(updated - service.capacity_updated_at) < timedelta(seconds=1)
    assert facts["approach"] == "remedial"
    assert facts["absence_legitimised"] == "true"
    assert "certificate_issued" not in facts  # unknown: left out
    assert body["alert"].startswith("Capaciteit: wachtlijst.")
    assert "ongeveer 6 weken" in body["alert"]
    assert "Bijgewerkt op" in body["alert"]
    assert str(service.capacity_updated_at.year) in body["alert"]


def test_unknown_capacity_has_no_alert(anonymous):
    intervention = InterventionFactory(capacity_status="unknown")
    body = get_json(anonymous, service_url(intervention))
    assert "alert" not in body
    validate(body, SERVICE_SCHEMAS[0])


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_unpublished_service_is_404_json(anonymous, service, status):
    service.status = status
    service.save()
    body = get_json(anonymous, service_url(service), status=404)
    assert body["detail"]
    assert body["detail_en"]


@pytest.mark.parametrize(
    "service_id", [str(uuid.uuid4()), "not-a-uuid", "123", "0" * 40],
)
def test_unknown_or_malformed_service_id_is_404_json(anonymous, service, service_id):
    body = get_json(anonymous, reverse("hsds:service", args=[service_id]), status=404)
    assert set(body) >= {"detail"}


def test_service_list_holds_published_services_only(anonymous, service):
    other = InterventionFactory(name="Aanbod B")
    InterventionFactory(name="Aanbod C klad", status="draft")
    InterventionFactory(name="Aanbod D oud", status="archived")
    body = get_page(anonymous, reverse("hsds:services"), "compiled/service_list.json")
    assert ids(body) == [str(other.uuid), str(service.uuid)]  # by name
    assert body["total_items"] == 2
    item = body["contents"][1]
    assert item["organization"]["id"] == str(service.provider.uuid)
    assert "service_at_locations" not in item  # one-to-one fields only
    assert "Secundair onderwijs, eerste graad" in item["eligibility_description"]


def test_service_list_full_gives_nested_services(anonymous, service):
    body = get_page(anonymous, reverse("hsds:services"), "service.json", {"full": "true"})
    [item] = body["contents"]
    assert len(item["service_at_locations"]) == 3
    assert item == get_json(anonymous, service_url(service))


def test_service_list_rejects_unknown_format_and_bad_boolean(anonymous):
    for params, parameter in [({"format": "ndjson"}, "format"), ({"full": "ja"}, "full")]:
        body = get_json(anonymous, reverse("hsds:services"), params, status=400)
        assert body["parameter"] == parameter


# --- filters -----------------------------------------------------------------------------


def _filtered(client, **params):
    return ids(get_page(client, reverse("hsds:services"), "compiled/service_list.json", params))


@pytest.mark.parametrize(
    "search",
    ["zenith", "ZÉNITH", "time out", "Time-out zénith", "vastlopen", "voorbeeld vzw", "  zen  "],
)
def test_search_matches_normalised_words(anonymous, service, search):
    InterventionFactory(name="Iets anders", summary="Niets hiervan.", goal="")
    assert _filtered(anonymous, search=search) == [str(service.uuid)]


def test_search_needs_every_word(anonymous, service):
    assert _filtered(anonymous, search="zenith onbestaand") == []


def test_very_long_search_is_answered(anonymous, service):
    assert _filtered(anonymous, search="zenith " + "a " * 3000) == [str(service.uuid)]


def test_filter_by_taxonomy_term(anonymous, service):
    other = InterventionFactory(types=["zorgboerderij"])
    time_out = InterventionType.objects.get(slug="time-out")
    term_id = hsds.TAXONOMIES[0].term_id(time_out)
    assert _filtered(anonymous, taxonomy_term_id=term_id) == [str(service.uuid)]
    theme_id = uuid.uuid5(hsds.NAMESPACE, "theme:verbindend-schoolklimaat")
    assert _filtered(anonymous, taxonomy_term_id=theme_id) == [str(service.uuid)]
    farm_id = uuid.uuid5(hsds.NAMESPACE, "interventiontype:zorgboerderij")
    assert _filtered(anonymous, taxonomy_term_id=farm_id) == [str(other.uuid)]
    assert _filtered(anonymous, taxonomy_term_id=uuid.uuid4()) == []


def test_filter_by_taxonomy(anonymous, service):
    without_themes = InterventionFactory(types=["zorgboerderij"])
    themes_id = uuid.uuid5(hsds.NAMESPACE, "taxonomy:theme")
    types_id = uuid.uuid5(hsds.NAMESPACE, "taxonomy:interventiontype")
    assert _filtered(anonymous, taxonomy_id=themes_id) == [str(service.uuid)]
    assert set(_filtered(anonymous, taxonomy_id=types_id)) == {
        str(service.uuid), str(without_themes.uuid),
    }
    assert _filtered(anonymous, taxonomy_id=uuid.uuid4()) == []


def test_filter_by_organization(anonymous, service, provider):
    InterventionFactory()
    assert _filtered(anonymous, organization_id=provider.uuid) == [str(service.uuid)]
    assert _filtered(anonymous, organization_id=uuid.uuid4()) == []


def test_filter_by_modified_after(anonymous, service):
    old = InterventionFactory()
    Intervention.objects.filter(pk=old.pk).update(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    assert _filtered(anonymous, modified_after="2024-01-01T00:00:00Z") == [str(service.uuid)]
    assert _filtered(anonymous, modified_after="2024-01-01") == [str(service.uuid)]
    assert len(_filtered(anonymous, modified_after="2019-12-31T23:00:00+01:00")) == 2
    assert _filtered(anonymous, modified_after="2020-01-01T01:00:01+01:00") == [
        str(service.uuid)
    ]
    # An unencoded "+" arrives as a space; it still means the offset.
    body = get_json(
        anonymous, reverse("hsds:services") + "?modified_after=2020-01-01T01:00:01+01:00"
    )
    assert ids(body) == [str(service.uuid)]


@pytest.mark.parametrize(
    "value",
    ["gisteren", "2024-13-01", "2024-01-01T25:00", "0001-01-01T00:00:00+05:00", "0001-01-01",
     "9999-12-31T23:59:59-05:00"],
)
def test_bad_modified_after_is_400_in_dutch_and_english(anonymous, value):
    body = get_json(anonymous, reverse("hsds:services"), {"modified_after": value}, status=400)
    assert body["parameter"] == "modified_after"
    assert "moet een datum en tijd" in body["detail"]
    assert "must be an ISO 8601 date-time" in body["detail_en"]


def test_filter_by_postcode_uses_the_service_area(anonymous, service):
    elsewhere = InterventionFactory(area=["Halle"])
    assert _filtered(anonymous, postcode="3000") == [str(service.uuid)]
    assert _filtered(anonymous, postcode="3001") == [str(service.uuid)]  # Heverlee, Leuven
    assert _filtered(anonymous, postcode="Herent") == [str(service.uuid)]
    assert _filtered(anonymous, postcode="1500") == [str(elsewhere.uuid)]
    assert _filtered(anonymous, postcode="3200") == []  # Aarschot: in the province, not served


@pytest.mark.parametrize("value", ["9999", "1000", "12", "Nergenshuizen"])
def test_unknown_postcode_is_400(anonymous, value):
    body = get_json(anonymous, reverse("hsds:services"), {"postcode": value}, status=400)
    assert body["parameter"] == "postcode"
    assert body["detail"] and body["detail_en"]


@pytest.mark.parametrize("name", ["taxonomy_term_id", "taxonomy_id", "organization_id"])
def test_malformed_uuid_filter_is_400(anonymous, name):
    body = get_json(anonymous, reverse("hsds:services"), {name: "abc"}, status=400)
    assert body["parameter"] == name


def test_filters_add_up(anonymous, service, provider):
    InterventionFactory(provider=provider, area=["Halle"], types=["time-out"])
    time_out = uuid.uuid5(hsds.NAMESPACE, "interventiontype:time-out")
    assert len(_filtered(anonymous, organization_id=provider.uuid, taxonomy_term_id=time_out)) == 2
    assert _filtered(
        anonymous, organization_id=provider.uuid, taxonomy_term_id=time_out, postcode="3000"
    ) == [str(service.uuid)]


# --- pagination --------------------------------------------------------------------------


@pytest.fixture
def five_services():
    return [InterventionFactory(name=f"Aanbod {n}") for n in range(1, 6)]


def test_pages(anonymous, five_services):
    url = reverse("hsds:services")
    first = get_page(anonymous, url, "compiled/service_list.json", {"per_page": 2})
    assert {k: first[k] for k in PAGE_KEYS} == {
        "total_items": 5, "total_pages": 3, "page_number": 1, "size": 2,
        "first_page": True, "last_page": False, "empty": False,
    }
    last = get_page(anonymous, url, "compiled/service_list.json", {"per_page": 2, "page": 3})
    assert (last["size"], last["first_page"], last["last_page"]) == (1, False, True)
    seen = ids(first) + ids(get_page(
        anonymous, url, "compiled/service_list.json", {"per_page": 2, "page": 2}
    )) + ids(last)
    assert seen == [str(s.uuid) for s in five_services]


def test_page_past_the_end_is_a_valid_empty_page(anonymous, five_services):
    body = get_page(
        anonymous, reverse("hsds:services"), "compiled/service_list.json",
        {"per_page": 2, "page": 9},
    )
    assert body["contents"] == []
    assert (body["total_items"], body["page_number"], body["size"]) == (5, 9, 0)
    assert (body["empty"], body["last_page"]) == (True, True)


def test_empty_result(anonymous):
    body = get_page(anonymous, reverse("hsds:services"), "compiled/service_list.json")
    assert (body["total_items"], body["total_pages"], body["empty"]) == (0, 1, True)


def test_default_and_maximum_page_size(anonymous):
    for n in range(30):
        InterventionFactory(name=f"Aanbod {n:02}")
    url = reverse("hsds:services")
    assert get_page(anonymous, url, "compiled/service_list.json")["size"] == 25
    assert get_page(anonymous, url, "compiled/service_list.json", {"per_page": 100})["size"] == 30


@pytest.mark.parametrize(
    "params,parameter",
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "twee"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "²"}, "page"),
        ({"page": "١"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "101"}, "per_page"),
        ({"per_page": "veel"}, "per_page"),
    ],
)
@pytest.mark.parametrize("url_name", ["services", "organizations", "taxonomies", "taxonomy_terms"])
def test_bad_page_parameters_are_400(anonymous, url_name, params, parameter):
    body = get_json(anonymous, reverse(f"hsds:{url_name}"), params, status=400)
    assert body["parameter"] == parameter
    assert body["detail"] and body["detail_en"]


# --- organizations -----------------------------------------------------------------------


def test_organizations_with_published_services_only(anonymous, service, provider):
    only_drafts = OrganisationFactory(name="Alleen klad vzw")
    InterventionFactory(provider=only_drafts, status="draft")
    OrganisationFactory(name="Zonder aanbod vzw")
    second = InterventionFactory(provider=OrganisationFactory(name="Andere vzw")).provider
    InterventionFactory(provider=provider)  # two services, listed once
    body = get_page(anonymous, reverse("hsds:organizations"), "compiled/organization_list.json")
    assert ids(body) == [str(second.uuid), str(provider.uuid)]
    assert body["total_items"] == 2
    assert "phones" not in body["contents"][1]
    searched = get_page(
        anonymous, reverse("hsds:organizations"), "compiled/organization_list.json",
        {"search": "VOORBEELD"},
    )
    assert ids(searched) == [str(provider.uuid)]


def test_organization_detail(anonymous, service, provider):
    InterventionFactory(provider=provider, name="Klad", status="draft")
    body = get_json(anonymous, reverse("hsds:organization", args=[provider.uuid]))
    validate(body, ref("organization.json"))
    validate(body["services"], {"type": "array", "items": ref("compiled/service_list.json")})
    assert (body["email"], body["website"]) == (provider.email, provider.website)
    assert body["description"] == provider.description
    [phone] = body["phones"]
    assert phone["number"] == "+32 16 00 00 00"
    [office] = body["locations"]
    assert office["addresses"][0]["postal_code"] == "3000"
    assert "contacts" not in body  # organisation-level details only, never a person
    assert ids({"contents": body["services"]}) == [str(service.uuid)]


def test_organization_without_published_services_is_404(anonymous):
    organisation = InterventionFactory(status="draft").provider
    get_json(anonymous, reverse("hsds:organization", args=[organisation.uuid]), status=404)
    get_json(anonymous, reverse("hsds:organization", args=["geen-uuid"]), status=404)


def test_organization_without_optional_details_is_valid(anonymous):
    provider = OrganisationFactory(website="", email="", description="")
    InterventionFactory(provider=provider)
    body = get_json(anonymous, reverse("hsds:organization", args=[provider.uuid]))
    validate(body, ref("organization.json"))
    assert body["description"] == ""
    assert "email" not in body and "website" not in body
    assert body["phones"] == [] and body["locations"] == []


# --- taxonomies --------------------------------------------------------------------------


TAXONOMY_MODELS = {
    "interventiontype": InterventionType,
    "targetgroup": TargetGroup,
    "educationlevel": EducationLevel,
    "theme": Theme,
}


def test_four_taxonomies_with_stable_ids(anonymous):
    body = get_page(anonymous, reverse("hsds:taxonomies"), "taxonomy.json")
    assert ids(body) == [
        str(uuid.uuid5(uuid.UUID("7c424d14-321f-42db-8762-9f745ca0a49d"), f"taxonomy:{key}"))
        for key in TAXONOMY_MODELS
    ]
    for taxonomy_id in ids(body):
        detail = get_json(anonymous, reverse("hsds:taxonomy", args=[taxonomy_id]))
        validate(detail, ref("taxonomy.json"))
        assert detail["id"] == taxonomy_id
    get_json(anonymous, reverse("hsds:taxonomy", args=[uuid.uuid4()]), status=404)


def test_taxonomy_terms_are_our_lists(anonymous):
    body = get_page(
        anonymous, reverse("hsds:taxonomy_terms"), "taxonomy_term.json", {"per_page": 100}
    )
    expected = [
        (str(uuid.uuid5(hsds.NAMESPACE, f"{key}:{slug}")), slug)
        for key, model in TAXONOMY_MODELS.items()
        for slug in model.objects.values_list("slug", flat=True)
    ]
    assert [(t["id"], t["code"]) for t in body["contents"]] == expected
    assert body["total_items"] == len(expected) > 30
    time_out = next(t for t in body["contents"] if t["code"] == "time-out")
    assert time_out["name"] == "Time-out"
    assert time_out["taxonomy_id"] == time_out["taxonomy_detail"]["id"] == str(
        uuid.uuid5(hsds.NAMESPACE, "taxonomy:interventiontype")
    )


def test_taxonomy_terms_filtered_by_taxonomy(anonymous):
    levels_id = uuid.uuid5(hsds.NAMESPACE, "taxonomy:educationlevel")
    body = get_page(
        anonymous, reverse("hsds:taxonomy_terms"), "taxonomy_term.json",
        {"taxonomy_id": levels_id, "per_page": 100},
    )
    assert [t["code"] for t in body["contents"]] == list(
        EducationLevel.objects.values_list("slug", flat=True)
    )
    assert {t["taxonomy_id"] for t in body["contents"]} == {str(levels_id)}
    unknown = get_page(
        anonymous, reverse("hsds:taxonomy_terms"), "taxonomy_term.json",
        {"taxonomy_id": uuid.uuid4()},
    )
    assert unknown["total_items"] == 0
    get_json(anonymous, reverse("hsds:taxonomy_terms"), {"taxonomy_id": "x"}, status=400)


def test_taxonomy_term_detail(anonymous):
    term_id = uuid.uuid5(hsds.NAMESPACE, "targetgroup:okan")
    body = get_json(anonymous, reverse("hsds:taxonomy_term", args=[term_id]))
    validate(body, ref("taxonomy_term.json"))
    assert (body["id"], body["code"]) == (str(term_id), "okan")
    # The same slug in another list is another term.
    level = get_json(
        anonymous,
        reverse("hsds:taxonomy_term", args=[uuid.uuid5(hsds.NAMESPACE, "educationlevel:okan")]),
    )
    assert level["taxonomy_id"] != body["taxonomy_id"]
    get_json(anonymous, reverse("hsds:taxonomy_term", args=[uuid.uuid4()]), status=404)


def test_renamed_term_keeps_its_id(anonymous):
    term = InterventionType.objects.get(slug="time-out")
    term.name = "Time-outtraject"
    term.save()
    term_id = uuid.uuid5(hsds.NAMESPACE, "interventiontype:time-out")
    body = get_json(anonymous, reverse("hsds:taxonomy_term", args=[term_id]))
    assert body["name"] == "Time-outtraject"


# --- HTTP contract -----------------------------------------------------------------------


def all_urls(service):
    provider = service.provider
    return [
        reverse("hsds:root"),
        reverse("hsds:openapi"),
        reverse("hsds:services"),
        service_url(service),
        reverse("hsds:organizations"),
        reverse("hsds:organization", args=[provider.uuid]),
        reverse("hsds:taxonomies"),
        reverse("hsds:taxonomies") + "/" + str(hsds.TAXONOMIES[0].id),
        reverse("hsds:taxonomy_terms"),
        reverse("hsds:taxonomy_term", args=[uuid.uuid5(hsds.NAMESPACE, "theme:basisonderwijs")]),
    ]


def test_every_endpoint_is_json_with_cors(anonymous, service):
    for url in all_urls(service):
        get_json(anonymous, url)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_are_405_json(service, method):
    client = Client(enforce_csrf_checks=True)
    for url in all_urls(service):
        response = getattr(client, method)(url)
        assert response.status_code == 405, url
        assert response.headers["Content-Type"] == "application/json"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
        assert method.upper() in response.json()["detail_en"]
    assert Intervention.objects.published().count() == 1


def test_head_has_the_headers_without_body(anonymous, service):
    get = anonymous.get(reverse("hsds:services"))
    head = anonymous.head(reverse("hsds:services"))
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Type"] == "application/json"
    assert head.headers["Content-Length"] == str(len(get.content))
    assert head.headers["Access-Control-Allow-Origin"] == "*"


def test_options_answers_a_cors_preflight(anonymous, service):
    response = anonymous.options(
        reverse("hsds:services"),
        headers={"Origin": "https://elders.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("path", ["bestaat-niet", "services/", "services/x/y"])
def test_unknown_endpoint_is_404_json(anonymous, path):
    body = get_json(anonymous, reverse("hsds:root") + path, status=404)
    assert body["detail"]


# --- a fixed number of queries -----------------------------------------------------------


def _services(count, with_locations=True):
    leuven = Municipality.objects.get(name="Leuven")
    created = []
    for n in range(count):
        intervention = InterventionFactory(
            area=["Leuven", "Herent", "Bertem"][: 1 + n % 3],
            types=["time-out", "zorgboerderij"][: 1 + n % 2],
            levels=["secundair-eerste-graad", "okan"],
            target_groups=["spijbelen"],
            themes=["basisonderwijs"],
            cost="Gratis",
        )
        if with_locations:
            for _ in range(1 + n % 3):
                Location.objects.create(
                    intervention=intervention, kind="address", postcode="3000",
                    municipality=leuven, street_address="Teststraat 1",
                )
            Location.objects.create(intervention=intervention, kind="in_school")
        created.append(intervention)
    return created


# (url name, params, queries): count + page + prefetches; taxonomy terms: one a list.
LIST_QUERIES = [
    ("services", {}, 3),
    ("services", {"full": "true"}, 8),
    ("services", {"search": "aanbod", "postcode": "3000"}, 4),  # + resolving the postcode
    ("organizations", {}, 2),
    ("taxonomies", {}, 0),
    ("taxonomy_terms", {}, 4),
]


@pytest.mark.parametrize("size", [1, 7])
@pytest.mark.parametrize("url_name,params,queries", LIST_QUERIES)
def test_list_queries_do_not_grow(
    anonymous, django_assert_num_queries, size, url_name, params, queries
):
    _services(size)
    with django_assert_num_queries(queries):
        body = get_json(anonymous, reverse(f"hsds:{url_name}"), {**params, "per_page": 100})
    if url_name in ("services", "organizations"):
        assert body["size"] == size


@pytest.mark.parametrize("size", [1, 7])
def test_detail_queries_do_not_grow(anonymous, django_assert_num_queries, size):
    interventions = _services(size)
    # One provider with all the services, the last one the richest.
    provider = interventions[0].provider
    Intervention.objects.filter(pk__in=[i.pk for i in interventions]).update(provider=provider)
    with django_assert_num_queries(7):  # service + provider, 4 taxonomies, area, locations
        get_json(anonymous, service_url(interventions[-1]))
    with django_assert_num_queries(3):  # organization, its services, their levels
        body = get_json(anonymous, reverse("hsds:organization", args=[provider.uuid]))
    assert len(body["services"]) == size


def test_assured_date_and_missing_verification(anonymous, service):
    service.last_verified = None
    service.save()
    body = get_json(anonymous, service_url(service))
    assert "assured_date" not in body
    service.last_verified = date(2025, 3, 1)
    service.save()
    assert get_json(anonymous, service_url(service))["assured_date"] == "2025-03-01"
