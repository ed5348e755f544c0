"""Factories for the themes' resources (tests/netwerk/test_themes*.py, tests/browser/test_themes.py)."""

import factory
from django.utils.text import slugify


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published link resource under ``verbindend-schoolklimaat``.

    ``ResourceFactory(themes=[...], audiences=["clb"], stages=["basisonderwijs"])`` take the
    slugs of the seeded lists.
    """

    class Meta:
        model = "netwerk.Resource"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Hulpmiddel {n}")
    slug = factory.LazyAttribute(lambda resource: slugify(resource.title))
    kind = "tool"
    summary = "Een hulpmiddel om schooluitval samen aan te pakken."
    link = "https://example.org/hulpmiddel"
    status = "published"

    @factory.post_generation
    def themes(resource, create, extracted, **kwargs):
        _relate(resource, "themes", "Theme", extracted or ["verbindend-schoolklimaat"])

    @factory.post_generation
    def audiences(resource, create, extracted, **kwargs):
        _relate(resource, "audiences", "Audience", extracted or [])

    @factory.post_generation
    def stages(resource, create, extracted, **kwargs):
        _relate(resource, "stages", "EducationStage", extracted or [])


def _relate(resource, relation, model_name, slugs):
    from django.apps import apps

    model = apps.get_model("netwerk", model_name)
    getattr(resource, relation).set(model.objects.filter(slug__in=slugs))
