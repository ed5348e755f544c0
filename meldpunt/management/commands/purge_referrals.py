"""Forget what the desk may no longer keep (run daily as a scheduled task, e.g. cron).

Removes the pupil data and free texts of cases closed REFERRAL_RETENTION_MONTHS months ago or
longer, the access log older than REFERRAL_ACCESS_LOG_MONTHS months and sent mails older than
MAIL_SENT_KEEP_DAYS days (see ``meldpunt.desk.retention``). Running it again the same day
changes nothing; ``--dry-run`` only counts.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from meldpunt.desk.retention import purge
from netwerk.management import date_option

LISTED = 20  # references a dry run lists (all of them with -v 2)


class Command(BaseCommand):
    help = (
        "Wist leerlinggegevens van afgesloten aanmeldingen na de bewaartermijn, en oude "
        "inzagelogs en verzonden e-mails (veilig om opnieuw te draaien)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Toon alleen wat er zou gebeuren; wijzig niets.",
        )
        parser.add_argument(
            "--today",
            type=str,
            help="Reken alsof het vandaag deze datum is (JJJJ-MM-DD); standaard vandaag.",
        )

    def handle(self, *args, dry_run=False, today=None, verbosity=1, **options):
        run = purge(today=date_option(today) if today else None, dry_run=dry_run)
        if dry_run:
            self.stdout.write(_("Proefdraaien: er wordt niets gewijzigd."))
            lines = [
                _("Zou de leerlinggegevens wissen van %(count)s aanmelding(en)."),
                _("Zou %(log)s regel(s) uit het inzagelog verwijderen."),
                _("Zou %(mails)s verzonden e-mail(s) uit de uitgaande post verwijderen."),
                _("Zou %(logins)s regel(s) uit de inloglogboeken verwijderen."),
            ]
        else:
            lines = [
                _("Leerlinggegevens gewist van %(count)s aanmelding(en)."),
                _("%(log)s regel(s) uit het inzagelog verwijderd."),
                _("%(mails)s verzonden e-mail(s) uit de uitgaande post verwijderd."),
                _("%(logins)s regel(s) uit de inloglogboeken verwijderd."),
            ]
        values = {
            "count": run.referrals,
            "log": run.access_log_rows,
            "mails": run.sent_mails,
            "logins": run.login_log_rows,
        }
        for line in lines:
            self.stdout.write(line % values)
        if verbosity > 1 or dry_run:
            shown = run.references if verbosity > 1 else run.references[:LISTED]
            for reference in shown:
                self.stdout.write(f"  {reference}")
            if len(shown) < run.referrals:
                self.stdout.write(
                    _("  … en %(count)s meer (alle referenties met -v 2).")
                    % {"count": run.referrals - len(shown)}
                )
