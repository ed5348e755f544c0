"""A URLconf with a view that crashes, to test the 500 page."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def crash(request):
    raise RuntimeError("geheime-foutmelding: wachtwoord=hunter2")


urlpatterns = [*site_urlpatterns, path("crash/", crash)]
