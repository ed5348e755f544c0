"""Demo content for the directory, loaded by ``meldpunt.demo`` (``manage.py load_demo``).

Two parts, both marked ``is_demo`` so the Meldpunt can find and review (or delete) them:

* ``SOURCED``: ten offers of school-external interventions in Vlaams-Brabant as far as public
  sources describe them (summarised from ``providers-public-facts.json`` of the project brief,
  rewritten in our own words). Organisation-level data only; what the sources do not state is
  left empty (cost, duration, capacity "unknown"). Never verified: ``last_verified`` is None.
* ``FICTIONAL``: made-up providers ("… (demo)") and offers that make the search, the filters and
  the coverage map worth trying. Addresses are invented streets with a real postcode and
  municipality; websites and e-mail addresses use example.org.

Everything is plain data, so the production site does not need files outside the repository.
Dates are relative: ``verified_days_ago`` and ``capacity_days_ago`` count back from the day
the demo is loaded. Area entries are region slugs (``netwerk.Region``) or municipality names.
"""

SOURCED_NOTE = "Demo-inhoud: het Meldpunt moet deze fiche nog nakijken."
FICTIONAL_NOTE = (
    "Demo-inhoud: deze aanbieder en dit aanbod zijn verzonnen om de website te tonen."
)

# Shorthands for the seeded lists (meldpunt/migrations/0002_managed_lists.py).
SEC1 = "secundair-eerste-graad"
SEC2 = "secundair-tweede-graad"
SEC3 = "secundair-derde-graad"
SECONDARY = [SEC1, SEC2, SEC3]

# Theme slugs (netwerk/migrations/0005_seed_themes.py and netwerk/themes/seeds.py).
T_GENERAL = "schooluitval-in-het-algemeen"
T_CONTEXT = "de-context-van-de-leerling"
T_OKAN = "anderstalige-nieuwkomers-en-ex-okan"
T_PRIMARY = "basisonderwijs"
T_BUSO = "leerlingen-in-het-buso"
T_YOUTH_CARE = "kinderen-en-jongeren-in-de-jeugdhulp"
T_PSYCH = "psychische-kwetsbaarheid"
T_LABOUR = "arbeidsmarktgerichte-opleidingen-bso-dbso"
T_TRUANCY = "spijbelen-en-problematische-afwezigheden"
T_STUDY_CHOICE = "studiekeuze-en-talenten"
T_CLIMATE = "verbindend-schoolklimaat"
T_TRANSITION = "warme-overgang-naar-werk-of-verdere-studie"
T_SEI = "schoolexterne-interventies"

# Both arrondissements together: the whole province.
PROVINCE = ["arrondissement-halle-vilvoorde", "arrondissement-leuven"]

# --- organisations -----------------------------------------------------------------------

ORGANISATIONS = [
    # Named in public sources. No addresses, e-mail addresses or phone numbers: the Meldpunt
    # adds the organisation's general contact details when it reviews the fiche.
    {
        "slug": "netwerk-leerrecht-vlaams-brabant",
        "name": "Netwerk Leerrecht Vlaams-Brabant",
        "kind": "naft",
        "description": (
            "Samenwerkingsverband dat sinds 2006 leerplekken buiten de gewone school zoekt "
            "voor jongeren die niet meer aansluiten bij het onderwijs. De bronnen noemen de "
            "huidige organisatie achter het aanbod niet; het Meldpunt vult dat aan."
        ),
    },
    {
        "slug": "arktos",
        "name": "Arktos vzw",
        "kind": "naft",
        "description": (
            "Vlaams expertisecentrum voor kinderen en jongeren van 6 tot 25 jaar in een "
            "kwetsbare situatie. Werkt in Vlaams-Brabant onder meer aan NAFT-trajecten, "
            "herstelgericht werken en lokale projecten tegen schooluitval."
        ),
    },
    {
        "slug": "groep-intro",
        "name": "Groep INTRO vzw",
        "kind": "naft",
        "description": (
            "Organisatie die jongeren in een kwetsbare positie kansen geeft via vorming, "
            "ervaringsleren en begeleiding. In Vlaams-Brabant betrokken bij NAFT in Halle en "
            "bij projecten rond leerrecht."
        ),
    },
    {
        "slug": "alba",
        "name": "Alba vzw",
        "kind": "youth_care",
        "description": (
            "Jeugdhulporganisatie in Vlaams-Brabant en Brussel, met de zetel in Herent. Trekt in "
            "Vlaams-Brabant ook de Lerende Netwerken Jeugdhulp-Onderwijs."
        ),
        "website": "https://alba.be/",
        "municipality": "Herent",
    },
    {
        "slug": "steunpunt-groene-zorg",
        "name": "Steunpunt Groene Zorg vzw",
        "kind": "other",
        "description": (
            "Steunpunt in Leuven dat zorgboerderijen ondersteunt en scholen en CLB's helpt een "
            "passende boerderij te vinden voor een leerling."
        ),
        "municipality": "Leuven",
    },
    {
        "slug": "atlas-aanbieder-na-te-kijken",
        "name": "Aanbieder van Atlas (naam na te kijken)",
        "kind": "other",
        "description": (
            "De publieke bronnen noemen alleen de naam van het aanbod Atlas, niet de "
            "organisatie erachter. Het Meldpunt vult de aanbieder aan."
        ),
    },
    # Made up.
    {
        "slug": "de-brug-demo",
        "name": "Vzw De Brug (demo)",
        "kind": "naft",
        "description": "Verzonnen NAFT-aanbieder in de regio Leuven, alleen voor de demo.",
        "website": "https://de-brug.example.org/",
        "email": "info@de-brug.example.org",
        "street_address": "Kiezelweg 14",
        "postcode": "3000",
        "municipality": "Leuven",
    },
    {
        "slug": "het-anker-demo",
        "name": "Vzw Het Anker (demo)",
        "kind": "naft",
        "description": (
            "Verzonnen aanbieder van trajecten voor scholen in Vilvoorde en de Rand, alleen "
            "voor de demo."
        ),
        "website": "https://het-anker.example.org/",
        "email": "info@het-anker.example.org",
        "street_address": "Lindenhofstraat 3",
        "postcode": "1800",
        "municipality": "Vilvoorde",
    },
    {
        "slug": "dagcentrum-kompas-demo",
        "name": "Dagcentrum Kompas (demo)",
        "kind": "youth_care",
        "description": "Verzonnen dagcentrum in de Zennevallei, alleen voor de demo.",
        "website": "https://kompas.example.org/",
        "email": "onthaal@kompas.example.org",
        "street_address": "Hoevepad 7",
        "postcode": "1500",
        "municipality": "Halle",
    },
    {
        "slug": "zorgboerderij-de-hoeve-demo",
        "name": "Zorgboerderij De Hoeve (demo)",
        "kind": "other",
        "description": "Verzonnen zorgboerderij in het Hageland, alleen voor de demo.",
        "website": "https://de-hoeve.example.org/",
        "street_address": "Molenbeekdreef 21",
        "postcode": "3460",
        "municipality": "Bekkevoort",
    },
    {
        "slug": "zorgboerderij-klavertje-demo",
        "name": "Zorgboerderij 't Klavertje (demo)",
        "kind": "other",
        "description": "Verzonnen zorgboerderij in het Pajottenland, alleen voor de demo.",
        "website": "https://klavertje.example.org/",
        "street_address": "Pastorijveld 5",
        "postcode": "1755",
        "municipality": "Pajottegem",
    },
    {
        "slug": "jeugdwerking-overstap-demo",
        "name": "Jeugdwerking Overstap (demo)",
        "kind": "youth_care",
        "description": "Verzonnen jeugdwerking in Tienen en omstreken, alleen voor de demo.",
        "website": "https://overstap.example.org/",
        "email": "contact@overstap.example.org",
        "street_address": "Zandloperstraat 9",
        "postcode": "3300",
        "municipality": "Tienen",
    },
    {
        "slug": "herstelpunt-schoolconflicten-demo",
        "name": "Herstelpunt Schoolconflicten (demo)",
        "kind": "other",
        "description": "Verzonnen dienst voor herstelgericht werken, alleen voor de demo.",
        "website": "https://herstelpunt.example.org/",
        "email": "info@herstelpunt.example.org",
        "street_address": "Wilgenhof 2",
        "postcode": "3010",
        "municipality": "Leuven",
    },
    {
        "slug": "leerwerkplaats-de-werf-demo",
        "name": "Leerwerkplaats De Werf (demo)",
        "kind": "other",
        "description": "Verzonnen leerwerkplaats in Asse, alleen voor de demo.",
        "website": "https://de-werf.example.org/",
        "street_address": "Boomgaardlaan 40",
        "postcode": "1731",
        "municipality": "Asse",
    },
    {
        "slug": "vzw-tussenstap-demo",
        "name": "Vzw Tussenstap (demo)",
        "kind": "naft",
        "description": "Verzonnen NAFT-aanbieder in de regio Diest, alleen voor de demo.",
        "website": "https://tussenstap.example.org/",
        "email": "info@tussenstap.example.org",
        "street_address": "Klaverbergweg 11",
        "postcode": "3290",
        "municipality": "Diest",
    },
    {
        "slug": "schoolcoaching-zennevallei-demo",
        "name": "Schoolcoaching Zennevallei (demo)",
        "kind": "naft",
        "description": "Verzonnen coachingdienst voor scholen, alleen voor de demo.",
        "website": "https://zennevallei.example.org/",
        "street_address": "Ravenhoekstraat 6",
        "postcode": "1650",
        "municipality": "Beersel",
    },
    {
        "slug": "vzw-kiemkracht-demo",
        "name": "Vzw Kiemkracht (demo)",
        "kind": "youth_care",
        "description": "Verzonnen jeugdhulpaanbieder rond Aarschot, alleen voor de demo.",
        "website": "https://kiemkracht.example.org/",
        "email": "info@kiemkracht.example.org",
        "street_address": "Duivenmelkerspad 8",
        "postcode": "3200",
        "municipality": "Aarschot",
    },
    {
        "slug": "onderwijsloket-rand-demo",
        "name": "Onderwijsloket Rand (demo)",
        "kind": "local_government",
        "description": (
            "Verzonnen onderwijsdienst van enkele gemeenten in de Rand, alleen voor de demo."
        ),
        "website": "https://onderwijsloket-rand.example.org/",
        "email": "onderwijs@onderwijsloket-rand.example.org",
        "street_address": "Gemeenteplein 1",
        "postcode": "1930",
        "municipality": "Zaventem",
    },
    {
        "slug": "vzw-klasklimaat-demo",
        "name": "Vzw Klasklimaat (demo)",
        "kind": "other",
        "description": "Verzonnen vormingsorganisatie voor schoolteams, alleen voor de demo.",
        "website": "https://klasklimaat.example.org/",
        "street_address": "Schoolmeesterslaan 17",
        "postcode": "1700",
        "municipality": "Dilbeek",
    },
]

