"""The directory as Open Referral HSDS 3.0 objects, for the open data API (``meldpunt.api``).

HSDS (Human Services Data Specification) 3.0 is published by the Open Referral project under
Creative Commons Attribution-ShareAlike 4.0; the API credits it in its root response and in its
OpenAPI document. Only what ``Intervention.objects.published()`` returns is ever serialised,
and only organisation-level contact details (never a person's).

Identifiers (all HSDS ids are UUIDs):

- a service is ``Intervention.uuid``, an organization ``Organisation.uuid``;
- everything without a UUID field of its own gets a name-based UUID (version 5) in the fixed
  namespace ``NAMESPACE``, so it stays the same from request to request and between databases
  holding the same slugs:

  ========================  ==================================================
  object                    name hashed with ``uuid5(NAMESPACE, name)``
  ========================  ==================================================
  taxonomy                  ``taxonomy:<model>``, e.g. ``taxonomy:interventiontype``
  taxonomy term             ``<model>:<slug>``, e.g. ``interventiontype:time-out``
  service area              ``service_area:<service id>``
  location                  ``location:<Location pk>``
  service at location       ``service_at_location:<Location pk>``
  address                   ``address:<Location pk>``
  organization's office     ``organization_location:<organization id>`` (and
                            ``organization_address:…``)
  phone                     ``phone:<organization id>``
  cost option               ``cost_option:<service id>``
  attribute                 ``attribute:<service id>:<term id or link_type>``
  ========================  ==================================================

  ``<model>`` is the Django model name in lower case: ``interventiontype``, ``targetgroup``,
  ``educationlevel`` (``meldpunt``) and ``theme`` (``netwerk``). Slugs are stable (the search
  URLs use them too), so a term keeps its id when the Meldpunt renames it.

Attributes (``service.attributes``) carry what HSDS has no field for; ``link_type`` says what:

- ``intervention_type``, ``target_group``, ``education_level``, ``theme``: a term of one of
  our four taxonomies (``taxonomy_term_id`` and the nested ``taxonomy_term``);
- ``capacity_status`` (value: ``free``, ``limited``, ``waiting_list``, ``full``, ``paused`` or
  ``unknown``), ``capacity_waiting_weeks`` (a whole number) and ``capacity_updated_at`` (an ISO
  8601 datetime): places and waiting time, which HSDS 3.0 cannot express; the same in words,
  with the date, is in the service's ``alert``;
- ``approach`` (``preventive``, ``compensating``, ``remedial``), ``absence_legitimised`` and
  ``certificate_issued`` (``true``/``false``), ``registration_route`` (``meldpunt``,
  ``direct``, ``clb``);
- on the service area, ``nis_code``: the Statbel code of each municipality in it.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from meldpunt.models import (
    CapacityStatus,
    EducationLevel,
    InterventionType,
    Location,
    LocationKind,
    TargetGroup,
)
from netwerk.geography import ATTRIBUTION as GEOGRAPHY_ATTRIBUTION
from netwerk.geography import normalise
from netwerk.models import Theme

HSDS_VERSION = "3.0"

# Never change: every derived id depends on it (see the module docstring).
NAMESPACE = uuid.UUID("7c424d14-321f-42db-8762-9f745ca0a49d")

COUNTRY = "BE"
PROVINCE = "Vlaams-Brabant"
LANGUAGE = "nl"

HSDS_CREDIT = {
    "name": "Human Services Data Specification (HSDS) 3.0",
    "author": "Open Referral",
    "url": "https://openreferral.org/",
    "license": "CC BY-SA 4.0",
    "license_url": "https://creativecommons.org/licenses/by-sa/4.0/",
}
SCHEMA_BASE_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def stable_uuid(*parts):
    """The name-based UUID of ``parts`` joined with ":" in our namespace."""
    return uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts))


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def timestamp(value):
    """An aware datetime as ISO 8601 in UTC with milliseconds, as HSDS asks for last_modified."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _text(*parts, sep="\n\n"):
    return sep.join(part.strip() for part in parts if part and part.strip())


