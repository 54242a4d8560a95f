"""The benchmark command at the smallest size that still has every page to measure (3 and
6 benefits on a tiny portfolio, one year, one timed request): one table with a row per
page and three columns per scale, every built page answered 200, and the line on whether
the query counts held. The figures come from running the command, not from this test."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

pytestmark = pytest.mark.heavy

PAGES = [
    "register",
    "register, area + goal",
    "benefit page (3 indicators with chart and table)",
    "register export xlsx",
    "register export csv",
    "measurements export xlsx",
    "measurements export csv",
    "measurements export xlsx, built by the task",
    "measurements export csv, built by the task",
    "project page with its benefits",
    "home page of a change leader",
    "benefits map",
    "benefits map, area",
    "benefits map, goal",
    "import dry run (5,000-row CSV file)",
    "indicator with its chart",
    f"benefits_report({timezone.localdate().year})",
]


def test_the_benchmark_prints_a_table_for_each_page_and_scale(
    django_db_blocker, benchmark_databases_copied_from_the_test_database
):
    out, err = io.StringIO(), io.StringIO()
    name_before = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        call_command(
            "benchmark_benefits",
            "--benefits",
            "300",
            "--scales",
            "0.01",
            "0.02",
            "--years",
            "1",
            "--requests",
            "1",
            stdout=out,
            stderr=err,
        )
    assert connection.settings_dict["NAME"] == name_before
    lines = out.getvalue().strip().splitlines()
    table = [line for line in lines if line.startswith("|")]
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    assert header == [
        "page",
        "scale 0.01 median ms",
        "p95 ms",
        "queries",
        "scale 0.02 median ms",
        "p95 ms",
        "queries",
    ]
    rows = {row.strip("|").split("|")[0].strip(): row for row in table[2:]}
    for page in PAGES:
        cells = [cell.strip() for cell in rows[page].strip("|").split("|")]
        assert len(cells) == 7
        float(cells[1]), float(cells[2]), int(cells[3])  # numbers: every page answered 200
    assert lines[-1].startswith("Query counts equal at every scale:")
    assert "3 benefits" in err.getvalue() and "6 benefits" in err.getvalue()
