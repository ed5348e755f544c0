"""Remind providers of late answers to a dispatch (run daily as a scheduled task, e.g. cron).

A dispatch still without an answer after ``REFERRAL_ANSWER_WORKING_DAYS`` working days gets
one reminder mail (through the outbox, so a mail server that is down only delays it); after
that it shows in the admin's overdue worklist. Each dispatch is claimed before its reminder is
queued, so running the command twice, or two runs at once, never reminds a dispatch twice.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meldpunt.desk import flow
from meldpunt.desk.models import Dispatch


class Command(BaseCommand):
    help = (
        "Herinnert aanbieders aan een laat antwoord op een doorverwijzing "
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
            due = Dispatch.objects.overdue().filter(reminded_at__isnull=True).count()
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
            sent = flow.send_reminders()
        overdue = flow.overdue_dispatches().count()
        self.stdout.write(
            ngettext(
                "%(count)s herinnering klaargezet voor verzending.",
                "%(count)s herinneringen klaargezet voor verzending.",
                sent,
            )
            % {"count": sent}
        )
        self.stdout.write(
            ngettext(
                "%(count)s doorverwijzing blijft te laat na de herinnering (werklijst ‘te laat’).",
                "%(count)s doorverwijzingen blijven te laat na de herinnering "
                "(werklijst ‘te laat’).",
                overdue,
            )
            % {"count": overdue}
        )
