"""Journeys through the agenda: a teacher finds an inspiration day through its theme,
registers and gets the mail with the .ics; a full event puts the next person on the waiting
list. Every page gets an axe check, the error state included."""

import re

import icalendar
import pytest
from django.core import mail
from playwright.sync_api import expect

from netwerk.agenda.models import EventQuestion, Registration, RegistrationStatus
from tests.browser.a11y import assert_accessible
from tests.factories import EventFactory, RegistrationFactory


@pytest.fixture
def inspiration_day(reference_data):
    EventFactory(title="Webinar OKAN", kind="webinar",
                 themes=["anderstalige-nieuwkomers-en-ex-okan"])
    event = EventFactory(
        title="Inspiratiedag verbindend schoolklimaat",
        themes=["verbindend-schoolklimaat"],
        capacity=30,
    )
    EventQuestion.objects.create(
        event=event, label="Welke workshop kiest u?", kind="choice",
        choices="Herstelgericht werken\nLeerlingenparticipatie", required=True,
    )
    EventQuestion.objects.create(event=event, label="Dieetwensen", kind="text")
    return event


def test_teacher_finds_an_inspiration_day_by_theme_and_registers(page, inspiration_day):
    page.goto("/agenda/")
    expect(page.locator("h1")).to_have_text("Agenda")
    assert_accessible(page)
    page.get_by_label("Thema").select_option(label="Verbindend schoolklimaat")
    page.get_by_role("button", name="Toon").click()
    cards = page.locator(".event-list > li")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Inspiratiedag verbindend schoolklimaat")
    assert_accessible(page)

    page.get_by_role("link", name="Inspiratiedag verbindend schoolklimaat").click()
    expect(page.locator("h1")).to_have_text("Inspiratiedag verbindend schoolklimaat")
    expect(page.locator("main")).to_contain_text("Nog 30 plaatsen vrij.")
    assert_accessible(page)

    page.get_by_role("link", name="Schrijf u in").click()
    expect(page.locator("h1")).to_contain_text("Inschrijven voor")
    assert_accessible(page)
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.get_by_role("alert")).to_contain_text("Uw inschrijving is nog niet verstuurd.")
    assert_accessible(page)

    page.get_by_label("Naam").fill("Noor Voorbeeld")
    page.get_by_label("Organisatie").fill("Voorbeeldschool")
    page.get_by_label("Functie").fill("leerkracht")
    page.get_by_label("E-mailadres").fill("noor@school.example.be")
    page.get_by_label("Leerlingenparticipatie").check()
    page.get_by_label(re.compile("Ik ga akkoord")).check()
    page.get_by_role("button", name="Inschrijven").click()

    expect(page).to_have_url(re.compile(rf"{inspiration_day.get_absolute_url()}$"))
    expect(page.get_by_role("status").first).to_contain_text("U bent ingeschreven.")
    assert_accessible(page)
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.answers == {"Welke workshop kiest u?": "Leerlingenparticipatie"}

    (message,) = [m for m in mail.outbox if m.to == ["noor@school.example.be"]]
    (ics,) = [a for a in message.attachments if a[0].endswith(".ics")]
    (vevent,) = icalendar.Calendar.from_ical(ics[1]).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Inspiratiedag verbindend schoolklimaat"
    assert str(vevent["UID"]) == f"event-{inspiration_day.uuid}@127.0.0.1"

    # The personal cancel link in the mail: a confirmation page first.
    cancel_path = re.search(r"https?://[^/\s]+(/agenda/afmelden/\S+/)", message.body).group(1)
    page.goto(cancel_path)
    expect(page.locator("main")).to_contain_text("U bent ingeschreven voor dit evenement.")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, meld mij af").click()
    expect(page.get_by_role("status").first).to_contain_text("U bent afgemeld.")
    assert_accessible(page)

    page.goto("/agenda/archief/")
    expect(page.locator("h1")).to_have_text("Archief van de agenda")
    assert_accessible(page)


def test_full_event_puts_the_next_person_on_the_waiting_list(page, reference_data):
    event = EventFactory(title="Vorming psychische kwetsbaarheid", kind="training", capacity=1)
    RegistrationFactory(event=event)
    page.goto(event.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Dit evenement is volzet.")
    assert_accessible(page)
    page.get_by_role("link", name="Op de wachtlijst").click()
    expect(page.get_by_role("status").first).to_contain_text("Dit evenement is volzet.")
    assert_accessible(page)
    page.get_by_label("Naam").fill("Sam Voorbeeld")
    page.get_by_label("E-mailadres").fill("sam@clb.example.be")
    page.get_by_label(re.compile("Ik ga akkoord")).check()
    page.get_by_role("button", name="Zet mij op de wachtlijst").click()
    expect(page.get_by_role("status").first).to_contain_text("u staat op de wachtlijst")
    assert_accessible(page)
    registration = Registration.objects.get(email="sam@clb.example.be")
    assert registration.status == RegistrationStatus.WAITING
    (message,) = [m for m in mail.outbox if m.to == ["sam@clb.example.be"]]
    assert "Op de wachtlijst" in message.subject
