"""The yearly figures of the desk, per school year (1 September – 31 August).

``build_report(start_year)`` returns a ``Report``: every table of the yearly report, for the
school year that starts on 1 September ``start_year`` next to the year before it. The views
(``meldpunt.desk.report``), the charts (``report_charts``) and the exports
(``report_exports``) all read the same tables.

Counting rules (also shown on the page):

- Every figure follows the **cohort** of the school year: the cases *received* in that year
  (``created_at``, Belgian time). A referral of June that starts in October counts in June's
  school year, with its start, outcome and dispatches.
- *Referrals* are cases of kind ``referral``; consult and contact requests are counted apart.
- *Pupils* are distinct first cases (``pupil_case``, set from the repeat key when a case comes
  in); a case without a repeat key (the form gave no complete name and birth month) counts as
  a pupil of its own. The link survives the retention purge, so the figure does not change
  when the pupil data of a year is erased.
- A case can have several reasons and a municipality can lie in several local regions: those
  tables count a case once per reason or region, so their rows add up to more than the total.

Performance: a fixed number of queries whatever the volume (each table is one
``values(…).annotate(Count(…))`` over both years at once, split by a ``period`` expression;
the median is taken from a histogram of days computed in the database). The number is pinned
by ``tests/desk/test_report.py``.

Small-cell suppression: ``Table.cells(row, extern=True)`` shows every count from 1 to 4 as
"<5" (0 stays 0: an empty cell tells nothing about a person), and a median over fewer than 5
trajectories as "–". The figures themselves are kept exact; only what leaves the desk is
suppressed (see ``meldpunt.desk.report``).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meldpunt.desk.models import (
    ConsultKind,
    Dispatch,
    DispatchAnswer,
    EducationForm,
    Gender,
    Outcome,
    Referral,
    ReferralKind,
    ReferralStatus,
)

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"
NOT_SHOWN = "–"

CURRENT, PREVIOUS = 0, 1
FIRST_YEAR = 2000  # the oldest school year a URL may ask for

MONTHS = [
    (9, gettext_lazy("september")), (10, gettext_lazy("oktober")),
    (11, gettext_lazy("november")), (12, gettext_lazy("december")),
    (1, gettext_lazy("januari")), (2, gettext_lazy("februari")), (3, gettext_lazy("maart")),
    (4, gettext_lazy("april")), (5, gettext_lazy("mei")), (6, gettext_lazy("juni")),
    (7, gettext_lazy("juli")), (8, gettext_lazy("augustus")),
]


# --- school years ------------------------------------------------------------------------------


def school_year_of(day):
    """The school year (by its starting year) that holds ``day``: 1 Sep – 31 Aug."""
    return day.year if day.month >= 9 else day.year - 1


def current_school_year(today=None):
    return school_year_of(today or timezone.localdate())


def school_year_label(start_year):
    return f"{start_year}–{start_year + 1}"


def school_year_start(start_year):
    """1 September ``start_year``, 0:00 Belgian time (aware)."""
    return timezone.make_aware(datetime.datetime(start_year, 9, 1))


def years_with_data():
    """The school years (starting years, newest first) from the first case to the last one.

    From the oldest and newest ``created_at`` (one indexed query, whatever the volume).
    """
    span = Referral.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    if span["first"] is None:
        return []
    first = school_year_of(timezone.localtime(span["first"]))
    last = school_year_of(timezone.localtime(span["last"]))
    return list(range(last, first - 1, -1))


# --- tables ----------------------------------------------------------------------------------


def suppress(value):
    """A count as it may leave the desk: 1–4 → "<5"; 0 and 5 or more unchanged."""
    if value is None:
        return NOT_SHOWN
    if 0 < value < SUPPRESS_BELOW:
        return SUPPRESSED
    return value


@dataclass
class Row:
    label: str
    values: list  # one per column: int counts, or a float/None for a measure row
    # For a measure (a median): the number of cases behind each value; under 5 it is hidden.
    basis: list | None = None
    is_total: bool = False
    key: str = ""  # e.g. a NIS code, for the map

    def __post_init__(self):
        self.label = str(self.label)  # no lazy text: the exports write it as is

    @property
    def is_measure(self):
        return self.basis is not None


@dataclass
class Table:
    key: str  # a slug: anchors, sheet names, CSV sections
    title: str
    label_heading: str
    columns: list  # column headings
    rows: list = field(default_factory=list)
    note: str = ""
    # Which columns the bar chart draws (current and previous year by default); () for none.
    chart_columns: tuple = (0, 1)
    map: bool = False  # also draw the province map of column 0 (per school municipality)

    def __post_init__(self):
        self.title, self.label_heading, self.note = (
            str(self.title), str(self.label_heading), str(self.note)
        )
        self.columns = [str(column) for column in self.columns]

    def cells(self, row, extern):
        """The row's values as shown: exact, or suppressed for outside the desk."""
        if row.is_measure:
            return [
                NOT_SHOWN if value is None or (extern and count < SUPPRESS_BELOW) else value
                for value, count in zip(row.values, row.basis)
            ]
        return [suppress(value) if extern else value for value in row.values]

    @property
    def has_data(self):
        return any(value for row in self.rows for value in row.values)


