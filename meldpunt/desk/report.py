"""The yearly report of the desk (``/beheer/jaarrapport/``), for the Meldpunt only.

One page per school year (``?jaar=2025`` is 2025–2026; without it the current school year),
next to the year before: every table of ``report_figures`` with its chart
(``report_charts``), and exports of all tables as CSV and XLSX (``report_exports``).

Two versions of the same figures:

- **intern** (the page by default): exact counts, for the desk's own work;
- **voor buiten het Meldpunt** (``?extern=1`` on the page, the printable version ``?print=1``
  and every export unless ``?intern=1``): counts from 1 to 4 as "<5", 0 as 0, a median over
  fewer than 5 trajectories as "–". The page says which version it shows, and the internal
  export carries "INTERN" in its header and file name.

Access: the Meldpunt group (permission ``meldpunt.view_referral``) and superusers; anonymous
visitors go to the admin login, every other account gets 403, for the page and each export.
Every response is sent ``Cache-Control: no-store``; every export is written to the view log
(``ReferralView``, action "export", without a case).
"""

from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from meldpunt.desk import report_charts, report_exports
from meldpunt.desk.models import ReferralView
from meldpunt.desk.report_figures import (
    FIRST_YEAR,
    build_report,
    current_school_year,
    school_year_label,
    years_with_data,
)

PERMISSION = "meldpunt.view_referral"
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def meldpunt_only(view):
    """Anonymous → the admin login; staff without the desk's permission → 403; no-store."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not (user.is_active and user.is_staff and user.has_perm(PERMISSION)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(require_GET(wrapper))


class BadYear(ValueError):
    pass


def requested_year(request):
    """The school year asked for (its starting year); ``BadYear`` with a Dutch message."""
    current = current_school_year()
    raw = request.GET.get("jaar", "").strip()
    if not raw:
        return current
    try:
        year = int(raw)
    except ValueError:
        raise BadYear(_("Kies een schooljaar met het beginjaar, bijvoorbeeld %(year)s voor "
                        "%(label)s.") % {"year": current, "label": school_year_label(current)})
    if not FIRST_YEAR <= year <= current:
        raise BadYear(_("Er is geen rapport voor het schooljaar %(label)s: kies een schooljaar "
                        "van %(first)s tot nu.") % {"label": school_year_label(year),
                                                     "first": school_year_label(FIRST_YEAR)})
    return year


def _flag(request, name):
    return request.GET.get(name) == "1"


def _url(name, *args, **params):
    url = reverse(f"meldpunt:{name}", args=args)
    query = urlencode({key: value for key, value in params.items() if value is not None})
    return f"{url}?{query}" if query else url


def _display_table(table, extern):
    rows = [
        {
            "label": row.label,
            "cells": [report_charts.format_value(value) for value in table.cells(row, extern)],
            "is_total": row.is_total,
        }
        for row in table.rows
    ]
    display = {
        "table": table,
        "body": [row for row in rows if not row["is_total"]],
        "foot": [row for row in rows if row["is_total"]],
        "chart": report_charts.bar_chart(table, extern) if not table.map else "",
        "map": None,
        "legend": [],
        "colspan": len(table.columns) + 1,
    }
    if table.map and table.has_data:
        display["map"], display["legend"] = report_charts.municipality_map(table, extern)
    return display


@meldpunt_only
def report_view(request):
    try:
        year = requested_year(request)
    except BadYear as error:
        context = {**admin.site.each_context(request), "title": _("Jaarrapport"),
                   "error": str(error), "report_url": reverse("meldpunt:report")}
        return render(request, "meldpunt/desk/report_invalid.html", context, status=400)
    printing = _flag(request, "print")
    extern = printing or _flag(request, "extern")
    report = build_report(year)
    current = current_school_year()
    years = sorted({y for y in years_with_data() if y <= current} | {current}, reverse=True)
    context = {
        **admin.site.each_context(request),
        "title": _("Jaarrapport %(year)s") % {"year": report.label},
        "report": report,
        "year": year,
        "years": [(y, school_year_label(y)) for y in years],
        "extern": extern,
        "printing": printing,
        "key_figures": _display_table(report.key_figures, extern),
        "sections": [
            {"section": section,
             "tables": [_display_table(table, extern) for table in section.tables],
             # A heading per table when the section holds several.
             "headings": len(section.tables) > 1}
            for section in report.sections
        ],
        "intern_url": _url("report", jaar=year),
        "extern_url": _url("report", jaar=year, extern=1),
        "print_url": _url("report", jaar=year, print=1),
        "exports": [
            {"format": fmt.upper(),
             "extern_url": _url("report_export", fmt, jaar=year),
             "intern_url": _url("report_export", fmt, jaar=year, intern=1)}
            for fmt in EXPORT_TYPES
        ],
    }
    if printing:
        context["is_nav_sidebar_enabled"] = False
    return render(request, "meldpunt/desk/report.html", context)


@meldpunt_only
def report_export(request, fmt):
    if fmt not in EXPORT_TYPES:
        raise Http404(_("Kies CSV of XLSX."))
    try:
        year = requested_year(request)
    except BadYear as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    extern = not _flag(request, "intern")
    report = build_report(year)
    content = (report_exports.as_csv if fmt == "csv" else report_exports.as_xlsx)(
        report, extern
    )
    ReferralView.objects.create(
        referral=None, user=request.user, action=ReferralView.Action.EXPORT,
        path=request.get_full_path()[:300],
    )
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{report_exports.filename(report, extern, fmt)}"'
    )
    return response
