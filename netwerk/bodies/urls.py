from django.urls import path

from netwerk.bodies import views

urlpatterns = [
    path("netwerk/", views.network, name="network"),
    path(
        "netwerk/vergaderingen/<int:meeting>/verslag/",
        views.meeting_minutes,
        name="meeting_minutes",
    ),
    path(
        "netwerk/vergaderingen/<int:meeting>/documenten/<int:document>/",
        views.meeting_document,
        name="meeting_document",
    ),
    path("netwerk/<slug:slug>/", views.body_detail, name="body"),
]
