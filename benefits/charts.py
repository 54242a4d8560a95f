"""The trend chart of an indicator: its approved measurements over time as a line, its
baselines (nullpunkt) and targets as points, drawn by `core.charts.date_chart` (pygal,
without scripts or styles, so the same SVG serves the page and a PDF). Every chart comes
with its title, a text summary and its data table (`templates/includes/chart.html`)."""

import datetime
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.charts import Chart, Series, date_chart, norwegian_number

SCALE_RANGE = (1, 5)


def _rows(indicator):
    baselines = [(b.measured_on, b.value) for b in indicator.baselines.all() if b.value is not None]
    targets = [(t.target_date, t.value) for t in indicator.targets.all() if t.value is not None]
    measured = [
        (m.period_end, m.value)
        for m in indicator.measurements.all()
        if m.value is not None and m.state == "godkjent"
    ]
    return baselines, measured, targets


def trend_chart(indicator) -> Chart | None:
    """The chart of a numeric indicator (None for a qualitative one). No queries when its
    baselines, targets and measurements are prefetched."""
    if indicator.is_qualitative:
        return None
    baselines, measured, targets = _rows(indicator)
    return _chart(
        chart_id=f"indicator-{indicator.pk}",
        name=indicator.name,
        scale=indicator.unit == "skala",
        baselines=baselines,
        measured=measured,
        targets=targets,
    )


def _points(rows) -> list[tuple[datetime.date, Decimal]]:
    return [
        (datetime.date.fromisoformat(row["date"]), Decimal(row["value"]))
        for row in rows
        if row.get("value") is not None
    ]


def snapshot_chart(indicator: dict, *, chart_id: str) -> Chart | None:
    """The same chart from an indicator as a plan's snapshot froze it (its baselines,
    targets and approved measurements as JSON), for the approved version's PDF. None for a
    qualitative indicator; a snapshot from before measurements were frozen has baselines
    and targets only."""
    if indicator.get("unit_code", "") == "tekst":
        return None
    return _chart(
        chart_id=chart_id,
        name=indicator["name"],
        scale=indicator.get("unit_code") == "skala",
        baselines=_points(indicator.get("baselines", [])),
        measured=_points(indicator.get("measurements", [])),
        targets=_points(indicator.get("targets", [])),
    )


def _chart(*, chart_id, name, scale, baselines, measured, targets) -> Chart:
    kinds = [(_("Baseline"), baselines), (_("Measurement"), measured), (_("Target"), targets)]
    values = sorted(
        ((day, kind, value) for kind, points in kinds for day, value in points),
        key=lambda row: (row[0], row[1]),
    )
    title = _("Trend for «%(name)s»") % {"name": name}
    headers = [_("Kind"), _("Date"), _("Value")]
    rows = [
        (kind, date_format(day, "j. F Y"), norwegian_number(value)) for day, kind, value in values
    ]
    if not values:
        return Chart(title, _("No values yet."), None, headers, rows)
    svg = date_chart(
        chart_id=chart_id,
        title=title,
        series=[
            Series(_("Measurements"), measured),
            Series(_("Baselines"), baselines, line=False, dot_size=6),
            Series(_("Targets"), targets, line=False, dot_size=6),
        ],
        y_range=SCALE_RANGE if scale else None,
    )
    return Chart(title, _summary(baselines, measured, targets), svg, headers, rows)


def _summary(baselines, measured, targets) -> str:
    """What the chart shows, in words: the first baseline, the latest measurement and the
    last target."""
    parts = []
    if baselines:
        day, value = baselines[0]
        parts.append(
            _("Baseline %(value)s on %(date)s.")
            % {"value": norwegian_number(value), "date": date_format(day, "j. F Y")}
        )
    if measured:
        day, value = measured[-1]
        parts.append(
            _("Latest measurement %(value)s on %(date)s (%(count)s in all).")
            % {
                "value": norwegian_number(value),
                "date": date_format(day, "j. F Y"),
                "count": len(measured),
            }
        )
    else:
        parts.append(_("No approved measurements yet."))
    if targets:
        day, value = targets[-1]
        parts.append(
            _("Target %(value)s by %(date)s.")
            % {"value": norwegian_number(value), "date": date_format(day, "j. F Y")}
        )
    parts.append(
        _("The line is the measurements; the points without a line are baselines and targets.")
    )
    return " ".join(parts)
