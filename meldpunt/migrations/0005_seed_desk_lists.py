"""Seed the desk's managed lists: reasons for referral, reasons for refusal or no start.

The Meldpunt edits them in the admin afterwards; slugs stay stable for the yearly figures.
"""

from django.db import migrations

REFERRAL_REASONS = [
    ("spijbelen-afwezigheden", "Spijbelen en afwezigheden"),
    ("gedrag", "Gedrag"),
    ("motivatie", "Motivatie"),
    ("welbevinden", "Welbevinden"),
    ("thuissituatie", "Thuissituatie"),
    ("psychische-kwetsbaarheid", "Psychische kwetsbaarheid"),
    ("leren", "Leren"),
    ("andere", "Andere"),
]
DECLINE_REASONS = [
    ("geen-plaats", "Geen plaats of volzet"),
    ("buiten-doelgroep", "Valt buiten de doelgroep"),
    ("buiten-werkgebied", "Buiten het werkgebied"),
    ("jongere-wil-niet", "De jongere wil niet"),
    ("ouders-willen-niet", "De ouders willen niet"),
    ("geen-contact", "Geen contact met jongere of gezin"),
    ("andere-hulp", "Andere hulp gevonden"),
    ("terug-op-school", "Terug op school"),
    ("andere", "Andere reden"),
]


def seed(apps, schema_editor):
    for model_name, rows in [
        ("ReferralReason", REFERRAL_REASONS),
        ("DeclineReason", DECLINE_REASONS),
    ]:
        model = apps.get_model("meldpunt", model_name)
        for position, (slug, name) in enumerate(rows, start=1):
            model.objects.update_or_create(
                slug=slug, defaults={"name": name, "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("meldpunt", "0004_referral_desk")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
