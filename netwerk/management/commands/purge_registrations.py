"""Wipe the personal data of event registrations (run daily as a scheduled task, e.g. cron).

Registrations of events that ended ``REGISTRATION_RETENTION_MONTHS`` calendar months ago or
longer lose name, organisation, role, e-mail address and answers; their status and
attendance stay, so the counts per event remain. Running it again changes nothing;
``--dry-run`` only counts.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netwerk.agenda import services
from netwerk.management import date_option


class Command(BaseCommand):
    help = (
        "Wist de persoonsgegevens van inschrijvingen na de bewaartermijn na het evenement "
        "(veilig om opnieuw te draaien)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon alleen wat er zou gebeuren; wijzig niets."
        )
        parser.add_argument(
            "--today",
            type=str,
            help="Reken alsof het vandaag deze datum is (JJJJ-MM-DD); standaard vandaag.",
        )

    def handle(self, *args, dry_run=False, today=None, **options):
        count = services.purge(today=date_option(today) if today else None, dry_run=dry_run)
        if dry_run:
            self.stdout.write(_("Proefdraaien: er wordt niets gewijzigd."))
            line = ngettext(
                "Zou de gegevens wissen van %(count)s inschrijving.",
                "Zou de gegevens wissen van %(count)s inschrijvingen.",
                count,
            )
        else:
            line = ngettext(
                "Gegevens gewist van %(count)s inschrijving.",
                "Gegevens gewist van %(count)s inschrijvingen.",
                count,
            )
        self.stdout.write(line % {"count": count})
