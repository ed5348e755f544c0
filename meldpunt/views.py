"""Directory pages: search, fiche, provider. (Being built.)"""

from django.http import Http404


def search(request):
    raise Http404


def intervention_detail(request, slug):
    raise Http404


def provider_detail(request, slug):
    raise Http404
