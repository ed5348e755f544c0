"""A large, deterministic directory and desk for benchmarks (``bench/run.py``) and load tests.

    python manage.py generate_bench_data --interventions 2000 [--seed 1] [--clear]
    python manage.py generate_bench_data --referrals 10000 [--seed 1]

Everything it creates has a slug starting with ``bench-``, so ``--clear`` removes exactly that
and nothing else. Rows are written with ``bulk_create`` (no history records, no save()), so the
normalised search fields are filled here the way ``Intervention.save()`` fills them.

``--referrals N`` replaces the previous benchmark cases with N new ones over three school years,
with dispatches, timelines and reasons (``meldpunt.desk.bench``), dispatched to the benchmark
fiches. Without ``--interventions`` it makes the default number of fiches first only when there
are none yet, so it can be run again and again on the same fiches.
"""

import random
import uuid
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from meldpunt.desk.bench import clear_bench_referrals, generate_bench_referrals
from meldpunt.models import (
    Approach,
    CapacityStatus,
    EducationLevel,
    Intervention,
    InterventionType,
    Location,
    LocationKind,
    PublicationStatus,
    RegistrationRoute,
    TargetGroup,
)
from netwerk.geography import normalise
from netwerk.models import Municipality, Organisation, OrganisationKind, PostalPlace, Region, Theme

PREFIX = "bench-"
BATCH = 500
DEFAULT_INTERVENTIONS = 2000

ORGANISATION_WORDS = [
    "De Brug", "Het Anker", "Kompas", "De Sprong", "Overstap", "Tussenstap", "Kiemkracht",
    "De Werf", "Horizon", "De Kering", "Houvast", "Vertrekpunt", "De Haven", "Spoor",
    "Wegwijzer", "De Boomgaard", "Klaproos", "De Ladder", "Vonk", "Het Atelier",
]
ORGANISATION_FORMS = ["vzw", "dienst", "dagcentrum", "zorgboerderij", "project"]
OFFER_WORDS = [
    "Korte module", "Lange module", "Trajectbegeleiding", "Klasmodule", "Schoolcoaching",
    "Time-out", "Boerderijdagen", "Dagbesteding", "Herstelgesprek", "Leerplek", "Preventie",
    "Spijbelcoaching", "Groepswerking", "Ouderwerking", "Overstapbegeleiding",
]
GOALS = [
    "De leerling vindt opnieuw aansluiting bij school en krijgt zin om te leren.",
    "Spijbelende leerlingen krijgen begeleiding om weer elke dag naar school te gaan.",
    "Jongeren zonder school krijgen hulp bij de herinschrijving in een school die past.",
    "We zorgen voor de coördinatie tussen school, CLB, ouders en hulpverlening.",
    "De time-out doorbreekt een vastgelopen situatie tussen leerling en school.",
    "Op de zorgboerderij komt de leerling tot rust en vindt hij een dagritme.",
    "Een verbindend schoolklimaat voorkomt dat leerlingen afhaken.",
    "Na een incident herstellen de betrokkenen samen de schade.",
]
STEPS = [
    "Een vaste begeleider ziet de leerling wekelijks op school of thuis.",
    "De leerling komt enkele dagen per week naar onze werking.",
    "Er is een start-, tussen- en slotgesprek met de ouders, de school en het CLB.",
    "We werken in kleine groepen rond motivatie, faalangst en studievaardigheden.",
    "De leerling werkt mee in een atelier, een keuken of op de boerderij.",
    "Het schoolteam krijgt vorming en coaching.",
]
AUDIENCES = [
    "Leerlingen uit het secundair met veel afwezigheden.",
    "Jongeren die schoolmoe zijn of hun motivatie kwijt zijn.",
    "Kinderen uit de lagere school met gedragsproblemen.",
    "Jongeren in de jeugdhulp of met een moeilijke thuissituatie.",
    "(Ex-)OKAN-leerlingen en nieuwkomers.",
    "Leerlingen uit het BuSO.",
]
REGISTRATIONS = [
    "Het CLB meldt aan via het Meldpunt.",
    "De school meldt rechtstreeks aan, in overleg met het CLB.",
    "Aanmelden via het CLB; we nemen binnen de week contact op.",
]
STREETS = [
    "Kiezelweg", "Lindenhofstraat", "Hoevepad", "Molenbeekdreef", "Pastorijveld",
    "Zandloperstraat", "Wilgenhof", "Boomgaardlaan", "Klaverbergweg", "Ravenhoekstraat",
]
STATUSES = [PublicationStatus.PUBLISHED] * 90 + [PublicationStatus.DRAFT] * 7 + [
    PublicationStatus.ARCHIVED
] * 3
CAPACITIES = [
    CapacityStatus.FREE, CapacityStatus.FREE, CapacityStatus.LIMITED,
    CapacityStatus.WAITING_LIST, CapacityStatus.FULL, CapacityStatus.PAUSED,
    CapacityStatus.UNKNOWN,
]