# --- the ten offers described by public sources ------------------------------------------

SOURCED = [
    {
        "slug": "naft-leerrecht-vlaams-brabant-oost",
        "provider": "netwerk-leerrecht-vlaams-brabant",
        "name": "NAFT Leerrecht Vlaams-Brabant Oost",
        "summary": (
            "Een leerplek buiten de school voor jongeren van 12 tot 18 jaar die voorlopig niet "
            "meer in het gewone onderwijs terechtkunnen."
        ),
        "goal": (
            "Voor sommige jongeren werkt school op dit moment niet meer, en een snelle oplossing "
            "is er niet. Dit traject zoekt samen met hen een plek waar ze toch blijven leren, "
            "vertrekkend van wat hen boeit. Het houdt ondertussen de weg terug naar school of "
            "naar werk open.\n\n" + SOURCED_NOTE
        ),
        "what_happens": (
            "Het traject start met een rondetafel met de jongere, de ouders en het CLB; ook "
            "onderweg en bij het afsluiten komt die tafel samen. De begeleider zoekt een "
            "leerplek die past bij de interesses van de jongere en houdt er geregeld telefonisch "
            "contact mee. Alle betrokkenen blijven op de hoogte, en af en toe wordt bekeken of "
            "meer school of werk al haalbaar is."
        ),
        "target_group_description": (
            "Jongeren uit het secundair onderwijs (ook BuSO, deeltijds onderwijs of Syntra) en "
            "jongeren die nergens ingeschreven zijn. Het gaat om leerlingen voor wie een "
            "schoolperspectief beperkt is of ontbreekt."
        ),
        "how_to_register": (
            "Het CLB meldt de jongere aan bij het Meldpunt Schoolexterne Interventies. Daarna "
            "volgt een eerste rondetafel met alle betrokkenen."
        ),
        "types": ["leerplek-buiten-school", "naft-lange-module", "individueel-traject"],
        "levels": SECONDARY + ["buso", "deeltijds", "geen-school"],
        "target_groups": ["motivatie"],
        "themes": [T_STUDY_CHOICE, T_TRANSITION, T_SEI],
        "approach": "remedial",
        "age_min": 12,
        "age_max": 18,
        "area": ["arrondissement-leuven"],
        "registration_route": "meldpunt",
        "consent_notes": "De jongere en de ouders moeten akkoord gaan.",
        "absence_legitimised": True,
        "certificate_issued": False,
    },
    {
        "slug": "naft-arktos-vlaams-brabant",
        "provider": "arktos",
        "name": "NAFT Arktos Vlaams-Brabant",
        "summary": (
            "Naadloos flexibel traject op maat voor secundaire leerlingen bij wie schooluitval "
            "dreigt, met begeleiding van de leerling, de klas en het schoolteam."
        ),
        "goal": (
            "Een NAFT-traject wil de band tussen een leerling en de school herstellen voor hij "
            "breekt. Daarvoor combineert de begeleider wat op dat moment nodig is: werk met de "
            "leerling zelf, met de klas of met het schoolteam. In Halle loopt dit samen met "
            "Groep INTRO.\n\n" + SOURCED_NOTE
        ),
        "what_happens": (
            "Eerst verkennen de leerling, de ouders, het CLB en de school samen wat de vraag is. "
            "Daarna volgt een mix op maat van individuele coaching, een andere leeromgeving, "
            "herstelgericht werken en ondersteuning van klas en school. Een slotgesprek met "
            "iedereen rond de tafel sluit het traject af."
        ),
        "target_group_description": (
            "Leerlingen van het secundair onderwijs die dreigen uit te vallen. Ook klassen, "
            "leerkrachten en schoolteams kunnen ondersteuning krijgen."
        ),
        "how_to_register": (
            "Het CLB meldt aan, als draaischijf tussen school, leerling en aanbieder; in "
            "Vlaams-Brabant gebeurt dat via het Meldpunt."
        ),
        "types": [
            "individueel-traject",
            "groeps-of-klasmodule",
            "schoolondersteuning",
            "herstelgericht",
        ],
        "levels": SECONDARY,
        "target_groups": ["gedrag", "motivatie"],
        "themes": [T_CLIMATE],
        "approach": "remedial",
        "age_min": 12,
        "age_max": 18,
        "area": ["Halle"],
        "duration": "Geen vaste duur: zo kort als het kan, zo lang als het nodig is.",
        "registration_route": "meldpunt",
        "locations": [{"kind": "in_school"}],
    },
    {
        "slug": "naft-halle-groep-intro",
        "provider": "groep-intro",
        "name": "NAFT Halle (vroeger Lange Time-out Halle)",
        "summary": (
            "Een tijdelijke stap buiten de klas voor secundaire leerlingen uit Halle die dreigen "
            "af te haken, met een begeleide terugkeer naar hun eigen klas."
        ),
        "goal": (
            "De leerling neemt even afstand van de klas om daarna sterker terug te keren. Het "
            "aanbod volgt de Lange Time-out op die de stad Halle en Groep INTRO eerder "
            "organiseerden.\n\n" + SOURCED_NOTE
        ),
        "what_happens": (
            "Een trajectbegeleider werkt met de leerling, onder meer door ervaringsgericht te "
            "leren. In de school houdt een vertrouwenspersoon (peter of meter) de band warm, en "
            "de leerling krijgt schoolwerk mee. Er zijn ook activiteiten met de klas, en de "
            "terugkeer naar de eigen klas wordt stap voor stap begeleid."
        ),
        "target_group_description": (
            "Leerlingen van secundaire scholen in Halle bij wie schooluitval dreigt."
        ),
        "how_to_register": "Aanmelden gebeurt via het CLB van de school.",
        "types": ["naft-lange-module", "time-out", "groeps-of-klasmodule"],
        "levels": SECONDARY,
        "target_groups": ["motivatie", "gedrag"],
        "themes": [T_CLIMATE],
        "approach": "remedial",
        "age_min": 12,
        "age_max": 18,
        "area": ["Halle"],
        "registration_route": "clb",
        "locations": [{"kind": "address", "postcode": "1500", "municipality": "Halle"}],
    },
    {
        "slug": "time-out-en-leerrecht-groep-intro",
        "provider": "groep-intro",
        "name": "Time-out en leerrecht: een plek om te zijn",
        "summary": (
            "Workshops en stages buiten de school voor jongeren die afhaakten of het thuis, "
            "psychisch of in hun gedrag moeilijk hebben."
        ),
        "goal": (
            "Jongeren die uit de boot vielen krijgen een plek waar ze opnieuw iets kunnen "
            "leren en ergens bij horen. De beschrijving dateert van 2014; of het aanbod nog zo "
            "loopt en voor welke gemeenten, moet het Meldpunt nagaan.\n\n" + SOURCED_NOTE
        ),
        "what_happens": (
            "Jongere deelnemers volgen minstens twee dagen per week workshops: sport, creatief "
            "werk, houtbewerking of koken. Wie ouder is dan 15 kan stage lopen, bijvoorbeeld in "
            "een museum, bij een openbare dienst of in een winkel."
        ),
        "target_group_description": (
            "Jongeren van 12 tot 18 jaar die de school verlieten of met psychische, familiale "
            "of gedragsproblemen worstelen."
        ),
        "types": ["time-out", "leerplek-buiten-school"],
        "levels": SECONDARY + ["geen-school"],
        "target_groups": ["psychische-kwetsbaarheid", "thuissituatie", "gedrag"],
        "themes": [T_PSYCH, T_CONTEXT],
        "age_min": 12,
        "age_max": 18,
        "area": [],
        "registration_route": "clb",
    },
    {
        "slug": "ipot-groep-intro-brussel",
        "provider": "groep-intro",
        "name": "Ipot Groep INTRO Brussel",
        "summary": (
            "Individueel traject voor Brusselse secundaire leerlingen, uit de tijd dat het "
            "Meldpunt ook Brussel bediende."
        ),
        "goal": (
            "Alleen de titel van deze fiche is bekend. Brussel heeft intussen een eigen "
            "aanspreekpunt, daarom staat de fiche in het archief.\n\n" + SOURCED_NOTE
        ),
        "types": ["individueel-traject"],
        "levels": SECONDARY,
        "area": [],
        "registration_route": "meldpunt",
        "status": "archived",
    },
    {
        "slug": "hergo-arktos",
        "provider": "arktos",
        "name": "HERGO: herstelgericht groepsoverleg",
        "summary": (
            "Na een ernstig incident op school brengt een neutrale moderator de betrokkenen "
            "samen om de schade te herstellen."
        ),
        "goal": (
            "Na geweld, vandalisme, diefstal of online pesten op school zoeken dader, "
            "slachtoffer en hun achterban samen naar herstel. Het doel is een gedragen plan om "
            "de schade goed te maken en verder te kunnen.\n\n" + SOURCED_NOTE
        ),
        "what_happens": (
            "Een opgeleide, neutrale moderator voert eerst aparte voorbereidende gesprekken. "
            "Wie wil, neemt daarna deel aan een groepsoverleg. Samen stellen de deelnemers een "
            "plan op om de schade te herstellen."
        ),
        "target_group_description": (
            "Scholen en klassen na een ernstig incident: de pleger, het slachtoffer en de "
            "mensen die hen steunen."
        ),
        "how_to_register": (
            "De school of het CLB vraagt het overleg aan. Bij de aanvraag wordt nagegaan of de "
            "feiten duidelijk zijn en of de pleger ze erkent."
        ),
        "types": ["herstelgericht", "schoolondersteuning"],
        "levels": SECONDARY,
        "target_groups": ["gedrag"],
        "themes": [T_CLIMATE],
        "approach": "remedial",
        "area": PROVINCE,
        "registration_route": "clb",
        "locations": [{"kind": "in_school"}],
    },
    {
        "slug": "ondersteunende-begeleiding-alba",
        "provider": "alba",
        "name": "Ondersteunende begeleiding: time-out, ervaringstrajecten en dagactiviteiten",
        "summary": (
            "Korte time-outs, ervaringstrajecten en dagactiviteiten voor jongeren die botsen "
            "met zichzelf, hun omgeving of de regels, naast een lopende begeleiding."
        ),
        "goal": (
            "Jongeren die vastlopen op het kruispunt van jeugdhulp, justitie en onderwijs "
            "krijgen even ademruimte en nieuwe ervaringen. Het aanbod vult een begeleiding aan "
            "die al loopt; het vervangt ze niet.\n\n" + SOURCED_NOTE
        ),
        "what_happens": (
            "Afhankelijk van de vraag werkt de begeleider met de jongere alleen, in een kleine "
            "groep of met de context. Er zijn time-outs, kortdurende krachtgerichte "
            "ervaringstrajecten, dagactiviteiten en onthemingen."
        ),
        "target_group_description": (
            "Vooral jongeren uit het secundair onderwijs bij wie het vertrouwen geschonden is "
            "of die in conflict zijn met zichzelf, hun omgeving of maatschappelijke normen."
        ),
        "how_to_register": (
            "Verwijzers uit de jeugdhulp melden aan. Of scholen en CLB's rechtstreeks kunnen "
            "aanmelden, vermelden de bronnen niet."
        ),
        "types": ["time-out", "dagbesteding"],
        "levels": SECONDARY,
        "target_groups": ["jeugdhulp", "gedrag", "thuissituatie"],
        "themes": [T_YOUTH_CARE],
        "area": PROVINCE,
        "duration": (
            "Time-out: enkele dagen tot een week. Ervaringstrajecten zijn kort; de duur "
            "verschilt."
        ),
        "registration_route": "direct",
    },
    {
        "slug": "zorgboerderij-voor-leerlingen",
        "provider": "steunpunt-groene-zorg",
        "name": "Zorgboerderij voor leerlingen",
        "summary": (
            "Deeltijds meewerken op een zorgboerderij voor leerlingen met problematische "
            "afwezigheden of een tijdelijke uitsluiting."
        ),
        "goal": (
            "Op een rustige plek in de natuur, naast de boer of boerin, komt een leerling weer "
            "tot rust en krijgt hij vat op zijn dag. Het is geen gewone stageplaats.\n\n"
            + SOURCED_NOTE
        ),
        "what_happens": (
            "Bij een intake op de boerderij leggen alle partijen vast hoe vaak en hoe lang de "
            "leerling komt. De leerling werkt mee op de boerderij en volgt daarbij de "
            "schoolkalender. Een slotgesprek met iedereen rondt het af."
        ),
        "target_group_description": (
            "Leerlingen vanaf het eerste jaar secundair, ook uit het BuSO, met problematische "
            "afwezigheden of die tijdelijk uitgesloten zijn."
        ),
        "how_to_register": (
            "School en CLB melden samen aan bij Steunpunt Groene Zorg. Het CLB ondertekent de "
            "overeenkomst met de zorgboerderij."
        ),
        "types": ["zorgboerderij", "time-out"],
        "levels": SECONDARY + ["buso"],
        "target_groups": ["spijbelen", "gedrag"],
        "themes": [T_TRUANCY, T_GENERAL, T_SEI],
        "approach": "compensating",
        "age_min": 12,
        "age_max": 18,
        "area": PROVINCE,
        "duration": "Deeltijds, van enkele weken tot een (deel van het) schooljaar.",
        "cost": (
            "Verschilt per boerderij; sommige boerderijen krijgen geen subsidie en vragen een "
            "vergoeding."
        ),
        "registration_route": "direct",
    },
    {
        "slug": "atlas-alternatieve-time-out-lagere-school",
        "provider": "atlas-aanbieder-na-te-kijken",
        "name": "Atlas: alternatieve time-out voor de lagere school",
        "summary": "Dagbesteding als time-out voor kinderen uit het lager onderwijs.",
        "goal": (
            "Van dit aanbod is alleen de titel bekend: een dagbestedingsinitiatief dat een "
            "time-out biedt aan kinderen van de lagere school.\n\n" + SOURCED_NOTE
        ),
        "target_group_description": "Kinderen uit het lager onderwijs, van 6 tot 12 jaar.",
        "types": ["dagbesteding", "time-out"],
        "levels": ["basisonderwijs"],
        "themes": [T_PRIMARY],
        "age_min": 6,
        "age_max": 12,
        "area": PROVINCE,
        "registration_route": "clb",
    },
    {
        "slug": "parcours-a-aarschot",
        "provider": "arktos",
        "name": "Parcours A",
        "summary": (
            "Begeleiding in groep en individueel voor leerlingen van Aarschotse scholen die "
            "dreigen uit te vallen of definitief uitgesloten te worden."
        ),
        "goal": (
            "De stad Aarschot, Arktos, de scholengroepen en de CLB's sloegen in 2023 de handen "
            "in elkaar tegen schooluitval. De leerling keert terug naar school en krijgt "
            "vat op zijn gedrag.\n\n" + SOURCED_NOTE
        ),
        "what_happens": (
            "De leerling krijgt begeleiding in een groep en individueel. De begeleiders "
            "houden de lijnen open met de jongere, de ouders, de school en externe diensten."
        ),
        "target_group_description": (
            "Leerlingen van secundaire scholen in Aarschot bij wie uitval of een definitieve "
            "uitsluiting dreigt."
        ),
        "how_to_register": "Via de school of het CLB; de precieze werkwijze volgt nog.",
        "types": ["individueel-traject", "groeps-of-klasmodule"],
        "levels": SECONDARY,
        "target_groups": ["gedrag", "motivatie"],
        "themes": [T_CLIMATE],
        "approach": "remedial",
        "area": ["Aarschot"],
        "duration": "Per schooljaar.",
        "registration_route": "clb",
        "locations": [{"kind": "address", "postcode": "3200", "municipality": "Aarschot"}],
    },
]

