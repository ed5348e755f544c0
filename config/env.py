"""Small helpers that read settings from the environment.

Each helper rejects a malformed value with an ``ImproperlyConfigured`` error
that names the variable and says what is expected, so a deployment fails at
start-up instead of running with a half-understood configuration.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off"}


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name, default, minimum=0):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name, default=()):
    """A comma-separated list; empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_site_url(name, value):
    """An absolute http(s) origin such as ``https://meldpunt.example.be``."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"{name}={value!r} must be an absolute http(s) URL such as "
            "https://meldpunt.example.be"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name}={value!r} must be the site's origin only, without a path, "
            "query or fragment."
        )
    return f"{parts.scheme}://{parts.netloc}"


def parse_path(name, value):
    path = Path(value)
    if not path.is_absolute():
        raise ImproperlyConfigured(f"{name}={value!r} must be an absolute path.")
    return path


DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}


def parse_database_url(name, value):
    """A ``DATABASES['default']`` dict from ``sqlite:///…`` or ``postgres://…``."""
    scheme = urlsplit(value).scheme
    if scheme not in DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} must start with sqlite:/// or postgres://, not {scheme or value!r}."
        )
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} cannot be read: {error}") from None
    if config["ENGINE"] == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} names no database (…/DATABASE_NAME).")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config.pop("CONN_HEALTH_CHECKS", None)
        config["OPTIONS"] = sqlite_options()
    return config


def sqlite_options():
    # WAL lets readers go on while one request writes; IMMEDIATE takes the
    # write lock at the start of a transaction, so two writers queue instead of
    # failing half-way with "database is locked".
    return {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}


def parse_email_url(name, value):
    """Django e-mail settings from a URL.

    ``console://`` (the default), ``smtp://user:password@host:25``,
    ``smtp+tls://…:587`` (STARTTLS), ``smtps://…:465`` (TLS from the start),
    ``file:///absolute/folder``, ``locmem://`` or ``dummy://``.
    """
    parts = urlsplit(value)
    if parts.scheme not in EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"{name}={value!r}: unknown scheme {parts.scheme!r}; use one of "
            + ", ".join(f"{scheme}://" for scheme in EMAIL_BACKENDS)
            + "."
        )
    config = {"EMAIL_BACKEND": EMAIL_BACKENDS[parts.scheme]}
    if parts.scheme.startswith("smtp"):
        if not parts.hostname:
            raise ImproperlyConfigured(f"{name}={value!r} names no SMTP host.")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"{name} has an invalid port.") from None
        default_port = {"smtp": 25, "smtp+tls": 587, "smtps": 465}[parts.scheme]
        options = parse_qs(parts.query)
        timeout = options.get("timeout", ["20"])[0]
        if not timeout.isdigit():
            raise ImproperlyConfigured(f"{name}: timeout must be a number of seconds.")
        config.update(
            EMAIL_HOST=parts.hostname,
            EMAIL_PORT=port or default_port,
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=parts.scheme == "smtp+tls",
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_TIMEOUT=int(timeout),
        )
    elif parts.scheme == "file":
        config["EMAIL_FILE_PATH"] = parse_path(name, unquote(parts.path))
    return config
