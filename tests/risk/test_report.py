import datetime

import pytest
from django.utils import timezone

from risk.report import risk_report
from risk.services import programme_register
from tests.risk.helpers import make_risk

pytestmark = pytest.mark.django_db


def _risks(people, how_many: int) -> None:
    for _ in range(how_many):
        risk = make_risk(programme_register(), people["programme_leader"])
        risk.next_review_on = timezone.localdate() - datetime.timedelta(days=1)
        risk.save()


@pytest.mark.parametrize("how_many", [2, 12])
def test_the_report_takes_the_same_queries_at_any_size(people, how_many, django_assert_num_queries):
    _risks(people, how_many)
    today = timezone.localdate()
    with django_assert_num_queries(8):
        report = risk_report(today - datetime.timedelta(days=30), today)
    assert report["counts"]["open"] == how_many
    assert report["events"]["created"] == how_many
    assert len(report["overdue_reviews"]) == how_many
    assert report["counts"]["overdue_reviews"] == how_many
    assert report["overdue_reviews"][0]["reference"].startswith("R-")
    assert report["heat_map"]["total"] == how_many
