"""The desk's public side: three forms and the referrer's private status page.

- ``/aanmelden/``: a CLB worker refers a pupil (``?aanbod=<slug>`` ticks the offer the
  worker came from).
- ``/aanmelden/consult/``: a case consult or a round table, without the pupil's identity.
- ``/aanmelden/contact/``: parents or a youth-care facility; the desk then involves the CLB.
- ``/aanmelden/status/<token>/``: what the referrer may follow (public events only).

Each form renders with a one-time ``submission_key``: a double submit finds the case the
first one created (one case, one confirmation mail). Automated posts meet a honeypot
(``HoneypotForm``: pretend success, store nothing), a rate limit per IP address
(``TokenBucket``: 429 with the input kept) and the CSRF check. Form data over
``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused with a Dutch message (413), never a 500.
"""

import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from config.net import client_ip
from meldpunt.desk import flow
from meldpunt.desk.forms import (
    ConsultForm,
    ContactForm,
    ReferralForm,
    clb_names,
    new_submission_key,
    published_offers,
)
from meldpunt.desk.models import Referral, ReferralKind, ReferralStatus
from netwerk.models import TokenBucket

# Ten cases an hour from one address: plenty for a CLB team behind one connection, little
# for a bot. One bucket for the three forms.
RATE_LIMIT_KIND = "referral_desk"
RATE_LIMIT_CAPACITY = 10
RATE_LIMIT_SECONDS = 60 * 60

RECEIVED_PARAMETER = "ontvangen"
SENT_PARAMETER = "verzonden"
OFFER_PARAMETER = "aanbod"
MAX_OFFERS = 10
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")

FORMS = {
    ReferralKind.REFERRAL: (ReferralForm, "meldpunt/desk/referral_form.html", "meldpunt:referral"),
    ReferralKind.CONSULT: (ConsultForm, "meldpunt/desk/consult_form.html", "meldpunt:consult"),
    ReferralKind.CONTACT: (ContactForm, "meldpunt/desk/contact_form.html", "meldpunt:contact"),
}


