"""The action plan services: writing, sending, the board's decision, and the money."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.conflicts import EditConflict
from portfolio.models import ActionPlan, BudgetLine, Goal, PlanSubmission
from portfolio.services import plans as services
from tests.factories import ActionPlanFactory, ProjectFactory
from tests.portfolio.factories_plans import plan_with, portfolio_project, submitted_plan

pytestmark = pytest.mark.django_db


def nb(message: str, **params) -> str:
    with translation.override("nb"):
        text = translation.gettext(message)
    return text % params if params else text


def messages_of(error: ValidationError) -> list[str]:
    with translation.override("nb"):
        return [str(m) for m in error.messages]


def decide(submission, by, decision="godkjent", conditions="", **kwargs):
    return services.submission_decide(
        submission=submission,
        by=by,
        decision=decision,
        meeting_date=kwargs.pop("meeting_date", timezone.localdate()),
        decision_text=kwargs.pop("decision_text", "Programstyret har behandlet planen."),
        conditions=conditions,
    )


# --- Writing ------------------------------------------------------------------------------


def test_the_programme_leader_creates_a_plan_for_a_year(people):
    plan = services.plan_create(year=2027, introduction="Innledning", by=people["programme_leader"])
    assert plan.status == ActionPlan.Status.DRAFT
    assert plan.history.first().history_user == people["programme_leader"]


def test_a_second_plan_for_the_same_year_is_refused(people):
    services.plan_create(year=2027, introduction="Innledning", by=people["programme_leader"])
    with pytest.raises(ValidationError) as error:
        services.plan_create(year=2027, introduction="Igjen", by=people["programme_leader"])
    assert "year" in error.value.error_dict


def test_updating_saves_text_priorities_and_projects_and_counts_the_version(people):
    leader = people["programme_leader"]
    plan = plan_with([], by=leader)
    project = portfolio_project()
    goal = Goal.objects.get(number=1)
    services.plan_update(
        plan=plan,
        base_version=plan.version,
        introduction="Ny innledning",
        priorities={goal.pk: "Møteplasser først."},
        project_ids=[project.pk],
        by=leader,
    )
    plan.refresh_from_db()
    assert plan.introduction == "Ny innledning"
    assert plan.version == 2
    assert list(plan.projects.all()) == [project]
    assert plan.priorities.get().text == "Møteplasser først."


def test_only_projects_in_the_portfolio_can_be_in_the_plan(people):
    leader = people["programme_leader"]
    plan = plan_with([], by=leader)
    proposal = ProjectFactory(title="Bare et forslag", status="forslag")
    with pytest.raises(ValidationError) as error:
        services.plan_update(
            plan=plan,
            base_version=plan.version,
            introduction="Innledning",
            priorities={},
            project_ids=[proposal.pk],
            by=leader,
        )
    assert "Bare et forslag" in messages_of(error.value)[0]
    assert not plan.projects.exists()


def test_an_update_from_an_old_version_is_refused_and_says_what_changed(people):
    leader = people["programme_leader"]
    plan = plan_with([], by=leader)
    goal = Goal.objects.get(number=2)
    opened_at = plan.version
    services.plan_update(
        plan=plan,
        base_version=opened_at,
        introduction="Den første versjonen",
        priorities={goal.pk: "Arbeid og utdanning."},
        project_ids=[],
        by=leader,
    )
    with pytest.raises(EditConflict) as conflict:
        services.plan_update(
            plan=plan,
            base_version=opened_at,
            introduction="Den andre versjonen",
            priorities={},
            project_ids=[],
            by=leader,
        )
    values = {change.theirs for change in conflict.value.changes}
    assert "Den første versjonen" in values
    assert "Arbeid og utdanning." in values
    plan.refresh_from_db()
    assert plan.introduction == "Den første versjonen"


# --- The money ----------------------------------------------------------------------------


def test_the_budget_totals_per_source_and_per_area_with_an_even_split(people):
    everywhere = portfolio_project(
        title="A",
        areas=["Tempe-Sorgenfri", "Lademoen", "Møllenberg"],
        planned={"kdd": 60, "husbanken": 40},
    )
    lademoen = portfolio_project(title="B", areas=["Lademoen"], planned={"kommunal": 1_000})
    portfolio_project(title="C", areas=["Lademoen"], planned={"kdd": 5})  # not in the plan
    BudgetLine.objects.create(
        project=lademoen, year=2028, source="kdd", category="tjenesteinnovasjon", planned=9_999
    )
    plan = plan_with([everywhere, lademoen], by=people["programme_leader"])

    budget = services.plan_budget(plan)

    assert [row.title for row in budget.rows] == ["A", "B"]
    assert budget.rows[0].planned == {"kdd": 60, "husbanken": 40, "kommunal": 0, "ekstern": 0}
    assert budget.rows[0].areas == ["Lademoen", "Møllenberg", "Tempe-Sorgenfri"]
    assert budget.source_totals == {"kdd": 60, "husbanken": 40, "kommunal": 1_000, "ekstern": 0}
    assert budget.total == 1_100
    # 100 kr over three areas: 34 to Lademoen (first by name), 33 to each of the others
    assert budget.area_totals == [("Lademoen", 1_034), ("Møllenberg", 33), ("Tempe-Sorgenfri", 33)]
    assert sum(amount for _name, amount in budget.area_totals) == budget.total


@pytest.mark.parametrize("size", [3, 20])
def test_the_budget_takes_three_queries_however_many_projects(
    people, size, django_assert_num_queries
):
    projects = [portfolio_project(planned={"kdd": 10, "kommunal": 5}) for _ in range(size)]
    plan = plan_with(projects, by=people["programme_leader"])
    with django_assert_num_queries(3):
        budget = services.plan_budget(plan)
    assert budget.total == 15 * size


# --- Sending ------------------------------------------------------------------------------


def test_a_plan_with_no_projects_cannot_be_sent(people):
    plan = plan_with([], by=people["programme_leader"])
    with pytest.raises(ValidationError) as error:
        services.plan_submit(plan=plan, by=people["programme_leader"])
    assert nb(
        "The plan has no projects. Add at least one project before you send the plan."
    ) in messages_of(error.value)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT
    assert not plan.submissions.exists()


def test_a_plan_with_no_introduction_cannot_be_sent(people):
    plan = plan_with([portfolio_project()], by=people["programme_leader"])
    plan.introduction = "   "
    plan.save()
    with pytest.raises(ValidationError) as error:
        services.plan_submit(plan=plan, by=people["programme_leader"])
    assert nb("Write an introduction before you send the plan.") in messages_of(error.value)


def test_sending_freezes_a_snapshot_that_later_changes_do_not_touch(people):
    leader = people["programme_leader"]
    project = portfolio_project(title="Møteplass", areas=["Lademoen"], planned={"kdd": 100})
    goal = Goal.objects.get(number=1)
    plan = plan_with([project], by=leader, introduction="Slik var den")
    plan.priorities.create(goal=goal, text="Trygghet")
    submission = services.plan_submit(plan=plan, by=leader)
    frozen = dict(submission.content)

    assert frozen["year"] == 2027
    assert frozen["introduction"] == "Slik var den"
    assert frozen["priorities"] == [
        {"goal_id": goal.pk, "goal_number": 1, "goal_name": goal.name, "text": "Trygghet"}
    ]
    assert frozen["projects"][0]["title"] == "Møteplass"
    assert frozen["projects"][0]["planned"]["kdd"] == 100
    assert frozen["totals"]["by_area"] == [{"area": "Lademoen", "amount": 100}]

    line = project.budget_lines.get()
    line.planned = 999_999
    line.save()
    project.title = "Nytt navn"
    project.save()
    plan.refresh_from_db()
    plan.status = ActionPlan.Status.SENT_BACK
    plan.introduction = "Endret etterpå"
    plan.save()
    plan.projects.clear()

    submission.refresh_from_db()
    assert submission.content == frozen
    assert services.budget_from_snapshot(submission.content).total == 100


def test_versions_are_numbered_one_two_after_the_board_sends_the_plan_back(people):
    leader, board = people["programme_leader"], people["board_member"]
    plan, first = submitted_plan([portfolio_project()], by=leader)
    assert first.number == 1
    assert plan.status == ActionPlan.Status.SUBMITTED
    with pytest.raises(ValidationError):
        services.plan_submit(plan=plan, by=leader)  # already with the board

    decide(first, board, decision="sendt_tilbake")
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SENT_BACK
    assert plan.is_editable

    second = services.plan_submit(plan=plan, by=leader)
    assert second.number == 2
    assert list(plan.submissions.values_list("number", flat=True)) == [1, 2]


# --- The board ----------------------------------------------------------------------------


def test_a_board_member_comments_on_a_submission(people):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    comment = services.submission_comment(
        submission=submission, by=people["board_member"], text="  Hva med Møllenberg?  "
    )
    assert comment.text == "Hva med Møllenberg?"
    with pytest.raises(ValidationError):
        services.submission_comment(
            submission=submission, by=people["board_member"], text="x" * 10_001
        )


def test_approval_with_conditions_records_the_decision_and_who_recorded_it(people):
    board = people["board_member"]
    plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    decide(
        submission,
        board,
        decision="godkjent_med_vilkar",
        conditions="Rapporter om Møllenberg i juni.",
        meeting_date=timezone.localdate(),
    )
    submission.refresh_from_db()
    plan.refresh_from_db()
    assert submission.decision == PlanSubmission.Decision.APPROVED_WITH_CONDITIONS
    assert submission.conditions == "Rapporter om Møllenberg i juni."
    assert submission.decided_by == board
    assert submission.decided_at is not None
    assert plan.status == ActionPlan.Status.APPROVED_WITH_CONDITIONS
    assert not plan.is_editable


def test_approval_with_conditions_needs_the_conditions(people):
    plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    with pytest.raises(ValidationError) as error:
        decide(submission, people["board_member"], decision="godkjent_med_vilkar")
    with translation.override("nb"):
        assert error.value.message_dict["conditions"] == [
            nb("Write the conditions the board set for its approval.")
        ]
    submission.refresh_from_db()
    assert submission.decision == ""


def test_conditions_without_approval_with_conditions_are_refused(people):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    with pytest.raises(ValidationError) as error:
        decide(submission, people["board_member"], decision="godkjent", conditions="Et vilkår")
    assert "conditions" in error.value.error_dict


def test_the_meeting_date_cannot_be_in_the_future(people):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        decide(submission, people["board_member"], meeting_date=tomorrow)
    assert "meeting_date" in error.value.error_dict


def test_a_submission_is_decided_only_once(people):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    decide(submission, people["board_member"], decision="godkjent")
    with pytest.raises(ValidationError) as error:
        decide(submission, people["board_member"], decision="sendt_tilbake")
    assert messages_of(error.value) == [
        nb("The board's decision on this version is already recorded.")
    ]
    submission.refresh_from_db()
    assert submission.decision == "godkjent"


def test_only_the_latest_submission_can_be_decided(people):
    leader = people["programme_leader"]
    plan, first = submitted_plan([portfolio_project()], by=leader)
    # an older, undecided version next to a newer one (not reachable through the services)
    PlanSubmission.objects.create(plan=plan, number=2, content=first.content, submitted_by=leader)
    with pytest.raises(ValidationError) as error:
        decide(first, people["board_member"])
    assert messages_of(error.value) == [
        nb("Only the latest version (%(number)s) can be decided on.", number=2)
    ]


# --- What changed ---------------------------------------------------------------------------


def test_the_diff_shows_projects_in_and_out_and_money_moved(people):
    leader, board = people["programme_leader"], people["board_member"]
    stays = portfolio_project(title="Blir", planned={"kdd": 100, "kommunal": 50})
    leaves = portfolio_project(title="Går ut", planned={"kdd": 30})
    joins = portfolio_project(title="Kommer inn", planned={"husbanken": 70})
    plan, first = submitted_plan([stays, leaves], by=leader)
    decide(first, board, decision="sendt_tilbake")

    line = stays.budget_lines.get(source="kdd")
    line.planned = 60
    line.save()
    plan.refresh_from_db()
    plan.projects.set([stays, joins])
    second = services.plan_submit(plan=plan, by=leader)

    diff = services.submission_diff(first, second)

    assert [row.title for row in diff.added] == ["Kommer inn"]
    assert [row.title for row in diff.removed] == ["Går ut"]
    assert len(diff.moved) == 1
    moved = diff.moved[0]
    assert moved.title == "Blir"
    assert [(c.source, c.before, c.after, c.delta) for c in moved.changes] == [
        (str(BudgetLine.Source.KDD.label), 100, 60, -40)
    ]
    assert (moved.before, moved.after) == (150, 110)
    totals = {str(c.source): (c.before, c.after) for c in diff.totals}
    assert totals == {
        str(BudgetLine.Source.KDD.label): (130, 60),
        str(BudgetLine.Source.HUSBANKEN.label): (0, 70),
    }
    assert (diff.total_before, diff.total_after) == (180, 180)
    assert not diff.introduction_changed


def test_the_diff_reads_the_snapshots_not_the_live_plan(people):
    leader, board = people["programme_leader"], people["board_member"]
    project = portfolio_project(planned={"kdd": 100})
    plan, first = submitted_plan([project], by=leader)
    decide(first, board, decision="sendt_tilbake")
    second = services.plan_submit(plan=plan, by=leader)
    line = project.budget_lines.get()
    line.planned = 5
    line.save()
    diff = services.submission_diff(first, second)
    assert not diff.has_changes
    assert not diff.moved


def test_a_plan_that_is_with_the_board_cannot_be_updated(people):
    leader = people["programme_leader"]
    plan, _submission = submitted_plan([portfolio_project()], by=leader)
    with pytest.raises(ValidationError):
        services.plan_update(
            plan=plan,
            base_version=plan.version,
            introduction="Endret",
            priorities={},
            project_ids=[],
            by=leader,
        )


def test_a_plan_with_no_projects_has_an_empty_budget(people):
    plan = ActionPlanFactory(year=2030, created_by=people["programme_leader"])
    budget = services.plan_budget(plan)
    assert budget.rows == []
    assert budget.total == 0
