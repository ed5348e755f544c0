"""Content-Security-Policy and the admin login lockout."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def csp_directives(response):
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url_name", ["home", "privacy", "admin:login"])
def test_csp_on_public_and_admin_pages(anonymous, url_name):
    response = anonymous.get(reverse(url_name))
    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert not any("unsafe" in value for values in directives.values() for value in values)


def test_csp_on_admin_pages_when_logged_in(superuser_client):
    response = superuser_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert csp_directives(response)["script-src"] == ["'self'"]


def test_other_security_headers(anonymous):
    response = anonymous.get(reverse("home"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def attempt_login(client, username, password, ip="192.0.2.10"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


class TestLoginLockout:
    @pytest.fixture
    def staff(self):
        return UserFactory(username="medewerker", is_staff=True)

    def test_correct_password_logs_in(self, client, staff):
        response = attempt_login(client, "medewerker", PASSWORD)
        assert response.status_code == 302
        assert response.url == reverse("admin:index")

    def test_locked_after_repeated_failures_even_with_right_password(self, client, staff):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = attempt_login(client, "medewerker", "fout")
            assert response.status_code == 200  # the login form again, with an error
        response = attempt_login(client, "medewerker", "fout")
        assert response.status_code == 429
        response = attempt_login(client, "medewerker", PASSWORD)
        assert response.status_code == 429
        assert "Te veel mislukte aanmeldpogingen" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_lockout_is_per_address_and_username(self, client, staff):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt_login(client, "medewerker", "fout", ip="192.0.2.10")
        response = attempt_login(client, "medewerker", PASSWORD, ip="198.51.100.7")
        assert response.status_code == 302

    def test_cool_off_lifts_the_lock(self, client, staff):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            attempt_login(client, "medewerker", "fout")
        assert attempt_login(client, "medewerker", PASSWORD).status_code == 429
        # Time passes: the failures fall outside the cool-off window.
        for attempt in AccessAttempt.objects.all():
            attempt.attempt_time -= settings.AXES_COOLOFF_TIME
            attempt.save()
        response = attempt_login(client, "medewerker", PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(staff.pk)

    def test_client_ip_behind_proxy_is_not_spoofable(self, rf, settings):
        from config.net import client_ip

        settings.PROXY_COUNT = 1
        request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5", REMOTE_ADDR="10.0.0.1")
        assert client_ip(request) == "203.0.113.5"
        settings.PROXY_COUNT = 0
        assert client_ip(request) == "10.0.0.1"
