"""Providers verify their fiches through a signed link: no account, no password.

Every ``VERIFICATION_INTERVAL_MONTHS`` the command ``send_verification_requests`` mails each
provider organisation (its general address, never a person's) one message listing all its
fiches that are due, with **one link per fiche**: a fiche's link only ever opens that fiche,
so forwarding the mail for one offer to a colleague does not expose the others.

The link carries a ``TimestampSigner`` signature (salt ``meldpunt.verification``) over the
fiche's UUID and stays valid ``VERIFICATION_LINK_DAYS`` days; it may be used several times
in that period. Behind it (GET shows, POST acts):

- "Alles klopt nog": ``last_verified`` becomes today;
- capacity: status and waiting weeks go live at once (``Intervention.set_capacity``);
- other fields: stored as a pending ``ChangeRequest`` for the Meldpunt to review.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from meldpunt.corrections import submit_change_request
from meldpunt.models import ChangeRequest, Intervention
from meldpunt.public_forms import CapacityForm, ProposedChangesForm
from netwerk import emails

SALT = "meldpunt.verification"
EMAIL_KIND = "verification-request"


# --- tokens --------------------------------------------------------------------------------


def _signer():
    return signing.TimestampSigner(salt=SALT)


def make_token(intervention):
    """A signed, timestamped token for this fiche's verification page."""
    return _signer().sign(str(intervention.uuid))


def read_token(token):
    """The fiche UUID in ``token``.

    Raises ``signing.SignatureExpired`` when older than ``VERIFICATION_LINK_DAYS`` and
    ``signing.BadSignature`` when tampered with or malformed.
    """
    value = _signer().unsign(token, max_age=timedelta(days=settings.VERIFICATION_LINK_DAYS))
    return _as_uuid(value)


def _as_uuid(value):
    try:
        return uuid.UUID(value)
    except ValueError:
        raise signing.BadSignature("Not a fiche UUID") from None


def verification_url(intervention):
    """The absolute link for the provider's mail."""
    path = reverse("meldpunt:verify", kwargs={"token": make_token(intervention)})
    return settings.SITE_URL + path


# --- mails ---------------------------------------------------------------------------------


def _mail_provider(provider, interventions):
    """One mail to the organisation listing ``interventions``; True when sent."""
    if not provider.email:
        return False
    items = [
        {"intervention": intervention, "url": verification_url(intervention)}
        for intervention in interventions
    ]
    # Dutch also when a scheduled command (no request, no active language) sends it.
    with translation.override(settings.LANGUAGE_CODE):
        return emails.send(
            EMAIL_KIND,
            provider.email,
            {
                "provider": provider,
                "items": items,
                "link_days": settings.VERIFICATION_LINK_DAYS,
                "interval_months": settings.VERIFICATION_INTERVAL_MONTHS,
            },
        )


def send_verification_request(intervention):
    """Mail the provider organisation a verification link for this one fiche.

    Returns False (and sends nothing) when the organisation has no e-mail address or the
    mail failed; ``verification_sent_at`` is set only when it was sent.
    """
    if not _mail_provider(intervention.provider, [intervention]):
        return False
    intervention.verification_sent_at = timezone.now()
    Intervention.objects.filter(pk=intervention.pk).update(
        verification_sent_at=intervention.verification_sent_at
    )
    return True


def due_for_request(now=None):
    """Published fiches due for verification that were not mailed within the link's life."""
    now = now or timezone.now()
    recently = now - timedelta(days=settings.VERIFICATION_LINK_DAYS)
    return (
        Intervention.objects.published()
        .due_for_verification(settings.VERIFICATION_INTERVAL_MONTHS, now=now)
        .filter(Q(verification_sent_at__isnull=True) | Q(verification_sent_at__lt=recently))
    )


@dataclass
class RequestRun:
    """What one run of ``send_due_requests`` did (or would do, in a dry run)."""

    mails: int = 0
    fiches: int = 0
    failed_mails: int = 0
    failed_fiches: int = 0
    # Providers without an e-mail address: (name, number of their due fiches).
    without_email: list = field(default_factory=list)


