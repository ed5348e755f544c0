"""Staff logging in to the admin in browser tests."""

from tests.browser.a11y import assert_accessible
from tests.factories import PASSWORD


def fill_login(page, username):
    """On the admin login page: log in as ``username`` (made with the factories' password)."""
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def log_in(page, user):
    page.goto("/admin/login/")
    assert_accessible(page)
    fill_login(page, user.username)
