"""Test data builders. Made-up people only."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "een-lang-testwachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


def staff_user(role, **kwargs):
    """A staff member in one role group (``netwerk.roles``)."""
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    user.save()
    return user


def bulk_relate(model, objects, relations):
    """Link each of ``objects`` to every target of each many-to-many relation in ``relations``
    (``{"themes": queryset, …}``): one insert per relation, for tests that build in bulk."""
    for relation, targets in relations.items():
        field = getattr(model, relation).field
        through = getattr(model, relation).through
        through.objects.bulk_create([
            through(**{field.m2m_field_name(): obj, field.m2m_reverse_field_name(): target})
            for obj in objects
            for target in targets
        ])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "netwerk.Organisation"

    name = factory.Sequence(lambda n: f"Aanbieder {n} vzw")
    slug = factory.Sequence(lambda n: f"aanbieder-{n}")
    kind = "naft"
    website = factory.Sequence(lambda n: f"https://aanbieder{n}.example.org")
    email = factory.Sequence(lambda n: f"info@aanbieder{n}.example.org")


class InterventionFactory(factory.django.DjangoModelFactory):
    """A published fiche, verified today, serving the municipalities passed as ``area``.

    ``InterventionFactory(area=["Leuven"], types=["time-out"], levels=["secundair-eerste-graad"],
    target_groups=["spijbelen"], themes=[...theme slugs])`` — names and slugs of the seeded lists.
    """

    class Meta:
        model = "meldpunt.Intervention"
        skip_postgeneration_save = True

    provider = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Aanbod {n}")
    slug = factory.Sequence(lambda n: f"aanbod-{n}")
    summary = "Begeleiding voor leerlingen die de band met school dreigen te verliezen."
    goal = "De leerling vindt opnieuw aansluiting bij school."
    status = "published"
    capacity_status = "free"
    age_min = 12
    age_max = 18
    last_verified = factory.LazyFunction(datetime.date.today)

    @factory.post_generation
    def area(self, create, names, **kwargs):
        from netwerk.models import Municipality

        if create and names:
            self.service_area.set(Municipality.objects.filter(name__in=names))

    @factory.post_generation
    def types(self, create, slugs, **kwargs):
        from meldpunt.models import InterventionType

        if create and slugs:
            self.types.set(InterventionType.objects.filter(slug__in=slugs))

    @factory.post_generation
    def levels(self, create, slugs, **kwargs):
        from meldpunt.models import EducationLevel

        if create and slugs:
            self.education_levels.set(EducationLevel.objects.filter(slug__in=slugs))

    @factory.post_generation
    def target_groups(self, create, slugs, **kwargs):
        from meldpunt.models import TargetGroup

        if create and slugs:
            self.target_groups.set(TargetGroup.objects.filter(slug__in=slugs))

    @factory.post_generation
    def themes(self, create, slugs, **kwargs):
        from netwerk.models import Theme

        if create and slugs:
            self.themes.set(Theme.objects.filter(slug__in=slugs))


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral of a made-up pupil from a made-up CLB, registered through the flow.

    Built with ``meldpunt.desk.flow.register`` (reference, repeat key, first event, mails), so
    tests see what the public form would have stored. ``ReferralFactory(reasons=["gedrag"],
    preferred=[intervention], school_municipality="Leuven")`` — reason slugs and names.
    """

    class Meta:
        model = "meldpunt.Referral"
        skip_postgeneration_save = True

    kind = "referral"
    referrer_name = "Kim Voorbeeld"
    referrer_organisation = "CLB Voorbeeldstad"
    referrer_role = "CLB-medewerker"
    referrer_email = factory.Sequence(lambda n: f"clb{n}@clb.example.be")
    referrer_phone = "016 00 00 00"
    school_name = "Voorbeeldschool"
    pupil_first_name = factory.Sequence(lambda n: f"Leerling{n}")
    pupil_initial = "V"
    pupil_birth_month = 3
    pupil_birth_year = 2011
    pupil_gender = "f"
    education_form = "a_stream"
    school_year = 2
    care_phase = "extended"
    question = "Wat kan deze leerling helpen om opnieuw naar school te gaan?"
    consent_by = "pupil"
    consent_date = factory.LazyFunction(datetime.date.today)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from meldpunt.desk import flow
        from meldpunt.models import EducationLevel, ReferralReason
        from netwerk.models import Municipality

        reasons = kwargs.pop("reasons", ["spijbelen-afwezigheden"])
        preferred = kwargs.pop("preferred", [])
        for field in ("school_municipality", "pupil_municipality"):
            value = kwargs.get(field, "Leuven")
            kwargs[field] = (
                Municipality.objects.get(name=value) if isinstance(value, str) else value
            )
        level = kwargs.get("education_level", "secundair-eerste-graad")
        kwargs["education_level"] = (
            EducationLevel.objects.get(slug=level) if isinstance(level, str) else level
        )
        referral = model_class(**kwargs)
        referral, _created = flow.register(
            referral,
            reasons=[
                ReferralReason.objects.get(slug=r) if isinstance(r, str) else r for r in reasons
            ],
            preferred=preferred,
        )
        return referral


class EventFactory(factory.django.DjangoModelFactory):
    """A published event of the network a month from now, taking registrations.

    ``EventFactory(themes=["verbindend-schoolklimaat"], capacity=2)`` — theme slugs as seeded.
    """

    class Meta:
        model = "netwerk.Event"
        skip_postgeneration_save = True

    kind = "inspiration_day"
    title = factory.Sequence(lambda n: f"Inspiratiedag {n}")
    slug = factory.Sequence(lambda n: f"inspiratiedag-{n}")
    summary = "Een dag vol goede praktijken tegen schooluitval."
    starts_at = factory.LazyFunction(
        lambda: (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)).replace(
            microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=6))
    venue = "Provinciehuis Vlaams-Brabant"
    status = "published"
    is_own_event = True

    @factory.post_generation
    def themes(self, create, slugs, **kwargs):
        if create and slugs:
            from netwerk.models import Theme

            self.themes.set(Theme.objects.filter(slug__in=slugs))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "netwerk.Registration"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    organisation = "Voorbeeldschool"
    email = factory.Sequence(lambda n: f"deelnemer{n}@example.be")
