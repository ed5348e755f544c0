"""The network's public pages: ``/netwerk/``, a body's page, and its meeting files.

Meeting files are served only here, after :func:`netwerk.documents.may_see`: a
members-only file sends an anonymous visitor to the login page and anyone else
who is not staff to a 404; it never leaves the server without that check.
"""

import datetime
from collections import defaultdict

from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from netwerk.bodies.maps import area_of, network_map
from netwerk.documents import Visibility, document_response, may_see
from netwerk.models import Body, BodyMembership, Meeting, MeetingDocument

ROLE_ORDER = list(BodyMembership.Role.values)  # chair, pen-holder, member


@require_GET
def network(request):
    bodies = list(
        Body.objects.visible_to(request.user)
        .select_related("region")
        .prefetch_related("municipalities", "region__municipalities")
    )
    levels = [
        {"label": label, "bodies": _tree([body for body in bodies if body.level == value])}
        for value, label in Body.Level.choices
    ]
    networks = [body for body in bodies if body.kind == Body.Kind.LOCAL_NETWORK]
    return render(
        request,
        "netwerk/bodies/network.html",
        {"levels": [level for level in levels if level["bodies"]], "map": network_map(networks)},
    )


def _tree(bodies):
    """The top bodies of the list, each with ``parts``: its own parts in the list, nested."""
    ids = {body.pk for body in bodies}
    parts = defaultdict(list)
    for body in bodies:
        parts[body.parent_id if body.parent_id in ids else None].append(body)
    for body in bodies:
        body.parts = parts.get(body.pk, [])
    return parts[None]


@require_GET
def body_detail(request, slug):
    visible = Body.objects.visible_to(request.user)
    body = get_object_or_404(
        visible.select_related("region").prefetch_related(
            "municipalities", "region__municipalities", "themes"
        ),
        slug=slug,
    )
    # Parent and children in one query, each only when the visitor may open it.
    relatives = list(
        visible.filter(Q(parent=body) | Q(pk=body.parent_id)).only("name", "slug", "parent")
    )
    parent = next((other for other in relatives if other.pk == body.parent_id), None)
    children = [other for other in relatives if other.parent_id == body.pk]
    memberships = sorted(
        body.memberships.select_related("organisation"),
        key=lambda membership: (ROLE_ORDER.index(membership.role), membership.organisation.name),
    )
    meetings = list(
        body.meetings.prefetch_related(
            Prefetch("documents", queryset=MeetingDocument.objects.order_by("position", "title"))
        )
    )
    members_only_shown = False
    for meeting in meetings:
        meeting.minutes_visible = may_see(request.user, meeting.minutes_visibility)
        members_only_shown |= (
            meeting.minutes_visible and meeting.minutes_visibility != Visibility.PUBLIC
        )
        for document in meeting.documents.all():
            document.visible = may_see(request.user, document.visibility)
            members_only_shown |= document.visible and document.visibility != Visibility.PUBLIC
    today = timezone.localdate()
    response = render(
        request,
        "netwerk/bodies/body_detail.html",
        {
            "body": body,
            "parent": parent,
            "children": children,
            "area": sorted(municipality.name for municipality in area_of(body)),
            "memberships": memberships,
            "upcoming": sorted(
                (meeting for meeting in meetings if meeting.date >= today),
                key=lambda meeting: (meeting.date, meeting.start_time or datetime.time.min),
            ),
            "past": [meeting for meeting in meetings if meeting.date < today],
        },
    )
    if members_only_shown:
        # The page holds what only members may read: no shared cache may keep it.
        patch_cache_control(response, private=True, no_store=True)
    return response


def _meeting(request, pk):
    return get_object_or_404(
        Meeting.objects.select_related("body").filter(
            body__in=Body.objects.visible_to(request.user).values("pk")
        ),
        pk=pk,
    )


def _serve(request, field_file, visibility, name):
    if not may_see(request.user, visibility):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return document_response(field_file, name, public=visibility == Visibility.PUBLIC)


@require_GET
def meeting_minutes(request, meeting):
    meeting = _meeting(request, meeting)
    if not meeting.minutes_file:
        raise Http404
    name = f"verslag-{meeting.body.slug}-{meeting.date:%Y-%m-%d}"
    return _serve(request, meeting.minutes_file, meeting.minutes_visibility, name)


@require_GET
def meeting_document(request, meeting, document):
    meeting = _meeting(request, meeting)
    document = get_object_or_404(meeting.documents, pk=document)
    return _serve(request, document.file, document.visibility, document.title)