class Command(BaseCommand):
    help = (
        "Maakt een groot, reproduceerbaar aanbod en aanmeldingen voor benchmarks (slugs en "
        "sleutels beginnen met 'bench-')."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interventions",
            type=int,
            help=f"Aantal fiches (standaard {DEFAULT_INTERVENTIONS}; met --referrals alleen "
            "als er nog geen benchmarkfiches zijn).",
        )
        parser.add_argument(
            "--referrals",
            type=int,
            default=0,
            help="Aantal aanmeldingen; vervangt de vorige benchmarkaanmeldingen.",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--clear", action="store_true", help="Verwijder eerst de bestaande benchmarkgegevens."
        )

    def handle(self, *args, interventions=None, referrals=0, seed=1, clear=False, verbosity=1,
               **options):
        if (interventions or 0) < 0 or referrals < 0:
            raise CommandError("--interventions en --referrals kunnen niet negatief zijn.")
        if clear:
            removed = clear_bench_data()
            if verbosity:
                self.stdout.write(f"Verwijderd: {removed} benchmarkfiches.")
        fiches_exist = Intervention.objects.filter(slug__startswith=PREFIX).exists()
        if interventions is None:
            # --referrals alone reuses the benchmark fiches that are there.
            interventions = 0 if referrals and fiches_exist else DEFAULT_INTERVENTIONS
        if interventions and fiches_exist:
            raise CommandError(
                "Er zijn al benchmarkgegevens. Gebruik --clear om ze eerst te verwijderen."
            )
        if interventions:
            counts = generate_bench_data(interventions, seed=seed)
            if verbosity:
                self.stdout.write(
                    "Aangemaakt: {interventions} fiches van {organisations} aanbieders, "
                    "{locations} locaties, {areas} gemeenten in werkgebieden.".format(**counts)
                )
        if referrals:
            counts = generate_bench_referrals(referrals, seed=seed)
            if verbosity:
                if counts["replaced"]:
                    self.stdout.write(
                        f"Vervangen: {counts['replaced']} vorige benchmarkaanmeldingen."
                    )
                self.stdout.write(
                    "Aangemaakt: {referrals} aanmeldingen met {dispatches} doorverwijzingen en "
                    "{events} gebeurtenissen (schooljaren {years}).".format(**counts)
                )


def clear_bench_data():
    """Delete every organisation and fiche whose slug starts with ``bench-``; returns the count."""
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        clear_bench_referrals()  # their dispatches protect the fiches
        bench = Intervention.objects.filter(slug__startswith=PREFIX)
        count = bench.count()
        Intervention.history.filter(slug__startswith=PREFIX).delete()
        bench.delete()
        Organisation.objects.filter(slug__startswith=PREFIX).delete()
    return count


