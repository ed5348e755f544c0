"""The desk's public side: the referral, consult and contact forms and the status page."""

import datetime
import re
from html import unescape

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from meldpunt.desk import flow, public
from meldpunt.desk.forms import new_submission_key
from meldpunt.models import (
    DeclineReason,
    EducationLevel,
    Referral,
    ReferralEvent,
    ReferralReason,
)
from netwerk.models import Municipality, OrganisationKind, TokenBucket
from tests.factories import (
    InterventionFactory,
    OrganisationFactory,
    ReferralFactory,
    staff_user,
)

pytestmark = pytest.mark.django_db

REFERRAL_URL = "/aanmelden/"
CONSULT_URL = "/aanmelden/consult/"
CONTACT_URL = "/aanmelden/contact/"
TODAY = timezone.localdate()
FIRST_NAME = "Zoëlla"


def text(response):
    """The page as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    html = response.content.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def years_ago(age):
    """A birth year for a pupil of ``age`` today (born in January, so the birthday passed)."""
    return TODAY.year - age


@pytest.fixture
def fiche():
    return InterventionFactory(name="Time-out De Overstap", slug="time-out-de-overstap")


def referral_data(**overrides):
    level = EducationLevel.objects.get(slug="secundair-eerste-graad")
    reasons = ReferralReason.objects.filter(slug__in=["spijbelen-afwezigheden", "gedrag"])
    data = {
        "submission_key": new_submission_key(),
        "referrer_name": "Kim Voorbeeld",
        "referrer_organisation": "CLB Voorbeeldstad",
        "referrer_role": "CLB-medewerker",
        "referrer_email": "Kim@CLB.example.be",
        "referrer_phone": "016 00 00 00",
        "school_name": "Voorbeeldschool",
        "school_place": "3010",
        "pupil_first_name": FIRST_NAME,
        "pupil_initial": "d.",
        "pupil_birth_month": "1",
        "pupil_birth_year": str(years_ago(14)),
        "pupil_gender": "f",
        "pupil_place": "Kessel-Lo",
        "education_level": str(level.pk),
        "education_form": "a_stream",
        "school_year": "2",
        "disciplinary_procedure": "nee",
        "in_care": "onbekend",
        "reasons": [str(reason.pk) for reason in reasons],
        "background": "Moeilijke thuissituatie sinds de zomer.",
        "care_phase": "extended",
        "care_given": "Gesprekken met de leerlingbegeleider\r\nen een aangepast lesrooster.",
        "urgency": "3",
        "question": "Welke time-out past voor deze leerling?",
        "consent_by": "pupil",
        "consent_date": TODAY.isoformat(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def consult_data(**overrides):
    data = {
        "submission_key": new_submission_key(),
        "referrer_name": "Noor Voorbeeld",
        "referrer_organisation": "CLB Voorbeeldstad",
        "referrer_email": "noor@clb.example.be",
        "consult_kind": "case_consult",
        "urgency": "2",
        "school_name": "Voorbeeldschool",
        "school_place": "Leuven",
        "question": "De begeleiding loopt vast: de jongere komt niet meer naar school.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def contact_data(**overrides):
    data = {
        "submission_key": new_submission_key(),
        "contact_role": "parent",
        "referrer_name": "Sam Ouder",
        "referrer_email": "sam@example.org",
        "question": "Mijn zoon wil niet meer naar school. Wie kan helpen?",
        "clb_involved": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(client, url, data, **extra):
    return client.post(url, data, **extra)


def submit(client, django_capture_on_commit_callbacks, url=REFERRAL_URL, data=None, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, data if data is not None else referral_data(), **extra)


def errors(response):
    return response.context["form"].errors


# --- the referral form: showing it ------------------------------------------------------------


def test_form_shows_every_part_and_explains_consent(anonymous, fiche):
    response = anonymous.get(REFERRAL_URL)
    assert response.status_code == 200
    html = response.content.decode()
    page = text(response)
    for expected in [
        "Een leerling aanmelden",
        "1. Over u", "2. De school", "3. De leerling", "4. De vraag", "5. Toestemming",
        "12 jaar of ouder wordt in Vlaanderen bekwaam geacht",
        "Voor een leerling jonger dan 12 jaar geven de ouders toestemming",
        "wettelijke uitzondering",
        "Uitbreiding van zorg: het CLB is betrokken",
        "Nooit een adres of rijksregisternummer",
        "12 maanden na het afsluiten",
    ]:
        assert expected in page, expected
    for name in [
        "referrer_name", "referrer_organisation", "referrer_role", "referrer_email",
        "referrer_phone", "school_name", "school_place", "pupil_first_name", "pupil_initial",
        "pupil_birth_month", "pupil_birth_year", "pupil_gender", "pupil_place",
        "education_level", "education_form", "school_year", "disciplinary_procedure",
        "in_care", "reasons", "background", "care_phase", "care_given",
        "preferred_interventions", "urgency", "question", "consent_by", "consent_date",
    ]:
        assert f'name="{name}"' in html, name
    # Only what the desk needs: never a family name, an address or a national number.
    assert 'name="pupil_last_name"' not in html
    assert "csrfmiddlewaretoken" in html
    assert " style=" not in html
    # Extended care is the normal entry point: ticked by default.
    assert re.search(r'value="extended"[^>]*checked', html)
    assert re.search(r'name="urgency" value="2"[^>]*checked', html)
    for reason in ReferralReason.objects.all():
        assert reason.name in page


def test_form_carries_a_fresh_one_time_key_and_is_never_cached(anonymous):
    keys = []
    for _ in range(2):
        response = anonymous.get(REFERRAL_URL)
        assert "no-store" in response["Cache-Control"]
        match = re.search(r'name="submission_key" value="([^"]+)"', response.content.decode())
        keys.append(match.group(1))
    assert keys[0] != keys[1]
    assert all(len(key) >= 20 for key in keys)


def test_honeypot_is_hidden_from_people(anonymous):
    html = anonymous.get(REFERRAL_URL).content.decode()
    wrapper = html.split('<div class="visually-hidden" aria-hidden="true">', 1)[1]
    wrapper = wrapper.split("</div>")[0]
    assert 'name="website"' in wrapper
    assert 'tabindex="-1"' in wrapper


def test_known_clbs_are_suggested(anonymous):
    OrganisationFactory(name="CLB Hageland", slug="clb-hageland", kind=OrganisationKind.CLB)
    html = anonymous.get(REFERRAL_URL).content.decode()
    assert '<datalist id="clb-namen"><option value="CLB Hageland">' in html
    assert 'list="clb-namen"' in html


# --- pre-filling from a fiche -------------------------------------------------------------------


def test_offer_from_the_fiche_is_ticked_and_named(anonymous, fiche):
    InterventionFactory(name="Aaa eerst alfabetisch")
    response = anonymous.get(REFERRAL_URL, {"aanbod": fiche.slug})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'value="time-out-de-overstap"[^>]*checked', html)
    assert "U meldt aan voor: Time-out De Overstap" in text(response)
    # The chosen fiche comes first in the list, not somewhere in the middle.
    assert html.index('value="time-out-de-overstap"') < html.index("Aaa eerst alfabetisch")


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_unpublished_offer_is_ignored_with_a_notice(anonymous, status):
    hidden = InterventionFactory(slug="niet-publiek", status=status)
    response = anonymous.get(REFERRAL_URL, {"aanbod": hidden.slug})
    assert response.status_code == 200
    assert 'value="niet-publiek"' not in response.content.decode()
    assert "Het aanbod „niet-publiek” vonden we niet (meer) in de gids" in text(response)


@pytest.mark.parametrize(
    "value", ["bestaat-niet", "<script>alert(1)</script>", "x" * 5000, "%00", "a b"]
)
def test_unknown_offer_never_breaks_the_form(anonymous, fiche, value):
    response = anonymous.get(REFERRAL_URL, {"aanbod": [value, fiche.slug]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "vonden we niet (meer) in de gids" in text(response)
    assert re.search(r'value="time-out-de-overstap"[^>]*checked', html)


def test_submitting_a_prefilled_offer_stores_it(
    anonymous, fiche, django_capture_on_commit_callbacks
):
    submit(anonymous, django_capture_on_commit_callbacks,
           data=referral_data(preferred_interventions=[fiche.slug]))
    assert list(Referral.objects.get().preferred_interventions.all()) == [fiche]


def test_an_offer_unpublished_meanwhile_is_refused_with_a_message(anonymous, fiche):
    data = referral_data(preferred_interventions=[fiche.slug])
    fiche.status = "archived"
    fiche.save()
    response = post(anonymous, REFERRAL_URL, data)
    assert response.status_code == 200
    assert "staat niet (meer) in de gids" in text(response)
    assert not Referral.objects.exists()


# --- submitting -------------------------------------------------------------------------------


def test_referral_is_registered_and_the_referrer_sees_the_reference(
    anonymous, fiche, django_capture_on_commit_callbacks
):
    data = referral_data(preferred_interventions=[fiche.slug])
    response = submit(anonymous, django_capture_on_commit_callbacks, data=data)
    referral = Referral.objects.get()
    status_url = reverse("meldpunt:referral_status", args=[referral.status_token])
    assert response.status_code == 302
    assert response.url == f"{status_url}?ontvangen=1"
    assert referral.kind == "referral"
    assert referral.status == "new"
    assert re.fullmatch(rf"MSI-{timezone.localdate().year}-\d{{4}}", referral.reference)
    assert referral.submission_key == data["submission_key"]
    assert referral.referrer_email == "kim@clb.example.be"
    assert referral.referrer_organisation == "CLB Voorbeeldstad"
    assert referral.school_municipality == Municipality.objects.get(name="Leuven")
    assert referral.pupil_municipality == Municipality.objects.get(name="Leuven")
    assert (referral.pupil_first_name, referral.pupil_initial) == (FIRST_NAME, "D")
    assert (referral.pupil_birth_month, referral.pupil_birth_year) == (1, years_ago(14))
    assert referral.education_level.slug == "secundair-eerste-graad"
    assert referral.school_year == 2
    assert referral.disciplinary_procedure is False
    assert referral.in_care is None
    assert referral.urgency == 3
    assert referral.care_given == (
        "Gesprekken met de leerlingbegeleider\nen een aangepast lesrooster."
    )
    assert referral.consent_by == "pupil"
    assert referral.consent_date == TODAY
    assert referral.repeat_key
    assert {r.slug for r in referral.reasons.all()} == {"spijbelen-afwezigheden", "gedrag"}

    page = anonymous.get(response.url)
    assert page.status_code == 200
    assert "Bedankt, uw vraag is goed ontvangen." in text(page)
    assert referral.reference in text(page)


def test_referrer_from_a_known_clb_is_linked_to_it(anonymous, django_capture_on_commit_callbacks):
    clb = OrganisationFactory(name="CLB Hageland", slug="clb-hageland", kind=OrganisationKind.CLB)
    submit(anonymous, django_capture_on_commit_callbacks,
           data=referral_data(referrer_organisation="clb hageland"))
    assert Referral.objects.get().clb == clb


def test_confirmation_mail_has_the_reference_and_link_but_no_pupil_data(
    anonymous, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://meldpunt.example.be"
    submit(anonymous, django_capture_on_commit_callbacks,
           data=referral_data(pupil_birth_month="10"))
    referral = Referral.objects.get()
    to_referrer = [message for message in mail.outbox if message.to == ["kim@clb.example.be"]]
    assert len(to_referrer) == 1
    message = to_referrer[0]
    html = message.alternatives[0][0]
    status_link = f"https://meldpunt.example.be/aanmelden/status/{referral.status_token}/"
    assert referral.reference in message.subject
    for body in (message.body, html):
        assert referral.reference in body
        assert status_link in body
    for part in (message.subject, message.body, html):
        for secret in (FIRST_NAME, "oktober", str(referral.pupil_birth_year), "Voorbeeldschool",
                       "Moeilijke thuissituatie", "Welke time-out past", "leerlingbegeleider"):
            assert secret not in part, secret
        assert not re.search(r"\bD\.", part)


def test_double_submit_gives_one_referral_and_one_mail(
    anonymous, django_capture_on_commit_callbacks
):
    data = referral_data()
    first = submit(anonymous, django_capture_on_commit_callbacks, data=data)
    second = submit(anonymous, django_capture_on_commit_callbacks, data=data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Referral.objects.count() == 1
    assert len([m for m in mail.outbox if m.to == ["kim@clb.example.be"]]) == 1
    # The second submit did not use up the rate limit either.
    assert TokenBucket.objects.get().tokens == public.RATE_LIMIT_CAPACITY - 1


def test_a_new_form_gives_a_new_referral(anonymous, django_capture_on_commit_callbacks):
    submit(anonymous, django_capture_on_commit_callbacks, data=referral_data())
    submit(anonymous, django_capture_on_commit_callbacks, data=referral_data())
    assert Referral.objects.count() == 2
    assert len({r.reference for r in Referral.objects.all()}) == 2


def test_concurrent_double_submit_finds_the_first_case(
    anonymous, django_capture_on_commit_callbacks, monkeypatch
):
    """The second request passed the lookup before the first saved: the key is unique."""
    data = referral_data()
    submit(anonymous, django_capture_on_commit_callbacks, data=data)
    first = Referral.objects.get()
    real_filter = Referral.objects.filter
    calls = []

    def blind_first_lookup(*args, **kwargs):
        # The view's own lookup misses the case, as in a race; flow.register's too.
        if "submission_key" in kwargs and len(calls) < 2:
            calls.append(kwargs)
            return Referral.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Referral.objects, "filter", blind_first_lookup)
    response = submit(anonymous, django_capture_on_commit_callbacks, data=data)
    monkeypatch.undo()
    assert len(calls) == 2  # both lookups missed: the unique key caught the duplicate
    assert response.status_code == 302
    assert first.status_token in response.url
    assert Referral.objects.count() == 1


def test_missing_or_forged_key_keeps_the_input_and_asks_to_send_again(
    anonymous, django_capture_on_commit_callbacks
):
    for key in ["", "kort", "x" * 65, "<script>" * 5]:
        response = post(anonymous, REFERRAL_URL, referral_data(submission_key=key))
        assert response.status_code == 400
        assert "Deze pagina was verouderd" in text(response)
        assert FIRST_NAME in response.content.decode()
    assert not Referral.objects.exists()
    fresh = re.search(r'name="submission_key" value="([^"]+)"', response.content.decode())[1]
    response = submit(anonymous, django_capture_on_commit_callbacks,
                      data=referral_data(submission_key=fresh))
    assert response.status_code == 302
    assert Referral.objects.count() == 1


# --- validation -----------------------------------------------------------------------------


def test_empty_form_lists_every_required_field_in_dutch(anonymous):
    response = post(anonymous, REFERRAL_URL, {"submission_key": new_submission_key()})
    assert response.status_code == 200
    page = text(response)
    for message in [
        "Vul uw naam in.",
        "Vul de naam van uw CLB of organisatie in.",
        "Vul uw e-mailadres in, zodat we u kunnen antwoorden.",
        "Vul de voornaam van de leerling in.",
        "Vul de eerste letter van de familienaam in.",
        "Kies de geboortemaand.",
        "Vul het geboortejaar in, bijvoorbeeld 2011.",
        "Kies het gender",
        "Kies het onderwijsniveau.",
        "Kies de onderwijsvorm",
        "Kies ja, nee of „weet ik niet”.",
        "Kies minstens één reden.",
        "Beschrijf kort welke zorg de school al gaf.",
        "Beschrijf kort uw vraag aan het Meldpunt.",
        "Kies wie toestemming gaf.",
        "Vul de datum van de toestemming in.",
        "Het formulier bevat nog",
    ]:
        assert message in page, message
    # The error list links to the fields.
    assert 'href="#id_referrer_name"' in response.content.decode()
    assert 'href="#id_reasons_0"' in response.content.decode()
    assert "Fout in het formulier" in page
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        # Consent: a pupil under 12 cannot consent alone.
        ({"pupil_birth_year": str(years_ago(10)), "education_level": None},
         "consent_by", "jonger dan 12 jaar kan niet alleen toestemming geven"),
        # An adult decides alone; compulsory schooling ends at 18.
        ({"pupil_birth_year": str(years_ago(19)), "consent_by": "parents"},
         "consent_by", "Een jongere van 18 jaar of ouder beslist zelf"),
        ({"pupil_birth_year": str(years_ago(19)), "consent_by": "legal_exception"},
         "consent_by", "De leerplicht loopt tot 18 jaar"),
        ({"consent_date": (TODAY + datetime.timedelta(days=1)).isoformat()},
         "consent_date", "De datum van de toestemming ligt in de toekomst"),
        ({"consent_date": (TODAY - datetime.timedelta(days=400)).isoformat()},
         "consent_date", "meer dan een jaar oud"),
        ({"consent_date": "31/02/2026"}, "consent_date", "Vul een geldige datum in"),
        # A plausible birth year: age 5 to 25.
        ({"pupil_birth_year": str(years_ago(3))}, "pupil_birth_year", "3 jaar zijn"),
        ({"pupil_birth_year": str(years_ago(40))}, "pupil_birth_year", "40 jaar zijn"),
        ({"pupil_birth_year": "11"}, "pupil_birth_year", "vier cijfers"),
        ({"pupil_birth_year": "tweeduizend"}, "pupil_birth_year", "vier cijfers"),
        ({"pupil_birth_month": "13"}, "pupil_birth_month", "Selecteer een geldige keuze"),
        # Never the family name.
        ({"pupil_initial": "Dewitte"}, "pupil_initial", "Vul alleen de eerste letter"),
        ({"pupil_initial": "4"}, "pupil_initial", "Vul alleen de eerste letter"),
        ({"pupil_first_name": "Zoë2"}, "pupil_first_name", "geen cijfers"),
        ({"school_year": "9"}, "school_year", "van 1 tot 7"),
        ({"referrer_email": "geen-adres"}, "referrer_email", "Vul een geldig e-mailadres in"),
        ({"school_name": ""}, "school_name", "Vul de naam van de school in"),
        ({"school_place": ""}, "school_place", "Vul de postcode of gemeente van de school in"),
        ({"school_place": "1000"}, "school_place", "Postcode 1000 ligt niet in Vlaams-Brabant"),
        ({"school_place": "Lueven"}, "school_place", "Bedoelde u Leuven?"),
        ({"pupil_place": "Atlantis"}, "pupil_place", "Atlantis vonden we niet"),
        ({"consent_by": "de buurman"}, "consent_by", "Selecteer een geldige keuze"),
    ],
)
def test_validation_messages(anonymous, overrides, field, message):
    if overrides.get("education_level", "") is None:
        overrides["education_level"] = str(EducationLevel.objects.get(slug="basisonderwijs").pk)
        overrides["education_form"] = "primary"
    response = post(anonymous, REFERRAL_URL, referral_data(**overrides))
    assert response.status_code == 200
    assert field in errors(response), errors(response)
    assert message in " ".join(errors(response)[field]), errors(response)[field]
    assert message in text(response)
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("age", "consent_by"),
    [(10, "parents"), (10, "pupil_and_parents"), (10, "legal_exception"), (12, "pupil"),
     (17, "legal_exception"), (19, "pupil")],
)
def test_valid_consent(anonymous, django_capture_on_commit_callbacks, age, consent_by):
    response = submit(anonymous, django_capture_on_commit_callbacks, data=referral_data(
        pupil_birth_year=str(years_ago(age)), consent_by=consent_by,
    ))
    assert response.status_code == 302, errors(response)
    assert Referral.objects.get().consent_by == consent_by


def test_consent_age_counts_on_the_consent_date(anonymous):
    # Twelve today, but eleven when the pupil alone agreed a couple of months ago.
    consent = TODAY - datetime.timedelta(days=60)
    if consent.month == 12:
        consent = TODAY - datetime.timedelta(days=90)
    data = referral_data(
        pupil_birth_year=str(consent.year - 12), pupil_birth_month=str(consent.month + 1),
        consent_date=consent.isoformat(),
    )
    response = post(anonymous, REFERRAL_URL, data)
    assert "pupil_birth_year" not in errors(response)
    assert "jonger dan 12 jaar" in " ".join(errors(response)["consent_by"])
    data["consent_by"] = "pupil_and_parents"
    assert post(anonymous, REFERRAL_URL, data).status_code == 302


def test_pupil_without_a_school_needs_no_school(anonymous, django_capture_on_commit_callbacks):
    level = EducationLevel.objects.get(slug="geen-school")
    response = submit(anonymous, django_capture_on_commit_callbacks, data=referral_data(
        education_level=str(level.pk), education_form="other", school_name="", school_place="",
        school_year="",
    ))
    assert response.status_code == 302, errors(response)
    referral = Referral.objects.get()
    assert referral.school_name == "" and referral.school_municipality is None


def test_domicile_is_optional(anonymous, django_capture_on_commit_callbacks):
    response = submit(anonymous, django_capture_on_commit_callbacks,
                      data=referral_data(pupil_place=""))
    assert response.status_code == 302
    assert Referral.objects.get().pupil_municipality is None


def test_day_month_year_date_is_accepted(anonymous, django_capture_on_commit_callbacks):
    response = submit(anonymous, django_capture_on_commit_callbacks,
                      data=referral_data(consent_date=TODAY.strftime("%d/%m/%Y")))
    assert response.status_code == 302
    assert Referral.objects.get().consent_date == TODAY


# --- oversize input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "limit"),
    [("question", 2000), ("care_given", 2000), ("background", 2000), ("referrer_name", 120),
     ("pupil_first_name", 60), ("school_place", 100)],
)
def test_oversize_fields_are_refused_with_a_dutch_message(anonymous, field, limit):
    response = post(anonymous, REFERRAL_URL, referral_data(**{field: "a" * (limit + 1)}))
    assert response.status_code == 200
    message = " ".join(errors(response)[field])
    assert f"Gebruik hoogstens {limit} tekens (u typte er {limit + 1})." in message
    assert not Referral.objects.exists()


def test_question_of_exactly_the_limit_is_accepted(anonymous, django_capture_on_commit_callbacks):
    response = submit(anonymous, django_capture_on_commit_callbacks,
                      data=referral_data(question="a" * 2000))
    assert response.status_code == 302


def test_textareas_tell_the_browser_their_limit(anonymous):
    html = anonymous.get(REFERRAL_URL).content.decode()
    assert re.search(r'<textarea name="question"[^>]*maxlength="2000"', html)


def test_request_over_the_upload_limit_gets_a_dutch_page(anonymous, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = post(anonymous, REFERRAL_URL, referral_data(question="a" * 20_000))
    assert response.status_code == 413
    assert "Het formulier bevatte te veel tekst" in text(response)
    assert 'name="submission_key"' in response.content.decode()
    assert not Referral.objects.exists()


def test_request_over_the_upload_limit_with_csrf_checks_gets_a_dutch_400(settings):
    """In production the CSRF check reads the body first: Django's 400 page, in Dutch."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = Client(enforce_csrf_checks=True)
    client.get(REFERRAL_URL)
    token = client.cookies["csrftoken"].value
    response = client.post(
        REFERRAL_URL, referral_data(question="a" * 20_000, csrfmiddlewaretoken=token)
    )
    assert response.status_code == 400
    assert "We konden uw verzoek niet verwerken" in text(response)
    assert not Referral.objects.exists()


