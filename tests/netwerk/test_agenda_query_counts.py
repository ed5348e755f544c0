"""Pinned query counts: the agenda's pages and feed cost the same with 5 or 40 events.

When a number changes on purpose, update it here; when it changes with the size, a query
runs per row (a missing select_related/prefetch_related).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.agenda.models import Event, EventMaterial, Registration
from netwerk.models import Organisation, Region, Theme

pytestmark = pytest.mark.django_db

SIZES = [5, 40]


def build(size):
    """``size`` upcoming and ``size`` past events, each with themes, a region, an organiser,
    registrations and materials. In bulk: the point is the page's queries."""
    Event.objects.all().delete()
    organiser = Organisation.objects.create(name="Netwerk", slug="netwerk")
    region = Region.objects.get(slug="leuven")
    now = timezone.now()
    events = Event.objects.bulk_create([
        Event(
            kind="training", title=f"Vorming {n:03d}", slug=f"vorming-{n}-{sign + 1}",
            starts_at=now + timedelta(days=sign * (n + 2)),
            ends_at=now + timedelta(days=sign * (n + 2), hours=3),
            organiser=organiser, region=region, status="published", is_own_event=True,
            capacity=50,
        )
        for sign in (1, -1)
        for n in range(size)
    ])
    themes = Theme.objects.filter(slug__in=["basisonderwijs", "verbindend-schoolklimaat"])
    through = Event.themes.through
    through.objects.bulk_create([
        through(event=event, theme=theme) for event in events for theme in themes
    ])
    Registration.objects.bulk_create([
        Registration(event=event, name=f"Deelnemer {n}", email=f"d{n}@example.be")
        for event in events
        for n in range(3)
    ])
    EventMaterial.objects.bulk_create([
        EventMaterial(event=event, title=f"Opname {n}", kind="recording",
                      url="https://video.example.org/opname")
        for event in events
        for n in range(2)
    ])
    return events


@pytest.mark.parametrize("size", SIZES)
def test_agenda(anonymous, django_assert_num_queries, size):
    build(size)
    # the chosen theme, count, events, their themes, the theme and region option lists
    with django_assert_num_queries(6):
        response = anonymous.get(reverse("netwerk:agenda") + "?thema=basisonderwijs")
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_archive(anonymous, django_assert_num_queries, size):
    build(size)
    # count, events, their themes, their materials, the theme and region option lists
    with django_assert_num_queries(6):
        response = anonymous.get(reverse("netwerk:agenda_archive"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_event_page(anonymous, django_assert_num_queries, size):
    events = build(size)
    # the event (with counts, organiser, region), its themes, its materials
    with django_assert_num_queries(3):
        response = anonymous.get(events[0].get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_feed(anonymous, django_assert_num_queries, size):
    build(size)
    # the theme, the region, the events
    with django_assert_num_queries(3):
        response = anonymous.get(
            reverse("netwerk:agenda_feed") + "?thema=basisonderwijs&regio=leuven"
        )
    assert response.status_code == 200
