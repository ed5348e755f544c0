"""Journey: Meldpunt staff log in and read the yearly report, inside and outside the desk.

Every page gets an axe check (charts, tables, the year form, the print version).
"""

import datetime
import os
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from meldpunt.desk import flow
from netwerk.roles import MELDPUNT, sync_roles
from tests.browser.a11y import assert_accessible
from tests.browser.staff import fill_login
from tests.factories import InterventionFactory, ReferralFactory, staff_user

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def referrals(reference_data):
    sync_roles()
    staff = staff_user(MELDPUNT, username="rapport")
    offer = InterventionFactory(name="Time-out Alfa")
    for number in range(12):
        created = datetime.datetime(2025, 9 + number % 4, 1 + number, 10, tzinfo=BRUSSELS)
        case = ReferralFactory(
            created_at=created,
            school_municipality=["Leuven", "Halle", "Diest"][number % 3],
            reasons=["gedrag"] if number % 2 else ["spijbelen-afwezigheden", "motivatie"],
        )
        if number % 3:
            answer = flow.record_answer(flow.dispatch(case, offer, staff), "accepted")
            flow.record_start(case, True, staff, on_date=answer.sent_at.date()
                              + datetime.timedelta(days=number))
    ReferralFactory(created_at=datetime.datetime(2024, 10, 3, 9, tzinfo=BRUSSELS))
    return staff


def test_staff_read_the_yearly_report(page, referrals):
    page.goto("/beheer/jaarrapport/?jaar=2025")
    # Not logged in: the admin login, then straight back to the report.
    expect(page).to_have_url(re.compile(r"/admin/login/\?next="))
    assert_accessible(page)
    fill_login(page, "rapport")

    expect(page.locator("h1")).to_have_text("Jaarrapport schooljaar 2025–2026")
    expect(page.get_by_text("Interne cijfers.")).to_be_visible()
    expect(page.get_by_role("table", name="Kerncijfers")).to_contain_text("12")
    chart = page.get_by_role("img", name=re.compile("Staafdiagram: Aanmeldingen per maand"))
    expect(chart).to_be_visible()
    if os.environ.get("REPORT_SCREENSHOT"):
        page.screenshot(path=os.environ["REPORT_SCREENSHOT"], full_page=True)
    assert_accessible(page)

    # The version for outside the desk: small counts as <5.
    page.get_by_role("link", name="Toon de versie voor buiten het Meldpunt").click()
    expect(page.get_by_text("Versie voor buiten het Meldpunt.")).to_be_visible()
    expect(page.get_by_role("table", name="Aanmeldingen per maand")).to_contain_text("<5")
    assert_accessible(page)

    # Another school year through the form (no script needed).
    page.get_by_label("Schooljaar").select_option("2024")
    page.get_by_role("button", name="Toon").click()
    expect(page.locator("h1")).to_have_text("Jaarrapport schooljaar 2024–2025")
    assert_accessible(page)

    # The printable version.
    page.goto("/beheer/jaarrapport/?jaar=2025&print=1")
    expect(page.get_by_text("Versie voor buiten het Meldpunt.")).to_be_visible()
    expect(page.locator(".report-controls")).to_have_count(0)
    assert_accessible(page)
    if os.environ.get("REPORT_SCREENSHOT"):
        page.emulate_media(media="print")
        page.screenshot(path=os.environ["REPORT_SCREENSHOT"].replace(".png", "-print.png"),
                        full_page=True)
