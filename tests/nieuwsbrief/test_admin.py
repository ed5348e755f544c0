"""The subscribers in the admin (group Coördinator): list, consent inline, import, export."""

import datetime

import pytest
import tablib
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from netwerk.models import Theme
from netwerk.roles import COORDINATOR, MELDPUNT, REDACTIE
from nieuwsbrief.models import IMPORT_CONSENT_TEXT, ConsentRecord, Subscriber
from nieuwsbrief.resources import SubscriberResource
from tests.nieuwsbrief.conftest import make_subscriber

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:nieuwsbrief_subscriber_changelist")
IMPORT = reverse("admin:nieuwsbrief_subscriber_import")
EXPORT = reverse("admin:nieuwsbrief_subscriber_export")
HEADERS = ["email", "name", "organisation", "consent_date", "themes", "regions"]


def dataset_of(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def theme_slugs():
    return list(Theme.objects.values_list("slug", flat=True)[:2])


def good_row(email="import@example.org", consent="2024-09-01", themes=""):
    return [email, "Kim Voorbeeld", "CLB Voorbeeld", consent, themes, ""]


# --- list and detail ------------------------------------------------------------------------


def test_coordinator_lists_filters_and_searches(coordinator_client, subscriber):
    make_subscriber("ander@example.org", status=Subscriber.Status.PAUSED, organisation="Elders")
    page = coordinator_client.get(CHANGELIST)
    assert page.status_code == 200
    assert subscriber.email in page.content.decode()
    paused = coordinator_client.get(CHANGELIST, {"status__exact": "paused"}).content.decode()
    assert "ander@example.org" in paused and subscriber.email not in paused
    found = coordinator_client.get(CHANGELIST, {"q": "Elders"}).content.decode()
    assert "ander@example.org" in found and subscriber.email not in found
    theme = Theme.objects.first()
    subscriber.themes.add(theme)
    by_theme = coordinator_client.get(CHANGELIST, {"themes__id__exact": theme.pk})
    assert list(by_theme.context["cl"].result_list) == [subscriber]


def test_consent_records_are_shown_read_only(coordinator_client, subscriber):
    page = coordinator_client.get(
        reverse("admin:nieuwsbrief_subscriber_change", args=[subscriber.pk])
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert subscriber.consents.get().text in content
    assert "consents-TOTAL_FORMS" in content
    formset = page.context["inline_admin_formsets"][0]
    assert not formset.has_add_permission and not formset.has_change_permission
    assert not formset.has_delete_permission


def test_subscribers_are_not_added_by_hand(coordinator_client):
    assert coordinator_client.get(reverse("admin:nieuwsbrief_subscriber_add")).status_code == 403


def test_unsubscribe_action(coordinator_client, subscriber):
    coordinator_client.post(
        CHANGELIST, {"action": "unsubscribe", "_selected_action": [subscriber.pk]}
    )
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


# --- roles ------------------------------------------------------------------------------------


@pytest.mark.parametrize("client_fixture", ["redactie_client", "meldpunt_client"])
def test_other_roles_see_no_subscriber_data(client_fixture, request, subscriber):
    client = request.getfixturevalue(client_fixture)
    for url in (
        CHANGELIST,
        reverse("admin:nieuwsbrief_subscriber_change", args=[subscriber.pk]),
        EXPORT,
        IMPORT,
    ):
        assert client.get(url).status_code == 403, url
    assert "nieuwsbrief/subscriber" not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("role", [REDACTIE, MELDPUNT])
def test_other_roles_have_no_permission_on_subscribers_or_consents(role):
    codenames = set(
        Group.objects.get(name=role)
        .permissions.filter(content_type__app_label="nieuwsbrief")
        .values_list("codename", flat=True)
    )
    assert not any("subscriber" in name or "consentrecord" in name for name in codenames)


def test_coordinator_has_all_of_the_newsletter():
    codenames = set(
        Group.objects.get(name=COORDINATOR)
        .permissions.filter(content_type__app_label="nieuwsbrief")
        .values_list("codename", flat=True)
    )
    assert {"view_subscriber", "change_subscriber", "add_subscriber", "view_consentrecord"} <= (
        codenames
    )


# --- import -----------------------------------------------------------------------------------


def test_import_confirms_with_a_consent_record_dated_from_the_file():
    slugs = theme_slugs()
    result = SubscriberResource().import_data(
        dataset_of(good_row("Kim@Example.org", "31/08/2024", ", ".join(slugs))), dry_run=False
    )
    assert not result.has_errors() and not result.has_validation_errors()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "kim@example.org"
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert sorted(subscriber.themes.values_list("slug", flat=True)) == sorted(slugs)
    consent = subscriber.consents.get()
    assert consent.source == ConsentRecord.Source.IMPORT
    assert consent.text == IMPORT_CONSENT_TEXT
    assert consent.given_at.date() == datetime.date(2024, 8, 31)


@pytest.mark.parametrize(
    "consent, message",
    [
        ("", "Vul de datum van de toestemming in"),
        ("gisteren", "is geen datum"),
        ("2999-01-01", "ligt in de toekomst"),
    ],
)
def test_a_row_without_valid_consent_is_reported_and_nothing_is_imported(consent, message):
    dataset = dataset_of(good_row(), good_row("zonder@example.org", consent))
    result = SubscriberResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert message in str(invalid.error_dict["consent_date"])
    assert not Subscriber.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_bad_address_and_unknown_theme_are_reported():
    result = SubscriberResource().import_data(
        dataset_of(good_row("geen-adres"), good_row(themes="bestaat-niet")), dry_run=False
    )
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert "geen geldig e-mailadres" in str(errors[1]["email"])
    assert "bestaat-niet" in str(errors[2]["themes"])
    assert not Subscriber.objects.exists()


def test_known_addresses_are_left_alone(subscriber):
    subscriber.unsubscribe()
    result = SubscriberResource().import_data(
        dataset_of(good_row(subscriber.email.upper()), good_row()), dry_run=False
    )
    assert not result.has_validation_errors()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED  # never resubscribed
    assert subscriber.name == "An Voorbeeld"
    assert subscriber.consents.count() == 1
    assert Subscriber.objects.count() == 2


def csv_upload(*rows):
    data = dataset_of(*rows).export("csv").encode("utf-8")
    return SimpleUploadedFile("abonnees.csv", data, content_type="text/csv")


def test_admin_import_reports_the_line_and_imports_nothing(coordinator_client):
    assert coordinator_client.get(IMPORT).status_code == 200
    response = coordinator_client.post(
        IMPORT,
        {
            "resource": "0",
            "format": "0",
            "import_file": csv_upload(good_row(), good_row("zonder@example.org", "")),
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Regel 3" in content
    assert "Vul de datum van de toestemming in" in content
    assert not Subscriber.objects.exists()


def test_admin_import_in_two_steps_from_xlsx(coordinator_client):
    upload = SimpleUploadedFile(
        "abonnees.xlsx", XLSX().export_data(dataset_of(good_row(), good_row("twee@example.org")))
    )
    response = coordinator_client.post(
        IMPORT, {"resource": "0", "format": "1", "import_file": upload}
    )
    confirm = response.context["confirm_form"]
    assert confirm is not None
    assert not Subscriber.objects.exists()  # only a preview
    data = {name: confirm[name].value() for name in confirm.fields}
    done = coordinator_client.post(reverse("admin:nieuwsbrief_subscriber_process_import"), data)
    assert done.status_code == 302
    assert Subscriber.objects.confirmed().count() == 2
    assert ConsentRecord.objects.filter(source="import").count() == 2


# --- export -----------------------------------------------------------------------------------


def test_export_has_the_import_columns_and_round_trips(subscriber, django_assert_max_num_queries):
    subscriber.themes.add(*Theme.objects.filter(slug__in=theme_slugs()))
    make_subscriber("twee@example.org")
    with django_assert_max_num_queries(5):
        dataset = SubscriberResource().export(Subscriber.objects.all())
    assert dataset.headers == HEADERS
    rows = {row["email"]: row for row in dataset.dict}
    row = rows[subscriber.email]
    assert row["name"] == "An Voorbeeld"
    assert row["organisation"] == "CLB Voorbeeld"
    assert row["consent_date"] == subscriber.consents.get().given_at.date().isoformat()
    assert row["themes"] == ", ".join(sorted(theme_slugs()))
    # Importing the export elsewhere works (here: every address is known, so all skipped).
    result = SubscriberResource().import_data(CSV().create_dataset(CSV().export_data(dataset)))
    assert not result.has_errors() and not result.has_validation_errors()


def test_admin_export(coordinator_client, subscriber):
    page = coordinator_client.get(EXPORT)
    assert page.status_code == 200
    form = page.context["form"]
    fields = {name: "on" for name in form.fields if name.startswith("subscriberresource_")}
    response = coordinator_client.post(EXPORT, {"format": "0", "resource": "0", **fields})
    assert response.status_code == 200
    dataset = CSV().create_dataset(response.content.decode("utf-8"))
    assert list(dataset["email"]) == [subscriber.email]
