"""The benchmark command at the smallest sizes (one timed request): a table with a row per
page and three columns per scale, every page answered 200, and the verdict on the query
counts. The figures come from running the command, not from this test."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.heavy


def test_the_risk_benchmark_prints_a_row_per_page_and_scale(
    django_db_blocker, benchmark_databases_copied_from_the_test_database
):
    out, err = io.StringIO(), io.StringIO()
    with django_db_blocker.unblock():
        call_command(
            "benchmark_risk", "--scales", "0.01", "0.02", "--requests", "1", stdout=out, stderr=err
        )
    lines = out.getvalue().strip().splitlines()
    rows = {
        line.strip("|").split("|")[0].strip(): [c.strip() for c in line.strip("|").split("|")]
        for line in lines[3:]
        if line.startswith("|")
    }
    assert set(rows) == {
        "programme roll-up heat map",
        "register list",
        "area register",
        "risk page",
        "snapshot diff",
        "XLSX export, roll-up",
        "risk_report(since, until)",
    }
    for cells in rows.values():
        assert len(cells) == 7
        float(cells[1]), float(cells[2]), int(cells[3]), int(cells[6])  # every page said 200
    assert lines[-1] == "Query counts equal at every scale: yes"
    assert err.getvalue().count(" risks, ") == 2  # one line per scale
