"""Helpers for the action plan tests: projects in the portfolio with money for a year, and
plans sent to the board."""

from portfolio.models import Area, Project
from portfolio.services import plans as services
from tests.factories import ActionPlanFactory, BudgetLineFactory, ProjectFactory


def portfolio_project(*, title=None, areas=None, planned=None, year=2027, **kwargs) -> Project:
    """A project in the portfolio with budget lines for `year`; `planned` maps a funding
    source to kroner, e.g. {"kdd": 100_000, "kommunal": 50_000}."""
    if title is not None:
        kwargs["title"] = title
    if areas is not None:
        kwargs["areas"] = [Area.objects.get(name=name) for name in areas]
    project = ProjectFactory(status=Project.Status.IN_PORTFOLIO, **kwargs)
    for source, amount in (planned if planned is not None else {"kdd": 100_000}).items():
        funder = "EU-prosjektet ClimaGen" if source == "ekstern" else ""
        BudgetLineFactory(project=project, year=year, source=source, planned=amount, funder=funder)
    return project


def plan_with(projects, *, by, year=2027, introduction="Innledning til planen."):
    plan = ActionPlanFactory(year=year, introduction=introduction, created_by=by)
    plan.projects.set(projects)
    return plan


def submitted_plan(projects, *, by, year=2027):
    plan = plan_with(projects, by=by, year=year)
    submission = services.plan_submit(plan=plan, by=by)
    plan.refresh_from_db()
    return plan, submission
