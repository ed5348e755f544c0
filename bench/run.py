"""Benchmarks behind `make bench`.

Machines here are shared and noisy, so every figure is reported as a ratio to
a baseline measured in the same run (a /healthz request: one trivial query),
next to the raw median. Later issues add their own cases to CASES.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
_tmp = tempfile.mkdtemp(prefix="meldpunt-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

ROUNDS = 7
REPEAT = 50


def median_seconds(func):
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(REPEAT):
            func()
        samples.append((time.perf_counter() - start) / REPEAT)
    return statistics.median(samples)


def main():
    call_command("migrate", verbosity=0)
    from netwerk.geography import PlaceNotFound, resolve_place

    client = Client()

    def get(url):
        def request():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return request

    def resolve(text):
        def run():
            try:
                resolve_place(text)
            except PlaceNotFound:
                pass

        return run

    cases = [
        ("GET /healthz (baseline)", get("/healthz")),
        ("GET / (home page)", get("/")),
        ("resolve postcode '3000'", resolve("3000")),
        ("resolve sub-municipality 'kessel lo'", resolve("kessel lo")),
        ("resolve typo 'Kesel-Lo' (suggestion)", resolve("Kesel-Lo")),
    ]
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, ALLOWED_HOSTS=["testserver"]):
        results = [(name, median_seconds(func)) for name, func in cases]
    baseline = results[0][1]
    print(f"{'case':<42} {'median':>10} {'ratio':>7}")
    for name, seconds in results:
        print(f"{name:<42} {seconds * 1000:>8.2f}ms {seconds / baseline:>6.1f}x")


if __name__ == "__main__":
    main()
