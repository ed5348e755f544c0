"""The agenda's back office: Coördinator and Redactie manage events and registrations, mark
attendance, cancel (the waiting list moves up) and export the attendee list."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX

from netwerk.agenda.models import Registration, RegistrationStatus
from netwerk.roles import COORDINATOR, MELDPUNT, REDACTIE
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [COORDINATOR, REDACTIE])
@pytest.mark.parametrize("model", ["event", "eventquestion", "eventmaterial", "registration"])
def test_coordinator_and_redactie_manage_the_agenda(role, model):
    codenames = set(
        Group.objects.get(name=role).permissions.filter(content_type__app_label="netwerk")
        .values_list("codename", flat=True)
    )
    for action in ("add", "change", "delete", "view"):
        assert f"{action}_{model}" in codenames


@pytest.mark.parametrize("model", ["event", "eventquestion", "eventmaterial", "registration"])
def test_meldpunt_sees_the_agenda_read_only(model):
    codenames = set(
        Group.objects.get(name=MELDPUNT).permissions.filter(content_type__app_label="netwerk")
        .values_list("codename", flat=True)
    )
    assert f"view_{model}" in codenames
    assert f"change_{model}" not in codenames


@pytest.mark.parametrize("client_fixture", ["redactie_client", "coordinator_client"])
def test_admin_pages_open(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    event = EventFactory(capacity=3)
    RegistrationFactory(event=event)
    for url in [
        reverse("admin:netwerk_event_changelist"),
        reverse("admin:netwerk_event_changelist") + "?wanneer=komend",
        reverse("admin:netwerk_event_change", args=[event.pk]),
        reverse("admin:netwerk_event_add"),
        reverse("admin:netwerk_registration_changelist") + f"?event__id__exact={event.pk}",
    ]:
        assert client.get(url).status_code == 200, url
    change = client.get(reverse("admin:netwerk_event_change", args=[event.pk])).content.decode()
    assert event.get_absolute_url() in change  # the preview link


def test_attendance_and_cancel_actions(redactie_client, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    url = reverse("admin:netwerk_registration_changelist")
    redactie_client.post(url, {"action": "mark_attended", "_selected_action": [holder.pk]})
    holder.refresh_from_db()
    assert holder.attended is True
    with django_capture_on_commit_callbacks(execute=True):
        redactie_client.post(url, {"action": "cancel_registrations",
                                   "_selected_action": [holder.pk]})
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_cancel_event_action_raises_the_sequence(redactie_client):
    event = EventFactory()
    redactie_client.post(reverse("admin:netwerk_event_changelist"),
                         {"action": "cancel_events", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.is_cancelled and event.sequence == 1


def test_export_attendees_csv_and_xlsx(redactie_client):
    event = EventFactory(title="Inspiratiedag")
    RegistrationFactory(event=event, name="Noor Voorbeeld", answers={"Workshop": "A"},
                        attended=True)
    url = reverse("admin:netwerk_registration_export")
    page = redactie_client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    choices = {key: title for key, title in form.fields["format"].choices if key != ""}
    assert sorted(choices.values()) == ["csv", "xlsx"]
    fields = {name: "on" for name in form.fields if name.startswith("registrationresource_")}
    for index, title in choices.items():
        response = redactie_client.post(url, {"format": index, "resource": "0", **fields})
        assert response.status_code == 200
        dataset = (CSV if title == "csv" else XLSX)().create_dataset(
            response.content.decode("utf-8") if title == "csv" else response.content
        )
        assert list(dataset["naam"]) == ["Noor Voorbeeld"]
        assert list(dataset["antwoorden"]) == ["Workshop: A"]
        assert list(dataset["aanwezig"]) == ["ja"]


def test_registration_status_is_read_only_after_creation(redactie_client):
    registration = RegistrationFactory()
    page = redactie_client.get(reverse("admin:netwerk_registration_change",
                                       args=[registration.pk]))
    assert 'name="status"' not in page.content.decode()
    assert Registration.objects.count() == 1
