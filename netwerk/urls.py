"""Public pages of the network side. Each part keeps its own routes; the names live in
the ``netwerk`` namespace (``netwerk:themes``, ``netwerk:agenda``, ``netwerk:network``…)."""

from django.urls import include, path

app_name = "netwerk"

urlpatterns = [
    path("", include("netwerk.themes.urls")),
    path("", include("netwerk.agenda.urls")),
    path("", include("netwerk.bodies.urls")),
]
