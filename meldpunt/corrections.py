"""Public "Meld een wijziging" form on a fiche.

Anyone may report that a fiche is wrong or out of date. The report is stored as a pending
ChangeRequest for the Meldpunt to review in the admin; nothing is published automatically.
Spam is kept out by a honeypot field and a rate limit per IP address (TokenBucket).
"""

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from config.net import client_ip
from meldpunt.models import ChangeRequest, Intervention
from meldpunt.public_forms import ReportChangeForm
from netwerk import emails
from netwerk.models import TokenBucket

# Five reports an hour from one address is plenty for a person, little for a bot.
RATE_LIMIT_KIND = "report_change"
RATE_LIMIT_CAPACITY = 5
RATE_LIMIT_SECONDS = 60 * 60

THANKS_PARAMETER = "verzonden"


def _thanks_url(intervention):
    url = reverse("meldpunt:report_change", kwargs={"slug": intervention.slug})
    return f"{url}?{THANKS_PARAMETER}=1"


@require_http_methods(["GET", "POST"])
def report_change(request, slug):
    intervention = get_object_or_404(
        Intervention.objects.published().select_related("provider"), slug=slug
    )
    context = {"intervention": intervention}
    if request.method == "GET":
        if request.GET.get(THANKS_PARAMETER):
            return render(request, "meldpunt/report_change.html", {**context, "thanks": True})
        return render(
            request, "meldpunt/report_change.html", {**context, "form": ReportChangeForm()}
        )

    form = ReportChangeForm(request.POST)
    if form.is_spam():
        # Pretend it worked, so the bot learns nothing; store nothing.
        return redirect(_thanks_url(intervention))
    if not form.is_valid():
        return render(request, "meldpunt/report_change.html", {**context, "form": form})
    allowed = TokenBucket.authorize(
        RATE_LIMIT_KIND, client_ip(request), RATE_LIMIT_CAPACITY, RATE_LIMIT_SECONDS
    )
    if not allowed:
        return render(
            request,
            "meldpunt/report_change.html",
            {**context, "form": form, "rate_limited": True},
            status=429,
        )
    submit_change_request(
        intervention=intervention,
        source=ChangeRequest.Source.PUBLIC,
        message=form.cleaned_data["message"],
        contact_email=form.cleaned_data["email"],
    )
    return redirect(_thanks_url(intervention))


@transaction.atomic
def submit_change_request(**fields):
    """Store a pending change request and tell the desk (the mail is queued with it)."""
    from meldpunt.desk.flow import desk_addresses

    change_request = ChangeRequest.objects.create(status=ChangeRequest.Status.PENDING, **fields)
    emails.queue(
        "desk-change-request",
        desk_addresses(),
        {
            "change_request": change_request,
            "intervention": change_request.intervention,
            "admin_url": settings.SITE_URL
            + reverse("admin:meldpunt_changerequest_change", args=[change_request.pk]),
        },
        key=f"desk-change-request:{change_request.pk}",
    )
    return change_request
