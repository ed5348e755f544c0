"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

BASE_DIR = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3y-" + "Zq8vW1xR7tY2uP5sN0mL4jH6gF9dS3aQ" * 2

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_ALLOWED_HOSTS": "meldpunt.example.be",
    "SITE_URL": "https://meldpunt.example.be",
    "EMAIL_URL": "smtp+tls://mailer:geheim@smtp.example.be:587",
    "DEFAULT_FROM_EMAIL": "Meldpunt SI <meldpunt@example.be>",
}


def run_django(args, **overrides):
    """Run manage.py in a fresh process with a clean, explicit environment."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EMAIL_", "SITE_", "MEDIA_", "DEFAULT_FROM"))
    }
    environ.update(overrides)
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestEnvHelpers:
    def test_bool_accepts_usual_spellings(self, monkeypatch):
        for raw, expected in [("1", True), ("on", True), ("False", False), ("no", False)]:
            monkeypatch.setenv("X_FLAG", raw)
            assert env.env_bool("X_FLAG", default=None) is expected

    def test_bool_rejects_garbage(self, monkeypatch):
        monkeypatch.setenv("X_FLAG", "misschien")
        with pytest.raises(ImproperlyConfigured, match="X_FLAG='misschien' is not a boolean"):
            env.env_bool("X_FLAG", default=False)

    def test_bool_default_when_unset(self, monkeypatch):
        monkeypatch.delenv("X_FLAG", raising=False)
        assert env.env_bool("X_FLAG", default=True) is True

    def test_int_rejects_text_and_too_small(self, monkeypatch):
        monkeypatch.setenv("X_NUM", "vijf")
        with pytest.raises(ImproperlyConfigured, match="not a whole number"):
            env.env_int("X_NUM", 1)
        monkeypatch.setenv("X_NUM", "0")
        with pytest.raises(ImproperlyConfigured, match="at least 1"):
            env.env_int("X_NUM", 1, minimum=1)

    def test_list_splits_and_trims(self, monkeypatch):
        monkeypatch.setenv("X_LIST", " a.be, b.be ,,")
        assert env.env_list("X_LIST") == ["a.be", "b.be"]

    @pytest.mark.parametrize(
        "value", ["meldpunt.example.be", "ftp://x.be", "https://x.be/pad", "https://"]
    )
    def test_site_url_must_be_an_origin(self, value):
        with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
            env.parse_site_url("SITE_URL", value)

    def test_site_url_drops_trailing_slash(self):
        assert env.parse_site_url("SITE_URL", "https://x.be/") == "https://x.be"

    def test_postgres_url(self):
        config = env.parse_database_url("DATABASE_URL", "postgres://u:p@db:5433/meldpunt")
        assert config["ENGINE"] == "django.db.backends.postgresql"
        assert (config["NAME"], config["HOST"], config["PORT"]) == ("meldpunt", "db", 5433)
        assert config["CONN_MAX_AGE"] == 60

    def test_sqlite_url(self, tmp_path):
        config = env.parse_database_url("DATABASE_URL", f"sqlite:///{tmp_path}/x.sqlite3")
        assert config["ENGINE"] == "django.db.backends.sqlite3"
        assert config["NAME"] == f"{tmp_path}/x.sqlite3"
        assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"

    @pytest.mark.parametrize("value", ["mysql://u@h/db", "postgres://u@h", "nonsense"])
    def test_database_url_rejected(self, value):
        with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
            env.parse_database_url("DATABASE_URL", value)

    def test_email_url_smtp_with_starttls(self):
        config = env.parse_email_url("EMAIL_URL", "smtp+tls://me%40x.be:p%2Fw@mail.x.be")
        assert config["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        assert config["EMAIL_HOST"] == "mail.x.be"
        assert config["EMAIL_PORT"] == 587
        assert config["EMAIL_HOST_USER"] == "me@x.be"
        assert config["EMAIL_HOST_PASSWORD"] == "p/w"
        assert config["EMAIL_USE_TLS"] and not config["EMAIL_USE_SSL"]

    def test_email_url_console_default(self):
        config = env.parse_email_url("EMAIL_URL", "console://")
        assert config == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}

    @pytest.mark.parametrize(
        "value", ["gmail://x", "smtp://", "smtp://h:poort", "file://relative", "smtp://h?timeout=x"]
    )
    def test_email_url_rejected(self, value):
        with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
            env.parse_email_url("EMAIL_URL", value)

    def test_media_root_must_be_absolute(self):
        with pytest.raises(ImproperlyConfigured, match="MEDIA_ROOT"):
            env.parse_path("MEDIA_ROOT", "media")


class TestProductionStart:
    """The real settings module, imported in a fresh process."""

    def test_development_default_needs_no_variable(self):
        result = run_django(["manage.py", "check"])
        assert result.returncode == 0, result.stderr

    def test_wsgi_entry_point_defaults_to_production(self):
        result = run_django(["-c", "import config.wsgi"])
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY is required" in result.stderr

    @pytest.mark.parametrize(
        "missing, message",
        [
            ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY is required"),
            ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS is required"),
            ("SITE_URL", "SITE_URL is required"),
        ],
    )
    def test_refuses_to_start_without(self, missing, message):
        environ = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
        result = run_django(["manage.py", "check"], **environ)
        assert result.returncode != 0
        assert message in result.stderr

    def test_refuses_a_weak_secret(self):
        result = run_django(["manage.py", "check"], **{**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "kort"})
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY is too weak" in result.stderr

    def test_refuses_a_malformed_value(self):
        result = run_django(["manage.py", "check"], **{**PRODUCTION_ENV, "DJANGO_DEBUG": "ja"})
        assert result.returncode != 0
        assert "DJANGO_DEBUG='ja' is not a boolean" in result.stderr

    def test_deploy_check_has_zero_findings(self):
        result = run_django(
            ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout

    def test_deploy_check_warns_about_missing_mail_settings(self):
        environ = {k: v for k, v in PRODUCTION_ENV.items() if not k.endswith(("EMAIL_URL", "FROM_EMAIL"))}
        result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environ)
        assert result.returncode != 0
        assert "netwerk.W001" in result.stderr and "netwerk.W002" in result.stderr

    def test_production_security_settings(self):
        script = (
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, "
            "s.SECURE_PROXY_SSL_HEADER)"
        )
        result = run_django(
            ["-c", script], DJANGO_SETTINGS_MODULE="config.settings", **PRODUCTION_ENV
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split(None, 6) == [
            "31536000", "True", "True", "True", "True", "True",
            "('HTTP_X_FORWARDED_PROTO', 'https')\n",
        ]
