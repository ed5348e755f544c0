"""The agenda's routes, in the ``netwerk`` namespace (included at the site root)."""

from django.urls import path

from netwerk.agenda import views

urlpatterns = [
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/archief/", views.archive, name="agenda_archive"),
    path("agenda/feed.ics", views.feed, name="agenda_feed"),
    path("agenda/afmelden/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path("agenda/<slug:slug>/", views.event_detail, name="event"),
    path("agenda/<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("agenda/<slug:slug>/inschrijven/", views.register, name="event_register"),
    path(
        "agenda/<slug:slug>/materiaal/<int:pk>/", views.material_download, name="event_material"
    ),
]
