"""The network's bodies from its action plan (``DOMAIN.md``), seeded once.

``seed`` works with the historical models of a migration (``apps``) and is
idempotent: a body, organisation or membership that exists (by slug) is left as
the coordinators made it. Organisations only, never people; no contact details
(the Coördinator adds an organisation's general address in the admin).
"""

from netwerk.geography import normalise

# slug -> (name, kind). Organisations the network names as members of its bodies.
ORGANISATIONS = {
    "clb-vlaams-brabant": ("De CLB's van Vlaams-Brabant", "clb"),
    "provincie-vlaams-brabant": ("Provincie Vlaams-Brabant", "local_government"),
    "vdab": ("VDAB", "other"),
    "yuneco": ("Yuneco", "other"),
    "opgroeien": ("Opgroeien", "other"),
    "departement-onderwijs": ("Departement Onderwijs en Vorming", "other"),
    "stad-halle": ("Stad Halle", "local_government"),
    "don-bosco-halle": ("Don Bosco Halle", "school"),
    "stad-diest": ("Stad Diest", "local_government"),
    "jac-diest": ("JAC Diest", "other"),
    "lop-vilvoorde": ("LOP Vilvoorde", "lop"),
}
# Providers the directory knows (its demo data creates them, with their description):
# linked when they exist, never created here, so the directory keeps them as it made them.
DIRECTORY_PROVIDERS = {"arktos", "groep-intro", "alba"}

# Theme slugs (netwerk/migrations/0005_seed_themes.py); one that no longer exists is skipped.
T_PRIMARY = "basisonderwijs"
T_BUSO = "leerlingen-in-het-buso"
T_ABSENCE = "spijbelen-en-problematische-afwezigheden"
T_YOUTH_CARE = "kinderen-en-jongeren-in-de-jeugdhulp"

CHAIR, PEN_HOLDER, MEMBER = "chair", "pen_holder", "member"

