"""The .ics download and the subscribable feeds, parsed back with the icalendar library."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.agenda.models import Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
FEED = reverse("netwerk:agenda_feed")


@pytest.fixture(autouse=True)
def _no_seed_events(db):
    Event.objects.all().delete()


def vevents(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    return {str(component["SUMMARY"]): component for component in calendar.walk("VEVENT")}


def test_timed_event_ics(anonymous):
    start = datetime(2027, 3, 18, 9, 0, tzinfo=BRUSSELS)
    event = EventFactory(
        title="Inspiratiedag", starts_at=start, ends_at=start + timedelta(hours=7),
        venue="Provinciehuis", address="Provincieplein 1, 3010 Leuven",
    )
    response = anonymous.get(reverse("netwerk:event_ics", kwargs={"slug": event.slug}))
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    vevent = vevents(response)["Inspiratiedag"]
    assert str(vevent["UID"]) == f"event-{event.uuid}@127.0.0.1"
    assert vevent.decoded("DTSTART") == start
    assert vevent.decoded("DTSTART").tzinfo.key == "Europe/Brussels"
    assert vevent.decoded("DTEND") == start + timedelta(hours=7)
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["LOCATION"]) == "Provinciehuis, Provincieplein 1, 3010 Leuven"
    assert str(vevent["URL"]).endswith(event.get_absolute_url())
    assert vevent["SEQUENCE"] == 0
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert vevent.decoded("LAST-MODIFIED")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_all_day_event_uses_dates_with_exclusive_end(anonymous):
    start, end = Event.day_bounds(date(2027, 5, 10), date(2027, 5, 11))
    event = EventFactory(title="Vorming", starts_at=start, ends_at=end, all_day=True)
    vevent = vevents(anonymous.get(reverse("netwerk:event_ics", kwargs={"slug": event.slug})))[
        "Vorming"
    ]
    assert vevent.decoded("DTSTART") == date(2027, 5, 10)
    assert vevent.decoded("DTEND") == date(2027, 5, 12)


def test_draft_ics_only_for_staff(anonymous, redactie_client):
    event = EventFactory(status="draft")
    url = reverse("netwerk:event_ics", kwargs={"slug": event.slug})
    assert anonymous.get(url).status_code == 404
    assert redactie_client.get(url).status_code == 200


def test_feed_keeps_uids_and_propagates_changes_and_cancellation(anonymous):
    event = EventFactory(title="Platform")
    first = vevents(anonymous.get(FEED))["Platform"]
    event.title = "Provinciaal Platform"
    event.save()
    event.is_cancelled = True
    event.save(update_fields=["is_cancelled"])
    second = vevents(anonymous.get(FEED))["Provinciaal Platform"]
    assert str(second["UID"]) == str(first["UID"])
    assert second["SEQUENCE"] == first["SEQUENCE"] + 2
    assert str(second["STATUS"]) == "CANCELLED"
    assert second.decoded("LAST-MODIFIED") >= first.decoded("LAST-MODIFIED")


def test_feed_holds_published_upcoming_and_recent_events_only(anonymous):
    now = timezone.now()
    EventFactory(title="Komend")
    EventFactory(title="Vorige maand", starts_at=now - timedelta(days=30),
                 ends_at=now - timedelta(days=30) + timedelta(hours=2))
    EventFactory(title="Lang geleden", starts_at=now - timedelta(days=800),
                 ends_at=now - timedelta(days=800) + timedelta(hours=2))
    EventFactory(title="Klad", status="draft")
    assert set(vevents(anonymous.get(FEED))) == {"Komend", "Vorige maand"}


def test_feed_filters_by_theme_and_region(anonymous):
    from netwerk.models import Region

    leuven = Region.objects.get(slug="leuven")
    EventFactory(title="Spijbelen Leuven", themes=["spijbelen-en-problematische-afwezigheden"],
                 region=leuven)
    EventFactory(title="Spijbelen overal", themes=["spijbelen-en-problematische-afwezigheden"])
    EventFactory(title="Klimaat Leuven", themes=["verbindend-schoolklimaat"], region=leuven)
    by_theme = vevents(anonymous.get(FEED + "?thema=spijbelen-en-problematische-afwezigheden"))
    assert set(by_theme) == {"Spijbelen Leuven", "Spijbelen overal"}
    both = anonymous.get(
        FEED + "?thema=spijbelen-en-problematische-afwezigheden&regio=leuven"
    )
    assert set(vevents(both)) == {"Spijbelen Leuven"}
    calendar = icalendar.Calendar.from_ical(both.content)
    assert "Leuven" in str(calendar["X-WR-CALNAME"])


@pytest.mark.parametrize("query", ["?thema=bestaat-niet", "?regio=nergens"])
def test_feed_unknown_filter_is_a_dutch_400(anonymous, query):
    response = anonymous.get(FEED + query)
    assert response.status_code == 400
    assert "Onbekend" in response.content.decode()
