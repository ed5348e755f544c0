"""Free-text search, distance and the words that describe a result.

``matching`` and ``ranked`` are the free-text search of the directory. On
PostgreSQL it is Dutch full-text search (stemming: "spijbelen" finds
"spijbelende leerlingen") OR a trigram word similarity on the names (typos:
"herinschrijvng" finds "herinschrijving"). On SQLite (local development) every
word must occur in a name, the summary or the body. Both sides are normalised
(``netwerk.geography.normalise``), so accents and case never matter.

``for_cards`` and ``describe_areas`` prepare interventions for the result card
(``templates/meldpunt/includes/intervention_card.html``) with a fixed number of
queries, whatever the number of cards.
"""

import math

from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Greatest
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from netwerk.geography import normalise

# Word similarity (0..1) above which a typed word counts as a (misspelt) word of a name.
TRIGRAM_THRESHOLD = 0.6
# A longer query is refused by the search form; this only bounds the SQL.
MAX_WORDS = 12

PROVINCE = _("heel Vlaams-Brabant")


def _postgres():
    return connection.vendor == "postgresql"


def search_key(text):
    """The normalised query: no case, no accents, at most ``MAX_WORDS`` words."""
    return " ".join(normalise(text).split()[:MAX_WORDS])


# --- free text ---------------------------------------------------------------------------


def _provider_vector():
    # The provider's name, weighted between the summary and the body; computed at
    # query time because it lives on the organisation (a short text: cheap).
    from django.contrib.postgres.search import SearchVector

    return SearchVector("provider__search_name", weight="C", config="dutch")


def _query(key):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(key, config="dutch", search_type="websearch")


def _similarity(key):
    # Word similarity: how well the query matches some part of the name, so a
    # misspelt word still finds a long name ("herinschrijvng" -> "herinschrijving na...").
    from django.contrib.postgres.search import TrigramWordSimilarity

    return Greatest(
        TrigramWordSimilarity(Value(key), "search_name"),
        TrigramWordSimilarity(Value(key), "provider__search_name"),
    )


def matching(queryset, text):
    """Interventions that match the free text ``text`` (all of them when it is empty)."""
    key = search_key(text)
    if not key:
        return queryset
    if _postgres():
        return _matching_postgres(queryset, key)
    for word in key.split():
        queryset = queryset.filter(
            Q(search_name__icontains=word)
            | Q(search_summary__icontains=word)
            | Q(search_body__icontains=word)
            | Q(provider__search_name__icontains=word)
        )
    return queryset


def _matching_postgres(queryset, key):
    """Full-text match of the whole query, OR every word found despite a typo.

    The typo leg takes each word of four letters or more: it matches when the word
    is close to a word of the intervention's or the provider's name (trigram word
    similarity), or when the word alone matches the full text. Per word, so
    "time-out halle" does not find "Time-out in Leuven" on "time out" alone.
    """
    from django.contrib.postgres.search import SearchQuery

    query = _query(key)
    condition = Q(search_vector=query) | Q(search_provider_vector=query)
    aliases = {"search_provider_vector": _provider_vector()}
    words = [word for word in key.split() if len(word) >= 4]
    if words:
        every_word = Q()
        for index, word in enumerate(words):
            alias = f"search_similarity_{index}"
            aliases[alias] = _similarity(word)
            word_query = SearchQuery(word, config="dutch", search_type="plain")
            every_word &= (
                Q(**{f"{alias}__gte": TRIGRAM_THRESHOLD})
                | Q(search_vector=word_query)
                | Q(search_provider_vector=word_query)
            )
        condition |= every_word
    return queryset.alias(**aliases).filter(condition)


