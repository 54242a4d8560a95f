"""The benchmark command, run at the smallest size that still has every page to measure
(2 and 3 projects, one timed request): it prints one table with a row per page and three
columns (median, p95, queries) per scale, says whether the query counts held, and a second
table comparing the list pages with the Django admin. The benchmark's figures come from
running the command, not from this test."""

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
    split = lines.index("")  # the pages' table, then the comparison with the admin
    pages, versus_admin = lines[:split], lines[split + 1 :]
    table = [line for line in pages if line.startswith("|")]
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
    assert pages[-1].startswith("Query counts equal at every scale:")
    comparison = [line for line in versus_admin if line.startswith("|")]
    header = [cell.strip() for cell in comparison[0].strip("|").split("|")]
    assert header[:4] == [
        "list page",
        "scale 0.01 ours median ms",
        "admin median ms",
        "ours / admin",
    ]
    listed = {row.strip("|").split("|")[0].strip(): row for row in comparison[2:]}
    assert set(listed) == {
        "portfolio overview",
        "lessons list",
        "lessons search, common «møteplass»",
        "lessons search, rare «tolk»",
    }
    for row in listed.values():
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        float(cells[3])  # the ratio
        assert "HTTP" not in row  # both pages answered 200
    assert versus_admin[-2].startswith("Highest ratio:")
    assert versus_admin[-1].startswith("Our query counts equal at every scale:")
    assert "2 projects" in err.getvalue() and "3 projects" in err.getvalue()
