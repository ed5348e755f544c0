"""Seed data of the themes: the themes the action plan lists, the audiences and education
levels resources pick from, the tools the action plan names and a few inspiring practices.

``seed(apps, schema_editor)`` runs from migration 0008 with the historical models, and again
in live-server tests (tests/browser/conftest.py). It is idempotent: it creates what is missing
and never overwrites what coordinators changed (a theme's summary is only filled when empty).

Resources are links only, to the organisation behind them; coordinators replace them with the
exact page or upload the file. No names or contact details of persons.
"""

# The action plan's themes (issue 5); 0005 seeded all but the first and the last.
THEMES = [
    (
        "schooluitval-in-het-algemeen",
        "Schooluitval in het algemeen",
        0,
        "Wat schooluitval is, hoe u de signalen herkent en wat scholen, CLB's en partners samen "
        "kunnen doen.",
    ),
    (
        "de-context-van-de-leerling",
        "De context van de leerling",
        1,
        "De thuissituatie, de buurt en de vrije tijd van een leerling wegen mee op de band met "
        "school.",
    ),
    (
        "anderstalige-nieuwkomers-en-ex-okan",
        "Anderstalige nieuwkomers en (ex-)OKAN",
        2,
        "Kansen voor anderstalige nieuwkomers, in het onthaalonderwijs en daarna.",
    ),
    (
        "basisonderwijs",
        "Basisonderwijs",
        3,
        "Schooluitval begint vroeg: signalen en aanpak in de basisschool en bij de overgang naar "
        "het secundair onderwijs.",
    ),
    (
        "leerlingen-in-het-buso",
        "Leerlingen in het BuSO",
        4,
        "Leerlingen in het buitengewoon secundair onderwijs en hun overgang naar werk of verdere "
        "opleiding.",
    ),
    (
        "kinderen-en-jongeren-in-de-jeugdhulp",
        "Kinderen en jongeren in de jeugdhulp",
        5,
        "Kinderen en jongeren in de jeugdhulp of in een voorziening houden de band met school.",
    ),
    (
        "psychische-kwetsbaarheid",
        "Psychische kwetsbaarheid",
        6,
        "Leerlingen met psychische kwetsbaarheid ondersteunen, samen met de geestelijke "
        "gezondheidszorg.",
    ),
    (
        "arbeidsmarktgerichte-opleidingen-bso-dbso",
        "Arbeidsmarktgerichte opleidingen (BSO, DBSO)",
        7,
        "Leerlingen in arbeidsmarktgerichte opleidingen, het deeltijds onderwijs en duaal leren.",
    ),
    (
        "spijbelen-en-problematische-afwezigheden",
        "Spijbelen en problematische afwezigheden",
        8,
        "Problematische afwezigheden vroeg zien en samen aanpakken, van school tot CLB.",
    ),
    (
        "studiekeuze-en-talenten",
        "Studiekeuze en talenten",
        9,
        "Een studiekeuze die past bij de talenten van de leerling voorkomt afhaken.",
    ),
    (
        "verbindend-schoolklimaat",
        "Verbindend schoolklimaat",
        10,
        "Een school waar elke leerling zich verbonden voelt: de beste preventie van schooluitval.",
    ),
    (
        "warme-overgang-naar-werk-of-verdere-studie",
        "Warme overgang naar werk of verdere studie",
        11,
        "Een warme overdracht naar werk of verdere studie, ook voor wie de school verlaat zonder "
        "diploma.",
    ),
    (
        "schoolexterne-interventies",
        "Schoolexterne interventies",
        12,
        "Ondersteuning buiten de school wanneer de band tussen een leerling en de school dreigt "
        "te breken.",
    ),
]

AUDIENCES = [
    ("school", "Scholen"),
    ("clb", "CLB's"),
    ("aanbieders", "Aanbieders"),
    ("ouders", "Ouders"),
    ("jongeren", "Jongeren"),
]

STAGES = [
    ("basisonderwijs", "Basisonderwijs"),
    ("secundair-onderwijs", "Secundair onderwijs"),
    ("buitengewoon-onderwijs", "Buitengewoon onderwijs"),
    ("deeltijds-en-duaal-leren", "Deeltijds onderwijs en duaal leren"),
]