# Parents before their children. "region" is a netwerk.Region slug (seeded by 0002).
BODIES = [
    {
        "slug": "stuurgroep",
        "name": "Stuurgroep Samen tegen Schooluitval en Lerende Netwerken",
        "kind": "steering_group",
        "level": "provincial",
        "purpose": (
            "De gezamenlijke stuurgroep van het Netwerk Samen tegen Schooluitval en de Lerende "
            "Netwerken Jeugdhulp-Onderwijs. Ze stuurt het netwerk en bepaalt het provinciale "
            "actieplan tegen schooluitval, met het leerrecht van elke jongere als doel."
        ),
        "members": [
            ("clb-vlaams-brabant", MEMBER),
            ("alba", PEN_HOLDER),
            ("provincie-vlaams-brabant", MEMBER),
            ("yuneco", MEMBER),
            ("vdab", MEMBER),
        ],
    },
    {
        "slug": "werkgroep-recht-op-leren",
        "name": "Werkgroep Recht op Leren",
        "kind": "working_group",
        "level": "provincial",
        "parent": "stuurgroep",
        "meeting_frequency": "Drie keer per jaar.",
        "purpose": (
            "De aanbieders van schoolexterne interventies en de verwijzers bekijken samen hoe "
            "aanmeldingen het Meldpunt Schoolexterne Interventies bereiken en hoe de "
            "samenwerking loopt."
        ),
        "members": [("clb-vlaams-brabant", MEMBER), ("arktos", MEMBER), ("groep-intro", MEMBER)],
    },
    {
        "slug": "provinciaal-platform",
        "name": "Provinciaal Platform Samen tegen Schooluitval",
        "kind": "platform",
        "level": "provincial",
        "parent": "stuurgroep",
        "meeting_frequency": "Eén keer per jaar.",
        "purpose": (
            "Iedereen die in de provincie betrokken is bij de strijd tegen schooluitval komt "
            "samen om te netwerken en goede praktijken te delen."
        ),
    },
    {
        "slug": "werkgroep-buso",
        "name": "Werkgroep BuSO",
        "kind": "working_group",
        "level": "provincial",
        "parent": "stuurgroep",
        "purpose": "Schooluitval bij leerlingen in het buitengewoon secundair onderwijs.",
        "themes": [T_BUSO],
    },
    {
        "slug": "werkgroep-afwezigheden",
        "name": "Werkgroep afwezigheden",
        "kind": "working_group",
        "level": "provincial",
        "parent": "stuurgroep",
        "purpose": (
            "Spijbelen en problematische afwezigheden, met de provinciale CLB-afspraken over "
            "afwezigheden."
        ),
        "themes": [T_ABSENCE],
        "members": [("clb-vlaams-brabant", MEMBER)],
    },
    {
        "slug": "vlaams-overleg-provinciale-coordinatoren",
        "name": "Vlaams overleg van de provinciale coördinatoren",
        "kind": "flemish_consultation",
        "level": "flemish",
        "meeting_frequency": "Om de zes weken.",
        "purpose": (
            "De provinciale coördinatoren overleggen met Opgroeien en het Departement Onderwijs. "
            "Signalen gaan naar het Vlaamse niveau, Vlaamse informatie komt naar de provincies. "
            "Samen maakten ze onder meer een leidraad over problematische afwezigheden en een "
            "gezamenlijk aanmeldingsformulier voor schoolexterne interventies."
        ),
        "members": [("opgroeien", MEMBER), ("departement-onderwijs", MEMBER)],
    },
    {
        "slug": "werkgroep-basisonderwijs",
        "name": "Werkgroep basisonderwijs",
        "kind": "working_group",
        "level": "flemish",
        "parent": "vlaams-overleg-provinciale-coordinatoren",
        "purpose": "Schooluitval voorkomen vanaf het basisonderwijs.",
        "themes": [T_PRIMARY],
    },
    # --- local networks the coordinators join ---------------------------------------------
    {
        "slug": "lokaal-netwerk-halle",
        "name": "Lokaal netwerk Halle",
        "kind": "local_network",
        "level": "local",
        "region": "halle",
        "purpose": (
            "De samenwerking tegen schooluitval in en rond Halle: schoolondersteuning door de "
            "stad, een NAFT-stuurgroep en P.L.E.K. voor de basisscholen."
        ),
        "members": [("stad-halle", MEMBER)],
    },
    {
        "slug": "schoolondersteuning-halle",
        "name": "Schoolondersteuning Halle",
        "kind": "working_group",
        "level": "local",
        "region": "halle",
        "parent": "lokaal-netwerk-halle",
        "purpose": "De stad Halle ondersteunt scholen samen met Arktos en Groep INTRO.",
        "members": [("stad-halle", PEN_HOLDER), ("arktos", MEMBER), ("groep-intro", MEMBER)],
    },
    {
        "slug": "naft-stuurgroep-halle",
        "name": "NAFT-stuurgroep Halle",
        "kind": "steering_group",
        "level": "local",
        "region": "halle",
        "parent": "lokaal-netwerk-halle",
        "purpose": "Stuurt de NAFT-trajecten in Halle. De stad zit voor.",
        "members": [("stad-halle", CHAIR)],
    },
    {
        "slug": "plek-halle",
        "name": "P.L.E.K.",
        "kind": "working_group",
        "level": "local",
        "region": "halle",
        "parent": "lokaal-netwerk-halle",
        "purpose": "Een samenwerking met Don Bosco voor de basisscholen.",
        "themes": [T_PRIMARY],
        "members": [("don-bosco-halle", MEMBER)],
    },
    {
        "slug": "lokaal-netwerk-leuven",
        "name": "Lokaal netwerk Leuven",
        "kind": "local_network",
        "level": "local",
        "region": "leuven",
        "purpose": (
            "De samenwerking tegen schooluitval in en rond Leuven: het Steunpunt schooluitval, "
            "het lerend netwerk RiS+K en de Themagroep Schooluitval."
        ),
    },
    {
        "slug": "steunpunt-schooluitval-leuven",
        "name": "Steunpunt schooluitval Leuven",
        "kind": "platform",
        "level": "local",
        "region": "leuven",
        "parent": "lokaal-netwerk-leuven",
        "purpose": "Het Leuvense aanspreekpunt voor scholen en partners rond schooluitval.",
    },
    {
        "slug": "lerend-netwerk-risk",
        "name": "Lerend netwerk RiS+K",
        "kind": "platform",
        "level": "regional",
        "region": "arrondissement-leuven",
        "parent": "lokaal-netwerk-leuven",
        "purpose": "Een lerend netwerk van jeugdhulp en onderwijs in de regio Leuven.",
    },
    {
        "slug": "themagroep-schooluitval-leuven",
        "name": "Themagroep Schooluitval",
        "kind": "theme_group",
        "level": "regional",
        "region": "arrondissement-leuven",
        "parent": "lokaal-netwerk-leuven",
        "purpose": (
            "Residentiële voorzieningen uit de jeugdhulp en de zorg voor personen met een "
            "handicap werken samen rond schooluitval van de jongeren die bij hen verblijven."
        ),
        "themes": [T_YOUTH_CARE],
    },
    {
        "slug": "lokaal-netwerk-vilvoorde",
        "name": "Lokaal netwerk Vilvoorde",
        "kind": "local_network",
        "level": "local",
        "region": "vilvoorde",
        "purpose": (
            "De samenwerking tegen schooluitval in en rond Vilvoorde: de NAFT-stuurgroep "
            "Vilvoorde-Machelen en de samenwerking met het LOP."
        ),
    },
    {
        "slug": "naft-stuurgroep-vilvoorde-machelen",
        "name": "NAFT-stuurgroep Vilvoorde-Machelen",
        "kind": "steering_group",
        "level": "local",
        "municipalities": ["Vilvoorde", "Machelen"],
        "parent": "lokaal-netwerk-vilvoorde",
        "purpose": "Stuurt de NAFT-trajecten in Vilvoorde en Machelen.",
    },
    {
        "slug": "samenwerking-lop-vilvoorde",
        "name": "Samenwerking met het LOP Vilvoorde",
        "kind": "working_group",
        "level": "local",
        "region": "vilvoorde",
        "parent": "lokaal-netwerk-vilvoorde",
        "purpose": (
            "Het netwerk en het Lokaal Overlegplatform werken samen aan gelijke kansen en "
            "tegen schooluitval."
        ),
        "members": [("lop-vilvoorde", MEMBER)],
    },
    {
        "slug": "lokaal-netwerk-asse-merchtem-opwijk",
        "name": "Lokaal netwerk Asse-Merchtem-Opwijk",
        "kind": "local_network",
        "level": "local",
        "region": "asse-merchtem-opwijk",
        "purpose": "Scholen en lokale besturen werken samen met Groep INTRO tegen schooluitval.",
        "members": [("groep-intro", MEMBER)],
    },
    {
        "slug": "lokaal-netwerk-diest",
        "name": "Lokaal netwerk Diest",
        "kind": "local_network",
        "level": "local",
        "region": "diest",
        "purpose": (
            "De stad, Arktos, de scholen, het CLB en het JAC werken samen tegen schooluitval."
        ),
        "members": [
            ("stad-diest", MEMBER),
            ("arktos", MEMBER),
            ("clb-vlaams-brabant", MEMBER),
            ("jac-diest", MEMBER),
        ],
    },
]

