"""Providers verify their fiche through a signed link. (Being built.)"""

from django.http import Http404


def verify(request, token):
    raise Http404
