"""The agenda's pages: upcoming first with filters, the archive with materials, an event's
page (drafts only for staff) and its materials served through a view."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from netwerk.agenda.models import Event, EventMaterial
from netwerk.agenda.seeds import EVENTS, seed
from netwerk.models import Region
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

AGENDA = reverse("netwerk:agenda")
ARCHIVE = reverse("netwerk:agenda_archive")
PDF = b"%PDF-1.4\n%test\n"


def past(title, days_ago, **fields):
    start = timezone.now() - timedelta(days=days_ago)
    return EventFactory(title=title, starts_at=start, ends_at=start + timedelta(hours=3), **fields)


def upcoming(title, days, **fields):
    start = timezone.now() + timedelta(days=days)
    return EventFactory(title=title, starts_at=start, ends_at=start + timedelta(hours=3), **fields)


@pytest.fixture
def no_seeds(db):
    Event.objects.all().delete()


def titles(response):
    return [event.title for event in response.context["events"]]


def test_agenda_lists_upcoming_first_then_later(anonymous, no_seeds):
    upcoming("Later", 60)
    upcoming("Eerst", 5)
    past("Voorbij", 5)
    EventFactory(title="Klad", status="draft")
    response = anonymous.get(AGENDA)
    assert response.status_code == 200
    assert titles(response) == ["Eerst", "Later"]


def test_agenda_filters_by_kind_theme_and_region(anonymous, no_seeds):
    leuven = Region.objects.get(slug="leuven")
    upcoming("Spijbeldag", 5, themes=["spijbelen-en-problematische-afwezigheden"], region=leuven)
    upcoming("Webinar OKAN", 6, kind="webinar", themes=["anderstalige-nieuwkomers-en-ex-okan"])
    assert titles(anonymous.get(AGENDA + "?thema=spijbelen-en-problematische-afwezigheden")) == [
        "Spijbeldag"
    ]
    assert titles(anonymous.get(AGENDA + "?soort=webinar")) == ["Webinar OKAN"]
    assert titles(anonymous.get(AGENDA + "?regio=leuven")) == ["Spijbeldag"]


@pytest.mark.parametrize("query", ["?soort=feest", "?thema=onbekend", "?regio=mars",
                                   "?thema=%00", "?pagina=abc"])
def test_unknown_filter_values_get_a_dutch_message(anonymous, no_seeds, query):
    upcoming("Spijbeldag", 5)
    response = anonymous.get(AGENDA + query)
    assert response.status_code == 200
    content = response.content.decode()
    if "pagina" not in query:
        assert "Deze filter is niet toegepast." in content
        assert 'aria-invalid="true"' in content
    assert titles(response) == ["Spijbeldag"]


def test_agenda_paginates_and_keeps_the_filter(anonymous, no_seeds):
    for n in range(25):
        upcoming(f"Vorming {n:02d}", n + 1, kind="training")
    first = anonymous.get(AGENDA + "?soort=training")
    assert len(first.context["events"]) == 20
    assert first.context["next_url"] == "?soort=training&pagina=2"
    second = anonymous.get(AGENDA + "?soort=training&pagina=2")
    assert titles(second)[0] == "Vorming 20"


def test_agenda_links_to_the_filtered_feed(anonymous, no_seeds):
    content = anonymous.get(AGENDA + "?thema=basisonderwijs&soort=webinar").content.decode()
    assert f'{reverse("netwerk:agenda_feed")}?thema=basisonderwijs"' in content


def test_archive_shows_past_events_with_public_materials(anonymous, redactie_client, no_seeds):
    event = past("Platform 2023", 30, report="Een verslag.")
    older = past("Platform 2022", 400)
    EventMaterial.objects.create(event=event, title="Presentatie", kind="slides",
                                 url="https://video.example.org/opname")
    EventMaterial.objects.create(event=event, title="Ledenverslag", kind="report",
                                 url="https://example.org/leden", visibility="members")
    upcoming("Komend", 5)
    response = anonymous.get(ARCHIVE)
    assert titles(response) == ["Platform 2023", "Platform 2022"]
    content = response.content.decode()
    assert "Presentatie" in content
    assert "Ledenverslag" not in content
    assert older.title in content
    assert "Ledenverslag" in redactie_client.get(ARCHIVE).content.decode()


def test_event_page(anonymous, no_seeds):
    event = upcoming("Inspiratiedag", 10, capacity=2, recurrence_note="Drie keer per jaar",
                     themes=["verbindend-schoolklimaat"])
    RegistrationFactory(event=event)
    response = anonymous.get(event.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nog 1 plaats vrij." in content
    assert "Drie keer per jaar" in content
    assert "Verbindend schoolklimaat" in content
    assert reverse("netwerk:event_register", kwargs={"slug": event.slug}) in content
    assert reverse("netwerk:event_ics", kwargs={"slug": event.slug}) in content


def test_full_event_page_offers_the_waiting_list(anonymous, no_seeds):
    event = upcoming("Vol", 10, capacity=1)
    RegistrationFactory(event=event)
    content = anonymous.get(event.get_absolute_url()).content.decode()
    assert "Dit evenement is volzet" in content
    assert "Op de wachtlijst" in content


def test_cancelled_event_page_says_so(anonymous, no_seeds):
    event = upcoming("Afgelast", 10, is_cancelled=True)
    content = anonymous.get(event.get_absolute_url()).content.decode()
    assert "Dit evenement is geannuleerd." in content
    assert "Schrijf u in" not in content


def test_draft_is_a_preview_for_staff_only(anonymous, redactie_client, no_seeds):
    event = upcoming("Klad", 10, status="draft")
    assert anonymous.get(event.get_absolute_url()).status_code == 404
    response = redactie_client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Voorbeeld voor medewerkers" in response.content.decode()


def test_material_files_are_served_through_the_view(anonymous, redactie_client, no_seeds):
    event = past("Platform", 30)
    public = EventMaterial(event=event, title="Slides", kind="slides")
    public.file.save("slides.pdf", ContentFile(PDF), save=True)
    members = EventMaterial(event=event, title="Intern", kind="report", visibility="members")
    members.file.save("intern.pdf", ContentFile(PDF), save=True)
    response = anonymous.get(public.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert anonymous.get(members.get_absolute_url()).status_code == 404
    assert redactie_client.get(members.get_absolute_url()).status_code == 200
    other = upcoming("Ander", 3)
    wrong = reverse("netwerk:event_material", kwargs={"slug": other.slug, "pk": public.pk})
    assert anonymous.get(wrong).status_code == 404


def test_material_link_redirects(anonymous, no_seeds):
    event = past("Webinar", 30)
    material = EventMaterial.objects.create(event=event, title="Opname", kind="recording",
                                            url="https://video.example.org/opname")
    assert material.get_absolute_url() == "https://video.example.org/opname"


def test_reserved_slug_is_refused():
    from django.core.exceptions import ValidationError

    event = Event(slug="archief", title="x", kind="webinar", starts_at=timezone.now(),
                  ends_at=timezone.now())
    with pytest.raises(ValidationError):
        event.full_clean(exclude=["themes"])


def test_seed_is_idempotent_and_complete():
    from django.apps import apps

    assert Event.objects.filter(slug__in=EVENTS).count() == len(EVENTS)
    assert seed(apps) == 0
    platform = Event.objects.get(slug="provinciaal-platform-2022")
    assert platform.region.slug == "halle"
    assert platform.themes.filter(slug="basisonderwijs").exists()
    day = Event.objects.get(slug="inspiratiedag-2027-spijbelen-en-afwezigheden")
    assert day.is_own_event and day.capacity and day.questions.count() == 2
    assert Event.objects.published().past(now=timezone.now()).count() >= 7


def test_sitemap_lists_published_events(anonymous, settings, no_seeds):
    settings.SITE_URL = "https://meldpunt.example.be"
    shown = upcoming("Zichtbaar", 3)
    hidden = upcoming("Klad", 3, status="draft")
    body = anonymous.get("/sitemap.xml").content.decode()
    assert f"<loc>https://meldpunt.example.be{shown.get_absolute_url()}</loc>" in body
    assert hidden.get_absolute_url() not in body
    assert f"<loc>https://meldpunt.example.be{AGENDA}</loc>" in body


def test_privacy_page_states_the_registration_retention(anonymous, settings):
    settings.REGISTRATION_RETENTION_MONTHS = 9
    html = anonymous.get(reverse("privacy")).content.decode()
    assert "Inschrijvingen voor een evenement: tot 9 maanden na het evenement." in " ".join(
        html.split()
    )
