"""The open data API: our directory as Open Referral HSDS 3.0 (HSDA endpoints), read-only.

Plain function views returning JSON. ``api_view`` gives every endpoint the same contract:
GET and HEAD (and OPTIONS for CORS preflights) only, any other method a JSON 405; CORS open to
any origin; errors as JSON ``{"detail": <Dutch>, "detail_en": <English>}``. Each view runs a
fixed number of queries whatever the page size (tests/meldpunt/test_hsds.py pins them).
Serialisation lives in ``meldpunt.hsds``.
"""

import uuid
from datetime import UTC, datetime, time
from functools import wraps

from django.db.models import Prefetch, Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from meldpunt import hsds
from meldpunt.models import Intervention
from netwerk.geography import PlaceNotFound, normalise, resolve_place
from netwerk.models import Organisation

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
# Words of ``search`` past this many are ignored: each one adds four LIKEs to the query.
MAX_SEARCH_WORDS = 12  # as the site search (meldpunt.search.MAX_WORDS)
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")


class ApiError(Exception):
    """Ends a request with a JSON error: ``detail`` in Dutch, ``detail_en`` in English."""

    def __init__(self, status, detail, detail_en, parameter=None):
        super().__init__(detail_en)
        self.status, self.detail, self.detail_en, self.parameter = (
            status, detail, detail_en, parameter
        )

    def response(self):
        body = {"detail": self.detail, "detail_en": self.detail_en}
        if self.parameter:
            body["parameter"] = self.parameter
        return _json(body, status=self.status)


def bad_request(parameter, detail, detail_en):
    return ApiError(400, detail, detail_en, parameter)


_WHAT = {
    "service": _("aanbod"),
    "organization": _("organisatie"),
    "taxonomy": _("taxonomie"),
    "taxonomy term": _("term"),
}


