"""Charts drawn on the server as SVG with pygal, for pages and for PDFs alike.

Why pygal: it is a pure-Python library (no compiled parts, no browser, no network), kept up
(3.x, 2026), and draws real SVG with text left as text, with date axes. What it adds for
browsers is left out here, so that the same SVG can sit inline in a page under the
site's content security policy (no inline script or style allowed) and go unchanged into a
WeasyPrint PDF:

- no `<script>` (pygal's tooltips and its config block) and no `<style>` (pygal's CSS):
  the few rules that matter are written as presentation attributes (`fill`, `stroke`,
  `text-anchor`, `font-size`) on the elements, which no CSP blocks and every SVG reader
  understands;
- no `id`s of pygal's (two charts on a page would repeat them) and no `style` attributes;
- the root is `role="img"` labelled by its own `<title>`.

A chart never comes alone: `Chart` carries its title, a text summary and the rows of its
data table, and the template shows all three (`templates/includes/chart.html`, with
`chart` and `caption`). The annual report reuses `date_chart`, `Chart` and the include.

    svg = date_chart(
        chart_id="indicator-7",
        title="Trend",
        series=[Series("Målinger", [(date(2024, 12, 31), 41.5)])],
    )
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree import ElementTree

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
FOREGROUND = "#1e1e1e"
SUBTLE = "#6b6b6b"
GUIDE = "#d0d0d0"
# Colours with at least 3:1 contrast against white (WCAG 1.4.11, graphics).
COLOURS = ("#1e6fbf", "#5b5b5b", "#2d7a3e", "#b0350f", "#6a3d9a", "#8a6100")
SVG_NS = "http://www.w3.org/2000/svg"


@dataclass
class Series:
    """One series: a label for the legend, points (date, value), and whether the points are
    joined by a line (measurements) or stand alone (baselines, targets)."""

    label: str
    points: Sequence[tuple[datetime.date, float | Decimal]]
    line: bool = True
    dot_size: float = 4


@dataclass
class Chart:
    """A chart with what must go with it: the title, a text summary and its data table."""

    title: str
    summary: str
    svg: SafeString
    headers: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)

    @property
    def table(self) -> list[list[tuple[str, object]]]:
        """The rows with each cell's header beside it (for the stacked table on a phone)."""
        return [list(zip(self.headers, row, strict=True)) for row in self.rows]


def norwegian_number(value) -> str:
    """41.5 -> '41,5'; 1200 -> '1 200' (non-breaking space), for axis labels."""
    if value is None:
        return ""
    number = float(value)
    if number == int(number) and abs(number) < 1e15:
        return f"{int(number):,}".replace(",", "\u00a0")
    return f"{number:,.2f}".rstrip("0").rstrip(".").replace(",", "\u00a0").replace(".", ",")


def norwegian_date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.strftime("%d.%m.%Y") if value else ""


def date_chart(
    *,
    chart_id: str,
    title: str,
    series: Sequence[Series],
    value_format: Callable = norwegian_number,
    y_range: tuple[float, float] | None = None,
    width: int = 640,
    height: int = 300,
) -> SafeString:
    """An SVG line chart over dates; `chart_id` makes the ids unique on a page."""
    chart = pygal.DateLine(
        style=Style(
            font_family=FONT,
            background="#ffffff",
            plot_background="#ffffff",
            foreground=FOREGROUND,
            foreground_strong=FOREGROUND,
            foreground_subtle=SUBTLE,
            colors=COLOURS,
            label_font_size=12,
            major_label_font_size=12,
            legend_font_size=13,
            title_font_size=15,
        ),
        js=[],
        css=[],
        disable_xml_declaration=True,
        no_prefix=True,
        width=width,
        height=height,
        explicit_size=False,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        show_x_guides=False,
        x_label_rotation=0,
        truncate_label=-1,
        truncate_legend=-1,
        x_value_formatter=lambda day: f"{day:%Y}",
        x_labels=_years(series),
        min_scale=3,
        max_scale=6,
        value_formatter=value_format,
        range=y_range,
        margin=16,
    )
    chart.title = None  # the page shows the title; the SVG names itself in <title>
    for one in series:
        points = [(day, float(value)) for day, value in one.points]
        chart.add(one.label, points or [None], stroke=one.line, dots_size=one.dot_size)
    tree = chart.render_tree()
    return _clean(tree, chart_id=chart_id, title=title)


