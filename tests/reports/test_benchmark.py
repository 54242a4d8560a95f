"""The report benchmark command at the smallest sizes: a row per section with its time and
queries at each scale, the files, the total and the public PDF; the PDFs' pages and the
workbook's sheets; and the verdict on the query counts. The figures in docs/reports.md
come from running the command at scales 1 and 10, not from this test."""

import io

import pytest
from django.core.management import call_command

from reports import sections

pytestmark = pytest.mark.heavy


def test_the_report_benchmark_prints_each_section_and_the_files_at_every_scale(
    django_db_blocker, benchmark_databases_copied_from_the_test_database
):
    out, err = io.StringIO(), io.StringIO()
    with django_db_blocker.unblock():
        call_command("benchmark_reports", "--scales", "0.01", "0.02", stdout=out, stderr=err)
    lines = out.getvalue().strip().splitlines()
    rows = {
        line.strip("|").split("|")[0].strip(): [c.strip() for c in line.strip("|").split("|")]
        for line in lines[2:]
        if line.startswith("|")
    }
    keys = [section.key for section in sections.ANNUAL]
    assert list(rows) == [*keys, "files", "total", "public_pdf"]
    for key in keys:
        cells = rows[key]
        assert len(cells) == 5
        float(cells[1]), float(cells[3])  # seconds at each scale
        assert int(cells[2]) == int(cells[4]) > 0  # the same queries at both scales
    assert float(rows["total"][1]) >= float(rows["files"][1]) > 0
    assert float(rows["public_pdf"][1]) > 0
    summaries = [line for line in lines if line.startswith("scale ")]
    assert len(summaries) == 2
    for line in summaries:
        assert " pages, " in line and "workbook" in line and "peak memory" in line
    assert lines[-1] == "Queries per section equal at every scale: yes"
