"""The one settings module, fed by the environment.

Local development works without any variable set: ``manage.py`` turns debug
on, the database is a SQLite file in the project folder and mail goes to the
console. ``config.wsgi`` (gunicorn, production) turns debug off, and then the
site refuses to start while a secret or a host is missing. See README.md for
every variable.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_database_url,
    parse_email_url,
    parse_path,
    parse_site_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# Debug defaults on only for local development: manage.py and the test suite
# leave it on, config/wsgi.py and config/asgi.py default it to off.
DEBUG = env_bool("DJANGO_DEBUG", default=True)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "django-insecure-local-development-only-never-in-production"
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak: use at least 50 random characters."
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is required when DJANGO_DEBUG is off "
        "(comma-separated host names, e.g. meldpunt.example.be)."
    )

SITE_URL = env_str("SITE_URL")
if SITE_URL:
    SITE_URL = parse_site_url("SITE_URL", SITE_URL)
elif DEBUG:
    SITE_URL = "http://127.0.0.1:8000"
else:
    raise ImproperlyConfigured(
        "SITE_URL is required when DJANGO_DEBUG is off (e.g. https://meldpunt.example.be); "
        "mails and feeds use it for absolute links."
    )
CSRF_TRUSTED_ORIGINS = [SITE_URL]

# Number of reverse proxies in front of the site that append to
# X-Forwarded-For; 0 trusts REMOTE_ADDR only. Used to find the client's IP for
# the login lockout (and, later, rate limits).
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", default=0 if DEBUG else 1)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Lookups for PostgreSQL (full-text search, trigram similarity); inert on SQLite.
    "django.contrib.postgres",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "simple_history",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "netwerk",
    "meldpunt",
    "nieuwsbrief",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        "DATABASE_URL", env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses logins while an account/IP pair is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Login lockout: after AXES_FAILURE_LIMIT failed attempts for one username from
# one address, that pair waits out the cool-off; it is never locked for good.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_CLIENT_IP_CALLABLE = "config.net.client_ip"
AXES_VERBOSE = False

# Internationalisation: the interface is Dutch (Belgium), translatable from day one.
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# Static files: WhiteNoise serves them compressed under hashed names.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = parse_path("MEDIA_ROOT", env_str("MEDIA_ROOT") or str(BASE_DIR / "media"))
# Documents that are served only through a view that checks who may see them
# (members-only minutes, resources and event materials): never under MEDIA_ROOT.
PROTECTED_MEDIA_ROOT = parse_path(
    "PROTECTED_MEDIA_ROOT",
    env_str("PROTECTED_MEDIA_ROOT") or str(BASE_DIR / "var" / "documents"),
)
DOCUMENT_MAX_MB = env_int("DOCUMENT_MAX_MB", 20, minimum=1)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB of form data, uploads excluded
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# E-mail
_email = parse_email_url("EMAIL_URL", env_str("EMAIL_URL") or "console://")
EMAIL_BACKEND = _email.pop("EMAIL_BACKEND")
globals().update(_email)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Meldpunt Schoolexterne Interventies <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Meldpunt SI] "

# Security. Headers are sent in development too; the HTTPS-only parts apply
# when debug is off, behind a proxy that terminates TLS and sets
# X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day; staff sessions see pupil data
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31_536_000  # one year
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy on every response: only our own scripts, styles,
# images and fonts; no inline script, no eval, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

# One small in-process cache per worker (cached search pages); no cache server needed.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 300},
    }
}

# Flash messages live in the session, so the only cookies are the session and CSRF ones.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO" if not DEBUG else "WARNING"},
    "loggers": {
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# CSV/XLSX imports in the admin run in one transaction: a bad row leaves the database as it was.
IMPORT_EXPORT_USE_TRANSACTIONS = True

# Where the province's reference geography is read from (shipped with the code).
GEOGRAPHY_DATA_DIR = BASE_DIR / "netwerk" / "data"

# Providers are asked to verify a fiche when it was last verified this many months ago;
# the signed link in that mail stays valid for VERIFICATION_LINK_DAYS days.
VERIFICATION_INTERVAL_MONTHS = env_int("MELDPUNT_VERIFICATION_MONTHS", default=6, minimum=1)
VERIFICATION_LINK_DAYS = 30

# The referral desk. A provider answers a dispatch within REFERRAL_ANSWER_WORKING_DAYS working
# days (one reminder, then the overdue worklist) through a signed link valid for
# REFERRAL_ANSWER_LINK_DAYS days. Pupil data is purged REFERRAL_RETENTION_MONTHS months after a
# case closes and the access log after REFERRAL_ACCESS_LOG_MONTHS months (command
# purge_referrals, daily; the privacy page states both); the repeat-referral hash is keyed with
# REFERRAL_HASH_KEY (default: derived from the secret key).
REFERRAL_ANSWER_WORKING_DAYS = env_int("MELDPUNT_ANSWER_WORKING_DAYS", default=5, minimum=1)
REFERRAL_ANSWER_LINK_DAYS = 30
REFERRAL_RETENTION_MONTHS = env_int("MELDPUNT_RETENTION_MONTHS", default=12, minimum=1)
REFERRAL_HASH_KEY = env_str("MELDPUNT_REFERRAL_HASH_KEY")
REFERRAL_ACCESS_LOG_MONTHS = 24
# Staff login logs (django-axes: logins, failures, lockouts) are kept this long (purge_referrals).
LOGIN_LOG_MONTHS = 6

# Background work (mail delivery with retries) through the Tasks API: the django-tasks
# backport with its database backend; the worker is `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A mail that fails is tried again after 1, 2, 4 … minutes, at most MAIL_RETRY_MAX_MINUTES apart.
MAIL_RETRY_MAX_MINUTES = 60
# Sent mails leave the outbox this many days after delivery (purge_referrals; privacy page).
MAIL_SENT_KEEP_DAYS = 30
# The desk's own inbox for notifications (new referral, provider answered); without it, the
# active members of the Meldpunt group with an e-mail address.
MELDPUNT_DESK_EMAIL = env_str("MELDPUNT_DESK_EMAIL")

# The agenda (/agenda/). Registrations get a reminder EVENT_REMINDER_DAYS days before the event
# (command send_event_reminders, daily) and a personal cancel link valid
# REGISTRATION_CANCEL_LINK_DAYS days; their personal data is wiped REGISTRATION_RETENTION_MONTHS
# months after the event (command purge_registrations, daily; the privacy page states it).
REGISTRATION_RETENTION_MONTHS = env_int("REGISTRATION_RETENTION_MONTHS", default=6, minimum=1)
REGISTRATION_CANCEL_LINK_DAYS = 365
EVENT_REMINDER_DAYS = 3
