"""Benchmark referrals: many cases, fast and reproducible (``generate_bench_data --referrals``).

Every case gets a whole life planned at once — received, in review, one to three dispatch
attempts with their answers (and a reminder when an answer is late), started or not, closed
with an outcome — and then cut off at ``now``: what would happen later is dropped. So recent
cases are open in every status and old ones are closed, like at a real desk, spread over three
school years (the current one and the two before).

Rows are written with ``bulk_create`` (no flow calls, no mail), in the order the flow would
write them, with the flow's public texts. Bench cases are marked by a submission key starting
with ``bench-`` and a reference ``BENCH-<year>-<number>`` (never in the MSI series), so a run
replaces exactly the previous bench cases and nothing else. The same seed gives the same cases
on any database.
"""

import random
import uuid
from datetime import datetime, time, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from meldpunt.desk import flow
from meldpunt.desk.demo import LEVELS, PUPILS, school_year_start
from meldpunt.desk.models import (
    CarePhase,
    ConsentBy,
    ConsultKind,
    DeclineReason,
    Dispatch,
    DispatchAnswer,
    EventKind,
    Outcome,
    Referral,
    ReferralEvent,
    ReferralKind,
    ReferralReason,
    ReferralStatus,
    Urgency,
)
from meldpunt.models import EducationLevel, Intervention, PublicationStatus
from netwerk.geography import normalise
from netwerk.models import Municipality, Organisation, OrganisationKind

KEY_PREFIX = "bench-"
CLB_PREFIX = "bench-clb-"
REFERENCE_PREFIX = "BENCH"
BATCH = 1000
CLB_COUNT = 20
YEARS = 3

INITIALS = "ABCDEFGHIJKLMNOPRSTVWZ"
OUTCOMES = [choice for choice, _label in Outcome.choices]
TEXT = {
    "received": "Ontvangen door het Meldpunt.",
    "review": "Het Meldpunt bekijkt de aanmelding.",
    "dispatch": "Doorgestuurd naar {provider} ({intervention}).",
    DispatchAnswer.ACCEPTED: flow.ANSWER_TEXTS[DispatchAnswer.ACCEPTED],
    DispatchAnswer.WAITING_LIST: flow.ANSWER_TEXTS[DispatchAnswer.WAITING_LIST],
    DispatchAnswer.REFUSED: flow.ANSWER_TEXTS[DispatchAnswer.REFUSED],
    "started": "Het traject is gestart.",
    "not_started": "Het traject is niet gestart.",
    "closed": "Het dossier is afgesloten.",
    "advice": "Het Meldpunt beantwoordde de vraag met advies en sloot het dossier af.",
}
QUESTIONS = [
    "Welk aanbod helpt deze leerling om opnieuw naar school te gaan?",
    "De school zoekt een time-out met een duidelijk terugkeerplan.",
    "We zoeken begeleiding rond motivatie en studiekeuze.",
    "Kan een aanbieder de leerling en het gezin ondersteunen?",
]
ANSWER_ORDER = [DispatchAnswer.ACCEPTED, DispatchAnswer.WAITING_LIST, DispatchAnswer.PENDING,
                DispatchAnswer.REFUSED]


@lru_cache(maxsize=4096)
def _due_on(day):
    return flow.add_working_days(day, settings.REFERRAL_ANSWER_WORKING_DAYS)


def clear_bench_referrals():
    """Delete the bench cases (their dispatches, timelines and lists go with them)."""
    with transaction.atomic():
        cases = Referral.objects.filter(submission_key__startswith=KEY_PREFIX)
        count = cases.count()
        ReferralEvent.objects.filter(referral__in=cases).delete()
        Dispatch.objects.filter(referral__in=cases).delete()
        for field in ("reasons", "preferred_interventions"):
            getattr(Referral, field).through.objects.filter(referral__in=cases).delete()
        cases.delete()
        Organisation.objects.filter(slug__startswith=CLB_PREFIX).delete()
    return count


