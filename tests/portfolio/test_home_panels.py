"""«Venter på deg»: each role's to-do list with counts and dates, each item a link
(portfolio/home.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.panels import Panel
from portfolio.home import home_actions, home_panels
from portfolio.models import Project
from tests.factories import ActionPlanFactory, LessonFactory, ProjectFactory, StatusReportFactory
from tests.portfolio.factories_plans import portfolio_project, submitted_plan
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _panel(panels: list[Panel], key: str) -> Panel:
    found = [panel for panel in panels if panel.key == key]
    assert found, f"no panel {key} in {[p.key for p in panels]}"
    return found[0]


def test_a_project_leader_sees_an_overdue_and_a_due_status_report_with_their_dates(
    people, settings
):
    settings.PORTFOLIO_STALE_REPORT_DAYS = 90
    leader = people["project_leader"]
    overdue = ProjectFactory(
        status=Project.Status.IN_PORTFOLIO, project_leader=leader, title="Gatetun"
    )
    StatusReportFactory(project=overdue, date=TODAY - timedelta(days=120), author=leader)
    soon = ProjectFactory(
        status=Project.Status.IN_PORTFOLIO, project_leader=leader, title="Parsellhage"
    )
    StatusReportFactory(project=soon, date=TODAY - timedelta(days=80), author=leader)
    fresh = ProjectFactory(status=Project.Status.IN_PORTFOLIO, project_leader=leader, title="Kafé")
    StatusReportFactory(project=fresh, date=TODAY - timedelta(days=5), author=leader)
    never = ProjectFactory(status=Project.Status.IN_PORTFOLIO, project_leader=leader, title="Språk")

    items = _panel(home_panels(leader), "portfolio-reports-due").items
    by_url = {item.url: item for item in items}
    first = by_url[reverse("portfolio:status_report_create", args=[overdue.pk])]
    assert first.overdue and first.date == TODAY - timedelta(days=30)
    second = by_url[reverse("portfolio:status_report_create", args=[soon.pk])]
    assert not second.overdue and second.date == TODAY + timedelta(days=10)
    assert by_url[reverse("portfolio:status_report_create", args=[never.pk])].overdue
    assert reverse("portfolio:status_report_create", args=[fresh.pk]) not in by_url


def test_the_programme_leader_sees_red_and_stale_projects_and_the_next_plan(people, settings):
    settings.PORTFOLIO_STALE_REPORT_DAYS = 90
    red = ProjectFactory(status=Project.Status.IN_PORTFOLIO, title="Utrygg undergang")
    StatusReportFactory(project=red, rag="rod", date=TODAY - timedelta(days=3))
    stale = ProjectFactory(status=Project.Status.IN_PORTFOLIO)
    StatusReportFactory(project=stale, date=TODAY - timedelta(days=215))
    plan = ActionPlanFactory(year=TODAY.year + 1, created_by=people["programme_leader"])

    panels = home_panels(people["programme_leader"])
    (red_item,) = _panel(panels, "portfolio-red").items
    assert red_item.url == red.get_absolute_url() and red_item.date == TODAY - timedelta(days=3)
    (stale_item,) = _panel(panels, "portfolio-stale").items
    assert stale_item.count == 1
    assert stale_item.date == TODAY - timedelta(days=215)
    assert "stale=1" in stale_item.url
    (plan_item,) = _panel(panels, "portfolio-plans-to-write").items
    assert plan_item.url == plan.get_absolute_url()


def test_the_board_sees_the_plan_waiting_and_the_lessons_since_its_last_decision(people):
    submitted_plan([portfolio_project()], by=people["programme_leader"])
    LessonFactory.create_batch(3, date=TODAY - timedelta(days=2))
    panels = home_panels(people["board_member"])
    (waiting,) = _panel(panels, "portfolio-plans-to-decide").items
    assert waiting.url == reverse("portfolio:submission", args=[2027, 1])
    assert waiting.date == TODAY
    (lessons,) = _panel(panels, "portfolio-lessons-so-far").items
    assert lessons.count == 3
    assert lessons.url == reverse("portfolio:lessons_so_far")


def test_the_board_page_lists_it_all_as_links(client_for, people):
    submitted_plan([portfolio_project()], by=people["programme_leader"])
    LessonFactory.create_batch(2)
    html = client_for("board_member").get(reverse("home")).content.decode()
    assert nb("Action plans waiting for your decision") in html
    assert reverse("portfolio:submission", args=[2027, 1]) in html
    assert reverse("portfolio:lessons_so_far") in html


def test_the_programme_leader_has_a_shortcut_to_register_a_proposal(client_for, people):
    assert reverse("portfolio:project_create") in [
        a.url for a in home_actions(people["programme_leader"])
    ]
    assert reverse("portfolio:project_create") not in [
        a.url for a in home_actions(people["board_member"])
    ]
    html = client_for("programme_leader").get(reverse("home")).content.decode()
    assert nb("Register a proposal") in html


def test_the_home_page_query_count_does_not_grow_with_red_and_stale_projects(
    client_for, people, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("programme_leader")
    for _ in range(2):
        StatusReportFactory(project=ProjectFactory(status=Project.Status.IN_PORTFOLIO), rag="rod")
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(12):
        StatusReportFactory(
            project=ProjectFactory(status=Project.Status.IN_PORTFOLIO),
            rag="rod",
            date=TODAY - timedelta(days=400),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))
