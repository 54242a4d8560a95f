"""What the register shows elsewhere: the home page's panels for change and project leaders
(benefits/home.py) and the benefits section of the project page (benefits/project.py,
composed by the top floor)."""

import datetime

import pytest
from django.urls import reverse

from benefits.home import home_panels
from benefits.models import Baseline, Indicator
from benefits.services import benefits as services
from benefits.services import plans as plan_services
from portfolio.models import Goal
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def project(people):
    owner = people["change_leader"]
    return ProjectFactory(
        owner_unit=owner.unit, project_leader=people["project_leader"], created_by=owner
    )


def _benefit(people, project, title="Økt opplevd trygghet i Lademoen", kind="direkte"):
    owner = people["change_leader"]
    benefit = services.benefit_create(
        by=owner,
        title=title,
        description="Flere føler seg trygge.",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=owner.unit,
        contributions=[(project, kind)],
    )
    indicator = Indicator.objects.create(
        benefit=benefit, name="Andel trygge", unit="prosent", frequency="aar"
    )
    Baseline.objects.create(indicator=indicator, value=40, measured_on=D(2022, 6, 1), source="x")
    return benefit, indicator


def _panels(user):
    return {panel.key: panel for panel in home_panels(user)}


def test_the_change_leader_sees_own_benefits_due_measurements_and_approvals(people, project):
    benefit, indicator = _benefit(people, project)
    services.measurement_record(
        indicator=indicator,
        by=people["project_leader"],
        period_end=D(2022, 12, 31),
        value=42,
        awaiting=True,
    )
    panels = _panels(people["change_leader"])
    (owned,) = panels["benefits-owned"].items
    assert owned.url == benefit.get_absolute_url() and benefit.title in owned.text
    (due,) = panels["benefits-due"].items
    assert due.url == reverse("benefits:measurement_create", args=[benefit.pk, indicator.pk])
    assert "31.12.2023" in due.text and due.overdue  # years 2023, 2024, 2025 are missing
    assert "perioder mangler" in due.text
    (waiting,) = panels["benefits-to-approve"].items
    assert waiting.count == 1 and waiting.url == benefit.get_absolute_url()


def test_the_project_leader_sees_the_measurements_due_on_their_projects(people, project):
    _benefit(people, project)
    panels = _panels(people["project_leader"])
    assert list(panels) == ["benefits-project-due"]
    assert len(panels["benefits-project-due"].items) == 1


def test_others_see_no_benefit_panels(people, project):
    _benefit(people, project)
    for name in ("board_member", "case_handler", "outsider"):
        assert home_panels(people[name]) == []


def test_the_panels_take_the_same_queries_for_more_benefits(
    people, project, django_assert_max_num_queries
):
    _benefit(people, project)
    home_panels(people["change_leader"])
    for i in range(10):
        _benefit(people, project, title=f"Gevinst {i}")
    with django_assert_max_num_queries(4):
        panels = _panels(people["change_leader"])
    assert len(panels["benefits-due"].items) == 9  # eight shown and «see all»


def test_the_home_page_shows_the_benefit_panels(client_for, people, project):
    _benefit(people, project)
    html = client_for("change_leader").get(reverse("home")).content.decode()
    assert 'data-panel="benefits-owned"' in html and 'data-panel="benefits-due"' in html


def test_the_project_page_lists_the_projects_benefits(client_for, people, project):
    benefit, _indicator = _benefit(people, project)
    _benefit(people, ProjectFactory(created_by=people["change_leader"]), title="Annen gevinst")
    html = client_for("board_member").get(project.get_absolute_url()).content.decode()
    assert 'id="section-benefits-heading"' in html
    assert benefit.get_absolute_url() in html and "Direkte" in html
    assert "Annen gevinst" not in html


def test_the_project_pages_queries_do_not_grow_with_its_benefits(
    client_for, people, project, django_assert_max_num_queries
):
    client = client_for("programme_leader")
    _benefit(people, project)
    client.get(project.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(project.get_absolute_url())
    for i in range(5):
        _benefit(people, project, title=f"Gevinst {i}", kind="indirekte")
    client.get(project.get_absolute_url())
    with CaptureQueriesContext(connection) as six:
        html = client.get(project.get_absolute_url()).content.decode()
    assert html.count("Indirekte") == 5
    assert len(six) == len(one)


def test_a_project_page_without_benefits_says_so(client_for, project):
    html = client_for("project_leader").get(project.get_absolute_url()).content.decode()
    assert "Ingen gevinster er knyttet til prosjektet ennå." in html


def test_the_project_page_shows_the_plan_and_its_state(client_for, people, project):
    _benefit(people, project)
    client = client_for("programme_leader")
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Prosjektet har ingen gevinstrealiseringsplan ennå." in html
    assert reverse("benefits:plans") in html
    plan = plan_services.plan_create(by=people["programme_leader"], project=project)
    html = client.get(project.get_absolute_url()).content.decode()
    assert plan.get_absolute_url() in html
    assert "Prosjektets gevinstrealiseringsplan</a>: Utkast (Versjon 1)" in html
    plan = plan_services.plan_update(
        plan=plan,
        by=people["programme_leader"],
        milestones="2026: tiltak i gang",
        responsibilities="Endringsleder i enheten",
        into_operations="Enheten viderefører tiltaket.",
    )
    plan_services.plan_submit(plan=plan, by=people["programme_leader"])
    html = client_for("board_member").get(project.get_absolute_url()).content.decode()
    assert "Prosjektets gevinstrealiseringsplan</a>: Sendt til programstyret" in html
    assert "Opprett en fra plansiden" not in html


def test_the_project_page_with_a_plan_takes_flat_queries(
    client_for, people, project, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("programme_leader")
    _benefit(people, project)
    plan_services.plan_create(by=people["programme_leader"], project=project)
    client.get(project.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(project.get_absolute_url())
    for i in range(4):
        _benefit(people, project, title=f"Gevinst {i}")
    with django_assert_max_num_queries(len(one)):
        html = client.get(project.get_absolute_url()).content.decode()
    assert "Gevinst 3" in html and "Utkast" in html
