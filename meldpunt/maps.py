"""Coverage map. (Being built.)"""

from django.http import Http404


def coverage_map(request):
    raise Http404
