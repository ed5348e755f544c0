"""The admin's export page works under our Content-Security-Policy (no console errors)."""

from playwright.sync_api import expect

from netwerk.roles import MELDPUNT
from tests.browser.a11y import assert_accessible
from tests.browser.staff import log_in
from tests.factories import InterventionFactory, staff_user




def test_select_all_toggle_on_the_export_page(page, reference_data):
    InterventionFactory(area=["Leuven"])
    log_in(page, staff_user(MELDPUNT, username="exporteur"))
    page.goto("/admin/meldpunt/intervention/export/")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    expect(fields.first).to_be_checked()
    page.get_by_label("Alles selecteren").uncheck()
    for index in range(fields.count()):
        expect(fields.nth(index)).not_to_be_checked()
    page.get_by_label("Alles selecteren").check()
    expect(fields.first).to_be_checked()
    assert_accessible(page)
