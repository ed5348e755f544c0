"""A small HTTP load generator for the benchmarks: threads and http.client, nothing else.

Bounded in requests and in time, and it only ever talks to 127.0.0.1.
"""

import http.client
import itertools
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

LOCALHOST = "127.0.0.1"


@dataclass
class LoadResult:
    label: str
    elapsed: float = 0.0
    latencies: list = field(default_factory=list)  # seconds, every answered request
    statuses: Counter = field(default_factory=Counter)
    failures: int = 0  # no answer at all (connection refused, time-out)
    stopped_by_time: bool = False

    @property
    def requests(self):
        return len(self.latencies) + self.failures

    @property
    def errors(self):
        """Every request that did not end in a 200."""
        return self.failures + sum(n for status, n in self.statuses.items() if status != 200)

    @property
    def per_second(self):
        return self.requests / self.elapsed if self.elapsed else 0.0

    def percentile(self, fraction):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
        return ordered[index]

    @property
    def p50(self):
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p99(self):
        return self.percentile(0.99)

    def status_summary(self):
        parts = [f"{status}×{n}" for status, n in sorted(self.statuses.items())]
        if self.failures:
            parts.append(f"geen antwoord×{self.failures}")
        return ", ".join(parts)


def run_load(port, paths, total, concurrency=16, time_limit=60.0, headers=None, label=""):
    """GET ``paths`` in rotation, ``total`` requests over ``concurrency`` connections.

    Stops early when ``time_limit`` seconds have passed. Each thread keeps its own
    connection (http.client reconnects when the server closes it, as gunicorn's sync
    workers do after every response).
    """
    if not paths:
        raise ValueError("run_load needs at least one path")
    result = LoadResult(label=label)
    numbers = itertools.count()
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + time_limit

    def worker():
        latencies, statuses, failures = [], Counter(), 0
        connection = http.client.HTTPConnection(LOCALHOST, port, timeout=30)
        stopped = False
        while True:
            with lock:
                number = next(numbers)
            if number >= total:
                break
            if time.perf_counter() > deadline:
                stopped = True
                break
            path = paths[number % len(paths)]
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                response.read()
                if response.will_close:
                    connection.close()
            except (OSError, http.client.HTTPException):
                failures += 1
                connection.close()
                continue
            latencies.append(time.perf_counter() - began)
            statuses[response.status] += 1
        connection.close()
        with lock:
            result.latencies.extend(latencies)
            result.statuses.update(statuses)
            result.failures += failures
            result.stopped_by_time = result.stopped_by_time or stopped

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - start
    return result


def get_status(port, path, headers=None, timeout=5):
    """One GET; the status code, or None when nothing answers."""
    connection = http.client.HTTPConnection(LOCALHOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()