def _drop_empty(data):
    """Leave out optional fields we have no value for (HSDS prefers absent to empty)."""
    return {key: value for key, value in data.items() if value not in (None, "")}


# --- taxonomies --------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomy:
    """One of our managed lists, published as an HSDS taxonomy."""

    model: type
    field: str  # the Intervention many-to-many field holding its terms
    link_type: str  # the attribute link_type of its terms on a service
    name: str
    description: str

    @property
    def key(self):
        return self.model._meta.model_name

    @cached_property
    def id(self):
        return stable_uuid("taxonomy", self.key)

    def term_id(self, term):
        return stable_uuid(self.key, term.slug)

    def term_description(self, term):
        return term.summary if isinstance(term, Theme) else term.description


TAXONOMIES = (
    Taxonomy(
        InterventionType,
        "types",
        "intervention_type",
        _("Soorten aanbod"),
        _("Soorten schoolexterne interventies, zoals NAFT-modules, time-out en zorgboerderij."),
    ),
    Taxonomy(
        TargetGroup,
        "target_groups",
        "target_group",
        _("Doelgroepen"),
        _("Voor welke leerlingen of welke problemen het aanbod bedoeld is."),
    ),
    Taxonomy(
        EducationLevel,
        "education_levels",
        "education_level",
        _("Onderwijsniveaus"),
        _("Het onderwijsniveau of de onderwijsvorm van de leerlingen."),
    ),
    Taxonomy(
        Theme,
        "themes",
        "theme",
        _("Thema's"),
        _("De thema's waarrond het netwerk Samen tegen Schooluitval werkt."),
    ),
)
TAXONOMIES_BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}


def taxonomy_object(taxonomy):
    return {
        "id": str(taxonomy.id),
        "name": str(taxonomy.name),
        "description": str(taxonomy.description),
    }


def taxonomy_term_object(taxonomy, term, with_taxonomy=False):
    data = {
        "id": str(taxonomy.term_id(term)),
        "code": term.slug,
        "name": term.name,
        "description": taxonomy.term_description(term),
        "taxonomy": str(taxonomy.name),
        "taxonomy_id": str(taxonomy.id),
        "language": LANGUAGE,
    }
    if with_taxonomy:
        data["taxonomy_detail"] = taxonomy_object(taxonomy)
    return data


def taxonomy_terms(taxonomies=TAXONOMIES):
    """(taxonomy, term) for every term of ``taxonomies``, one query a taxonomy."""
    return [(taxonomy, term) for taxonomy in taxonomies for term in taxonomy.model.objects.all()]


def find_term(term_id):
    """(taxonomy, term) whose derived id is ``term_id``, or None.

    Name-based UUIDs cannot be reversed, so this hashes every slug: at most one small query a
    taxonomy (the lists hold a few dozen entries).
    """
    for taxonomy in TAXONOMIES:
        for term in taxonomy.model.objects.all():
            if taxonomy.term_id(term) == term_id:
                return taxonomy, term
    return None


# --- organizations -----------------------------------------------------------------------


def organization_object(organisation, full=False):
    """An HSDS organization: its one-to-one fields, plus phones and office when ``full``.

    ``full`` reads ``organisation.municipality``: select it with the organisation.
    """
    org_id = str(organisation.uuid)
    data = {
        "id": org_id,
        "name": organisation.name,
        # Required by HSDS, even when we have nothing to say.
        "description": organisation.description,
        **_drop_empty({
            "email": organisation.email,
            "website": organisation.website,
            "logo": absolute_url(organisation.logo.url) if organisation.logo else "",
        }),
    }
    if not full:
        return data
    data["phones"] = []
    if organisation.phone:
        data["phones"].append({
            "id": str(stable_uuid("phone", org_id)),
            "organization_id": org_id,
            "number": organisation.phone,
            "type": "voice",
        })
    data["locations"] = []
    if organisation.municipality_id:
        location_id = str(stable_uuid("organization_location", org_id))
        data["locations"].append({
            "id": location_id,
            "location_type": "physical",
            "organization_id": org_id,
            "name": organisation.name,
            "addresses": [
                _address(
                    stable_uuid("organization_address", org_id),
                    location_id,
                    organisation.street_address,
                    organisation.postcode,
                    organisation.municipality,
                )
            ],
        })
    return data


