import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.exceptions import TransitionRefused
from portfolio.models import Area
from risk.models import Cell, Matrix, Register, Risk, RiskEvent, RosArea
from risk.services import (
    action_create,
    area_register,
    programme_register,
    project_register,
    registers_beneath,
    risk_accept,
    risk_close,
    risk_delegate,
    risk_escalate,
    risk_review,
    risk_update,
)
from tests.factories import ProjectFactory
from tests.risk.helpers import make_risk

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_the_matrix_and_the_four_ros_areas_are_data():
    matrix = Matrix.default()
    assert matrix.steps.filter(axis="likelihood").count() == 5
    assert list(matrix.steps.filter(axis="consequence").values_list("label", flat=True)) == [
        "Svært liten",
        "Liten",
        "Middels",
        "Stor",
        "Svært stor",
    ]
    assert Cell.objects.filter(matrix=matrix).count() == 25
    assert matrix.grid()[(5, 5)].name == "Høy"
    assert matrix.grid()[(1, 1)].name == "Lav"
    assert list(RosArea.objects.values_list("name", flat=True)) == [
        "Organisatorisk",
        "Finansiell og politisk",
        "Interessent",
        "Gjennomføring",
    ]


def test_the_programme_and_areas_have_registers_and_a_project_gets_one_when_first_needed():
    area = Area.objects.get(name="Møllenberg")
    areas = Register.objects.filter(level=Register.Level.AREA)
    assert areas.count() == Area.objects.filter(is_active=True).count()  # data migration
    project = ProjectFactory(areas=[area])
    register = project_register(project)
    assert register.level == Register.Level.PROJECT
    assert register.parent == area_register(area)
    assert register.parent.parent == programme_register()
    assert project_register(project) == register
    beneath = registers_beneath(programme_register())
    assert beneath[0] == programme_register()
    assert set(beneath[1 : 1 + areas.count()]) == set(areas)  # breadth first
    assert beneath[-1] == register


def test_references_count_per_register(people):
    leader = people["programme_leader"]
    register = area_register(Area.objects.get(name="Lademoen"))
    first, second = make_risk(register, leader), make_risk(register, leader)
    other = make_risk(programme_register(), leader)
    assert (first.reference, second.reference, other.reference) == ("R-001", "R-002", "R-001")


def test_a_new_risk_gets_its_review_interval_from_its_level(people):
    high = make_risk(programme_register(), people["programme_leader"])  # 3×4 = høy
    low = make_risk(
        programme_register(),
        people["programme_leader"],
        current_likelihood=1,
        current_consequence=2,
    )
    assert high.review_interval_days == 30
    assert high.next_review_on == TODAY() + datetime.timedelta(days=30)
    assert low.review_interval_days == 180


def test_a_threat_cannot_be_exploited_but_an_opportunity_can(people):
    with pytest.raises(ValidationError) as refused:
        make_risk(programme_register(), people["programme_leader"], response="exploit")
    assert "response" in refused.value.message_dict
    opportunity = make_risk(
        programme_register(), people["programme_leader"], kind="opportunity", response="exploit"
    )
    assert opportunity.response == Risk.Response.EXPLOIT


def test_a_target_above_the_inherent_level_needs_a_justification(people):
    leader = people["programme_leader"]
    with pytest.raises(ValidationError) as refused:
        make_risk(programme_register(), leader, target_likelihood=5, target_consequence=5)
    assert "target_justification" in refused.value.message_dict
    make_risk(
        programme_register(),
        leader,
        target_likelihood=5,
        target_consequence=5,
        target_justification="Vi tar større risiko for å prøve noe nytt.",
    )


def test_an_exempt_risk_needs_its_legal_basis(people):
    with pytest.raises(ValidationError) as refused:
        make_risk(programme_register(), people["programme_leader"], exempt_from_public=True)
    assert "exemption_basis" in refused.value.message_dict


def test_a_likelihood_of_six_is_refused(people):
    with pytest.raises(ValidationError) as refused:
        make_risk(programme_register(), people["programme_leader"], current_likelihood=6)
    assert "current_likelihood" in refused.value.message_dict


def test_escalating_moves_the_risk_up_with_a_new_number_and_keeps_its_history(people):
    leader = people["programme_leader"]
    project = ProjectFactory(areas=[Area.objects.get(name="Lademoen")])
    risk = make_risk(project_register(project), leader)
    make_risk(area_register(Area.objects.get(name="Lademoen")), leader)
    risk = risk_escalate(risk=risk, by=leader, note="Gjelder hele området.")
    assert risk.register == area_register(Area.objects.get(name="Lademoen"))
    assert risk.reference == "R-002"
    event = risk.events.first()
    assert event.kind == RiskEvent.Kind.ESCALATED
    assert "R-001" in event.note and "Gjelder hele området." in event.note
    assert risk.history.count() >= 2
    risk = risk_delegate(risk=risk, to=project_register(project), by=leader)
    assert risk.register == project_register(project)
    with pytest.raises(TransitionRefused):
        risk_escalate(risk=make_risk(programme_register(), leader), by=leader)


