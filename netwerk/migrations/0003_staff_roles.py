"""Create the staff role groups (Meldpunt, Coördinator, Redactie).

Their permissions are kept in step with the models after every migrate by
netwerk.roles.sync_roles (see NetwerkConfig.ready).
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from netwerk.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("netwerk", "0002_reference_geography"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
