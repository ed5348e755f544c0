"""Events as iCalendar (RFC 5545), made with the ``icalendar`` library.

One event's ``.ics`` (download and mail attachment) and the subscribable feeds share
:func:`build_calendar`. Each event keeps one UID for life (``event-<uuid>@<site host>``);
``SEQUENCE`` (raised on every save), ``LAST-MODIFIED`` and ``DTSTAMP`` let a calendar that
follows the feed take over a change, and a cancelled event stays in the feed with
``STATUS:CANCELLED`` so it disappears from the subscribers' agendas. Timed events are in
Europe/Brussels (with its VTIMEZONE); all-day events use dates, the end date exclusive.
"""

from datetime import UTC, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

PRODID = "-//Samen tegen Schooluitval Vlaams-Brabant//Agenda//NL"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(event):
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"event-{event.uuid}@{host}"


def _utc(moment):
    return moment.astimezone(UTC) if moment else timezone.now()


def _description(event, url):
    parts = [event.summary or ""]
    if event.recurrence_note:
        parts.append(event.recurrence_note)
    if event.online_url:
        parts.append(f"Online: {event.online_url}")
    parts.append(url)
    return "\n\n".join(part for part in parts if part)


def event_component(event):
    url = settings.SITE_URL + event.get_absolute_url()
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("summary", event.title)
    if event.all_day:
        component.add("dtstart", event.local_start.date())
        component.add("dtend", event.local_end.date() + timedelta(days=1))
    else:
        component.add("dtstart", event.local_start)
        component.add("dtend", event.local_end)
    component.add("dtstamp", _utc(event.updated_at))
    component.add("last-modified", _utc(event.updated_at))
    component.add("created", _utc(event.created_at))
    component.add("sequence", event.sequence)
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    component.add("url", url)
    component.add("description", _description(event, url))
    location = event.location_label
    if location:
        component.add("location", location)
    component.add("categories", [event.get_kind_display()])
    return component


def build_calendar(events, name="Agenda Samen tegen Schooluitval"):
    """A VCALENDAR with one VEVENT per event, as bytes."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for event in events:
        calendar.add_component(event_component(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_filename(event):
    return f"{event.slug}.ics"


def event_attachment(event):
    """The event's ``.ics`` as an outbox attachment (``netwerk.emails.attachment``)."""
    from netwerk import emails

    return emails.attachment(
        event_filename(event), build_calendar([event], name=event.title).decode(), "text/calendar"
    )
