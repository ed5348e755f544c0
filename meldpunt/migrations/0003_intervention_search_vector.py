"""Store each fiche's Dutch full-text vector (PostgreSQL), so a search does not
parse every fiche's text again."""

import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def fill_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Intervention = apps.get_model("meldpunt", "Intervention")
    Intervention.objects.update(
        search_vector=SearchVector("search_name", weight="A", config="dutch")
        + SearchVector("search_summary", weight="B", config="dutch")
        + SearchVector("search_body", weight="D", config="dutch")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meldpunt", "0002_managed_lists"),
    ]

    operations = [
        migrations.AddField(
            model_name="intervention",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_vectors, migrations.RunPython.noop),
    ]
