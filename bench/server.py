"""Serving the app for the benchmarks: gunicorn in production mode, and throwaway databases.

Only processes and databases started or created here are ever stopped or dropped.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.httpload import LOCALHOST, get_status

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BENCH_DATABASE = "bench_meldpunt"
DEFAULT_POSTGRES_URL = f"postgres://postgres@127.0.0.1:5432/{BENCH_DATABASE}"
# With debug off the site redirects plain HTTP to HTTPS; behind our proxy this header says
# the visitor's connection was HTTPS already.
HEADERS = {"X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCALHOST, 0))
        return sock.getsockname()[1]


def manage(database_url, *args):
    """Run ``manage.py`` with another database than this process's (a subprocess)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL,
    )


# In-process measurements render pages without `collectstatic`: plain storages.
PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def script(database_url, path, *args):
    """Run one of the bench scripts on another database (a subprocess; its output shown)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run(
        [sys.executable, str(BASE_DIR / path), *args], cwd=BASE_DIR, env=env, check=True
    )


def rss_mb(pid):
    """Resident memory of a process in MB, from /proc/<pid>/status (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class Gunicorn:
    """``gunicorn config.wsgi`` on 127.0.0.1 with production settings and a throwaway secret."""

    def __init__(self, database_url, workers=2, log_path=None):
        self.database_url = database_url
        self.workers = workers
        self.port = free_port()
        self.log_path = Path(log_path) if log_path else None
        self.process = None

    def env(self):
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": LOCALHOST,
            "SITE_URL": f"http://{LOCALHOST}:{self.port}",
            "DJANGO_PROXY_COUNT": "0",
            "EMAIL_URL": "dummy://",
        }

    def start(self, timeout=60):
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        try:
            self.process = subprocess.Popen(
                [
                    str(BIN / "gunicorn"), "config.wsgi",
                    "--workers", str(self.workers),
                    "--bind", f"{LOCALHOST}:{self.port}",
                    "--timeout", "120",
                    "--log-level", "warning",
                ],
                cwd=BASE_DIR, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
            )
        finally:
            if log is not subprocess.DEVNULL:
                log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start-up:\n{self.log_tail()}")
            if get_status(self.port, "/healthz", HEADERS, timeout=2) == 200 and (
                len(self.worker_pids()) >= self.workers
            ):
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz in {timeout}s:\n{self.log_tail()}")

    def worker_pids(self):
        """The worker processes: the children of the gunicorn master we started."""
        if self.process is None:
            return []
        master = str(self.process.pid)
        children = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            for line in text.splitlines():
                if line.startswith("PPid:"):
                    if line.split()[1] == master:
                        children.append(int(status.parent.name))
                    break
        return sorted(children)

    def log_tail(self, lines=20):
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown of its workers
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# --- PostgreSQL ----------------------------------------------------------------------------


def postgres_url(explicit, database_url_env):
    """The throwaway PostgreSQL database to use, and a note on how it was chosen.

    ``explicit``: ``--postgres`` or ``BENCH_DATABASE_URL``; else the server of a postgres
    ``DATABASE_URL``; else the local default. The database is created and dropped, so a name
    without "bench" in it is replaced by bench_meldpunt: never drop somebody's data.
    """
    url = explicit or (
        database_url_env if (database_url_env or "").startswith("postgres") else None
    ) or DEFAULT_POSTGRES_URL
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    note = ""
    if "bench" not in name:
        note = f"database {name or '(geen)'} vervangen door {BENCH_DATABASE} (wegwerpdatabase)"
        parts = parts._replace(path=f"/{BENCH_DATABASE}")
    return urlunsplit(parts), note


def _database_name(url):
    return urlsplit(url).path.lstrip("/")


def _maintenance_url(url):
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def _connect(url):
    import psycopg

    return psycopg.connect(_maintenance_url(url), autocommit=True, connect_timeout=3)


def postgres_reachable(url):
    """None when the server answers; otherwise the reason, for the skip notice."""
    try:
        with _connect(url):
            return None
    except Exception as error:  # noqa: BLE001 - any failure means: skip PostgreSQL
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def create_database(url):
    from psycopg import sql

    name = sql.Identifier(_database_name(url))
    with _connect(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop_database(url):
    from psycopg import sql

    name = sql.Identifier(_database_name(url))
    with _connect(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def describe(url):
    """The URL without a password, for printing."""
    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)