def generate_bench_data(count, seed=1, now=None):
    """Create ``count`` fiches (and ~count/10 providers) with ``bulk_create``; returns counts.

    The same seed gives the same slugs, names, texts, lists and areas on any database.
    """
    rng = random.Random(seed)
    now = now or timezone.now()
    municipalities = list(Municipality.objects.order_by("nis_code"))
    if not municipalities:
        raise CommandError("Er zijn nog geen gemeenten: draai eerst 'manage.py migrate'.")
    postcodes = _first_postcodes()
    regions = [
        sorted(region.municipalities.values_list("pk", flat=True))
        for region in Region.objects.order_by("slug")
    ]
    types = list(InterventionType.objects.order_by("slug").values_list("pk", flat=True))
    levels = list(EducationLevel.objects.order_by("slug").values_list("pk", flat=True))
    groups = list(TargetGroup.objects.order_by("slug").values_list("pk", flat=True))
    themes = list(Theme.objects.order_by("slug").values_list("pk", flat=True))

    with transaction.atomic():
        organisations = _organisations(rng, max(1, count // 10), municipalities, postcodes)
        Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        provider_ids = list(
            Organisation.objects.filter(slug__startswith=f"{PREFIX}org-")
            .order_by("slug")
            .values_list("pk", flat=True)
        )
        interventions, relations, locations = [], [], []
        for number in range(1, count + 1):
            intervention, related, places = _intervention(
                rng, number, now, provider_ids, municipalities, regions, postcodes
            )
            interventions.append(intervention)
            relations.append({
                "types": rng.sample(types, rng.randint(1, 2)),
                "education_levels": rng.sample(levels, rng.randint(1, 4)),
                "target_groups": rng.sample(groups, rng.randint(0, 3)),
                "themes": rng.sample(themes, rng.randint(0, 2)),
                "service_area": related,
            })
            locations.append(places)
        Intervention.objects.bulk_create(interventions, batch_size=BATCH)
        # bulk_create skips save(), which keeps the full-text vector (PostgreSQL) current.
        Intervention.objects.filter(slug__startswith=PREFIX).refresh_search_vectors()
        # Primary keys by slug: not every backend returns them from bulk_create.
        ids = dict(
            Intervention.objects.filter(slug__startswith=PREFIX).values_list("slug", "pk")
        )
        totals = {"areas": 0, "locations": 0}
        for field in ("types", "education_levels", "target_groups", "themes", "service_area"):
            through = getattr(Intervention, field).through
            column = f"{getattr(Intervention, field).field.m2m_reverse_field_name()}_id"
            rows = [
                through(intervention_id=ids[intervention.slug], **{column: pk})
                for intervention, related in zip(interventions, relations, strict=True)
                for pk in related[field]
            ]
            through.objects.bulk_create(rows, batch_size=BATCH)
            if field == "service_area":
                totals["areas"] = len(rows)
        rows = []
        for intervention, places in zip(interventions, locations, strict=True):
            for place in places:
                place.intervention_id = ids[intervention.slug]
                rows.append(place)
        Location.objects.bulk_create(rows, batch_size=BATCH)
        totals["locations"] = len(rows)
    return {"interventions": count, "organisations": len(organisations), **totals}


def _first_postcodes():
    postcodes = {}
    for municipality_id, postcode in PostalPlace.objects.order_by("postcode", "name").values_list(
        "municipality_id", "postcode"
    ):
        postcodes.setdefault(municipality_id, postcode)
    return postcodes


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _organisations(rng, count, municipalities, postcodes):
    organisations = []
    kinds = [OrganisationKind.NAFT, OrganisationKind.YOUTH_CARE, OrganisationKind.OTHER,
             OrganisationKind.LOCAL_GOVERNMENT]
    for number in range(1, count + 1):
        word = rng.choice(ORGANISATION_WORDS)
        name = f"{rng.choice(ORGANISATION_FORMS).capitalize()} {word} {number:04d} (bench)"
        municipality = rng.choice(municipalities)
        slug = f"{PREFIX}org-{number:04d}"
        organisations.append(Organisation(
            uuid=_uuid(rng),
            name=name,
            search_name=normalise(name),
            slug=slug,
            kind=rng.choice(kinds),
            description=f"Benchmarkgegevens: verzonnen aanbieder {number}.",
            website=f"https://{slug}.example.org/",
            email=f"info@{slug}.example.org",
            street_address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            postcode=postcodes.get(municipality.pk, ""),
            municipality=municipality,
        ))
    return organisations


def _intervention(rng, number, now, provider_ids, municipalities, regions, postcodes):
    offer = rng.choice(OFFER_WORDS)
    home = rng.choice(municipalities)
    name = f"{offer} {home.name} {number:05d}"
    slug = f"{PREFIX}{number:05d}"
    summary = f"{offer} voor leerlingen in en rond {home.name}."
    goal = " ".join(rng.sample(GOALS, 2))
    what_happens = " ".join(rng.sample(STEPS, 3))
    audience = rng.choice(AUDIENCES)
    register = rng.choice(REGISTRATIONS)
    age_min = rng.choice([None, 6, 10, 12, 12, 14])
    age_max = None if age_min is None else min(age_min + rng.choice([4, 6, 8]), 25)
    capacity = rng.choice(CAPACITIES)
    verified = rng.choice([None, *range(0, 800, 7)])
    intervention = Intervention(
        uuid=_uuid(rng),
        provider_id=rng.choice(provider_ids),
        name=name,
        slug=slug,
        summary=summary,
        goal=goal,
        what_happens=what_happens,
        target_group_description=audience,
        how_to_register=register,
        approach=rng.choice([*Approach.values, ""]),
        age_min=age_min,
        age_max=age_max,
        duration=rng.choice(["", "Zes weken.", "Drie maanden.", "Een schooljaar."]),
        cost=rng.choice(["", "Gratis."]),
        registration_route=rng.choice(RegistrationRoute.values),
        capacity_status=capacity,
        waiting_weeks=rng.randint(1, 20) if capacity == CapacityStatus.WAITING_LIST else None,
        capacity_updated_at=(
            None if capacity == CapacityStatus.UNKNOWN
            else now - timedelta(days=rng.randint(0, 120))
        ),
        status=rng.choice(STATUSES),
        last_verified=None if verified is None else now.date() - timedelta(days=verified),
        search_name=normalise(name),
        search_summary=normalise(summary),
        search_body=normalise(" ".join([goal, what_happens, audience, register])),
    )
    # Service area: a region, or the home municipality with a few random others.
    if regions and rng.random() < 0.5:
        area = rng.choice(regions)
    else:
        area = sorted({home.pk, *(m.pk for m in rng.sample(municipalities, rng.randint(0, 8)))})
    places = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        kind = rng.choice([LocationKind.ADDRESS, LocationKind.ADDRESS, LocationKind.IN_SCHOOL,
                           LocationKind.MOBILE])
        if kind == LocationKind.ADDRESS:
            places.append(Location(
                kind=kind,
                street_address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                postcode=postcodes.get(home.pk, ""),
                municipality=home,
            ))
        else:
            places.append(Location(kind=kind))
    return intervention, area, places