def ranked(queryset, text):
    """``queryset`` with a ``relevance`` annotation, best first (ties by name)."""
    key = search_key(text)
    if not key:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField())).order_by(
            "search_name", "pk"
        )
    if _postgres():
        from django.contrib.postgres.search import SearchRank

        query = _query(key)
        relevance = (
            SearchRank(F("search_vector"), query)
            + SearchRank(_provider_vector(), query)
            + _similarity(key)
        )
    else:
        # A word in the name weighs most, then the summary, then the body or provider.
        relevance = sum(
            (
                Case(
                    When(search_name__icontains=word, then=Value(4)),
                    When(search_summary__icontains=word, then=Value(2)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
                for word in key.split()
            ),
            Value(0),
        )
    return queryset.annotate(relevance=relevance).order_by(
        F("relevance").desc(), "search_name", "pk"
    )


# --- distance ----------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km between two WGS84 points (degrees)."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    dphi = phi2 - phi1
    dlambda = math.radians(float(lon2) - float(lon1))
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def by_distance(queryset, municipality):
    """``[(pk, km), …]`` for every intervention of ``queryset``, nearest first.

    The distance runs from the centre of ``municipality`` to the centre of the
    municipality of the nearest address location; an intervention without an
    address location counts from the nearest municipality of its service area.
    Three queries, whatever the size of ``queryset``; ties by name.
    """
    from meldpunt.models import Intervention, Location

    origin = (municipality.latitude, municipality.longitude)
    rows = list(queryset.order_by("search_name", "pk").values_list("pk", flat=True))
    best = {}

    def consider(pk, lat, lon):
        km = haversine_km(*origin, lat, lon)
        if pk not in best or km < best[pk]:
            best[pk] = km

    located = Location.objects.filter(
        intervention__in=queryset.values("pk"),
        kind=Location.Kind.ADDRESS,
        municipality__isnull=False,
    ).values_list("intervention_id", "municipality__latitude", "municipality__longitude")
    for pk, lat, lon in located:
        consider(pk, lat, lon)
    with_location = set(best)
    area = Intervention.service_area.through.objects.filter(
        intervention__in=queryset.values("pk")
    ).values_list("intervention_id", "municipality__latitude", "municipality__longitude")
    for pk, lat, lon in area:
        if pk not in with_location:
            consider(pk, lat, lon)
    order = {pk: position for position, pk in enumerate(rows)}
    results = [(pk, best.get(pk)) for pk in rows]
    # Unknown distances (no location, no area) go last.
    results.sort(key=lambda item: (item[1] is None, item[1] or 0.0, order[item[0]]))
    return results


def distance_label(km):
    """"± 12 km", or "minder dan 1 km"."""
    if km is None:
        return ""
    if km < 1:
        return gettext("minder dan 1 km")
    return gettext("± %(km)s km") % {"km": round(km)}


# --- describing the service area ---------------------------------------------------------


def for_cards(queryset):
    """What a result card reads, in a fixed number of queries (with ``describe_areas``)."""
    return queryset.select_related("provider").prefetch_related(
        "types", "education_levels", "service_area"
    )


class AreaNames:
    """The named areas (regions, the province) an intervention's service area may equal.

    Two queries when built; then ``describe`` and ``summary`` cost nothing.
    """

    def __init__(self):
        from netwerk.models import Municipality, Region

        self.province_size = Municipality.objects.count()
        members = {}
        names = {}
        rows = Region.municipalities.through.objects.values_list(
            "region_id", "region__name", "region__kind", "municipality_id"
        ).order_by("region__kind", "region__name", "region_id")
        for region_id, name, kind, municipality_id in rows:
            members.setdefault(region_id, set()).add(municipality_id)
            names[region_id] = _region_label(name, kind)
        self.regions = [(names[pk], frozenset(ids)) for pk, ids in members.items()]

    def named(self, municipality_ids):
        """The region (or the province) that is exactly this area, or "".

        Worded to follow "voor": "heel Vlaams-Brabant", "het arrondissement Leuven",
        "de regio Halle".
        """
        ids = frozenset(municipality_ids)
        if not ids:
            return ""
        if self.province_size and len(ids) == self.province_size:
            return str(PROVINCE)
        for name, members in self.regions:
            if members == ids:
                return name
        return ""

    def summary(self, municipalities):
        """A few words for a card: "Het arrondissement Leuven", "Herent en Leuven", …"""
        municipalities = list(municipalities)
        named = self.named(m.pk for m in municipalities)
        if named:
            return capfirst(named)
        names = [m.name for m in municipalities]
        if len(names) <= 3:
            return join(names)
        others = len(names) - 2
        return ngettext(
            "%(names)s en %(count)s andere gemeente",
            "%(names)s en %(count)s andere gemeenten",
            others,
        ) % {"names": ", ".join(names[:2]), "count": others}


def _region_label(name, kind):
    """How a region reads after "voor": "het arrondissement Leuven", "de regio Halle"."""
    from netwerk.models import Region

    lowered = name[:1].lower() + name[1:]
    if kind == Region.Kind.ARRONDISSEMENT:
        if lowered.startswith("arrondissement"):
            return gettext("het %(name)s") % {"name": lowered}
        return gettext("het arrondissement %(name)s") % {"name": name}
    if kind == Region.Kind.LOCAL:
        if lowered.startswith("regio"):
            return gettext("de %(name)s") % {"name": lowered}
        return gettext("de regio %(name)s") % {"name": name}
    return name


def describe_areas(interventions, area_names=None):
    """Set ``area_summary`` on each intervention (``service_area`` prefetched)."""
    area_names = area_names or AreaNames()
    for intervention in interventions:
        intervention.area_summary = area_names.summary(intervention.service_area.all())
    return interventions


def join(items, conjunction=None):
    """["a", "b", "c"] -> "a, b en c"."""
    items = [str(item) for item in items]
    conjunction = conjunction or gettext("en")
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
