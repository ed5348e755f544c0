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
        return ["home", "about", "privacy", "accessibility"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PagesSitemap}
