"""The yearly report's charts, drawn on the server as SVG (no scripts, no external files).

- ``bar_chart(table, extern)``: horizontal bars, this year next to the year before, each bar
  with its number written out (so nothing depends on colour), for the table shown right
  under it;
- ``municipality_map(table, extern)``: the province (``netwerk.svg.province_shapes``, as the
  coverage map in ``meldpunt.maps``) with each school municipality shaded by its number of
  referrals, and an HTML legend.

Both follow the small-cell suppression of the table they draw: in the version for outside the
desk a count of 1 to 4 gets no bar (the label says "<5") and the map puts 1 to 4 in one
class. Colours come from classes in ``static/css/report.css`` (the Content-Security-Policy
forbids inline styles); the map uses ``fill`` attributes like ``meldpunt.maps``.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from meldpunt.desk.report_figures import SUPPRESSED
from meldpunt.maps import AREA_EMPTY, BORDER, COVERAGE_TOLERANCE, Bucket, bucket_for
from netwerk.svg import province_shapes

WIDTH = 720
LABEL_WIDTH = 290
VALUE_WIDTH = 64
BAR_HEIGHT = 13
BAR_GAP = 2
ROW_GAP = 10
LEGEND_HEIGHT = 26
FONT_SIZE = 12
LABEL_CHARS = 40
MAX_BARS = 15  # rows drawn; the table under the chart always has them all


def format_value(value):
    """A cell as shown: 1.234 (nl-BE grouping), 12,5, or the text of a suppressed cell."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        return number_format(value, decimal_pos=1, force_grouping=True)
    return number_format(value, force_grouping=True)


def _short(label):
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(table, extern):
    """Safe SVG markup of ``table``'s chart columns, or "" when it has none or no data."""
    if not table.chart_columns or not table.has_data:
        return ""
    rows = [row for row in table.rows if not row.is_total and not row.is_measure]
    if not rows:
        return ""
    shown = rows[:MAX_BARS]
    series = list(table.chart_columns)
    cells = [table.cells(row, extern) for row in shown]
    numbers = [cell[i] for cell in cells for i in series if isinstance(cell[i], int)]
    peak = max(numbers, default=0) or 1
    bar_room = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 8
    row_height = len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    height = LEGEND_HEIGHT + len(shown) * row_height + 4

    parts = []
    # Legend: one swatch and name per series.
    x = LABEL_WIDTH
    for index, column in enumerate(series):
        name = str(table.columns[column])
        parts.append(format_html(
            '<rect class="report-chart__bar report-chart__bar--{}" x="{}" y="6" width="12" '
            'height="12"/><text class="report-chart__text" x="{}" y="16">{}</text>',
            index, x, x + 16, name,
        ))
        x += 16 + 8 * len(name) + 24
    for position, (row, cell) in enumerate(zip(shown, cells)):
        top = LEGEND_HEIGHT + position * row_height
        middle = top + (len(series) * (BAR_HEIGHT + BAR_GAP)) / 2
        parts.append(format_html(
            '<text class="report-chart__text" x="{}" y="{}" text-anchor="end" '
            'dominant-baseline="middle">{}</text>',
            LABEL_WIDTH - 8, round(middle, 1), _short(row.label),
        ))
        for index, column in enumerate(series):
            value = cell[column]
            y = top + index * (BAR_HEIGHT + BAR_GAP)
            length = round(bar_room * value / peak, 1) if isinstance(value, int) else 0
            if length:
                parts.append(format_html(
                    '<rect class="report-chart__bar report-chart__bar--{}" x="{}" y="{}" '
                    'width="{}" height="{}"/>',
                    index, LABEL_WIDTH, y, length, BAR_HEIGHT,
                ))
            parts.append(format_html(
                '<text class="report-chart__value" x="{}" y="{}" dominant-baseline="middle">'
                '{}</text>',
                LABEL_WIDTH + length + 4, round(y + BAR_HEIGHT / 2, 1), format_value(value),
            ))
    parts.append(format_html(
        '<line class="report-chart__axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
        LABEL_WIDTH, LEGEND_HEIGHT - 2, LABEL_WIDTH, height - 2,
    ))
    description = _("Staafdiagram: %(title)s. De cijfers staan in de tabel hieronder.") % {
        "title": table.title
    }
    if len(rows) > len(shown):
        description += " " + _("De grafiek toont de %(count)s grootste; de tabel toont alle.") % {
            "count": len(shown)
        }
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart__svg" viewBox="0 0 {} {}" '
        'width="{}" height="{}" font-size="{}" role="img" aria-labelledby="grafiek-{}">'
        '<title id="grafiek-{}">{}</title>{}</svg>',
        WIDTH, height, WIDTH, height, FONT_SIZE, table.key, table.key, description,
        mark_safe("".join(parts)),  # noqa: S308 - every part went through format_html
    )


# --- the map of school municipalities --------------------------------------------------------


@dataclass(frozen=True)
class MapLegendItem:
    fill: str
    label: str


def map_buckets():
    # The 1–4 class matches the small-cell suppression: the map never tells 1 from 4.
    return [
        Bucket(0, 0, AREA_EMPTY, _("geen aanmeldingen")),
        Bucket(1, 4, "#c6dbef", _("1 tot 4 aanmeldingen")),
        Bucket(5, 14, "#6baed6", _("5 tot 14 aanmeldingen")),
        Bucket(15, None, "#08519c", _("15 of meer aanmeldingen")),
    ]


def municipality_map(table, extern):
    """(safe SVG of the province shaded per school municipality, legend items) for column 0."""
    shapes = province_shapes(COVERAGE_TOLERANCE)
    buckets = map_buckets()
    counts = {row.key: row.values[0] for row in table.rows if row.key and not row.is_total}
    paths = []
    for code, d in sorted(shapes.paths.items()):
        count = counts.get(code, 0)
        shown = SUPPRESSED if extern and 0 < count < 5 else format_value(count)
        paths.append((d, bucket_for(count, buckets).fill,
                       f"{shapes.names.get(code, code)}: {shown}"))
    label = _("Kaart: aanmeldingen %(year)s per gemeente van de school. De cijfers staan in de "
              "tabel hieronder.") % {"year": table.columns[0]}
    svg = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-map__svg" viewBox="{}" '
        'width="{}" height="{}" role="img" aria-labelledby="kaart-{}"><title id="kaart-{}">{}'
        '</title><g stroke="{}" stroke-width="1.5" stroke-linejoin="round">{}</g></svg>',
        shapes.view_box, shapes.width, shapes.height, table.key, table.key, label, BORDER,
        format_html_join("", '<path d="{}" fill="{}"><title>{}</title></path>', paths),
    )
    return svg, [MapLegendItem(bucket.fill, bucket.label) for bucket in buckets]
