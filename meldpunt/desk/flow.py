"""Every change of a case goes through here: status, dispatches, answers, notes, closure.

Each function saves first, writes one ``ReferralEvent`` (with who did it) and only then
queues mail, in the same transaction (``netwerk.emails.queue``): a mail server that is down
never loses or duplicates a case. The public text of an event is what the referrer reads on
the status page; notes never leave the admin.

The case status follows the flow new → in review → dispatched → accepted / waiting list /
refused → started / not started → closed. With several dispatch attempts, the case shows the
most advanced answer: accepted over waiting list over pending over refused.
"""

import hashlib
import hmac
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from meldpunt.desk import links
from meldpunt.desk.models import (
    REFERENCE_PREFIX,
    Dispatch,
    DispatchAnswer,
    EventKind,
    Referral,
    ReferralEvent,
    ReferralKind,
    ReferralStatus,
    ReferenceCounter,
)
from meldpunt.models import CapacityStatus
from netwerk import emails
from netwerk.geography import normalise
from netwerk.roles import MELDPUNT

PROVIDER_LABEL = "aanbieder via link"
REFERRER_LABEL = "aanmelder"
SYSTEM_LABEL = "systeem"


# --- references, repeat keys, working days ----------------------------------------------------


def next_reference(year):
    """The next free reference of ``year``: MSI-2026-0042 (serialised per year)."""
    with transaction.atomic():
        counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
        ReferenceCounter.objects.filter(pk=year).update(last=F("last") + 1)
        counter.refresh_from_db()
    return f"{REFERENCE_PREFIX}-{year}-{counter.last:04d}"


def repeat_key(first_name, initial, birth_year, birth_month, gender):
    """A keyed hash that recognises a repeat referral of the same pupil ("" when incomplete).

    Keyed (HMAC), so the hash cannot be reversed by trying names; normalised, so "Zoë" and
    "zoe" match. Purged with the pupil data.
    """
    first_name = normalise(first_name or "")
    initial = normalise(initial or "")[:1]
    if not (first_name and initial and birth_year and birth_month):
        return ""
    message = f"{first_name}|{initial}|{birth_year:04d}-{birth_month:02d}|{gender or '?'}"
    if settings.REFERRAL_HASH_KEY:
        key = settings.REFERRAL_HASH_KEY.encode()
        return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
    return salted_hmac("meldpunt.desk.repeat", message, algorithm="sha256").hexdigest()


def first_case_of(referral):
    """The pupil's first case among the not purged ones with the same repeat key (or None)."""
    if not referral.repeat_key:
        return None
    first = (
        Referral.objects.not_purged()
        .filter(repeat_key=referral.repeat_key)
        .exclude(pk=referral.pk)
        .order_by("created_at", "pk")
        .values_list("pupil_case_id", "pk")
        .first()
    )
    if first is None:
        return None
    pupil_case_id, pk = first
    return pupil_case_id or pk


def rekey(referral):
    """Recompute the repeat key and the pupil's first case from the pupil fields (not saved)."""
    referral.repeat_key = repeat_key(
        referral.pupil_first_name,
        referral.pupil_initial,
        referral.pupil_birth_year,
        referral.pupil_birth_month,
        referral.pupil_gender,
    )
    referral.pupil_case_id = first_case_of(referral)


def link_pupil_cases(referrals):
    """Point every case in ``referrals`` with a repeat key at the pupil's first case.

    For data written in bulk (benchmarks, demo), where ``register`` did not run in order.
    """
    firsts, changed = {}, []
    rows = referrals.exclude(repeat_key="").order_by("created_at", "pk")
    for case in rows.only("pk", "repeat_key", "pupil_case"):
        first = firsts.setdefault(case.repeat_key, case.pk)
        pupil_case_id = None if first == case.pk else first
        if case.pupil_case_id != pupil_case_id:
            case.pupil_case_id = pupil_case_id
            changed.append(case)
    Referral.objects.bulk_update(changed, ["pupil_case"], batch_size=1000)


def repeats(referral):
    """Earlier or later cases of the same pupil (not purged), newest first."""
    if not referral.repeat_key:
        return Referral.objects.none()
    return (
        Referral.objects.not_purged()
        .filter(repeat_key=referral.repeat_key)
        .exclude(pk=referral.pk)
        .order_by("-created_at")
    )


def easter(year):
    """Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year):
    """Belgium's ten legal public holidays."""
    sunday = easter(year)
    return {
        date(year, 1, 1),
        sunday + timedelta(days=1),  # Easter Monday
        date(year, 5, 1),
        sunday + timedelta(days=39),  # Ascension
        sunday + timedelta(days=50),  # Whit Monday
        date(year, 7, 21),
        date(year, 8, 15),
        date(year, 11, 1),
        date(year, 11, 11),
        date(year, 12, 25),
    }


