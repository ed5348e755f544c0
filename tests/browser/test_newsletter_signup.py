"""Journey: a visitor subscribes to the newsletter and confirms from the mail.

The confirmation link is read from the outbox; its GET shows a button (mail scanners open
links), the button confirms, and the page after it gives the personal preference link.
"""

import re

from playwright.sync_api import expect

from netwerk.models import OutgoingMail
from nieuwsbrief.models import Subscriber
from tests.browser.a11y import assert_accessible


def test_visitor_subscribes_and_confirms(page, live_server, reference_data, settings):
    settings.SITE_URL = live_server.url  # the links in the mail are absolute
    page.goto("/nieuwsbrief/")
    assert_accessible(page)

    page.get_by_role("textbox", name=re.compile("^E-mailadres")).fill("lotte@example.org")
    page.get_by_label("Naam (niet verplicht)").fill("Lotte Voorbeeld")
    page.get_by_role("group", name=re.compile("Thema's")).get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Inschrijven").click()
    # The consent box was not ticked: the form says so.
    expect(page.get_by_role("alert").first).to_contain_text("Verbeter de velden")
    assert_accessible(page)

    page.get_by_role("checkbox", name=re.compile("^Ik wil de nieuwsbrief")).check()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator("h1")).to_have_text("Kijk in uw mailbox")
    assert_accessible(page)

    mail = OutgoingMail.objects.get(kind="newsletter-confirm", to=["lotte@example.org"])
    link = re.search(r"https?://\S+/nieuwsbrief/bevestigen/\S+/", mail.body_text).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Inschrijving bevestigen")
    assert_accessible(page)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    page.get_by_role("button", name="Inschrijving bevestigen").click()
    expect(page.locator("h1")).to_have_text("Uw inschrijving is bevestigd")
    assert_accessible(page)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    page.get_by_role("link", name="Naar mijn voorkeuren").click()
    expect(page.locator("h1")).to_have_text("Mijn voorkeuren voor de nieuwsbrief")
    expect(page.locator("main")).to_contain_text("lotte@example.org")
    assert_accessible(page)
