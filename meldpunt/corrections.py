"""Public "Meld een wijziging" form. (Being built.)"""

from django.http import Http404


def report_change(request, slug):
    raise Http404