def is_working_day(day):
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start, days):
    """The date ``days`` working days after ``start`` (weekends and public holidays skipped)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


# --- events and notifications ---------------------------------------------------------------


def log(referral, kind, actor=None, actor_label="", status="", dispatch=None, public_text="",
        note=""):
    """Append one event to the case's timeline."""
    return ReferralEvent.objects.create(
        referral=referral,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label if actor is None else "",
        status=status,
        dispatch=dispatch,
        public_text=public_text,
        is_public=bool(public_text),
        note=note,
    )


def desk_addresses():
    """Where the desk's notifications go: MELDPUNT_DESK_EMAIL, else the Meldpunt group."""
    if settings.MELDPUNT_DESK_EMAIL:
        return [settings.MELDPUNT_DESK_EMAIL]
    group = Group.objects.filter(name=MELDPUNT).first()
    if group is None:
        return []
    return sorted(
        group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )


def _notify_desk(kind, referral, key, **context):
    emails.queue(
        kind,
        desk_addresses(),
        {"referral": referral, "admin_url": links.admin_url(referral), **context},
        key=key,
    )


def _set_status(referral, status, actor=None, actor_label="", public_text="", note="",
                dispatch=None, kind=EventKind.STATUS):
    referral.status = status
    referral.save(update_fields=["status", "updated_at"])
    return log(referral, kind, actor=actor, actor_label=actor_label, status=status,
               dispatch=dispatch, public_text=public_text, note=note)


# --- the flow --------------------------------------------------------------------------------


def _submitted(submission_key):
    """The case a form submission with this one-time key already created, if any."""
    if not submission_key:
        return None
    return Referral.objects.filter(submission_key=submission_key).first()


@transaction.atomic
def register(referral, reasons=(), preferred=(), submission_key=None):
    """Save a new case from a public form; the referrer gets a reference and a status link.

    With a ``submission_key`` already used (a double submit), the existing case is returned
    and nothing is created or sent twice. Returns ``(referral, created)``.
    """
    existing = _submitted(submission_key)
    if existing is not None:
        return existing, False
    now = timezone.now()
    referral.created_at = referral.created_at or now
    referral.submission_key = submission_key or None
    rekey(referral)
    referral.status = ReferralStatus.NEW
    try:
        with transaction.atomic():
            referral.reference = next_reference(timezone.localtime(referral.created_at).year)
            referral.save()
    except IntegrityError:
        # The same submission saved by a concurrent request in the meantime: that one counts
        # (and the savepoint gave its reference number back).
        referral.reference = ""
        existing = _submitted(submission_key)
        if existing is None:
            raise
        return existing, False
    referral.reasons.set(reasons)
    referral.preferred_interventions.set(preferred)
    log(
        referral,
        EventKind.RECEIVED,
        actor_label=REFERRER_LABEL,
        status=ReferralStatus.NEW,
        public_text=_("Ontvangen door het Meldpunt."),
    )
    emails.queue(
        "referral-received",
        referral.referrer_email,
        {"referral": referral, "status_url": links.status_url(referral)},
        key=f"referral-received:{referral.uuid}",
    )
    _notify_desk("desk-new-referral", referral, key=f"desk-new-referral:{referral.uuid}")
    return referral, True


@transaction.atomic
def take_in_review(referral, actor, note=""):
    if referral.status != ReferralStatus.NEW:
        raise ValidationError(_("Alleen een nieuwe aanmelding kan in behandeling gaan."))
    if referral.assigned_to_id is None:
        referral.assigned_to = actor
        referral.save(update_fields=["assigned_to", "updated_at"])
    return _set_status(referral, ReferralStatus.IN_REVIEW, actor=actor, note=note,
                       public_text=_("Het Meldpunt bekijkt de aanmelding."))


