"""Demo referrals for ``manage.py load_demo``: about 60 made-up cases over two school years.

The current school year holds the open cases (new, in review, waiting for a provider's answer,
overdue, accepted, on a waiting list, refused, started, not started) and a few closed ones; the
previous school year holds mostly closed cases, with every outcome, so the worklists and the
yearly report (with its comparison) show something real. Consult and contact requests, advice
only and a few repeat referrals of the same made-up pupil are among them.

How it is built:

- **Through the flow** (``meldpunt.desk.flow``): every case is registered and moved the way the
  desk would, so references, repeat keys, statuses and timelines are real. The timestamps are
  then backdated: each step's events, the dispatch's ``sent_at``/``answered_at``/
  ``reminded_at`` and the case's ``closed_at`` are set to the step's planned moment.
- **No mail**: everything runs inside ``netwerk.emails.muted()``, so not one mail is stored in
  the outbox, let alone sent (a made-up case owes nobody a mail, and the demo providers'
  addresses, though at example.org, should not fill a real outbox). The fiches are left as
  they were: a waiting-list answer updates the offer's capacity through the flow, so the
  capacity fields are put back afterwards, without history records.
- **Deterministic**: one seeded ``random.Random`` plans every case before anything is written;
  the dates count back from ``today`` (the current and the previous school year).
- **Idempotent**: each case has a submission key ``demo-NNN``; a key that exists is skipped,
  so a second run creates nothing and edits made in the admin survive.
- **Made up**: first names only for pupils (with the initial of a family name), referrers named
  "… Voorbeeld" at ``@clb.example.be``, parents at ``@example.be``, demo CLBs (at
  ``example.org``, like the demo providers) and schools marked "(demo)"; every case has
  ``is_demo=True``. Demo cases are dispatched only to the demo fiches (slugs ending in
  ``-demo``), never to a real provider.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from meldpunt.desk import flow
from meldpunt.desk.models import (
    CarePhase,
    ConsentBy,
    ConsultKind,
    ContactRole,
    DeclineReason,
    Dispatch,
    DispatchAnswer,
    EducationForm,
    EventKind,
    Outcome,
    Referral,
    ReferralEvent,
    ReferralKind,
    ReferralReason,
    Urgency,
)
from meldpunt.models import CapacityStatus, EducationLevel, Intervention, PublicationStatus
from netwerk import emails
from netwerk.models import Municipality, Organisation, OrganisationKind

SEED = 2026
KEY_PREFIX = "demo-"
DEMO_STAFF_USERNAME = "demo-meldpunt"  # made by load_demo before the apps' demo modules run
DEMO_SLUG_SUFFIX = "-demo"

# (school year: 0 = the current one, 1 = the previous one), story, how many.
STORIES = [
    (0, "new", 3),
    (0, "in_review", 2),
    (0, "pending", 2),
    (0, "overdue", 2),
    (0, "accepted", 2),
    (0, "waiting_list", 2),
    (0, "refused", 1),
    (0, "refused_pending", 1),
    (0, "refused_accepted", 1),
    (0, "started", 2),
    (0, "not_started", 1),
    (0, "closed", 2),
    (0, "advice", 1),
    (0, "consult_new", 1),
    (0, "consult_held", 1),
    (0, "contact_new", 1),
    (0, "contact_closed", 1),
    (1, "closed", 18),
    (1, "not_started_closed", 3),
    (1, "advice", 3),
    (1, "started", 2),
    (1, "refused_all_closed", 1),
    (1, "consult_held", 3),
    (1, "contact_closed", 2),
]

# The steps of each story; "close" after a start closes with an outcome.
STEPS = {
    "new": [],
    "in_review": ["review"],
    "pending": ["review", "dispatch"],
    "overdue": ["review", "dispatch", "remind"],
    "accepted": ["review", "dispatch", "accept"],
    "waiting_list": ["review", "dispatch", "waiting"],
    "refused": ["review", "dispatch", "refuse"],
    "refused_pending": ["review", "dispatch", "refuse", "dispatch"],
    "refused_accepted": ["review", "dispatch", "refuse", "dispatch", "accept"],
    "started": ["review", "dispatch", "accept", "start"],
    "not_started": ["review", "dispatch", "accept", "not_start"],
    "closed": ["review", "dispatch", "accept", "start", "close"],
    "not_started_closed": ["review", "dispatch", "accept", "not_start", "close"],
    "advice": ["review", "advice"],
    "refused_all_closed": ["review", "dispatch", "refuse", "dispatch", "refuse", "close"],
    "consult_new": [],
    "consult_held": ["review", "close"],
    "contact_new": [],
    "contact_closed": ["review", "advice"],
}
# Variations of a closed trajectory in the previous year (refusals, a waiting list first).
CLOSED_PATHS = [
    ["review", "dispatch", "accept", "start", "close"],
    ["review", "dispatch", "refuse", "dispatch", "accept", "start", "close"],
    ["review", "dispatch", "waiting", "dispatch", "accept", "start", "close"],
    ["review", "note", "dispatch", "accept", "start", "note", "close"],
]
# Days after the previous step (inclusive ranges).
GAPS = {
    "review": (0, 3), "note": (0, 6), "dispatch": (1, 6), "accept": (1, 6), "waiting": (1, 6),
    "refuse": (1, 6), "remind": (0, 0), "start": (5, 20), "not_start": (7, 25),
    "close": (30, 150), "advice": (2, 10),
}
# The current year's open cases: how many days ago their last step happened (a pending
# answer is not due yet, an overdue one is). The other cases are spread over their year.
RECENT = {
    "new": (0, 10), "in_review": (0, 8), "pending": (0, 2), "overdue": (10, 16),
    "accepted": (0, 30), "waiting_list": (0, 30), "refused": (0, 6), "refused_pending": (0, 2),
    "refused_accepted": (0, 25), "started": (0, 60), "not_started": (0, 40),
    "consult_new": (0, 7), "contact_new": (0, 5),
}

CLBS = [
    # slug, name, town, nearby municipalities (school and domicile)
    ("clb-voorbeeld-leuven-demo", "CLB Voorbeeld Leuven (demo)", "Leuven",
     ["Leuven", "Herent", "Kortenberg", "Bertem", "Oud-Heverlee", "Holsbeek", "Lubbeek"]),
    ("clb-voorbeeld-vilvoorde-demo", "CLB Voorbeeld Vilvoorde (demo)", "Vilvoorde",
     ["Vilvoorde", "Machelen", "Zaventem", "Grimbergen", "Kampenhout", "Zemst"]),
    ("clb-voorbeeld-halle-demo", "CLB Voorbeeld Halle (demo)", "Halle",
     ["Halle", "Beersel", "Sint-Pieters-Leeuw", "Pajottegem", "Dilbeek", "Asse"]),
    ("clb-voorbeeld-hageland-demo", "CLB Voorbeeld Hageland (demo)", "Diest",
     ["Diest", "Aarschot", "Tienen", "Scherpenheuvel-Zichem", "Tielt-Winge", "Landen"]),
]
REFERRERS = ["Griet", "Tom", "Sofie", "Karim", "Els", "Pieter", "Nadia", "Jeroen", "Leen",
             "Ruben", "Hilde", "Youssef"]
ROLES = ["CLB-medewerker", "maatschappelijk werker CLB", "psychopedagogisch consulent CLB",
         "trajectbegeleider CLB"]
SCHOOLS = ["Sint-Voorbeeldinstituut", "Atheneum Voorbeeld", "Technisch Instituut Voorbeeld",
           "Basisschool De Voorbeeldtuin", "Campus Voorbeeld", "Middenschool Voorbeeld"]
PUPILS = [
    ("Amira", "f"), ("Lotte", "f"), ("Noor", "f"), ("Yasmine", "f"), ("Elise", "f"),
    ("Fien", "f"), ("Jana", "f"), ("Hanne", "f"), ("Sara", "f"), ("Ines", "f"), ("Lina", "f"),
    ("Milan", "m"), ("Senne", "m"), ("Bilal", "m"), ("Wout", "m"), ("Jonas", "m"),
    ("Rayan", "m"), ("Lucas", "m"), ("Thibo", "m"), ("Arne", "m"), ("Kobe", "m"),
    ("Adam", "m"), ("Robin", "x"), ("Sam", "?"),
]
INITIALS = "ABCDEGHJKLMNPRSTVWZ"
# Level slug → (weight, ages, education forms, school years).
LEVELS = {
    "basisonderwijs": (8, (10, 12), [EducationForm.PRIMARY], (4, 6)),
    "secundair-eerste-graad": (30, (12, 14), [EducationForm.A_STREAM, EducationForm.B_STREAM],
                               (1, 2)),
    "secundair-tweede-graad": (28, (14, 16), [EducationForm.TRANSITION, EducationForm.DOUBLE,
                                              EducationForm.LABOUR_MARKET], (3, 4)),
    "secundair-derde-graad": (14, (16, 18), [EducationForm.DOUBLE, EducationForm.LABOUR_MARKET],
                              (5, 6)),
    "buso": (8, (13, 18), [EducationForm.SPECIAL], None),
    "deeltijds": (6, (15, 18), [EducationForm.DUAL], None),
    "okan": (4, (12, 17), [EducationForm.OKAN], None),
    "geen-school": (2, (13, 17), [EducationForm.OTHER], None),
}
QUESTIONS = [
    (
        "De leerling is sinds de herfstvakantie vaak afwezig. Welk aanbod helpt om de draad "
        "met school weer op te nemen?"
    ),
    (
        "Na een reeks conflicten in de klas zoekt de school een time-out met een duidelijk "
        "terugkeerplan."
    ),
    (
        "De leerling heeft geen zin meer in school en denkt aan stoppen. We zoeken een traject "
        "rond motivatie en studiekeuze."
    ),
    (
        "Thuis loopt het moeilijk en dat weegt op het schoolwerk. Kan een aanbieder de leerling "
        "en het gezin ondersteunen?"
    ),
    (
        "De leerling zit veel thuis met angst om naar school te gaan. Welke begeleiding kan "
        "stap voor stap helpen?"
    ),
    "Na een tuchtprocedure zoekt de leerling een nieuwe school. Wie kan de overstap begeleiden?",
]
BACKGROUNDS = [
    "Faalangst en weinig vertrouwen in eigen kunnen.",
    "Spanningen thuis na een verhuis; weinig structuur in de week.",
    "Moeite met de overgang naar het secundair.",
    "Conflicten met medeleerlingen; voelt zich niet thuis in de klas.",
    "",
]
CARE_GIVEN = [
    "Gesprekken met de leerlingbegeleider en een aangepast lesrooster.",
    "Afspraken rond afwezigheden, contact met de ouders, een begeleidingsplan.",
    "Coaching door een vaste leerkracht en overleg met het CLB.",
    "",
]
CONSULT_QUESTIONS = [
    "Na drie trajecten blijft de leerling thuis. We willen met alle betrokkenen rond de tafel.",
    "De school en de jeugdhulp zien een andere oplossing. Graag een casusoverleg.",
    "Het gezin wil meedenken over de terugkeer naar school: is een rondetafel mogelijk?",
]
CONTACT_QUESTIONS = [
    "Mijn zoon gaat al weken niet meer naar school. Wie kan ons helpen?",
    "Een jongere uit onze leefgroep is uitgeschreven en zoekt een school of een traject.",
]
NOTES = [
    "Telefonisch contact met het CLB: de leerling wil meewerken.",
    "Overleg met de school gepland; de ouders zijn op de hoogte.",
    "Aanbieder gebeld over de wachttijd.",
    "Het CLB bezorgde bijkomende informatie over de afwezigheden.",
]
ANSWER_NOTES = {
    DispatchAnswer.ACCEPTED: ["We plannen een kennismaking met de leerling en het CLB.", ""],
    DispatchAnswer.WAITING_LIST: ["We verwachten binnen enkele weken een plaats.", ""],
    DispatchAnswer.REFUSED: ["Dit trimester is er geen plaats meer.", ""],
}
OUTCOMES = [choice for choice, _label in Outcome.choices]
ANSWERS = {
    "accept": DispatchAnswer.ACCEPTED,
    "waiting": DispatchAnswer.WAITING_LIST,
    "refuse": DispatchAnswer.REFUSED,
}
# Which offers fit an answer best (a waiting list where the fiche shows one, and so on).
CAPACITY_FOR = {
    DispatchAnswer.ACCEPTED: {CapacityStatus.FREE, CapacityStatus.LIMITED, CapacityStatus.UNKNOWN},
    DispatchAnswer.WAITING_LIST: {CapacityStatus.WAITING_LIST, CapacityStatus.LIMITED},
    DispatchAnswer.REFUSED: {CapacityStatus.FULL, CapacityStatus.PAUSED, CapacityStatus.LIMITED},
}
CAPACITY_FIELDS = ["capacity_status", "waiting_weeks", "capacity_updated_at", "updated_at"]


def school_year_start(day):
    """1 September of the school year ``day`` falls in."""
    return day.replace(year=day.year if day.month >= 9 else day.year - 1, month=9, day=1)


@dataclass
class Step:
    action: str
    at: datetime
    intervention: Intervention | None = None
    outcome: str = ""
    reason: DeclineReason | None = None
    weeks: int | None = None
    note: str = ""
    by_staff: bool = False


@dataclass
class Case:
    key: str
    story: str
    year: int
    values: dict
    reasons: list
    preferred: list = field(default_factory=list)
    steps: list = field(default_factory=list)

    @property
    def created_at(self):
        return self.values["created_at"]

    @property
    def closed_at(self):
        return next((s.at for s in self.steps if s.action in ("close", "advice")), None)


def load(command):
    """Called by ``meldpunt.demo.load``: load the demo cases and print one line."""
    counts = load_demo_referrals()
    command.stdout.write(
        "Demo-aanmeldingen: {created} nieuwe ({existing} bestonden al en bleven "
        "ongewijzigd); er werd geen e-mail verstuurd.".format(**counts)
    )


def load_demo_referrals(today=None, now=None):
    """Create the demo cases that do not exist yet; returns ``{"created", "existing"}``."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    existing = set(
        Referral.objects.filter(submission_key__startswith=KEY_PREFIX).values_list(
            "submission_key", flat=True
        )
    )
    interventions = _demo_interventions()
    if not interventions:
        return {"created": 0, "existing": len(existing)}
    staff = get_user_model().objects.filter(username=DEMO_STAFF_USERNAME).first()
    with transaction.atomic(), emails.muted(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        clbs = _demo_clbs()
        plan = Planner(random.Random(SEED), today, now, interventions, clbs).plan()
        capacity = {
            row["pk"]: row
            for row in Intervention.objects.filter(
                pk__in=[i.pk for i in interventions]
            ).values("pk", *CAPACITY_FIELDS)
        }
        created = 0
        for case in sorted(plan, key=lambda c: (c.created_at, c.key)):
            if case.key in existing:
                continue
            _build(case, staff, now)
            created += 1
        _restore_capacity(capacity)
    return {"created": created, "existing": len(existing)}


def _demo_interventions():
    """The published demo fiches whose provider has an address (made-up providers only)."""
    return list(
        Intervention.objects.filter(
            is_demo=True, slug__endswith=DEMO_SLUG_SUFFIX, status=PublicationStatus.PUBLISHED
        )
        .exclude(provider__email="")
        .select_related("provider")
        .prefetch_related("service_area")
        .order_by("slug")
    )


def _demo_clbs():
    municipalities = {m.name: m for m in Municipality.objects.all()}
    clbs = []
    for slug, name, town, nearby in CLBS:
        organisation, _created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": OrganisationKind.CLB,
                "description": "Verzonnen CLB voor de demo van het Meldpunt.",
                "email": f"onthaal@{slug}.example.org",
                "municipality": municipalities.get(town),
                "is_demo": True,
            },
        )
        area = [municipalities[n] for n in nearby if n in municipalities]
        clbs.append((organisation, area or list(municipalities.values())[:5]))
    return clbs


