from django.conf import settings

from config.navigation import main_navigation


def site(request):
    """What every page's frame needs: the navigation and the site's origin."""
    return {
        "main_navigation": main_navigation(request),
        "SITE_URL": settings.SITE_URL,
    }
