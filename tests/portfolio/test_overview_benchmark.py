"""The benchmark command, run at the smallest size that still has every page to measure
(2 and 3 projects, one timed request): it prints one table with a row per page and three
columns (median, p95, queries) per scale, and says whether the query counts held. The
benchmark's figures come from running the command, not from this test."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.heavy


def test_the_benchmark_prints_a_table_for_each_page_and_scale(
    django_db_blocker, benchmark_databases_copied_from_the_test_database
):
    out, err = io.StringIO(), io.StringIO()
    name_before = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        call_command(
            "benchmark_portfolio",
            "--scales",
            "0.01",
            "0.02",
            "--requests",
            "1",
            stdout=out,
            stderr=err,
        )
    assert connection.settings_dict["NAME"] == name_before  # back on the database it was on
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
    for page in ["overview", "overview, htmx fragment", "export xlsx", "export csv", "structure"]:
        cells = [cell.strip() for cell in rows[page].strip("|").split("|")]
        assert len(cells) == 7
        float(cells[1]), float(cells[2]), int(cells[3])  # numbers, and every page answered 200
    assert lines[-1].startswith("Query counts equal at every scale:")
    assert "2 projects" in err.getvalue() and "3 projects" in err.getvalue()
