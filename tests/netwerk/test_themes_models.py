"""Resources: file or link, the seeds, and the helpers the theme page asks about other parts."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from netwerk.models import Audience, EducationStage, Resource, Theme
from netwerk.themes import related
from netwerk.themes.seeds import RESOURCES, seed
from tests.netwerk.themes_factories import ResourceFactory

pytestmark = pytest.mark.django_db

ISSUE_THEMES = [
    "schooluitval-in-het-algemeen",
    "de-context-van-de-leerling",
    "anderstalige-nieuwkomers-en-ex-okan",
    "basisonderwijs",
    "leerlingen-in-het-buso",
    "kinderen-en-jongeren-in-de-jeugdhulp",
    "psychische-kwetsbaarheid",
    "arbeidsmarktgerichte-opleidingen-bso-dbso",
    "spijbelen-en-problematische-afwezigheden",
    "studiekeuze-en-talenten",
    "verbindend-schoolklimaat",
    "warme-overgang-naar-werk-of-verdere-studie",
    "schoolexterne-interventies",
]


def test_a_resource_needs_a_file_or_a_link():
    resource = Resource(title="Leeg", slug="leeg", summary="Niets", link="")
    with pytest.raises(ValidationError) as error:
        resource.clean()
    assert "Voeg een bestand toe of vul een link in" in error.value.messages[0]
    resource.link = "https://example.org/"
    resource.clean()


def test_the_database_refuses_a_resource_without_file_or_link():
    with transaction.atomic(), pytest.raises(IntegrityError):
        Resource.objects.create(title="Leeg", slug="leeg", summary="Niets")


def test_urls():
    resource = ResourceFactory(slug="leidraad")
    assert resource.get_absolute_url() == "/hulpmiddelen/leidraad/"
    assert resource.get_file_url() == ""  # a link, no file
    theme = Theme.objects.get(slug="basisonderwijs")
    assert theme.get_absolute_url() == "/themas/basisonderwijs/"


def test_published_and_practices():
    ResourceFactory(slug="klad", status="draft")
    ResourceFactory(slug="praktijk", kind="practice")
    published = set(Resource.objects.published().values_list("slug", flat=True))
    assert "klad" not in published
    assert "praktijk" in set(Resource.objects.practices().values_list("slug", flat=True))


def test_the_seed_holds_the_issues_themes_lists_and_tools():
    assert set(ISSUE_THEMES) <= set(Theme.objects.values_list("slug", flat=True))
    assert Audience.objects.count() == 5
    assert EducationStage.objects.count() == 4
    seeded = Resource.objects.published().filter(slug__in=[data["slug"] for data in RESOURCES])
    assert seeded.count() == len(RESOURCES)
    assert seeded.practices().count() >= 3
    for resource in seeded:
        assert resource.link and resource.themes.exists()
        assert "@" not in resource.contact  # organisations only, no persons' addresses


def test_the_seed_is_idempotent_and_keeps_what_coordinators_changed():
    counts = (Theme.objects.count(), Resource.objects.count(), Audience.objects.count())
    theme = Theme.objects.get(slug="basisonderwijs")
    theme.summary = "Eigen tekst"
    theme.save()
    Resource.objects.filter(slug=RESOURCES[0]["slug"]).update(title="Nieuwe titel")
    seed(apps, None)
    seed(apps, None)
    assert (Theme.objects.count(), Resource.objects.count(), Audience.objects.count()) == counts
    assert Theme.objects.get(slug="basisonderwijs").summary == "Eigen tekst"
    assert Resource.objects.get(slug=RESOURCES[0]["slug"]).title == "Nieuwe titel"


def test_without_agenda_and_newsletter_the_theme_has_no_events_or_items(monkeypatch):
    monkeypatch.setattr(related, "_model", lambda app_label, model_name: None)
    theme = Theme.objects.first()
    assert related.theme_events(theme) == {"upcoming": [], "past": []}
    assert related.theme_newsletter_items(theme) == []


class FakeEvents(list):
    """Stands in for the agenda's Event queryset (the contract theme_events relies on)."""

    def published(self):
        return FakeEvents(event for event in self if event["status"] == "published")

    def filter(self, themes):
        return FakeEvents(event for event in self if themes in event["themes"])

    def upcoming(self, now=None):
        return FakeEvents(event for event in self if event["when"] == "later")

    def past(self, now=None):
        return FakeEvents(event for event in self if event["when"] == "before")


def test_theme_events_follow_the_agendas_contract(monkeypatch):
    theme = Theme.objects.get(slug="basisonderwijs")
    other = Theme.objects.get(slug="psychische-kwetsbaarheid")

    class Event:
        objects = FakeEvents([
            {"title": "Platform", "status": "published", "themes": [theme], "when": "later"},
            {"title": "Klad", "status": "draft", "themes": [theme], "when": "later"},
            {"title": "Inspiratiedag", "status": "published", "themes": [theme], "when": "before"},
            {"title": "Elders", "status": "published", "themes": [other], "when": "before"},
        ])

    monkeypatch.setattr(related, "_model", lambda app_label, model_name: Event)
    events = related.theme_events(theme)
    assert [event["title"] for event in events["upcoming"]] == ["Platform"]
    assert [event["title"] for event in events["past"]] == ["Inspiratiedag"]
