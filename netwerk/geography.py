"""Reference geography of Vlaams-Brabant: loading it and resolving what people type.

The data (municipalities since 1 January 2025, their postcodes and postal places) lives in
``settings.GEOGRAPHY_DATA_DIR``; see the README there for sources and pitfalls.

This module must not import ``netwerk.models`` at import time: the models import
``normalise`` from here, and the data migration calls the loader with historical models.
"""

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ATTRIBUTION = _("Bevat gegevens afgeleid van FOD BOSA BeST Address (CC BY 4.0).")

MUNICIPALITIES_FILE = "vlaams-brabant-gemeenten.csv"
POSTCODES_FILE = "vlaams-brabant-postcodes.csv"

# Every postcode of the province lies in one of these ranges (inclusive).
PROVINCE_POSTCODE_RANGES = ((1500, 1999), (3000, 3499))

MERGER_DATE = _("1 januari 2025")
# The one merger of 2025 in the province: former municipality -> (new one, its postcodes).
# The postcodes did not change, so they tell which postal places belonged to which.
FORMER_MUNICIPALITIES = {
    "Galmaarden": ("Pajottegem", ("1570",)),
    "Gooik": ("Pajottegem", ("1755",)),
    "Herne": ("Pajottegem", ("1540", "1541")),
}


class GeographyDataError(Exception):
    """The reference files are inconsistent or do not match what the code expects."""


# --- normalising names -------------------------------------------------------------------

_SEPARATORS = re.compile(r"[^0-9a-z]+")
# Abbreviations people type for the saints and Our Lady in place names.
_ABBREVIATIONS = [
    (re.compile(r"\bst\b"), "sint"),
    (re.compile(r"\b(?:o l v|olv)\b"), "onze lieve vrouw"),
]


def normalise(text):
    """A search key: case and accents dropped, hyphens/spaces/apostrophes/dots alike.

    ``"St.-Pieters-Leeuw"``, ``"sint pieters leeuw"`` and ``"SINT-PIETERS-LEEUW"`` all give
    ``"sint pieters leeuw"``.
    """
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    key = _SEPARATORS.sub(" ", without_accents.casefold()).strip()
    for pattern, replacement in _ABBREVIATIONS:
        key = pattern.sub(replacement, key)
    return key


# --- loading the reference files ---------------------------------------------------------


def _read_csv(path, columns):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            raise GeographyDataError(f"{path.name}: missing columns {sorted(missing)}")
        return [{key: (row[key] or "").strip() for key in columns} for row in reader]


def _arrondissement_code(nis_code):
    # The first two digits of a municipality's NIS code are its arrondissement's.
    return nis_code[:2] + "000"


