from django.urls import path

from nieuwsbrief import views

app_name = "nieuwsbrief"

# Personal tokens are urlsafe base64 (letters, digits, "-" and "_"): the slug converter.
urlpatterns = [
    path("nieuwsbrief/", views.index, name="index"),
    path("nieuwsbrief/controleer-uw-mailbox/", views.check_mail, name="check_mail"),
    path("nieuwsbrief/mijn-link/", views.request_link, name="request_link"),
    path("nieuwsbrief/bevestigen/<str:signed>/", views.confirm, name="confirm"),
    path("nieuwsbrief/bevestigd/<slug:token>/", views.confirmed, name="confirmed"),
    path("nieuwsbrief/voorkeuren/<slug:token>/", views.preferences, name="preferences"),
    path(
        "nieuwsbrief/voorkeuren/<slug:token>/mijn-gegevens.json",
        views.download_data,
        name="download_data",
    ),
    path("nieuwsbrief/voorkeuren/<slug:token>/wissen/", views.delete, name="delete"),
    path("nieuwsbrief/gewist/", views.deleted, name="deleted"),
    path("nieuwsbrief/uitschrijven/<slug:token>/", views.unsubscribe, name="unsubscribe"),
]
