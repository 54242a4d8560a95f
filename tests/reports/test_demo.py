"""`seed_demo` builds the demo's reports with the report task: the 2026 annual report,
published, and a board report pack; once."""

import pytest

from omradesatsing.demo import seed_demo
from reports.models import Report

pytestmark = [pytest.mark.django_db, pytest.mark.heavy]


def test_seed_demo_publishes_the_2026_annual_report_and_builds_a_board_pack_once():
    seed_demo()
    annual = Report.objects.get(kind=Report.Kind.ANNUAL)
    assert (annual.year, annual.status) == (2026, Report.Status.DONE)
    assert annual.is_published and annual.public_pdf and annual.pdf and annual.xlsx
    assert annual.snapshot["portfolio"]["total"] > 0
    assert annual.snapshot["nabolagspotten"]["rows"]
    pack = Report.objects.get(kind=Report.Kind.BOARD)
    assert pack.status == Report.Status.DONE
    assert "lessons" in pack.snapshot

    seed_demo()
    assert Report.objects.count() == 2
