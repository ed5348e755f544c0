"""Staff roles: groups with exactly the permissions their work needs."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from netwerk.roles import COORDINATOR, MELDPUNT, PRIVATE_MODELS, REDACTIE, ROLES, sync_roles

pytestmark = pytest.mark.django_db


def group_permissions(role):
    return set(
        Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


def test_groups_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_meldpunt_manages_regions_and_views_geography():
    permissions = group_permissions(MELDPUNT)
    assert ("netwerk", "change_region") in permissions
    assert ("netwerk", "view_municipality") in permissions
    assert ("netwerk", "change_municipality") not in permissions


def test_coordinator_manages_the_network_app():
    permissions = group_permissions(COORDINATOR)
    netwerk_models = apps.get_app_config("netwerk").get_models()
    for model in netwerk_models:
        codename = ("netwerk", f"change_{model._meta.model_name}")
        if ("netwerk", model._meta.model_name) in PRIVATE_MODELS:
            assert codename not in permissions
        else:
            assert codename in permissions


@pytest.mark.parametrize("role", [COORDINATOR, REDACTIE])
def test_outbox_of_referral_mails_is_private_to_the_meldpunt(role):
    assert ("netwerk", "view_outgoingmail") not in group_permissions(role)
    assert ("netwerk", "view_outgoingmail") in group_permissions(MELDPUNT)


@pytest.mark.parametrize("role", [COORDINATOR, REDACTIE])
def test_only_meldpunt_role_touches_referral_data(role):
    assert not any(app == "meldpunt" for app, _ in group_permissions(role))


@pytest.mark.parametrize("role", [COORDINATOR, REDACTIE])
def test_other_roles_cannot_open_any_meldpunt_model_in_admin(role, request):
    user = request.getfixturevalue(
        {COORDINATOR: "coordinator_user", REDACTIE: "redactie_user"}[role]
    )
    assert not user.has_module_perms("meldpunt")
    client = request.getfixturevalue(
        {COORDINATOR: "coordinator_client", REDACTIE: "redactie_client"}[role]
    )
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "/admin/meldpunt/" not in index.content.decode()
    # Only models with an admin page: the history models of django-simple-history have none.
    models = [
        model for model in apps.get_app_config("meldpunt").get_models()
        if model in admin.site._registry
    ]
    assert models
    for model in models:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(url).status_code == 403, url


def test_sync_is_idempotent_and_restores_removed_permissions():
    group = Group.objects.get(name=MELDPUNT)
    before = group_permissions(MELDPUNT)
    group.permissions.clear()
    sync_roles()
    sync_roles()
    assert group_permissions(MELDPUNT) == before
