"""The agenda's seed events: past events from the network's action plan, a few upcoming ones.

The past events are the ones the action plan names (provincial platforms 2022 and 2023,
inspiration days 2019, 2020 and the 2022 webinar, the trainings on psychological
vulnerability 2019 and 2020); their exact days are not in the plan, so the dates here are a
plausible first proposal that the coordinators correct in the admin. The upcoming events lie
in 2027 (made-up, so the agenda is alive); the seed is deterministic and adds only what is
missing (by slug), never touching an event that was edited since.

``seed(apps, schema_editor)`` works with historical models (called from migration
``0010_seed_agenda``) and with the live registry (browser tests re-seed after a flush).
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
NETWORK = "Netwerk Samen tegen Schooluitval Vlaams-Brabant"
MELDPUNT = "Meldpunt Schoolexterne Interventies"


def _at(day, start, end):
    """(starts_at, ends_at) on ``day`` from ``start`` to ``end`` (HH:MM) in Brussels."""
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return (
        datetime.combine(day, time(h1, m1), tzinfo=BRUSSELS),
        datetime.combine(day, time(h2, m2), tzinfo=BRUSSELS),
    )


def _days(first, last):
    return (
        datetime.combine(first, time.min, tzinfo=BRUSSELS),
        datetime.combine(last, time(23, 59), tzinfo=BRUSSELS),
    )


# slug -> fields; "themes" and "region" are slugs, "questions" (label, kind, choices, required).
EVENTS = {
    # --- past, from the action plan -------------------------------------------------------
    "inspiratiedag-2019-verbindend-schoolklimaat": {
        "kind": "inspiration_day",
        "title": "Inspiratiedag 2019: verbindend schoolklimaat",
        "summary": "Een dag over hoe een verbindend schoolklimaat schooluitval voorkomt.",
        "description": (
            "Scholen, CLB's en partners deelden hoe een verbindend schoolklimaat de band "
            "tussen leerling en school versterkt, als preventie van schooluitval."
        ),
        "dates": _days(date(2019, 11, 21), date(2019, 11, 21)),
        "all_day": True,
        "themes": ["verbindend-schoolklimaat"],
        "audience": "Scholen, CLB's en partners van het netwerk",
    },
    "vorming-psychische-kwetsbaarheid-2019": {
        "kind": "training",
        "title": "Vorming psychische kwetsbaarheid (2019)",
        "summary": "Vorming over leerlingen met een psychische kwetsbaarheid en schooluitval.",
        "description": (
            "Hoe herken en begeleid je leerlingen met een psychische kwetsbaarheid, en wie kan "
            "helpen als de zorg op school niet volstaat?"
        ),
        "dates": _at(date(2019, 3, 14), "13:30", "16:30"),
        "themes": ["psychische-kwetsbaarheid"],
        "audience": "Leerlingbegeleiders en CLB-medewerkers",
    },
    "inspiratiedag-2020-warme-overgang": {
        "kind": "inspiration_day",
        "title": "Inspiratiedag 2020: warme overgang naar werk of verdere studie",
        "summary": "Een warme overdracht van school naar werk of verdere studie.",
        "description": (
            "Wat hebben jongeren nodig die de school (bijna) verlaten, met of zonder "
            "kwalificatie? Praktijken van een warme overgang naar werk of verdere studie."
        ),
        "dates": _days(date(2020, 2, 13), date(2020, 2, 13)),
        "all_day": True,
        "themes": ["warme-overgang-naar-werk-of-verdere-studie"],
        "audience": "Scholen, CLB's, VDAB en partners",
    },
    "vorming-psychische-kwetsbaarheid-2020": {
        "kind": "training",
        "title": "Vorming psychische kwetsbaarheid (2020)",
        "summary": "Tweede editie van de vorming over psychische kwetsbaarheid.",
        "description": "Een vervolg op de vorming van 2019, met casussen uit de praktijk.",
        "dates": _at(date(2020, 10, 8), "13:30", "16:30"),
        "themes": ["psychische-kwetsbaarheid"],
        "audience": "Leerlingbegeleiders en CLB-medewerkers",
    },
    "webinar-2022-kansen-ex-okan": {
        "kind": "webinar",
        "title": "Webinar 2022: kansen voor (ex-)OKAN-leerlingen",
        "summary": "Een webinar over de kansen van (ex-)OKAN-leerlingen in het onderwijs.",
        "description": (
            "Hoe begeleiden we anderstalige nieuwkomers na het onthaalonderwijs, zodat ze hun "
            "kansen in het secundair onderwijs grijpen?"
        ),
        "dates": _at(date(2022, 3, 24), "13:30", "15:30"),
        "themes": ["anderstalige-nieuwkomers-en-ex-okan"],
        "audience": "Scholen, CLB's en OKAN-begeleiders",
    },
    "provinciaal-platform-2022": {
        "kind": "platform",
        "title": "Provinciaal Platform Samen tegen Schooluitval 2022",
        "summary": (
            "De overgang van het basis- naar het secundair onderwijs in het Pajottenland en "
            "de Zennevallei."
        ),
        "description": (
            "Het jaarlijkse platform voor iedereen die betrokken is: netwerken en goede "
            "praktijken rond de overgang van het basis- naar het secundair onderwijs."
        ),
        "dates": _at(date(2022, 5, 19), "09:00", "12:30"),
        "themes": ["basisonderwijs"],
        "region": "halle",
        "audience": "Iedereen die betrokken is bij de aanpak van schooluitval",
    },
    "provinciaal-platform-2023": {
        "kind": "platform",
        "title": "Provinciaal Platform Samen tegen Schooluitval 2023",
        "summary": "Goede praktijken van netwerken tegen schooluitval.",
        "description": (
            "Het jaarlijkse platform: lokale netwerken tegen schooluitval stelden hun werking "
            "en goede praktijken voor."
        ),
        "dates": _at(date(2023, 5, 25), "09:00", "12:30"),
        "themes": ["de-context-van-de-leerling", "schooluitval-in-het-algemeen"],
        "audience": "Iedereen die betrokken is bij de aanpak van schooluitval",
    },
    # --- upcoming (made-up, in 2027) ------------------------------------------------------
    "werkgroep-recht-op-leren-februari-2027": {
        "kind": "network_moment",
        "title": "Werkgroep Recht op Leren (februari 2027)",
        "summary": (
            "Aanbieders en verwijzers bekijken hoe aanmeldingen het Meldpunt bereiken en hoe "
            "de samenwerking loopt."
        ),
        "description": (
            "De werkgroep komt drie keer per jaar samen. Leden krijgen de agenda en het "
            "verslag per e-mail."
        ),
        "dates": _at(date(2027, 2, 11), "13:30", "16:00"),
        "recurrence_note": "Drie keer per jaar",
        "venue": "Provinciehuis Vlaams-Brabant",
        "address": "Provincieplein 1, 3010 Leuven",
        "themes": ["schoolexterne-interventies"],
        "audience": "Aanbieders van schoolexterne interventies en verwijzers",
    },
    "inspiratiedag-2027-spijbelen-en-afwezigheden": {
        "kind": "inspiration_day",
        "title": "Inspiratiedag 2027: spijbelen en problematische afwezigheden",
        "summary": "Eén dag over spijbelen: de Vlaamse leidraad en goede praktijken in de klas.",
        "description": (
            "Een inspiratiedag met lezingen in de voormiddag en workshops in de namiddag. "
            "Inschrijven is gratis; de plaatsen zijn beperkt."
        ),
        "dates": _at(date(2027, 3, 18), "09:00", "16:00"),
        "venue": "Provinciehuis Vlaams-Brabant",
        "address": "Provincieplein 1, 3010 Leuven",
        "themes": ["spijbelen-en-problematische-afwezigheden"],
        "region": "leuven",
        "audience": "Leerlingbegeleiders, zorgcoördinatoren en CLB-medewerkers",
        "is_own_event": True,
        "capacity": 25,
        "questions": [
            ("Welke workshop kiest u?", "choice",
             "Werken met de leidraad problematische afwezigheden\nSpijbelpreventie in de klas",
             True),
            ("Dieetwensen of allergieën", "text", "", False),
        ],
    },
    "vorming-psychische-kwetsbaarheid-2027": {
        "kind": "training",
        "title": "Vorming psychische kwetsbaarheid (2027)",
        "summary": "Een vorming van twee dagen voor leerlingbegeleiders.",
        "description": "Twee opeenvolgende dagen met theorie, casussen en een sociale kaart.",
        "dates": _days(date(2027, 5, 10), date(2027, 5, 11)),
        "all_day": True,
        "venue": "Provinciehuis Vlaams-Brabant",
        "address": "Provincieplein 1, 3010 Leuven",
        "themes": ["psychische-kwetsbaarheid"],
        "audience": "Leerlingbegeleiders en CLB-medewerkers",
        "is_own_event": True,
        "capacity": 20,
    },
    "infomoment-meldpunt-2027": {
        "kind": "info_moment",
        "title": "Infomoment Meldpunt Schoolexterne Interventies 2027",
        "summary": "Het jaarlijkse infomoment: hoe meld je aan, wat biedt het aanbod?",
        "description": (
            "Het Meldpunt stelt het aanbod van schoolexterne interventies voor, legt uit hoe "
            "een aanmelding verloopt en beantwoordt vragen. Online, via een link die u bij de "
            "bevestiging krijgt."
        ),
        "dates": _at(date(2027, 9, 23), "14:00", "15:30"),
        "recurrence_note": "Elk jaar in september",
        "themes": ["schoolexterne-interventies"],
        "audience": "CLB-medewerkers en leerlingbegeleiders",
        "organiser_name": MELDPUNT,
        "is_own_event": True,
    },
}


def seed(apps, schema_editor=None):
    """Create the seed events that do not exist yet (by slug); returns how many."""
    Event = apps.get_model("netwerk", "Event")
    Theme = apps.get_model("netwerk", "Theme")
    Region = apps.get_model("netwerk", "Region")
    EventQuestion = apps.get_model("netwerk", "EventQuestion")
    existing = set(Event.objects.filter(slug__in=EVENTS).values_list("slug", flat=True))
    themes = dict(Theme.objects.values_list("slug", "pk"))
    regions = dict(Region.objects.values_list("slug", "pk"))
    created = 0
    for slug, spec in EVENTS.items():
        if slug in existing:
            continue
        spec = dict(spec)
        starts_at, ends_at = spec.pop("dates")
        theme_slugs = spec.pop("themes", [])
        region = spec.pop("region", None)
        questions = spec.pop("questions", [])
        spec.setdefault("organiser_name", NETWORK)
        event = Event.objects.create(
            slug=slug,
            starts_at=starts_at,
            ends_at=ends_at,
            region_id=regions.get(region),
            status="published",
            **spec,
        )
        # Themes another part of the site seeds may not exist yet: link what exists.
        event.themes.set([themes[t] for t in theme_slugs if t in themes])
        EventQuestion.objects.bulk_create([
            EventQuestion(
                event=event, label=label, kind=kind, choices=choices, required=required,
                position=position,
            )
            for position, (label, kind, choices, required) in enumerate(questions, start=1)
        ])
        created += 1
    return created