def generate_bench_referrals(count, seed=1, now=None):
    """Replace the bench cases with ``count`` new ones; returns counts for the summary."""
    now = now or timezone.now()
    rng = random.Random(seed)
    context = _Context(rng, now, count)
    with transaction.atomic():
        replaced = clear_bench_referrals()
        context.load()
        cases = [_Case(context, number, count) for number in range(1, count + 1)]
        Referral.objects.bulk_create([case.referral for case in cases], batch_size=BATCH)
        # Primary keys by key: not every backend returns them from bulk_create.
        ids = dict(
            Referral.objects.filter(submission_key__startswith=KEY_PREFIX).values_list(
                "submission_key", "pk"
            )
        )
        for case in cases:
            case.referral.pk = ids[case.referral.submission_key]
        reasons = Referral.reasons.through
        reasons.objects.bulk_create(
            [reasons(referral_id=case.referral.pk, referralreason_id=reason)
             for case in cases for reason in case.reasons],
            batch_size=BATCH,
        )
        preferred = Referral.preferred_interventions.through
        preferred.objects.bulk_create(
            [preferred(referral_id=case.referral.pk, intervention_id=intervention)
             for case in cases for intervention in case.preferred],
            batch_size=BATCH,
        )
        dispatches = [d for case in cases for d in case.dispatches]
        for dispatch in dispatches:
            dispatch.referral_id = dispatch.referral.pk
        Dispatch.objects.bulk_create(dispatches, batch_size=BATCH)
        dispatch_ids = dict(
            Dispatch.objects.filter(referral__submission_key__startswith=KEY_PREFIX).values_list(
                "uuid", "pk"
            )
        )
        events = []
        for case in cases:
            for event in case.events:
                event.referral_id = case.referral.pk
                if event.dispatch is not None:
                    event.dispatch_id = dispatch_ids[event.dispatch.uuid]
                events.append(event)
        ReferralEvent.objects.bulk_create(events, batch_size=BATCH)
        # bulk_create stamps auto_now fields with the current time: the last step's instead.
        last = ReferralEvent.objects.filter(referral=OuterRef("pk")).order_by("-at").values("at")
        Referral.objects.filter(submission_key__startswith=KEY_PREFIX).update(
            updated_at=Subquery(last[:1])
        )
    flow.link_pupil_cases(Referral.objects.filter(submission_key__startswith=KEY_PREFIX))
    analyze(Referral, Referral.reasons.through, Referral.preferred_interventions.through,
            Dispatch, ReferralEvent)
    first_year = school_year_start(timezone.localdate(now)).year - YEARS + 1
    return {
        "referrals": count,
        "dispatches": len(dispatches),
        "events": len(events),
        "replaced": replaced,
        "years": f"{first_year}-{first_year + 1} tot {first_year + YEARS - 1}-{first_year + YEARS}",
    }


