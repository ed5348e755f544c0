from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config import views
from config.sitemaps import SITEMAPS

admin.site.site_header = _("Meldpunt Schoolexterne Interventies")
admin.site.site_title = _("Meldpunt SI beheer")
admin.site.index_title = _("Beheer")
admin.site.site_url = "/"

urlpatterns = [
    path("", views.home, name="home"),
    path("over-ons/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("meldpunt.urls")),
    path("", include("netwerk.urls")),
    path("", include("nieuwsbrief.urls")),
    path("api/hsds/", include("meldpunt.api_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
