"""Journey: a CLB worker finds an intervention and refers a pupil from its fiche.

She searches the directory for a school in Kessel-Lo, opens the fiche, clicks "Aanmelden via
het Meldpunt", finds the offer already ticked, fills in the form (first with a consent the
form refuses), sends it, reads the reference and follows the case on the status page, where
the desk's dispatch shows up. Every page gets an axe check, the error state included.
"""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from meldpunt.models import Referral
from tests.browser.a11y import assert_accessible
from netwerk.roles import MELDPUNT
from tests.browser.staff import log_in
from tests.factories import InterventionFactory, staff_user

LEVEL = "secundair-eerste-graad"


@pytest.fixture
def fiche(reference_data):
    InterventionFactory(name="Klasmodule basisschool", area=["Leuven"], levels=["basisonderwijs"])
    return InterventionFactory(
        name="Time-out De Overstap",
        slug="time-out-de-overstap",
        area=["Leuven", "Herent"],
        types=["time-out"],
        levels=[LEVEL],
        target_groups=["spijbelen"],
        registration_route="meldpunt",
    )


def test_clb_worker_refers_a_pupil_and_follows_the_case(page, new_page, fiche):
    today = timezone.localdate()
    page.goto("/aanbod/")
    assert_accessible(page)
    page.get_by_label("Postcode of gemeente").fill("Kessel-Lo")
    page.get_by_label(re.compile(r"^Secundair onderwijs, eerste graad")).check()
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator(".result-list > li")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("link", name="Time-out De Overstap").click()
    expect(page.locator("h1")).to_have_text("Time-out De Overstap")
    assert_accessible(page)

    page.get_by_role("link", name="Aanmelden via het Meldpunt").click()
    expect(page).to_have_url(re.compile(r"/aanmelden/\?aanbod=time-out-de-overstap$"))
    expect(page.locator("h1")).to_have_text("Een leerling aanmelden")
    expect(page.get_by_role("status").first).to_contain_text("U meldt aan voor: Time-out De Overstap")
    expect(page.get_by_role("checkbox", name=re.compile("Time-out De Overstap"))).to_be_checked()
    expect(page.get_by_label("uitbreiding van zorg")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Uw naam").fill("Kim Voorbeeld")
    page.get_by_label("Uw CLB").fill("CLB Voorbeeldstad")
    page.get_by_label("Uw e-mailadres op het werk").fill("kim@clb.example.be")
    page.get_by_label("Naam van de school").fill("Voorbeeldschool")
    page.get_by_label("Postcode of gemeente van de school").fill("3010")
    page.get_by_label("Voornaam van de leerling").fill("Zoë")
    page.get_by_label("Eerste letter van de familienaam").fill("D")
    page.get_by_label("Geboortemaand").select_option(label="januari")
    # Ten years old: the pupil cannot consent alone.
    page.get_by_label("Geboortejaar").fill(str(today.year - 10))
    page.get_by_role("group", name=re.compile("Gender")).get_by_label("meisje").check()
    page.get_by_label("Woonplaats (domicilie) van de leerling").fill("Kessel-Lo")
    page.get_by_label("Onderwijsniveau").select_option(label="Secundair onderwijs, eerste graad")
    page.get_by_label("Onderwijsvorm of finaliteit").select_option(label="A-stroom")
    page.get_by_role("group", name=re.compile("tuchtprocedure")).get_by_label("nee").check()
    page.get_by_role("group", name=re.compile("jeugdhulp of in zorg")).get_by_label("nee").check()
    page.get_by_label("Spijbelen en afwezigheden").check()
    page.get_by_label("Welke zorg gaf de school al?").fill("Gesprekken en een aangepast rooster.")
    page.get_by_label("Uw vraag aan het Meldpunt").fill("Kan een time-out helpen?")
    page.get_by_label("de leerling (12 jaar of ouder)").check()
    page.get_by_label("Datum van de toestemming").fill(today.isoformat())
    page.get_by_role("button", name="Aanmelding versturen").click()

    errors = page.locator("#fouten")
    expect(errors).to_contain_text("Het formulier bevat nog een fout.")
    expect(errors).to_contain_text("jonger dan 12 jaar kan niet alleen toestemming geven")
    # Nothing typed is lost.
    expect(page.get_by_label("Voornaam van de leerling")).to_have_value("Zoë")
    expect(page.get_by_role("checkbox", name=re.compile("Time-out De Overstap"))).to_be_checked()
    assert_accessible(page)
    assert not Referral.objects.exists()

    errors.get_by_role("link", name=re.compile("Wie gaf toestemming")).click()
    page.get_by_label("de ouders", exact=True).check()
    page.get_by_role("button", name="Aanmelding versturen").click()

    referral = Referral.objects.get()
    expect(page).to_have_url(re.compile(rf"/aanmelden/status/{referral.status_token}/"))
    expect(page.locator("h1")).to_have_text(f"Opvolging van {referral.reference}")
    main = page.locator("main")
    expect(main).to_contain_text("Bedankt, uw vraag is goed ontvangen.")
    expect(main).to_contain_text("Ontvangen door het Meldpunt.")
    expect(main).not_to_contain_text("Zoë")
    assert_accessible(page)
    assert list(referral.preferred_interventions.all()) == [fiche]
    assert referral.consent_by == "parents"
    assert [m.to for m in mail.outbox if m.to == ["kim@clb.example.be"]] == [["kim@clb.example.be"]]

    # The desk takes the case in review and dispatches it in the back office.
    staff = new_page()
    log_in(staff, staff_user(MELDPUNT, username="balie"))
    staff.goto(f"/admin/meldpunt/referral/{referral.pk}/change/")
    expect(staff.get_by_role("heading", name=f"Dossier {referral.reference}")).to_be_visible()
    assert_accessible(staff)
    staff.get_by_role("button", name="Neem in behandeling").click()
    expect(staff.locator(".messagelist")).to_contain_text("De aanmelding is in behandeling.")
    assert_accessible(staff)
    staff.get_by_text("Doorsturen naar een aanbod").click()
    staff.get_by_label("Aanbod:", exact=True).select_option(str(fiche.pk))
    staff.get_by_role("button", name="Stuur door").click()
    expect(staff.locator(".messagelist")).to_contain_text(f"Doorgestuurd naar {fiche.provider.name}")
    assert_accessible(staff)

    # The referrer sees the dispatch when she comes back; never the desk's notes.
    page.reload()
    expect(main).to_contain_text(f"Doorgestuurd naar {fiche.provider.name} (Time-out De Overstap).")
    expect(page.locator('[aria-current="step"]')).to_contain_text("Doorgestuurd naar een aanbieder")
    assert_accessible(page)

    # The provider answers through the link in its mail, without an account.
    [request_mail] = [m for m in mail.outbox if m.to == [fiche.provider.email]]
    assert "Zoë" not in request_mail.body
    answer_path = re.search(r"https?://[^/\s]+(/antwoord/\S+/)", request_mail.body).group(1)
    provider = new_page()
    provider.goto(answer_path)
    expect(provider.locator("main")).to_contain_text(referral.reference)
    expect(provider.locator("main")).not_to_contain_text("Zoë")
    assert_accessible(provider)
    provider.get_by_role("radio", name=re.compile(r"^Aanvaarden")).check()
    provider.get_by_role("button", name="Antwoord versturen").click()
    expect(provider.get_by_role("status")).to_contain_text("Bedankt!")
    assert_accessible(provider)

    # The referrer sees the new status.
    page.reload()
    expect(main).to_contain_text(f"{fiche.provider.name} aanvaardt de aanmelding.")
    expect(page.locator('[aria-current="step"]')).to_contain_text("Antwoord van de aanbieder")
    assert_accessible(page)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED


def test_consult_and_contact_pages_are_accessible(page, reference_data):
    page.goto("/aanmelden/consult/")
    expect(page.locator("h1")).to_have_text("Casusoverleg of rondetafel aanvragen")
    assert_accessible(page)
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.locator("#fouten")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("vraag stellen als ouder")).click()
    expect(page.locator("h1")).to_have_text("Een vraag voor het Meldpunt")
    assert_accessible(page)
