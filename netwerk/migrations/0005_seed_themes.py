"""The network's themes (see DOMAIN.md); coordinators edit them afterwards."""

from django.db import migrations
from django.utils.text import slugify

THEMES = [
    "De context van de leerling",
    "Anderstalige nieuwkomers en (ex-)OKAN",
    "Basisonderwijs",
    "Leerlingen in het BuSO",
    "Kinderen en jongeren in de jeugdhulp",
    "Psychische kwetsbaarheid",
    "Arbeidsmarktgerichte opleidingen (BSO, DBSO)",
    "Spijbelen en problematische afwezigheden",
    "Studiekeuze en talenten",
    "Verbindend schoolklimaat",
    "Warme overgang naar werk of verdere studie",
]


def seed_themes(apps, schema_editor):
    Theme = apps.get_model("netwerk", "Theme")
    for position, name in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0004_theme_tokenbucket_organisation")]

    operations = [migrations.RunPython(seed_themes, migrations.RunPython.noop)]
