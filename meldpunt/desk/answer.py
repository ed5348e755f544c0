"""The provider's answer page behind the signed link in a dispatch mail: no account needed.

The link (``links.answer_url``) carries a ``TimestampSigner`` signature over the dispatch's
UUID, valid ``REFERRAL_ANSWER_LINK_DAYS`` days. Behind it (GET shows, POST acts, like the
fiche verification page in ``meldpunt.verification``):

- a pending dispatch: the reference, the offer and the non-identifying context of the mail
  (``flow.dispatch_context``: age, education, the school's municipality, reason, the CLB
  contact), never the pupil's name; the answer (accept / waiting list with weeks / refuse
  with a reason, an optional note) goes through ``flow.record_answer``;
- an answered dispatch: the answer given, no second answer;
- a dispatch the desk withdrew, or a closed case: says so;
- an expired link: a friendly 410 with the reference and how to reach the desk;
- a tampered or malformed link: a Dutch 404.

The link is a key: the page is never cached (``never_cache``: no-store) or indexed, and its
address never leaves as a referrer.
"""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from meldpunt.desk import flow, links
from meldpunt.desk.answer_forms import DispatchAnswerForm
from meldpunt.desk.models import Dispatch, DispatchAnswer

REFERRER_POLICY = "strict-origin"


def _page(request, template, context, status=200):
    context = {"desk_email": settings.MELDPUNT_DESK_EMAIL, **context}
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token in the address must never leave in a Referer header, not even to this site:
    # only the origin is sent. ("no-referrer" would make browsers send "Origin: null" with
    # the form's POST, which Django's CSRF check rightly refuses.)
    response["Referrer-Policy"] = REFERRER_POLICY
    return response


def _dispatch(key):
    return (
        Dispatch.objects.select_related(
            "referral",
            "referral__school_municipality",
            "referral__education_level",
            "intervention",
            "provider",
            "decline_reason",
        )
        .filter(uuid=key)
        .first()
    )


def _expired(request, token):
    """The 410 page; names the reference when the (genuine but old) token still tells which."""
    try:
        key = signing.TimestampSigner(salt=links.ANSWER_SALT).unsign(token)
        sent = _dispatch(key)
    except (signing.BadSignature, ValidationError):
        sent = None
    return _page(
        request,
        "meldpunt/desk/answer_expired.html",
        {"dispatch": sent, "link_days": settings.REFERRAL_ANSWER_LINK_DAYS},
        status=410,
    )


def _invalid(request):
    return _page(request, "meldpunt/desk/answer_invalid.html", {}, status=404)


def _context(sent):
    context = flow.dispatch_context(sent)
    context.pop("answer_url", None)  # the page itself
    return context


def _answered(request, sent, status=200):
    return _page(request, "meldpunt/desk/answer_done.html", _context(sent), status=status)


def _closed(request, sent, status=200):
    return _page(request, "meldpunt/desk/answer_closed.html", _context(sent), status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    try:
        key = links.read_answer_token(token)
    except signing.SignatureExpired:
        return _expired(request, token)
    except signing.BadSignature:
        return _invalid(request)
    sent = _dispatch(key)
    if sent is None:
        return _invalid(request)

    acting = request.method == "POST"
    # 409 Conflict when someone tries to answer what can no longer be answered.
    refused_status = 409 if acting else 200
    if sent.answer == DispatchAnswer.WITHDRAWN:
        return _closed(request, sent, status=refused_status)
    if sent.answer != DispatchAnswer.PENDING:
        if acting:
            messages.warning(
                request,
                _("Op deze aanmelding is al geantwoord; het eerdere antwoord blijft gelden."),
            )
        return _answered(request, sent, status=refused_status)
    if sent.referral.is_closed:
        return _closed(request, sent, status=refused_status)

    form = DispatchAnswerForm()
    status = 200
    if acting:
        form = DispatchAnswerForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                flow.record_answer(
                    sent,
                    data["answer"],
                    waiting_weeks=data["waiting_weeks"],
                    decline_reason=data["decline_reason"],
                    note=data["note"],
                )
            except ValidationError as error:
                # Answered or withdrawn in the meantime, by a colleague or the desk?
                sent = _dispatch(key)
                if sent.answer == DispatchAnswer.WITHDRAWN or sent.referral.is_closed:
                    return _closed(request, sent, status=409)
                if sent.answer != DispatchAnswer.PENDING:
                    messages.warning(request, _("Op deze aanmelding is intussen al geantwoord."))
                    return _answered(request, sent, status=409)
                form.add_error(None, error)
                return _form_page(request, sent, form, status=400)
            messages.success(
                request,
                _("Bedankt! Het Meldpunt heeft uw antwoord op %(reference)s ontvangen.")
                % {"reference": sent.referral.reference},
            )
            return redirect(request.path)
        status = 400
    return _form_page(request, sent, form, status=status)


def _form_page(request, sent, form, status=200):
    return _page(
        request,
        "meldpunt/desk/answer.html",
        {**_context(sent), "form": form, "link_days": settings.REFERRAL_ANSWER_LINK_DAYS},
        status=status,
    )
