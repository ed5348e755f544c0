"""WSGI entry point for production (gunicorn config.wsgi).

Debug defaults to off here, so a server started without DJANGO_DEBUG set
runs as production and refuses to start without its secrets.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")

application = get_wsgi_application()
