"""The benefits' demo and benchmark data (benefits/generate.py)."""

import pytest

from benefits.generate import PROFILES, generate_benefits
from benefits.models import Baseline, Benefit, BenefitPlan, Indicator, Measurement
from benefits.services.plans import plan_pdfs_missing
from benefits.services.status import indicator_status
from portfolio.models import Goal
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_twenty_benefits_across_the_three_goals_with_both_baselines(people):
    for _i in range(4):
        ProjectFactory(created_by=people["programme_leader"])
    made = generate_benefits(
        owners=[people["change_leader"], people["project_leader"]],
        leader=people["programme_leader"],
    )
    assert made.benefits == Benefit.objects.count() == len(PROFILES) == 21
    assert set(Benefit.objects.values_list("goal__number", flat=True)) == {1, 2, 3}
    assert set(Benefit.objects.values_list("status", flat=True)) == set(Benefit.Status.values)
    assert (
        Benefit.objects.get(status="overfort_til_drift")
        .events.filter(note__contains="HØP")
        .exists()
    )
    for indicator in Indicator.objects.prefetch_related("baselines"):
        assert [b.measured_on.year for b in indicator.baselines.all()] == [2022, 2025]
    years = {d.year for d in Measurement.objects.values_list("period_end", flat=True)}
    assert len(years) >= 3
    assert Measurement.objects.filter(state="venter").exists()
    statuses = {
        indicator_status(i)
        for i in Indicator.objects.prefetch_related("baselines", "targets", "measurements")
    }
    assert len(statuses - {None}) >= 2  # on track and something else
    assert all(b.history.exists() for b in Baseline.objects.all()[:5])
    perceived = Benefit.objects.get(title__contains="(opplevd endring)")
    assert sorted(perceived.indicators.values_list("area__slug", flat=True)) == [
        "lademoen",
        "mollenberg",
        "tempe-sorgenfri",
    ]
    assert Measurement.objects.filter(indicator__benefit=perceived).count() >= 3 * 2
    # Two approved plans (one for a project, one for goal 1), each a frozen version with
    # the board's decision; their PDFs are made by seed_demo with the other missing PDFs.
    plans = BenefitPlan.objects.order_by("pk")
    assert made.plans == plans.count() == 2
    assert {plan.status for plan in plans} == {"godkjent"}
    assert plans[0].project_id and plans[1].goal.number == 1
    for plan in plans:
        (submission,) = plan.submissions.all()
        assert submission.decision == "godkjent" and submission.content["benefits"]
        assert submission.decided_by == people["board_member"]
    assert {s.plan_id for s in plan_pdfs_missing()} == {plan.pk for plan in plans}
    assert (
        generate_benefits(
            owners=[people["change_leader"]], leader=people["programme_leader"]
        ).benefits
        == 0
    )


def test_the_benchmark_scale_repeats_the_profiles(people):
    ProjectFactory(created_by=people["programme_leader"])
    made = generate_benefits(
        owners=[people["change_leader"]],
        leader=people["programme_leader"],
        benefits=25,
        years=5,
        indicators_per_benefit=3,
        frequency="kvartal",
    )
    assert (made.benefits, made.indicators) == (25, 75)
    assert Benefit.objects.filter(title__endswith="(2)").count() == 4
    assert made.measurements >= 75 * 18  # five years of quarters, less the last
    assert Goal.objects.filter(benefits__isnull=False).distinct().count() == 3