class _Context:
    """The lists a case picks from, read once."""

    def __init__(self, rng, now, count):
        self.rng = rng
        self.count = count
        self.now = now
        self.today = timezone.localdate(now)
        start = school_year_start(self.today)
        self.start = timezone.make_aware(
            datetime.combine(start.replace(year=start.year - YEARS + 1), time(8))
        )
        self.numbers = {}

    def load(self):
        self.municipalities = list(Municipality.objects.order_by("nis_code"))
        if not self.municipalities:
            raise CommandError("Er zijn nog geen gemeenten: draai eerst 'manage.py migrate'.")
        interventions = Intervention.objects.filter(status=PublicationStatus.PUBLISHED)
        bench = interventions.filter(slug__startswith="bench-")
        self.interventions = list(
            (bench if bench.exists() else interventions)
            .order_by("slug")
            .values_list("pk", "provider_id", "name", "provider__name")
        )
        if not self.interventions:
            raise CommandError(
                "Er zijn geen gepubliceerde fiches om naar door te sturen: maak eerst "
                "benchmarkfiches (--interventions)."
            )
        self.levels = list(EducationLevel.objects.order_by("slug").values_list("pk", "slug"))
        self.reasons = list(ReferralReason.objects.order_by("position", "pk").values_list(
            "pk", flat=True))
        self.decline = list(DeclineReason.objects.order_by("position", "pk").values_list(
            "pk", flat=True))
        if not self.decline:
            raise CommandError("De lijst met redenen van weigering is leeg.")
        self.clbs = self._clbs()
        # About one pupil in ten comes back: pick from a pool of made-up returning pupils.
        self.returning = [
            (*self.rng.choice(PUPILS), self.rng.choice(INITIALS), self.rng.randint(1, 12),
             self.rng.randint(2008, 2016))
            for _ in range(max(1, self.count // 20))
        ]

    def _clbs(self):
        rows = []
        for number in range(1, CLB_COUNT + 1):
            municipality = self.rng.choice(self.municipalities)
            name = f"CLB {municipality.name} {number:02d} (bench)"
            rows.append(Organisation(
                uuid=_uuid(self.rng),
                name=name,
                search_name=normalise(name),
                slug=f"{CLB_PREFIX}{number:02d}",
                kind=OrganisationKind.CLB,
                description="Benchmarkgegevens: verzonnen CLB.",
                email=f"onthaal@{CLB_PREFIX}{number:02d}.example.org",
                municipality=municipality,
            ))
        Organisation.objects.bulk_create(rows)
        return list(
            Organisation.objects.filter(slug__startswith=CLB_PREFIX)
            .order_by("slug")
            .select_related("municipality")
        )

    def reference(self, created):
        year = timezone.localtime(created).year
        self.numbers[year] = self.numbers.get(year, 0) + 1
        return f"{REFERENCE_PREFIX}-{year}-{self.numbers[year]:05d}"


def analyze(*models):
    """Fresh planner statistics after a bulk insert, as autovacuum would gather a minute later.

    Without them PostgreSQL plans the report's joins as for empty tables (nested loops over
    10,000 rows: seconds instead of a fraction of one). SQLite needs nothing.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class _Case:
    """One bench case: the referral, its dispatches and its timeline (not saved yet)."""

    def __init__(self, context, number, count):
        self.context = context
        self.rng = rng = context.rng
        self.dispatches, self.events, self.preferred = [], [], []
        span = (context.now - context.start).total_seconds()
        # Cases are numbered in the order they arrive.
        created = context.start + timedelta(seconds=span * (number - 1 + rng.random()) / count)
        self.referral = self._referral(number, created)
        self.reasons = rng.sample(context.reasons, min(len(context.reasons), rng.choice(
            [1, 1, 2, 2, 3])))
        self.clock = created
        self.event("received", EventKind.RECEIVED, ReferralStatus.NEW, created,
                   actor_label=flow.REFERRER_LABEL)
        self.life()

    def _referral(self, number, created):
        rng, context = self.rng, self.context
        clb = rng.choice(context.clbs)
        kind = rng.choices(
            [ReferralKind.REFERRAL, ReferralKind.CONSULT, ReferralKind.CONTACT], [88, 7, 5])[0]
        municipality = rng.choice(context.municipalities)
        values = {
            "uuid": _uuid(rng),
            "reference": context.reference(created),
            "submission_key": f"{KEY_PREFIX}{number:06d}",
            "status_token": f"bench-{rng.getrandbits(128):032x}",
            "kind": kind,
            "urgency": rng.choices(
                [Urgency.NORMAL, Urgency.URGENT, Urgency.CAN_WAIT], [60, 25, 15])[0],
            "referrer_name": f"Medewerker {number} (bench)",
            "referrer_organisation": clb.name,
            "referrer_role": "CLB-medewerker",
            "referrer_email": f"medewerker{number}@{clb.slug}.example.org",
            "clb": clb,
            "school_name": f"School {rng.randint(1, 400):03d} (bench)",
            "school_municipality": municipality,
            "question": rng.choice(QUESTIONS),
            "created_at": created,
        }
        if kind == ReferralKind.REFERRAL:
            values.update(self._pupil(created, municipality))
        elif kind == ReferralKind.CONSULT:
            values["consult_kind"] = rng.choice(ConsultKind.values)
        return Referral(**values)

    def _pupil(self, created, municipality):
        rng, context = self.rng, self.context
        level_pk, slug = rng.choice(context.levels)
        spec = LEVELS.get(slug, (0, (12, 16), ["other"], None))
        _weight, (age_min, age_max), forms, years = spec
        birth_year = timezone.localtime(created).year - rng.randint(age_min, age_max)
        if rng.random() < 0.1:
            first_name, gender, initial, month, birth_year = rng.choice(context.returning)
        else:
            first_name, gender = rng.choice(PUPILS)
            initial, month = rng.choice(INITIALS), rng.randint(1, 12)
        return {
            "pupil_first_name": first_name,
            "pupil_initial": initial,
            "pupil_birth_month": month,
            "pupil_birth_year": birth_year,
            "pupil_gender": gender,
            "pupil_municipality": municipality if rng.random() < 0.7 else rng.choice(
                context.municipalities),
            "education_level_id": level_pk,
            "education_form": rng.choice(forms),
            "school_year": rng.randint(*years) if years else None,
            "disciplinary_procedure": rng.random() < 0.15,
            "in_care": rng.random() < 0.1,
            "care_phase": rng.choices([CarePhase.EXTENDED, CarePhase.INCREASED,
                                       CarePhase.BROAD_BASIC], [80, 15, 5])[0],
            "consent_by": rng.choice(ConsentBy.values),
            "consent_date": timezone.localdate(created),
            "repeat_key": flow.repeat_key(first_name, initial, birth_year, month, gender),
        }

    # The planned life, cut off at now.

    def later(self, low, high):
        """The moment ``low``–``high`` days after the last step; None when it lies ahead."""
        moment = self.clock + timedelta(days=self.rng.uniform(low, high))
        if moment > self.context.now:
            return None
        self.clock = moment
        return moment

    def event(self, text, kind, status="", at=None, dispatch=None, actor_label="", **fmt):
        public = TEXT.get(text, "").format(**fmt) if text else ""
        self.events.append(ReferralEvent(
            kind=kind, status=status, at=at or self.clock, dispatch=dispatch,
            actor_label=actor_label, public_text=public[:300], is_public=bool(public),
        ))
        if status:
            self.referral.status = status

    def life(self):
        rng, referral = self.rng, self.referral
        if not (at := self.later(0, 3)):
            return
        self.event("review", EventKind.STATUS, ReferralStatus.IN_REVIEW, at)
        if referral.kind != ReferralKind.REFERRAL or rng.random() < 0.08:
            if at := self.later(2, 20):
                self.close(at, Outcome.UNKNOWN, advice=referral.kind != ReferralKind.CONSULT)
            return
        accepted = False
        for attempt in range(rng.choice([1, 1, 1, 2, 2, 3])):
            if not (at := self.later(0.5, 6)):
                return
            dispatch = self.dispatch(at, attempt)
            answer = rng.choices(
                [DispatchAnswer.ACCEPTED, DispatchAnswer.WAITING_LIST, DispatchAnswer.REFUSED],
                [55, 15, 30])[0]
            if not (at := self.later(0.5, 9)):
                self.remind(dispatch)
                return
            self.answer(dispatch, answer, at)
            if answer == DispatchAnswer.ACCEPTED:
                accepted = True
                break
        if not accepted and rng.random() < 0.5:
            if at := self.later(5, 40):
                self.close(at, rng.choice([Outcome.OUT_OF_SCHOOL, Outcome.UNKNOWN]))
            return
        if not (at := self.later(5, 30)):
            return
        if rng.random() < 0.8:
            referral.started_on = timezone.localdate(at)
            self.event("started", EventKind.STATUS, ReferralStatus.STARTED, at)
            close_after = (20, 200)
        else:
            referral.not_started_reason_id = rng.choice(self.context.decline)
            self.event("not_started", EventKind.STATUS, ReferralStatus.NOT_STARTED, at)
            close_after = (3, 30)
        if at := self.later(*close_after):
            self.close(at, rng.choice(OUTCOMES))

    def dispatch(self, at, attempt):
        rng = self.rng
        pk, provider_id, name, provider = rng.choice(self.context.interventions)
        if attempt == 0 and rng.random() < 0.3:
            self.preferred.append(pk)
        dispatch = Dispatch(
            uuid=_uuid(rng), referral=self.referral, intervention_id=pk,
            provider_id=provider_id, sent_at=at, due_on=_due_on(timezone.localdate(at)),
        )
        dispatch.provider_name = provider  # for the answer's public text
        self.dispatches.append(dispatch)
        self.event("dispatch", EventKind.DISPATCHED, self._status(), at, dispatch,
                   provider=provider, intervention=name)
        return dispatch

    def remind(self, dispatch):
        """A late answer got its one reminder the day after it was due."""
        at = timezone.make_aware(datetime.combine(dispatch.due_on + timedelta(days=1), time(7)))
        if at <= self.context.now:
            dispatch.reminded_at = at
            self.event("", EventKind.REMINDED, at=at, dispatch=dispatch,
                       actor_label=flow.SYSTEM_LABEL)

    def answer(self, dispatch, answer, at):
        rng = self.rng
        dispatch.answer, dispatch.answered_at = answer, at
        if answer == DispatchAnswer.WAITING_LIST:
            dispatch.waiting_weeks = rng.randint(2, 16)
        elif answer == DispatchAnswer.REFUSED:
            dispatch.decline_reason_id = rng.choice(self.context.decline)
        self.event(answer, EventKind.ANSWERED, self._status(), at, dispatch,
                   actor_label=flow.PROVIDER_LABEL, provider=dispatch.provider_name)

    def _status(self):
        answers = {d.answer for d in self.dispatches}
        for answer, status in zip(ANSWER_ORDER, [ReferralStatus.ACCEPTED,
                                                 ReferralStatus.WAITING_LIST,
                                                 ReferralStatus.DISPATCHED,
                                                 ReferralStatus.REFUSED], strict=True):
            if answer in answers:
                return status
        return ReferralStatus.IN_REVIEW

    def close(self, at, outcome, advice=False):
        for dispatch in self.dispatches:
            if dispatch.answer == DispatchAnswer.PENDING:
                dispatch.answer, dispatch.answered_at = DispatchAnswer.WITHDRAWN, at
        self.referral.outcome = outcome
        self.referral.advice_only = advice
        self.referral.closed_at = at
        self.event("advice" if advice else "closed", EventKind.CLOSED, ReferralStatus.CLOSED, at)