@transaction.atomic
def dispatch(referral, intervention, actor, note="", today=None):
    """Send the case to the provider of ``intervention``; returns the new ``Dispatch``.

    The provider gets the reference, the offer, the CLB contact and non-identifying context,
    never the pupil's name, and a signed link to answer.
    """
    if referral.is_closed:
        raise ValidationError(_("Een afgesloten aanmelding kan niet meer doorgestuurd worden."))
    if referral.kind != ReferralKind.REFERRAL:
        raise ValidationError(_("Alleen een aanmelding van een leerling wordt doorgestuurd."))
    if referral.dispatches.pending().filter(intervention=intervention).exists():
        raise ValidationError(_("Dit aanbod wacht nog op een antwoord over deze aanmelding."))
    today = today or timezone.localdate()
    sent = Dispatch.objects.create(
        referral=referral,
        intervention=intervention,
        provider=intervention.provider,
        sent_by=actor,
        due_on=add_working_days(today, settings.REFERRAL_ANSWER_WORKING_DAYS),
    )
    if referral.assigned_to_id is None:
        referral.assigned_to = actor
        referral.save(update_fields=["assigned_to", "updated_at"])
    _set_status(
        referral,
        _status_from_dispatches(referral, sent=sent),
        actor=actor,
        note=note,
        dispatch=sent,
        kind=EventKind.DISPATCHED,
        public_text=_("Doorgestuurd naar %(provider)s (%(intervention)s).")
        % {"provider": sent.provider.name, "intervention": intervention.name},
    )
    emails.queue(
        "dispatch-request",
        sent.provider.email,
        dispatch_context(sent),
        key=f"dispatch-request:{sent.uuid}",
    )
    return sent


def dispatch_context(sent):
    """What the provider's mails may say: never the pupil's name or birth month."""
    referral = sent.referral
    return {
        "dispatch": sent,
        "referral": referral,
        "age": referral.age_on(timezone.localdate()),
        "reasons": [str(reason) for reason in referral.reasons.all()],
        "answer_url": links.answer_url(sent),
    }


def _status_from_dispatches(referral, sent=None):
    """The status the dispatches give the case: its most advanced answer.

    Once the desk recorded whether a trajectory started, only dispatches sent after that count:
    a late answer to an older dispatch does not turn a started case back into "accepted",
    while a new attempt after "not started" moves the case on again. ``sent`` is a dispatch
    being created (its event is not written yet).
    """
    dispatches = referral.dispatches.all()
    decided = (
        referral.events.filter(status__in=[ReferralStatus.STARTED, ReferralStatus.NOT_STARTED])
        .order_by("-pk")
        .first()
    )
    if decided is not None:
        later = referral.events.filter(kind=EventKind.DISPATCHED, pk__gt=decided.pk)
        counted = Q(pk__in=later.values("dispatch"))
        if sent is not None:
            counted |= Q(pk=sent.pk)
        dispatches = dispatches.filter(counted)
    answers = set(dispatches.values_list("answer", flat=True))
    for answer, status in [
        (DispatchAnswer.ACCEPTED, ReferralStatus.ACCEPTED),
        (DispatchAnswer.WAITING_LIST, ReferralStatus.WAITING_LIST),
        (DispatchAnswer.PENDING, ReferralStatus.DISPATCHED),
        (DispatchAnswer.REFUSED, ReferralStatus.REFUSED),
    ]:
        if answer in answers:
            return status
    return decided.status if decided is not None else ReferralStatus.IN_REVIEW


ANSWER_TEXTS = {
    DispatchAnswer.ACCEPTED: "%(provider)s aanvaardt de aanmelding.",
    DispatchAnswer.WAITING_LIST: "%(provider)s plaatst de leerling op de wachtlijst.",
    DispatchAnswer.REFUSED: "%(provider)s kan de aanmelding niet opnemen.",
}


@transaction.atomic
def record_answer(dispatch, answer, waiting_weeks=None, decline_reason=None, note="",
                  actor=None, actor_label=PROVIDER_LABEL):
    """The provider's answer (through the link, or entered by staff after a phone call).

    A dispatch is answered once; a second answer raises ``ValidationError``. A waiting-list
    answer also updates the offer's capacity, live on the site at once.
    """
    dispatch = Dispatch.objects.select_for_update().select_related(
        "referral", "intervention", "provider"
    ).get(pk=dispatch.pk)
    if dispatch.answer != DispatchAnswer.PENDING:
        raise ValidationError(_("Op deze doorverwijzing is al geantwoord."))
    if answer not in ANSWER_TEXTS:
        raise ValidationError(_("Kies aanvaarden, wachtlijst of weigeren."))
    if answer == DispatchAnswer.REFUSED and decline_reason is None:
        raise ValidationError(_("Geef een reden voor de weigering."))
    dispatch.answer = answer
    dispatch.answered_at = timezone.now()
    dispatch.waiting_weeks = waiting_weeks if answer == DispatchAnswer.WAITING_LIST else None
    dispatch.decline_reason = decline_reason if answer == DispatchAnswer.REFUSED else None
    dispatch.answer_note = note
    dispatch.save()
    if answer == DispatchAnswer.WAITING_LIST:
        intervention = dispatch.intervention
        intervention.set_capacity(CapacityStatus.WAITING_LIST, waiting_weeks)
        intervention.save()
    referral = dispatch.referral
    _set_status(
        referral,
        _status_from_dispatches(referral),
        actor=actor,
        actor_label=actor_label,
        dispatch=dispatch,
        kind=EventKind.ANSWERED,
        public_text=_(ANSWER_TEXTS[answer]) % {"provider": dispatch.provider.name},
    )
    _notify_desk(
        "desk-dispatch-answered", referral, key=f"desk-dispatch-answered:{dispatch.uuid}",
        dispatch=dispatch,
    )
    return dispatch


