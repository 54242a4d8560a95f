"""The portfolio overview's filter and flag for projects in the portfolio without an
approved benefit-realisation plan (portfolio/services/overview.py looks the plan up by its
related name, `benefit_plan`, without importing the benefits)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benefits.services import plans as plan_services
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = reverse("portfolio:overview")


def _project(people, title, status="i_portefoljen"):
    return ProjectFactory(
        title=title,
        status=status,
        owner_unit=people["change_leader"].unit,
        created_by=people["programme_leader"],
    )


def _plan(people, project):
    return plan_services.plan_create(by=people["programme_leader"], project=project)


@pytest.fixture
def projects(people):
    """Four projects in the portfolio: without a plan, with a draft, with an approved plan
    and with one approved with conditions; and a proposal without a plan."""
    from tests.benefits.test_home_and_project import _benefit

    made = {}
    for key in ("none", "draft", "approved", "conditions"):
        made[key] = _project(people, f"Prosjekt {key}")
    made["proposal"] = _project(people, "Prosjekt forslag", status="forslag")
    _plan(people, made["draft"])
    for key, decision in (("approved", "godkjent"), ("conditions", "godkjent_med_vilkar")):
        _benefit(people, made[key])
        plan = plan_services.plan_create(by=people["programme_leader"], project=made[key])
        plan = plan_services.plan_update(
            plan=plan,
            by=people["programme_leader"],
            milestones="2026: tiltak i gang",
            responsibilities="Endringsleder",
            into_operations="Enheten viderefører tiltaket.",
        )
        submission = plan_services.plan_submit(plan=plan, by=people["programme_leader"])
        extra = {"conditions": "Rapporter halvårlig."} if decision != "godkjent" else {}
        plan_services.submission_decide(
            submission=submission,
            by=people["board_member"],
            decision=decision,
            meeting_date=timezone.localdate(),
            decision_text="Styret godkjenner planen.",
            **extra,
        )
    return made


def _titles(response):
    return {project.title for project in response.context["page"].object_list}


def test_the_filter_keeps_projects_in_the_portfolio_without_an_approved_plan(client_for, projects):
    client = client_for("programme_leader")
    everything = _titles(client.get(URL))
    assert {p.title for p in projects.values()} <= everything
    response = client.get(URL, {"no_benefit_plan": "1"})
    assert response.status_code == 200
    assert _titles(response) == {"Prosjekt none", "Prosjekt draft"}
    html = response.content.decode()
    assert "Bare prosjekter i porteføljen uten godkjent gevinstrealiseringsplan" in html
    assert 'name="no_benefit_plan" value="1" id="id_no_benefit_plan" checked' in html


def test_the_flag_marks_only_projects_in_the_portfolio_without_an_approved_plan(
    client_for, projects
):
    response = client_for("board_member").get(URL)
    flagged = {p.title for p in response.context["page"].object_list if p.lacks_benefit_plan}
    assert flagged == {"Prosjekt none", "Prosjekt draft"}
    html = response.content.decode()
    assert html.count("Ingen godkjent gevinstplan</span>") == 2


def test_the_overviews_queries_stay_flat_with_the_filter(client_for, people, projects):
    client = client_for("programme_leader")
    params = {"no_benefit_plan": "1", "status": ["i_portefoljen"]}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, params)
    for i in range(6):
        project = _project(people, f"Ekstra {i}")
        if i % 2:
            _plan(people, project)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, params)
    assert len(_titles(response)) == 8
    assert len(many) == len(few)
