from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NetwerkConfig(AppConfig):
    name = "netwerk"
    verbose_name = _("Netwerk")

    def ready(self):
        from netwerk import checks  # noqa: F401  (registers the system checks)
        from netwerk.roles import sync_roles_after_migrate

        # Models added by later migrations get their permissions only after
        # migrate; keeping the groups in step then spares a data migration per model.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="netwerk.sync_roles")
