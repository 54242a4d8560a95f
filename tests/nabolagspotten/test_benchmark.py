"""The benchmark command, run at the smallest size that still has every page to measure
(10 and 20 applications in one year, one timed request): it prints one table with a row per
page and three columns (median, p95, queries) per scale, measures every page (none «not
built»), and says whether the query counts held; then the case list and the payments list
against the Django admin. Not a timing assertion: the benchmark's
figures come from running the command."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.heavy

PAGES = [
    "cases",
    "cases, round + area + search «sommerfest»",
    "case (a paid one)",
    "public_home",
    "eligibility",
    "grants",
    "payments export xlsx",
    "payments export csv",
    "decision letter PDF (stored)",
]


def test_the_benchmark_prints_a_table_for_each_page_and_scale(
    django_db_blocker, benchmark_databases_copied_from_the_test_database
):
    out, err = io.StringIO(), io.StringIO()
    name_before = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        call_command(
            "benchmark_nabolagspotten",
            "--applications",
            "20",
            "--years",
            "1",
            "--scales",
            "0.5",
            "1",
            "--requests",
            "1",
            stdout=out,
            stderr=err,
        )
    assert connection.settings_dict["NAME"] == name_before  # back on the database it was on
    lines = out.getvalue().strip().splitlines()
    split = lines.index("")  # the pages' table, then the comparison with the admin
    lines, versus_admin = lines[:split], lines[split + 1 :]
    table = [line for line in lines if line.startswith("|")]
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    assert header == [
        "page",
        "scale 0.5 median ms",
        "p95 ms",
        "queries",
        "scale 1 median ms",
        "p95 ms",
        "queries",
    ]
    rows = {row.strip("|").split("|")[0].strip(): row for row in table[2:]}
    assert set(PAGES) <= set(rows)
    for page, row in rows.items():
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 7, page
        assert "not built" not in cells, page
        for median, p95, queries in (cells[1:4], cells[4:7]):
            assert float(p95) >= float(median) >= 0  # numbers
            assert int(queries) > 0, f"{page}: {queries}"  # measured, and answered 200
    assert lines[-1].startswith("Query counts equal at every scale:")
    assert "10 applications" in err.getvalue() and "20 applications" in err.getvalue()
    comparison = [line for line in versus_admin if line.startswith("|")]
    listed = {row.strip("|").split("|")[0].strip(): row for row in comparison[2:]}
    assert set(listed) == {"case list", "payments list"}
    for page, row in listed.items():
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert "HTTP" not in row, page  # both answered 200
        float(cells[3])  # the ratio
    assert versus_admin[-1].startswith("Our query counts equal at every scale:")
