"""Deliver every queued mail that is due (a safety net beside the background worker).

The worker retries a failed mail by itself; this command, run as a scheduled task (say every
15 minutes), delivers what was queued while the worker was down.
"""

from django.core.management.base import BaseCommand

from netwerk import emails


class Command(BaseCommand):
    help = "Verstuur de e-mails in de wachtrij waarvan de volgende poging aan de beurt is."

    def handle(self, *args, **options):
        sent, failed = emails.deliver_due()
        self.stdout.write(f"{sent} verstuurd, {failed} mislukt (later opnieuw).")