@dataclass
class Section:
    key: str
    title: str
    tables: list

    def __post_init__(self):
        self.title = str(self.title)


@dataclass
class Report:
    start_year: int
    sections: list
    key_figures: Table

    @property
    def label(self):
        return school_year_label(self.start_year)

    @property
    def previous_label(self):
        return school_year_label(self.start_year - 1)

    @property
    def tables(self):
        return [self.key_figures] + [table for section in self.sections for table in section.tables]


def ordinal(number):
    """1ste, 2de, 3de … 8ste … 20ste (Flemish spelling)."""
    return f"{number}ste" if number in (1, 8) or number >= 20 else f"{number}de"


def median_from_histogram(histogram):
    """The median of values given as {value: how many}; None when empty."""
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram.items())

    def nth(index):  # the index-th value (0-based) in sorted order
        seen = 0
        for value, count in ordered:
            seen += count
            if index < seen:
                return value
        raise IndexError(index)

    if total % 2:
        return nth(total // 2)
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


# --- the builder -----------------------------------------------------------------------------


class ReportBuilder:
    """Builds every table of one school year with its previous year, query by query."""

    def __init__(self, start_year):
        self.start_year = start_year
        self.current_start = school_year_start(start_year)
        self.previous_start = school_year_start(start_year - 1)
        self.end = school_year_start(start_year + 1)
        self.years = [school_year_label(start_year), school_year_label(start_year - 1)]

    # -- querysets over both years, with a ``period`` of 0 (this year) or 1 (the year before)

    def _period(self, prefix=""):
        return Case(
            When(Q(**{f"{prefix}created_at__gte": self.current_start}), then=Value(CURRENT)),
            default=Value(PREVIOUS),
            output_field=IntegerField(),
        )

    def cases(self):
        return (
            Referral.objects.filter(created_at__gte=self.previous_start, created_at__lt=self.end)
            .annotate(period=self._period())
            .order_by()
        )

    def referrals(self):
        return self.cases().filter(kind=ReferralKind.REFERRAL)

    def dispatches(self):
        return (
            Dispatch.objects.filter(
                referral__kind=ReferralKind.REFERRAL,
                referral__created_at__gte=self.previous_start,
                referral__created_at__lt=self.end,
            )
            .annotate(period=self._period("referral__"))
            .order_by()
        )

    # -- helpers

    def _two_year_rows(self, rows, key, label, order=None, with_unknown=None):
        """Rows of (current, previous) counts from ``values("period", …).annotate(n=…)``.

        ``key(row)`` groups, ``label(row)`` names a group (None: ``with_unknown``);
        ``order(row)`` sorts (default: most this year first, then by label).
        """
        with_unknown = with_unknown or _("onbekend")
        groups = {}
        for row in rows:
            group_key = key(row)
            entry = groups.setdefault(group_key, {"row": row, "values": [0, 0]})
            entry["values"][row["period"]] += row["n"]
        result = []
        for group_key, entry in groups.items():
            name = label(entry["row"])
            sort = order(entry["row"]) if order else None
            result.append((sort, group_key, name if name not in (None, "") else with_unknown,
                           entry["values"]))
        if order:
            result.sort(key=lambda item: (item[0] is None, item[0] if item[0] is not None else 0,
                                          str(item[2]).lower()))
        else:
            result.sort(key=lambda item: (-item[3][CURRENT], -item[3][PREVIOUS],
                                          str(item[2]).lower()))
        return [Row(label=str(name), values=values, key=str(group_key or ""))
                for _sort, group_key, name, values in result]

    def _total_row(self, totals):
        return Row(label=_("Totaal"), values=list(totals), is_total=True)

    def _simple(self, key, title, label_heading, rows, total=None, note=""):
        table = Table(key, title, label_heading, list(self.years), rows, note=note)
        if total is not None:
            table.rows.append(self._total_row(total))
        return table

    def _choice_table(self, key, title, label_heading, field_name, choices, totals, note=""):
        order = {value: index for index, (value, _label) in enumerate(choices)}
        names = dict(choices)
        rows = self.referrals().values("period", field_name).annotate(n=Count("pk"))
        return self._simple(
            key, title, label_heading,
            self._two_year_rows(
                rows,
                key=lambda r: r[field_name],
                label=lambda r: names.get(r[field_name], r[field_name]),
                order=lambda r: order.get(r[field_name], len(order)),
            ),
            total=totals, note=note,
        )

    def _term_table(self, key, title, label_heading, queryset, prefix, total=None, note="",
                    unknown=None):
        """Counts per entry of a managed list (ordered like the list)."""
        rows = queryset.values("period", f"{prefix}__pk", f"{prefix}__name",
                               f"{prefix}__position").annotate(n=Count("pk"))
        return self._simple(
            key, title, label_heading,
            self._two_year_rows(
                rows,
                key=lambda r: r[f"{prefix}__pk"],
                label=lambda r: r[f"{prefix}__name"],
                order=lambda r: r[f"{prefix}__position"],
                with_unknown=unknown,
            ),
            total=total, note=note,
        )

    # -- the report

    def build(self):
        totals = self._totals()
        referrals = [totals[CURRENT]["referrals"], totals[PREVIOUS]["referrals"]]
        key_figures = self._key_figures(totals)
        sections = [
            Section("maand", _("Aanmeldingen per maand"), [self._months(referrals)]),
            Section("aanmelders", _("Aanmelders"), [self._clbs(referrals)]),
            Section("scholen", _("Scholen"), [
                self._municipalities(referrals),
                self._arrondissements(referrals),
                self._regions(),
            ]),
            Section("leerlingen", _("Leerlingen"), [
                self._term_table(
                    "onderwijsniveau", _("Aanmeldingen per onderwijsniveau"),
                    _("Onderwijsniveau"), self.referrals(), "education_level", total=referrals,
                ),
                self._choice_table(
                    "onderwijsvorm", _("Aanmeldingen per onderwijsvorm"), _("Onderwijsvorm"),
                    "education_form", EducationForm.choices, referrals,
                ),
                self._school_years(referrals),
                self._choice_table(
                    "gender", _("Aanmeldingen per gender"), _("Gender"), "pupil_gender",
                    Gender.choices, referrals,
                ),
                self._ages(referrals),
                self._situation(totals),
            ]),
            Section("redenen", _("Redenen van aanmelding"), [
                self._term_table(
                    "redenen", _("Aanmeldingen per reden"), _("Reden"), self.referrals(),
                    "reasons", unknown=_("geen reden opgegeven"),
                    note=_("Een aanmelding kan meerdere redenen hebben: de rijen tellen op tot "
                           "meer dan het aantal aanmeldingen."),
                ),
            ]),
            Section("verloop", _("Doorverwijzing en verloop"), [
                self._flow(totals),
                self._interventions(),
                self._providers(),
                self._term_table(
                    "redenen-weigering", _("Redenen van weigering door de aanbieder"),
                    _("Reden"), self.dispatches().filter(answer=DispatchAnswer.REFUSED),
                    "decline_reason",
                    note=_("Per geweigerde doorverwijzing."),
                ),
                self._term_table(
                    "redenen-niet-gestart", _("Redenen waarom het traject niet startte"),
                    _("Reden"), self.referrals().filter(not_started_reason__isnull=False),
                    "not_started_reason",
                ),
                self._duration(),
            ]),
            Section("uitkomst", _("Uitkomst bij afsluiting"), [self._outcomes()]),
            Section("consulten", _("Consulten"), [self._consults(totals)]),
        ]
        return Report(self.start_year, sections, key_figures)

    def _totals(self):
        referral = Q(kind=ReferralKind.REFERRAL)
        consult = Q(kind=ReferralKind.CONSULT)
        rows = self.cases().values("period").annotate(
            referrals=Count("pk", filter=referral),
            # One pupil per first case: survives the purge of the repeat key.
            pupils=Count(Coalesce("pupil_case_id", "pk"), distinct=True, filter=referral),
            started=Count("pk", filter=referral & Q(started_on__isnull=False)),
            not_started=Count("pk", filter=referral & Q(not_started_reason__isnull=False)),
            advice_only=Count("pk", filter=referral & Q(advice_only=True)),
            closed=Count("pk", filter=referral & Q(status=ReferralStatus.CLOSED)),
            disciplinary=Count("pk", filter=referral & Q(disciplinary_procedure=True)),
            in_care=Count("pk", filter=referral & Q(in_care=True)),
            consults=Count("pk", filter=consult),
            case_consults=Count("pk", filter=consult & Q(consult_kind=ConsultKind.CASE_CONSULT)),
            round_tables=Count("pk", filter=consult & Q(consult_kind=ConsultKind.ROUND_TABLE)),
            consults_closed=Count("pk", filter=consult & Q(status=ReferralStatus.CLOSED)),
            contacts=Count("pk", filter=Q(kind=ReferralKind.CONTACT)),
        )
        empty = {"referrals": 0, "pupils": 0, "dispatched": 0,
                 "accepted": 0, "waiting_list": 0, "started": 0, "not_started": 0,
                 "advice_only": 0, "closed": 0, "disciplinary": 0, "in_care": 0, "consults": 0,
                 "case_consults": 0, "round_tables": 0, "consults_closed": 0, "contacts": 0}
        totals = [dict(empty), dict(empty)]
        for row in rows:
            totals[row["period"]].update({k: v for k, v in row.items() if k != "period"})
        # Counted from the dispatches' side: one join, no subquery per case.
        for row in self.dispatches().values("period").annotate(
            dispatched=Count("referral", distinct=True),
            accepted=Count("referral", distinct=True, filter=Q(answer=DispatchAnswer.ACCEPTED)),
            waiting_list=Count(
                "referral", distinct=True, filter=Q(answer=DispatchAnswer.WAITING_LIST)
            ),
        ):
            totals[row["period"]].update({k: v for k, v in row.items() if k != "period"})
        return totals

    def _pair(self, totals, name):
        return [totals[CURRENT][name], totals[PREVIOUS][name]]

    def _key_figures(self, totals):
        rows = [
            Row(_("Aanmeldingen van een leerling"), self._pair(totals, "referrals")),
            Row(_("Verschillende leerlingen"), self._pair(totals, "pupils")),
            Row(_("Herhaalde aanmeldingen (zelfde leerling)"), [
                totals[i]["referrals"] - totals[i]["pupils"] for i in (CURRENT, PREVIOUS)
            ]),
            Row(_("Vragen naar casusoverleg"), self._pair(totals, "consults")),
            Row(_("Vragen van ouders of een voorziening"), self._pair(totals, "contacts")),
        ]
        return Table(
            "kerncijfers", _("Kerncijfers"), _("Cijfer"), list(self.years), rows,
            note=_("Een leerling die in hetzelfde schooljaar opnieuw aangemeld wordt, telt één "
                   "keer als leerling. Na het wissen van de leerlinggegevens telt elke aanmelding "
                   "als een aparte leerling."),
        )

    def _month_and_age_rows(self):
        """[(period, month, age, count)]: the referrals per month and per age, in one scan.

        The month comes from comparing ``created_at`` with the 24 month starts (aware, in
        Belgian time) rather than from extracting it row by row: exact, and plain comparisons
        (SQLite extracts dates with a Python function per row). The age on the day of
        referral is worked out here from the birth year and month (1 July when purged).
        """
        if hasattr(self, "_month_age"):
            return self._month_age
        starts = []  # (year, month, aware start) of the 24 months from previous_start
        for index in range(24):
            year = self.start_year - 1 + (8 + index) // 12
            month = (8 + index) % 12 + 1
            starts.append((year, month, timezone.make_aware(datetime.datetime(year, month, 1))))
        slot = Case(
            *[When(created_at__gte=start, then=Value(index))
              for index, (_year, _month, start) in reversed(list(enumerate(starts)))],
            default=Value(0),
            output_field=IntegerField(),
        )
        rows = (
            self.referrals()
            .annotate(slot=slot, birth_month=Coalesce("pupil_birth_month", Value(7)))
            .values("slot", "pupil_birth_year", "birth_month")
            .annotate(n=Count("pk"))
        )
        result = []
        for row in rows:
            year, month, _start = starts[row["slot"]]
            born = row["pupil_birth_year"]
            age = year - born - (month < row["birth_month"]) if born else None
            period = CURRENT if row["slot"] >= 12 else PREVIOUS
            result.append({"period": period, "month": month, "age": age, "n": row["n"]})
        self._month_age = result
        return result

    def _months(self, referrals):
        counts = {}
        for row in self._month_and_age_rows():
            counts.setdefault(row["month"], [0, 0])[row["period"]] += row["n"]
        return self._simple(
            "maand", _("Aanmeldingen per maand"), _("Maand"),
            [Row(str(name), counts.get(month, [0, 0]), key=str(month)) for month, name in MONTHS],
            total=referrals,
        )

    def _clbs(self, referrals):
        # The CLB chosen from the list, else what the referrer typed (grouped without case).
        rows = self.referrals().annotate(
            organisation=Coalesce(F("clb__name"), F("referrer_organisation"))
        ).values("period", "organisation").annotate(n=Count("pk"))
        return self._simple(
            "clb", _("Aanmeldingen per aanmeldend CLB"), _("CLB of organisatie"),
            self._two_year_rows(
                rows,
                key=lambda r: " ".join((r["organisation"] or "").lower().split()),
                label=lambda r: " ".join((r["organisation"] or "").split()),
            ),
            total=referrals,
        )

    def _municipalities(self, referrals):
        rows = self.referrals().values(
            "period", "school_municipality__nis_code", "school_municipality__name"
        ).annotate(n=Count("pk"))
        table = self._simple(
            "gemeente", _("Aanmeldingen per gemeente van de school"), _("Gemeente"),
            self._two_year_rows(
                rows,
                key=lambda r: r["school_municipality__nis_code"],
                label=lambda r: r["school_municipality__name"],
            ),
            total=referrals,
        )
        table.map = True
        return table

    def _arrondissements(self, referrals):
        prefix = "school_municipality__arrondissement"
        rows = self.referrals().values("period", f"{prefix}__pk", f"{prefix}__name").annotate(
            n=Count("pk"))
        return self._simple(
            "arrondissement", _("Aanmeldingen per arrondissement van de school"),
            _("Arrondissement"),
            self._two_year_rows(
                rows, key=lambda r: r[f"{prefix}__pk"], label=lambda r: r[f"{prefix}__name"],
            ),
            total=referrals,
        )

    def _regions(self):
        local = Q(school_municipality__regions__kind="local")
        rows = self.referrals().filter(local).values(
            "period", "school_municipality__regions__pk", "school_municipality__regions__name"
        ).annotate(n=Count("pk", distinct=True))
        table_rows = self._two_year_rows(
            rows,
            key=lambda r: r["school_municipality__regions__pk"],
            label=lambda r: r["school_municipality__regions__name"],
            order=lambda r: str(r["school_municipality__regions__name"]).lower(),
        )
        outside = [0, 0]
        unknown = [0, 0]
        for row in self.referrals().exclude(local).values("period").annotate(
            outside=Count("pk", filter=Q(school_municipality__isnull=False)),
            unknown=Count("pk", filter=Q(school_municipality__isnull=True)),
        ):
            outside[row["period"]] = row["outside"]
            unknown[row["period"]] = row["unknown"]
        table_rows.append(Row(_("buiten de lokale regio's"), outside))
        table_rows.append(Row(_("gemeente van de school onbekend"), unknown))
        return self._simple(
            "regio", _("Aanmeldingen per lokale regio van de school"), _("Regio"), table_rows,
            note=_("De regio's zoals het Meldpunt ze beheert; een gemeente die in twee regio's "
                   "ligt, telt in beide."),
        )

    def _school_years(self, referrals):
        rows = self.referrals().values("period", "school_year").annotate(n=Count("pk"))
        return self._simple(
            "leerjaar", _("Aanmeldingen per leerjaar"), _("Leerjaar"),
            self._two_year_rows(
                rows,
                key=lambda r: r["school_year"],
                label=lambda r: _("%(ordinal)s leerjaar") % {"ordinal": ordinal(r["school_year"])}
                if r["school_year"] else None,
                order=lambda r: r["school_year"] if r["school_year"] is not None else 99,
            ),
            total=referrals,
        )

    def _ages(self, referrals):
        rows = self._month_and_age_rows()
        return self._simple(
            "leeftijd", _("Aanmeldingen per leeftijd bij aanmelding"), _("Leeftijd"),
            self._two_year_rows(
                rows,
                key=lambda r: r["age"],
                label=lambda r: _("%(age)s jaar") % {"age": r["age"]}
                if r["age"] is not None else None,
                order=lambda r: r["age"] if r["age"] is not None else 999,
            ),
            total=referrals,
        )

    def _situation(self, totals):
        rows = [
            Row(_("Er loopt een tuchtprocedure"), self._pair(totals, "disciplinary")),
            Row(_("Opgenomen in de jeugdhulp of zorg"), self._pair(totals, "in_care")),
        ]
        return self._simple(
            "situatie", _("Bijzondere situatie van de leerling"), _("Situatie"), rows,
        )

    def _flow(self, totals):
        open_cases = [
            totals[i]["referrals"] - totals[i]["closed"] for i in (CURRENT, PREVIOUS)
        ]
        rows = [
            Row(_("Aanmeldingen"), self._pair(totals, "referrals")),
            Row(_("Doorgestuurd naar minstens één aanbieder"), self._pair(totals, "dispatched")),
            Row(_("Aanvaard door een aanbieder"), self._pair(totals, "accepted")),
            Row(_("Op een wachtlijst geplaatst"), self._pair(totals, "waiting_list")),
            Row(_("Traject gestart"), self._pair(totals, "started")),
            Row(_("Traject niet gestart"), self._pair(totals, "not_started")),
            Row(_("Enkel advies (niet doorgestuurd)"), self._pair(totals, "advice_only")),
            Row(_("Afgesloten"), self._pair(totals, "closed")),
            Row(_("Nog lopend"), open_cases),
        ]
        return self._simple(
            "verloop", _("Verloop van de aanmeldingen"), _("Stap"), rows,
            note=_("Voor de aanmeldingen van het schooljaar, zoals ze nu staan."),
        )

    def _interventions(self):
        rows = self.dispatches().values(
            "period", "intervention__pk", "intervention__name", "provider__name"
        ).annotate(n=Count("pk"))
        return self._simple(
            "aanbod", _("Doorverwijzingen per aanbod"), _("Aanbod"),
            self._two_year_rows(
                rows,
                key=lambda r: r["intervention__pk"],
                label=lambda r: f"{r['intervention__name']} ({r['provider__name']})",
            ),
            note=_("Eén aanmelding kan naar meerdere aanbieders gaan."),
        )

    def _providers(self):
        answers = {
            answer: Count("pk", filter=Q(answer=answer))
            for answer in (DispatchAnswer.ACCEPTED, DispatchAnswer.WAITING_LIST,
                           DispatchAnswer.REFUSED)
        }
        rows = self.dispatches().values("period", "provider__pk", "provider__name").annotate(
            n=Count("pk"), **answers)
        groups = {}
        for row in rows:
            entry = groups.setdefault(row["provider__pk"], {
                "name": row["provider__name"], "current": [0, 0, 0, 0, 0], "previous": 0,
            })
            if row["period"] == CURRENT:
                answered = sum(row[a] for a in answers)
                entry["current"] = [row["n"], *(row[a] for a in answers), row["n"] - answered]
            else:
                entry["previous"] = row["n"]
        ordered = sorted(
            groups.items(),
            key=lambda item: (-item[1]["current"][0], -item[1]["previous"],
                              item[1]["name"].lower()),
        )
        this_year, last_year = self.years
        columns = [
            _("Doorverwijzingen %(year)s") % {"year": this_year},
            _("Aanvaard"), _("Wachtlijst"), _("Geweigerd"),
            _("Geen antwoord of ingetrokken"),
            _("Doorverwijzingen %(year)s") % {"year": last_year},
        ]
        return Table(
            "aanbieder", _("Doorverwijzingen en antwoorden per aanbieder"), _("Aanbieder"),
            columns,
            [Row(entry["name"], [*entry["current"], entry["previous"]], key=str(pk))
             for pk, entry in ordered],
            chart_columns=(0, 5),
        )

    def _duration(self):
        days = ExpressionWrapper(
            F("started_on") - TruncDate("created_at"), output_field=DurationField()
        )
        rows = self.referrals().filter(started_on__isnull=False).annotate(days=days).values(
            "period", "days").annotate(n=Count("pk"))
        histograms = [{}, {}]
        for row in rows:
            value = row["days"].days if row["days"] is not None else None
            if value is not None:
                histogram = histograms[row["period"]]
                histogram[value] = histogram.get(value, 0) + row["n"]
        counts = [sum(h.values()) for h in histograms]
        medians = [median_from_histogram(h) for h in histograms]
        return Table(
            "doorlooptijd", _("Tijd van aanmelding tot start"), _("Maat"), list(self.years), [
                Row(_("Mediaan aantal dagen van aanmelding tot start"), medians, basis=counts),
                Row(_("Gestarte trajecten"), counts),
            ],
            chart_columns=(),
            note=_("Kalenderdagen tussen de ontvangst van de aanmelding en de start van het "
                   "traject; de helft van de trajecten startte sneller, de helft trager."),
        )

    def _outcomes(self):
        closed = self.referrals().filter(status=ReferralStatus.CLOSED)
        order = {value: index for index, (value, _label) in enumerate(Outcome.choices)}
        names = dict(Outcome.choices)
        rows = closed.values("period", "outcome").annotate(n=Count("pk"))
        table_rows = self._two_year_rows(
            rows,
            key=lambda r: r["outcome"],
            label=lambda r: names.get(r["outcome"], r["outcome"]),
            order=lambda r: order.get(r["outcome"], len(order)),
        )
        totals = [sum(row.values[i] for row in table_rows) for i in (CURRENT, PREVIOUS)]
        return self._simple(
            "uitkomst", _("Uitkomst bij afsluiting"), _("Uitkomst"), table_rows, total=totals,
            note=_("Alleen de afgesloten aanmeldingen van het schooljaar."),
        )

    def _consults(self, totals):
        rows = [
            Row(_("Vragen naar overleg"), self._pair(totals, "consults")),
            Row(ConsultKind.CASE_CONSULT.label, self._pair(totals, "case_consults")),
            Row(ConsultKind.ROUND_TABLE.label, self._pair(totals, "round_tables")),
            Row(_("Afgerond (afgesloten)"), self._pair(totals, "consults_closed")),
        ]
        return self._simple("consulten", _("Casusoverleg en rondetafels"), _("Soort"), rows)


def build_report(start_year):
    """Every table of the school year starting 1 September ``start_year``."""
    return ReportBuilder(start_year).build()