def test_a_review_records_the_new_scores_and_moves_the_next_date(people):
    leader = people["programme_leader"]
    risk = make_risk(programme_register(), leader)
    review = risk_review(risk=risk, by=leader, likelihood=1, consequence=2, comment="Bedre nå.")
    risk.refresh_from_db()
    assert (review.previous_likelihood, review.previous_consequence) == (3, 4)
    assert (risk.current_likelihood, risk.current_consequence) == (1, 2)
    assert risk.next_review_on == TODAY() + datetime.timedelta(days=180)
    assert risk.review_interval_days == 180
    with pytest.raises(ValidationError):
        risk_review(
            risk=risk,
            by=leader,
            likelihood=1,
            consequence=1,
            comment="x",
            next_review_on=TODAY(),
        )


def test_an_overdue_review_is_flagged(people):
    risk = make_risk(programme_register(), people["programme_leader"])
    risk.next_review_on = TODAY() - datetime.timedelta(days=1)
    assert risk.review_is_overdue


def test_closing_and_materialising_need_a_note_and_end_editing(people):
    leader = people["programme_leader"]
    risk = make_risk(programme_register(), leader)
    with pytest.raises(ValidationError):
        risk_close(risk=risk, by=leader, note=" ")
    risk_close(risk=risk, by=leader, note="Vi satte inn ekstra ressurser.", materialised=True)
    assert risk.status == Risk.Status.MATERIALISED
    with pytest.raises(TransitionRefused):
        risk_update(risk=risk, by=leader, title="Ny tittel")


def test_only_a_risk_to_accept_can_be_accepted_and_the_expiry_brings_it_back(people):
    board = people["board_member"]
    risk = make_risk(programme_register(), people["programme_leader"])
    with pytest.raises(TransitionRefused):
        risk_accept(risk=risk, by=board, justification="Ok.", expires_on=TODAY())
    risk = risk_update(risk=risk, by=board, response="accept")
    expires = TODAY() + datetime.timedelta(days=10)
    acceptance = risk_accept(risk=risk, by=board, justification="Lav kost.", expires_on=expires)
    assert acceptance.accepted_by == board
    assert risk.next_review_on == expires
    with pytest.raises(ValidationError):
        risk_accept(risk=risk, by=board, justification="x", expires_on=TODAY())


def test_a_new_action_cannot_be_due_in_the_past(people):
    leader = people["programme_leader"]
    risk = make_risk(programme_register(), leader)
    with pytest.raises(ValidationError) as refused:
        action_create(
            risk=risk,
            by=leader,
            description="Avtale",
            owner=leader,
            due_on=TODAY() - datetime.timedelta(days=1),
        )
    assert "due_on" in refused.value.message_dict
    action = action_create(
        risk=risk,
        by=leader,
        description="Avtale med linja",
        owner=leader,
        due_on=TODAY() + datetime.timedelta(days=5),
    )
    assert not action.is_overdue


def test_a_snapshot_diff_shows_new_closed_changed_and_escalated_risks(people):
    from risk.services import snapshot_diff, snapshot_freeze

    leader = people["programme_leader"]
    project = ProjectFactory(areas=[Area.objects.get(name="Lademoen")])
    to_close = make_risk(programme_register(), leader, title="Lukkes")
    to_change = make_risk(programme_register(), leader, title="Endres")
    to_escalate = make_risk(project_register(project), leader, title="Løftes")
    first = snapshot_freeze(by=leader, note="Styremøte 1")
    risk_close(risk=to_close, by=leader, note="Ikke lenger aktuell.")
    risk_review(risk=to_change, by=leader, likelihood=1, consequence=1, comment="Bedre.")
    risk_escalate(risk=to_escalate, by=leader)
    make_risk(programme_register(), leader, title="Ny")
    second = snapshot_freeze(by=leader)
    assert (first.number, second.number) == (1, 2)
    diff = snapshot_diff(first, second)
    assert [risk["title"] for risk in diff["new"]] == ["Ny"]
    assert [risk["title"] for risk in diff["closed"]] == ["Lukkes"]
    assert [(c["old"]["current"], c["new"]["current"]) for c in diff["changed"]] == [
        ([3, 4], [1, 1])
    ]
    assert [m["new"]["title"] for m in diff["moved"]] == ["Løftes"]
    first.refresh_from_db()
    assert len(first.data["risks"]) == 3  # frozen: later changes do not rewrite it
