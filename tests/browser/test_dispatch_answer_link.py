"""Journey: a provider answers a dispatch through the link in the mail, without an account.

A first try without the waiting time is refused with a clear message; the second goes
through, the capacity of the offer follows, and the link then shows the answer given. The
expired and the broken link pages pass axe too.
"""

import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meldpunt.desk import flow, links
from meldpunt.desk.models import DispatchAnswer
from tests.browser.a11y import assert_accessible
from tests.factories import InterventionFactory, ReferralFactory, staff_user


def expected_status_codes(page, *codes):
    """Chromium logs a 4xx page as a console error; these ones are the point of the test."""
    page.a11y.console_errors = [
        error
        for error in page.a11y.console_errors
        if not any(f"status of {code} " in error and "/antwoord/" in error for code in codes)
    ]


@pytest.fixture
def dispatch(reference_data):
    from netwerk.roles import MELDPUNT

    offer = InterventionFactory(name="Time-out De Overstap", provider__name="De Overstap vzw")
    referral = ReferralFactory(pupil_first_name="Zebedeus", school_municipality="Diest")
    return flow.dispatch(referral, offer, staff_user(MELDPUNT, username="meldpunt"))


def test_provider_answers_waiting_list_through_the_link(page, dispatch):
    page.goto(reverse("meldpunt:dispatch_answer", args=[links.make_answer_token(dispatch)]))
    expect(page.locator("h1")).to_contain_text(dispatch.referral.reference)
    expect(page.locator("main")).to_contain_text("Diest")
    expect(page.locator("main")).not_to_contain_text("Zebedeus")
    assert_accessible(page)

    page.get_by_role("radio", name=re.compile(r"^Wachtlijst")).check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Vul de verwachte wachttijd in weken in")).to_be_visible()
    assert_accessible(page)
    expected_status_codes(page, 400)

    page.get_by_label("Bij wachtlijst: verwachte wachttijd in weken").fill("4")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Bedankt!")
    expect(page.locator("main")).to_contain_text("4 weken")
    expect(page.get_by_role("button", name="Antwoord versturen")).to_have_count(0)
    assert_accessible(page)

    dispatch.refresh_from_db()
    assert dispatch.answer == DispatchAnswer.WAITING_LIST
    dispatch.intervention.refresh_from_db()
    assert dispatch.intervention.capacity_status == "waiting_list"
    assert dispatch.intervention.waiting_weeks == 4


def test_expired_and_broken_links_are_accessible(page, dispatch, monkeypatch):
    then = int(timezone.now().timestamp()) - 40 * 86400
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        old = links.make_answer_token(dispatch)
    page.goto(reverse("meldpunt:dispatch_answer", args=[old]))
    expect(page.locator("h1")).to_have_text("Deze link is verlopen")
    assert_accessible(page)

    page.goto(reverse("meldpunt:dispatch_answer", args=[old[:-3] + "abc"]))
    expect(page.locator("h1")).to_have_text("Deze link werkt niet")
    assert_accessible(page)
    expected_status_codes(page, 410, 404)
