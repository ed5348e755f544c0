from django.urls import path

from meldpunt import corrections, maps, selection, verification, views
from meldpunt.desk import answer, public, report

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
    # The referral desk: public forms, the referrer's status page, the provider's answer.
    path("aanmelden/", public.referral_form, name="referral"),
    path("aanmelden/consult/", public.consult_form, name="consult"),
    path("aanmelden/contact/", public.contact_form, name="contact"),
    path("aanmelden/status/<str:token>/", public.status, name="referral_status"),
    path("antwoord/<str:token>/", answer.answer, name="dispatch_answer"),
    # The yearly report (Meldpunt staff only).
    path("beheer/jaarrapport/", report.report_view, name="report"),
    path("beheer/jaarrapport/export.<str:fmt>", report.report_export, name="report_export"),
]
