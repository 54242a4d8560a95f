"""benefits_report(year): what the annual report takes from benefit realisation, in a fixed
number of queries."""

import datetime

import pytest

from benefits.models import Benefit
from benefits.report import benefits_report
from benefits.services import benefits as services
from tests.reports.world import world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [1, 4])
def test_the_report_takes_the_same_queries_at_any_size(people, size, django_assert_num_queries):
    world(people, size)
    with django_assert_num_queries(8):
        report = benefits_report(2027)
    benefits = [b for goal in report["goals"] for b in goal["benefits"]]
    assert len(benefits) == size
    indicator = benefits[0]["indicators"][0]
    assert indicator["baselines"] == {"2022": 40.0, "2025": 45.0}
    assert indicator["latest"] == {"date": "2027-06-30", "value": 52.0}
    assert indicator["target"] == {"date": "2028-12-31", "value": 60.0}
    assert indicator["status"]
    assert [row[0] for row in indicator["series"]] == [
        "baseline",
        "baseline",
        "measurement",
        "target",
    ]
    assert sum(sum(row["counts"].values()) for row in report["by_area"]) == size


def test_the_benefits_realised_and_handed_over_in_the_year_are_listed(people):
    world(people, 1)
    benefit = Benefit.objects.get()
    by = people["programme_leader"]
    for step in (
        services.benefit_plan,
        services.benefit_start_realisation,
        services.benefit_realise,
    ):
        benefit = step(benefit=benefit, by=by)
    year = datetime.date.today().year
    report = benefits_report(year)
    assert [row["title"] for row in report["realised"]] == [benefit.title]
    assert report["handed_over"] == []
    assert benefits_report(year - 1)["realised"] == []
