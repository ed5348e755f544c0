"""Ask providers to verify their fiches (run daily as a scheduled task, e.g. cron).

Published fiches last verified more than VERIFICATION_INTERVAL_MONTHS ago (or never), and
not mailed within the last VERIFICATION_LINK_DAYS, get one mail per provider organisation
listing all its due fiches, one signed link per fiche. Running it again within that period
sends nothing new, so it is safe to run as often as you like.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from meldpunt.verification import send_due_requests


class Command(BaseCommand):
    help = "Vraagt aanbieders per e-mail om hun fiches na te kijken (veilig om opnieuw te draaien)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon alleen wat er zou gebeuren; verstuur niets en wijzig niets.",
        )

    def handle(self, *args, dry_run=False, **options):
        run = send_due_requests(dry_run=dry_run)
        if dry_run:
            self.stdout.write(_("Proefdraaien: er wordt niets verstuurd."))
            self.stdout.write(
                ngettext(
                    "Zou %(mails)s e-mail versturen voor %(fiches)s fiche(s).",
                    "Zou %(mails)s e-mails versturen voor %(fiches)s fiche(s).",
                    run.mails,
                )
                % {"mails": run.mails, "fiches": run.fiches}
            )
        else:
            self.stdout.write(
                ngettext(
                    "%(mails)s e-mail verstuurd voor %(fiches)s fiche(s).",
                    "%(mails)s e-mails verstuurd voor %(fiches)s fiche(s).",
                    run.mails,
                )
                % {"mails": run.mails, "fiches": run.fiches}
            )
        if run.failed_mails:
            self.stderr.write(
                ngettext(
                    "%(mails)s e-mail mislukt (%(fiches)s fiche(s)); de volgende keer opnieuw.",
                    "%(mails)s e-mails mislukt (%(fiches)s fiche(s)); de volgende keer opnieuw.",
                    run.failed_mails,
                )
                % {"mails": run.failed_mails, "fiches": run.failed_fiches}
            )
        for name, count in run.without_email:
            self.stdout.write(
                ngettext(
                    "Overgeslagen: %(name)s heeft geen e-mailadres (%(count)s fiche).",
                    "Overgeslagen: %(name)s heeft geen e-mailadres (%(count)s fiches).",
                    count,
                )
                % {"name": name, "count": count}
            )
