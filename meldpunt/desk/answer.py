"""The provider's answer page behind a signed link (to be built)."""

from django.http import HttpResponse


def answer(request, token):
    return HttpResponse("Nog niet beschikbaar.", status=501)
