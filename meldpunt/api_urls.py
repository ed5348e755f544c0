"""The open data API, Open Referral HSDS 3.0, included at /api/hsds/ (see meldpunt.api).

Paths follow the HSDA OpenAPI document: no trailing slash. Ids are matched as strings so a
malformed one gets the API's JSON 404, not the site's HTML page; so does any unknown path.
"""

from django.urls import path, re_path

from meldpunt import api

app_name = "hsds"

urlpatterns = [
    path("", api.root, name="root"),
    path("openapi.json", api.openapi, name="openapi"),
    path("services", api.services, name="services"),
    path("services/<str:service_id>", api.service, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:organization_id>", api.organization, name="organization"),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:taxonomy_id>", api.taxonomy, name="taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:term_id>", api.taxonomy_term, name="taxonomy_term"),
    re_path(r"^(?P<path>.*)$", api.unknown_endpoint, name="unknown"),
]
