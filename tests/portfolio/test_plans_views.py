"""The action plan pages: the list and a new plan, the plan, editing (with the conflict
check), sending, the board's comments and decision, and the changes between versions."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from portfolio.models import ActionPlan, Goal, PlanSubmission
from portfolio.services import plans as services
from tests.portfolio.factories_plans import plan_with, portfolio_project, submitted_plan

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def nb(message: str, **params) -> str:
    with translation.override("nb"):
        text = translation.gettext(message)
    return text % params if params else text


def html(response) -> str:
    return response.content.decode()


def edit_data(form_context, **overrides) -> dict:
    """The edit form's data as the browser would post it, from a GET response's form."""
    form = form_context
    data = {"version": form.initial["version"], "introduction": form.initial["introduction"]}
    for goal in form.goals:
        data[f"priority_{goal.pk}"] = form.initial.get(f"priority_{goal.pk}", "")
    data["projects"] = [str(pk) for pk in form.initial.get("projects", [])]
    data.update(overrides)
    return data


# --- The list and a new plan ------------------------------------------------------------------


def test_the_programme_leader_creates_a_plan_and_lands_on_its_edit_page(client_for):
    client = client_for("programme_leader")
    response = client.post(
        reverse("portfolio:plan_create"), {"year": "2027", "introduction": "Innledning"}
    )
    assert response.status_code == 302
    assert response.url == reverse("portfolio:plan_edit", args=[2027])
    assert ActionPlan.objects.get(year=2027).introduction == "Innledning"


@pytest.mark.parametrize("year", ["2023", "tjuesjuetjue", "", "-2027"])
def test_a_bad_year_gives_a_message_on_the_field(client_for, year):
    response = client_for("programme_leader").post(
        reverse("portfolio:plan_create"), {"year": year, "introduction": "Innledning"}
    )
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    assert 'aria-invalid="true"' in html(response)
    assert not ActionPlan.objects.exists()


def test_a_second_plan_for_a_year_gives_a_message_not_an_error_page(client_for, people):
    plan_with([], by=people["programme_leader"])
    response = client_for("programme_leader").post(
        reverse("portfolio:plan_create"), {"year": "2027", "introduction": "Igjen"}
    )
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    assert "Igjen" in html(response)


def test_only_the_programme_leader_sees_the_create_form(client_for, people):
    plan_with([], by=people["programme_leader"])
    create = reverse("portfolio:plan_create")
    assert create in html(client_for("programme_leader").get(reverse("portfolio:plans")))
    response = client_for("board_member").get(reverse("portfolio:plans"))
    assert create not in html(response)
    assert reverse("portfolio:plan", args=[2027]) in html(response)


# --- Editing and the conflict check -------------------------------------------------------------


def test_editing_saves_the_plan(client_for, people):
    plan = plan_with([], by=people["programme_leader"])
    project = portfolio_project(title="Møteplass i parken")
    goal = Goal.objects.get(number=3)
    client = client_for("programme_leader")
    url = reverse("portfolio:plan_edit", args=[2027])
    form = client.get(url).context["form"]
    assert "Møteplass i parken" in html(client.get(url))
    data = edit_data(
        form,
        introduction="Ny innledning",
        projects=[str(project.pk)],
        **{f"priority_{goal.pk}": "Mobilisere nabolaget."},
    )
    response = client.post(url, data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.introduction == "Ny innledning"
    assert list(plan.projects.all()) == [project]
    assert plan.priorities.get(goal=goal).text == "Mobilisere nabolaget."


def test_the_second_of_two_editors_gets_a_conflict_message_and_nothing_is_overwritten(people):
    leader = people["programme_leader"]
    other = people["board_member"]  # a second programme leader
    other.groups.add(*leader.groups.all())
    other.full_name = "Kari Andreassen"
    other.save()
    plan = plan_with([], by=leader, introduction="Utgangspunktet")
    project = portfolio_project(title="Nabolagskafé")
    url = reverse("portfolio:plan_edit", args=[2027])
    first, second = Client(), Client()
    first.force_login(other)
    second.force_login(leader)
    first_form = first.get(url).context["form"]
    second_form = second.get(url).context["form"]

    saved = first.post(
        url, edit_data(first_form, introduction="Karis innledning", projects=[str(project.pk)])
    )
    assert saved.status_code == 302

    response = second.post(url, edit_data(second_form, introduction="Min egen innledning"))

    assert response.status_code == 409
    page = html(response)
    assert nb("Someone else saved this plan while you were editing") in page
    assert "Kari Andreassen" in page
    assert "Karis innledning" in page  # what they changed
    assert "Nabolagskafé" in page
    assert "Min egen innledning" in page  # what I typed is kept
    plan.refresh_from_db()
    assert plan.introduction == "Karis innledning"
    assert list(plan.projects.all()) == [project]
    form = response.context["form"]
    assert str(form["version"].value()) == str(plan.version)

    # Saving again after reading the message is a conscious choice, and it works.
    again = second.post(url, {**edit_data(second_form), **form.data.dict()})
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.introduction == "Min egen innledning"


def test_an_empty_introduction_gives_a_message_on_the_field(client_for, people):
    plan = plan_with([], by=people["programme_leader"], introduction="Før")
    client = client_for("programme_leader")
    url = reverse("portfolio:plan_edit", args=[2027])
    response = client.post(url, edit_data(client.get(url).context["form"], introduction=""))
    assert response.status_code == 400
    assert "introduction" in response.context["form"].errors
    plan.refresh_from_db()
    assert plan.introduction == "Før"


def test_a_100000_character_introduction_is_refused_and_kept_in_the_form(client_for, people):
    plan = plan_with([], by=people["programme_leader"], introduction="Før")
    client = client_for("programme_leader")
    url = reverse("portfolio:plan_edit", args=[2027])
    long_text = "ord " * 25_000
    response = client.post(url, edit_data(client.get(url).context["form"], introduction=long_text))
    assert response.status_code == 400
    assert "introduction" in response.context["form"].errors
    assert long_text.strip() in html(response)
    plan.refresh_from_db()
    assert plan.introduction == "Før"


def test_a_project_that_does_not_exist_gives_a_message(client_for, people):
    plan_with([], by=people["programme_leader"])
    client = client_for("programme_leader")
    url = reverse("portfolio:plan_edit", args=[2027])
    response = client.post(url, edit_data(client.get(url).context["form"], projects=["999999"]))
    assert response.status_code == 400
    assert "projects" in response.context["form"].errors


def test_a_plan_with_the_board_cannot_be_edited_and_says_why(client_for, people):
    plan, _submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    response = client_for("programme_leader").get(
        reverse("portfolio:plan_edit", args=[2027]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("portfolio:plan", args=[2027])
    with translation.override("nb"):
        expected = str(services.plan_not_editable_message(plan))
    assert escape(expected) in html(response)


# --- Sending --------------------------------------------------------------------------------------


def test_sending_a_plan_with_no_projects_gives_a_clear_message(client_for, people):
    plan_with([], by=people["programme_leader"])
    response = client_for("programme_leader").post(
        reverse("portfolio:plan_submit", args=[2027]), follow=True
    )
    assert response.status_code == 200
    assert nb(
        "The plan has no projects. Add at least one project before you send the plan."
    ) in html(response)
    assert not PlanSubmission.objects.exists()


def test_sending_a_plan_takes_you_to_the_frozen_version(client_for, people):
    plan_with([portfolio_project()], by=people["programme_leader"])
    response = client_for("programme_leader").post(reverse("portfolio:plan_submit", args=[2027]))
    assert response.status_code == 302
    assert response.url == reverse("portfolio:submission", args=[2027, 1])
    assert ActionPlan.objects.get().status == ActionPlan.Status.SUBMITTED


# --- The board ------------------------------------------------------------------------------------


def test_a_board_member_comments_and_approves_with_conditions(client_for, people):
    submitted_plan([portfolio_project()], by=people["programme_leader"])
    client = client_for("board_member")
    page = reverse("portfolio:submission", args=[2027, 1])
    response = client.post(
        reverse("portfolio:submission_comment", args=[2027, 1]), {"text": "Godt arbeid."}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("portfolio:submission_decide", args=[2027, 1]),
        {
            "decision": "godkjent_med_vilkar",
            "meeting_date": timezone.localdate().isoformat(),
            "decision_text": "Planen godkjennes.",
            "conditions": "Rapport i juni.",
        },
    )
    assert response.status_code == 302
    text = html(client.get(page))
    assert "Godt arbeid." in text
    assert "Rapport i juni." in text
    assert reverse("portfolio:submission_pdf", args=[2027, 1]) in text
    assert ActionPlan.objects.get().status == ActionPlan.Status.APPROVED_WITH_CONDITIONS


def test_a_decision_without_conditions_shows_the_message_and_keeps_the_input(client_for, people):
    submitted_plan([portfolio_project()], by=people["programme_leader"])
    response = client_for("board_member").post(
        reverse("portfolio:submission_decide", args=[2027, 1]),
        {
            "decision": "godkjent_med_vilkar",
            "meeting_date": timezone.localdate().isoformat(),
            "decision_text": "Planen godkjennes med vilkår.",
            "conditions": "",
        },
    )
    assert response.status_code == 400  # bad input is a 4xx (issue 9, item 25)
    assert nb("Write the conditions the board set for its approval.") in html(response)
    assert "Planen godkjennes med vilkår." in html(response)
    assert PlanSubmission.objects.get().decision == ""


@pytest.mark.parametrize("date", ["i morgen", "2027-13-45", ""])
def test_a_bad_meeting_date_gives_a_message(client_for, people, date):
    submitted_plan([portfolio_project()], by=people["programme_leader"])
    response = client_for("board_member").post(
        reverse("portfolio:submission_decide", args=[2027, 1]),
        {"decision": "godkjent", "meeting_date": date, "decision_text": "Godkjent."},
    )
    assert response.status_code == 400  # bad input is a 4xx (issue 9, item 25)
    assert "meeting_date" in response.context["decision_form"].errors


def test_an_empty_comment_gives_a_message(client_for, people):
    submitted_plan([portfolio_project()], by=people["programme_leader"])
    response = client_for("board_member").post(
        reverse("portfolio:submission_comment", args=[2027, 1]), {"text": "  "}
    )
    assert response.status_code == 400  # bad input is a 4xx (issue 9, item 25)
    assert "text" in response.context["comment_form"].errors


def test_a_decided_version_cannot_be_decided_again(client_for, people):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    services.submission_decide(
        submission=submission,
        by=people["board_member"],
        decision="godkjent",
        meeting_date=timezone.localdate(),
        decision_text="Godkjent.",
    )
    response = client_for("board_member").post(
        reverse("portfolio:submission_decide", args=[2027, 1]),
        {"decision": "sendt_tilbake", "meeting_date": "", "decision_text": "Nei"},
        follow=True,
    )
    assert escape(nb("The board's decision on this version is already recorded.")) in html(response)
    assert PlanSubmission.objects.get().decision == "godkjent"


# --- User text is escaped everywhere -------------------------------------------------------------


def test_script_tags_are_escaped_on_the_plan_the_version_and_the_diff(client_for, people):
    leader, board = people["programme_leader"], people["board_member"]
    project = portfolio_project(title=SCRIPT)
    plan = plan_with([project], by=leader, introduction=SCRIPT)
    plan.priorities.create(goal=Goal.objects.get(number=1), text=SCRIPT)
    first = services.plan_submit(plan=plan, by=leader)
    services.submission_comment(submission=first, by=board, text=SCRIPT)
    services.submission_decide(
        submission=first,
        by=board,
        decision="sendt_tilbake",
        meeting_date=timezone.localdate(),
        decision_text=SCRIPT,
    )
    plan.refresh_from_db()
    plan.projects.clear()
    plan.projects.add(portfolio_project(title=f"Ny {SCRIPT}"))
    services.plan_submit(plan=plan, by=leader)
    client = client_for("board_member")
    for url in [
        reverse("portfolio:plan", args=[2027]),
        reverse("portfolio:submission", args=[2027, 1]),
        reverse("portfolio:plan_diff", args=[2027]) + "?fra=1&til=2",
        reverse("portfolio:plans"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in html(response), url
    assert ESCAPED in html(client.get(reverse("portfolio:submission", args=[2027, 1])))
    assert ESCAPED in html(client.get(reverse("portfolio:plan_diff", args=[2027]) + "?fra=1&til=2"))


# --- The changes between two versions -----------------------------------------------------------


def _two_versions(people):
    leader, board = people["programme_leader"], people["board_member"]
    plan, first = submitted_plan([portfolio_project(title="Første")], by=leader)
    services.submission_decide(
        submission=first,
        by=board,
        decision="sendt_tilbake",
        meeting_date=timezone.localdate(),
        decision_text="Ta med flere prosjekter.",
    )
    plan.refresh_from_db()
    plan.projects.add(portfolio_project(title="Andre"))
    services.plan_submit(plan=plan, by=leader)
    return plan


def test_the_diff_page_shows_the_projects_added(client_for, people):
    _two_versions(people)
    response = client_for("change_leader").get(
        reverse("portfolio:plan_diff", args=[2027]), {"fra": "1", "til": "2"}
    )
    assert response.status_code == 200
    assert response.context["diff"].added[0].title == "Andre"
    assert "Andre" in html(response)


@pytest.mark.parametrize(
    "params",
    [{"fra": "x", "til": "2"}, {"fra": "1", "til": "7"}, {"fra": "1"}, {"fra": "2", "til": "2"}],
)
def test_bad_version_numbers_give_a_clear_message_not_an_error_page(client_for, people, params):
    _two_versions(people)
    response = client_for("change_leader").get(reverse("portfolio:plan_diff", args=[2027]), params)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert response.context["diff"] is None


def test_the_diff_page_without_numbers_offers_the_last_two(client_for, people):
    _two_versions(people)
    response = client_for("change_leader").get(reverse("portfolio:plan_diff", args=[2027]))
    assert response.status_code == 200
    assert response.context["form"].initial == {"fra": 1, "til": 2}


def test_the_pages_of_a_plan_that_does_not_exist_are_404(client_for):
    client = client_for("board_member")
    assert client.get(reverse("portfolio:plan", args=[2099])).status_code == 404
    assert client.get(reverse("portfolio:plan_diff", args=[2099])).status_code == 404
    assert client.get(reverse("portfolio:submission", args=[2099, 1])).status_code == 404


# --- Query counts ---------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_plan_and_version_pages_take_as_many_queries_for_20_projects_as_for_3(
    client_for, people
):
    client = client_for("board_member")
    counts = {}
    for year, size in [(2027, 3), (2028, 20)]:
        projects = [
            portfolio_project(year=year, areas=["Lademoen", "Møllenberg"]) for _ in range(size)
        ]
        plan = plan_with(projects, by=people["programme_leader"], year=year)
        for goal in Goal.objects.all():
            plan.priorities.create(goal=goal, text="Prioritet")
        submission = services.plan_submit(plan=plan, by=people["programme_leader"])
        for _ in range(size):
            services.submission_comment(submission=submission, by=people["board_member"], text="Ja")
        counts[size] = (
            _queries(client, reverse("portfolio:plan", args=[year])),
            _queries(client, reverse("portfolio:submission", args=[year, 1])),
            _queries(
                client,
                reverse("portfolio:plan_edit", args=[year])
                if False
                else reverse("portfolio:plans"),
            ),
        )
    assert counts[3] == counts[20]


def test_the_edit_page_takes_as_many_queries_for_20_portfolio_projects_as_for_3(client_for, people):
    client = client_for("programme_leader")
    counts = {}
    for year, size in [(2027, 3), (2028, 20)]:
        projects = [portfolio_project(year=year) for _ in range(size)]
        plan = plan_with(projects[:2], by=people["programme_leader"], year=year)
        plan.priorities.create(goal=Goal.objects.get(number=1), text="Prioritet")
        counts[size] = _queries(client, reverse("portfolio:plan_edit", args=[year]))
    assert counts[3] == counts[20]
