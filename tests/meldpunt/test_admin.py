"""The directory's back office: fiches, managed lists and change requests in the admin."""

import datetime

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meldpunt.models import (
    ChangeRequest,
    EducationLevel,
    Intervention,
    InterventionType,
    Location,
    TargetGroup,
)
from netwerk.models import Municipality, Region
from tests.factories import InterventionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def form_data(response):
    """POST data that resubmits an admin change/add page as it was rendered."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        widget = field.widget.__class__.__name__
        if widget == "NullBooleanSelect":
            data[name] = {True: "true", False: "false"}.get(value, "unknown")
        elif isinstance(value, bool) or widget == "CheckboxInput":
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        elif value is None and isinstance(
            field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField
        ):
            continue
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for index, subform in enumerate(formset.forms):
            if index >= formset.initial_form_count():
                break
            for name in subform.fields:
                value = subform[name].value()
                data[f"{formset.prefix}-{index}-{name}"] = "" if value is None else str(value)
    return data


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def change_url(intervention):
    return reverse("admin:meldpunt_intervention_change", args=[intervention.pk])


@pytest.fixture
def fiche():
    return InterventionFactory(
        name="Time-out Leuven",
        area=["Leuven"],
        types=["time-out"],
        levels=["secundair-eerste-graad"],
        capacity_status="free",
    )


# --- pages load ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status__exact": "published"},
        {"capacity_status__exact": "free"},
        {"is_demo__exact": "0"},
        {"nagekeken": "verouderd"},
        {"nagekeken": "recent"},
        {"q": "leuven"},
        {"o": "4"},
    ],
)
def test_changelist_loads_with_filters(meldpunt_client, fiche, params):
    response = meldpunt_client.get(reverse("admin:meldpunt_intervention_changelist"), params)
    assert response.status_code == 200


def test_changelist_filters_by_type_and_level(meldpunt_client, fiche):
    other = InterventionFactory(types=["zorgboerderij"], levels=["basisonderwijs"])
    url = reverse("admin:meldpunt_intervention_changelist")
    time_out = InterventionType.objects.get(slug="time-out")
    primary = EducationLevel.objects.get(slug="basisonderwijs")
    by_type = meldpunt_client.get(url, {"types__id__exact": time_out.pk})
    assert list(by_type.context["cl"].result_list) == [fiche]
    by_level = meldpunt_client.get(url, {"education_levels__id__exact": primary.pk})
    assert list(by_level.context["cl"].result_list) == [other]


def test_changelist_columns(meldpunt_client, fiche):
    fiche.set_capacity("waiting_list", 6)
    fiche.save()
    response = meldpunt_client.get(reverse("admin:meldpunt_intervention_changelist"))
    content = response.content.decode()
    assert "Time-out Leuven" in content
    assert fiche.provider.name in content
    assert "wachtlijst (± 6 weken)" in content


def test_verified_filter_splits_stale_and_recent(meldpunt_client):
    today = timezone.localdate()
    recent = InterventionFactory(last_verified=today - datetime.timedelta(days=30))
    old = InterventionFactory(last_verified=today - datetime.timedelta(days=400))
    never = InterventionFactory(last_verified=None)
    url = reverse("admin:meldpunt_intervention_changelist")
    stale = meldpunt_client.get(url, {"nagekeken": "verouderd"}).context["cl"].result_list
    assert set(stale) == {old, never}
    fresh = meldpunt_client.get(url, {"nagekeken": "recent"}).context["cl"].result_list
    assert set(fresh) == {recent}
    admin = meldpunt_client.get(url).context["cl"].model_admin
    assert admin.is_stale(old) and admin.is_stale(never) and not admin.is_stale(recent)


def test_changelist_search_by_provider_name(meldpunt_client, fiche):
    InterventionFactory(provider=OrganisationFactory(name="Andere vzw"))
    response = meldpunt_client.get(
        reverse("admin:meldpunt_intervention_changelist"), {"q": fiche.provider.name}
    )
    assert list(response.context["cl"].result_list) == [fiche]


def test_add_and_change_pages_load(meldpunt_client, fiche):
    add = meldpunt_client.get(reverse("admin:meldpunt_intervention_add"))
    assert add.status_code == 200
    content = add.content.decode()
    assert 'name="add_regions"' in content
    assert 'name="add_province"' in content
    assert "Heel Vlaams-Brabant" in content
    assert "Arrondissement Leuven (30 gemeenten)" in content
    change = meldpunt_client.get(change_url(fiche))
    assert change.status_code == 200
    assert "selectfilter" in change.content.decode().lower()
    assert str(fiche.uuid) in change.content.decode()  # read-only UUID
    assert "locations-TOTAL_FORMS" in change.content.decode()  # the location inline


def test_history_page_shows_changes_incl_lists(meldpunt_client, fiche):
    before = fiche.history.first()
    page = meldpunt_client.get(change_url(fiche))
    data = form_data(page)
    data["summary"] = "Een nieuwe samenvatting."
    data["types"] = [str(InterventionType.objects.get(slug="zorgboerderij").pk)]
    response = meldpunt_client.post(change_url(fiche), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    history = meldpunt_client.get(
        reverse("admin:meldpunt_intervention_history", args=[fiche.pk])
    )
    assert history.status_code == 200
    assert fiche.history.count() >= 2
    latest = fiche.history.first()
    assert latest.history_user.username == "meldpunt"
    assert latest.summary == "Een nieuwe samenvatting."
    assert [t.slug for t in (x.interventiontype for x in latest.types.all())] == ["zorgboerderij"]
    delta = latest.diff_against(before)
    assert {"summary", "types"} <= set(delta.changed_fields)


# --- saving -----------------------------------------------------------------------------------


def test_add_a_fiche_with_a_location(meldpunt_client):
    provider = OrganisationFactory()
    page = meldpunt_client.get(reverse("admin:meldpunt_intervention_add"))
    data = form_data(page)
    leuven = Municipality.objects.get(name="Leuven")
    data.update({
        "name": "Nieuw aanbod",
        "slug": "nieuw-aanbod",
        "provider": str(provider.pk),
        "summary": "Kort.",
        "types": [str(InterventionType.objects.get(slug="time-out").pk)],
        "service_area": [str(leuven.pk)],
        "capacity_status": "waiting_list",
        "waiting_weeks": "4",
        "locations-TOTAL_FORMS": "1",
        "locations-0-kind": "address",
        "locations-0-name": "",
        "locations-0-street_address": "Voorbeeldstraat 1",
        "locations-0-postcode": "3000",
        "locations-0-municipality": str(leuven.pk),
    })
    response = meldpunt_client.post(reverse("admin:meldpunt_intervention_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    fiche = Intervention.objects.get(slug="nieuw-aanbod")
    assert fiche.capacity_updated_at is not None
    assert list(fiche.service_area.all()) == [leuven]
    assert Location.objects.get(intervention=fiche).municipality == leuven


def test_location_address_without_municipality_is_a_dutch_error(meldpunt_client, fiche):
    data = form_data(meldpunt_client.get(change_url(fiche)))
    data.update({
        "locations-TOTAL_FORMS": "1",
        "locations-0-kind": "address",
        "locations-0-street_address": "Voorbeeldstraat 1",
        "locations-0-postcode": "3000",
        "locations-0-municipality": "",
    })
    response = meldpunt_client.post(change_url(fiche), data)
    assert response.status_code == 200
    assert "Kies de gemeente van het adres." in response.content.decode()
    assert not fiche.locations.exists()


def test_age_range_error_is_dutch_and_not_a_500(meldpunt_client, fiche):
    data = form_data(meldpunt_client.get(change_url(fiche)))
    data.update({"age_min": "16", "age_max": "12"})
    response = meldpunt_client.post(change_url(fiche), data)
    assert response.status_code == 200
    assert "minstens even groot" in response.content.decode()
    fiche.refresh_from_db()
    assert (fiche.age_min, fiche.age_max) == (12, 18)


def test_capacity_date_changes_only_with_the_capacity(meldpunt_client, fiche):
    earlier = timezone.now() - datetime.timedelta(days=90)
    Intervention.objects.filter(pk=fiche.pk).update(capacity_updated_at=earlier)
    data = form_data(meldpunt_client.get(change_url(fiche)))
    data["summary"] = "Alleen de tekst verandert."
    assert meldpunt_client.post(change_url(fiche), data).status_code == 302
    fiche.refresh_from_db()
    assert fiche.capacity_updated_at == earlier

    data = form_data(meldpunt_client.get(change_url(fiche)))
    data.update({"capacity_status": "waiting_list", "waiting_weeks": "3"})
    assert meldpunt_client.post(change_url(fiche), data).status_code == 302
    fiche.refresh_from_db()
    assert fiche.capacity_updated_at > earlier
    assert (fiche.capacity_status, fiche.waiting_weeks) == ("waiting_list", 3)

    stamp = fiche.capacity_updated_at
    data = form_data(meldpunt_client.get(change_url(fiche)))
    data["waiting_weeks"] = "5"
    assert meldpunt_client.post(change_url(fiche), data).status_code == 302
    fiche.refresh_from_db()
    assert fiche.capacity_updated_at > stamp


def test_adding_a_region_in_one_step_adds_its_municipalities(meldpunt_client, fiche):
    region = Region.objects.get(slug="diest")
    data = form_data(meldpunt_client.get(change_url(fiche)))
    data["add_regions"] = [str(region.pk)]
    response = meldpunt_client.post(change_url(fiche), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    expected = {"Leuven", *region.municipalities.values_list("name", flat=True)}
    assert set(fiche.service_area.values_list("name", flat=True)) == expected
    assert len(expected) == 1 + region.municipalities.count()


def test_adding_an_arrondissement_region_in_one_step(meldpunt_client, fiche):
    region = Region.objects.get(slug="arrondissement-halle-vilvoorde")
    data = form_data(meldpunt_client.get(change_url(fiche)))
    data["add_regions"] = [str(region.pk)]
    assert meldpunt_client.post(change_url(fiche), data).status_code == 302
    assert fiche.service_area.count() == 33 + 1  # Halle-Vilvoorde plus Leuven


def test_adding_the_whole_province_in_one_step(meldpunt_client, fiche):
    data = form_data(meldpunt_client.get(change_url(fiche)))
    data["add_province"] = "on"
    response = meldpunt_client.post(change_url(fiche), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert fiche.service_area.count() == 63 == Municipality.objects.count()


def test_removing_a_municipality_still_works_without_shortcuts(meldpunt_client, fiche):
    fiche.service_area.add(Municipality.objects.get(name="Diest"))
    data = form_data(meldpunt_client.get(change_url(fiche)))
    data["service_area"] = [str(Municipality.objects.get(name="Diest").pk)]
    assert meldpunt_client.post(change_url(fiche), data).status_code == 302
    assert list(fiche.service_area.values_list("name", flat=True)) == ["Diest"]


# --- bulk actions -----------------------------------------------------------------------------


def run_action(client, action, interventions):
    return client.post(
        reverse("admin:meldpunt_intervention_changelist"),
        {"action": action, "_selected_action": [str(i.pk) for i in interventions]},
    )


def test_publish_and_archive_actions(meldpunt_client):
    drafts = InterventionFactory.create_batch(2, status="draft")
    untouched = InterventionFactory(status="draft")
    response = run_action(meldpunt_client, "publish", drafts)
    assert response.status_code == 302
    assert "2 fiches gepubliceerd." in messages_of(response)
    assert set(Intervention.objects.published()) == set(drafts)
    assert drafts[0].history.first().history_change_reason == "Gepubliceerd (bulkactie)"

    response = run_action(meldpunt_client, "archive", [drafts[0]])
    assert "1 fiche gearchiveerd." in messages_of(response)
    drafts[0].refresh_from_db()
    assert drafts[0].status == "archived"
    untouched.refresh_from_db()
    assert untouched.status == "draft"


def test_mark_verified_action_sets_today(meldpunt_client):
    old = InterventionFactory(last_verified=datetime.date(2020, 1, 1))
    never = InterventionFactory(last_verified=None)
    response = run_action(meldpunt_client, "mark_verified", [old, never])
    assert "2 fiches gemarkeerd als nagekeken." in messages_of(response)
    for fiche in (old, never):
        fiche.refresh_from_db()
        assert fiche.last_verified == timezone.localdate()
        assert not fiche.is_stale


def test_send_verification_action_reports_sent_and_missing_addresses(
    meldpunt_client, monkeypatch
):
    with_mail = InterventionFactory(name="Met adres")
    without_mail = InterventionFactory(name="Zonder adres", provider__email="")
    called = []

    def fake_send(intervention):
        called.append(intervention.pk)
        return bool(intervention.provider.email)

    monkeypatch.setattr("meldpunt.verification.send_verification_request", fake_send)
    response = run_action(meldpunt_client, "send_verification", [with_mail, without_mail])
    assert response.status_code == 302
    assert sorted(called) == sorted([with_mail.pk, without_mail.pk])
    texts = messages_of(response)
    assert "Vraag tot nakijken verstuurd voor 1 fiche." in texts
    assert any("geen e-mailadres" in text and "Zonder adres" in text for text in texts)


@pytest.mark.parametrize("outcome", [ConnectionRefusedError, False])
def test_send_verification_action_survives_a_mail_failure(meldpunt_client, monkeypatch, outcome):
    fiche = InterventionFactory(name="Mailserver plat")

    def failing(intervention):
        if outcome is False:
            return False  # the provider has an address, so the mail itself failed
        raise outcome

    monkeypatch.setattr("meldpunt.verification.send_verification_request", failing)
    response = run_action(meldpunt_client, "send_verification", [fiche])
    assert response.status_code == 302
    assert messages_of(response) == [
        "De mail kon niet vertrekken voor: Mailserver plat. Probeer later opnieuw."
    ]


# --- change requests ---------------------------------------------------------------------------


def make_request(intervention, source="provider", **changes):
    return ChangeRequest.objects.create(
        intervention=intervention,
        source=source,
        message="De kostprijs en de wachttijd zijn veranderd.",
        proposed_changes=changes,
    )


def review(client, action, change_requests):
    return client.post(
        reverse("admin:meldpunt_changerequest_changelist"),
        {"action": action, "_selected_action": [str(c.pk) for c in change_requests]},
    )


def test_change_request_page_shows_current_and_proposed_values(meldpunt_client, fiche):
    fiche.cost = "gratis"
    fiche.save()
    change_request = make_request(
        fiche, cost="5 euro per week", capacity_status="full", types=["zorgboerderij"],
        telefoon="016 00 00 00",
    )
    response = meldpunt_client.get(
        reverse("admin:meldpunt_changerequest_change", args=[change_request.pk])
    )
    assert response.status_code == 200
    content = response.content.decode()
    for text in ["kostprijs", "gratis", "5 euro per week", "plaatsen vrij", "volzet",
                 "Time-out", "zorgboerderij", "telefoon", "016 00 00 00",
                 'name="_accept"', 'name="_reject"']:
        assert text in content, text


def test_accept_applies_the_changes_and_marks_reviewed(meldpunt_client, meldpunt_user, fiche):
    Intervention.objects.filter(pk=fiche.pk).update(
        last_verified=datetime.date(2020, 1, 1), capacity_updated_at=None
    )
    change_request = make_request(
        fiche, cost="5 euro per week", capacity_status="waiting_list", waiting_weeks=8,
        types=["zorgboerderij", "time-out"], onbekend_veld="iets",
    )
    response = review(meldpunt_client, "accept", [change_request])
    assert response.status_code == 302
    texts = messages_of(response)
    assert "1 voorstel aanvaard en toegepast." in texts
    assert any("onbekend_veld" in text for text in texts)
    fiche.refresh_from_db()
    assert fiche.cost == "5 euro per week"
    assert (fiche.capacity_status, fiche.waiting_weeks) == ("waiting_list", 8)
    assert fiche.capacity_updated_at is not None
    assert set(fiche.types.values_list("slug", flat=True)) == {"zorgboerderij", "time-out"}
    assert fiche.last_verified == timezone.localdate()  # the provider looked at it
    change_request.refresh_from_db()
    assert change_request.status == "accepted"
    assert change_request.reviewed_by == meldpunt_user
    assert change_request.reviewed_at is not None
    assert "aanvaard" in fiche.history.first().history_change_reason


def test_accepting_a_public_report_does_not_count_as_verification(meldpunt_client, fiche):
    Intervention.objects.filter(pk=fiche.pk).update(last_verified=datetime.date(2020, 1, 1))
    change_request = make_request(fiche, source="public", duration="tien weken")
    review(meldpunt_client, "accept", [change_request])
    fiche.refresh_from_db()
    assert fiche.duration == "tien weken"
    assert fiche.last_verified == datetime.date(2020, 1, 1)


def test_invalid_proposal_is_not_applied_and_stays_pending(meldpunt_client, fiche):
    change_request = make_request(fiche, cost="duur", age_min=17, age_max=13)
    response = review(meldpunt_client, "accept", [change_request])
    assert any("minstens even groot" in text for text in messages_of(response))
    fiche.refresh_from_db()
    assert fiche.cost == ""
    assert (fiche.age_min, fiche.age_max) == (12, 18)
    change_request.refresh_from_db()
    assert change_request.status == "pending"


def test_proposal_against_the_current_value_is_checked(meldpunt_client, fiche):
    # Only age_max proposed, below the fiche's age_min: the database would refuse it.
    change_request = make_request(fiche, age_max=10)
    response = review(meldpunt_client, "accept", [change_request])
    assert response.status_code == 302
    assert any("Niet aanvaard" in text for text in messages_of(response))
    change_request.refresh_from_db()
    assert change_request.status == "pending"


def test_reject_changes_nothing_on_the_fiche(meldpunt_client, meldpunt_user, fiche):
    change_request = make_request(fiche, cost="5 euro")
    response = review(meldpunt_client, "reject", [change_request])
    assert "1 voorstel afgewezen." in messages_of(response)
    fiche.refresh_from_db()
    assert fiche.cost == ""
    change_request.refresh_from_db()
    assert change_request.status == "rejected"
    assert change_request.reviewed_by == meldpunt_user


def test_reviewed_requests_are_not_reviewed_twice(meldpunt_client, fiche):
    change_request = make_request(fiche, cost="5 euro")
    review(meldpunt_client, "reject", [change_request])
    response = review(meldpunt_client, "accept", [change_request])
    assert any("al behandeld" in text for text in messages_of(response))
    fiche.refresh_from_db()
    assert fiche.cost == ""


def test_accept_and_reject_buttons_on_the_change_page(meldpunt_client, fiche):
    accepted = make_request(fiche, cost="3 euro")
    url = reverse("admin:meldpunt_changerequest_change", args=[accepted.pk])
    assert meldpunt_client.post(url, {"_accept": "1"}).status_code == 302
    accepted.refresh_from_db()
    fiche.refresh_from_db()
    assert (accepted.status, fiche.cost) == ("accepted", "3 euro")
    assert 'name="_accept"' not in meldpunt_client.get(url).content.decode()

    rejected = make_request(fiche, cost="4 euro")
    url = reverse("admin:meldpunt_changerequest_change", args=[rejected.pk])
    assert meldpunt_client.post(url, {"_reject": "1"}).status_code == 302
    rejected.refresh_from_db()
    fiche.refresh_from_db()
    assert (rejected.status, fiche.cost) == ("rejected", "3 euro")


def test_change_requests_cannot_be_added_in_the_admin(meldpunt_client):
    assert meldpunt_client.get(reverse("admin:meldpunt_changerequest_add")).status_code == 403


def test_change_request_list_shows_pending_first_with_a_count(meldpunt_client, fiche):
    done = make_request(fiche, cost="a")
    done.status = "rejected"
    done.save()
    pending = make_request(fiche, cost="b")
    older_pending = make_request(fiche, cost="c")
    ChangeRequest.objects.filter(pk=older_pending.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    ChangeRequest.objects.filter(pk=done.pk).update(created_at=timezone.now())
    response = meldpunt_client.get(reverse("admin:meldpunt_changerequest_changelist"))
    assert response.status_code == 200
    assert [c.pk for c in response.context["cl"].result_list] == [
        pending.pk, older_pending.pk, done.pk
    ]
    assert "2 te behandelen" in response.content.decode()
    for params in ({"status__exact": "pending"}, {"source__exact": "public"}):
        assert meldpunt_client.get(
            reverse("admin:meldpunt_changerequest_changelist"), params
        ).status_code == 200
    # The fiche links to its pending requests.
    change_page = meldpunt_client.get(change_url(fiche)).content.decode()
    assert "2 voorstellen te behandelen" in change_page


# --- managed lists ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", [InterventionType, TargetGroup, EducationLevel])
def test_managed_list_pages(meldpunt_client, model):
    name = model._meta.model_name
    changelist = meldpunt_client.get(reverse(f"admin:meldpunt_{name}_changelist"))
    assert changelist.status_code == 200
    assert changelist.context["cl"].list_editable == ["position"]
    add = meldpunt_client.get(reverse(f"admin:meldpunt_{name}_add"))
    prepopulated = add.context["adminform"].prepopulated_fields
    assert [item["field"].name for item in prepopulated] == ["slug"]
    response = meldpunt_client.post(
        reverse(f"admin:meldpunt_{name}_add"),
        {"name": "Nieuwe term", "slug": "nieuwe-term", "description": "", "position": "50"},
    )
    assert response.status_code == 302
    assert model.objects.filter(slug="nieuwe-term", position=50).exists()


def test_managed_list_positions_are_editable_in_the_list(meldpunt_client):
    terms = list(InterventionType.objects.all())
    data = {
        "form-TOTAL_FORMS": str(len(terms)),
        "form-INITIAL_FORMS": str(len(terms)),
        "_save": "Bewaren",
    }
    for index, term in enumerate(terms):
        data[f"form-{index}-id"] = str(term.pk)
        data[f"form-{index}-position"] = str(term.position)
    data["form-0-position"] = "77"
    response = meldpunt_client.post(reverse("admin:meldpunt_interventiontype_changelist"), data)
    assert response.status_code == 302
    terms[0].refresh_from_db()
    assert terms[0].position == 77


# --- who may enter --------------------------------------------------------------------------------


def meldpunt_admin_urls(fiche):
    change_request = make_request(fiche, cost="x")
    urls = [
        reverse("admin:meldpunt_intervention_changelist"),
        reverse("admin:meldpunt_intervention_add"),
        change_url(fiche),
        reverse("admin:meldpunt_intervention_history", args=[fiche.pk]),
        reverse("admin:meldpunt_intervention_delete", args=[fiche.pk]),
        reverse("admin:meldpunt_intervention_import"),
        reverse("admin:meldpunt_intervention_export"),
        reverse("admin:meldpunt_changerequest_changelist"),
        reverse("admin:meldpunt_changerequest_change", args=[change_request.pk]),
    ]
    for model in (InterventionType, TargetGroup, EducationLevel):
        name = model._meta.model_name
        term = model.objects.first()
        urls += [
            reverse(f"admin:meldpunt_{name}_changelist"),
            reverse(f"admin:meldpunt_{name}_add"),
            reverse(f"admin:meldpunt_{name}_change", args=[term.pk]),
        ]
    return urls


def test_meldpunt_persona_opens_every_page(meldpunt_client, fiche):
    for url in meldpunt_admin_urls(fiche):
        assert meldpunt_client.get(url).status_code == 200, url


def test_coordinator_gets_403_on_every_meldpunt_admin_page(coordinator_client, fiche):
    for url in meldpunt_admin_urls(fiche):
        assert coordinator_client.get(url).status_code == 403, url
    assert coordinator_client.post(
        reverse("admin:meldpunt_intervention_import"), {}
    ).status_code == 403
    assert coordinator_client.post(
        reverse("admin:meldpunt_intervention_changelist"),
        {"action": "publish", "_selected_action": [str(fiche.pk)]},
    ).status_code == 403


# --- queries --------------------------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_intervention_changelist_has_no_query_per_row(meldpunt_client):
    url = reverse("admin:meldpunt_intervention_changelist")
    for _ in range(3):
        fiche = InterventionFactory(area=["Leuven"], types=["time-out"])
        make_request(fiche, cost="x")
    meldpunt_client.get(url)  # warm up session and content types
    with_three = count_queries(meldpunt_client, url)
    for _ in range(17):
        fiche = InterventionFactory(area=["Diest"], types=["zorgboerderij"])
        make_request(fiche, cost="y")
    assert Intervention.objects.count() == 20
    assert count_queries(meldpunt_client, url) == with_three
