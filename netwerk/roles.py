"""Staff roles: which group may do what in the back office.

Each role lists the apps or models it may manage. Permissions are granted per
model, so a model added by a later issue joins its role at the next migrate
(see ``NetwerkConfig.ready``) without another data migration.

- *Meldpunt*: the referral desk and the directory (all of ``meldpunt``), the
  organisations and regions it works with, and read-only the geography, the
  network's bodies and their meetings, themes and resources, and the agenda
  (events and their registrations).
- *Coördinator*: the network side (all of ``netwerk`` and ``nieuwsbrief``),
  the only role that sees the signals to the Flemish level; never any referral
  data.
- *Redactie*: content (the content models of ``netwerk`` and ``nieuwsbrief`` as
  they arrive: themes and their resources, events, bodies and their meetings,
  newsletter issues) and the agenda's registrations (Coördinator and Redactie run
  the events); the short lists resources pick from (audiences, education levels)
  read-only. The only people data they see is registrations; no referrals, no
  signals.
"""

from django.apps import apps as global_apps

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

MELDPUNT = "Meldpunt"
COORDINATOR = "Coördinator"
REDACTIE = "Redactie"

# The bodies and their meetings (netwerk.bodies); not their signals, which only the
# Coördinator sees (through "netwerk" "*").
BODY_MODELS = ("body", "bodymembership", "meeting", "meetingdocument")

# The agenda (netwerk.agenda): events, their questions and materials, the registrations.
AGENDA_MODELS = ("event", "eventquestion", "eventmaterial", "registration")

# role -> list of (app_label, model_name or "*", actions)
ROLES = {
    MELDPUNT: [
        ("meldpunt", "*", ALL),
        ("netwerk", "organisation", ALL),
        ("netwerk", "region", ALL),
        ("netwerk", "theme", VIEW),
        ("netwerk", "resource", VIEW),
        ("netwerk", "audience", VIEW),
        ("netwerk", "educationstage", VIEW),
        ("netwerk", "arrondissement", VIEW),
        ("netwerk", "municipality", VIEW),
        ("netwerk", "postalplace", VIEW),
        ("netwerk", "outgoingmail", VIEW),
        *[("netwerk", model, VIEW) for model in AGENDA_MODELS],
        *[("netwerk", model, VIEW) for model in BODY_MODELS],
    ],
    COORDINATOR: [
        ("netwerk", "*", ALL),
        ("nieuwsbrief", "*", ALL),
    ],
    REDACTIE: [
        ("netwerk", "theme", ALL),
        ("netwerk", "resource", ALL),
        ("netwerk", "audience", VIEW),
        ("netwerk", "educationstage", VIEW),
        *[("netwerk", model, ALL) for model in AGENDA_MODELS],
        ("netwerk", "page", ALL),
        ("nieuwsbrief", "issue", ALL),
        *[("netwerk", model, ALL) for model in BODY_MODELS],
        ("netwerk", "region", VIEW),
        ("netwerk", "arrondissement", VIEW),
        ("netwerk", "municipality", VIEW),
        ("netwerk", "postalplace", VIEW),
    ],
}

# Apps whose data no role but Meldpunt may ever touch (pupil data lives there).
MELDPUNT_ONLY_APPS = {"meldpunt"}
# Models a wildcard ("*") never grants: the outbox holds mails about referrals, so only a
# role that names it explicitly sees it.
PRIVATE_MODELS = {("netwerk", "outgoingmail")}


def role_permission_codenames(role, apps=global_apps):
    """(app_label, codename) pairs granted to ``role`` for the models that exist now."""
    pairs = set()
    for app_label, model_name, actions in ROLES[role]:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            continue
        if model_name == "*":
            models = [
                model
                for model in app_config.get_models()
                if (app_label, model._meta.model_name) not in PRIVATE_MODELS
            ]
        else:
            try:
                models = [app_config.get_model(model_name)]
            except LookupError:
                continue  # arrives with a later issue
        for model in models:
            for action in actions:
                pairs.add((app_label, f"{action}_{model._meta.model_name}"))
    return pairs


def sync_roles(apps=global_apps):
    """Create the role groups and set their permissions exactly (idempotent)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = role_permission_codenames(role, apps)
        if role != MELDPUNT and any(app in MELDPUNT_ONLY_APPS for app, _ in wanted):
            raise ValueError(f"Role {role} must never get permissions on referral data.")
        permissions = [
            permission
            for permission in Permission.objects.filter(
                content_type__app_label__in={app for app, _ in wanted}
            ).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.set(permissions)


def sync_roles_after_migrate(sender, app_config=None, using="default", **kwargs):
    # post_migrate fires once per app; act once, after the last app, when every
    # permission has been created.
    if app_config is not None and app_config.label != "nieuwsbrief":
        return
    sync_roles()
