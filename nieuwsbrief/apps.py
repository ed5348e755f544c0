from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NieuwsbriefConfig(AppConfig):
    name = "nieuwsbrief"
    verbose_name = _("Nieuwsbrief")
