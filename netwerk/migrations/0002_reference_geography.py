"""Load the province's municipalities and postal places, and seed the regions.

Both steps are idempotent and run again with ``manage.py load_geography`` when the
reference files change. The reverse is a no-op: rolling back 0001 drops the tables anyway.
"""

from django.db import migrations


def load(apps, schema_editor):
    from netwerk.geography import load_geography, seed_regions

    load_geography(apps)
    seed_regions(apps)


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