def _years(series: Sequence[Series]) -> list[datetime.date]:
    """1 January of every year the chart spans: the x axis's labels."""
    days = [day for one in series for day, _value in one.points]
    if not days:
        return []
    return [datetime.date(year, 1, 1) for year in range(min(days).year, max(days).year + 2)]


# --- Making pygal's SVG stand on its own ---------------------------------------------------

DROP = {"script", "style", "desc", "defs"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _clean(root, *, chart_id: str, title: str) -> SafeString:
    _strip(root)
    root.attrib.pop("id", None)
    root.set("xmlns", SVG_NS)
    title_id = f"{chart_id}-title"
    for old in [child for child in root if _local(child.tag) == "title"]:
        root.remove(old)
    heading = ElementTree.Element("title", {"id": title_id})
    heading.text = title
    root.insert(0, heading)
    root.set("role", "img")
    root.set("aria-labelledby", title_id)
    root.set("class", "chart")
    root.set("width", "100%")
    root.set("font-family", FONT)
    root.set("fill", FOREGROUND)
    _paint(root, ancestors=[])
    svg = ElementTree.tostring(root, encoding="unicode", short_empty_elements=True)
    return mark_safe(svg)  # noqa: S308 – built by ElementTree, which escapes every text


def _strip(element) -> None:
    """Remove scripts, styles, tooltips, comments, pygal's ids and style attributes."""
    for child in list(element):
        tag = child.tag if isinstance(child.tag, str) else ""
        classes = _classes(child)
        if (
            not tag  # a comment («Generated with pygal … on <date>»)
            or _local(tag) in DROP
            or "tooltip-overlay" in classes
            or (_local(tag) == "title" and _local(element.tag) != "svg")
        ):
            element.remove(child)
            continue
        child.attrib.pop("id", None)
        child.attrib.pop("style", None)
        _strip(child)


def _paint(element, ancestors: list[set[str]]) -> None:
    """pygal's CSS (style.css, graph.css) as presentation attributes."""
    classes = _classes(element)
    tag = _local(element.tag)
    inside = set().union(*ancestors) if ancestors else set()
    colour = next(
        (COLOURS[int(c.split("-")[1]) % len(COLOURS)] for c in classes | inside if _is_colour(c)),
        None,
    )
    if tag == "rect" and "background" in classes:
        element.set("fill", "#ffffff")
    elif tag == "path" and "guide" in classes and "x" in inside:
        element.set("stroke", "none")  # pygal hides the vertical guides (graph.css)
        element.set("fill", "none")
    elif tag == "path" and "guide" in classes:
        element.set("fill", "none")
        element.set("stroke", GUIDE if "major" not in classes else "#b8b8b8")
        element.set("stroke-width", "1")
    elif tag == "path" and "axis" in inside:
        element.set("fill", "none")
        element.set("stroke", FOREGROUND)
    elif tag == "path" and colour:
        element.set("fill", "none" if "nofill" in classes else colour)
        element.set("stroke", colour)
        element.set("stroke-width", "2")
    elif tag in ("circle", "rect") and colour:
        element.set("fill", colour)
        element.set("stroke", colour)
    elif tag == "text":
        element.set("fill", FOREGROUND)
        if "axis" in inside:
            element.set("font-size", "12")
            if "y" in inside:
                element.set("text-anchor", "end")
            elif "x" in inside:
                element.set("text-anchor", "middle")
        elif "legends" in inside:
            element.set("font-size", "13")
        elif "title" in classes:
            element.set("text-anchor", "middle")
    for child in element:
        _paint(child, [*ancestors, classes])


def _is_colour(name: str) -> bool:
    return name.startswith("color-") and name[6:].isdigit()
