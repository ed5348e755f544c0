"""Load (or refresh) the reference geography and seed the missing regions."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from netwerk.geography import GeographyDataError, load_geography, seed_regions


class Command(BaseCommand):
    help = (
        "Laadt de gemeenten, postcodes en deelgemeenten van Vlaams-Brabant uit de "
        "referentiebestanden en maakt ontbrekende regio's aan. Mag altijd opnieuw draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            help="Map met de CSV-bestanden (standaard settings.GEOGRAPHY_DATA_DIR).",
        )

    def handle(self, *args, data_dir=None, **options):
        try:
            counts = load_geography(data_dir=data_dir)
            regions = seed_regions()
        except (GeographyDataError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "In de databank: %(arrondissements)d arrondissementen, %(municipalities)d "
                "gemeenten, %(postal_places)d deelgemeenten."
            )
            % counts
        )
        self.stdout.write(
            _("Nieuw: %(created)d, gewijzigd: %(updated)d, verwijderd: %(deleted)d.") % counts
        )
        self.stdout.write(
            self.style.SUCCESS(_("Nieuwe regio's aangemaakt: %(regions)d.") % {"regions": regions})
        )
