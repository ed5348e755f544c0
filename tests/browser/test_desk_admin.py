"""Meldpunt staff work a new case in the admin: worklist, case page, review, dispatch, timeline.

axe checks every admin page on the way (no exceptions needed for the Django admin here).
"""

from playwright.sync_api import expect

from meldpunt.desk.models import Referral
from netwerk.roles import MELDPUNT
from tests.browser.a11y import assert_accessible
from tests.browser.staff import log_in
from tests.factories import (
    InterventionFactory,
    OrganisationFactory,
    ReferralFactory,
    staff_user,
)




def test_meldpunt_takes_a_new_case_in_review_and_dispatches_it(page, reference_data):
    fiche = InterventionFactory(
        name="Time-out Leuven", provider=OrganisationFactory(name="Aanbieder Oost vzw"),
        area=["Leuven"],
    )
    referral = ReferralFactory(preferred=[fiche])
    ReferralFactory(urgency=1)  # another new case, less urgent
    log_in(page, staff_user(MELDPUNT, username="meldpunt-browser"))

    # The index counts the worklists; "nieuw" opens the list of new cases.
    worklists = page.locator("#desk-worklists")
    expect(worklists).to_contain_text("Werklijsten van het Meldpunt")
    assert_accessible(page)
    worklists.get_by_role("link", name="Nieuw", exact=True).click()
    expect(page.get_by_role("link", name=referral.reference)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=referral.reference).click()
    expect(page.get_by_role("heading", name=f"Dossier {referral.reference}")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Neem in behandeling").click()
    expect(page.locator(".messagelist")).to_contain_text("De aanmelding is in behandeling.")
    assert_accessible(page)

    page.get_by_text("Doorsturen naar een aanbod").click()
    page.get_by_label("Aanbod:", exact=True).select_option(str(fiche.pk))
    page.get_by_role("button", name="Stuur door").click()
    expect(page.locator(".messagelist")).to_contain_text("Doorgestuurd naar Aanbieder Oost vzw")
    timeline = page.locator("#tijdlijn")
    expect(timeline).to_contain_text("Doorgestuurd naar Aanbieder Oost vzw (Time-out Leuven).")
    expect(timeline).to_contain_text("in behandeling")
    expect(page.locator(".desk-dispatches")).to_contain_text("wacht op antwoord")
    assert_accessible(page)

    referral.refresh_from_db()
    assert referral.status == Referral.Status.DISPATCHED
