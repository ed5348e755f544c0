"""Benchmark of the desk's yearly report: its build time at 10,000 referrals (target < 2 s).

``run(quick)`` works in the current database (``bench/run.py`` calls it on its throwaway
SQLite file): when it holds fewer than 10,000 referrals it adds made-up ones with
``bulk_create`` (deterministic: seed 1, spread over the school years 2024–2025 and 2025–2026,
with reasons, dispatches, answers, starts and closures), then prints the median time of

- building the figures (``report_figures.build_report``),
- the report page, and the XLSX export, through Django's test client,

each next to a ``/healthz`` request measured in the same run (the ratio), as ``bench/run.py``
does. Standalone, on a throwaway database (never one with real data: it adds 10,000 made-up
referrals; without ``DATABASE_URL`` a temporary SQLite file)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/report_bench \\
        .venv/bin/python bench/report_bench.py [--quick]
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

TARGET_REFERRALS = 10_000
TARGET_SECONDS = 2.0
SEED = 1
REPORT_YEAR = 2025  # 2025–2026, compared with 2024–2025: both hold the benchmark referrals
REFERENCE_PREFIX = "BENCH-"
CLB_SLUG = "bench-rapport-clb-"
PROVIDER_SLUG = "bench-rapport-aanbieder-"
USERNAME = "bench-rapport"
BATCH = 1000

FIRST_NAMES = [
    "Noor", "Lars", "Emma", "Milan", "Lina", "Daan", "Yara", "Senne", "Fien", "Wout", "Amira",
    "Jonas", "Zoë", "Bram", "Ines", "Rayan", "Lotte", "Arne", "Nora", "Kobe",
]
CLB_NAMES = [
    "CLB Leuven", "CLB Halle", "CLB Vilvoorde", "CLB Diest", "CLB Tienen", "CLB Aarschot",
    "CLB Asse", "CLB Zaventem", "CLB Overijse", "CLB Landen", "CLB Haacht", "CLB Dilbeek",
]


def _moment(rng, start, end):
    return start + datetime.timedelta(seconds=rng.randrange(int((end - start).total_seconds())))


def _reference_data():
    from meldpunt.models import DeclineReason, EducationLevel, Intervention, ReferralReason
    from netwerk.models import Municipality, Organisation, OrganisationKind

    clbs = []
    for number, name in enumerate(CLB_NAMES, start=1):
        clb, _created = Organisation.objects.get_or_create(
            slug=f"{CLB_SLUG}{number}",
            defaults={"name": name, "kind": OrganisationKind.CLB,
                      "email": f"clb{number}@clb.example.be"},
        )
        clbs.append(clb)
    interventions = list(Intervention.objects.order_by("slug")[:40])
    if len(interventions) < 10:
        for number in range(1, 9):
            provider, _created = Organisation.objects.get_or_create(
                slug=f"{PROVIDER_SLUG}{number}",
                defaults={"name": f"Benchaanbieder {number} vzw", "kind": OrganisationKind.NAFT,
                          "email": f"info@benchaanbieder{number}.example.org"},
            )
            for variant in ("time-out", "traject"):
                interventions.append(Intervention.objects.get_or_create(
                    slug=f"{PROVIDER_SLUG}{number}-{variant}",
                    defaults={"provider": provider, "name": f"Bench {variant} {number}",
                              "summary": "Benchmarkaanbod.", "status": "published"},
                )[0])
    return {
        "clbs": clbs,
        "interventions": interventions,
        "municipalities": list(Municipality.objects.order_by("nis_code")),
        "levels": list(EducationLevel.objects.order_by("position", "pk")),
        "reasons": list(ReferralReason.objects.order_by("position", "pk")),
        "declines": list(DeclineReason.objects.order_by("position", "pk")),
    }


def build_referrals(target=TARGET_REFERRALS, seed=SEED):
    """Top the database up to ``target`` referrals (plus a few consult and contact requests).

    Returns how many referrals it added. Deterministic for a given starting state.
    """
    from django.db import connection, transaction

    from meldpunt.desk import flow
    from meldpunt.desk.models import (
        ConsultKind,
        Dispatch,
        DispatchAnswer,
        EducationForm,
        Outcome,
        Referral,
        ReferralKind,
        ReferralStatus,
    )
    from meldpunt.desk.report_figures import school_year_start

    missing = target - Referral.objects.filter(kind=ReferralKind.REFERRAL).count()
    if missing <= 0:
        return 0
    data = _reference_data()
    rng = random.Random(seed)
    offset = Referral.objects.filter(reference__startswith=REFERENCE_PREFIX).count()
    start, end = school_year_start(REPORT_YEAR - 1), school_year_start(REPORT_YEAR + 1)
    forms = [value for value, _label in EducationForm.choices]
    outcomes = [value for value, _label in Outcome.choices]
    pupils = []
    referrals, dispatch_plans = [], []
    extra = missing // 20  # consult and contact requests on top
    for index in range(missing + extra):
        number = offset + index + 1
        created = _moment(rng, start, end)
        kind = ReferralKind.REFERRAL if index < missing else rng.choice(
            [ReferralKind.CONSULT, ReferralKind.CONSULT, ReferralKind.CONTACT])
        clb = rng.choice(data["clbs"])
        if pupils and rng.random() < 0.1:
            pupil = rng.choice(pupils)  # a repeat referral of the same pupil
        else:
            pupil = (rng.choice(FIRST_NAMES), rng.choice("ABCDEFGHIJKLMNOPRSTVW"),
                     rng.randint(2006, 2016), rng.randint(1, 12), rng.choice("fmmx"))
            pupils.append(pupil)
        first_name, initial, birth_year, birth_month, gender = pupil
        referral = Referral(
            uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
            reference=f"{REFERENCE_PREFIX}{number:07d}",
            status_token=f"bench-{number}-{rng.getrandbits(64):016x}",
            kind=kind,
            urgency=rng.choice([1, 2, 2, 2, 3]),
            referrer_name="Kim Voorbeeld",
            referrer_organisation=clb.name,
            referrer_email=f"medewerker{number % 50}@clb.example.be",
            clb=clb,
            school_name=f"Voorbeeldschool {number % 90}",
            school_municipality=rng.choice(data["municipalities"]),
            pupil_municipality=rng.choice(data["municipalities"]),
            is_demo=True,
            created_at=created,
        )
        if kind == ReferralKind.CONSULT:
            referral.consult_kind = rng.choice(ConsultKind.values)
        if kind == ReferralKind.REFERRAL:
            referral.pupil_first_name = first_name
            referral.pupil_initial = initial
            referral.pupil_birth_year = birth_year
            referral.pupil_birth_month = birth_month
            referral.pupil_gender = gender
            referral.repeat_key = flow.repeat_key(
                first_name, initial, birth_year, birth_month, gender)
            referral.education_level = rng.choice(data["levels"])
            referral.education_form = rng.choice(forms)
            referral.school_year = rng.randint(1, 6)
            referral.disciplinary_procedure = rng.random() < 0.1
            referral.in_care = rng.random() < 0.15
        plan = []
        fate = rng.random()
        if kind != ReferralKind.REFERRAL:
            referral.status = ReferralStatus.CLOSED if fate < 0.7 else ReferralStatus.NEW
        elif fate < 0.08:
            referral.status = ReferralStatus.NEW
        elif fate < 0.15:
            referral.status, referral.advice_only = ReferralStatus.CLOSED, True
        else:
            answers = [rng.choice([DispatchAnswer.REFUSED, DispatchAnswer.WAITING_LIST,
                                   DispatchAnswer.ACCEPTED, DispatchAnswer.ACCEPTED,
                                   DispatchAnswer.PENDING])
                       for _attempt in range(rng.choice([1, 1, 1, 2, 2, 3]))]
            plan = answers
            if DispatchAnswer.ACCEPTED in answers:
                if rng.random() < 0.75:
                    referral.started_on = (created + datetime.timedelta(
                        days=rng.randint(3, 120))).date()
                    referral.status = ReferralStatus.STARTED
                else:
                    referral.not_started_reason = rng.choice(data["declines"])
                    referral.status = ReferralStatus.NOT_STARTED
            else:
                referral.status = ReferralStatus.DISPATCHED
            if rng.random() < 0.5 and referral.status != ReferralStatus.DISPATCHED:
                referral.status = ReferralStatus.CLOSED
        if referral.status == ReferralStatus.CLOSED:
            referral.outcome = rng.choice(outcomes)
            referral.closed_at = created + datetime.timedelta(days=rng.randint(20, 200))
        referrals.append(referral)
        dispatch_plans.append(plan)

    with transaction.atomic():
        Referral.objects.bulk_create(referrals, batch_size=BATCH)
        Through = Referral.reasons.through
        links, dispatches = [], []
        for referral, plan in zip(referrals, dispatch_plans):
            if referral.kind != ReferralKind.REFERRAL:
                continue
            for reason in rng.sample(data["reasons"], rng.choice([1, 1, 2, 3])):
                links.append(Through(referral_id=referral.pk, referralreason_id=reason.pk))
            for attempt, answer in enumerate(plan):
                intervention = rng.choice(data["interventions"])
                sent = referral.created_at + datetime.timedelta(days=2 + 7 * attempt)
                dispatches.append(Dispatch(
                    uuid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    referral_id=referral.pk,
                    intervention=intervention,
                    provider_id=intervention.provider_id,
                    sent_at=sent,
                    due_on=(sent + datetime.timedelta(days=7)).date(),
                    answer=answer,
                    answered_at=None if answer == DispatchAnswer.PENDING
                    else sent + datetime.timedelta(days=rng.randint(1, 9)),
                    waiting_weeks=rng.randint(2, 12)
                    if answer == DispatchAnswer.WAITING_LIST else None,
                    decline_reason=rng.choice(data["declines"])
                    if answer == DispatchAnswer.REFUSED else None,
                ))
        Through.objects.bulk_create(links, batch_size=BATCH)
        Dispatch.objects.bulk_create(dispatches, batch_size=BATCH)
    # Fresh planner statistics, as autovacuum would gather a minute later: without them
    # PostgreSQL plans the joins for empty tables (nested loops over 10,000 rows).
    with connection.cursor() as cursor:
        for model in (Referral, Through, Dispatch):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return missing


def _median_seconds(func, rounds):
    samples = []
    for _round in range(rounds):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def run(quick=False):
    """Fill up to 10,000 referrals if needed and print the report's timings."""
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from meldpunt.desk.models import Referral, ReferralKind
    from meldpunt.desk.report_figures import build_report

    started = time.perf_counter()
    added = build_referrals()
    total = Referral.objects.filter(kind=ReferralKind.REFERRAL).count()
    note = f", {added} toegevoegd in {time.perf_counter() - started:.1f}s" if added else ""
    print(f"\nJaarrapport: {total} aanmeldingen in de databank{note}.")

    user, _created = get_user_model().objects.get_or_create(
        username=USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.org"},
    )
    client = Client()
    client.force_login(user)
    statuses = {}

    def get(url):
        def request():
            response = client.get(url)
            if response.status_code != 200:
                statuses[url] = response.status_code
        return request

    def build():
        build_report(REPORT_YEAR)

    reset_queries()  # the log holds at most 9,000 queries: the bulk inserts may fill it
    with CaptureQueriesContext(connection) as queries:
        build()
    rounds = 3 if quick else 7
    page = f"/beheer/jaarrapport/?jaar={REPORT_YEAR}"
    export = f"/beheer/jaarrapport/export.xlsx?jaar={REPORT_YEAR}"
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
        healthz = get("/healthz")
        baseline = statistics.median(
            _median_seconds(healthz, 20) for _round in range(rounds)
        )
        cases = [
            ("report figures (build_report)", None, _median_seconds(build, rounds)),
            ("GET /beheer/jaarrapport/", page, _median_seconds(get(page), rounds)),
            ("GET …/export.xlsx", export, _median_seconds(get(export), rounds)),
        ]
    print(f"{'case':<42} {'median':>10} {'ratio':>9}")
    print(f"{'GET /healthz (baseline)':<42} {baseline * 1000:>8.2f}ms {1:>8.1f}x")
    for name, url, seconds in cases:
        flag = f"  (status {statuses[url]})" if url in statuses else ""
        print(f"{name:<42} {seconds * 1000:>8.1f}ms {seconds / baseline:>8.0f}x{flag}")
    worst = max(seconds for _name, _url, seconds in cases[:2])
    mark = "✓" if worst < TARGET_SECONDS and not statuses else "✗"
    print(f"  {len(queries.captured_queries)} queries per report; "
          f"page {worst:.2f}s, target < {TARGET_SECONDS:.0f} s {mark}")


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmark van het jaarrapport.")
    parser.add_argument("--quick", action="store_true", help="minder herhalingen")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if not os.environ.get("DATABASE_URL"):
        folder = tempfile.mkdtemp(prefix="meldpunt-report-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    run(args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
