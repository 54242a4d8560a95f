"""core.charts: pygal's SVG without scripts, styles or repeated ids, labelled for screen
readers, with its colours as attributes, and usable in a WeasyPrint PDF."""

import datetime
from xml.etree import ElementTree

import pytest

from core.charts import Chart, Series, date_chart, norwegian_number
from core.pdf import PdfUnavailable, render_pdf

D = datetime.date


def _svg(title="Trend for «Andel» <script>alert(1)</script>"):
    return date_chart(
        chart_id="indicator-7",
        title=title,
        series=[
            Series("Målinger", [(D(2023, 3, 31), 41.5), (D(2024, 3, 31), 44)]),
            Series("Nullpunkt", [(D(2022, 6, 1), 40), (D(2025, 6, 1), 46)], line=False),
            Series("Mål", [(D(2027, 12, 31), 55)], line=False),
        ],
    )


def _elements(svg):
    root = ElementTree.fromstring(svg)
    return root, list(root.iter())


def test_the_svg_has_no_script_no_style_and_no_style_attribute():
    svg = _svg()
    root, elements = _elements(svg)
    tags = {element.tag.rsplit("}", 1)[-1] for element in elements}
    assert "script" not in tags and "style" not in tags
    assert not [element for element in elements if "style" in element.attrib]
    assert "<script" not in svg and "<style" not in svg and "pygal.config" not in svg
    assert "kozea.github.io" not in svg  # nothing fetched from the network


def test_the_svg_is_an_image_labelled_by_its_escaped_title():
    root, elements = _elements(_svg())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "indicator-7-title"
    (title,) = [e for e in elements if e.tag.endswith("title")]
    assert title.get("id") == "indicator-7-title"
    assert title.text == "Trend for «Andel» <script>alert(1)</script>"  # text, not markup
    ids = [e.get("id") for e in elements if e.get("id")]
    assert ids == ["indicator-7-title"]  # two charts on a page never share an id


def test_colours_and_anchors_are_attributes():
    root, elements = _elements(_svg())
    lines = [e for e in elements if e.tag.endswith("path") and "nofill" in e.get("class", "")]
    assert lines and all(e.get("fill") == "none" and e.get("stroke") for e in lines)
    dots = [e for e in elements if e.tag.endswith("circle")]
    assert len(dots) == 5 and all(e.get("fill", "").startswith("#") for e in dots)
    y_labels = [e for e in elements if e.tag.endswith("text") and e.get("text-anchor") == "end"]
    assert y_labels  # the y axis's numbers stand left of the axis
    texts = {e.text for e in elements if e.tag.endswith("text")}
    assert {"Målinger", "Nullpunkt", "Mål", "2023", "2027"} <= texts


def test_an_empty_series_still_draws():
    svg = date_chart(chart_id="x", title="Tom", series=[Series("Målinger", [])])
    assert svg.startswith("<svg")


def test_numbers_are_written_the_norwegian_way():
    assert norwegian_number(41.5) == "41,5"
    assert norwegian_number(1200) == "1\u00a0200"
    assert norwegian_number(None) == ""


def test_the_chart_keeps_its_table_beside_it():
    chart = Chart("T", "S", _svg(), ["Dato", "Verdi"], [("1. januar 2024", "41,5")])
    assert chart.table == [[("Dato", "1. januar 2024"), ("Verdi", "41,5")]]


def test_the_same_svg_goes_into_a_pdf():
    html = f"<html><body><h1>Årsrapport</h1>{_svg()}</body></html>"
    try:
        pdf = render_pdf(html)
    except PdfUnavailable:
        pytest.fail("WeasyPrint's libraries are missing on this machine")
    assert pdf.startswith(b"%PDF")
