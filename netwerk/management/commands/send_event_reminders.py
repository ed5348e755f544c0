"""Remind registered people of an event a few days before (run daily, e.g. cron).

Every confirmed registration for a published, not cancelled event that starts within
``EVENT_REMINDER_DAYS`` days gets one reminder with the event's ``.ics`` (through the
outbox). Each registration is claimed (``reminded_at``) before its mail is queued, so
running the command twice, or two runs at once, never reminds anyone twice.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netwerk.agenda import services


class Command(BaseCommand):
    help = (
        "Stuurt wie ingeschreven is een herinnering enkele dagen voor het evenement "
        "(veilig om opnieuw te draaien)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon alleen hoeveel herinneringen er zouden vertrekken; verstuur niets.",
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            due = services.reminders_due().count()
            self.stdout.write(_("Proefdraaien: er wordt niets verstuurd."))
            self.stdout.write(
                ngettext(
                    "Zou %(count)s herinnering versturen.",
                    "Zou %(count)s herinneringen versturen.",
                    due,
                )
                % {"count": due}
            )
            return
        # Dutch also without a request (the mails are rendered now, sent by the worker).
        with translation.override(settings.LANGUAGE_CODE):
            sent = services.send_reminders()
        self.stdout.write(
            ngettext(
                "%(count)s herinnering klaargezet voor verzending.",
                "%(count)s herinneringen klaargezet voor verzending.",
                sent,
            )
            % {"count": sent}
        )