def _address(address_id, location_id, street, postcode, municipality):
    return {
        "id": str(address_id),
        "location_id": location_id,
        "address_1": street or "",
        "city": municipality.name,
        "state_province": PROVINCE,
        "postal_code": postcode or "",
        "country": COUNTRY,
        "address_type": "physical",
    }


# --- services ----------------------------------------------------------------------------


def with_service_fields(queryset):
    """What ``service_object()`` reads for a list item, in a fixed number of queries."""
    return queryset.select_related("provider").prefetch_related("education_levels")


def with_service_details(queryset):
    """Everything ``service_object(full=True)`` reads, in a fixed number of queries."""
    return queryset.select_related("provider", "provider__municipality").prefetch_related(
        *(taxonomy.field for taxonomy in TAXONOMIES),
        "service_area",
        Prefetch("locations", queryset=Location.objects.select_related("municipality")),
    )


def service_object(intervention, full=False, with_organization=True):
    """An HSDS service: the one-to-one fields (a list item), or the fully nested object.

    The one-to-one form reads what ``with_service_fields`` loads, the full form what
    ``with_service_details`` loads.
    """
    service_id = str(intervention.uuid)
    data = _drop_empty({
        "id": service_id,
        "organization_id": str(intervention.provider.uuid),
        "name": intervention.name,
        "description": _description(intervention),
        "url": absolute_url(intervention.get_absolute_url()),
        "status": "active",
        "application_process": _application_process(intervention),
        "fees_description": intervention.cost,
        "eligibility_description": _eligibility(intervention),
        "minimum_age": intervention.age_min,
        "maximum_age": intervention.age_max,
        "assured_date": intervention.last_verified.isoformat()
        if intervention.last_verified
        else None,
        "alert": capacity_alert(intervention),
        "last_modified": timestamp(intervention.updated_at),
    })
    if with_organization:
        data["organization"] = organization_object(intervention.provider, full=full)
    if not full:
        return data
    data["service_areas"] = _service_areas(intervention, service_id)
    data["service_at_locations"] = [
        _service_at_location(location, service_id) for location in intervention.locations.all()
    ]
    data["cost_options"] = _cost_options(intervention, service_id)
    data["attributes"] = _term_attributes(intervention, service_id) + _fact_attributes(
        intervention, service_id
    )
    return data


def _description(intervention):
    duration = ""
    if intervention.duration:
        duration = gettext("Duur: %(duration)s") % {"duration": intervention.duration}
    return _text(intervention.summary, intervention.goal, intervention.what_happens, duration)


def _application_process(intervention):
    route = gettext("Aanmelden: %(route)s.") % {
        "route": intervention.get_registration_route_display()
    }
    return _text(intervention.how_to_register, route)


def _age_range(intervention):
    low, high = intervention.age_min, intervention.age_max
    if low is not None and high is not None:
        return gettext("Van %(low)d tot en met %(high)d jaar.") % {"low": low, "high": high}
    if low is not None:
        return gettext("Vanaf %(low)d jaar.") % {"low": low}
    if high is not None:
        return gettext("Tot en met %(high)d jaar.") % {"high": high}
    return ""


