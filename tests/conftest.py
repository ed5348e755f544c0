"""Fixtures shared by the whole suite: test settings and personas.

Personas (``hc/test.py`` style): an anonymous visitor, Meldpunt staff, a
network coordinator, an editor (Redactie) and a superuser.
"""

import pytest
from django.test import Client, override_settings

from netwerk.roles import COORDINATOR, MELDPUNT, REDACTIE
from tests.factories import UserFactory, staff_user

TEST_SETTINGS = {
    # Hashing with PBKDF2 costs ~0.3 s a password; tests do not need the strength.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    # The manifest storage needs `collectstatic` first; tests/test_static.py
    # checks that the production storage builds.
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    # WhiteNoise serves straight from the source folders, as in development.
    "WHITENOISE_AUTOREFRESH": True,
    "WHITENOISE_USE_FINDERS": True,
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    # Queued tasks run at once, in the test's process (after commit: use
    # django_capture_on_commit_callbacks(execute=True) to see their mail).
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
}


@pytest.fixture(autouse=True, scope="session")
def _test_settings():
    with override_settings(**TEST_SETTINGS):
        yield


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PROTECTED_MEDIA_ROOT = tmp_path / "documents"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached pages must not leak from one test into the next.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def meldpunt_user(db):
    return staff_user(MELDPUNT, username="meldpunt")


@pytest.fixture
def coordinator_user(db):
    return staff_user(COORDINATOR, username="coordinator")


@pytest.fixture
def redactie_user(db):
    return staff_user(REDACTIE, username="redactie")


@pytest.fixture
def superuser(db):
    return UserFactory(username="beheerder", is_staff=True, is_superuser=True)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def meldpunt_client(meldpunt_user):
    return _client_for(meldpunt_user)


@pytest.fixture
def coordinator_client(coordinator_user):
    return _client_for(coordinator_user)


@pytest.fixture
def redactie_client(redactie_user):
    return _client_for(redactie_user)


@pytest.fixture
def superuser_client(superuser):
    return _client_for(superuser)
