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
    # The year's action plan: the board's decision on the 2026 plan, planned against ran.
    plan = annual.snapshot["plan"]
    assert plan["exists"] and plan["decision"] and plan["version"] and plan["meeting_date"]
    assert plan["planned"] and any(row["ran"] for row in plan["planned"])
    # Money: the state's funding against the municipality's share.
    money = annual.snapshot["money"]
    assert money["state"]["planned"] > 0 and money["municipal"]["planned"] > 0
    # Reporting to the state: per focus area its projects, money and indicators.
    areas = annual.snapshot["state"]["focus_areas"]
    assert len(areas) == 4 and all(area["projects"] for area in areas)
    assert any(area["indicators"] for area in areas)
    pack = Report.objects.get(kind=Report.Kind.BOARD)
    assert pack.status == Report.Status.DONE
    assert "lessons" in pack.snapshot

    seed_demo()
    assert Report.objects.count() == 2
