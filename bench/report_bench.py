"""Benchmark of the desk's yearly report: its build time at 10,000 referrals (target < 2 s).

``run(quick)`` works in the current database (``bench/run.py`` calls it on its throwaway
SQLite file): when it holds fewer than 10,000 referrals it builds them with
``generate_bench_data --referrals 10000`` (deterministic, spread over three school years, with
reasons, dispatches, answers, starts and closures), then prints, for the last complete school
year, the median time of

- building the figures (``report_figures.build_report``),
- the report page, and the XLSX export, through Django's test client,

each next to a ``/healthz`` request measured in the same run (the ratio), as ``bench/run.py``
does. Standalone, on a throwaway database (never one with real data: it adds 10,000 made-up
referrals; without ``DATABASE_URL`` a temporary SQLite file)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/report_bench \\
        .venv/bin/python bench/report_bench.py [--quick]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_REFERRALS = 10_000
TARGET_SECONDS = 2.0
SEED = 1
USERNAME = "bench-rapport"


def report_year():
    """The last complete school year (compared with the one before): both hold bench cases."""
    from django.utils import timezone

    from meldpunt.desk.report_figures import school_year_of

    return school_year_of(timezone.localdate()) - 1


def build_referrals(target=TARGET_REFERRALS, seed=SEED):
    """``generate_bench_data --referrals`` when the database holds fewer; returns how many."""
    from django.core.management import call_command

    from meldpunt.desk.models import Referral
    from meldpunt.models import Intervention

    if Referral.objects.count() >= target:
        return 0
    if not Intervention.objects.published().exists():
        call_command("generate_bench_data", interventions=200, seed=seed, verbosity=0)
    call_command("generate_bench_data", referrals=target, seed=seed, verbosity=0)
    return target


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

    from bench import server

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

    year = report_year()

    def build():
        build_report(year)

    reset_queries()  # the log holds at most 9,000 queries: the bulk inserts may fill it
    with CaptureQueriesContext(connection) as queries:
        build()
    rounds = 3 if quick else 7
    page = f"/beheer/jaarrapport/?jaar={year}"
    export = f"/beheer/jaarrapport/export.xlsx?jaar={year}"
    with override_settings(STORAGES=server.PLAIN_STORAGES, ALLOWED_HOSTS=["testserver"]):
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
