"""The yearly report (to be built)."""

from django.http import HttpResponse


def report_view(request):
    return HttpResponse("Nog niet beschikbaar.", status=501)


def report_export(request, fmt):
    return HttpResponse("Nog niet beschikbaar.", status=501)