def send_due_requests(dry_run=False, now=None):
    """One mail per provider listing all its due fiches; returns a ``RequestRun``.

    Each fiche is claimed with a conditional UPDATE before its mail goes out, so two runs at
    once never mail a fiche twice; when a mail fails the claims are undone and the next run
    tries again.
    """
    now = now or timezone.now()
    run = RequestRun()
    due = due_for_request(now).select_related("provider").order_by("provider_id", "name")
    for _provider_id, group in groupby(due, key=lambda intervention: intervention.provider_id):
        interventions = list(group)
        provider = interventions[0].provider
        if not provider.email:
            run.without_email.append((provider.name, len(interventions)))
            continue
        if dry_run:
            run.mails += 1
            run.fiches += len(interventions)
            continue
        claimed = []
        for intervention in interventions:
            taken = due_for_request(now).filter(pk=intervention.pk).update(
                verification_sent_at=now
            )
            if taken:
                claimed.append(intervention)
        if not claimed:
            continue
        if _mail_provider(provider, claimed):
            run.mails += 1
            run.fiches += len(claimed)
        else:
            for intervention in claimed:
                Intervention.objects.filter(pk=intervention.pk, verification_sent_at=now).update(
                    verification_sent_at=intervention.verification_sent_at
                )
            run.failed_mails += 1
            run.failed_fiches += len(claimed)
    return run


# --- the page behind the link --------------------------------------------------------------


def _page(request, template, context, status=200):
    response = render(request, template, context, status=status)
    # The link is a key: keep the page out of search engines and caches.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _expired(request, token):
    """The 410 page; names the fiche when the (genuine but old) token still tells which."""
    try:
        key = _as_uuid(_signer().unsign(token))
    except signing.BadSignature:
        key = None
    intervention = Intervention.objects.filter(uuid=key).first() if key else None
    return _page(
        request,
        "meldpunt/verify_expired.html",
        {"intervention": intervention, "link_days": settings.VERIFICATION_LINK_DAYS},
        status=410,
    )


def _invalid(request):
    return _page(request, "meldpunt/verify_invalid.html", {}, status=404)


def _verified_today(intervention, reason, extra_fields=()):
    intervention.last_verified = timezone.localdate()
    intervention._change_reason = reason  # shown in the fiche's history in the admin
    intervention.save(update_fields=["last_verified", *extra_fields])


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request, token):
    try:
        key = read_token(token)
    except signing.SignatureExpired:
        return _expired(request, token)
    except signing.BadSignature:
        return _invalid(request)
    intervention = (
        Intervention.objects.published().select_related("provider").filter(uuid=key).first()
    )
    if intervention is None:
        return _invalid(request)

    capacity_form = CapacityForm(
        initial={
            "capacity_status": intervention.capacity_status,
            "waiting_weeks": intervention.waiting_weeks,
        }
    )
    changes_form = ProposedChangesForm(instance=intervention)
    status = 200

    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            _verified_today(intervention, _("Nagekeken door de aanbieder: alles klopt nog"))
            messages.success(
                request,
                _("Bedankt! De fiche „%(name)s” staat nu als nagekeken op vandaag.")
                % {"name": intervention.name},
            )
            return redirect(request.path)
        if action == "capacity":
            capacity_form = CapacityForm(request.POST)
            if capacity_form.is_valid():
                intervention.set_capacity(
                    capacity_form.cleaned_data["capacity_status"],
                    capacity_form.cleaned_data["waiting_weeks"],
                )
                _verified_today(
                    intervention,
                    _("Capaciteit bijgewerkt door de aanbieder"),
                    ["capacity_status", "waiting_weeks", "capacity_updated_at"],
                )
                messages.success(
                    request,
                    _("Bedankt! De capaciteit staat meteen aangepast op de fiche."),
                )
                return redirect(request.path)
            status = 400
        elif action == "changes":
            changes_form = ProposedChangesForm(request.POST, instance=intervention)
            if changes_form.is_valid():
                submit_change_request(
                    intervention=intervention,
                    source=ChangeRequest.Source.PROVIDER,
                    proposed_changes=changes_form.proposed_changes(),
                    message=changes_form.cleaned_data["note"],
                    contact_email=intervention.provider.email,
                )
                messages.success(
                    request,
                    _(
                        "Bedankt! Het Meldpunt bekijkt uw voorstel en past de fiche daarna aan. "
                        "Tot dan blijft de fiche zoals ze is."
                    ),
                )
                return redirect(request.path)
            status = 400
        else:
            messages.error(request, _("Kies een van de drie knoppen op deze pagina."))
            return redirect(request.path)

    return _page(
        request,
        "meldpunt/verify.html",
        {
            "intervention": intervention,
            "capacity_form": capacity_form,
            "changes_form": changes_form,
            "link_days": settings.VERIFICATION_LINK_DAYS,
        },
        status=status,
    )
