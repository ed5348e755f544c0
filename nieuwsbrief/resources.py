"""Import and export of newsletter subscribers (django-import-export), CSV and XLSX.

Columns: ``email``, ``name``, ``organisation``, ``consent_date`` (required: the day the person
agreed to get the newsletter, 2025-03-31 or 31/03/2025), ``themes`` and ``regions`` (slugs,
separated by commas). Every imported subscriber is confirmed at once, with a consent record
(source "import") dated from the file. A row without a valid consent date, or with any other
problem, is reported with its line number, and then nothing is imported (the project's
all-or-nothing idiom, ``meldpunt.resources.StrictResource``).

An address that is already known is skipped and left as it is: an import never resubscribes
someone who unsubscribed, nor overwrites what a subscriber chose on the preference page.
"""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields

from meldpunt.resources import (
    DutchDateWidget,
    SlugListWidget,
    StrictResource,
    TextWidget,
    _cell_text,
    _text,
)
from netwerk.models import Region, Theme
from nieuwsbrief.models import IMPORT_CONSENT_TEXT, ConsentRecord, Subscriber, normalise_email


class EmailWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        email = normalise_email(_cell_text(value))
        if not email:
            raise ValueError(_("Vul een e-mailadres in."))
        try:
            validate_email(email)
        except ValidationError:
            message = _("“%(value)s” is geen geldig e-mailadres.") % {"value": email}
            raise ValueError(message) from None
        return email


class ConsentDateWidget(DutchDateWidget):
    """The consent date: required, and not in the future."""

    def clean(self, value, row=None, **kwargs):
        day = super().clean(value, row, **kwargs)
        if day is None:
            raise ValueError(
                _("Vul de datum van de toestemming in: zonder toestemming lezen we niemand in.")
            )
        if day > timezone.localdate():
            raise ValueError(
                _("De datum van de toestemming ligt in de toekomst: %(value)s.")
                % {"value": day.isoformat()}
            )
        return day


class SubscriberResource(StrictResource):
    email = fields.Field(attribute="email", column_name="email", widget=EmailWidget())
    name = _text("name")
    organisation = _text("organisation")
    # Not a field of the subscriber: becomes its consent record after saving.
    consent_date = fields.Field(
        attribute="consent_date", column_name="consent_date", widget=ConsentDateWidget()
    )
    themes = fields.Field(attribute="themes", column_name="themes", widget=SlugListWidget(Theme))
    regions = fields.Field(
        attribute="regions", column_name="regions", widget=SlugListWidget(Region)
    )

    class Meta:
        model = Subscriber
        import_id_fields = ["email"]
        fields = ["email", "name", "organisation", "consent_date", "themes", "regions"]
        export_order = fields
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = False

    def export(self, queryset=None, **kwargs):
        # One query per related list for the whole export, not one per subscriber.
        if queryset is not None:
            queryset = queryset.prefetch_related("themes", "regions", "consents")
        return super().export(queryset, **kwargs)

    def dehydrate_consent_date(self, subscriber):
        given = [consent.given_at for consent in subscriber.consents.all()]
        return timezone.localtime(max(given)).date().isoformat() if given else ""

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None  # a bad address: reported as the row's e-mail error by import_instance

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Known addresses stay as they are (see the module doc); bad rows are still reported.
        return instance.pk is not None and not import_validation_errors

    def before_save_instance(self, instance, row, **kwargs):
        instance.status = Subscriber.Status.CONFIRMED
        instance.confirmed_at = timezone.now()

    def after_save_instance(self, instance, row, **kwargs):
        given_at = timezone.make_aware(datetime.combine(instance.consent_date, time(12)))
        ConsentRecord.objects.create(
            subscriber=instance,
            source=ConsentRecord.Source.IMPORT,
            given_at=given_at,
            text=IMPORT_CONSENT_TEXT,
            confirmed_at=None,
        )