def _eligibility_rule(intervention):
    places = [
        label
        for flag, label in [
            (intervention.eligible_by_domicile, gettext("de woonplaats")),
            (intervention.eligible_by_residence, gettext("de verblijfplaats")),
            (intervention.eligible_by_school, gettext("de school")),
            (intervention.eligible_by_clb, gettext("het CLB")),
        ]
        if flag
    ]
    if not places:
        return ""
    joined = places[0]
    if len(places) > 1:
        joined = gettext("%(first)s of %(last)s") % {
            "first": ", ".join(places[:-1]),
            "last": places[-1],
        }
    return gettext(
        "Een leerling kan deelnemen als %(places)s van de leerling in het werkgebied ligt."
    ) % {"places": joined}


def _eligibility(intervention):
    levels = ""
    names = [level.name for level in intervention.education_levels.all()]
    if names:
        levels = gettext("Onderwijsniveaus: %(levels)s.") % {"levels": "; ".join(names)}
    consent = ""
    if intervention.consent_required:
        consent = _text(
            gettext("De leerling en de ouders moeten akkoord gaan."),
            intervention.consent_notes,
            sep=" ",
        )
    return _text(
        _age_range(intervention),
        intervention.target_group_description,
        levels,
        _eligibility_rule(intervention),
        consent,
    )


def capacity_alert(intervention):
    """The capacity in words, with the date it was last updated ("" when nothing is known)."""
    status = intervention.capacity_status
    updated = intervention.capacity_updated_at
    if status == CapacityStatus.UNKNOWN and updated is None:
        return ""
    parts = [
        gettext("Capaciteit: %(status)s.") % {"status": intervention.get_capacity_status_display()}
    ]
    if intervention.waiting_weeks is not None and status != CapacityStatus.FREE:
        parts.append(
            ngettext(
                "Verwachte wachttijd: ongeveer %(weeks)d week.",
                "Verwachte wachttijd: ongeveer %(weeks)d weken.",
                intervention.waiting_weeks,
            )
            % {"weeks": intervention.waiting_weeks}
        )
    if updated is not None:
        parts.append(
            gettext("Bijgewerkt op %(date)s.")
            % {"date": date_format(timezone.localtime(updated), "j F Y")}
        )
    return " ".join(parts)


def _service_areas(intervention, service_id):
    municipalities = list(intervention.service_area.all())
    if not municipalities:
        return []
    area_id = str(stable_uuid("service_area", service_id))
    names = ", ".join(m.name for m in municipalities)
    return [{
        "id": area_id,
        "service_id": service_id,
        "name": names,
        "description": _text(
            ngettext(
                "Het aanbod staat open voor leerlingen uit %(count)d gemeente in %(province)s: "
                "%(names)s.",
                "Het aanbod staat open voor leerlingen uit %(count)d gemeenten in %(province)s: "
                "%(names)s.",
                len(municipalities),
            )
            % {"count": len(municipalities), "province": PROVINCE, "names": names},
            _eligibility_rule(intervention),
            sep=" ",
        ),
        # HSDS allows "text" for an extent that is not a geometry: here the names.
        "extent": names,
        "extent_type": "text",
        "attributes": [
            {
                "id": str(stable_uuid("attribute", area_id, "nis_code", m.nis_code)),
                "link_id": area_id,
                "link_type": "nis_code",
                "link_entity": "service_area",
                "value": m.nis_code,
            }
            for m in municipalities
        ],
    }]


_LOCATION_TEXT = {
    LocationKind.IN_SCHOOL: (
        _("In de school van de leerling"),
        _("Het aanbod vindt plaats in de school van de leerling; er is geen vast adres."),
    ),
    LocationKind.MOBILE: (
        _("Mobiel: aan huis of op verplaatsing"),
        _("De begeleider komt naar de leerling: thuis of op een andere plek; "
          "er is geen vast adres."),
    ),
}


