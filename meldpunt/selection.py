"""A shortlist of fiches without an account ("Mijn selectie").

The list of slugs lives in the session (so it lasts a browser session, at most
``SESSION_COOKIE_AGE``). A share link ``/aanbod/selectie/?fiches=slug1,slug2`` shows the same
published fiches to anyone; "Bewaar deze selectie" copies them into the visitor's own list.

Adding (also used by other pages): POST to ``meldpunt:selection_add`` with the CSRF token,
one or more ``slug`` fields and an optional ``next`` (a local URL to return to).
"""

import re

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from meldpunt import search as finder
from meldpunt.models import Intervention

SESSION_KEY = "meldpunt_selection"
MAX_ITEMS = 30

_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")


def _clean_slugs(values, limit=None):
    """Valid slugs in their first order, without duplicates; at most ``limit``."""
    slugs = []
    for value in values:
        value = (value or "").strip()
        if _SLUG.match(value) and value not in slugs:
            slugs.append(value)
    return slugs[:limit] if limit else slugs


def stored_slugs(request):
    """The slugs in this visitor's selection (whatever the session holds, cleaned)."""
    value = request.session.get(SESSION_KEY)
    return _clean_slugs(value if isinstance(value, list) else [], MAX_ITEMS)


def _published(slugs):
    """The published fiches for ``slugs``, in that order, and the slugs not found."""
    if not slugs:
        return [], []
    queryset = finder.for_cards(Intervention.objects.published().filter(slug__in=slugs))
    by_slug = {intervention.slug: intervention for intervention in queryset}
    found = [by_slug[slug] for slug in slugs if slug in by_slug]
    missing = [slug for slug in slugs if slug not in by_slug]
    return found, missing


def share_path(slugs):
    # Slugs are URL-safe, so the commas can stay readable (no %2C).
    return f"{reverse('meldpunt:selection')}?fiches={','.join(slugs)}"


@require_GET
def selection(request):
    own = stored_slugs(request)
    shared = request.GET.get("fiches")
    if shared is not None:
        requested = _clean_slugs(shared.split(","))
        interventions, missing = _published(requested[:MAX_ITEMS])
        context = {
            "shared": True,
            "too_many": max(len(requested) - MAX_ITEMS, 0),
            "own_count": len(own),
        }
    else:
        interventions, missing = _published(own)
        slugs = [intervention.slug for intervention in interventions]
        context = {
            "shared": False,
            "share_url": settings.SITE_URL + share_path(slugs) if slugs else "",
        }
    finder.describe_areas(interventions)
    context.update(
        {
            "interventions": interventions,
            "missing_count": len(missing),
            "max_items": MAX_ITEMS,
            # For the result cards: which are saved already, and where "Bewaar" returns to.
            "selection_slugs": own,
            "selection_next": request.get_full_path(),
        }
    )
    return render(request, "meldpunt/selection.html", context)


def _redirect_back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("meldpunt:selection")


@require_POST
def add(request):
    wanted = _clean_slugs(request.POST.getlist("slug"), MAX_ITEMS)
    found, missing = _published(wanted)
    if missing or not wanted:
        messages.error(
            request,
            _("Deze fiche vonden we niet. Misschien is ze niet (meer) gepubliceerd.")
            if len(missing) <= 1
            else ngettext(
                "%(count)s fiche vonden we niet; misschien is ze niet meer gepubliceerd.",
                "%(count)s fiches vonden we niet; misschien zijn ze niet meer gepubliceerd.",
                len(missing),
            )
            % {"count": len(missing)},
        )
    slugs = stored_slugs(request)
    added, already, no_room = [], [], []
    for intervention in found:
        if intervention.slug in slugs:
            already.append(intervention)
        elif len(slugs) >= MAX_ITEMS:
            no_room.append(intervention)
        else:
            slugs.append(intervention.slug)
            added.append(intervention)
    if added:
        request.session[SESSION_KEY] = slugs
        if len(added) == 1:
            messages.success(
                request, _("„%(name)s” staat nu in uw selectie.") % {"name": added[0].name}
            )
        else:
            messages.success(
                request,
                _("%(count)s fiches toegevoegd aan uw selectie.") % {"count": len(added)},
            )
    if already and not added and not no_room:
        messages.info(
            request,
            _("„%(name)s” stond al in uw selectie.") % {"name": already[0].name}
            if len(already) == 1
            else _("Deze fiches stonden al in uw selectie."),
        )
    if no_room:
        messages.warning(
            request,
            ngettext(
                "Uw selectie is vol (hoogstens %(max)s fiches): %(count)s fiche is niet "
                "toegevoegd. Verwijder eerst een fiche.",
                "Uw selectie is vol (hoogstens %(max)s fiches): %(count)s fiches zijn niet "
                "toegevoegd. Verwijder eerst een fiche.",
                len(no_room),
            )
            % {"max": MAX_ITEMS, "count": len(no_room)},
        )
    return _redirect_back(request)


@require_POST
def remove(request):
    slugs = stored_slugs(request)
    if request.POST.get("all"):
        request.session[SESSION_KEY] = []
        messages.success(request, _("Uw selectie is leeggemaakt."))
        return _redirect_back(request)
    slug = (request.POST.get("slug") or "").strip()
    if slug not in slugs:
        messages.info(request, _("Deze fiche stond niet (meer) in uw selectie."))
        return _redirect_back(request)
    slugs.remove(slug)
    request.session[SESSION_KEY] = slugs
    name = (
        Intervention.objects.filter(slug=slug).values_list("name", flat=True).first() or slug
    )
    messages.success(request, _("„%(name)s” is uit uw selectie verwijderd.") % {"name": name})
    return _redirect_back(request)
