"""The reports' charts, drawn from the frozen snapshot (never from the live models).

One thin function per chart: the indicator trend chart is the benefit page's own
(`benefits.charts.trend_chart`, drawn by pygal through `core.charts`), which reads an
indicator's baselines, targets and measurements; the snapshot's values are handed to it in
that shape. The chart's table shows its values as formatted text; the workbook's sheet
behind the charts takes the snapshot's own values (`chart.values`).
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.utils.translation import gettext as _

from benefits.charts import trend_chart
from core.charts import Chart
from reports.outputs.tables import DATE, NUMBER, Table

_SERIES_LABELS = {
    "baseline": lambda: _("Baseline"),
    "measurement": lambda: _("Measurement"),
    "target": lambda: _("Target"),
}


class _Rows(list):
    def all(self):
        return self


def _as_indicator(indicator: dict) -> SimpleNamespace:
    def rows(kind, date_field):
        return _Rows(
            SimpleNamespace(
                **{date_field: datetime.date.fromisoformat(day)},
                value=Decimal(str(value)),
                state="godkjent",
            )
            for row_kind, day, value in indicator["series"]
            if row_kind == kind
        )

    return SimpleNamespace(
        pk=f"r{indicator['id']}",
        name=indicator["name"],
        unit=indicator.get("unit_code", ""),
        is_qualitative=indicator["qualitative"],
        baselines=rows("baseline", "measured_on"),
        targets=rows("target", "target_date"),
        measurements=rows("measurement", "period_end"),
    )


def indicator_chart(indicator: dict) -> Chart | None:
    """The trend of one indicator of the snapshot (SVG, a summary, its data rows), or None
    for a qualitative indicator or one without values."""
    if indicator["qualitative"] or not indicator["series"]:
        return None
    chart = trend_chart(_as_indicator(indicator))
    if chart is not None:
        chart.values = [
            (_SERIES_LABELS[kind](), datetime.date.fromisoformat(day), value)
            for kind, day, value in indicator["series"]
        ]
    return chart


def charts_table(shown: list[Chart]):
    """Every chart's values in one table (the workbook's sheet behind the charts)."""
    return Table(
        "chart_values",
        _("Values behind the charts"),
        [_("Chart"), _("Kind"), _("Date"), _("Value")],
        [
            [chart.title, str(kind), day.isoformat(), float(value)]
            for chart in shown
            for kind, day, value in chart.values
        ],
        ["", "", DATE, NUMBER],
    )
