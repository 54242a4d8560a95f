"""The board's page: the plan first and the decision last, «lærdommer så langt» beside the
plan, and «Send til programstyret» confirmed and told to the board by e-mail."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portfolio.models import ActionPlan
from portfolio.services import plans as services
from tests.factories import LessonFactory
from tests.portfolio.factories_plans import plan_with, portfolio_project, submitted_plan

pytestmark = pytest.mark.django_db
SUBMISSION = reverse("portfolio:submission", args=[2027, 1])


def test_the_board_reads_the_plan_before_it_finds_the_decision_form(client_for, people):
    submitted_plan([portfolio_project(title="Gatetun")], by=people["programme_leader"])
    html = client_for("board_member").get(SUBMISSION).content.decode()
    budget = html.index('id="budget-heading"')
    lessons = html.index('id="lessons-heading"')
    comments = html.index('id="comments-heading"')
    form = html.index(reverse("portfolio:submission_decide", args=[2027, 1]))
    assert budget < lessons < comments < form


def test_the_lessons_since_the_last_decision_are_beside_the_plan(client_for, people):
    today = timezone.localdate()
    LessonFactory(title="Gammel lærdom", date=today - timedelta(days=400))
    earlier, first = submitted_plan([portfolio_project()], by=people["programme_leader"], year=2026)
    services.submission_decide(
        submission=first,
        by=people["board_member"],
        decision="godkjent",
        meeting_date=today,
        decision_text="Godkjent.",
        conditions="",
    )
    LessonFactory(title="Ny lærdom fra bydelsforum", date=today)
    submitted_plan([portfolio_project()], by=people["programme_leader"])
    html = client_for("board_member").get(SUBMISSION).content.decode()
    assert "Ny lærdom fra bydelsforum" in html
    assert "Gammel lærdom" not in html
    assert reverse("portfolio:lessons_so_far") in html


def test_sending_the_plan_asks_for_confirmation_and_names_who_is_told(client_for, people):
    plan = plan_with([portfolio_project()], by=people["programme_leader"])
    url = reverse("portfolio:plan_submit", args=[plan.year])
    response = client_for("programme_leader").get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert people["board_member"].full_name in html
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT  # nothing is sent by opening the page
    page = client_for("programme_leader").get(plan.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page


def test_sending_the_plan_emails_every_board_member(
    client_for, people, mailoutbox, django_capture_on_commit_callbacks
):
    plan = plan_with([portfolio_project()], by=people["programme_leader"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("programme_leader").post(
            reverse("portfolio:plan_submit", args=[plan.year])
        )
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [[people["board_member"].email]]
    message = mailoutbox[0]
    assert "Handlingsplan 2027" in message.subject
    assert SUBMISSION in message.body
    assert "lærdommene så langt" in message.body


def test_an_outsider_cannot_open_the_confirmation(client_for, people):
    plan = plan_with([portfolio_project()], by=people["programme_leader"])
    assert (
        client_for("board_member")
        .get(reverse("portfolio:plan_submit", args=[plan.year]))
        .status_code
        == 403
    )