def _private(response):
    """Headers of a page only its holder may see: not stored, not indexed, not leaked."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _offers_from_query(request):
    """The published fiches named by ``?aanbod=`` and the names that were not found."""
    wanted = [value.strip() for value in request.GET.getlist(OFFER_PARAMETER)[:MAX_OFFERS]]
    wanted = [value for value in dict.fromkeys(wanted) if value]
    slugs = [value for value in wanted if _SLUG.match(value)]
    found = {offer.slug: offer for offer in published_offers().filter(slug__in=slugs)}
    offers = [found[slug] for slug in slugs if slug in found]
    unknown = [value[:80] for value in wanted if value not in found]
    return offers, unknown


def _status_redirect(referral):
    url = reverse("meldpunt:referral_status", args=[referral.status_token])
    return redirect(f"{url}?{RECEIVED_PARAMETER}=1")


def _register(form, kind, key):
    """Save the case through the flow; a concurrent double submit finds the first one."""
    referral = form.save()
    referral.kind = kind
    try:
        referral, _created = flow.register(
            referral, reasons=form.reasons, preferred=form.preferred, submission_key=key
        )
    except IntegrityError:
        referral = Referral.objects.filter(submission_key=key).first()
        if referral is None:
            raise
    return referral


def _desk_form(request, kind):
    form_class, template, url_name = FORMS[kind]
    context = {
        "clb_names": clb_names() if kind == ReferralKind.REFERRAL else [],
        "retention_months": settings.REFERRAL_RETENTION_MONTHS,
    }

    def page(form, status=200, **extra):
        if form is not None and context["clb_names"] and kind == ReferralKind.REFERRAL:
            # Suggestions under "Uw CLB" (a <datalist>: no script needed).
            form.fields["referrer_organisation"].widget.attrs["list"] = "clb-namen"
        return render(request, template, {**context, "form": form, **extra}, status=status)

    if request.method == "GET":
        if request.GET.get(SENT_PARAMETER):
            return page(None, sent=True)
        initial = {"submission_key": new_submission_key()}
        if kind == ReferralKind.REFERRAL:
            offers, unknown = _offers_from_query(request)
            initial["preferred_interventions"] = [offer.slug for offer in offers]
            context.update(chosen_offers=offers, unknown_offers=unknown)
        return page(form_class(initial=initial))

    try:
        data = request.POST
    except (RequestDataTooBig, TooManyFieldsSent):
        # Refused before anything is read: the form comes back empty, with the reason.
        return page(form_class(initial={"submission_key": new_submission_key()}),
                    status=413, too_big=True)
    form = form_class(data)
    if form.is_spam():
        # Pretend it worked, so the bot learns nothing; store nothing.
        return redirect(f"{reverse(url_name)}?{SENT_PARAMETER}=1")
    if not form.has_valid_key():
        # An old or tampered page: keep the input, issue a key, ask to send again.
        data = data.copy()
        data["submission_key"] = new_submission_key()
        form = form_class(data)
        form.is_valid()
        return page(form, status=400, key_missing=True)
    if not form.is_valid():
        return page(form)
    key = form.data["submission_key"]
    existing = Referral.objects.filter(submission_key=key).first()
    if existing is not None:
        # A double submit: the case exists, its mail is queued; show it again.
        return _status_redirect(existing)
    allowed = TokenBucket.authorize(
        RATE_LIMIT_KIND, client_ip(request), RATE_LIMIT_CAPACITY, RATE_LIMIT_SECONDS
    )
    if not allowed:
        return page(form, status=429, rate_limited=True)
    return _status_redirect(_register(form, kind, key))


@never_cache
@require_http_methods(["GET", "POST"])
def referral_form(request):
    return _desk_form(request, ReferralKind.REFERRAL)


@never_cache
@require_http_methods(["GET", "POST"])
def consult_form(request):
    return _desk_form(request, ReferralKind.CONSULT)


@never_cache
@require_http_methods(["GET", "POST"])
def contact_form(request):
    return _desk_form(request, ReferralKind.CONTACT)


# --- the referrer's status page ---------------------------------------------------------------

# The steps a referral of a pupil goes through; consults and contact requests skip dispatch.
STEPS = [
    (_("Ontvangen"), [ReferralStatus.NEW]),
    (_("In behandeling bij het Meldpunt"), [ReferralStatus.IN_REVIEW]),
    (_("Doorgestuurd naar een aanbieder"), [ReferralStatus.DISPATCHED]),
    (
        _("Antwoord van de aanbieder"),
        [ReferralStatus.ACCEPTED, ReferralStatus.WAITING_LIST, ReferralStatus.REFUSED],
    ),
    (_("Start van het traject"), [ReferralStatus.STARTED, ReferralStatus.NOT_STARTED]),
    (_("Afgesloten"), [ReferralStatus.CLOSED]),
]
SHORT_STEPS = [STEPS[0], STEPS[1], STEPS[-1]]


def progress(referral, reached_statuses):
    """The steps with their state: done, current, skipped (passed over) or to come."""
    steps = STEPS if referral.kind == ReferralKind.REFERRAL else SHORT_STEPS
    reached_statuses = set(reached_statuses) | {referral.status}
    current = next(
        (index for index, (_label, statuses) in enumerate(steps) if referral.status in statuses),
        0,
    )
    result = []
    for index, (label, statuses) in enumerate(steps):
        if index == current:
            state = "current"
        elif index > current:
            state = "todo"
        elif reached_statuses & set(statuses):
            state = "done"
        else:
            state = "skipped"
        result.append({"label": label, "state": state})
    return result


@never_cache
@require_GET
def status(request, token):
    referral = None
    if len(token) <= 64:
        referral = (
            Referral.objects.filter(status_token=token)
            .only("reference", "kind", "status", "created_at", "status_token")
            .first()
        )
    if referral is None:
        raise Http404
    events = list(
        referral.events.filter(is_public=True)
        .order_by("at", "pk")
        .values("at", "public_text", "status")
    )
    reached = referral.events.exclude(status="").values_list("status", flat=True)
    response = render(request, "meldpunt/desk/status.html", {
        "referral": referral,
        "status_label": ReferralStatus(referral.status).label,
        "steps": progress(referral, reached),
        "events": events,
        "received": bool(request.GET.get(RECEIVED_PARAMETER)),
    })
    return _private(response)
