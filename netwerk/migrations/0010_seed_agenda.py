"""The agenda's seed events (``netwerk.agenda.seeds``): past events from the action plan and
a few upcoming ones; adds only what is missing."""

from django.db import migrations

from netwerk.agenda.seeds import seed


class Migration(migrations.Migration):
    dependencies = [("netwerk", "0009_agenda")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
