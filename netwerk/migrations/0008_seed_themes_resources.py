"""The action plan's remaining themes, the lists resources pick from, and the seeded
resources (see netwerk/themes/seeds.py)."""

from django.db import migrations

from netwerk.themes.seeds import seed


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0007_themes_resources")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
