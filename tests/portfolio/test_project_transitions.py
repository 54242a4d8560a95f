"""Ending a project (close, reject, stop) asks for the reason on a confirmation page that
says what happens; admission is disabled, with the reason, while the gate is not passed."""

import pytest
from django.urls import reverse

from portfolio.models import Project, SelectionCriterion
from portfolio.services import projects as services
from tests.factories import ProjectFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(people):
    return ProjectFactory(
        status=Project.Status.IN_PORTFOLIO,
        owner_unit=people["change_leader"].unit,
        created_by=people["programme_leader"],
        title="Gatetun på Lademoen",
    )


def _url(project, action):
    return reverse("portfolio:project_transition", args=[project.pk, action])


@pytest.mark.parametrize("action", ["close", "reject", "stop"])
def test_the_project_page_links_to_a_confirmation_instead_of_an_open_reason_box(
    client_for, project, action
):
    html = client_for("programme_leader").get(project.get_absolute_url()).content.decode()
    assert f'href="{_url(project, action)}"' in html
    assert 'name="reason"' not in html


@pytest.mark.parametrize("action", ["close", "reject", "stop"])
def test_the_confirmation_page_says_what_happens_and_asks_for_the_reason(
    client_for, project, action
):
    response = client_for("programme_leader").get(_url(project, action))
    assert response.status_code == 200
    html = response.content.decode()
    transition = next(t for t in services.available_transitions(project) if t.name == action)
    assert str(transition.consequence) in html
    assert 'name="reason"' in html
    project.refresh_from_db()
    assert project.status == Project.Status.IN_PORTFOLIO  # opening the page changes nothing


def test_confirming_without_a_reason_keeps_the_page_with_the_message_on_the_field(
    client_for, project
):
    response = client_for("programme_leader").post(_url(project, "stop"), {"reason": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert nb("Give the reason.") in html
    assert "ds-error-summary" in html
    project.refresh_from_db()
    assert project.status == Project.Status.IN_PORTFOLIO


def test_confirming_with_a_reason_stops_the_project(client_for, project):
    response = client_for("programme_leader").post(
        _url(project, "stop"), {"reason": "Finansieringen falt bort."}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.STOPPED
    assert project.events.first().note == "Finansieringen falt bort."


def test_a_transition_without_a_reason_has_no_confirmation_page(client_for, project):
    assert client_for("programme_leader").get(_url(project, "hand_over")).status_code == 405


def test_only_the_programme_leader_sees_the_confirmation(client_for, project):
    assert client_for("change_leader").get(_url(project, "stop")).status_code == 403


def test_admission_is_disabled_with_the_reason_while_criteria_are_missing(client_for, people):
    project = ProjectFactory(status=Project.Status.ASSESSED, created_by=people["programme_leader"])
    html = client_for("programme_leader").get(project.get_absolute_url()).content.decode()
    assert 'disabled aria-describedby="admit-blocked"' in html
    assert 'id="admit-blocked"' in html


def test_a_refused_admission_lists_the_gaps_once(client_for, people):
    project = ProjectFactory(status=Project.Status.ASSESSED, created_by=people["programme_leader"])
    for criterion in SelectionCriterion.objects.exclude(number=5):
        services.criterion_assess(
            project=project,
            criterion=criterion,
            by=people["programme_leader"],
            result="oppfylt",
            justification="Ja.",
        )
    response = client_for("programme_leader").post(_url(project, "admit"), {})
    assert response.status_code == 400
    criterion = SelectionCriterion.objects.get(number=5).text
    html = response.content.decode()
    assert html.count(criterion) == 2  # once in the criteria table, once in the gap list


def test_another_units_project_says_the_unit_is_the_reason(client_for, people):
    other = ProjectFactory(created_by=people["programme_leader"])
    response = client_for("change_leader").get(reverse("portfolio:project_edit", args=[other.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert other.owner_unit.name in html
    assert "Rollen din gir ikke tilgang" not in html  # not the generic «your role» text
