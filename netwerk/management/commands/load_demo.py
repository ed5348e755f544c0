"""Load demo content and make sure demo accounts exist (idempotent).

Each app may have a ``demo`` module with a ``load(command)`` function; they run
in INSTALLED_APPS order, so ``netwerk`` never imports the apps built on it.
Passwords are random and printed once, when an account is created; running
the command again changes nothing.
"""

import secrets
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from netwerk.roles import COORDINATOR, MELDPUNT, REDACTIE

DEMO_ADMIN = "beheerder"
DEMO_STAFF = {
    "demo-meldpunt": MELDPUNT,
    "demo-coordinator": COORDINATOR,
    "demo-redactie": REDACTIE,
}


class Command(BaseCommand):
    help = "Laadt demo-inhoud en maakt demo-accounts aan (veilig om opnieuw te draaien)."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = [self.ensure_user(DEMO_ADMIN, superuser=True)]
            created += [self.ensure_user(name, role=role) for name, role in DEMO_STAFF.items()]
            for app_config in apps.get_app_configs():
                try:
                    demo = import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app_config.name}.demo":
                        raise
                    continue
                demo.load(self)
        created = [item for item in created if item]
        if created:
            self.stdout.write(self.style.WARNING(
                "Demo-accounts aangemaakt. Noteer de wachtwoorden: ze worden maar één keer getoond."
            ))
            for username, password in created:
                self.stdout.write(f"  {username:<18} {password}")
            self.stdout.write("Aanmelden op http://127.0.0.1:8000/admin/")
        else:
            self.stdout.write(
                "Demo-accounts bestaan al; wachtwoord vergeten? "
                f".venv/bin/python manage.py changepassword {DEMO_ADMIN}"
            )

    def ensure_user(self, username, superuser=False, role=None):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            return None
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username,
            password=password,
            is_staff=True,
            is_superuser=superuser,
            first_name="Demo",
            last_name=role or "Beheerder",
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return username, password