def _service_at_location(location, service_id):
    location_id = str(stable_uuid("location", location.pk))
    description = ""
    if location.kind == LocationKind.ADDRESS:
        place = {
            "id": location_id,
            "location_type": "physical",
            "name": location.name or location.municipality.name,
            "addresses": [
                _address(
                    stable_uuid("address", location.pk),
                    location_id,
                    location.street_address,
                    location.postcode,
                    location.municipality,
                )
            ],
        }
    else:
        # A real place, but a different one for each pupil: physical, without an address.
        name, lazy_description = _LOCATION_TEXT[location.kind]
        description = str(lazy_description)
        place = {
            "id": location_id,
            "location_type": "physical",
            "name": location.name or str(name),
            "description": description,
        }
    return _drop_empty({
        "id": str(stable_uuid("service_at_location", location.pk)),
        "service_id": service_id,
        "location_id": location_id,
        "description": description,
        "location": place,
    })


_FREE = {"gratis", "kosteloos", "free"}
_DIGIT = re.compile(r"\d")


def _cost_options(intervention, service_id):
    if not intervention.cost:
        return []
    option = {
        "id": str(stable_uuid("cost_option", service_id)),
        "service_id": service_id,
        "amount_description": intervention.cost,
    }
    words = set(normalise(intervention.cost).split())
    if words & _FREE and not _DIGIT.search(intervention.cost):
        option.update(amount=0, currency="EUR")
    return [option]


def _term_attributes(intervention, service_id):
    attributes = []
    for taxonomy in TAXONOMIES:
        for term in getattr(intervention, taxonomy.field).all():
            term_id = str(taxonomy.term_id(term))
            attributes.append({
                "id": str(stable_uuid("attribute", service_id, term_id)),
                "link_id": service_id,
                "link_type": taxonomy.link_type,
                "link_entity": "service",
                "taxonomy_term_id": term_id,
                "taxonomy_term": taxonomy_term_object(taxonomy, term),
            })
    return attributes


def _fact_attributes(intervention, service_id):
    facts = [
        ("capacity_status", intervention.capacity_status),
        ("capacity_waiting_weeks", intervention.waiting_weeks),
        (
            "capacity_updated_at",
            timestamp(intervention.capacity_updated_at)
            if intervention.capacity_updated_at
            else None,
        ),
        ("approach", intervention.approach or None),
        ("registration_route", intervention.registration_route),
        ("absence_legitimised", intervention.absence_legitimised),
        ("certificate_issued", intervention.certificate_issued),
    ]
    return [
        {
            "id": str(stable_uuid("attribute", service_id, link_type)),
            "link_id": service_id,
            "link_type": link_type,
            "link_entity": "service",
            "value": str(value).lower() if isinstance(value, bool) else str(value),
        }
        for link_type, value in facts
        if value is not None
    ]


# --- lists and the API description -------------------------------------------------------


