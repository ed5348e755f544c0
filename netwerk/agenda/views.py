"""The agenda's public pages: the agenda, the archive, an event, its ``.ics``, the feed,
registration and the personal cancel link."""

from datetime import timedelta

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from config.net import client_ip
from netwerk.agenda import ical, services
from netwerk.agenda.filters import EventFilter
from netwerk.agenda.forms import RegistrationForm
from netwerk.agenda.models import Event, EventMaterial, Registration, RegistrationStatus
from netwerk.documents import Visibility, document_response, may_see
from netwerk.models import Region, Theme, TokenBucket

PAGE_SIZE = 20
# The feed holds what is coming and what ended less than a year ago (so a cancellation or a
# change reaches the subscribers), at most FEED_MAX_EVENTS events.
FEED_PAST_DAYS = 365
FEED_MAX_EVENTS = 500
RATE_LIMIT_KIND = "agenda-registration"
RATE_LIMIT_CAPACITY = 10
RATE_LIMIT_SECONDS = 3600


def _materials_for(user):
    materials = EventMaterial.objects.all()
    if not may_see(user, Visibility.MEMBERS):
        materials = materials.filter(visibility=Visibility.PUBLIC)
    return Prefetch("materials", queryset=materials)


def _event_list(request, events, template, **context):
    filterset = EventFilter(request.GET or None, queryset=events)
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("pagina"))
    filterset.mark_errors()
    return render(request, template, {
        "filter": filterset,
        "form": filterset.form,
        "page": page,
        "events": page.object_list,
        "previous_url": filterset.querystring(pagina=page.previous_page_number())
        if page.has_previous() else None,
        "next_url": filterset.querystring(pagina=page.next_page_number())
        if page.has_next() else None,
        "feed_query": filterset.querystring(soort=None, pagina=None).lstrip("?"),
        **context,
    })


@require_GET
def agenda(request):
    events = Event.objects.published().upcoming().for_listing().with_counts()
    return _event_list(request, events, "netwerk/agenda/list.html")


@require_GET
def archive(request):
    events = Event.objects.published().past().for_listing().prefetch_related(
        _materials_for(request.user)
    )
    return _event_list(request, events, "netwerk/agenda/archive.html")


def _visible_event(request, slug):
    events = Event.objects.visible_to(request.user).select_related("organiser", "region")
    return get_object_or_404(events, slug=slug)


@require_GET
def event_detail(request, slug):
    events = (
        Event.objects.visible_to(request.user)
        .for_listing()
        .with_counts()
        .prefetch_related(_materials_for(request.user))
    )
    event = get_object_or_404(events, slug=slug)
    return render(request, "netwerk/agenda/event_detail.html", {
        "event": event,
        "takes_registrations": event.takes_registrations(),
        "has_ended": event.has_ended(),
        "places_left": event.places_left(),
    })


def _calendar_response(body, filename):
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
def event_ics(request, slug):
    event = _visible_event(request, slug)
    body = ical.build_calendar([event], name=event.title)
    return _calendar_response(body, ical.event_filename(event))


@require_GET
def feed(request):
    """The subscribable calendar, optionally for one theme (``thema``) and region (``regio``)."""
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    # The calendar needs the events' own fields only (no themes, organiser or region rows).
    events = Event.objects.published().filter(ends_at__gte=since)
    name = _("Agenda Samen tegen Schooluitval")
    theme_slug, region_slug = request.GET.get("thema"), request.GET.get("regio")
    if theme_slug:
        theme = Theme.objects.filter(slug=theme_slug).first()
        if theme is None:
            return _bad_feed(_("Onbekend thema „%(value)s”.") % {"value": theme_slug[:100]})
        events = events.filter(themes=theme)
        name = f"{name} – {theme.name}"
    if region_slug:
        region = Region.objects.filter(slug=region_slug).first()
        if region is None:
            return _bad_feed(_("Onbekende regio „%(value)s”.") % {"value": region_slug[:100]})
        events = events.filter(region=region)
        name = f"{name} – {region.name}"
    events = events.order_by("starts_at", "pk")[:FEED_MAX_EVENTS]
    return _calendar_response(ical.build_calendar(events, name=name), "agenda.ics")


def _bad_feed(message):
    hint = _("Kies een thema of regio uit de lijst op de agendapagina.")
    return HttpResponse(
        f"{message} {hint}\n", status=400, content_type="text/plain; charset=utf-8"
    )


@require_GET
def material_download(request, slug, pk):
    event = _visible_event(request, slug)
    material = get_object_or_404(EventMaterial, pk=pk, event=event)
    if not may_see(request.user, material.visibility):
        raise Http404
    if not material.file:
        return redirect(material.url)
    return document_response(
        material.file, material.title,
        public=material.visibility == Visibility.PUBLIC and event.is_published,
    )


# --- registration --------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, slug):
    event = get_object_or_404(
        Event.objects.published().with_counts().prefetch_related("questions"), slug=slug
    )

    def page(form, status=200, **extra):
        return render(request, "netwerk/agenda/register.html", {
            "event": event,
            "form": form,
            "closed": not event.takes_registrations(),
            "is_full": event.is_full(),
            **extra,
        }, status=status)

    if not event.takes_registrations():
        return page(None)
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "GET" or not form.is_valid():
        # Form errors answer 200, as the site's other forms do: the page is the answer.
        return page(form)
    if not TokenBucket.authorize(
        RATE_LIMIT_KIND, client_ip(request), RATE_LIMIT_CAPACITY, RATE_LIMIT_SECONDS
    ):
        return page(form, status=429, rate_limited=True)
    data = form.cleaned_data
    try:
        registration = services.register(
            event,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            role=data["role"],
            answers=form.answers(),
        )
    except services.AlreadyRegistered:
        form.add_error("email", _(
            "Met dit e-mailadres bent u al ingeschreven voor dit evenement (of staat u op de "
            "wachtlijst). U hoeft niets meer te doen; afmelden kan met de link in uw "
            "bevestigingsmail."
        ))
        return page(form)
    except services.RegistrationClosed:
        return page(None)
    if registration.status == RegistrationStatus.WAITING:
        messages.warning(request, _(
            "Het evenement is volzet: u staat op de wachtlijst. Komt er een plaats vrij, dan "
            "krijgt u die automatisch en laten we het u per e-mail weten."
        ))
    else:
        messages.success(request, _(
            "U bent ingeschreven. U krijgt een bevestiging per e-mail, met het evenement als "
            "bijlage voor uw agenda en een link om u af te melden."
        ))
    return redirect(event)


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    try:
        registration_uuid = services.read_cancel_token(token)
        registration = Registration.objects.select_related("event").get(uuid=registration_uuid)
    except signing.SignatureExpired:
        return render(request, "netwerk/agenda/cancel_invalid.html", {"expired": True}, status=410)
    except (signing.BadSignature, Registration.DoesNotExist, ValidationError):
        # ValidationError: a well-signed value that is no UUID (never made by us).
        return render(request, "netwerk/agenda/cancel_invalid.html", {"expired": False}, status=404)
    event = registration.event
    context = {"registration": registration, "event": event, "has_ended": event.has_ended()}
    if request.method == "POST" and not context["has_ended"]:
        services.cancel(registration.uuid)
        context["done"] = True
    return render(request, "netwerk/agenda/cancel.html", context)
