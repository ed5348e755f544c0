"""Pinned query counts: /netwerk/ and a body's page cost the same with few or many
bodies, members, meetings and documents (pattern: tests/meldpunt/test_query_counts.py)."""

import datetime

import pytest
from django.utils import timezone

from netwerk.documents import Visibility
from netwerk.models import (
    Body,
    BodyMembership,
    Meeting,
    MeetingDocument,
    Municipality,
    Organisation,
)

pytestmark = pytest.mark.django_db

SIZES = [3, 30]


def build(size):
    """``size`` extra local networks, children, members and meetings with documents, in bulk."""
    parent = Body.objects.get(slug="lokaal-netwerk-leuven")
    municipalities = list(Municipality.objects.filter(name__in=["Tienen", "Landen", "Zoutleeuw"]))
    networks = Body.objects.bulk_create([
        Body(
            name=f"Lokaal netwerk {n:03d}", slug=f"netwerk-{n}", kind="local_network",
            level="local", status="published",
        )
        for n in range(size)
    ])
    Body.municipalities.through.objects.bulk_create([
        Body.municipalities.through(body=network, municipality=municipality)
        for network in networks
        for municipality in municipalities
    ])
    Body.objects.bulk_create([
        Body(
            name=f"Werkgroep {n:03d}", slug=f"werkgroep-{n}", kind="working_group",
            level="local", status="published", parent=parent,
        )
        for n in range(size)
    ])
    organisations = Organisation.objects.bulk_create([
        Organisation(name=f"Partner {n:03d}", slug=f"partner-{n}", search_name=f"partner {n}")
        for n in range(size)
    ])
    BodyMembership.objects.bulk_create([
        BodyMembership(body=parent, organisation=organisation) for organisation in organisations
    ])
    today = timezone.localdate()
    meetings = Meeting.objects.bulk_create([
        Meeting(
            body=parent, date=today + datetime.timedelta(days=n - size // 2),
            minutes="Verslag", minutes_visibility=Visibility.MEMBERS,
        )
        for n in range(size)
    ])
    MeetingDocument.objects.bulk_create([
        MeetingDocument(meeting=meeting, title=f"Stuk {n}", file=f"vergaderingen/{n}.pdf",
                        visibility=visibility)
        for n, meeting in enumerate(meetings)
        for visibility in Visibility.values
    ])
    return parent


@pytest.mark.parametrize("size", SIZES)
def test_network_page(anonymous, django_assert_num_queries, size):
    build(size)
    # bodies, their municipalities, their regions' municipalities, the map's municipalities
    with django_assert_num_queries(4):
        response = anonymous.get("/netwerk/")
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_body_page(anonymous, django_assert_num_queries, size):
    body = build(size)
    # body, its municipalities, region's municipalities, themes, parent and children,
    # members, meetings, their documents
    with django_assert_num_queries(8):
        response = anonymous.get(body.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_body_page_for_staff(redactie_client, django_assert_num_queries, size):
    body = build(size)
    # + the session, the user, and the user's own and group permissions (the preview check)
    with django_assert_num_queries(12):
        response = redactie_client.get(body.get_absolute_url())
    assert response.status_code == 200
