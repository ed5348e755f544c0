"""Seed the managed lists (types, target groups, education levels) and, on
PostgreSQL, the trigram extension used by the typo-tolerant search.

The Meldpunt edits the lists in the admin afterwards; slugs stay stable because
the search URLs and the open API use them.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

TYPES = [
    ("naft-korte-module", "NAFT korte module"),
    ("naft-lange-module", "NAFT lange module"),
    ("individueel-traject", "Individueel traject"),
    ("groeps-of-klasmodule", "Groeps- of klasmodule"),
    ("schoolondersteuning", "Schoolondersteuning en coaching"),
    ("time-out", "Time-out"),
    ("zorgboerderij", "Zorgboerderij"),
    ("dagbesteding", "Dagbesteding"),
    ("herstelgericht", "Herstelgerichte aanpak"),
    ("leerplek-buiten-school", "Leerplek buiten de school"),
    ("preventie-schoolklimaat", "Preventie en schoolklimaat"),
]
TARGET_GROUPS = [
    ("spijbelen", "Spijbelen en afwezigheden"),
    ("gedrag", "Gedrag"),
    ("welbevinden", "Welbevinden"),
    ("motivatie", "Motivatie en schoolmoeheid"),
    ("okan", "(Ex-)OKAN-leerlingen"),
    ("jeugdhulp", "Jongeren in de jeugdhulp"),
    ("psychische-kwetsbaarheid", "Psychische kwetsbaarheid"),
    ("buso", "Leerlingen in het BuSO"),
    ("thuissituatie", "Moeilijke thuissituatie"),
]
EDUCATION_LEVELS = [
    ("basisonderwijs", "Basisonderwijs"),
    ("buitengewoon-basisonderwijs", "Buitengewoon basisonderwijs"),
    ("secundair-eerste-graad", "Secundair onderwijs, eerste graad"),
    ("secundair-tweede-graad", "Secundair onderwijs, tweede graad"),
    ("secundair-derde-graad", "Secundair onderwijs, derde graad"),
    ("buso", "Buitengewoon secundair onderwijs (BuSO)"),
    ("deeltijds", "Deeltijds onderwijs (DBSO, Syntra)"),
    ("okan", "OKAN"),
    ("geen-school", "Niet ingeschreven in een school"),
]


def seed(apps, schema_editor):
    for model_name, entries in [
        ("InterventionType", TYPES),
        ("TargetGroup", TARGET_GROUPS),
        ("EducationLevel", EDUCATION_LEVELS),
    ]:
        model = apps.get_model("meldpunt", model_name)
        for position, (slug, name) in enumerate(entries, start=1):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("meldpunt", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
