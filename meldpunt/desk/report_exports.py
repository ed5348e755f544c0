"""The yearly report as files: CSV and XLSX, every table of the page.

Both carry a header that says which school year and which version they hold: the version for
outside the desk (counts from 1 to 4 as "<5", the default) or the internal one (exact
counts; "INTERN" in the header and in the file name).

- CSV: UTF-8 with a byte-order mark and ``;`` between fields, so Excel with a Belgian locale
  opens it as it is; the tables one under the other, each with its title and a blank line.
- XLSX (openpyxl): a first sheet "Over dit rapport", then one sheet per table; counts are
  numbers, suppressed cells the text "<5".

Labels come partly from what referrers typed (the CLB's name): a label that a spreadsheet
would take for a formula (``=``, ``+``, ``-``, ``@``…) is written as text.
"""

import csv
import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_MAX = 31
SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def version_label(extern):
    if extern:
        return _("voor buiten het Meldpunt: aantallen van 1 tot 4 staan als <5")
    return _("INTERN: exacte aantallen, niet verspreiden buiten het Meldpunt")


def filename(report, extern, extension):
    suffix = "" if extern else "-intern"
    return f"jaarrapport-{report.start_year}-{report.start_year + 1}{suffix}.{extension}"


def about_lines(report, extern):
    """(label, value) lines that open both files."""
    now = timezone.localtime()
    return [
        (_("Jaarrapport Meldpunt Schoolexterne Interventies"), _("schooljaar %(year)s") % {
            "year": report.label}),
        (_("Vergeleken met"), _("schooljaar %(year)s") % {"year": report.previous_label}),
        (_("Versie"), version_label(extern)),
        (_("Gemaakt op"), date_format(now, "DATETIME_FORMAT")),
        (_("Telwijze"), _("alle cijfers volgen de aanmeldingen die in het schooljaar "
                          "ontvangen werden (1 september – 31 augustus)")),
    ]


def _text(value):
    """A label safe from spreadsheet formula injection (CSV)."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_value(value):
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return value


def as_csv(report, extern):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for label, value in about_lines(report, extern):
        writer.writerow([label, value])
    for table in report.tables:
        writer.writerow([])
        writer.writerow([table.title])
        writer.writerow([table.label_heading, *table.columns])
        for row in table.rows:
            writer.writerow(
                [_text(row.label), *(_csv_value(v) for v in table.cells(row, extern))]
            )
        if table.note:
            writer.writerow([_text(table.note)])
    return buffer.getvalue().encode("utf-8")


def _sheet_title(title, used):
    base = title.translate(SHEET_FORBIDDEN).strip()[:SHEET_TITLE_MAX].strip() or "Tabel"
    name, number = base, 2
    while name.lower() in used:
        tail = f" {number}"
        name = base[: SHEET_TITLE_MAX - len(tail)] + tail
        number += 1
    used.add(name.lower())
    return name


def _put(sheet, row, column, value, bold=False):
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if bold:
        cell.font = Font(bold=True)
    return cell


def as_xlsx(report, extern):
    workbook = Workbook()
    about = workbook.active
    about.title = _("Over dit rapport")
    for number, (label, value) in enumerate(about_lines(report, extern), start=1):
        _put(about, number, 1, label, bold=True)
        _put(about, number, 2, value)
    about.column_dimensions["A"].width = 45
    about.column_dimensions["B"].width = 80
    used = {about.title.lower()}
    for table in report.tables:
        sheet = workbook.create_sheet(_sheet_title(str(table.title), used))
        _put(sheet, 1, 1, table.title, bold=True)
        for column, heading in enumerate([table.label_heading, *table.columns], start=1):
            _put(sheet, 2, column, heading, bold=True)
        line = 3
        for row in table.rows:
            _put(sheet, line, 1, row.label, bold=row.is_total)
            for column, value in enumerate(table.cells(row, extern), start=2):
                _put(sheet, line, column, value, bold=row.is_total)
            line += 1
        if table.note:
            _put(sheet, line + 1, 1, table.note)
        sheet.column_dimensions["A"].width = 48
        for column in range(2, len(table.columns) + 2):
            sheet.column_dimensions[get_column_letter(column)].width = 18
        sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
