"""Benchmarks behind `make bench`.

Machines here are shared and noisy, so every figure is reported as a ratio to
a baseline measured in the same run (a /healthz request: one trivial query),
next to the raw median. Later issues add their own cases to CASES.

Two parts:

1. In process, with Django's test client: the per-request cost of a few pages
   and of resolving places, on a directory of 2,000 benchmark fiches.
   Then the desk's yearly report at 10,000 referrals (``bench/report_bench.py``).
2. Served: gunicorn (2 workers, production settings) on the same 2,000 fiches,
   loaded by 16 concurrent connections; on SQLite and on PostgreSQL (a throwaway
   database bench_meldpunt: ``--postgres URL``, ``BENCH_DATABASE_URL``, the server
   of a postgres ``DATABASE_URL`` or postgres://postgres@127.0.0.1:5432; skipped
   with a notice when nothing answers). Prints requests per second, p50/p99 per
   URL, the targets with ✓/✗, and the workers' memory before and after 10,000
   requests.

    .venv/bin/python bench/run.py [--quick] [--postgres URL | --no-postgres]
                                  [--interventions 2000]

Benchmarks report; they never fail the build: the exit status is 0 whatever the figures.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# This process always works on a temporary SQLite file: it migrates and fills its
# database, which must never be somebody's real one. PostgreSQL runs in subprocesses.
ORIGINAL_DATABASE_URL = os.environ.get("DATABASE_URL", "")
_tmp = tempfile.mkdtemp(prefix="meldpunt-bench-")
SQLITE_URL = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ["DATABASE_URL"] = SQLITE_URL

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from bench import report_bench, server  # noqa: E402
from bench.httpload import run_load  # noqa: E402

ROUNDS = 7
REPEAT = 50
CONCURRENCY = 16
SEED = 1

# Targets for the served part (see the issue "Meldpunt directory").
TARGET_SEARCH_RATIO = 0.25  # search throughput / healthz throughput, at least
TARGET_SEARCH_P99_MS = 200  # p99 of the search page, below
TARGET_RSS_GROWTH = 1.10  # worker memory after / before 10,000 requests, at most

# A realistic mix of searches: place + level, type, words, free places… (meldpunt/filters.py).
SEARCHES = [
    "/aanbod/",
    "/aanbod/?waar=Leuven&niveau=secundair-eerste-graad",
    "/aanbod/?waar=3000",
    "/aanbod/?waar=Halle&niveau=secundair-tweede-graad&vrij=1",
    "/aanbod/?soort=time-out",
    "/aanbod/?soort=zorgboerderij&soort=dagbesteding",
    "/aanbod/?q=spijbelen",
    "/aanbod/?q=herinschrijving+coordinatie",
    "/aanbod/?vrij=1",
    "/aanbod/?waar=Kessel-Lo&leeftijd=14",
    "/aanbod/?doelgroep=okan&waar=Vilvoorde",
    "/aanbod/?thema=verbindend-schoolklimaat&niveau=basisonderwijs",
    "/aanbod/?q=time-out&waar=Diest&vrij=1",
    "/aanbod/?aanpak=preventive&waar=Asse",
    "/aanbod/?waar=Pajottegem&soort=naft-korte-module",
    "/aanbod/?q=zorgboerderij&leeftijd=13&doelgroep=spijbelen",
]
API = [
    "/api/hsds/services",
    "/api/hsds/services?page=2",
    "/api/hsds/services?search=spijbelen",
    "/api/hsds/services?postcode=3000&per_page=10",
]


def median_seconds(func, rounds=ROUNDS, repeat=REPEAT):
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            func()
        samples.append((time.perf_counter() - start) / repeat)
    return statistics.median(samples)


def fiche_paths(count=50):
    """Published benchmark fiches, spread over the data set (same seed → same slugs)."""
    from meldpunt.models import Intervention

    slugs = list(
        Intervention.objects.published()
        .filter(slug__startswith="bench-")
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    step = max(1, len(slugs) // count)
    # Without data, a fiche that does not exist: measured (as a 404) rather than skipped.
    return [f"/aanbod/{slug}/" for slug in slugs[::step][:count]] or ["/aanbod/geen-fiche/"]


def mark(ok):
    return "✓" if ok else "✗"


# --- part 1: in process --------------------------------------------------------------------


def in_process(quick):
    from netwerk.geography import PlaceNotFound, resolve_place

    client = Client()
    statuses = {}

    def get(url):
        def request():
            response = client.get(url)
            if response.status_code != 200:
                statuses[url] = response.status_code

        return request

    def resolve(text):
        def run():
            try:
                resolve_place(text)
            except PlaceNotFound:
                pass

        return run

    fiche = fiche_paths(1)[0]
    cases = [
        ("GET /healthz (baseline)", "/healthz", get("/healthz")),
        ("GET / (home page)", "/", get("/")),
        ("GET /aanbod/ (no filter)", SEARCHES[0], get(SEARCHES[0])),
        ("GET /aanbod/?waar=Leuven&niveau=…", SEARCHES[1], get(SEARCHES[1])),
        ("GET /aanbod/?q=spijbelen", SEARCHES[6], get(SEARCHES[6])),
        ("GET /aanbod/<slug>/ (fiche)", fiche, get(fiche)),
        ("GET /api/hsds/services", API[0], get(API[0])),
        ("resolve postcode '3000'", None, resolve("3000")),
        ("resolve sub-municipality 'kessel lo'", None, resolve("kessel lo")),
        ("resolve typo 'Kesel-Lo' (suggestion)", None, resolve("Kesel-Lo")),
    ]
    rounds, repeat = (3, 10) if quick else (ROUNDS, REPEAT)
    with override_settings(STORAGES=server.PLAIN_STORAGES, ALLOWED_HOSTS=["testserver"]):
        results = [
            (name, url, median_seconds(func, rounds, repeat)) for name, url, func in cases
        ]
    baseline = results[0][2]
    print(f"{'case':<42} {'median':>10} {'ratio':>7}")
    for name, url, seconds in results:
        note = f"  (status {statuses[url]}: not built yet?)" if url in statuses else ""
        print(f"{name:<42} {seconds * 1000:>8.2f}ms {seconds / baseline:>6.1f}x{note}")


# --- part 2: served by gunicorn ------------------------------------------------------------


def served(label, database_url, fiches, quick, log_path):
    per_case = 200 if quick else 2000
    memory_requests = 1000 if quick else 10_000
    # Bounded in time too: a slow page ends its case early (and says so).
    time_limit = 20 if quick else 120
    print(
        f"\n{label}: gunicorn config.wsgi, 2 workers, debug off, {CONCURRENCY} connections, "
        f"{per_case} requests per URL"
    )
    with server.Gunicorn(database_url, log_path=log_path) as app:

        def load(name, paths, total=per_case, limit=time_limit):
            return run_load(
                app.port, paths, total, CONCURRENCY, limit, server.HEADERS, label=name
            )

        # Warm up: imports, template and query caches, connections.
        for paths in (["/healthz"], SEARCHES, fiches, API):
            load("warm-up", paths, total=2 * CONCURRENCY, limit=30)
        results = [
            load("GET /healthz (baseline)", ["/healthz"]),
            load(f"GET /aanbod/ ({len(SEARCHES)} filter mixes)", SEARCHES),
            load("GET /aanbod/<slug>/ (fiche)", fiches),
            load("GET /api/hsds/services", API),
        ]
        print_table(results)
        baseline, search = results[0], results[1]
        print_targets(baseline, search)

        workers = app.worker_pids()
        before = {pid: server.rss_mb(pid) for pid in workers}
        mixed = load(
            "mixed", ["/healthz", *SEARCHES, *fiches[:16], *API],
            total=memory_requests, limit=2.5 * time_limit,
        )
        after = {pid: server.rss_mb(pid) for pid in app.worker_pids()}
        print_memory(before, after, mixed)


def print_table(results):
    baseline = results[0]
    print(
        f"{'case':<38} {'requests':>8} {'errors':>7} {'req/s':>8} {'p50':>9} {'p99':>9} "
        f"{'ratio':>6}"
    )
    for r in results:
        ratio = r.per_second / baseline.per_second if baseline.per_second else float("nan")
        print(
            f"{r.label:<38} {r.requests:>8} {r.errors:>7} {r.per_second:>8.1f} "
            f"{r.p50 * 1000:>7.1f}ms {r.p99 * 1000:>7.1f}ms {ratio:>5.2f}x"
        )
    for r in results:
        if r.errors:
            print(f"  ! {r.label}: {r.errors} niet-200 ({r.status_summary()})")
        if r.stopped_by_time:
            print(f"  ! {r.label}: gestopt na {r.elapsed:.0f}s (tijdslimiet)")


def print_targets(baseline, search):
    ratio = search.per_second / baseline.per_second if baseline.per_second else 0.0
    p99 = search.p99 * 1000
    caveat = f"  (maar {search.errors} niet-200 antwoorden)" if search.errors else ""
    print("targets:")
    print(
        f"  search/healthz throughput  {ratio:>8.2f}   target ≥ {TARGET_SEARCH_RATIO}  "
        f"{mark(ratio >= TARGET_SEARCH_RATIO and not search.errors)}{caveat}"
    )
    print(
        f"  p99 search                 {p99:>6.1f}ms   target < {TARGET_SEARCH_P99_MS} ms "
        f"{mark(p99 < TARGET_SEARCH_P99_MS and not search.errors)}{caveat}"
    )


def print_memory(before, after, mixed):
    print(
        f"worker memory (VmRSS) before and after {mixed.requests} mixed requests "
        f"({mixed.per_second:.0f} req/s, {mixed.errors} niet-200):"
    )
    growths = []
    for pid, start in before.items():
        end = after.get(pid)
        if end is None:
            print(f"  worker {pid}: {start:.1f} MB → gestopt (vervangen door gunicorn?)")
            growths.append(float("inf"))
            continue
        growths.append(end / start if start else float("nan"))
        print(
            f"  worker {pid}: {start:.1f} MB → {end:.1f} MB  "
            f"({end - start:+.1f} MB, {end / start:.2f}x)"
        )
    worst = max(growths, default=float("nan"))
    print(
        f"  flat memory: worst growth {worst:.2f}x   target ≤ {TARGET_RSS_GROWTH}x  "
        f"{mark(worst <= TARGET_RSS_GROWTH)}"
    )


def postgres_part(args, fiches, log_path):
    url, note = server.postgres_url(
        args.postgres or os.environ.get("BENCH_DATABASE_URL"), ORIGINAL_DATABASE_URL
    )
    reason = server.postgres_reachable(url)
    if reason:
        print(f"\nPostgreSQL: overgeslagen, {server.describe(url)} antwoordt niet ({reason}).")
        print("  Geef een server op met --postgres URL of BENCH_DATABASE_URL.")
        return
    print(f"\nPostgreSQL: wegwerpdatabase {server.describe(url)}" + (f" ({note})" if note else ""))
    server.create_database(url)
    try:
        server.manage(url, "migrate", "--noinput")
        server.manage(
            url, "generate_bench_data", "--interventions", str(args.interventions),
            "--seed", str(SEED),
        )
        served("PostgreSQL", url, fiches, args.quick, log_path)
        sys.stdout.flush()
        server.script(url, "bench/report_bench.py", *(["--quick"] if args.quick else []))
    finally:
        server.drop_database(url)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Benchmarks van het Meldpunt (make bench).")
    parser.add_argument("--quick", action="store_true", help="minder aanvragen (snelle controle)")
    parser.add_argument("--interventions", type=int, default=2000)
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--postgres", metavar="URL", help="PostgreSQL-server voor de wegwerpdatabase"
    )
    group.add_argument("--no-postgres", action="store_true", help="alleen SQLite")
    args = parser.parse_args(argv)

    try:
        call_command("migrate", verbosity=0)
        call_command(
            "generate_bench_data", interventions=args.interventions, seed=SEED, verbosity=0
        )
        print(f"Directory: {args.interventions} benchmark fiches (seed {SEED}).\n")
        attempt("in process", in_process, args.quick)
        # The desk's yearly report at 10,000 referrals (target: under 2 s), on SQLite here
        # and, below, on PostgreSQL.
        attempt("report", report_bench.run, args.quick)
        fiches = fiche_paths()
        connections.close_all()
        # Debug off means the manifest storage: the hashed file names must exist.
        call_command("collectstatic", interactive=False, verbosity=0)
        log_path = Path(_tmp) / "gunicorn.log"
        attempt("SQLite", served, "SQLite", SQLITE_URL, fiches, args.quick, log_path)
        if not args.no_postgres:
            attempt("PostgreSQL", postgres_part, args, fiches, log_path)
    except Exception:  # noqa: BLE001 - report, never fail the build
        print("\nbenchmark afgebroken:")
        traceback.print_exc(file=sys.stdout)
    finally:
        connections.close_all()
        shutil.rmtree(_tmp, ignore_errors=True)
    return 0


def attempt(label, func, *args):
    """Run one part; a failure is printed and the next part still runs."""
    try:
        func(*args)
    except Exception:  # noqa: BLE001 - report, never fail the build
        print(f"\n{label}: afgebroken:")
        traceback.print_exc(file=sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