def _restore_capacity(before):
    """Put back the fiches' capacity (a waiting-list answer changed it, backdated or not)."""
    after = Intervention.objects.filter(pk__in=before).values("pk", *CAPACITY_FIELDS)
    for row in after:
        if row != before[row["pk"]]:
            values = {name: before[row["pk"]][name] for name in CAPACITY_FIELDS}
            Intervention.objects.filter(pk=row["pk"]).update(**values)


# --- planning (all randomness lives here) -----------------------------------------------------


class Planner:
    def __init__(self, rng, today, now, interventions, clbs):
        self.rng = rng
        self.today = today
        self.now = now
        self.interventions = interventions
        self.clbs = clbs
        self.current_start = school_year_start(today)
        self.levels = {level.slug: level for level in EducationLevel.objects.all()}
        self.reasons = list(ReferralReason.objects.order_by("position", "pk"))
        self.decline = {
            reason.slug: reason for reason in DeclineReason.objects.order_by("position", "pk")
        }
        self.outcomes = 0

    def plan(self):
        cases = []
        for year, story, count in STORIES:
            for _ in range(count):
                cases.append(self.case(len(cases) + 1, year, story))
        self.repeat_pupils(cases)
        return cases

    # A case: who refers, about whom, and its steps with their moments.

    def case(self, number, year, story):
        rng = self.rng
        kind = (
            ReferralKind.CONSULT if story.startswith("consult")
            else ReferralKind.CONTACT if story.startswith("contact")
            else ReferralKind.REFERRAL
        )
        steps = list(STEPS[story])
        if story == "closed" and year == 1:
            steps = list(rng.choice(CLOSED_PATHS))
        elif kind == ReferralKind.REFERRAL and steps[:1] == ["review"] and rng.random() < 0.3:
            steps.insert(1, "note")
        clb, area = rng.choice(self.clbs)
        school_municipality = rng.choice(area)
        values = {"kind": kind, "is_demo": True, "clb": clb,
                  "urgency": rng.choices(
                      [Urgency.NORMAL, Urgency.URGENT, Urgency.CAN_WAIT], [60, 25, 15])[0],
                  "school_municipality": school_municipality,
                  "school_name": f"{rng.choice(SCHOOLS)} {school_municipality.name} (demo)"}
        values.update(self.referrer(kind, clb))
        moments = self.moments(year, story, steps)
        values["created_at"] = moments[0]
        created = timezone.localdate(moments[0])
        if kind == ReferralKind.REFERRAL:
            values.update(self.pupil(created, area, school_municipality))
            values["question"] = rng.choice(QUESTIONS)
            values["background"] = rng.choice(BACKGROUNDS)
            values["care_given"] = rng.choice(CARE_GIVEN)
            reasons = rng.sample(self.reasons, rng.choice([1, 1, 2, 2, 3]))
        elif kind == ReferralKind.CONSULT:
            values["consult_kind"] = rng.choice(ConsultKind.values)
            values["question"] = rng.choice(CONSULT_QUESTIONS)
            values["education_level"] = self.levels.get("secundair-tweede-graad")
            reasons = rng.sample(self.reasons, 1)
        else:
            values["question"] = rng.choice(CONTACT_QUESTIONS)
            first_name, gender = rng.choice(PUPILS)
            values.update(pupil_first_name=first_name, pupil_gender=gender,
                          pupil_birth_year=created.year - rng.randint(13, 16),
                          pupil_municipality=school_municipality)
            reasons = rng.sample(self.reasons, 1)
        case = Case(key=f"{KEY_PREFIX}{number:03d}", story=story, year=year, values=values,
                    reasons=reasons)
        case.steps = self.steps(case, steps, moments[1:], school_municipality)
        if case.steps and case.steps[0].action == "review" and rng.random() < 0.3:
            dispatched = [s.intervention for s in case.steps if s.action == "dispatch"]
            case.preferred = dispatched[:1]
        return case

    def referrer(self, kind, clb):
        rng = self.rng
        town = clb.slug.removeprefix("clb-voorbeeld-").removesuffix("-demo")
        if kind == ReferralKind.CONTACT:
            if rng.random() < 0.5:
                first = rng.choice(["Samira", "Dirk", "Katrien", "Hassan"])
                return {"contact_role": ContactRole.PARENT, "referrer_name": f"{first} (ouder)",
                        "referrer_organisation": "",
                        "referrer_email": f"{first.lower()}.ouder@example.be",
                        "referrer_phone": f"0470 00 {rng.randint(10, 99)} {rng.randint(10, 99)}",
                        "clb": None}
            first = rng.choice(["Bart", "Ilse"])
            return {"contact_role": ContactRole.YOUTH_CARE,
                    "referrer_name": f"{first} Voorbeeld",
                    "referrer_role": "begeleider leefgroep",
                    "referrer_organisation": "Leefgroep De Voorbeeldhoeve (demo)",
                    "referrer_email": f"{first.lower()}@voorziening.example.be",
                    "referrer_phone": f"016 00 {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    "clb": None}
        first = rng.choice(REFERRERS)
        return {"referrer_name": f"{first} Voorbeeld", "referrer_role": rng.choice(ROLES),
                "referrer_organisation": clb.name,
                "referrer_email": f"{first.lower()}.{town}@clb.example.be",
                "referrer_phone": f"016 00 {rng.randint(10, 99)} {rng.randint(10, 99)}"}

    def pupil(self, created, area, school_municipality):
        rng = self.rng
        slugs = list(LEVELS)
        slug = rng.choices(slugs, [LEVELS[s][0] for s in slugs])[0]
        _weight, (age_min, age_max), forms, years = LEVELS[slug]
        age = rng.randint(age_min, age_max)
        first_name, gender = rng.choice(PUPILS)
        consent = (
            rng.choices([ConsentBy.PUPIL_AND_PARENTS, ConsentBy.PUPIL, ConsentBy.PARENTS,
                         ConsentBy.LEGAL_EXCEPTION], [60, 20, 10, 10])[0]
            if age >= 12
            else rng.choices([ConsentBy.PARENTS, ConsentBy.LEGAL_EXCEPTION], [85, 15])[0]
        )
        return {
            "pupil_first_name": first_name,
            "pupil_initial": rng.choice(INITIALS),
            "pupil_birth_month": rng.randint(1, 12),
            "pupil_birth_year": created.year - age,
            "pupil_gender": gender,
            "pupil_municipality": (
                school_municipality if rng.random() < 0.7 else rng.choice(area)
            ),
            "education_level": self.levels.get(slug),
            "education_form": rng.choice(forms),
            "school_year": rng.randint(*years) if years else None,
            "disciplinary_procedure": rng.random() < 0.15,
            "in_care": rng.random() < 0.1,
            "care_phase": rng.choices(
                [CarePhase.EXTENDED, CarePhase.INCREASED, CarePhase.INDIVIDUAL_CURRICULUM,
                 CarePhase.BROAD_BASIC], [75, 15, 5, 5])[0],
            "consent_by": consent,
            "consent_date": created - timedelta(days=rng.randint(0, 10)),
        }

    def moments(self, year, story, steps):
        """The moment of receipt and of each step: increasing, in the past, mostly on workdays."""
        rng = self.rng
        gaps = [rng.randint(*GAPS[step]) for step in steps]
        total = sum(gaps)
        if year == 0 and story in RECENT:
            last = self.today - timedelta(days=rng.randint(*RECENT[story]))
            created = last - timedelta(days=total)
        else:
            if year == 0:
                start, end = self.current_start, self.today
            else:
                start = self.current_start.replace(year=self.current_start.year - 1)
                end = self.current_start - timedelta(days=1)
                if story == "started":  # still running: started late in the previous year
                    start = self.current_start - timedelta(days=90)
            room = max((self.today - start).days - 7, 0)  # closed a week ago at the latest
            if total > room:  # early in the school year: shorter trajectories
                gaps = [gap * room // total for gap in gaps]
                total = sum(gaps)
            latest = min(end, self.today - timedelta(days=total))
            created = start + timedelta(days=rng.randint(0, max((latest - start).days, 0)))
        created = self._working_day(created, not_before=created - timedelta(days=3))
        moments = [self._at(created, 8, 21)]
        day = created
        for step, gap in zip(steps, gaps, strict=True):
            day = self._working_day(day + timedelta(days=gap), not_before=day)
            moment = self._at(day, 8, 16)
            if moment <= moments[-1]:
                moment = moments[-1] + timedelta(minutes=rng.randint(5, 90))
            moments.append(moment)
        overshoot = moments[-1] - (self.now - timedelta(minutes=5))
        if overshoot > timedelta(0):
            moments = [moment - overshoot for moment in moments]
        return moments

    def _working_day(self, day, not_before):
        """The desk works on working days: the next one, or the last one before today."""
        later = day
        while not flow.is_working_day(later):
            later += timedelta(days=1)
        if later <= self.today:
            return later
        earlier = min(day, self.today)
        while not flow.is_working_day(earlier) and earlier > not_before:
            earlier -= timedelta(days=1)
        return max(earlier, not_before)

    def _at(self, day, first_hour, last_hour):
        clock = time(self.rng.randint(first_hour, last_hour), self.rng.randrange(0, 60, 5))
        return timezone.make_aware(datetime.combine(day, clock))

    def steps(self, case, actions, moments, municipality):
        rng = self.rng
        steps, used, story = [], set(), case.story
        for action, at in zip(actions, moments, strict=True):
            step = Step(action, at)
            if action == "dispatch":
                answer = next(
                    (ANSWERS[a] for a in actions[len(steps) + 1:] if a in ANSWERS),
                    DispatchAnswer.PENDING,
                )
                step.intervention = self.intervention(answer, municipality, used)
                used.add(step.intervention.pk)
            elif action in ANSWERS:
                answer = ANSWERS[action]
                step.note = rng.choice(ANSWER_NOTES[answer])
                step.by_staff = rng.random() < 0.2
                if answer == DispatchAnswer.WAITING_LIST:
                    step.weeks = rng.choice([3, 4, 6, 8, 10])
                if answer == DispatchAnswer.REFUSED:
                    step.reason = self.decline_reason(
                        ["geen-plaats", "geen-plaats", "buiten-doelgroep", "buiten-werkgebied",
                         "jongere-wil-niet"]
                    )
            elif action == "not_start":
                step.reason = self.decline_reason(
                    ["jongere-wil-niet", "ouders-willen-niet", "geen-contact", "andere-hulp",
                     "terug-op-school"]
                )
            elif action == "note":
                step.note = rng.choice(NOTES)
            elif action == "close":
                step.outcome = self.outcome(story, case.year)
                if case.values["kind"] == ReferralKind.CONSULT:
                    step.note = "Casusoverleg gehouden met de school, het CLB en de jeugdhulp."
            elif action == "advice":
                step.outcome = rng.choice([Outcome.BACK_IN_SCHOOL, Outcome.UNKNOWN])
                step.note = "Advies gegeven aan het CLB; doorsturen was niet nodig."
            steps.append(step)
        return steps

    def decline_reason(self, slugs):
        """One of ``slugs`` (the seeded list); any reason if the Meldpunt renamed them."""
        slug = self.rng.choice(slugs)
        return self.decline.get(slug) or next(iter(self.decline.values()), None)

    def intervention(self, answer, municipality, used):
        """A demo offer serving the school's municipality, with a fitting capacity."""
        choices = [i for i in self.interventions if i.pk not in used]
        serving = [i for i in choices if municipality in i.service_area.all()] or choices
        fitting = [
            i for i in serving if i.capacity_status in CAPACITY_FOR.get(answer, {i.capacity_status})
        ]
        return self.rng.choice(fitting or serving)

    def outcome(self, story, year):
        if story == "closed" and year == 1:
            # Every outcome, three times each, over the previous year's closed trajectories.
            self.outcomes += 1
            return OUTCOMES[(self.outcomes - 1) % len(OUTCOMES)]
        if story == "refused_all_closed":
            return Outcome.OUT_OF_SCHOOL
        if story == "not_started_closed":
            return self.rng.choice([Outcome.OUT_OF_SCHOOL, Outcome.OTHER_SCHOOL, Outcome.UNKNOWN])
        if story.startswith("consult"):
            return Outcome.UNKNOWN
        return self.rng.choice(OUTCOMES[:3])

    def repeat_pupils(self, cases):
        """Three pupils of the previous year come back this year (same made-up pupil)."""
        earlier = [c for c in cases if c.year == 1 and c.values["kind"] == ReferralKind.REFERRAL
                   and c.closed_at is not None]
        later = [
            next(c for c in cases if c.year == 0 and c.story == story)
            for story in ("new", "accepted", "in_review")
        ]
        used = set()
        for case in later:
            for first in earlier:
                if first.key in used or first.closed_at >= case.created_at:
                    continue
                used.add(first.key)
                for name in ("pupil_first_name", "pupil_initial", "pupil_birth_month",
                             "pupil_birth_year", "pupil_gender", "pupil_municipality"):
                    case.values[name] = first.values[name]
                break


# --- building through the flow ----------------------------------------------------------------


def _build(case, staff, now):
    """Register the case and walk it through the flow; then backdate what each step wrote."""
    referral = Referral(**case.values)
    referral, _created = flow.register(
        referral, reasons=case.reasons, preferred=case.preferred, submission_key=case.key
    )
    clock = _Clock(referral)
    clock.stamp(case.created_at)
    sent = None
    for step in case.steps:
        day = timezone.localdate(step.at)
        if step.action == "review":
            flow.take_in_review(referral, staff)
        elif step.action == "note":
            flow.add_note(referral, step.note, staff)
        elif step.action == "dispatch":
            sent = flow.dispatch(referral, step.intervention, staff, today=day)
            Dispatch.objects.filter(pk=sent.pk).update(sent_at=step.at)
        elif step.action in ANSWERS:
            flow.record_answer(
                sent, ANSWERS[step.action], waiting_weeks=step.weeks, decline_reason=step.reason,
                note=step.note, actor=staff if step.by_staff else None,
            )
            Dispatch.objects.filter(pk=sent.pk).update(answered_at=step.at)
        elif step.action == "remind":
            sent.refresh_from_db()
            # The daily reminder run the day after the answer was due (as send_reminders).
            at = min(
                timezone.make_aware(datetime.combine(sent.due_on + timedelta(days=1), time(7))),
                now - timedelta(minutes=1),
            )
            Dispatch.objects.filter(pk=sent.pk).update(reminded_at=at)
            flow.log(referral, EventKind.REMINDED, actor_label=flow.SYSTEM_LABEL, dispatch=sent)
            clock.stamp(at)
            continue
        elif step.action == "start":
            flow.record_start(referral, True, staff, on_date=day)
        elif step.action == "not_start":
            flow.record_start(referral, False, staff, reason=step.reason)
        elif step.action in ("close", "advice"):
            flow.close(referral, step.outcome, staff, advice_only=step.action == "advice",
                       note=step.note)
            Referral.objects.filter(pk=referral.pk).update(closed_at=step.at)
            Dispatch.objects.filter(referral=referral, answer=DispatchAnswer.WITHDRAWN,
                                    answered_at__gt=step.at).update(answered_at=step.at)
        clock.stamp(step.at)
    Referral.objects.filter(pk=referral.pk).update(updated_at=clock.last)
    return referral


class _Clock:
    """Backdates the events each flow call wrote to the moment of its step."""

    def __init__(self, referral):
        self.referral = referral
        self.seen = 0
        self.last = None

    def stamp(self, at):
        events = ReferralEvent.objects.filter(referral=self.referral, pk__gt=self.seen)
        newest = events.order_by("-pk").values_list("pk", flat=True).first()
        if newest is not None:
            events.update(at=at)
            self.seen = newest
        self.last = at
