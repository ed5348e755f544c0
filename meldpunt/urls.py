from django.urls import path

from meldpunt import corrections, maps, selection, verification, views

app_name = "meldpunt"

urlpatterns = [
    path("aanbod/", views.search, name="search"),
    path("aanbod/kaart/", maps.coverage_map, name="map"),
    path("aanbod/selectie/", selection.selection, name="selection"),
    path("aanbod/selectie/toevoegen/", selection.add, name="selection_add"),
    path("aanbod/selectie/verwijderen/", selection.remove, name="selection_remove"),
    path("aanbod/<slug:slug>/", views.intervention_detail, name="intervention"),
    path("aanbod/<slug:slug>/wijziging-melden/", corrections.report_change, name="report_change"),
    path("aanbieders/<slug:slug>/", views.provider_detail, name="provider"),
    path("nakijken/<str:token>/", verification.verify, name="verify"),
]