ONDERWIJS = "https://onderwijs.vlaanderen.be/"

RESOURCES = [
    {
        "slug": "vlaamse-leidraad-problematische-afwezigheden",
        "title": "Vlaamse leidraad problematische afwezigheden",
        "kind": "guide",
        "summary": "De leidraad van de Vlaamse overheid over hoe school en CLB problematische "
        "afwezigheden samen opvolgen: van het eerste signaal tot de melding.",
        "body": "De provinciale coördinatoren werkten de leidraad mee uit met Opgroeien en het "
        "Departement Onderwijs. Hij beschrijft wie wat doet bij spijbelen en andere "
        "problematische afwezigheden.",
        "link": ONDERWIJS,
        "themes": ["spijbelen-en-problematische-afwezigheden"],
        "audiences": ["school", "clb"],
        "stages": ["basisonderwijs", "secundair-onderwijs"],
    },
    {
        "slug": "provinciale-afspraken-afwezigheden",
        "title": "Provinciale afspraken over afwezigheden",
        "kind": "tool",
        "summary": "De afspraken van de CLB's in Vlaams-Brabant over hoe zij afwezigheden van "
        "leerlingen opvolgen, voor alle onderwijsnetten samen.",
        "link": "https://www.vlaamsbrabant.be/",
        "themes": ["spijbelen-en-problematische-afwezigheden"],
        "audiences": ["clb", "school"],
        "stages": ["basisonderwijs", "secundair-onderwijs", "buitengewoon-onderwijs"],
    },
    {
        "slug": "brochure-school-verlaten-zonder-diploma",
        "title": "Brochure voor jongeren die de school verlaten zonder diploma",
        "kind": "brochure",
        "summary": "Wat kan je doen als je de school verlaat zonder kwalificatie? Een brochure "
        "voor jongeren over werk, opleiding en waar ze terechtkunnen.",
        "link": "https://www.vdab.be/",
        "themes": [
            "warme-overgang-naar-werk-of-verdere-studie",
            "arbeidsmarktgerichte-opleidingen-bso-dbso",
        ],
        "audiences": ["jongeren", "ouders"],
        "stages": ["secundair-onderwijs", "deeltijds-en-duaal-leren"],
    },
    {
        "slug": "esf-project-warme-overgang",
        "title": "ESF-project warme overgang onderwijs–arbeidsmarkt",
        "kind": "practice",
        "summary": "Een project met steun van het Europees Sociaal Fonds dat jongeren zonder "
        "diploma begeleidt van school naar werk of een opleiding.",
        "how_to_start": "Breng in kaart welke leerlingen dreigen uit te stromen zonder "
        "kwalificatie en maak met de VDAB en de partners in uw regio afspraken over een warme "
        "overdracht.",
        "contact": "ESF Vlaanderen, via https://www.esf-vlaanderen.be/",
        "link": "https://www.esf-vlaanderen.be/",
        "themes": ["warme-overgang-naar-werk-of-verdere-studie"],
        "audiences": ["school", "clb", "jongeren"],
        "stages": ["secundair-onderwijs", "deeltijds-en-duaal-leren"],
    },
    {
        "slug": "gezamenlijk-aanmeldingsformulier-schoolexterne-interventies",
        "title": "Gezamenlijk aanmeldingsformulier schoolexterne interventies",
        "kind": "tool",
        "summary": "Het aanmeldingsformulier dat de provinciale coördinatoren samen opstelden, "
        "zodat een CLB in elke provincie op dezelfde manier aanmeldt.",
        "link": ONDERWIJS,
        "themes": ["schoolexterne-interventies"],
        "audiences": ["clb", "aanbieders"],
        "stages": ["secundair-onderwijs", "basisonderwijs"],
    },
    {
        "slug": "schoolondersteuning-halle",
        "title": "Schoolondersteuning door de stad Halle",
        "kind": "practice",
        "summary": "De stad Halle ondersteunt scholen samen met Arktos en Groep INTRO, en zit "
        "een NAFT-stuurgroep voor.",
        "how_to_start": "Breng scholen, CLB en aanbieders van uw gemeente rond de tafel en "
        "spreek af wie een leerling opvangt wanneer de school vastloopt.",
        "contact": "Stad Halle, via https://www.halle.be/",
        "link": "https://www.halle.be/",
        "themes": ["schooluitval-in-het-algemeen", "schoolexterne-interventies"],
        "audiences": ["school", "clb", "aanbieders"],
        "stages": ["secundair-onderwijs"],
    },
    {
        "slug": "plek-basisscholen-halle",
        "title": "P.L.E.K.: samenwerking met basisscholen in Halle",
        "kind": "practice",
        "summary": "Een samenwerking met Don Bosco voor basisscholen in Halle, zodat kinderen "
        "die de band met school verliezen vroeg hulp krijgen.",
        "how_to_start": "Begin bij de zorgteams van de basisscholen: welke kinderen missen nu "
        "al vaak school, en wie in de buurt kan helpen?",
        "contact": "Stad Halle, via https://www.halle.be/",
        "link": "https://www.halle.be/",
        "themes": ["basisonderwijs"],
        "audiences": ["school", "ouders"],
        "stages": ["basisonderwijs"],
    },
    {
        "slug": "steunpunt-schooluitval-leuven",
        "title": "Steunpunt schooluitval Leuven",
        "kind": "practice",
        "summary": "Leuven bundelt de aanpak van schooluitval in één steunpunt voor scholen, "
        "CLB's en partners.",
        "how_to_start": "Maak één aanspreekpunt in uw stad voor scholen die een leerling dreigen "
        "te verliezen, en verbind het met het lokaal overlegplatform (LOP).",
        "contact": "Stad Leuven, via https://www.leuven.be/",
        "link": "https://www.leuven.be/",
        "themes": ["schooluitval-in-het-algemeen", "spijbelen-en-problematische-afwezigheden"],
        "audiences": ["school", "clb"],
        "stages": ["secundair-onderwijs"],
    },
    {
        "slug": "themagroep-schooluitval-jeugdhulp",
        "title": "Themagroep Schooluitval in de residentiële jeugdhulp",
        "kind": "practice",
        "summary": "Voorzieningen voor jeugdhulp en voor personen met een handicap in Leuven "
        "wisselen uit hoe zij hun jongeren op school houden.",
        "how_to_start": "Nodig de voorzieningen van uw regio uit en bespreek samen met de CLB's "
        "een paar situaties van jongeren die niet meer naar school gaan.",
        "contact": "Opgroeien, via https://www.opgroeien.be/",
        "link": "https://www.opgroeien.be/",
        "themes": ["kinderen-en-jongeren-in-de-jeugdhulp"],
        "audiences": ["aanbieders", "clb"],
        "stages": ["secundair-onderwijs", "buitengewoon-onderwijs"],
    },
]

RELATIONS = {"themes": "Theme", "audiences": "Audience", "stages": "EducationStage"}


def _seed_terms(model, terms):
    for position, (slug, name) in enumerate(terms, start=1):
        model.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})


def seed(apps, schema_editor):
    Theme = apps.get_model("netwerk", "Theme")
    Resource = apps.get_model("netwerk", "Resource")
    for slug, name, position, summary in THEMES:
        theme, _created = Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position, "summary": summary}
        )
        if not theme.summary:
            Theme.objects.filter(pk=theme.pk).update(summary=summary)
    _seed_terms(apps.get_model("netwerk", "Audience"), AUDIENCES)
    _seed_terms(apps.get_model("netwerk", "EducationStage"), STAGES)

    for data in RESOURCES:
        data = dict(data)
        related = {name: data.pop(name) for name in RELATIONS}
        resource, created = Resource.objects.get_or_create(
            slug=data.pop("slug"), defaults={**data, "status": "published"}
        )
        if not created:
            continue  # a coordinator may have changed it since
        for name, model_name in RELATIONS.items():
            model = apps.get_model("netwerk", model_name)
            getattr(resource, name).set(model.objects.filter(slug__in=related[name]))