BODY_FIELDS = ("name", "kind", "level", "purpose", "meeting_frequency")


def seed(apps, schema_editor):
    """Create the bodies, organisations and memberships that do not exist yet."""
    Body = apps.get_model("netwerk", "Body")
    BodyMembership = apps.get_model("netwerk", "BodyMembership")
    Organisation = apps.get_model("netwerk", "Organisation")
    Region = apps.get_model("netwerk", "Region")
    Municipality = apps.get_model("netwerk", "Municipality")
    Theme = apps.get_model("netwerk", "Theme")

    organisations = {
        organisation.slug: organisation
        for organisation in Organisation.objects.filter(slug__in=DIRECTORY_PROVIDERS)
    }
    for slug, (name, kind) in ORGANISATIONS.items():
        # search_name by hand: historical models do not run SearchableByName.save.
        organisations[slug], _ = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "search_name": normalise(name)}
        )
    bodies = {}
    for position, spec in enumerate(BODIES, start=1):
        values = {field: spec.get(field, "") for field in BODY_FIELDS}
        values.update(
            status="published",
            position=position,
            parent=bodies.get(spec.get("parent")),
            region=Region.objects.filter(slug=spec.get("region")).first(),
        )
        body, created = Body.objects.get_or_create(slug=spec["slug"], defaults=values)
        bodies[spec["slug"]] = body
        if not created:
            continue
        body.municipalities.set(
            Municipality.objects.filter(name__in=spec.get("municipalities", []))
        )
        body.themes.set(Theme.objects.filter(slug__in=spec.get("themes", [])))
        for slug, role in spec.get("members", []):
            if slug in organisations:
                BodyMembership.objects.get_or_create(
                    body=body, organisation=organisations[slug], defaults={"role": role}
                )


def link_directory_providers(apps):
    """Add the memberships of the directory's providers once they exist (``load_demo``).

    The seed runs before any provider does, so it skips them; this adds only the missing
    ones of those three, for the seeded bodies.
    """
    Body = apps.get_model("netwerk", "Body")
    BodyMembership = apps.get_model("netwerk", "BodyMembership")
    Organisation = apps.get_model("netwerk", "Organisation")

    providers = Organisation.objects.in_bulk(DIRECTORY_PROVIDERS, field_name="slug")
    bodies = Body.objects.in_bulk([spec["slug"] for spec in BODIES], field_name="slug")
    for spec in BODIES:
        for slug, role in spec.get("members", []):
            if slug in providers and spec["slug"] in bodies:
                BodyMembership.objects.get_or_create(
                    body=bodies[spec["slug"]], organisation=providers[slug],
                    defaults={"role": role},
                )