def page_object(contents, total_items, page_number, per_page):
    """The HSDA list envelope (``components.schemas.Page`` of the OpenAPI document)."""
    total_pages = max(1, -(-total_items // per_page))
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def credits():
    return [
        {**HSDS_CREDIT, "scope": "schema"},
        {
            "name": str(GEOGRAPHY_ATTRIBUTION),
            "url": "https://opendata.bosa.be/",
            "license": "CC BY 4.0",
            "license_url": "https://creativecommons.org/licenses/by/4.0/",
            "scope": "postcodes and municipalities",
        },
    ]


def root_object():
    return {
        "version": HSDS_VERSION,
        "openapi_url": absolute_url(reverse("hsds:openapi")),
        "name": str(_("Meldpunt Schoolexterne Interventies: open gegevens")),
        "description": str(_(
            "Het aanbod van schoolexterne interventies in Vlaams-Brabant, volgens de Human "
            "Services Data Specification (HSDS) 3.0 van Open Referral. Alleen gepubliceerde "
            "fiches; contactgegevens alleen van organisaties."
        )),
        "credits": credits(),
    }


def _param(name, description, schema_type="string", fmt=None):
    schema = {"type": schema_type}
    if fmt:
        schema["format"] = fmt
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}


_PAGE_PARAMS = [
    _param("page", "Page number, from 1. A page past the end is an empty page.", "integer"),
    _param("per_page", "Items a page, 1 to 100 (default 25).", "integer"),
]


def _list_response(description, item_ref):
    return {
        "200": {
            "description": description,
            "content": {"application/json": {"schema": {
                "allOf": [{"$ref": "#/components/schemas/Page"}],
                "properties": {"contents": {"type": "array", "items": {"$ref": item_ref}}},
            }}},
        },
        "400": {"$ref": "#/components/responses/BadRequest"},
    }


def _item_response(description, item_ref):
    return {
        "200": {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": item_ref}}},
        },
        "404": {"$ref": "#/components/responses/NotFound"},
    }


def _id_param(what):
    return [{"in": "path", "name": "id", "required": True,
             "description": f"The id (UUID) of the {what}.", "schema": {"type": "string",
                                                                        "format": "uuid"}}]


def openapi_document():
    """The OpenAPI 3.1 description of this API (what ``openapi_url`` points to)."""
    schema = SCHEMA_BASE_URL
    error = {"type": "object", "required": ["detail"], "properties": {
        "detail": {"type": "string", "description": "What went wrong, in Dutch."},
        "detail_en": {"type": "string", "description": "The same in English."},
        "parameter": {"type": "string", "description": "The query parameter at fault."},
    }}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Meldpunt Schoolexterne Interventies: open data (HSDS 3.0)",
            "version": "1.0.0",
            "summary": "The school-external interventions of Vlaams-Brabant as HSDS 3.0.",
            "description": (
                "Read-only, public, no key. Only published fiches; organisation-level "
                "contact details only. Texts are in Dutch.\n\n"
                "Schema: Human Services Data Specification (HSDS) 3.0 by Open Referral "
                "(https://openreferral.org/), licensed CC BY-SA 4.0; this description follows "
                "the HSDA OpenAPI document of the Open Referral specification.\n\n"
                "Identifiers are UUIDs. Taxonomies, terms and nested objects without a UUID of "
                f"their own use uuid5 in namespace {NAMESPACE}: `taxonomy:<model>` for a "
                "taxonomy, `<model>:<slug>` for a term (model: interventiontype, targetgroup, "
                "educationlevel, theme), `location:<n>`, `service_area:<service id>`, etc. "
                "A term's `code` is its slug.\n\n"
                "Attributes with `link_type` intervention_type, target_group, education_level "
                "or theme link a service to a term. Capacity, which HSDS cannot express, is in "
                "attributes `capacity_status` (free, limited, waiting_list, full, paused, "
                "unknown), `capacity_waiting_weeks` and `capacity_updated_at`, and in words in "
                "`alert`.\n\n"
                "Lists are paginated (`page`, `per_page` up to 100); a page past the end is a "
                "valid empty page (`empty`: true). Bad parameters give 400, unknown ids 404, "
                "other methods than GET, HEAD and OPTIONS 405, always as JSON with `detail`. "
                "Every response allows any origin (CORS)."
            ),
            "license": {"name": "CC BY-SA 4.0",
                        "url": "https://creativecommons.org/licenses/by-sa/4.0/"},
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{"url": absolute_url(reverse("hsds:root")).rstrip("/")}],
        "paths": {
            "/": {"get": {
                "operationId": "getAPIMetaInformation",
                "summary": "HSDS version, OpenAPI document and credits.",
                "responses": {"200": {"description": "Information about this API.",
                                      "content": {"application/json": {"schema": {
                                          "type": "object",
                                          "properties": {
                                              "version": {"type": "string"},
                                              "openapi_url": {"type": "string",
                                                              "format": "uri"},
                                          }}}}}},
            }},
            "/services": {"get": {
                "operationId": "getPaginatedListOfServices",
                "summary": "Published services, one-to-one fields and their organization.",
                "parameters": [
                    _param("search", "Free text: every word must occur in the name, summary, "
                           "description or provider name (case and accents ignored)."),
                    *_PAGE_PARAMS,
                    _param("taxonomy_term_id", "Only services with this term.", fmt="uuid"),
                    _param("taxonomy_id", "Only services with a term of this taxonomy.",
                           fmt="uuid"),
                    _param("organization_id", "Only services of this organization.",
                           fmt="uuid"),
                    _param("modified_after", "Only services modified on or after this ISO "
                           "8601 datetime (or date).", fmt="date-time"),
                    _param("postcode", "Only services whose service area holds this "
                           "postcode (or municipality) of Vlaams-Brabant."),
                    _param("full", "true: fully nested services.", "boolean"),
                ],
                "responses": _list_response("A page of services.",
                                            schema + "compiled/service_list.json"),
            }},
            "/services/{id}": {"parameters": _id_param("service"), "get": {
                "operationId": "getFullyNestedServiceById",
                "summary": "A fully nested service.",
                "responses": _item_response("The service.", schema + "compiled/service.json"),
            }},
            "/organizations": {"get": {
                "operationId": "getPaginatedListOfOrganizations",
                "summary": "Organizations with at least one published service.",
                "parameters": [_param("search", "Free text in the organization's name."),
                               *_PAGE_PARAMS],
                "responses": _list_response("A page of organizations.",
                                            schema + "compiled/organization_list.json"),
            }},
            "/organizations/{id}": {"parameters": _id_param("organization"), "get": {
                "operationId": "getOrganizationById",
                "summary": "An organization with phones, office and its published services.",
                "responses": _item_response("The organization.", schema + "organization.json"),
            }},
            "/taxonomies": {"get": {
                "operationId": "getPaginatedListOfTaxonomies",
                "summary": "Our four taxonomies.",
                "parameters": _PAGE_PARAMS,
                "responses": _list_response("A page of taxonomies.", schema + "taxonomy.json"),
            }},
            "/taxonomies/{id}": {"parameters": _id_param("taxonomy"), "get": {
                "operationId": "getTaxonomyById",
                "summary": "A taxonomy.",
                "responses": _item_response("The taxonomy.", schema + "taxonomy.json"),
            }},
            "/taxonomy_terms": {"get": {
                "operationId": "getPaginatedListOfTaxonomyTerms",
                "summary": "The terms of our taxonomies.",
                "parameters": [*_PAGE_PARAMS,
                               _param("taxonomy_id", "Only terms of this taxonomy.",
                                      fmt="uuid")],
                "responses": _list_response("A page of taxonomy terms.",
                                            schema + "taxonomy_term.json"),
            }},
            "/taxonomy_terms/{id}": {"parameters": _id_param("taxonomy term"), "get": {
                "operationId": "getTaxonomyTermById",
                "summary": "A taxonomy term.",
                "responses": _item_response("The term.", schema + "taxonomy_term.json"),
            }},
        },
        "components": {
            "schemas": {
                "Page": {"type": "object", "properties": {
                    "total_items": {"type": "integer"},
                    "total_pages": {"type": "integer"},
                    "page_number": {"type": "integer"},
                    "size": {"type": "integer"},
                    "first_page": {"type": "boolean"},
                    "last_page": {"type": "boolean"},
                    "empty": {"type": "boolean"},
                }},
                "Error": error,
            },
            "responses": {
                "BadRequest": {"description": "A malformed or unknown query parameter value.",
                               "content": {"application/json": {"schema": {
                                   "$ref": "#/components/schemas/Error"}}}},
                "NotFound": {"description": "No published object with this id.",
                             "content": {"application/json": {"schema": {
                                 "$ref": "#/components/schemas/Error"}}}},
            },
        },
    }
