"""The benchmark command, run at the smallest size that still has every page to measure
(10 and 20 applications in one year, one timed request): it prints one table with a row per
page and three columns (median, p95, queries) per scale, measures every page (none «not
built»), and says whether the query counts held. Not a timing assertion: the benchmark's
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
