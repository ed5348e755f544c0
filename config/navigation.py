"""The site's main navigation, defined once.

An item appears as soon as its page exists: later issues add the routes
(``meldpunt:search``, ``agenda:list``…) and their menu item lights up, so
the menu never links to a page that is not there yet.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    (_("Aanbod zoeken"), "meldpunt:search"),
    (_("Aanmelden"), "meldpunt:referral"),
    (_("Agenda"), "netwerk:agenda"),
    (_("Thema's"), "netwerk:themes"),
    (_("Netwerk"), "netwerk:network"),
    (_("Nieuwsbrief"), "nieuwsbrief:index"),
    (_("Over ons"), "about"),
]


def url_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def main_navigation(request):
    items = []
    for label, name in MAIN_NAVIGATION:
        url = url_or_none(name)
        if url is None:
            continue
        current = request is not None and (
            request.path == url or (url != "/" and request.path.startswith(url))
        )
        items.append({"label": label, "url": url, "current": current})
    return items
