"""Routes of the themes and their resources, in the ``netwerk`` namespace."""

from django.urls import path

from netwerk.themes import views

urlpatterns = [
    path("themas/", views.theme_list, name="themes"),
    # Before <slug>: "praktijken" is not a theme.
    path("themas/praktijken/", views.practice_list, name="practices"),
    path("themas/<slug:slug>/", views.theme_detail, name="theme"),
    path("hulpmiddelen/<slug:slug>/", views.resource_detail, name="resource"),
    path("hulpmiddelen/<slug:slug>/bestand/", views.resource_file, name="resource_file"),
]
