"""Site-wide pages: home, about, privacy, accessibility, robots, health."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from config.navigation import url_or_none


@require_GET
def home(request):
    return render(
        request,
        "pages/home.html",
        {
            "search_url": url_or_none("meldpunt:search"),
            "referral_url": url_or_none("meldpunt:referral"),
        },
    )


@require_GET
def about(request):
    return render(request, "pages/about.html")


@require_GET
def privacy(request):
    # The periods the code applies (meldpunt.desk.retention), so the page never promises
    # another number than the purge keeps.
    return render(
        request,
        "pages/privacy.html",
        {
            "referral_retention_months": settings.REFERRAL_RETENTION_MONTHS,
            "access_log_months": settings.REFERRAL_ACCESS_LOG_MONTHS,
            "sent_mail_days": settings.MAIL_SENT_KEEP_DAYS,
            "login_log_months": settings.LOGIN_LOG_MONTHS,
            "registration_retention_months": settings.REGISTRATION_RETENTION_MONTHS,
        },
    )


@require_GET
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /aanmelden/status/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not (for the proxy and monitoring)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
