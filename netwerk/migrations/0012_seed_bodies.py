"""The network's bodies, their member organisations and the local networks (DOMAIN.md)."""

from django.db import migrations

from netwerk.bodies.seeds import seed


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0011_bodies")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