# --- made-up offers ----------------------------------------------------------------------


def _address(street, postcode, municipality, name=""):
    return {
        "kind": "address",
        "name": name,
        "street_address": street,
        "postcode": postcode,
        "municipality": municipality,
    }


IN_SCHOOL = {"kind": "in_school"}
MOBILE = {"kind": "mobile"}

RAND = ["Zaventem", "Machelen", "Kraainem", "Wezembeek-Oppem", "Steenokkerzeel"]
ZENNEVALLEI = [
    "Beersel", "Halle", "Sint-Pieters-Leeuw", "Drogenbos", "Linkebeek", "Sint-Genesius-Rode",
]
HAGELAND_NOORD = [
    "Aarschot", "Begijnendijk", "Tremelo", "Keerbergen", "Haacht", "Rotselaar", "Tielt-Winge",
    "Holsbeek",
]
TIENEN_AREA = ["Tienen", "Hoegaarden", "Landen", "Linter", "Zoutleeuw", "Boutersem", "Glabbeek"]

FICTIONAL = [
    {
        "slug": "korte-module-leuven-demo",
        "provider": "de-brug-demo",
        "name": "Korte module Leuven (demo)",
        "summary": (
            "Enkele weken buiten de klas om de draad met school terug op te nemen, voor "
            "leerlingen uit de eerste en tweede graad."
        ),
        "goal": (
            "De leerling krijgt tijd en ruimte om te begrijpen waarom het op school misloopt. "
            "Samen met de school werken we aan een haalbaar plan om terug te keren.\n\n"
            + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Drie dagen per week komt de leerling naar ons huis in Leuven; de andere dagen "
            "blijft hij op school. We werken in kleine groepjes rond motivatie, "
            "studievaardigheden en omgaan met conflicten. Elke week is er een kort overleg met "
            "de school."
        ),
        "target_group_description": (
            "Leerlingen van 12 tot 16 jaar die vaak afwezig zijn of hun motivatie kwijt zijn. "
            "Ze zitten in de eerste of tweede graad van het secundair."
        ),
        "how_to_register": (
            "Het CLB meldt de leerling aan via het Meldpunt. Binnen twee weken volgt een "
            "kennismaking met de leerling en de ouders."
        ),
        "types": ["naft-korte-module"],
        "levels": [SEC1, SEC2],
        "target_groups": ["spijbelen", "motivatie"],
        "themes": [T_TRUANCY],
        "approach": "remedial",
        "age_min": 12,
        "age_max": 16,
        "area": ["leuven"],
        "duration": "Zes tot acht weken.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "absence_legitimised": True,
        "certificate_issued": False,
        "capacity": ("free", None, 3),
        "verified_days_ago": 20,
        "locations": [_address("Kiezelweg 14", "3000", "Leuven", "Huis De Brug")],
    },
    {
        "slug": "lange-module-leuven-demo",
        "provider": "de-brug-demo",
        "name": "Lange module Leuven (demo)",
        "summary": (
            "Een langer traject met een leerplek buiten de school voor jongeren die vastzitten "
            "in het secundair."
        ),
        "goal": (
            "Wie al lang niet meer op school geraakt, ontdekt via een leerplek opnieuw wat hij "
            "kan. Zo groeit stap voor stap een perspectief op school, opleiding of werk.\n\n"
            + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De jongere gaat enkele dagen per week aan de slag op een leerplek die bij zijn "
            "interesses past: een fietsatelier, een keuken of een dierenasiel. Een vaste "
            "begeleider komt langs op de leerplek en bij de jongere thuis. Om de zes weken "
            "zitten school, CLB, ouders en jongere samen om bij te sturen."
        ),
        "target_group_description": (
            "Jongeren van 14 tot 18 jaar uit de tweede of derde graad of uit het deeltijds "
            "onderwijs. Vaak speelt er thuis ook veel."
        ),
        "how_to_register": (
            "Aanmelden via het Meldpunt, door het CLB. Er is een wachtlijst; we bellen het CLB "
            "zodra er plaats vrijkomt."
        ),
        "types": ["naft-lange-module", "leerplek-buiten-school"],
        "levels": [SEC2, SEC3, "deeltijds"],
        "target_groups": ["motivatie", "thuissituatie"],
        "themes": [T_STUDY_CHOICE, T_TRANSITION],
        "approach": "remedial",
        "age_min": 14,
        "age_max": 18,
        "area": ["leuven"],
        "duration": "Drie tot zes maanden.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "absence_legitimised": True,
        "capacity": ("waiting_list", 6, 10),
        "verified_days_ago": 150,
        "locations": [_address("Kiezelweg 14", "3000", "Leuven", "Huis De Brug"), MOBILE],
    },
    {
        "slug": "spijbelcoaching-leuven-demo",
        "provider": "de-brug-demo",
        "name": "Spijbelcoaching aan huis (demo)",
        "summary": (
            "Een coach komt aan huis bij spijbelende leerlingen en hun ouders en zoekt mee "
            "naar de weg terug naar de klas."
        ),
        "goal": (
            "Spijbelende leerlingen hebben vaak een reden die de school niet ziet. De coach "
            "zoekt die reden samen met de leerling en het gezin en bouwt een plan om weer "
            "elke dag naar school te gaan.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De coach komt wekelijks aan huis en gaat soms 's ochtends mee naar school. Met de "
            "school spreekt hij af wie de leerling opvangt bij een terugkeer. Na tien weken "
            "bekijken we samen wat werkt."
        ),
        "target_group_description": (
            "Leerlingen van 12 tot 16 jaar met veel ongewettigde afwezigheden, uit de eerste "
            "of tweede graad."
        ),
        "how_to_register": (
            "Het CLB meldt aan via het Meldpunt, met een kort overzicht van de afwezigheden. "
            "Ouders kunnen ook zelf bellen, dan nemen wij contact op met het CLB."
        ),
        "types": ["individueel-traject"],
        "levels": [SEC1, SEC2],
        "target_groups": ["spijbelen"],
        "themes": [T_TRUANCY, T_CONTEXT],
        "approach": "compensating",
        "age_min": 12,
        "age_max": 16,
        "area": ["Leuven", "Herent", "Kortenberg"],
        "duration": "Tien weken, eenmaal te verlengen.",
        "registration_route": "meldpunt",
        "capacity": ("limited", None, 40),
        "verified_days_ago": 400,
        "locations": [MOBILE],
    },
    {
        "slug": "korte-module-vilvoorde-machelen-demo",
        "provider": "het-anker-demo",
        "name": "Korte module Vilvoorde-Machelen (demo)",
        "summary": (
            "Een korte module in groep voor leerlingen met gedragsmoeilijkheden, ook voor "
            "(ex-)OKAN-leerlingen."
        ),
        "goal": (
            "De leerling leert zijn eigen gedrag beter begrijpen en bijsturen. De school krijgt "
            "tips om de terugkeer in de klas te laten slagen.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Vier weken lang komt een kleine groep leerlingen elke voormiddag samen. Er is "
            "sport, overleg in de groep en individuele gesprekken. In de namiddag gaan de "
            "leerlingen terug naar hun school."
        ),
        "target_group_description": (
            "Leerlingen uit de eerste en tweede graad en uit OKAN die geregeld in conflict "
            "komen op school. De begeleiders spreken ook Frans en Engels."
        ),
        "how_to_register": (
            "Via het Meldpunt. Het CLB voegt een korte beschrijving toe van wat de school al "
            "probeerde."
        ),
        "types": ["naft-korte-module", "groeps-of-klasmodule"],
        "levels": [SEC1, SEC2, "okan"],
        "target_groups": ["gedrag", "okan"],
        "themes": [T_OKAN, T_CLIMATE],
        "approach": "remedial",
        "age_min": 12,
        "age_max": 18,
        "area": ["vilvoorde"],
        "duration": "Vier weken.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "absence_legitimised": True,
        "capacity": ("full", None, 5),
        "verified_days_ago": 60,
        "locations": [_address("Lindenhofstraat 3", "1800", "Vilvoorde")],
    },
    {
        "slug": "lange-module-rand-demo",
        "provider": "het-anker-demo",
        "name": "Lange module Rand (demo)",
        "summary": (
            "Langdurige begeleiding in de school voor jongeren die ook in de jeugdhulp "
            "terechtkwamen."
        ),
        "goal": (
            "Als jeugdhulp en school elk hun eigen plan hebben, raakt de jongere de weg kwijt. "
            "Dit traject brengt de plannen samen, zodat de jongere op school kan blijven.\n\n"
            + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De begeleider werkt op school met de jongere en overlegt geregeld met de "
            "jeugdhulpverlener. Er is één gezamenlijk plan met duidelijke afspraken over "
            "coördinatie: wie doet wat, en wie belt wie."
        ),
        "target_group_description": (
            "Jongeren van 14 tot 18 jaar uit de tweede en derde graad of het BuSO, die ook "
            "begeleiding krijgen in de jeugdhulp."
        ),
        "how_to_register": (
            "Aanmelden via het Meldpunt door het CLB. Vermeld de betrokken "
            "jeugdhulpverlening, zodat we meteen samen kunnen zitten."
        ),
        "types": ["naft-lange-module"],
        "levels": [SEC2, SEC3, "buso"],
        "target_groups": ["gedrag", "jeugdhulp"],
        "themes": [T_YOUTH_CARE],
        "approach": "remedial",
        "age_min": 14,
        "age_max": 18,
        "area": ["vilvoorde", "asse-merchtem-opwijk"],
        "duration": "Tot een schooljaar.",
        "registration_route": "meldpunt",
        "capacity": ("waiting_list", 10, 21),
        "verified_days_ago": 300,
        "locations": [IN_SCHOOL],
    },
    {
        "slug": "terug-naar-school-herinschrijving-demo",
        "provider": "het-anker-demo",
        "name": "Terug naar school: begeleiding bij herinschrijving (demo)",
        "summary": (
            "Hulp voor jongeren zonder school bij de herinschrijving en de eerste weken in een "
            "nieuwe school."
        ),
        "goal": (
            "Een jongere die nergens is ingeschreven, verliest snel de aansluiting. Wij helpen "
            "bij de herinschrijving en blijven de eerste weken nabij, zodat de nieuwe start "
            "lukt.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "We zoeken samen met de jongere en de ouders een school die past en gaan mee naar "
            "het inschrijvingsgesprek. Tijdens de eerste zes weken is er wekelijks contact met "
            "de jongere en de school. Daarna draagt de begeleider warm over aan het CLB."
        ),
        "target_group_description": (
            "Jongeren van 12 tot 18 jaar die niet (meer) ingeschreven zijn in een school, ook "
            "nieuwkomers na OKAN."
        ),
        "how_to_register": (
            "Het CLB, een jeugdhulpverlener of de ouders kunnen aanmelden via het Meldpunt. "
            "Het Meldpunt brengt het CLB altijd mee aan tafel."
        ),
        "types": ["individueel-traject", "schoolondersteuning"],
        "levels": ["geen-school", SEC1, SEC2, SEC3, "okan"],
        "target_groups": ["spijbelen", "okan", "motivatie"],
        "themes": [T_CONTEXT, T_OKAN],
        "approach": "compensating",
        "age_min": 12,
        "age_max": 18,
        "area": ["arrondissement-halle-vilvoorde"],
        "duration": "Ongeveer twee maanden.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "capacity": ("free", None, 2),
        "verified_days_ago": 30,
        "locations": [MOBILE],
    },
    {
        "slug": "dagbesteding-kompas-demo",
        "provider": "dagcentrum-kompas-demo",
        "name": "Dagbesteding Kompas (demo)",
        "summary": (
            "Een veilige plek overdag voor jongeren die door psychische moeilijkheden niet "
            "naar school kunnen."
        ),
        "goal": (
            "De jongere bouwt opnieuw een dagritme op en krijgt weer vertrouwen in zichzelf. "
            "Wanneer het kan, bereiden we een gedeeltelijke terugkeer naar school voor.\n\n"
            + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De jongere komt enkele dagen per week naar het dagcentrum. Er zijn creatieve "
            "ateliers, beweging en rustige momenten om schoolwerk te maken. Een "
            "psycholoog volgt elke jongere op."
        ),
        "target_group_description": (
            "Jongeren van 12 tot 18 jaar met angst, somberheid of andere psychische klachten. "
            "Ook jongeren uit het BuSO of zonder school zijn welkom."
        ),
        "how_to_register": (
            "Via het Meldpunt. Een kennismakingsgesprek in het dagcentrum gaat altijd vooraf."
        ),
        "types": ["dagbesteding"],
        "levels": [SEC1, SEC2, "buso", "geen-school"],
        "target_groups": ["psychische-kwetsbaarheid", "welbevinden"],
        "themes": [T_PSYCH],
        "approach": "compensating",
        "age_min": 12,
        "age_max": 18,
        "area": ["halle"],
        "duration": "Zo lang als nodig, met een evaluatie elke drie maanden.",
        "registration_route": "meldpunt",
        "certificate_issued": False,
        "capacity": ("limited", None, 12),
        "verified_days_ago": 90,
        "locations": [_address("Hoevepad 7", "1500", "Halle", "Dagcentrum Kompas")],
    },
    {
        "slug": "time-out-zennevallei-demo",
        "provider": "dagcentrum-kompas-demo",
        "name": "Time-out Zennevallei (demo)",
        "summary": (
            "Een korte time-out buiten de school na een opeenstapeling van incidenten in de "
            "klas."
        ),
        "goal": (
            "Een time-out doorbreekt een vastgelopen situatie tussen leerling en school. Beide "
            "kanten krijgen tijd om af te koelen en nieuwe afspraken te maken.\n\n"
            + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Twee weken lang komt de leerling elke dag naar het dagcentrum. We werken rond wat "
            "er gebeurde en oefenen nieuwe manieren om met spanning om te gaan. Een "
            "terugkeergesprek op school sluit de time-out af."
        ),
        "target_group_description": (
            "Leerlingen van 12 tot 15 jaar uit de eerste en tweede graad die op school "
            "geregeld in conflict komen."
        ),
        "how_to_register": (
            "Het CLB meldt aan via het Meldpunt. Tijdelijk nemen we geen nieuwe leerlingen op; "
            "aanmelden kan wel, we houden de aanvraag bij."
        ),
        "types": ["time-out"],
        "levels": [SEC1, SEC2],
        "target_groups": ["gedrag"],
        "themes": [T_CLIMATE],
        "approach": "remedial",
        "age_min": 12,
        "age_max": 15,
        "area": ["halle"],
        "duration": "Twee weken.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "absence_legitimised": True,
        "capacity": ("paused", None, 30),
        "verified_days_ago": 200,
        "locations": [_address("Hoevepad 7", "1500", "Halle", "Dagcentrum Kompas")],
    },
    {
        "slug": "kompas-junior-demo",
        "provider": "dagcentrum-kompas-demo",
        "name": "Kompas Junior: dagbesteding voor de lagere school (demo)",
        "summary": (
            "Dagbesteding en time-out voor kinderen uit het gewoon en buitengewoon lager "
            "onderwijs."
        ),
        "goal": (
            "Jonge kinderen die op school vastlopen, krijgen een kleine, voorspelbare groep. "
            "Ouders en leerkrachten leren wat het kind helpt.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Het kind komt twee dagen per week naar Kompas Junior en gaat de andere dagen naar "
            "school. We werken met pictogrammen, spel en beweging. De leerkracht mag een "
            "dag komen meekijken."
        ),
        "target_group_description": (
            "Kinderen van 8 tot 12 jaar uit het basisonderwijs of het buitengewoon "
            "basisonderwijs met gedragsproblemen of een moeilijke thuissituatie."
        ),
        "how_to_register": (
            "Het CLB meldt aan via het Meldpunt. Er is een korte wachttijd."
        ),
        "types": ["dagbesteding", "time-out"],
        "levels": ["basisonderwijs", "buitengewoon-basisonderwijs"],
        "target_groups": ["gedrag", "welbevinden", "thuissituatie"],
        "themes": [T_PRIMARY],
        "approach": "remedial",
        "age_min": 8,
        "age_max": 12,
        "area": ["halle"],
        "duration": "Drie maanden.",
        "registration_route": "meldpunt",
        "capacity": ("waiting_list", 4, 7),
        "verified_days_ago": 45,
        "locations": [_address("Hoevepad 7", "1500", "Halle", "Dagcentrum Kompas")],
    },
    {
        "slug": "meewerken-op-de-hoeve-demo",
        "provider": "zorgboerderij-de-hoeve-demo",
        "name": "Meewerken op De Hoeve (demo)",
        "summary": (
            "Een of twee dagen per week meewerken op een zorgboerderij, voor leerlingen die "
            "het schoolritme kwijt zijn."
        ),
        "goal": (
            "Met de handen werken en zorgen voor dieren geeft structuur en een gevoel van "
            "nut. Die ervaring helpt om ook op school weer op te dagen.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De leerling helpt bij het voederen, het onderhoud van de stallen en de moestuin. "
            "De boer werkt naast de leerling en houdt een logboek bij voor de school. Een "
            "begeleider van het CLB komt af en toe langs."
        ),
        "target_group_description": (
            "Leerlingen van 12 tot 18 jaar uit het secundair of het BuSO die vaak afwezig zijn "
            "of schoolmoe zijn."
        ),
        "how_to_register": (
            "De school en het CLB nemen rechtstreeks contact op met de boerderij. Het CLB "
            "tekent de overeenkomst."
        ),
        "types": ["zorgboerderij"],
        "levels": SECONDARY + ["buso"],
        "target_groups": ["spijbelen", "motivatie", "welbevinden"],
        "themes": [T_TRUANCY, T_BUSO],
        "approach": "compensating",
        "age_min": 12,
        "age_max": 18,
        "area": ["diest", "Aarschot", "Tienen"],
        "duration": "Enkele weken tot een schooljaar.",
        "cost": "Gratis voor de leerling en de school.",
        "registration_route": "direct",
        "capacity": ("full", None, 60),
        "verified_days_ago": 500,
        "locations": [_address("Molenbeekdreef 21", "3460", "Bekkevoort", "De Hoeve")],
    },
    {
        "slug": "boerderijdagen-klavertje-demo",
        "provider": "zorgboerderij-klavertje-demo",
        "name": "Boerderijdagen 't Klavertje (demo)",
        "summary": (
            "Rustige dagen op een kleine zorgboerderij voor leerlingen die het psychisch "
            "moeilijk hebben."
        ),
        "goal": (
            "Even weg uit de drukte van school, in een omgeving die geen prestaties vraagt. De "
            "leerling komt op adem en werkt aan zelfvertrouwen.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De leerling zorgt voor de geiten en de kippen, werkt in de boomgaard en eet mee "
            "aan tafel. Elke vrijdag is er een gesprek over hoe de week liep. De school "
            "bezorgt wat schoolwerk."
        ),
        "target_group_description": (
            "Leerlingen van 12 tot 16 jaar uit de eerste of tweede graad of het BuSO met "
            "stress, angst of faalangst."
        ),
        "how_to_register": (
            "Rechtstreeks bij de boerderij, door de school samen met het CLB. We plannen "
            "eerst een bezoek met de leerling."
        ),
        "types": ["zorgboerderij", "time-out"],
        "levels": [SEC1, SEC2, "buso"],
        "target_groups": ["welbevinden", "psychische-kwetsbaarheid"],
        "themes": [T_PSYCH],
        "approach": "compensating",
        "age_min": 12,
        "age_max": 16,
        "area": ["halle"],
        "duration": "Zes tot twaalf weken.",
        "registration_route": "direct",
        "capacity": ("free", None, 1),
        "verified_days_ago": 10,
        "locations": [_address("Pastorijveld 5", "1755", "Pajottegem", "'t Klavertje")],
    },
    {
        "slug": "dagbesteding-overstap-demo",
        "provider": "jeugdwerking-overstap-demo",
        "name": "Dagbesteding Overstap (demo)",
        "summary": (
            "Dagbesteding met werkervaring voor jongeren uit de jeugdhulp die niet of weinig "
            "naar school gaan."
        ),
        "goal": (
            "Jongeren uit de jeugdhulp vinden een zinvolle dagbesteding en proeven van werk. "
            "Zo groeit opnieuw een plan voor school of opleiding.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "In het atelier herstellen de jongeren fietsen en meubels. Ze leren op tijd komen, "
            "samenwerken en afspraken nakomen. Met elke jongere maken we een plan voor "
            "daarna, samen met de jeugdhulpverlener."
        ),
        "target_group_description": (
            "Jongeren van 15 tot 18 jaar uit de tweede of derde graad, het deeltijds "
            "onderwijs of zonder school, die in de jeugdhulp begeleid worden."
        ),
        "how_to_register": (
            "Aanmelden via het Meldpunt. Een jeugdhulpverlener kan ook rechtstreeks bellen; "
            "dan betrekken we het CLB."
        ),
        "types": ["dagbesteding", "leerplek-buiten-school"],
        "levels": [SEC2, SEC3, "deeltijds", "geen-school"],
        "target_groups": ["jeugdhulp", "motivatie"],
        "themes": [T_LABOUR, T_TRANSITION],
        "approach": "compensating",
        "age_min": 15,
        "age_max": 18,
        "area": TIENEN_AREA,
        "duration": "Drie tot negen maanden.",
        "registration_route": "meldpunt",
        "certificate_issued": True,
        "capacity": ("limited", None, 90),
        "verified_days_ago": 380,
        "locations": [_address("Zandloperstraat 9", "3300", "Tienen", "Atelier Overstap")],
    },
    {
        "slug": "snuffelstages-hageland-demo",
        "provider": "jeugdwerking-overstap-demo",
        "name": "Snuffelstages Hageland (demo)",
        "summary": (
            "Korte stages bij bedrijven uit de buurt voor jongeren die twijfelen over hun "
            "opleiding."
        ),
        "goal": (
            "Een jongere die niet weet waarvoor hij leert, ontdekt op de werkvloer wat hem "
            "ligt. Dat helpt bij een bewuste studiekeuze.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De jongere kiest twee of drie bedrijven en loopt er telkens een week mee. Een "
            "coach bereidt elke stage voor en bespreekt ze achteraf. De school krijgt een kort "
            "verslag."
        ),
        "target_group_description": (
            "Jongeren van 15 tot 18 jaar uit de derde graad of het deeltijds onderwijs."
        ),
        "how_to_register": "Rechtstreeks bij Overstap, door de school of het CLB.",
        "types": ["leerplek-buiten-school"],
        "levels": [SEC3, "deeltijds"],
        "target_groups": ["motivatie"],
        "themes": [T_TRANSITION, T_LABOUR, T_STUDY_CHOICE],
        "approach": "preventive",
        "age_min": 15,
        "age_max": 18,
        "area": ["Tienen", "Landen", "Aarschot", "Diest"],
        "duration": "Twee tot drie weken.",
        "registration_route": "direct",
        "capacity": ("free", None, 14),
        "verified_days_ago": 120,
        "locations": [MOBILE],
        "status": "draft",
    },
    {
        "slug": "herstelgesprek-na-incident-demo",
        "provider": "herstelpunt-schoolconflicten-demo",
        "name": "Herstelgesprek na een incident op school (demo)",
        "summary": (
            "Een bemiddeld gesprek tussen de betrokkenen na een incident, zodat schorsing of "
            "uitsluiting niet het laatste woord heeft."
        ),
        "goal": (
            "Na een incident willen we de schade herstellen en de relaties in de school "
            "opnieuw opbouwen. De leerling neemt verantwoordelijkheid en blijft deel van de "
            "schoolgemeenschap.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Een bemiddelaar spreekt eerst apart met elke betrokkene. Daarna volgt een "
            "gezamenlijk gesprek op school. Afspraken worden op papier gezet en na een maand "
            "opgevolgd."
        ),
        "target_group_description": (
            "Leerlingen uit het secundair, hun klasgenoten en leerkrachten na pesten, geweld "
            "of diefstal."
        ),
        "how_to_register": (
            "De school of het CLB vraagt een herstelgesprek aan. We reageren binnen een week."
        ),
        "types": ["herstelgericht"],
        "levels": SECONDARY,
        "target_groups": ["gedrag"],
        "themes": [T_CLIMATE],
        "approach": "remedial",
        "age_min": 12,
        "age_max": 18,
        "area": ["arrondissement-leuven"],
        "duration": "Twee tot vier weken.",
        "cost": "Gratis.",
        "registration_route": "clb",
        "capacity": ("free", None, 8),
        "verified_days_ago": 70,
        "locations": [IN_SCHOOL],
    },
    {
        "slug": "herstelcirkels-in-de-klas-demo",
        "provider": "herstelpunt-schoolconflicten-demo",
        "name": "Herstelcirkels in de klas (demo)",
        "summary": (
            "Klasgesprekken in een cirkel om conflicten te voorkomen en de sfeer in de klas "
            "te verbeteren."
        ),
        "goal": (
            "Een klas die goed praat, lost conflicten vroeg op. Leerkrachten leren de cirkels "
            "zelf te leiden, zodat het effect blijft.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Een begeleider leidt vier klascirkels, telkens een lesuur. Daarna neemt de "
            "leerkracht het over, met de begeleider erbij. Het schoolteam krijgt een korte "
            "vorming."
        ),
        "target_group_description": (
            "Klassen uit de derde graad van het basisonderwijs en de eerste graad secundair."
        ),
        "how_to_register": "De school vraagt rechtstreeks aan; het CLB kan mee overleggen.",
        "types": ["herstelgericht", "groeps-of-klasmodule", "preventie-schoolklimaat"],
        "levels": ["basisonderwijs", SEC1],
        "target_groups": ["gedrag", "welbevinden"],
        "themes": [T_CLIMATE, T_PRIMARY],
        "approach": "preventive",
        "age_min": 10,
        "age_max": 14,
        "area": PROVINCE,
        "duration": "Zes weken.",
        "registration_route": "direct",
        "verified_days_ago": 250,
        "locations": [IN_SCHOOL],
    },
    {
        "slug": "leerwerkplaats-de-werf-demo",
        "provider": "leerwerkplaats-de-werf-demo",
        "name": "Leerwerkplaats De Werf (demo)",
        "summary": (
            "Leren op een bouwwerf en in een schrijnwerkerij, voor jongeren die met boeken niet "
            "meer verder kunnen."
        ),
        "goal": (
            "Jongeren tonen wat ze met hun handen kunnen en halen daar moed uit. De "
            "leerwerkplaats bereidt een overstap naar deeltijds onderwijs of een opleiding "
            "voor.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De jongeren werken in kleine ploegen aan echte klussen, onder begeleiding van een "
            "vakman. Een trajectbegeleider volgt de schoolkant op. Wie wil, haalt een "
            "veiligheidsattest."
        ),
        "target_group_description": (
            "Jongeren van 15 tot 18 jaar uit de tweede of derde graad, het deeltijds onderwijs "
            "of het BuSO."
        ),
        "how_to_register": (
            "Via het Meldpunt. Er is een wachtlijst; het CLB hoort binnen de twee weken "
            "wanneer een plaats vrijkomt."
        ),
        "types": ["leerplek-buiten-school", "dagbesteding"],
        "levels": [SEC2, SEC3, "deeltijds", "buso"],
        "target_groups": ["motivatie", "buso"],
        "themes": [T_LABOUR, T_STUDY_CHOICE],
        "approach": "compensating",
        "age_min": 15,
        "age_max": 18,
        "area": ["asse-merchtem-opwijk"],
        "duration": "Een schooljaar.",
        "registration_route": "meldpunt",
        "certificate_issued": True,
        "capacity": ("waiting_list", 8, 35),
        "verified_days_ago": 600,
        "locations": [_address("Boomgaardlaan 40", "1731", "Asse", "De Werf")],
    },
    {
        "slug": "ateliers-schoolmoeie-jongeren-demo",
        "provider": "leerwerkplaats-de-werf-demo",
        "name": "Ateliers voor schoolmoeie jongeren (demo)",
        "summary": (
            "Korte praktijkateliers in groep voor leerlingen uit de eerste en tweede graad die "
            "schoolmoe zijn."
        ),
        "goal": (
            "Schoolmoeie leerlingen ontdekken in een atelier talenten die op school weinig aan "
            "bod komen. Ze nemen die ervaring mee terug naar de klas.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Een groep van acht leerlingen komt een namiddag per week naar het atelier. Ze "
            "maken samen iets voor de school: een bank, een plantenbak of een podium. Op het "
            "einde stellen ze het werk voor aan de klas."
        ),
        "target_group_description": "Leerlingen van 13 tot 16 jaar uit de eerste en tweede graad.",
        "how_to_register": "De school meldt rechtstreeks aan, in overleg met het CLB.",
        "types": ["groeps-of-klasmodule", "leerplek-buiten-school"],
        "levels": [SEC1, SEC2],
        "target_groups": ["motivatie"],
        "themes": [T_STUDY_CHOICE],
        "approach": "compensating",
        "age_min": 13,
        "age_max": 16,
        "area": ["asse-merchtem-opwijk"],
        "duration": "Tien namiddagen.",
        "registration_route": "direct",
        "capacity": ("free", None, 50),
        "verified_days_ago": None,
        "locations": [_address("Boomgaardlaan 40", "1731", "Asse", "De Werf")],
        "status": "draft",
    },
    {
        "slug": "korte-module-diest-hageland-demo",
        "provider": "vzw-tussenstap-demo",
        "name": "Korte module Diest en Hageland (demo)",
        "summary": (
            "Een korte module voor leerlingen die vaak spijbelen of in conflict komen, in "
            "Diest en de buurgemeenten."
        ),
        "goal": (
            "Snel ingrijpen voor afwezigheden of conflicten uit de hand lopen. De leerling en "
            "de school krijgen concrete afspraken mee.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Vijf weken lang komt de leerling twee dagen per week naar Tussenstap. We werken "
            "individueel en in groep, en gaan op bezoek op school. Een slotgesprek met de "
            "ouders en de school legt de afspraken vast."
        ),
        "target_group_description": (
            "Leerlingen van 12 tot 18 jaar uit het secundair met veel afwezigheden of "
            "gedragsproblemen."
        ),
        "how_to_register": (
            "Via het Meldpunt. De wachttijd is kort; het Meldpunt houdt het CLB op de hoogte."
        ),
        "types": ["naft-korte-module"],
        "levels": SECONDARY,
        "target_groups": ["spijbelen", "gedrag"],
        "themes": [T_TRUANCY],
        "approach": "remedial",
        "age_min": 12,
        "age_max": 18,
        "area": ["diest"],
        "duration": "Vijf weken.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "absence_legitimised": True,
        "capacity": ("waiting_list", 3, 4),
        "verified_days_ago": 15,
        "locations": [_address("Klaverbergweg 11", "3290", "Diest", "Tussenstap")],
    },
    {
        "slug": "lange-module-diest-demo",
        "provider": "vzw-tussenstap-demo",
        "name": "Lange module Diest (demo)",
        "summary": (
            "Een lange begeleiding aan huis en op school voor jongeren met psychische "
            "kwetsbaarheid die uit de boot dreigen te vallen."
        ),
        "goal": (
            "De jongere blijft verbonden met school, ook als hij tijdelijk minder lessen volgt. "
            "We zoeken een ritme dat haalbaar is en bouwen dat op.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Een vaste begeleider komt aan huis en op school. Samen met de school maken we een "
            "aangepast lesrooster. Wie in therapie is, krijgt afstemming met de therapeut."
        ),
        "target_group_description": (
            "Jongeren van 14 tot 18 jaar uit de tweede en derde graad of het BuSO met "
            "psychische klachten of weinig motivatie."
        ),
        "how_to_register": "Het CLB meldt aan via het Meldpunt.",
        "types": ["naft-lange-module", "individueel-traject"],
        "levels": [SEC2, SEC3, "buso"],
        "target_groups": ["motivatie", "psychische-kwetsbaarheid"],
        "themes": [T_PSYCH],
        "approach": "remedial",
        "age_min": 14,
        "age_max": 18,
        "area": ["diest"],
        "duration": "Drie tot zes maanden.",
        "registration_route": "meldpunt",
        "capacity": ("full", None, 100),
        "verified_days_ago": 420,
        "locations": [MOBILE],
    },
    {
        "slug": "ouderwerking-schoolafwezigheid-demo",
        "provider": "vzw-tussenstap-demo",
        "name": "Ouderwerking rond schoolafwezigheid (demo)",
        "summary": (
            "Gesprekken met ouders van kinderen die vaak afwezig zijn, thuis of op school, in "
            "de lagere school en de eerste graad."
        ),
        "goal": (
            "Ouders van spijbelende leerlingen voelen zich vaak machteloos. We versterken hen "
            "zodat ze samen met de school het kind weer naar de klas krijgen.\n\n"
            + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Een medewerker komt vijf keer aan huis. Samen bekijken we de ochtenden, de "
            "afspraken thuis en het contact met de school. Waar nodig gaan we mee naar een "
            "oudercontact."
        ),
        "target_group_description": (
            "Gezinnen met kinderen van 6 tot 14 jaar uit het basisonderwijs of de eerste "
            "graad die vaak afwezig zijn."
        ),
        "how_to_register": (
            "Het CLB of de school meldt aan via het Meldpunt, altijd met akkoord van de ouders."
        ),
        "types": ["individueel-traject"],
        "levels": ["basisonderwijs", SEC1],
        "target_groups": ["spijbelen", "thuissituatie"],
        "themes": [T_CONTEXT, T_TRUANCY],
        "approach": "preventive",
        "age_min": 6,
        "age_max": 14,
        "area": ["diest"],
        "duration": "Vijf gesprekken over twee maanden.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "consent_notes": "De ouders moeten akkoord gaan; het kind wordt betrokken waar het kan.",
        "capacity": ("free", None, 20),
        "verified_days_ago": 100,
        "locations": [MOBILE],
    },
    {
        "slug": "schoolcoaching-zennevallei-demo",
        "provider": "schoolcoaching-zennevallei-demo",
        "name": "Schoolcoaching Zennevallei (demo)",
        "summary": (
            "Een coach op school voor leerlingen die zich niet goed voelen in de klas, en "
            "advies voor hun leerkrachten."
        ),
        "goal": (
            "Leerlingen vinden sneller hun plek in de klas, en leerkrachten weten beter hoe ze "
            "hen kunnen steunen. Zo voorkomen we dat kleine problemen groot worden.\n\n"
            + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De coach ziet de leerling wekelijks op school, tijdens een vast lesuur. Na elk "
            "gesprek is er kort contact met de klastitularis. De zorgcoördinator krijgt een "
            "maandelijks overzicht."
        ),
        "target_group_description": (
            "Leerlingen van 12 tot 18 jaar uit het secundair met een laag welbevinden of "
            "beginnende gedragsproblemen."
        ),
        "how_to_register": (
            "De school vraagt een coach aan via het Meldpunt; het CLB wordt mee verwittigd."
        ),
        "types": ["schoolondersteuning"],
        "levels": SECONDARY,
        "target_groups": ["welbevinden", "gedrag"],
        "themes": [T_CLIMATE],
        "approach": "preventive",
        "age_min": 12,
        "age_max": 18,
        "area": ZENNEVALLEI,
        "duration": "Een trimester.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "capacity": ("limited", None, 6),
        "verified_days_ago": 40,
        "locations": [IN_SCHOOL],
    },
    {
        "slug": "warme-overstap-secundair-demo",
        "provider": "schoolcoaching-zennevallei-demo",
        "name": "Warme overstap naar het secundair (demo)",
        "summary": (
            "Begeleiding van het zesde leerjaar naar het eerste jaar secundair, in groep en "
            "individueel."
        ),
        "goal": (
            "De stap naar het secundair is groot, zeker voor kinderen die het al moeilijk "
            "hebben. Met een warme overdracht tussen lagere en secundaire school begint het "
            "nieuwe schooljaar rustiger.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "In het voorjaar volgen de kinderen drie groepssessies in hun lagere school. In "
            "september komt de coach nog twee keer langs in de nieuwe school. De scholen "
            "wisselen, met akkoord van de ouders, nuttige informatie uit."
        ),
        "target_group_description": (
            "Kinderen van 11 tot 13 jaar uit het zesde leerjaar en het eerste jaar secundair, "
            "ook ex-OKAN-leerlingen."
        ),
        "how_to_register": (
            "De lagere school meldt rechtstreeks aan, in overleg met het CLB."
        ),
        "types": ["schoolondersteuning", "groeps-of-klasmodule"],
        "levels": ["basisonderwijs", SEC1],
        "target_groups": ["welbevinden", "okan"],
        "themes": [T_PRIMARY, T_OKAN],
        "approach": "preventive",
        "age_min": 11,
        "age_max": 13,
        "area": ZENNEVALLEI,
        "duration": "Van maart tot oktober.",
        "cost": "Gratis.",
        "registration_route": "direct",
        "capacity": ("free", None, 25),
        "verified_days_ago": 200,
        "locations": [IN_SCHOOL],
    },
    {
        "slug": "trajectbegeleiding-kiemkracht-demo",
        "provider": "vzw-kiemkracht-demo",
        "name": "Trajectbegeleiding Kiemkracht (demo)",
        "summary": (
            "Individuele begeleiding voor jongeren in de jeugdhulp of met een moeilijke "
            "thuissituatie die de school dreigen te verliezen."
        ),
        "goal": (
            "Eén vaste begeleider houdt alle draden samen: school, thuis en hulpverlening. De "
            "jongere hoeft zijn verhaal niet telkens opnieuw te vertellen.\n\n"
            + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De begeleider ziet de jongere wekelijks, thuis, op school of in ons huis in "
            "Aarschot. Hij zorgt voor de coördinatie tussen school, CLB en hulpverleners. Om "
            "de twee maanden is er een overleg met iedereen."
        ),
        "target_group_description": (
            "Jongeren van 12 tot 20 jaar, met of zonder school, die begeleid worden in de "
            "jeugdhulp of het thuis zwaar hebben."
        ),
        "how_to_register": (
            "Via het Meldpunt, door het CLB. Er is een wachtlijst van enkele maanden."
        ),
        "types": ["individueel-traject"],
        "levels": [SEC1, SEC2, SEC3, "geen-school"],
        "target_groups": ["jeugdhulp", "thuissituatie", "psychische-kwetsbaarheid"],
        "themes": [T_YOUTH_CARE, T_CONTEXT],
        "approach": "compensating",
        "age_min": 12,
        "age_max": 20,
        "area": HAGELAND_NOORD,
        "duration": "Zes maanden tot een jaar.",
        "registration_route": "meldpunt",
        "capacity": ("waiting_list", 12, 28),
        "verified_days_ago": 330,
        "locations": [_address("Duivenmelkerspad 8", "3200", "Aarschot", "Kiemkracht"), MOBILE],
    },
    {
        "slug": "korte-time-out-kiemkracht-demo",
        "provider": "vzw-kiemkracht-demo",
        "name": "Korte time-out buiten de school (demo)",
        "summary": (
            "Een time-out van een week voor jongeren uit de jeugdhulp na een crisis op school. "
            "Dit aanbod loopt niet meer."
        ),
        "goal": (
            "Na een crisis op school kreeg de jongere een week rust en begeleiding buiten de "
            "school. Het aanbod is stopgezet en staat alleen nog in het archief.\n\n"
            + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De jongere verbleef overdag in ons huis en werkte aan een terugkeerplan. Op "
            "vrijdag volgde een gesprek op school."
        ),
        "target_group_description": (
            "Jongeren van 12 tot 16 jaar uit het secundair of het BuSO die begeleid werden in "
            "de jeugdhulp."
        ),
        "how_to_register": "Aanmelden is niet meer mogelijk.",
        "types": ["time-out"],
        "levels": [SEC1, SEC2, "buso"],
        "target_groups": ["gedrag", "jeugdhulp"],
        "themes": [T_YOUTH_CARE],
        "approach": "remedial",
        "age_min": 12,
        "age_max": 16,
        "area": HAGELAND_NOORD,
        "duration": "Een week.",
        "registration_route": "meldpunt",
        "capacity": ("paused", None, 250),
        "verified_days_ago": 800,
        "locations": [_address("Duivenmelkerspad 8", "3200", "Aarschot", "Kiemkracht")],
        "status": "archived",
    },
    {
        "slug": "onderwijsloket-inschrijving-demo",
        "provider": "onderwijsloket-rand-demo",
        "name": "Onderwijsloket: hulp bij inschrijving en herinschrijving (demo)",
        "summary": (
            "Een loket van de gemeenten dat gezinnen helpt een school te vinden, ook bij een "
            "herinschrijving na uitsluiting of verhuis."
        ),
        "goal": (
            "Geen enkel kind mag zonder school zitten. Het loket zorgt voor de coördinatie "
            "tussen gezin, scholen, CLB en het LOP, zodat een herinschrijving snel rond is."
            "\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Een medewerker van het loket zoekt met het gezin naar scholen met vrije plaatsen. "
            "Waar nodig is er een tolk. Het loket volgt op tot het kind effectief in de klas "
            "zit."
        ),
        "target_group_description": (
            "Kinderen en jongeren van 6 tot 18 jaar zonder school, nieuwkomers en (ex-)OKAN-"
            "leerlingen uit de gemeenten van de Rand."
        ),
        "how_to_register": (
            "Gezinnen, scholen en het CLB kunnen rechtstreeks bij het loket langsgaan of "
            "mailen. Het loket brengt het CLB op de hoogte."
        ),
        "types": ["schoolondersteuning", "individueel-traject"],
        "levels": ["geen-school", "okan", SEC1, "basisonderwijs"],
        "target_groups": ["okan", "spijbelen"],
        "themes": [T_OKAN, T_CONTEXT],
        "approach": "compensating",
        "age_min": 6,
        "age_max": 18,
        "area": RAND,
        "cost": "Gratis.",
        "registration_route": "direct",
        "capacity": ("free", None, 9),
        "verified_days_ago": 25,
        "locations": [_address("Gemeenteplein 1", "1930", "Zaventem", "Onderwijsloket")],
    },
    {
        "slug": "spijbelpreventie-rand-demo",
        "provider": "onderwijsloket-rand-demo",
        "name": "Spijbelpreventie in de Rand (demo)",
        "summary": (
            "Een aanpak voor scholen om afwezigheden vroeg op te merken en samen met ouders en "
            "CLB aan te pakken."
        ),
        "goal": (
            "Hoe vroeger een school afwezigheden opvolgt, hoe kleiner de kans dat een leerling "
            "afhaakt. Scholen krijgen een vaste werkwijze en een aanspreekpunt voor de "
            "coördinatie met het CLB.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Het schoolteam volgt twee vormingen over het opvolgen van spijbelende leerlingen. "
            "Daarna helpt een medewerker van het loket een jaar lang bij de eerste gesprekken "
            "met ouders. Op het einde van het schooljaar evalueren we samen."
        ),
        "target_group_description": (
            "Schoolteams uit het basisonderwijs en de eerste en tweede graad van het "
            "secundair in de gemeenten van de Rand."
        ),
        "how_to_register": "De school vraagt het aan bij het onderwijsloket.",
        "types": ["preventie-schoolklimaat"],
        "levels": ["basisonderwijs", SEC1, SEC2],
        "target_groups": ["spijbelen"],
        "themes": [T_TRUANCY, T_CLIMATE],
        "approach": "preventive",
        "age_min": 10,
        "age_max": 16,
        "area": RAND + ["Vilvoorde"],
        "duration": "Een schooljaar.",
        "cost": "Gratis.",
        "registration_route": "direct",
        "verified_days_ago": 460,
        "locations": [IN_SCHOOL],
    },
    {
        "slug": "verbindend-schoolklimaat-schoolteam-demo",
        "provider": "vzw-klasklimaat-demo",
        "name": "Verbindend schoolklimaat: werken met het schoolteam (demo)",
        "summary": (
            "Een traject voor schoolteams die werk willen maken van een schoolklimaat waarin "
            "elke leerling zich gezien voelt."
        ),
        "goal": (
            "Leerlingen die zich verbonden voelen met hun school, haken minder snel af. Het "
            "team bepaalt zelf waar het wil beginnen en krijgt daar concrete werkvormen voor."
            "\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "We starten met een bevraging van leerlingen en leerkrachten. Daarna volgen drie "
            "studiedagen en begeleiding van een kerngroep. Na een jaar kijken we samen wat "
            "veranderde."
        ),
        "target_group_description": (
            "Schoolteams uit het basis- en secundair onderwijs in heel Vlaams-Brabant."
        ),
        "how_to_register": "De directie neemt rechtstreeks contact op.",
        "types": ["preventie-schoolklimaat", "schoolondersteuning"],
        "levels": ["basisonderwijs"] + SECONDARY,
        "target_groups": ["welbevinden", "gedrag"],
        "themes": [T_CLIMATE],
        "approach": "preventive",
        "area": PROVINCE,
        "duration": "Een schooljaar.",
        "cost": "Op aanvraag; een deel wordt gesubsidieerd.",
        "registration_route": "direct",
        "capacity": ("free", None, 16),
        "verified_days_ago": 75,
        "locations": [IN_SCHOOL],
    },
    {
        "slug": "klasmodule-buso-demo",
        "provider": "vzw-klasklimaat-demo",
        "name": "Klasmodule voor het BuSO (demo)",
        "summary": (
            "Een module in de klas voor BuSO-scholen waar de spanning hoog oploopt, met "
            "aandacht voor elke leerling."
        ),
        "goal": (
            "Een klas in het BuSO vindt rust en leert samenwerken. De leerkrachten krijgen "
            "handvatten om dat vol te houden.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Twee begeleiders komen acht weken lang een halve dag per week in de klas. Ze "
            "werken met spel, beweging en korte gesprekken. Met het team bespreken ze wat "
            "werkt."
        ),
        "target_group_description": (
            "Klassen in het buitengewoon secundair onderwijs, leerlingen van 13 tot 21 jaar."
        ),
        "how_to_register": "De school meldt aan via het Meldpunt, samen met het CLB.",
        "types": ["groeps-of-klasmodule"],
        "levels": ["buso"],
        "target_groups": ["buso", "gedrag"],
        "themes": [T_BUSO],
        "approach": "remedial",
        "age_min": 13,
        "age_max": 21,
        "area": ["asse-merchtem-opwijk", "vilvoorde", "halle"],
        "duration": "Acht weken.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "capacity": ("waiting_list", 5, 18),
        "verified_days_ago": 180,
        "locations": [IN_SCHOOL],
    },
    {
        "slug": "coaching-ex-okan-demo",
        "provider": "de-brug-demo",
        "name": "Taal- en schoolcoaching voor ex-OKAN-leerlingen (demo)",
        "summary": (
            "Coaching voor ex-OKAN-leerlingen in hun eerste jaar in een gewone klas, met "
            "aandacht voor taal en welbevinden."
        ),
        "goal": (
            "Na OKAN is de overstap naar een gewone klas groot. De coach helpt de leerling en "
            "de school om die overgang te laten slagen.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "De leerling ziet de coach om de week op school. Ze oefenen schooltaal en "
            "bespreken wat moeilijk loopt. De coach geeft de leerkrachten tips."
        ),
        "target_group_description": (
            "Leerlingen van 12 tot 18 jaar die uit OKAN komen en nu in de eerste of tweede "
            "graad zitten."
        ),
        "how_to_register": "Het CLB meldt aan via het Meldpunt.",
        "types": ["individueel-traject", "schoolondersteuning"],
        "levels": ["okan", SEC1, SEC2],
        "target_groups": ["okan"],
        "themes": [T_OKAN],
        "approach": "compensating",
        "age_min": 12,
        "age_max": 18,
        "area": ["arrondissement-leuven"],
        "duration": "Een schooljaar.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "capacity": ("limited", None, 11),
        "verified_days_ago": 130,
        "locations": [_address("Kiezelweg 14", "3000", "Leuven", "Huis De Brug")],
        "status": "draft",
    },
    {
        "slug": "groep-faalangst-schoolstress-demo",
        "provider": "het-anker-demo",
        "name": "Samen sterk: groep rond faalangst en schoolstress (demo)",
        "summary": (
            "Een groep voor jongeren die door faalangst of stress niet meer graag naar school "
            "gaan."
        ),
        "goal": (
            "Jongeren leren hun stress herkennen en ermee omgaan, en merken dat ze niet alleen "
            "zijn. Zo vermijden ze dat ze school gaan ontlopen.\n\n" + FICTIONAL_NOTE
        ),
        "what_happens": (
            "Zes bijeenkomsten van twee uur, na de schooluren, met telkens acht jongeren. We "
            "oefenen ontspanning, plannen en praten over wat spanning geeft. De ouders krijgen "
            "een infoavond."
        ),
        "target_group_description": (
            "Jongeren van 14 tot 18 jaar uit de tweede en derde graad met faalangst of "
            "schoolstress."
        ),
        "how_to_register": (
            "Via het Meldpunt, of rechtstreeks door de leerlingbegeleider van de school."
        ),
        "types": ["groeps-of-klasmodule"],
        "levels": [SEC2, SEC3],
        "target_groups": ["psychische-kwetsbaarheid", "welbevinden"],
        "themes": [T_PSYCH],
        "approach": "preventive",
        "age_min": 14,
        "age_max": 18,
        "area": ["vilvoorde"],
        "duration": "Zes weken.",
        "cost": "Gratis.",
        "registration_route": "meldpunt",
        "capacity": ("free", None, 0),
        "verified_days_ago": 5,
        "locations": [_address("Lindenhofstraat 3", "1800", "Vilvoorde")],
    },
]

INTERVENTIONS = SOURCED + FICTIONAL