def _upsert(model, lookup, values):
    """Like ``update_or_create``, but saves only when something differs.

    Returns "created", "updated" or None, so a second run reports (and writes) nothing.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        return "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return None
    for name in changed:
        setattr(obj, name, values[name])
    obj.save(update_fields=changed)
    return "updated"


def _read_reference(data_dir):
    municipalities = _read_csv(
        data_dir / MUNICIPALITIES_FILE, ("nis_code", "gemeente", "arrondissement", "lat", "lon")
    )
    places = _read_csv(data_dir / POSTCODES_FILE, ("postcode", "deelgemeente", "nis_code"))
    known = {row["nis_code"] for row in municipalities}
    unknown = sorted({row["nis_code"] for row in places} - known)
    if unknown:
        raise GeographyDataError(f"{POSTCODES_FILE}: unknown municipality NIS codes {unknown}")
    arrondissements = {}
    for row in municipalities:
        code = _arrondissement_code(row["nis_code"])
        if arrondissements.setdefault(code, row["arrondissement"]) != row["arrondissement"]:
            raise GeographyDataError(f"Arrondissement {code} has two names in the file.")
    return arrondissements, municipalities, places


def load_geography(apps=None, data_dir=None):
    """Upsert arrondissements, municipalities and postal places from the reference files.

    Idempotent. Postal places that left the file are deleted; municipalities never are,
    because regions (and later referrals) point to them: a vanished one needs a person.
    Works with the historical models of a migration (``apps``) or the real ones.
    Returns the counts in the database and how many rows were created/updated/deleted.
    """
    apps = apps or global_apps
    Arrondissement = apps.get_model("netwerk", "Arrondissement")
    Municipality = apps.get_model("netwerk", "Municipality")
    PostalPlace = apps.get_model("netwerk", "PostalPlace")
    arrondissements, municipalities, places = _read_reference(
        Path(data_dir or settings.GEOGRAPHY_DATA_DIR)
    )
    outcomes = []
    with transaction.atomic():
        by_code = {}
        for code, name in arrondissements.items():
            outcomes.append(_upsert(Arrondissement, {"nis_code": code}, {"name": name}))
            by_code[code] = Arrondissement.objects.get(nis_code=code)
        for row in municipalities:
            outcomes.append(_upsert(Municipality, {"nis_code": row["nis_code"]}, {
                "name": row["gemeente"],
                "slug": slugify(row["gemeente"]),
                "search_name": normalise(row["gemeente"]),
                "arrondissement_id": by_code[_arrondissement_code(row["nis_code"])].pk,
                "latitude": Decimal(row["lat"]),
                "longitude": Decimal(row["lon"]),
            }))
        municipality_ids = dict(Municipality.objects.values_list("nis_code", "pk"))
        for row in places:
            outcomes.append(_upsert(
                PostalPlace,
                {"postcode": row["postcode"], "name": row["deelgemeente"]},
                {
                    "municipality_id": municipality_ids[row["nis_code"]],
                    "search_name": normalise(row["deelgemeente"]),
                },
            ))
        in_file = {(row["postcode"], row["deelgemeente"]) for row in places}
        stale = [
            pk
            for pk, postcode, name in PostalPlace.objects.values_list("pk", "postcode", "name")
            if (postcode, name) not in in_file
        ]
        deleted = PostalPlace.objects.filter(pk__in=stale).delete()[0] if stale else 0
    return {
        "arrondissements": Arrondissement.objects.count(),
        "municipalities": Municipality.objects.count(),
        "postal_places": PostalPlace.objects.count(),
        "created": outcomes.count("created"),
        "updated": outcomes.count("updated"),
        "deleted": deleted,
    }


# --- seeding the regions -----------------------------------------------------------------

# Stored as data (not gettext): the Meldpunt edits these texts in the admin afterwards.
_PROPOSAL = (
    "Eerste voorstel van gemeenten voor deze regio. Het Meldpunt controleert en past de lijst "
    "aan in het beheer."
)
_ARRONDISSEMENT_DESCRIPTION = (
    "Alle gemeenten van het administratieve arrondissement {name}, volgens de "
    "referentiegegevens (gemeenten sinds 1 januari 2025)."
)

# The two arrondissements: slug -> (region name, arrondissement NIS code).
SEED_ARRONDISSEMENT_REGIONS = {
    "arrondissement-halle-vilvoorde": ("Arrondissement Halle-Vilvoorde", "23000"),
    "arrondissement-leuven": ("Arrondissement Leuven", "24000"),
}
# The local networks the coordinators join (see DOMAIN.md): slug -> (name, municipalities).
# A first proposal of neighbouring municipalities; the Meldpunt corrects it in the admin.
SEED_LOCAL_REGIONS = {
    "halle": ("Halle", (
        # Zennevallei and Pajottenland around Halle.
        "Halle", "Beersel", "Sint-Pieters-Leeuw", "Drogenbos", "Linkebeek",
        "Sint-Genesius-Rode", "Pepingen", "Pajottegem", "Bever", "Lennik",
    )),
    "vilvoorde": ("Vilvoorde", (
        # Vilvoorde, Machelen and the north-east rand.
        "Vilvoorde", "Machelen", "Grimbergen", "Zemst", "Steenokkerzeel", "Kampenhout",
        "Zaventem",
    )),
    "asse-merchtem-opwijk": ("Asse-Merchtem-Opwijk", (
        "Asse", "Merchtem", "Opwijk", "Affligem", "Liedekerke", "Ternat", "Roosdaal",
        "Dilbeek", "Wemmel", "Meise", "Londerzeel",
    )),
    "leuven": ("Leuven", (
        "Leuven", "Herent", "Kortenberg", "Bertem", "Tervuren", "Huldenberg", "Oud-Heverlee",
        "Bierbeek", "Lubbeek", "Holsbeek", "Rotselaar", "Haacht",
    )),
    "diest": ("Diest", (
        # Diest and the north-east of the Hageland.
        "Diest", "Scherpenheuvel-Zichem", "Bekkevoort", "Geetbets", "Kortenaken",
    )),
}


def _seed_specs(Municipality, Arrondissement):
    """(slug, name, kind, description, municipalities) for every seed region; checks names."""
    specs = []
    for slug, (name, code) in SEED_ARRONDISSEMENT_REGIONS.items():
        arrondissement = Arrondissement.objects.get(nis_code=code)
        members = list(Municipality.objects.filter(arrondissement=arrondissement))
        description = _ARRONDISSEMENT_DESCRIPTION.format(name=arrondissement.name)
        # Kind values as strings: historical models have no Region.Kind.
        specs.append((slug, name, "arrondissement", description, members))
    for slug, (name, names) in SEED_LOCAL_REGIONS.items():
        members = list(Municipality.objects.filter(name__in=names))
        missing = sorted(set(names) - {m.name for m in members})
        if missing:
            raise GeographyDataError(f"Seed region {slug!r}: unknown municipalities {missing}")
        specs.append((slug, name, "local", _PROPOSAL, members))
    return specs


def seed_regions(apps=None):
    """Create the seed regions that do not exist yet (by slug); returns how many.

    Existing regions are never touched: the Meldpunt may have renamed them or changed their
    municipalities, and a deploy must not undo that.
    """
    apps = apps or global_apps
    Region = apps.get_model("netwerk", "Region")
    specs = _seed_specs(
        apps.get_model("netwerk", "Municipality"), apps.get_model("netwerk", "Arrondissement")
    )
    existing = set(Region.objects.values_list("slug", flat=True))
    created = 0
    with transaction.atomic():
        for slug, name, kind, description, members in specs:
            if slug in existing:
                continue
            region = Region.objects.create(
                slug=slug, name=name, kind=kind, description=description
            )
            region.municipalities.set(members)
            created += 1
    return created


# --- resolving what people type ----------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """What a typed postcode or place name stands for."""

    municipality: object  # netwerk.models.Municipality
    label: str  # e.g. "Kessel-Lo (Leuven)"
    note: str = ""  # e.g. that a former municipality merged; "" when nothing to say


class PlaceNotFound(ValidationError):
    """The input names no place in Vlaams-Brabant; ``.message`` says why, in Dutch.

    A ValidationError, so a form's clean method can let it through unchanged.
    ``suggestions`` holds close place names for a "did you mean" link.
    """

    def __init__(self, message, code, suggestions=()):
        super().__init__(message, code=code)
        self.suggestions = tuple(suggestions)


_POSTCODE_FIRST = re.compile(r"^(?:b )?(?P<postcode>\d{4})(?: (?P<name>.+))?$")
_POSTCODE_LAST = re.compile(r"^(?P<name>.*[a-z].*) (?P<postcode>\d{4})$")
_DIGITS_ONLY = re.compile(r"^(?:b )?\d+$")


def resolve_place(text):
    """Resolve a postcode, municipality or postal place (optionally with postcode).

    Returns a ``Place``; raises ``PlaceNotFound`` with a Dutch message otherwise.
    """
    typed = " ".join(str(text or "").split())
    key = normalise(typed)
    if not key:
        raise PlaceNotFound(gettext("Vul een postcode of gemeente in."), code="empty")
    match = _POSTCODE_FIRST.match(key) or _POSTCODE_LAST.match(key)
    if match:
        return _resolve_with_postcode(match["postcode"], match["name"], typed)
    if _DIGITS_ONLY.match(key):
        raise PlaceNotFound(
            gettext("Een Belgische postcode heeft vier cijfers, bijvoorbeeld 3000."),
            code="invalid_postcode",
        )
    return _resolve_name(key, typed)


def _resolve_with_postcode(postcode, name_key, typed):
    _check_postcode_range(postcode)
    places = list(_postal_places().filter(postcode=postcode))
    if not places:
        raise PlaceNotFound(
            gettext("Postcode %(postcode)s vonden we niet in Vlaams-Brabant. Kijk de postcode na.")
            % {"postcode": postcode},
            code="unknown_postcode",
        )
    if not name_key:
        return _place_for_postcode(postcode, places)
    for place in places:
        if place.search_name == name_key:
            return _place_from_postal_place(place)
    # "3001 Leuven": a municipality's name with one of its postcodes is a valid address.
    for place in places:
        if place.municipality.search_name == name_key:
            return Place(place.municipality, place.municipality.name)
    raise PlaceNotFound(
        gettext("Postcode %(postcode)s hoort bij %(places)s, niet bij %(name)s.")
        % {
            "postcode": postcode,
            "places": _describe(places),
            "name": _without_postcode(typed, postcode),
        },
        code="postcode_mismatch",
    )


def _describe(places):
    """"Leuven", or "Herfelingen en Herne (Pajottegem)" when the municipality is not named."""
    names = [place.name for place in places]
    municipalities = sorted({place.municipality.name for place in places})
    if set(municipalities) <= set(names):
        return _join(names)
    return f"{_join(names)} ({_join(municipalities)})"


def _check_postcode_range(postcode):
    number = int(postcode)
    if number < 1000:
        raise PlaceNotFound(
            gettext("%(postcode)s is geen Belgische postcode.") % {"postcode": postcode},
            code="invalid_postcode",
        )
    if not any(low <= number <= high for low, high in PROVINCE_POSTCODE_RANGES):
        raise PlaceNotFound(
            gettext("Postcode %(postcode)s ligt niet in Vlaams-Brabant.") % {"postcode": postcode},
            code="outside_province",
        )


def _place_for_postcode(postcode, places):
    if len(places) == 1:
        return _place_from_postal_place(places[0])
    municipalities = {place.municipality for place in places}
    if len(municipalities) > 1:
        # Not so in the 2025 data, but bpost may one day share a postcode between two.
        raise PlaceNotFound(
            gettext(
                "Postcode %(postcode)s hoort bij meer dan één gemeente: %(municipalities)s. "
                "Vul ook de naam van de deelgemeente in."
            )
            % {
                "postcode": postcode,
                "municipalities": _join(sorted(m.name for m in municipalities)),
            },
            code="ambiguous",
        )
    municipality = places[0].municipality
    return Place(municipality, municipality.name, _merger_note(postcode, None))


def _resolve_name(key, typed):
    municipality = _municipalities().filter(search_name=key).first()
    if municipality is not None:
        return Place(municipality, municipality.name)
    places = list(_postal_places().filter(search_name=key))
    if len({place.municipality_id for place in places}) > 1:
        raise _ambiguous(places[0].name, places)
    if places:
        return _place_from_postal_place(places[0])
    raise _not_found(key, typed)


def _place_from_postal_place(place):
    municipality = place.municipality
    label = place.name
    if place.name != municipality.name:
        label = gettext("%(place)s (%(municipality)s)") % {
            "place": place.name,
            "municipality": municipality.name,
        }
    return Place(municipality, label, _merger_note(place.postcode, place.name))


def _merger_note(postcode, place_name):
    """Why a pre-2025 name or postcode now leads to another municipality ("" if it does not)."""
    for former, (current, postcodes) in FORMER_MUNICIPALITIES.items():
        if postcode not in postcodes:
            continue
        values = {"former": former, "current": current, "place": place_name, "date": MERGER_DATE}
        if place_name in (None, former):
            message = gettext("%(former)s is sinds %(date)s een deelgemeente van %(current)s.")
        else:
            message = gettext(
                "%(place)s hoorde tot %(date)s bij %(former)s en hoort nu bij %(current)s."
            )
        return message % values
    return ""


def _ambiguous(name, places):
    options = [f"{place.postcode} {place.municipality.name}" for place in places]
    return PlaceNotFound(
        gettext(
            "%(name)s bestaat in meer dan één gemeente: %(options)s. Vul ook de postcode in, "
            "bijvoorbeeld „%(example)s”."
        )
        % {"name": name, "options": _join(options), "example": f"{places[0].postcode} {name}"},
        code="ambiguous",
    )


def _not_found(key, typed):
    suggestions = _suggestions(key)
    message = gettext("%(name)s vonden we niet in Vlaams-Brabant.") % {"name": typed}
    if suggestions:
        message += " " + gettext("Bedoelde u %(suggestions)s?") % {
            "suggestions": _join(suggestions, gettext("of"))
        }
    return PlaceNotFound(message, code="unknown_name", suggestions=suggestions)


def _suggestions(key, limit=3):
    # Only here, after every query failed, do we read all names: difflib needs them.
    names = {}
    for name in _municipalities().values_list("name", flat=True):
        names.setdefault(normalise(name), name)
    for name in _postal_places().order_by().values_list("name", flat=True).distinct():
        names.setdefault(normalise(name), name)
    close = difflib.get_close_matches(key, names, n=limit, cutoff=0.75)
    return [names[match] for match in close]


def _join(items, conjunction=None):
    """["a", "b", "c"] -> "a, b en c"."""
    items = list(items)
    conjunction = conjunction or gettext("en")
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _without_postcode(typed, postcode):
    """The name part of what was typed, as typed: "3000  Tienen" -> "Tienen"."""
    return re.sub(rf"\b(?:[Bb]-?\s?)?{postcode}\b", " ", typed).strip(" ,-()")


def _municipalities():
    from netwerk.models import Municipality

    return Municipality.objects.all()


def _postal_places():
    from netwerk.models import PostalPlace

    return PostalPlace.objects.select_related("municipality").order_by("postcode", "name")
