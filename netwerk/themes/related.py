"""What other parts of the site hold about a theme, for its page.

The agenda and the newsletter arrive with their own work; until their models
exist these functions return nothing and the theme page leaves the section
out. Nothing here imports those parts: the models are looked up by name.
"""

from django.apps import apps

EVENTS_PER_LIST = 5


def _model(app_label, model_name):
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def theme_events(theme, now=None, limit=EVENTS_PER_LIST):
    """The theme's published events: ``{"upcoming": [...], "past": [...]}``.

    Relies on ``netwerk.Event`` being Publishable with ``themes`` (related name
    ``events``), ``starts_at`` and the queryset methods ``upcoming(now)`` (soonest
    first) and ``past(now)`` (most recent first). Two queries when it exists.
    """
    Event = _model("netwerk", "Event")
    if Event is None:
        return {"upcoming": [], "past": []}
    events = Event.objects.published().filter(themes=theme)
    return {
        "upcoming": list(events.upcoming(now)[:limit]),
        "past": list(events.past(now)[:limit]),
    }


def theme_newsletter_items(theme, limit=EVENTS_PER_LIST):
    """The newsletter's published items about the theme; none until the newsletter has items.

    The newsletter (``nieuwsbrief``) wires its item model here when it has one.
    """
    return []
