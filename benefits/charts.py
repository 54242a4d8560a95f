"""The trend chart of an indicator, drawn on the server as a small, hand-written SVG.

No charting library is among the project's dependencies, and adding one (pygal is the
closest fit) needs a locked dependency change that this step did not make; the chart is a
few lines, escapes all text through format_html, works offline and the same SVG can go
into a PDF. Measurements are a line with points; baselines are marked as squares, targets
as diamonds. Every chart comes with a title, a text summary and its data table (template).
"""

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 600, 240, 40


@dataclass
class Chart:
    title: str
    summary: str
    svg: SafeString
    rows: list = field(default_factory=list)  # (kind, date, value)


def trend_chart(indicator) -> Chart | None:
    if indicator.is_qualitative:
        return None
    baselines = [(b.measured_on, b.value) for b in indicator.baselines.all() if b.value is not None]
    targets = [(t.target_date, t.value) for t in indicator.targets.all() if t.value is not None]
    measured = [
        (m.period_end, m.value)
        for m in indicator.measurements.all()
        if m.value is not None and m.state == "godkjent"
    ]
    rows = (
        [(_("Baseline"), d, v) for d, v in baselines]
        + [(_("Measurement"), d, v) for d, v in measured]
        + [(_("Target"), d, v) for d, v in targets]
    )
    rows.sort(key=lambda row: row[1])
    title = _("Trend for «%(name)s»") % {"name": indicator.name}
    if not rows:
        return Chart(title, _("No values yet."), SafeString(""), rows)
    dates = [r[1].toordinal() for r in rows]
    values = [float(r[2]) for r in rows]
    x0, x1 = min(dates), max(dates)
    y0, y1 = min(values), max(values)
    if x0 == x1:
        x0, x1 = x0 - 1, x1 + 1
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1

    def x(d):
        return PAD + (d.toordinal() - x0) / (x1 - x0) * (WIDTH - 2 * PAD)

    def y(v):
        return HEIGHT - PAD - (float(v) - y0) / (y1 - y0) * (HEIGHT - 2 * PAD)

    line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in measured)
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="1"/>',
            PAD,
            HEIGHT - PAD,
            WIDTH - PAD,
            HEIGHT - PAD,
        ),
        format_html('<text x="{}" y="{}" font-size="12">{}</text>', 2, y(y1) + 4, f"{y1:g}"),
        format_html('<text x="{}" y="{}" font-size="12">{}</text>', 2, y(y0) + 4, f"{y0:g}"),
    ]
    if line:
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="#1e6fbf" stroke-width="2"/>', line
            )
        )
    parts.append(
        format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="4" fill="#1e6fbf"/>',
            ((f"{x(d):.1f}", f"{y(v):.1f}") for d, v in measured),
        )
    )
    parts.append(
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="8" height="8" fill="#6b6b6b"/>',
            ((f"{x(d) - 4:.1f}", f"{y(v) - 4:.1f}") for d, v in baselines),
        )
    )
    parts.append(
        format_html_join(
            "",
            '<path d="M {} {} l 6 6 l -6 6 l -6 -6 z" fill="#2d7a3e"/>',
            ((f"{x(d):.1f}", f"{y(v) - 6:.1f}") for d, v in targets),
        )
    )
    svg = format_html(
        '<svg viewBox="0 0 {} {}" width="100%" height="240" role="img" '
        'aria-labelledby="chart-{}-title" '
        'class="trend-chart" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-{}-title">{}</title>{}</svg>',
        WIDTH,
        HEIGHT,
        indicator.pk,
        indicator.pk,
        title,
        SafeString("".join(parts)),
    )
    first, last = rows[0], rows[-1]
    summary = _(
        "%(count)s values from %(first)s to %(last)s: from %(from)s to %(to)s. Squares are "
        "baselines, the line is the measurements, diamonds are targets."
    ) % {
        "count": len(rows),
        "first": first[1].strftime("%d.%m.%Y"),
        "last": last[1].strftime("%d.%m.%Y"),
        "from": f"{first[2]:g}",
        "to": f"{last[2]:g}",
    }
    return Chart(title, summary, svg, rows)
