"""The desk's worklists: which cases need which move, as filters on ``Referral``.

Each worklist is one condition (a ``Q`` with ``Exists`` subqueries), so the same definition
filters the admin's list and counts every list in one aggregate query. The lists may overlap:
a started trajectory is running and, once it ends, to close.

- *nieuw*: received, nobody looked at it yet;
- *door te sturen*: in review or refused, a referral of a pupil, no provider asked or
  accepted (after a refusal the desk tries another provider, or closes with advice);
- *wacht op antwoord*: a provider has not answered yet;
- *te laat*: a provider's answer is late and the one reminder went (``flow.overdue_dispatches``);
- *lopend*: accepted, on a waiting list or started;
- *af te sluiten*: not started; started longer than ``FOLLOW_UP_AFTER`` ago (time to ask
  about the outcome); a consult or contact request in review (the desk answers it and
  closes); or accepted / on a waiting list for longer than ``FOLLOW_UP_AFTER`` (the desk
  should ask whether the trajectory started).

Sorted by urgency and age (``ReferralQuerySet.worklist_order``).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meldpunt.desk import flow
from meldpunt.desk.models import Dispatch, DispatchAnswer, Referral, ReferralKind, ReferralStatus

# After this long on "accepted" or "waiting list", the case is followed up (and closed).
FOLLOW_UP_AFTER = timedelta(weeks=8)

S = ReferralStatus


@dataclass(frozen=True)
class Worklist:
    slug: str
    label: str
    description: str
    condition: object  # callable(now) -> Q

    def q(self, now=None):
        return self.condition(now or timezone.now())


def _dispatches(**filters):
    return Exists(Dispatch.objects.filter(referral=OuterRef("pk"), **filters))


def _new(now):
    return Q(status=S.NEW)


def _to_dispatch(now):
    return Q(status__in=[S.IN_REVIEW, S.REFUSED], kind=ReferralKind.REFERRAL) & ~_dispatches(
        answer__in=[DispatchAnswer.PENDING, DispatchAnswer.ACCEPTED]
    )


def _waiting_for_answer(now):
    return ~Q(status=S.CLOSED) & _dispatches(answer=DispatchAnswer.PENDING)


def _overdue(now):
    overdue = flow.overdue_dispatches(timezone.localdate(now)).filter(referral=OuterRef("pk"))
    return ~Q(status=S.CLOSED) & Exists(overdue)


def _running(now):
    return Q(status__in=[S.ACCEPTED, S.WAITING_LIST, S.STARTED])


def _to_close(now):
    answered_recently = _dispatches(
        answer__in=[DispatchAnswer.ACCEPTED, DispatchAnswer.WAITING_LIST],
        answered_at__gte=now - FOLLOW_UP_AFTER,
    )
    started_long_ago = Q(started_on__lte=timezone.localdate(now) - FOLLOW_UP_AFTER)
    return (
        Q(status=S.NOT_STARTED)
        | (Q(status=S.STARTED) & started_long_ago)
        | (Q(status=S.IN_REVIEW) & ~Q(kind=ReferralKind.REFERRAL))
        | (Q(status__in=[S.ACCEPTED, S.WAITING_LIST]) & ~answered_recently)
    )


WORKLISTS = [
    Worklist("nieuw", _("nieuw"), _("Ontvangen, nog niet in behandeling."), _new),
    Worklist(
        "door-te-sturen",
        _("door te sturen"),
        _("In behandeling of geweigerd; nog geen aanbieder gevraagd of akkoord."),
        _to_dispatch,
    ),
    Worklist(
        "wacht-op-antwoord",
        _("wacht op antwoord"),
        _("Een aanbieder heeft nog niet geantwoord."),
        _waiting_for_answer,
    ),
    Worklist(
        "te-laat",
        _("antwoord te laat"),
        _("Het antwoord is te laat, ook na de herinnering: bel de aanbieder."),
        _overdue,
    ),
    Worklist(
        "lopend",
        _("lopend"),
        _("Aanvaard, op de wachtlijst of gestart."),
        _running,
    ),
    Worklist(
        "af-te-sluiten",
        _("af te sluiten"),
        _(
            "Niet gestart of al lang gestart; een vraag naar overleg of van ouders in "
            "behandeling; of al lang aanvaard of op de wachtlijst."
        ),
        _to_close,
    ),
]
BY_SLUG = {worklist.slug: worklist for worklist in WORKLISTS}


def get(slug):
    """The worklist called ``slug``, or None."""
    return BY_SLUG.get(slug)


def filter_worklist(queryset, slug, now=None):
    """``queryset`` restricted to the worklist ``slug`` (KeyError for an unknown slug)."""
    return queryset.filter(BY_SLUG[slug].q(now))


def counts(queryset=None, now=None):
    """{slug: number of cases} for every worklist, in one query."""
    queryset = Referral.objects.all() if queryset is None else queryset
    now = now or timezone.now()
    totals = queryset.aggregate(
        **{
            worklist.slug: Count("pk", filter=worklist.q(now))
            for worklist in WORKLISTS
        }
    )
    return {worklist.slug: totals[worklist.slug] or 0 for worklist in WORKLISTS}
