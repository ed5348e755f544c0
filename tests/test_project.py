"""Project-wide guards: migrations, static files, demo data."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"A model change lacks its migration:\n{out.getvalue()}")


def test_production_static_storage_builds(settings, tmp_path):
    """collectstatic with the hashed, compressed storage that production uses."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/bootstrap/bootstrap.min.css" in manifest
    hashed = list((tmp_path / "static" / "css").glob("site.*.css"))
    assert hashed, "site.css has no hashed copy"
    assert list((tmp_path / "static" / "css").glob("site.*.css.gz"))


@pytest.mark.django_db
def test_load_demo_prints_passwords_once_and_is_idempotent():
    User = get_user_model()
    first = StringIO()
    call_command("load_demo", stdout=first)
    admin = User.objects.get(username="beheerder")
    assert admin.is_superuser and admin.is_staff
    password_line = next(line for line in first.getvalue().splitlines() if "beheerder" in line)
    password = password_line.split()[-1]
    assert len(password) >= 16 and admin.check_password(password)
    assert User.objects.get(username="demo-coordinator").groups.filter(name="Coördinator").exists()

    users_before = list(User.objects.order_by("pk").values_list("pk", "password"))
    second = StringIO()
    call_command("load_demo", stdout=second)
    assert password not in second.getvalue()
    assert list(User.objects.order_by("pk").values_list("pk", "password")) == users_before


@pytest.mark.django_db
def test_demo_passwords_are_random():
    first = StringIO()
    call_command("load_demo", stdout=first)
    get_user_model().objects.all().delete()
    second = StringIO()
    call_command("load_demo", stdout=second)

    def admin_password(output):
        return next(line for line in output.splitlines() if "beheerder " in line).split()[-1]

    assert admin_password(first.getvalue()) != admin_password(second.getvalue())
