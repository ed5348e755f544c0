from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SiteUrlSitemap(Sitemap):
    """A sitemap whose absolute links use SITE_URL, not the request's Host header."""

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


class PagesSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        return [
            "home",
            "about",
            "privacy",
            "accessibility",
            "meldpunt:search",
            "meldpunt:map",
            "netwerk:agenda",
            "netwerk:agenda_archive",
            "nieuwsbrief:index",
            "netwerk:network",
        ]

    def location(self, item):
        return reverse(item)


class InterventionSitemap(SiteUrlSitemap):
    changefreq = "weekly"

    def items(self):
        from meldpunt.models import Intervention

        return Intervention.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, intervention):
        return intervention.updated_at


class ProviderSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        from netwerk.models import Organisation

        return Organisation.objects.with_published_interventions().only("slug").order_by("pk")


class EventSitemap(SiteUrlSitemap):
    changefreq = "weekly"

    def items(self):
        from netwerk.models import Event

        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at


class BodySitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        from netwerk.models import Body

        return Body.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, body):
        return body.updated_at
class ThemeSitemap(SiteUrlSitemap):
    """The themes overview, the inspiring practices and every theme's page."""

    changefreq = "weekly"

    def items(self):
        from netwerk.models import Theme

        return ["netwerk:themes", "netwerk:practices", *Theme.objects.only("slug")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()


class ResourceSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        from netwerk.models import Resource

        return Resource.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, resource):
        return resource.updated_at


SITEMAPS = {
    "pages": PagesSitemap,
    "aanbod": InterventionSitemap,
    "aanbieders": ProviderSitemap,
    "agenda": EventSitemap,


    "netwerk": BodySitemap,
    "themas": ThemeSitemap,
    "hulpmiddelen": ResourceSitemap,
}
