"""The portfolio generator, at a tiny size: what it makes, that the same seed makes the same
portfolio, and that it keeps the history."""

from datetime import timedelta

import pytest
from django.db import transaction

from accounts.models import Unit
from portfolio.generate import generate_portfolio
from portfolio.models import (
    ActionPlan,
    BudgetLine,
    Lesson,
    PlanSubmission,
    Project,
    StatusReport,
)

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


def _fingerprint() -> dict:
    return {
        "projects": list(
            Project.objects.order_by("pk").values_list(
                "title", "status", "kind", "owner_unit__name", "start_date"
            )
        ),
        "areas": list(Project.areas.through.objects.order_by("pk").values_list("area__slug")),
        "reports": list(StatusReport.objects.order_by("pk").values_list("date", "rag")),
        "lines": list(BudgetLine.objects.order_by("pk").values_list("year", "source", "planned")),
        "lessons": list(Lesson.objects.order_by("pk").values_list("title", "date", "tags")),
    }


def _generate_and_undo(**kwargs) -> dict:
    try:
        with transaction.atomic():
            generate_portfolio(**kwargs)
            fingerprint = _fingerprint()
            raise _Undo
    except _Undo:
        return fingerprint


def test_it_makes_a_small_portfolio_in_proportion():
    made = generate_portfolio(projects=12, seed=7)
    assert made.projects == Project.objects.count() == 12
    assert made.lessons == Lesson.objects.count() == 48
    assert made.status_reports == StatusReport.objects.count()
    assert 40 <= made.status_reports <= 200  # about ten per project
    assert BudgetLine.objects.exists()
    assert set(BudgetLine.objects.values_list("year", flat=True)) <= {2026, 2027, 2028}
    assert Unit.objects.count() >= 12
    assert len({p.title for p in Project.objects.all()}) == 12


def test_a_scale_gives_about_150_projects_per_unit_of_scale():
    assert generate_portfolio(scale=0.04, seed=1).projects == 6


def test_the_generated_objects_are_valid():
    generate_portfolio(projects=8, seed=2)
    for model in (Project, BudgetLine, StatusReport, Lesson):
        for instance in model.objects.all():
            instance.full_clean()


def test_the_action_plans_are_approved_for_2026_and_a_draft_for_2027():
    generate_portfolio(projects=10, seed=3)
    assert ActionPlan.objects.get(year=2026).status == ActionPlan.Status.APPROVED
    assert ActionPlan.objects.get(year=2026).projects.exists()
    submission = PlanSubmission.objects.get(plan__year=2026)
    assert submission.decision == PlanSubmission.Decision.APPROVED
    assert ActionPlan.objects.get(year=2027).status == ActionPlan.Status.DRAFT
    assert not PlanSubmission.objects.filter(plan__year=2027).exists()


def test_the_same_seed_gives_the_same_portfolio_and_another_seed_another():
    first = _generate_and_undo(projects=6, seed=11)
    again = _generate_and_undo(projects=6, seed=11)
    other = _generate_and_undo(projects=6, seed=12)
    assert first == again
    assert first != other


def test_everything_it_makes_has_history():
    made = generate_portfolio(projects=5, seed=4)
    assert Project.history.filter(history_type="+").count() == 5
    assert StatusReport.history.count() == made.status_reports
    assert BudgetLine.history.count() == made.budget_lines
    assert Lesson.history.count() == made.lessons
    assert ActionPlan.history.filter(year=2026).exists()
    assert Project.history.first().history_user is not None


def test_it_uses_the_people_it_is_given(people):
    leader = people["programme_leader"]
    generate_portfolio(projects=4, seed=5, users=[leader, people["change_leader"]])
    assert set(Project.objects.values_list("created_by", flat=True)) == {leader.pk}
    authors = set(Lesson.objects.values_list("author", flat=True))
    assert authors <= {leader.pk, people["change_leader"].pk}


def test_the_history_follows_the_apps_own_rules(db):
    """Item 27 of issue 9: the demo is what a new user judges the product by."""
    from django.utils import timezone

    from portfolio.models import ActionPlan, CriterionAssessment, ProjectEvent
    from portfolio.services.lessons import lessons_so_far

    today = timezone.localdate()
    generate_portfolio(projects=25, seed=2026)
    S = Project.Status
    for project in Project.objects.all():
        assessed = CriterionAssessment.objects.filter(project=project).count()
        if project.status != S.PROPOSAL:
            assert assessed == 5, f"{project} ({project.status}) has {assessed} assessments"
        if project.status in (S.IN_PORTFOLIO, S.HANDED_OVER, S.CLOSED, S.STOPPED):
            assert project.ownership_accepted_at is not None
        if project.status in (S.PROPOSAL, S.ASSESSED, S.REJECTED):
            spent = sum(project.budget_lines.values_list("spent", flat=True))
            assert spent == 0, f"{project} was never admitted but has spent {spent} kr"
        events = list(ProjectEvent.objects.filter(project=project).order_by("at", "pk"))
        assert events and events[0].kind == ProjectEvent.Kind.CREATED
        assert all(e.at <= timezone.now() for e in events)
        assert project.created_at.date() < today
        statuses = [e.to_status for e in events if e.kind == ProjectEvent.Kind.STATUS]
        if project.status != S.PROPOSAL:
            assert statuses[-1] == project.status
    plan = ActionPlan.objects.get(year=2026)
    decided = plan.submissions.get()
    assert decided.meeting_date <= today - timedelta(days=14)
    assert decided.submitted_at.date() < decided.meeting_date
    assert decided.comments.exists()
    assert lessons_so_far().exists(), "«lærdommer så langt» must have lessons in the demo"