# --- anti-automation --------------------------------------------------------------------------


def test_honeypot_pretends_success_and_stores_nothing(anonymous):
    response = post(anonymous, REFERRAL_URL, referral_data(website="https://spam.example"))
    assert response.status_code == 302
    assert response.url == f"{REFERRAL_URL}?verzonden=1"
    assert not Referral.objects.exists()
    assert not TokenBucket.objects.exists()
    assert mail.outbox == []
    thanks = anonymous.get(response.url)
    assert "Bedankt, uw formulier is verstuurd" in text(thanks)
    assert 'name="referrer_name"' not in thanks.content.decode()


def test_rate_limit_per_address_returns_429_and_keeps_the_input(
    anonymous, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(public, "RATE_LIMIT_CAPACITY", 2)
    for _ in range(2):
        response = submit(anonymous, django_capture_on_commit_callbacks,
                          data=referral_data(), REMOTE_ADDR="192.0.2.7")
        assert response.status_code == 302
    response = post(anonymous, REFERRAL_URL, referral_data(question="Nog een vraag."),
                    REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 429
    assert "te veel formulieren van uw internetverbinding" in text(response)
    assert "Nog een vraag." in response.content.decode()
    assert Referral.objects.count() == 2
    # One bucket for the three forms.
    response = post(anonymous, CONTACT_URL, contact_data(), REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 429
    # Another address is not affected.
    response = submit(anonymous, django_capture_on_commit_callbacks,
                      data=referral_data(), REMOTE_ADDR="198.51.100.3")
    assert response.status_code == 302


def test_default_rate_limit_is_ten_an_hour():
    assert (public.RATE_LIMIT_CAPACITY, public.RATE_LIMIT_SECONDS) == (10, 3600)


def test_invalid_posts_do_not_use_up_the_rate_limit(anonymous):
    for _ in range(3):
        post(anonymous, REFERRAL_URL, referral_data(question=""))
    assert not TokenBucket.objects.exists()


@pytest.mark.parametrize("url", [REFERRAL_URL, CONSULT_URL, CONTACT_URL])
def test_needs_the_csrf_token(url):
    client = Client(enforce_csrf_checks=True)
    data = {REFERRAL_URL: referral_data, CONSULT_URL: consult_data, CONTACT_URL: contact_data}
    response = client.post(url, data[url]())
    assert response.status_code == 403
    assert "Het formulier is verlopen" in text(response)
    assert not Referral.objects.exists()


@pytest.mark.parametrize("url", [REFERRAL_URL, CONSULT_URL, CONTACT_URL])
def test_other_methods_are_refused(anonymous, url):
    assert anonymous.put(url).status_code == 405
    assert anonymous.delete(url).status_code == 405


# --- consult -------------------------------------------------------------------------------


def test_consult_page_shows_the_criteria(anonymous):
    response = anonymous.get(CONSULT_URL)
    assert response.status_code == 200
    page = text(response)
    assert "Wanneer kunt u een overleg aanvragen?" in page
    assert "uitbreiding van zorg" in page
    assert "alleen professionals" in page
    assert "de jongere en het gezin zitten mee aan tafel" in page
    html = response.content.decode()
    assert 'name="pupil_first_name"' not in html
    assert 'name="pupil_initial"' not in html
    assert 'name="pupil_birth_year"' not in html


def test_consult_request_is_registered_without_pupil_identity(
    anonymous, django_capture_on_commit_callbacks
):
    response = submit(anonymous, django_capture_on_commit_callbacks, CONSULT_URL, consult_data(
        pupil_first_name="Zoë", pupil_initial="D", pupil_birth_year="2011",
    ))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.kind == "consult"
    assert referral.consult_kind == "case_consult"
    assert referral.school_municipality.name == "Leuven"
    # Fields the form does not have are never stored, even when posted.
    assert (referral.pupil_first_name, referral.pupil_initial) == ("", "")
    assert referral.pupil_birth_year is None
    assert referral.repeat_key == ""
    assert len([m for m in mail.outbox if m.to == ["noor@clb.example.be"]]) == 1


def test_round_table_needs_the_family_to_agree(anonymous, django_capture_on_commit_callbacks):
    response = post(anonymous, CONSULT_URL, consult_data(consult_kind="round_table"))
    assert response.status_code == 200
    assert "Een rondetafel kan alleen als de jongere en het gezin willen deelnemen" in text(
        response
    )
    assert not Referral.objects.exists()
    response = submit(anonymous, django_capture_on_commit_callbacks, CONSULT_URL,
                      consult_data(consult_kind="round_table", family_agrees="on"))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.consult_kind == "round_table"
    assert referral.consent_by == "pupil_and_parents"


def test_consult_required_fields(anonymous):
    response = post(anonymous, CONSULT_URL, {"submission_key": new_submission_key()})
    page = text(response)
    for message in ["Kies casusoverleg of rondetafel.", "Beschrijf kort de situatie en uw vraag.",
                    "Vul uw naam in.", "Vul de naam van uw CLB of organisatie in."]:
        assert message in page
    assert not Referral.objects.exists()


# --- contact --------------------------------------------------------------------------------


def test_contact_page_explains_that_the_clb_is_involved(anonymous):
    page = text(anonymous.get(CONTACT_URL))
    assert "Het Meldpunt betrekt het CLB van de school" in page
    assert "draaischijf" in page


def test_parent_contact_is_registered(anonymous, django_capture_on_commit_callbacks):
    response = submit(anonymous, django_capture_on_commit_callbacks, CONTACT_URL, contact_data(
        pupil_place="3290",
    ))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.kind == "contact"
    assert referral.contact_role == "parent"
    assert referral.referrer_organisation == "ouder of opvoedingsverantwoordelijke"
    assert referral.pupil_municipality.name == "Diest"
    assert len([m for m in mail.outbox if m.to == ["sam@example.org"]]) == 1


def test_youth_care_facility_names_itself(anonymous, django_capture_on_commit_callbacks):
    response = post(anonymous, CONTACT_URL, contact_data(contact_role="youth_care"))
    assert "Vul de naam van uw voorziening of organisatie in." in text(response)
    response = submit(anonymous, django_capture_on_commit_callbacks, CONTACT_URL, contact_data(
        contact_role="youth_care", referrer_organisation="Leefgroep De Linde",
    ))
    assert response.status_code == 302
    assert Referral.objects.get().referrer_organisation == "Leefgroep De Linde"


def test_contact_needs_to_know_the_clb_is_involved(anonymous):
    response = post(anonymous, CONTACT_URL, contact_data(clb_involved=None))
    assert "Het Meldpunt werkt altijd samen met het CLB" in text(response)
    assert not Referral.objects.exists()


def test_contact_double_submit_is_one_case(anonymous, django_capture_on_commit_callbacks):
    data = contact_data()
    submit(anonymous, django_capture_on_commit_callbacks, CONTACT_URL, data)
    submit(anonymous, django_capture_on_commit_callbacks, CONTACT_URL, data)
    assert Referral.objects.count() == 1
    assert len([m for m in mail.outbox if m.to == ["sam@example.org"]]) == 1


# --- the status page ------------------------------------------------------------------------


def status_url(referral):
    return reverse("meldpunt:referral_status", args=[referral.status_token])


@pytest.fixture
def followed_case(fiche):
    """A case dispatched twice: one refusal, one acceptance, a start; with staff notes."""
    staff = staff_user("Meldpunt", username="jdesk", first_name="Jorien", last_name="Baliemans")
    referral = ReferralFactory(pupil_first_name=FIRST_NAME, pupil_initial="Q")
    other = InterventionFactory(name="NAFT Elders")
    flow.take_in_review(referral, staff, note="Geheime notitie: broer ook bekend.")
    first = flow.dispatch(referral, other, staff)
    no_place = DeclineReason.objects.get(slug="geen-plaats")
    flow.record_answer(first, "refused", decline_reason=no_place, note="Intern: volzet tot juni.")
    second = flow.dispatch(referral, fiche, staff)
    flow.record_answer(second, "accepted")
    flow.add_note(referral, "Nog een interne notitie over het gezin.", staff)
    flow.record_start(referral, True, staff)
    return referral


def test_status_page_shows_the_public_timeline_only(anonymous, followed_case):
    response = anonymous.get(status_url(followed_case))
    assert response.status_code == 200
    page = text(response)
    assert f"Opvolging van {followed_case.reference}" in page
    assert "Aanmelding van een leerling" in page
    assert "Stand van zaken Gestart" in page
    for public_text in ReferralEvent.objects.filter(
        referral=followed_case, is_public=True
    ).values_list("public_text", flat=True):
        assert public_text in page
    assert "Doorgestuurd naar" in page
    assert "aanvaardt de aanmelding" in page
    assert "kan de aanmelding niet opnemen" in page
    for secret in ["Geheime notitie", "volzet tot juni", "interne notitie", "Jorien",
                   "Baliemans", "jdesk", FIRST_NAME, "Q.", "Voorbeeldschool", "Kim Voorbeeld",
                   "clb0@", str(followed_case.pupil_birth_year), "Geen plaats of volzet",
                   "Wat kan deze leerling helpen"]:
        assert secret not in page, secret


def test_status_page_progress(anonymous, followed_case):
    html = anonymous.get(status_url(followed_case)).content.decode()
    steps = re.findall(r'desk-progress__step--(\w+)"[^>]*>\s*([^<]+?)\s*<', html)
    assert steps == [
        ("done", "Ontvangen"),
        ("done", "In behandeling bij het Meldpunt"),
        ("done", "Doorgestuurd naar een aanbieder"),
        ("done", "Antwoord van de aanbieder"),
        ("current", "Start van het traject"),
        ("todo", "Afgesloten"),
    ]
    assert 'aria-current="step"' in html


def test_status_page_of_a_new_case(anonymous):
    referral = ReferralFactory()
    response = anonymous.get(status_url(referral))
    page = text(response)
    assert "Ontvangen door het Meldpunt." in page
    assert "Stand van zaken Nieuw" in page
    assert "Bedankt" not in page
    assert date_format(timezone.localtime(referral.created_at), "j F Y") in page


def test_status_page_of_advice_only_marks_skipped_steps(anonymous):
    staff = staff_user("Meldpunt", username="desk2")
    referral = ReferralFactory()
    flow.take_in_review(referral, staff)
    flow.close(referral, "unknown", staff, advice_only=True)
    html = anonymous.get(status_url(referral)).content.decode()
    assert "desk-progress__step--skipped" in html
    assert "niet van toepassing" in html
    assert "beantwoordde de vraag met advies" in text(anonymous.get(status_url(referral)))


def test_status_page_of_a_consult_has_no_dispatch_steps(
    anonymous, django_capture_on_commit_callbacks
):
    response = submit(anonymous, django_capture_on_commit_callbacks, CONSULT_URL, consult_data())
    page = text(anonymous.get(response.url))
    assert "Vraag naar casusoverleg" in page
    assert "Doorgestuurd naar een aanbieder" not in page
    assert "Afgesloten" in page


def test_status_page_is_private(anonymous):
    response = anonymous.get(status_url(ReferralFactory()))
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("token", ["bestaat-niet", "x" * 65, "x" * 2000, "%20", "a.b"])
def test_unknown_token_is_404(anonymous, token):
    ReferralFactory()
    response = anonymous.get(f"/aanmelden/status/{token}/")
    assert response.status_code == 404


def test_status_page_is_not_indexed_by_robots_txt_or_sitemap(anonymous):
    referral = ReferralFactory()
    sitemap = anonymous.get("/sitemap.xml").content.decode()
    assert "/aanmelden/status/" not in sitemap
    assert referral.status_token not in sitemap


# --- links to the forms ------------------------------------------------------------------------


def test_navigation_links_to_the_referral_form(anonymous):
    html = anonymous.get("/").content.decode()
    assert '<a class="site-nav__link" href="/aanmelden/">Aanmelden</a>' in html
    html = anonymous.get(REFERRAL_URL).content.decode()
    assert 'href="/aanmelden/" aria-current="page">Aanmelden</a>' in html


@pytest.mark.parametrize("route", ["meldpunt", "clb"])
def test_fiche_links_to_the_prefilled_form(anonymous, route):
    fiche = InterventionFactory(slug="naft-oost", registration_route=route)
    html = anonymous.get(fiche.get_absolute_url()).content.decode()
    assert '<a class="btn btn-primary" href="/aanmelden/?aanbod=naft-oost">' in html
    assert "Aanmelden via het Meldpunt" in html


def test_fiche_with_direct_registration_points_to_the_provider_first(anonymous):
    fiche = InterventionFactory(slug="direct-aanbod", registration_route="direct")
    response = anonymous.get(fiche.get_absolute_url())
    html = response.content.decode()
    assert "btn btn-primary\" href=\"/aanmelden/" not in html
    assert "meldt u rechtstreeks aan bij de aanbieder" in text(response)
    assert 'href="/aanmelden/?aanbod=direct-aanbod"' in html


def test_fiche_with_clb_registration_points_parents_to_the_contact_form(anonymous):
    fiche = InterventionFactory(registration_route="clb")
    response = anonymous.get(fiche.get_absolute_url())
    assert 'href="/aanmelden/contact/"' in response.content.decode()
    assert "Bij dit aanbod meldt het CLB van de leerling aan" in text(response)


def test_selection_links_to_the_form_with_every_fiche(anonymous):
    first = InterventionFactory(slug="eerste-fiche")
    second = InterventionFactory(slug="tweede-fiche")
    for fiche in (first, second):
        anonymous.post("/aanbod/selectie/toevoegen/", {"slug": fiche.slug})
    html = anonymous.get("/aanbod/selectie/").content.decode()
    assert 'href="/aanmelden/?aanbod=eerste-fiche&amp;aanbod=tweede-fiche"' in html
    response = anonymous.get(REFERRAL_URL, {"aanbod": ["eerste-fiche", "tweede-fiche"]})
    ticked = re.findall(r'name="preferred_interventions"[^>]*checked', response.content.decode())
    assert len(ticked) == 2
