"""Public forms of the desk and the referrer's status page (to be built)."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse("Nog niet beschikbaar.", status=501)


referral_form = consult_form = contact_form = status = _todo
