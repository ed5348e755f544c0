"""The public frame, the site-wide pages, robots, sitemap, health and error pages."""

import pytest
from django.db import DatabaseError
from django.test import Client, override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name, heading",
    [
        ("home", "Samen tegen schooluitval"),
        ("about", "Over ons"),
        ("privacy", "Privacy"),
        ("accessibility", "Toegankelijkheid"),
    ],
)
def test_page_renders_with_frame(anonymous, url_name, heading):
    response = anonymous.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert html.count("<h1") == 1
    assert heading in html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert 'aria-label="Hoofdnavigatie"' in html
    assert "Bevat gegevens afgeleid van FOD BOSA BeST Address (CC BY 4.0)" in html


def test_navigation_marks_current_page(anonymous):
    html = anonymous.get(reverse("about")).content.decode()
    assert f'href="{reverse("about")}" aria-current="page"' in html


def test_navigation_only_links_to_existing_pages(rf):
    from config.navigation import MAIN_NAVIGATION, main_navigation, url_or_none

    items = main_navigation(rf.get("/"))
    existing = [url_or_none(name) for _, name in MAIN_NAVIGATION if url_or_none(name)]
    assert [item["url"] for item in items] == existing
    assert reverse("about") in existing


def test_privacy_page_says_what_is_stored_and_how_long(anonymous):
    html = anonymous.get(reverse("privacy")).content.decode()
    for topic in ["bewaren", "rechten", "Vlaamse Toezichtcommissie"]:
        assert topic in html


def test_robots_txt(anonymous, settings):
    response = anonymous.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


def test_sitemap_lists_pages_with_site_url(anonymous, settings):
    settings.SITE_URL = "https://meldpunt.example.be"
    response = anonymous.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for url_name in ["home", "privacy", "accessibility", "about"]:
        assert f"<loc>https://meldpunt.example.be{reverse(url_name)}</loc>" in body
    assert "testserver" not in body


def test_healthz_ok(anonymous):
    response = anonymous.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_database_down(anonymous, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr("config.views.connection", BrokenConnection())
    response = anonymous.get("/healthz")
    assert response.status_code == 503


def test_404_page_is_dutch_and_leaks_nothing(anonymous):
    response = anonymous.get("/bestaat-niet-<script>/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "<script>" not in html
    assert "Traceback" not in html and "urlpatterns" not in html


@override_settings(ROOT_URLCONF="tests.urls_crash")
def test_500_page_leaks_nothing():
    client = Client(raise_request_exception=False)
    response = client.get("/crash/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert "geheime-foutmelding" not in html
    assert "Traceback" not in html


def test_admin_is_titled_in_dutch(anonymous):
    html = anonymous.get(reverse("admin:login")).content.decode()
    assert "Meldpunt Schoolexterne Interventies" in html
    assert "Gebruikersnaam" in html


def test_sitemap_lists_published_fiches_and_their_providers(anonymous, settings):
    from tests.factories import InterventionFactory

    settings.SITE_URL = "https://meldpunt.example.be"
    published = InterventionFactory(slug="zichtbaar")
    InterventionFactory(slug="klad", status="draft")
    body = anonymous.get("/sitemap.xml").content.decode()
    assert "<loc>https://meldpunt.example.be/aanbod/zichtbaar/</loc>" in body
    assert "/aanbod/klad/" not in body
    assert f"/aanbieders/{published.provider.slug}/" in body
    assert "<loc>https://meldpunt.example.be/aanbod/kaart/</loc>" in body
