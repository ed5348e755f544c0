"""Demo fiches for ``manage.py load_demo`` (see ``netwerk/management/commands/load_demo.py``).

The desk's demo cases follow the fiches (``meldpunt.desk.demo``).

Idempotent and respectful of the Meldpunt's work: organisations and fiches are looked up by
slug and only created when missing. An existing one is never touched, so edits made in the
admin survive every later run (and a second run writes nothing at all).
"""

from datetime import timedelta

from django.apps import apps
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from meldpunt import demo_data
from meldpunt.desk import demo as desk_demo
from meldpunt.models import EducationLevel, Intervention, InterventionType, Location, TargetGroup
from netwerk.bodies import seeds as bodies_seeds
from netwerk.models import Municipality, Organisation, Region, Theme

ORGANISATION_FIELDS = ("name", "kind", "description", "website", "email", "street_address",
                       "postcode")
HISTORY_REASON = "Demo-inhoud geladen"
INTERVENTION_FIELDS = (
    "name", "summary", "goal", "what_happens", "target_group_description", "how_to_register",
    "approach", "age_min", "age_max", "duration", "cost", "registration_route",
    "consent_notes", "absence_legitimised", "certificate_issued",
)


def load(command):
    """Entry point called by ``load_demo``: load and print a one-line summary."""
    counts = load_demo_content()
    command.stdout.write(
        "Demo-aanbod: {interventions_created} nieuwe fiches en {organisations_created} nieuwe "
        "aanbieders ({interventions_existing} fiches en {organisations_existing} aanbieders "
        "bestonden al en bleven ongewijzigd).".format(**counts)
    )
    # The desk's made-up cases need the demo fiches to dispatch to.
    desk_demo.load(command)
    # The network's seed links providers to their bodies only when they exist; now they do.
    bodies_seeds.link_directory_providers(apps)


def load_demo_content(now=None):
    """Create the demo organisations and fiches that do not exist yet; returns counts."""
    if not Municipality.objects.exists():
        raise CommandError(
            "Er zijn nog geen gemeenten: laad eerst de referentiegegevens met "
            "'manage.py load_geography'."
        )
    now = now or timezone.now()
    lookup = _Lookup()
    counts = dict.fromkeys(
        ["organisations_created", "organisations_existing", "interventions_created",
         "interventions_existing"], 0,
    )
    with transaction.atomic():
        providers = {}
        for spec in demo_data.ORGANISATIONS:
            organisation, created = Organisation.objects.get_or_create(
                slug=spec["slug"], defaults=_organisation_values(spec, lookup)
            )
            providers[spec["slug"]] = organisation
            counts["organisations_created" if created else "organisations_existing"] += 1
        for spec in demo_data.INTERVENTIONS:
            if Intervention.objects.filter(slug=spec["slug"]).exists():
                counts["interventions_existing"] += 1
                continue
            _create_intervention(spec, providers[spec["provider"]], lookup, now)
            counts["interventions_created"] += 1
    return counts


def _organisation_values(spec, lookup):
    values = {field: spec.get(field, "") for field in ORGANISATION_FIELDS}
    values["municipality"] = lookup.municipality(spec.get("municipality"))
    values["is_demo"] = True
    return values


def _create_intervention(spec, provider, lookup, now):
    values = {field: spec[field] for field in INTERVENTION_FIELDS if field in spec}
    capacity = spec.get("capacity")
    if capacity:
        status, weeks, days_ago = capacity
        values.update(
            capacity_status=status,
            waiting_weeks=weeks,
            capacity_updated_at=now - timedelta(days=days_ago),
        )
    else:
        values["capacity_status"] = Intervention.CapacityStatus.UNKNOWN
    days_ago = spec.get("verified_days_ago")
    intervention = Intervention(
        slug=spec["slug"],
        provider=provider,
        status=spec.get("status", Intervention.Status.PUBLISHED),
        last_verified=None if days_ago is None else now.date() - timedelta(days=days_ago),
        is_demo=True,
        **values,
    )
    # One history record with the lists filled in, rather than one per list: recording every
    # step costs seconds and tells the Meldpunt nothing.
    intervention.save_without_historical_record()
    intervention.skip_history_when_saving = True
    # Lenient on purpose: a list entry the Meldpunt removed is skipped, not an error.
    intervention.types.set(InterventionType.objects.filter(slug__in=spec["types"]))
    intervention.education_levels.set(
        EducationLevel.objects.filter(slug__in=spec.get("levels", []))
    )
    intervention.target_groups.set(
        TargetGroup.objects.filter(slug__in=spec.get("target_groups", []))
    )
    intervention.themes.set(Theme.objects.filter(slug__in=spec.get("themes", [])))
    intervention.service_area.set(lookup.area(spec.get("area", [])))
    del intervention.skip_history_when_saving
    intervention._change_reason = HISTORY_REASON
    intervention.save()
    Intervention.history.filter(id=intervention.pk).update(history_type="+")
    for location in spec.get("locations", []):
        municipality = lookup.municipality(location.get("municipality"))
        if location["kind"] == Location.Kind.ADDRESS and municipality is None:
            continue
        Location.objects.create(
            intervention=intervention,
            kind=location["kind"],
            name=location.get("name", ""),
            street_address=location.get("street_address", ""),
            postcode=location.get("postcode", ""),
            municipality=municipality,
        )
    return intervention


class _Lookup:
    """Municipalities by name and regions by slug, read once per run."""

    def __init__(self):
        self.municipalities = {m.name: m for m in Municipality.objects.all()}
        self.regions = {
            region.slug: list(region.municipalities.all())
            for region in Region.objects.prefetch_related("municipalities")
        }

    def municipality(self, name):
        return self.municipalities.get(name) if name else None

    def area(self, entries):
        """Region slugs and municipality names → a set of municipalities."""
        members = set()
        for entry in entries:
            if entry in self.regions:
                members.update(self.regions[entry])
            elif entry in self.municipalities:
                members.add(self.municipalities[entry])
        return members
