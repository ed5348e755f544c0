"""Shortlist without account. (Being built.)"""

from django.http import Http404


def selection(request):
    raise Http404


def add(request):
    raise Http404


def remove(request):
    raise Http404