@transaction.atomic
def withdraw(dispatch, actor, note=""):
    """The desk withdraws a pending dispatch (the pupil was placed elsewhere, say)."""
    if dispatch.answer != DispatchAnswer.PENDING:
        raise ValidationError(_("Alleen een doorverwijzing zonder antwoord kan ingetrokken worden."))
    dispatch.answer = DispatchAnswer.WITHDRAWN
    dispatch.answered_at = timezone.now()
    dispatch.save(update_fields=["answer", "answered_at"])
    referral = dispatch.referral
    return _set_status(referral, _status_from_dispatches(referral), actor=actor, note=note,
                       dispatch=dispatch)


@transaction.atomic
def record_start(referral, started, actor, on_date=None, reason=None, note=""):
    """Whether the trajectory started; "not started" needs a reason from the managed list."""
    if referral.is_closed:
        raise ValidationError(_("Deze aanmelding is al afgesloten."))
    if started:
        referral.started_on = on_date or timezone.localdate()
        referral.not_started_reason = None
        status, text = ReferralStatus.STARTED, _("Het traject is gestart.")
    else:
        if reason is None:
            raise ValidationError(_("Geef een reden waarom het traject niet startte."))
        referral.started_on = None
        referral.not_started_reason = reason
        status, text = ReferralStatus.NOT_STARTED, _("Het traject is niet gestart.")
    referral.save(update_fields=["started_on", "not_started_reason", "updated_at"])
    return _set_status(referral, status, actor=actor, note=note, public_text=text)


@transaction.atomic
def close(referral, outcome, actor, advice_only=False, note=""):
    """Close the case with its outcome; pending dispatches are withdrawn."""
    if referral.is_closed:
        raise ValidationError(_("Deze aanmelding is al afgesloten."))
    if not outcome:
        raise ValidationError(_("Kies de uitkomst bij het afsluiten."))
    for pending in referral.dispatches.pending():
        withdraw(pending, actor)
    referral.outcome = outcome
    referral.advice_only = advice_only
    referral.closed_at = timezone.now()
    referral.save(update_fields=["outcome", "advice_only", "closed_at", "updated_at"])
    text = (
        _("Het Meldpunt beantwoordde de vraag met advies en sloot het dossier af.")
        if advice_only
        else _("Het dossier is afgesloten.")
    )
    return _set_status(referral, ReferralStatus.CLOSED, actor=actor, note=note,
                       public_text=text, kind=EventKind.CLOSED)


@transaction.atomic
def add_note(referral, text, actor):
    """A note for staff only; it never reaches the referrer or the provider."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Een notitie mag niet leeg zijn."))
    return log(referral, EventKind.NOTE, actor=actor, note=text)


@transaction.atomic
def assign(referral, user, actor):
    """Make ``user`` the case manager (dossierbeheerder); noted on the staff-only timeline."""
    referral.assigned_to = user
    referral.save(update_fields=["assigned_to", "updated_at"])
    name = user.get_full_name() or user.get_username()
    return log(referral, EventKind.NOTE, actor=actor,
               note=_("Toegewezen aan %(name)s.") % {"name": name})


# --- reminders -------------------------------------------------------------------------------


def overdue_dispatches(today=None):
    """Pending dispatches past their due date that already got their one reminder."""
    return Dispatch.objects.overdue(today).filter(reminded_at__isnull=False)


def send_reminders(today=None):
    """One reminder per dispatch whose answer is late; returns how many were queued."""
    count = 0
    # Demo cases (made-up providers at example addresses) never mail anyone.
    due = Dispatch.objects.overdue(today).filter(reminded_at__isnull=True, referral__is_demo=False)
    for pending in due.select_related("referral", "intervention", "provider"):
        with transaction.atomic():
            updated = Dispatch.objects.filter(pk=pending.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not updated:
                continue  # reminded by a concurrent run
            log(pending.referral, EventKind.REMINDED, actor_label=SYSTEM_LABEL,
                dispatch=pending)
            emails.queue(
                "dispatch-reminder",
                pending.provider.email,
                dispatch_context(pending),
                key=f"dispatch-reminder:{pending.uuid}",
            )
            count += 1
    return count
