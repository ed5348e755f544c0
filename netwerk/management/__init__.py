"""Helpers shared by the management commands of every app."""

from datetime import date

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def date_option(value):
    """A ``--today YYYY-MM-DD`` option's value as a date, or a Dutch error."""
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-28.")) from error
