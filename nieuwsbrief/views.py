"""Public newsletter pages: sign up, confirm, preferences, unsubscribe.

No page needs a login: the personal pages are reached through the subscriber's link (see
``nieuwsbrief.links``). Every state change is a POST; a GET only shows a page with a button,
because mail scanners open the links in a mail.
"""

import json
from functools import wraps

from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from config.net import client_ip
from netwerk.models import TokenBucket
from nieuwsbrief import links, subscriptions
from nieuwsbrief.forms import LinkRequestForm, PreferencesForm, SignupForm
from nieuwsbrief.models import Subscriber

# Rate limits, on top of the one-mail-per-window rule of ``subscriptions``: sign-ups and
# link requests together, per client IP and per address (both keys are stored hashed).
# (kind, capacity, per seconds)
IP_LIMIT = ("newsletter_ip", 10, 60 * 60)
ADDRESS_LIMIT = ("newsletter_address", 5, 60 * 60)


def _allowed(request, email):
    ip_kind, ip_capacity, ip_seconds = IP_LIMIT
    address_kind, address_capacity, address_seconds = ADDRESS_LIMIT
    return TokenBucket.authorize(
        ip_kind, client_ip(request), ip_capacity, ip_seconds
    ) and TokenBucket.authorize(address_kind, email, address_capacity, address_seconds)


def _private(response):
    # Pages behind a personal link: keep them out of search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_problem(request, expired=False):
    """An expired, tampered, used or unknown link: say so and offer a new one."""
    response = render(
        request,
        "nieuwsbrief/link_problem.html",
        {"expired": expired, "form": LinkRequestForm(), "link_days": links.CONFIRM_LINK_DAYS},
        status=410 if expired else 404,
    )
    return _private(response)


def _subscriber(token):
    return Subscriber.objects.filter(token=token).first()


def personal_page(view):
    """For the views behind a personal link: ``view(request, subscriber)``, never cached,
    kept out of search engines; an unknown key shows the page that offers a new link."""

    @wraps(view)
    def wrapper(request, token):
        subscriber = _subscriber(token)
        if subscriber is None:
            return _link_problem(request)
        return _private(view(request, subscriber))

    return never_cache(wrapper)


def _public_form(request, form_class, template, handle):
    """GET shows the form; a valid POST that passes the honeypot and the rate limits calls
    ``handle(cleaned_data)``; all roads lead to the same "check your mailbox" page."""
    if request.method == "GET":
        return render(request, template, {"form": form_class()})
    form = form_class(request.POST)
    if form.is_spam():
        return redirect("nieuwsbrief:check_mail")  # pretend it worked, store nothing
    if not form.is_valid():
        return render(request, template, {"form": form})
    if not _allowed(request, form.cleaned_data["email"]):
        return render(request, template, {"form": form, "rate_limited": True}, status=429)
    handle(form.cleaned_data)
    return redirect("nieuwsbrief:check_mail")


@require_http_methods(["GET", "POST"])
def index(request):
    def handle(data):
        subscriptions.subscribe(
            data["email"],
            name=data["name"],
            organisation=data["organisation"],
            themes=data["themes"],
            regions=data["regions"],
        )

    return _public_form(request, SignupForm, "nieuwsbrief/index.html", handle)


@require_http_methods(["GET", "POST"])
def request_link(request):
    return _public_form(
        request,
        LinkRequestForm,
        "nieuwsbrief/request_link.html",
        lambda data: subscriptions.request_link(data["email"]),
    )


@require_GET
def check_mail(request):
    minutes = int(subscriptions.NOTIFY_WINDOW.total_seconds() // 60)
    return render(request, "nieuwsbrief/check_mail.html", {"window_minutes": minutes})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, signed):
    try:
        token = links.read_confirm_token(signed)
    except signing.SignatureExpired:
        return _link_problem(request, expired=True)
    except signing.BadSignature:
        return _link_problem(request)
    subscriber = _subscriber(token)
    if subscriber is None:
        return _link_problem(request)  # used already (confirming changes the key) or wiped
    if request.method == "POST":
        if subscriber.status == Subscriber.Status.PENDING:
            subscriber.confirm()
        return redirect("nieuwsbrief:confirmed", token=subscriber.token)
    return _private(render(request, "nieuwsbrief/confirm.html", {"subscriber": subscriber}))


@require_GET
@personal_page
def confirmed(request, subscriber):
    context = {"subscriber": subscriber, "preferences_url": links.preferences_url(subscriber)}
    return render(request, "nieuwsbrief/confirmed.html", context)


PREFERENCE_ACTIONS = {
    "pause": (
        Subscriber.pause,
        gettext_lazy("Uw abonnement is gepauzeerd. U krijgt geen nieuwsbrieven tot u het hervat."),
    ),
    "resume": (Subscriber.resume, gettext_lazy("Welkom terug: u krijgt de nieuwsbrief weer.")),
    "unsubscribe": (
        Subscriber.unsubscribe,
        gettext_lazy("U bent uitgeschreven. U krijgt geen nieuwsbrieven meer."),
    ),
}


@require_http_methods(["GET", "POST"])
@personal_page
def preferences(request, subscriber):
    form = PreferencesForm(instance=subscriber)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "save":
            form = PreferencesForm(request.POST, instance=subscriber)
            if form.is_valid():
                form.save()
                messages.success(request, _("Uw voorkeuren zijn bewaard."))
                return redirect(request.path)
        elif action in PREFERENCE_ACTIONS:
            change, message = PREFERENCE_ACTIONS[action]
            change(subscriber)
            messages.success(request, message)
            return redirect(request.path)
        else:
            messages.error(request, _("Kies een van de knoppen op deze pagina."))
            return redirect(request.path)
    context = {"subscriber": subscriber, "form": form, "Status": Subscriber.Status}
    return render(request, "nieuwsbrief/preferences.html", context)


@require_GET
@personal_page
def download_data(request, subscriber):
    data = subscriptions.export_data(subscriber)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="nieuwsbrief-mijn-gegevens.json"'
    return response


@require_http_methods(["GET", "POST"])
@personal_page
def delete(request, subscriber):
    if request.method == "POST":
        subscriber.delete()  # the consent records go with it (CASCADE)
        return redirect("nieuwsbrief:deleted")
    return render(request, "nieuwsbrief/delete.html", {"subscriber": subscriber})


@require_GET
def deleted(request):
    return render(request, "nieuwsbrief/deleted.html")


@csrf_exempt  # RFC 8058: the mail client POSTs without cookies or CSRF token
@require_http_methods(["GET", "POST"])
@personal_page
def unsubscribe(request, subscriber):
    if request.method == "POST":
        subscriber.unsubscribe()
    context = {
        "subscriber": subscriber,
        "done": request.method == "POST",
        "preferences_url": reverse("nieuwsbrief:preferences", args=[subscriber.token]),
    }
    return render(request, "nieuwsbrief/unsubscribe.html", context)
