"""The yearly report: figures against a hand-counted fixture, school-year boundaries, the
comparison with the previous year, the median, small-cell suppression on the page and in the
exports, access for every persona, no-store and a fixed number of queries."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meldpunt.desk import flow
from meldpunt.desk.models import DeclineReason, ReferralView
from meldpunt.desk.report_figures import (
    build_report,
    current_school_year,
    median_from_histogram,
    school_year_of,
    years_with_data,
)
from tests.factories import InterventionFactory, OrganisationFactory, ReferralFactory, staff_user

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
SEC1, SEC2, PRIMARY = "secundair-eerste-graad", "secundair-tweede-graad", "basisonderwijs"

PAGE = reverse("meldpunt:report")
CSV_URL = reverse("meldpunt:report_export", args=["csv"])
XLSX_URL = reverse("meldpunt:report_export", args=["xlsx"])


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def referral(created, school, organisation, level, form, year, gender, born, reasons, **extra):
    birth_year, birth_month = born
    return ReferralFactory(
        created_at=created,
        school_municipality=school,
        referrer_organisation=organisation,
        education_level=level,
        education_form=form,
        school_year=year,
        pupil_gender=gender,
        pupil_birth_year=birth_year,
        pupil_birth_month=birth_month,
        reasons=reasons,
        **extra,
    )


@pytest.fixture
def staff(db):
    from netwerk.roles import MELDPUNT

    return staff_user(MELDPUNT, username="rapport-medewerker")


@pytest.fixture
def offers(db):
    alfa = InterventionFactory(
        name="Time-out Alfa", provider=OrganisationFactory(name="Aanbieder Alfa vzw")
    )
    beta = InterventionFactory(
        name="Traject Beta", provider=OrganisationFactory(name="Aanbieder Beta vzw")
    )
    return alfa, beta


def decline(slug):
    return DeclineReason.objects.get(slug=slug)


@pytest.fixture
def year_data(staff, offers):
    """Seven referrals in 2025–2026, three in 2024–2025, a few around them (see the counts
    in the tests). C2 and C3 are the same pupil; C1 and P3 sit on either side of 1 September
    (Belgian time, not UTC)."""
    alfa, beta = offers
    diest_clb = OrganisationFactory(name="CLB Diest", kind="clb", slug="clb-diest")
    cases = {}
    # --- 2025–2026 --------------------------------------------------------------------------
    cases["C1"] = c1 = referral(at(2025, 9, 1, 0, 10), "Leuven", "CLB Leuven", SEC1, "a_stream",
                                1, "f", (2012, 3), ["spijbelen-afwezigheden", "gedrag"])
    d = flow.dispatch(c1, alfa, staff)
    flow.record_answer(d, "accepted")
    flow.record_start(c1, True, staff, on_date=datetime.date(2025, 9, 11))  # 10 days
    flow.close(c1, "back_in_school", staff)

    same_pupil = {"pupil_first_name": "Robin", "pupil_initial": "T"}
    cases["C2"] = c2 = referral(at(2025, 10, 15), "Leuven", "CLB Leuven", SEC1, "b_stream", 2,
                                "m", (2011, 11), ["motivatie"], **same_pupil)
    flow.record_answer(flow.dispatch(c2, alfa, staff), "refused",
                       decline_reason=decline("geen-plaats"))
    flow.record_answer(flow.dispatch(c2, beta, staff), "accepted")
    flow.record_start(c2, True, staff, on_date=datetime.date(2025, 10, 25))  # 10 days

    cases["C3"] = c3 = referral(at(2025, 10, 20, 9), "Halle", "CLB Halle", SEC1, "a_stream", 2,
                                "m", (2011, 11), ["motivatie"], **same_pupil)
    flow.record_answer(flow.dispatch(c3, beta, staff), "waiting_list", waiting_weeks=4)
    flow.record_start(c3, False, staff, reason=decline("jongere-wil-niet"))
    flow.close(c3, "out_of_school", staff)

    cases["C4"] = c4 = referral(at(2025, 12, 2, 14), "Halle", "CLB Halle", SEC2, "transition",
                                3, "f", (2010, 1), ["gedrag"])
    flow.record_answer(flow.dispatch(c4, alfa, staff), "accepted")
    flow.record_start(c4, True, staff, on_date=datetime.date(2026, 1, 6))  # 35 days

    cases["C5"] = c5 = referral(at(2026, 2, 10, 11), "Vilvoorde", "CLB Vilvoorde", SEC2,
                                "labour_market", 4, "x", (2009, 6), ["welbevinden"])
    flow.close(c5, "unknown", staff, advice_only=True)

    cases["C6"] = referral(at(2026, 3, 3, 8), "Diest", "Iets anders getypt", PRIMARY,
                           "primary", 6, "m", (2014, 9), ["leren"], clb=diest_clb)

    cases["C7"] = c7 = referral(at(2026, 8, 31, 23, 30), "Leuven", "clb  leuven", SEC1,
                                "a_stream", 1, "f", (2013, 2), ["spijbelen-afwezigheden"])
    flow.dispatch(c7, beta, staff)  # no answer yet

    ReferralFactory(kind="consult", consult_kind="case_consult", created_at=at(2025, 11, 5))
    consult = ReferralFactory(kind="consult", consult_kind="round_table",
                              created_at=at(2026, 1, 10))
    flow.close(consult, "unknown", staff)
    ReferralFactory(kind="contact", contact_role="parent", created_at=at(2026, 4, 1))
    # --- 2024–2025 --------------------------------------------------------------------------
    cases["P1"] = p1 = referral(at(2024, 9, 10), "Leuven", "CLB Leuven", SEC1, "a_stream", 1,
                                "f", (2012, 5), ["spijbelen-afwezigheden"])
    flow.record_answer(flow.dispatch(p1, alfa, staff), "accepted")
    flow.record_start(p1, True, staff, on_date=datetime.date(2024, 9, 30))  # 20 days
    cases["P2"] = p2 = referral(at(2025, 3, 3), "Tienen", "CLB Tienen", SEC1, "a_stream", 2,
                                "m", (2011, 1), ["gedrag"])
    flow.record_answer(flow.dispatch(p2, alfa, staff), "refused",
                       decline_reason=decline("buiten-werkgebied"))
    cases["P3"] = referral(at(2025, 8, 31, 23, 30), "Leuven", "CLB Leuven", SEC2, "double", 3,
                           "m", (2010, 4), ["thuissituatie"])
    # --- outside both years -----------------------------------------------------------------
    referral(at(2023, 6, 1), "Leuven", "CLB Leuven", SEC1, "a_stream", 1, "f", (2011, 2),
             ["gedrag"])
    referral(at(2026, 9, 1, 0, 10), "Leuven", "CLB Leuven", SEC1, "a_stream", 1, "f",
             (2012, 2), ["gedrag"])
    return cases


def figures(report, key):
    """{row label: [this year, previous year, …]} of one table."""
    table = next(t for t in report.tables if t.key == key)
    return {row.label: row.values for row in table.rows}


# --- the figures -----------------------------------------------------------------------------


def test_figures_match_the_hand_count(year_data):
    report = build_report(2025)
    assert report.label == "2025–2026" and report.previous_label == "2024–2025"
    assert figures(report, "kerncijfers") == {
        "Aanmeldingen van een leerling": [7, 3],
        "Verschillende leerlingen": [6, 3],
        "Herhaalde aanmeldingen (zelfde leerling)": [1, 0],
        "Vragen naar casusoverleg": [2, 0],
        "Vragen van ouders of een voorziening": [1, 0],
    }
    months = figures(report, "maand")
    assert list(months)[:3] == ["september", "oktober", "november"]
    assert months["september"] == [1, 1]
    assert months["oktober"] == [2, 0]
    assert months["december"] == [1, 0]
    assert months["februari"] == [1, 0]
    assert months["maart"] == [1, 1]
    assert months["augustus"] == [1, 1]
    assert months["november"] == [0, 0]
    assert months["Totaal"] == [7, 3]

    # "clb  leuven" is grouped with "CLB Leuven"; the chosen CLB wins over the typed name.
    assert figures(report, "clb") == {
        "CLB Leuven": [3, 2], "CLB Halle": [2, 0], "CLB Diest": [1, 0],
        "CLB Vilvoorde": [1, 0], "CLB Tienen": [0, 1], "Totaal": [7, 3],
    }
    assert figures(report, "gemeente") == {
        "Leuven": [3, 2], "Halle": [2, 0], "Diest": [1, 0], "Vilvoorde": [1, 0],
        "Tienen": [0, 1], "Totaal": [7, 3],
    }
    assert figures(report, "arrondissement") == {
        "Leuven": [4, 3], "Halle-Vilvoorde": [3, 0], "Totaal": [7, 3],
    }
    assert figures(report, "regio") == {
        "Diest": [1, 0], "Halle": [2, 0], "Leuven": [3, 2], "Vilvoorde": [1, 0],
        "buiten de lokale regio's": [0, 1], "gemeente van de school onbekend": [0, 0],
    }
    assert figures(report, "onderwijsniveau") == {
        "Basisonderwijs": [1, 0],
        "Secundair onderwijs, eerste graad": [4, 2],
        "Secundair onderwijs, tweede graad": [2, 1],
        "Totaal": [7, 3],
    }
    assert figures(report, "onderwijsvorm") == {
        "lager onderwijs": [1, 0], "A-stroom": [3, 2], "B-stroom": [1, 0],
        "doorstroomfinaliteit": [1, 0], "dubbele finaliteit": [0, 1],
        "arbeidsmarktfinaliteit": [1, 0], "Totaal": [7, 3],
    }
    assert figures(report, "leerjaar") == {
        "1ste leerjaar": [2, 1], "2de leerjaar": [2, 1], "3de leerjaar": [1, 1],
        "4de leerjaar": [1, 0], "6de leerjaar": [1, 0], "Totaal": [7, 3],
    }
    assert figures(report, "gender") == {
        "meisje": [3, 1], "jongen": [3, 2], "x": [1, 0], "Totaal": [7, 3],
    }
    # Age on the day of referral: C2 (born November 2011) is 13 on 15 October 2025.
    assert figures(report, "leeftijd") == {
        "11 jaar": [1, 0], "12 jaar": [0, 1], "13 jaar": [4, 0], "14 jaar": [0, 1],
        "15 jaar": [1, 1], "16 jaar": [1, 0], "Totaal": [7, 3],
    }
    assert figures(report, "redenen") == {
        "Spijbelen en afwezigheden": [2, 1], "Gedrag": [2, 1], "Motivatie": [2, 0],
        "Welbevinden": [1, 0], "Thuissituatie": [0, 1], "Leren": [1, 0],
    }
    assert list(figures(report, "redenen")) == [  # in the order of the managed list
        "Spijbelen en afwezigheden", "Gedrag", "Motivatie", "Welbevinden", "Thuissituatie",
        "Leren",
    ]
    assert figures(report, "verloop") == {
        "Aanmeldingen": [7, 3],
        "Doorgestuurd naar minstens één aanbieder": [5, 2],
        "Aanvaard door een aanbieder": [3, 1],
        "Op een wachtlijst geplaatst": [1, 0],
        "Traject gestart": [3, 1],
        "Traject niet gestart": [1, 0],
        "Enkel advies (niet doorgestuurd)": [1, 0],
        "Afgesloten": [3, 0],
        "Nog lopend": [4, 3],
    }
    offers = figures(report, "aanbod")
    assert offers["Time-out Alfa (Aanbieder Alfa vzw)"] == [3, 2]
    assert offers["Traject Beta (Aanbieder Beta vzw)"] == [3, 0]
    # Dispatches this year, accepted, waiting list, refused, no answer; last year.
    assert figures(report, "aanbieder") == {
        "Aanbieder Alfa vzw": [3, 2, 0, 1, 0, 2],
        "Aanbieder Beta vzw": [3, 1, 1, 0, 1, 0],
    }
    assert figures(report, "redenen-weigering") == {
        "Geen plaats of volzet": [1, 0], "Buiten het werkgebied": [0, 1],
    }
    assert figures(report, "redenen-niet-gestart") == {"De jongere wil niet": [1, 0]}
    assert figures(report, "doorlooptijd") == {
        "Mediaan aantal dagen van aanmelding tot start": [10, 20],
        "Gestarte trajecten": [3, 1],
    }
    assert figures(report, "uitkomst") == {
        "terug op school": [1, 0], "nog steeds niet op school": [1, 0], "onbekend": [1, 0],
        "Totaal": [3, 0],
    }
    assert figures(report, "consulten") == {
        "Vragen naar overleg": [2, 0],
        "casusoverleg (alleen professionals)": [1, 0],
        "rondetafel (met jongere en gezin)": [1, 0],
        "Afgerond (afgesloten)": [1, 0],
    }
    assert figures(report, "situatie") == {
        "Er loopt een tuchtprocedure": [0, 0], "Opgenomen in de jeugdhulp of zorg": [0, 0],
    }


def test_school_year_runs_from_1_september_to_31_august_in_belgian_time(year_data):
    assert school_year_of(datetime.date(2025, 8, 31)) == 2024
    assert school_year_of(datetime.date(2025, 9, 1)) == 2025
    # P3 came in on 31 August 23:30 (21:30 UTC), C1 on 1 September 0:10 (31 August in UTC).
    assert figures(build_report(2024), "kerncijfers")["Aanmeldingen van een leerling"] == [3, 0]
    assert figures(build_report(2026), "kerncijfers")["Aanmeldingen van een leerling"] == [1, 7]
    assert figures(build_report(2023), "kerncijfers")["Aanmeldingen van een leerling"] == [0, 1]
    assert figures(build_report(2022), "kerncijfers")["Aanmeldingen van een leerling"] == [1, 0]
    assert years_with_data() == [2026, 2025, 2024, 2023, 2022]


def test_previous_year_column_is_last_years_report(year_data):
    this, last = build_report(2025), build_report(2024)
    for table in this.tables:
        if table.columns != ["2025–2026", "2024–2025"]:
            continue
        previous = figures(last, table.key)
        for label, values in figures(this, table.key).items():
            if values[1] or label in previous:
                assert previous[label][0] == values[1], (table.key, label)


def test_median_days_from_referral_to_start():
    assert median_from_histogram({}) is None
    assert median_from_histogram({10: 2, 35: 1}) == 10
    assert median_from_histogram({4: 1, 9: 1}) == 6.5
    assert median_from_histogram({1: 1, 2: 2, 30: 1}) == 2
    assert median_from_histogram({3: 3, 100: 1}) == 3


def test_report_without_any_referral_is_all_zero(meldpunt_client):
    report = build_report(2025)
    assert figures(report, "kerncijfers")["Aanmeldingen van een leerling"] == [0, 0]
    assert figures(report, "doorlooptijd")["Mediaan aantal dagen van aanmelding tot start"] == [
        None, None]
    response = meldpunt_client.get(PAGE, {"jaar": 2025})
    assert response.status_code == 200
    assert "Geen gegevens in deze schooljaren." in response.content.decode()


# --- suppression -----------------------------------------------------------------------------


def test_small_cells_suppressed_for_outside_the_desk(year_data):
    report = build_report(2025)
    key = report.key_figures
    cells = {row.label: key.cells(row, extern=True) for row in key.rows}
    assert cells["Aanmeldingen van een leerling"] == [7, "<5"]
    assert cells["Verschillende leerlingen"] == [6, "<5"]
    assert cells["Herhaalde aanmeldingen (zelfde leerling)"] == ["<5", 0]  # 0 stays 0
    assert {row.label: key.cells(row, extern=False) for row in key.rows}[
        "Aanmeldingen van een leerling"] == [7, 3]
    # A median over fewer than 5 trajectories is not shown at all outside the desk.
    duration = next(t for t in report.tables if t.key == "doorlooptijd")
    assert duration.cells(duration.rows[0], extern=True) == ["–", "–"]
    assert duration.cells(duration.rows[0], extern=False) == [10, 20]


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_export_is_suppressed_by_default(year_data, meldpunt_client):
    response = meldpunt_client.get(CSV_URL, {"jaar": 2025})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="jaarrapport-2025-2026.csv"'
    rows = read_csv(response)
    assert rows[0] == ["Jaarrapport Meldpunt Schoolexterne Interventies", "schooljaar 2025–2026"]
    assert "aantallen van 1 tot 4 staan als <5" in rows[2][1]
    assert ["Aanmeldingen van een leerling", "7", "<5"] in rows
    assert ["Herhaalde aanmeldingen (zelfde leerling)", "<5", "0"] in rows
    assert ["CLB Leuven", "<5", "<5"] in rows
    assert ["Mediaan aantal dagen van aanmelding tot start", "–", "–"] in rows
    # No exact count from 1 to 4 anywhere in the figures.
    header_end = rows.index([]) + 1
    for row in rows[header_end:]:
        assert not any(cell in {"1", "2", "3", "4"} for cell in row[1:]), row
    # Every table is in the file.
    for title in ("Kerncijfers", "Aanmeldingen per maand", "Doorverwijzingen en antwoorden "
                  "per aanbieder", "Uitkomst bij afsluiting", "Casusoverleg en rondetafels"):
        assert [title] in rows


def test_internal_csv_export_has_exact_counts_and_says_so(year_data, meldpunt_client):
    response = meldpunt_client.get(CSV_URL, {"jaar": 2025, "intern": 1})
    assert response["Content-Disposition"] == (
        'attachment; filename="jaarrapport-2025-2026-intern.csv"')
    rows = read_csv(response)
    assert rows[2][1].startswith("INTERN")
    assert ["Aanmeldingen van een leerling", "7", "3"] in rows
    assert ["CLB Leuven", "3", "2"] in rows
    assert ["Mediaan aantal dagen van aanmelding tot start", "10", "20"] in rows


def test_xlsx_export_suppressed_and_internal(year_data, meldpunt_client):
    response = meldpunt_client.get(XLSX_URL, {"jaar": 2025})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Over dit rapport"
    assert len(workbook.sheetnames) == 1 + len(build_report(2025).tables)
    key = workbook["Kerncijfers"]
    rows = [[cell.value for cell in row] for row in key.iter_rows()]
    assert ["Aanmeldingen van een leerling", 7, "<5"] in rows
    assert ["Herhaalde aanmeldingen (zelfde leerling)", "<5", 0] in rows

    internal = meldpunt_client.get(XLSX_URL, {"jaar": 2025, "intern": 1})
    assert "intern.xlsx" in internal["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(internal.content))
    about = [[cell.value for cell in row] for row in workbook["Over dit rapport"].iter_rows()]
    assert about[2][1].startswith("INTERN")
    rows = [[cell.value for cell in row] for row in workbook["Kerncijfers"].iter_rows()]
    assert ["Aanmeldingen van een leerling", 7, 3] in rows


def test_exports_never_write_a_formula(staff, meldpunt_client):
    ReferralFactory(referrer_organisation='=HYPERLINK("http://example.org","x")')
    year = current_school_year()
    rows = read_csv(meldpunt_client.get(CSV_URL, {"jaar": year}))
    assert ["'=HYPERLINK(\"http://example.org\",\"x\")", "<5", "0"] in rows
    workbook = openpyxl.load_workbook(
        io.BytesIO(meldpunt_client.get(XLSX_URL, {"jaar": year}).content))
    sheet = workbook["Aanmeldingen per aanmeldend CLB"]
    assert sheet["A3"].value == '=HYPERLINK("http://example.org","x")'
    assert sheet["A3"].data_type == "s"


def test_exports_are_logged_without_a_case(year_data, meldpunt_client, meldpunt_user):
    meldpunt_client.get(CSV_URL, {"jaar": 2025, "intern": 1})
    log = ReferralView.objects.get()
    assert log.user == meldpunt_user
    assert log.action == ReferralView.Action.EXPORT
    assert log.referral is None
    assert log.path == f"{CSV_URL}?jaar=2025&intern=1"


# --- the page --------------------------------------------------------------------------------


def test_page_shows_every_table_with_its_chart(year_data, meldpunt_client):
    response = meldpunt_client.get(PAGE, {"jaar": 2025})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jaarrapport schooljaar 2025–2026" in html
    assert "vergeleken met het schooljaar 2024–2025" in html
    report = build_report(2025)
    for table in report.tables:
        assert f'<caption class="report-sr-only">{table.title}</caption>' in html
    assert html.count('<th scope="col"') >= 2 * len(report.tables)
    assert '<th scope="row">CLB Leuven</th>' in html
    assert html.count('role="img"') >= 10
    assert 'aria-labelledby="grafiek-maand"' in html
    assert 'aria-labelledby="kaart-gemeente"' in html  # the map of school municipalities
    assert "<script" not in html.split('id="content-start"')[1]
    assert 'style="' not in html
    # Intern by default: exact counts, clearly labelled, with the way to the outside version.
    assert "Interne cijfers." in html
    assert f'href="{PAGE}?jaar=2025&amp;extern=1"' in html
    assert f'href="{CSV_URL}?jaar=2025&amp;intern=1"' in html
    assert f'href="{XLSX_URL}?jaar=2025"' in html
    assert '<td class="report-table__num">3</td>' in html


def test_outside_version_and_print_version_suppress(year_data, meldpunt_client):
    for params in ({"jaar": 2025, "extern": 1}, {"jaar": 2025, "print": 1}):
        html = meldpunt_client.get(PAGE, params).content.decode()
        assert "Versie voor buiten het Meldpunt." in html
        assert '<td class="report-table__num">&lt;5</td>' in html
        for number in range(1, 5):
            assert f'<td class="report-table__num">{number}</td>' not in html
    printed = meldpunt_client.get(PAGE, {"jaar": 2025, "print": 1}).content.decode()
    assert "report-print" in printed
    assert "report-controls" not in printed


def test_year_choice_and_default(year_data, meldpunt_client, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 8, 31))
    html = meldpunt_client.get(PAGE).content.decode()
    assert "Jaarrapport schooljaar 2025–2026" in html
    assert '<option value="2025" selected>2025–2026</option>' in html
    assert '<option value="2022">2022–2023</option>' in html
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 9, 1))
    html = meldpunt_client.get(PAGE).content.decode()
    assert "Jaarrapport schooljaar 2026–2027" in html


@pytest.mark.parametrize("jaar", ["abc", "1999", "2200", "20 25"])
def test_bad_year_gives_a_dutch_message(meldpunt_client, jaar):
    response = meldpunt_client.get(PAGE, {"jaar": jaar})
    assert response.status_code == 400
    assert "schooljaar" in response.content.decode()
    export = meldpunt_client.get(CSV_URL, {"jaar": jaar})
    assert export.status_code == 400
    assert "schooljaar" in export.content.decode()


def test_unknown_export_format_is_404(meldpunt_client):
    assert meldpunt_client.get(reverse("meldpunt:report_export", args=["pdf"])).status_code == 404


def test_post_is_refused(meldpunt_client):
    assert meldpunt_client.post(PAGE).status_code == 405


def test_admin_referral_list_links_to_the_report(meldpunt_client):
    response = meldpunt_client.get(reverse("admin:meldpunt_referral_changelist"))
    assert response.status_code == 200
    assert f'href="{PAGE}"' in response.content.decode()


# --- access and caching ----------------------------------------------------------------------

URLS = [
    PAGE,
    f"{PAGE}?jaar=2025&extern=1",
    f"{PAGE}?print=1",
    CSV_URL,
    f"{CSV_URL}?intern=1",
    XLSX_URL,
    f"{XLSX_URL}?intern=1",
]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_goes_to_the_admin_login(anonymous, url):
    response = anonymous.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")
    assert response["Location"].endswith(url.replace("?", "%3F").replace("&", "%26")
                                         .replace("=", "%3D"))


@pytest.mark.parametrize("persona", ["coordinator_client", "redactie_client"])
@pytest.mark.parametrize("url", URLS)
def test_other_roles_get_403(request, persona, url):
    client = request.getfixturevalue(persona)
    response = client.get(url)
    assert response.status_code == 403
    assert b"Jaarrapport" not in response.content


def test_staff_without_a_role_gets_403(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get(PAGE).status_code == 403
    assert client.get(CSV_URL).status_code == 403


@pytest.mark.parametrize("persona", ["meldpunt_client", "superuser_client"])
@pytest.mark.parametrize("url", URLS)
def test_meldpunt_and_superuser_get_it_never_cached(request, persona, url):
    response = request.getfixturevalue(persona).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# --- queries ---------------------------------------------------------------------------------


def add_referrals(staff, offers, count, start):
    alfa, beta = offers
    for number in range(count):
        created = start + datetime.timedelta(days=number * 9)
        case = ReferralFactory(
            created_at=created, school_municipality=["Leuven", "Halle", "Diest"][number % 3],
            reasons=["gedrag", "motivatie"][: 1 + number % 2],
        )
        dispatched = flow.dispatch(case, [alfa, beta][number % 2], staff)
        if number % 3 == 0:
            flow.record_answer(dispatched, "refused", decline_reason=decline("geen-plaats"))
        else:
            flow.record_answer(dispatched, "accepted")
            flow.record_start(case, True, staff, on_date=created.date() + datetime.timedelta(
                days=number + 3))
            flow.close(case, "back_in_school", staff)


def count_queries(func):
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


def test_fixed_number_of_queries_whatever_the_volume(staff, offers, meldpunt_client):
    add_referrals(staff, offers, 3, at(2025, 9, 5))
    small_build = count_queries(lambda: build_report(2025))
    small_page = count_queries(lambda: meldpunt_client.get(PAGE, {"jaar": 2025}))
    small_export = count_queries(lambda: meldpunt_client.get(XLSX_URL, {"jaar": 2025}))
    add_referrals(staff, offers, 30, at(2024, 9, 3))
    add_referrals(staff, offers, 30, at(2025, 9, 2))
    assert count_queries(lambda: build_report(2025)) == small_build == 19
    assert count_queries(lambda: meldpunt_client.get(PAGE, {"jaar": 2025})) == small_page
    assert count_queries(lambda: meldpunt_client.get(XLSX_URL, {"jaar": 2025})) == small_export
