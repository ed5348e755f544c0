"""ASGI entry point; like config.wsgi, debug defaults to off here."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")

application = get_asgi_application()