def not_found(what):
    return ApiError(
        404,
        gettext("Geen %(what)s gevonden met deze id.") % {"what": _WHAT[what]},
        f"No published {what} with this id.",
    )


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def api_view(view):
    """GET/HEAD/OPTIONS only, JSON errors, CORS for everyone, no CSRF (nothing changes)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = _json({"allow": list(ALLOWED_METHODS)})
            response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = _json(
                {
                    "detail": gettext("Methode %(method)s is niet toegelaten; gebruik GET.")
                    % {"method": request.method},
                    "detail_en": f"Method {request.method} is not allowed; use GET.",
                },
                status=405,
            )
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as error:
                response = error.response()
            if request.method == "HEAD":
                # The headers of the GET, without its body.
                response["Content-Length"] = str(len(response.content))
                response.content = b""
        if request.method not in ("GET", "HEAD"):
            response["Allow"] = ", ".join(ALLOWED_METHODS)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return csrf_exempt(wrapper)


# --- query parameters --------------------------------------------------------------------


def _param(request, name):
    return request.GET.get(name, "").strip()


def _positive_int(request, name, default):
    value = _param(request, name)
    if not value:
        return default
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise bad_request(
            name,
            gettext("%(name)s moet een geheel getal vanaf 1 zijn.") % {"name": name},
            f"{name} must be a whole number from 1.",
        )
    return int(value)


def _pagination(request):
    page = _positive_int(request, "page", 1)
    per_page = _positive_int(request, "per_page", DEFAULT_PER_PAGE)
    if per_page > MAX_PER_PAGE:
        raise bad_request(
            "per_page",
            gettext("per_page mag hoogstens %(max)d zijn.") % {"max": MAX_PER_PAGE},
            f"per_page can be {MAX_PER_PAGE} at most.",
        )
    return page, per_page


def _uuid(request, name):
    value = _param(request, name)
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise bad_request(
            name,
            gettext("%(name)s moet een UUID zijn.") % {"name": name},
            f"{name} must be a UUID.",
        ) from None


def _boolean(request, name):
    value = _param(request, name).lower()
    if value in ("", "false", "0"):
        return False
    if value in ("true", "1"):
        return True
    raise bad_request(
        name,
        gettext("%(name)s moet true of false zijn.") % {"name": name},
        f"{name} must be true or false.",
    )


def _parse_moment(text):
    """An aware datetime from an ISO 8601 datetime or date (local midnight), or None."""
    try:
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)) is not None:
            moment = datetime.combine(day, time.min)
        if moment is None:
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        moment.astimezone(UTC)  # the database compares in UTC: year 1 or 9999 may not fit
    except (ValueError, OverflowError):
        return None
    return moment


def _datetime(request, name):
    value = _param(request, name)
    if not value:
        return None
    # An unencoded "+" in a query string arrives as a space: "…T10:00:00 01:00".
    for candidate in (value, value.replace(" ", "+")):
        if (moment := _parse_moment(candidate)) is not None:
            return moment
    raise bad_request(
        name,
        gettext(
            "%(name)s moet een datum en tijd in ISO 8601 zijn, bijvoorbeeld "
            "2025-01-31T09:00:00+01:00."
        )
        % {"name": name},
        f"{name} must be an ISO 8601 date-time, for example 2025-01-31T09:00:00+01:00.",
    )


def _check_format(request):
    value = _param(request, "format").lower()
    if value not in ("", "json"):
        raise bad_request(
            "format",
            gettext("Alleen format=json wordt ondersteund."),
            "Only format=json is supported.",
        )


def _words(request):
    return normalise(_param(request, "search")).split()[:MAX_SEARCH_WORDS]


def _page(request, items, serialise):
    """The HSDA page envelope; ``items`` a queryset or a list. A page past the end is empty."""
    page, per_page = _pagination(request)
    total = len(items) if isinstance(items, list) else items.count()
    start = (page - 1) * per_page
    chunk = list(items[start:start + per_page]) if start < total else []
    return _json(hsds.page_object([serialise(item) for item in chunk], total, page, per_page))


def _path_uuid(value, what):
    try:
        return uuid.UUID(value)
    except ValueError:
        raise not_found(what) from None


# --- endpoints ---------------------------------------------------------------------------


@api_view
def root(request):
    return _json(hsds.root_object())


@api_view
def openapi(request):
    return _json(hsds.openapi_document())


def _filter_services(request, queryset):
    """Apply the HSDA filters; they add up (AND), as the HSDS API reference asks."""
    for word in _words(request):
        queryset = queryset.filter(
            Q(search_name__icontains=word)
            | Q(search_summary__icontains=word)
            | Q(search_body__icontains=word)
            | Q(provider__search_name__icontains=word)
        )
    if (organization_id := _uuid(request, "organization_id")) is not None:
        queryset = queryset.filter(provider__uuid=organization_id)
    if (taxonomy_id := _uuid(request, "taxonomy_id")) is not None:
        taxonomy = hsds.TAXONOMIES_BY_ID.get(taxonomy_id)
        if taxonomy is None:
            return queryset.none()
        through = getattr(Intervention, taxonomy.field).through
        queryset = queryset.filter(pk__in=through.objects.values("intervention_id"))
    if (term_id := _uuid(request, "taxonomy_term_id")) is not None:
        found = hsds.find_term(term_id)
        if found is None:
            return queryset.none()
        taxonomy, term = found
        queryset = queryset.filter(**{taxonomy.field: term})
    if (modified_after := _datetime(request, "modified_after")) is not None:
        queryset = queryset.filter(updated_at__gte=modified_after)
    if postcode := _param(request, "postcode"):
        try:
            place = resolve_place(postcode)
        except PlaceNotFound as error:
            raise bad_request(
                "postcode",
                error.message,
                "This postcode or place was not found in Vlaams-Brabant.",
            ) from None
        queryset = queryset.serving(place.municipality)
    return queryset


@api_view
def services(request):
    _check_format(request)
    full = _boolean(request, "full")
    queryset = _filter_services(request, Intervention.objects.published())
    if full:
        queryset = hsds.with_service_details(queryset)
    else:
        queryset = hsds.with_service_fields(queryset)
    return _page(
        request,
        queryset.order_by("name", "pk"),
        lambda intervention: hsds.service_object(intervention, full=full),
    )


@api_view
def service(request, service_id):
    intervention = (
        hsds.with_service_details(Intervention.objects.published())
        .filter(uuid=_path_uuid(service_id, "service"))
        .first()
    )
    if intervention is None:
        raise not_found("service")
    return _json(hsds.service_object(intervention, full=True))


def _published_providers():
    return Organisation.objects.with_published_interventions()


@api_view
def organizations(request):
    _check_format(request)
    queryset = _published_providers()
    for word in _words(request):
        queryset = queryset.filter(search_name__icontains=word)
    return _page(request, queryset.order_by("name", "pk"), hsds.organization_object)


@api_view
def organization(request, organization_id):
    organisation = (
        _published_providers()
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "interventions",
                queryset=hsds.with_service_fields(Intervention.objects.published()).order_by(
                    "name", "pk"
                ),
                to_attr="published_interventions",
            )
        )
        .filter(uuid=_path_uuid(organization_id, "organization"))
        .first()
    )
    if organisation is None:
        raise not_found("organization")
    data = hsds.organization_object(organisation, full=True)
    # As in the HSDA example: the organization's services, one-to-one fields only.
    data["services"] = [
        hsds.service_object(intervention, with_organization=False)
        for intervention in organisation.published_interventions
    ]
    return _json(data)


@api_view
def taxonomies(request):
    _check_format(request)
    return _page(request, list(hsds.TAXONOMIES), hsds.taxonomy_object)


@api_view
def taxonomy(request, taxonomy_id):
    found = hsds.TAXONOMIES_BY_ID.get(_path_uuid(taxonomy_id, "taxonomy"))
    if found is None:
        raise not_found("taxonomy")
    return _json(hsds.taxonomy_object(found))


@api_view
def taxonomy_terms(request):
    _check_format(request)
    selected = hsds.TAXONOMIES
    if (taxonomy_id := _uuid(request, "taxonomy_id")) is not None:
        found = hsds.TAXONOMIES_BY_ID.get(taxonomy_id)
        selected = (found,) if found else ()
    return _page(
        request,
        hsds.taxonomy_terms(selected),
        lambda pair: hsds.taxonomy_term_object(*pair, with_taxonomy=True),
    )


@api_view
def taxonomy_term(request, term_id):
    found = hsds.find_term(_path_uuid(term_id, "taxonomy term"))
    if found is None:
        raise not_found("taxonomy term")
    return _json(hsds.taxonomy_term_object(*found, with_taxonomy=True))


@api_view
def unknown_endpoint(request, path=""):
    raise ApiError(
        404,
        gettext("Dit adres bestaat niet in de API. Zie /api/hsds/ voor het overzicht."),
        "No such endpoint. See /api/hsds/ for the overview.",
    )
