"""The decision service: money checks under the area's lock, supersession, the applicant's
answer with its deadline, and appeals."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.exceptions import TransitionRefused
from core.formatting import kroner
from nabolagspotten.models import Appeal, Application, CaseEvent, Decision
from nabolagspotten.services import decisions, ledger
from tests.nabolagspotten.factories import ApplicationFactory
from tests.nabolagspotten.test_cases_support import (
    a_round,
    committed,
    declare,
    granted,
    in_review,
    lademoen,
)
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status


def _decide(application, by, **kwargs):
    values = {"outcome": "innvilget", "amount": application.amount_requested, "reasons": "Bra."}
    values.update(kwargs)
    return decisions.decision_make(application=application, by=by, **values)


def test_a_grant_sets_the_amount_status_deadline_and_sends_the_letter(people):
    handler = people["case_handler"]
    application = in_review(handler, amount_requested=15_000)
    decision = _decide(application, handler, conditions="Bruk pengene i år.")
    application.refresh_from_db()
    assert application.status == S.GRANTED
    assert application.amount_granted == 15_000
    assert application.decided_at is not None
    days = application.round.accept_within_days
    assert decision.accept_deadline == timezone.localdate() + timezone.timedelta(days=days)
    assert decision.superseded_at is None
    assert ledger.area_ledger(application.round_id, lademoen().pk).granted == 15_000


def test_over_the_area_remaining_money_is_refused_on_the_amount_field(people):
    handler = people["case_handler"]
    round_ = a_round(budget=100_000)
    committed(round_, 88_000, handler)
    application = in_review(handler, round=round_, amount_requested=15_000)
    with pytest.raises(ValidationError) as error:
        _decide(application, handler, confirm_low_budget=True)
    message = error.value.message_dict["amount"][0]
    assert message == nb(
        "There is only %(remaining)s left in %(area)s in this round.",
        remaining=kroner(12_000),
        area="Lademoen",
    )
    assert "12" in message and "Lademoen" in message
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    assert not Decision.objects.filter(application=application).exists()


def test_more_than_the_rounds_max_grant_is_refused(people):
    handler = people["case_handler"]
    application = in_review(handler, round=a_round(max_grant=10_000), amount_requested=15_000)
    with pytest.raises(ValidationError) as error:
        _decide(application, handler)
    assert error.value.message_dict["amount"] == [
        nb("The largest grant in this round is %(max)s.", max=kroner(10_000))
    ]


def test_more_than_requested_zero_and_partly_rules(people):
    handler = people["case_handler"]
    application = in_review(handler, amount_requested=15_000)
    with pytest.raises(ValidationError) as error:
        _decide(application, handler, amount=16_000)
    assert "amount" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _decide(application, handler, amount=0)
    assert error.value.message_dict["amount"] == [nb("A grant must be more than 0 kr.")]
    with pytest.raises(ValidationError) as error:
        _decide(application, handler, outcome="delvis_innvilget", amount=15_000)
    assert "amount" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _decide(application, handler, outcome="innvilget", amount=10_000)
    assert "outcome" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _decide(application, handler, reasons="  ")
    assert error.value.message_dict["reasons"] == [nb("Give the reasons for the decision.")]
    decision = _decide(application, handler, outcome="delvis_innvilget", amount=9_000)
    assert decision.amount == 9_000
    application.refresh_from_db()
    assert application.status == S.PARTLY_GRANTED


def test_a_refusal_is_zero_kroner_and_has_no_accept_deadline(people):
    handler = people["case_handler"]
    application = in_review(handler)
    decision = _decide(application, handler, outcome="avslatt", amount=5_000)
    application.refresh_from_db()
    assert decision.amount == 0 and application.amount_granted == 0
    assert decision.accept_deadline is None
    assert application.status == S.REFUSED


def test_a_grant_that_leaves_the_area_low_needs_confirmation(people, settings):
    settings.NABOLAGSPOTTEN_LOW_BUDGET_SHARE = 0.1
    handler = people["case_handler"]
    round_ = a_round(budget=100_000)
    committed(round_, 80_000, handler)
    application = in_review(handler, round=round_, amount_requested=15_000)
    with pytest.raises(ValidationError) as error:
        _decide(application, handler)
    assert "confirm_low_budget" in error.value.message_dict
    assert _decide(application, handler, confirm_low_budget=True).amount == 15_000


def test_a_handler_who_has_not_declared_or_is_inhabil_cannot_decide(people):
    handler = people["case_handler"]
    leader = people["programme_leader"]
    application = in_review(handler)
    with pytest.raises(PermissionDenied):
        _decide(application, leader)
    declare(application, leader, impartial=False)
    with pytest.raises(PermissionDenied):
        _decide(application, leader)
    with pytest.raises(PermissionDenied):
        _decide(application, people["board_member"])


@pytest.mark.parametrize("status", [S.SUBMITTED, S.INFO_REQUESTED, S.GRANTED, S.CLOSED])
def test_no_decision_outside_review(people, status):
    handler = people["case_handler"]
    application = ApplicationFactory(status=status, area=lademoen(), round=a_round())
    declare(application, handler)
    with pytest.raises(TransitionRefused) as error:
        _decide(application, handler)
    assert error.value.messages == [
        nb("A decision can only be made while the application is under review.")
    ]


def test_an_upheld_appeal_gives_a_new_decision_and_supersedes_the_old(people):
    handler = people["case_handler"]
    application = in_review(handler, amount_requested=20_000)
    first = _decide(application, handler, outcome="avslatt", amount=0)
    appeal = decisions.appeal_receive(application=application, grounds="Vi er uenige.")
    assert appeal.decision == first and appeal.within_deadline
    decisions.appeal_uphold(appeal=appeal, by=handler)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.UPHELD
    second = _decide(application, handler, amount=20_000)
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert decisions.current_decision(application) == second
    assert application.events.filter(kind=CaseEvent.Kind.APPEAL).count() == 2


def test_an_appeal_forwarded_then_decided_by_the_appeal_body(people, mailoutbox):
    handler = people["case_handler"]
    application = in_review(handler)
    _decide(application, handler, outcome="avslatt", amount=0)
    appeal = decisions.appeal_receive(application=application, grounds="Uenig.")
    with pytest.raises(ValidationError) as error:
        decisions.appeal_record_result(appeal=appeal, by=handler, text="Avslått.")
    assert error.value.messages
    with pytest.raises(ValidationError) as error:
        decisions.appeal_forward(appeal=appeal, by=handler, text="")
    assert "text" in error.value.message_dict
    decisions.appeal_forward(appeal=appeal, by=handler, text="Vedtaket står.")
    with pytest.raises(ValidationError):
        decisions.appeal_uphold(appeal=appeal, by=handler)
    decisions.appeal_record_result(appeal=appeal, by=handler, text="Klageinstansen opprettholder.")
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.DECIDED
    assert "Vedtaket står." in appeal.outcome and "opprettholder" in appeal.outcome


def test_appeal_mails_go_to_the_applicant(people, django_capture_on_commit_callbacks):
    handler = people["case_handler"]
    application = in_review(handler)
    with django_capture_on_commit_callbacks(execute=True):
        _decide(application, handler, outcome="avslatt", amount=0)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.appeal_receive(application=application, grounds="Uenig.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.email]
    assert application.reference in mail.outbox[0].subject


def test_a_late_appeal_is_received_but_flagged(people):
    handler = people["case_handler"]
    application = in_review(handler)
    decision = _decide(application, handler, outcome="avslatt", amount=0)
    decision.appeal_deadline = timezone.localdate() - timezone.timedelta(days=1)
    decision.save()
    appeal = decisions.appeal_receive(application=application, grounds="Sent, men uenig.")
    assert appeal.within_deadline is False


def test_no_appeal_without_a_decision(people):
    application = ApplicationFactory()
    with pytest.raises(ValidationError) as error:
        decisions.appeal_receive(application=application, grounds="Hva?")
    assert error.value.messages == [nb("There is no decision to appeal.")]


def test_accept_and_decline_before_the_deadline(people):
    handler = people["case_handler"]
    application = granted(handler)
    decision = decisions.grant_accept(application=application)
    application.refresh_from_db()
    assert application.status == S.ACCEPTED and decision.responded_at is not None
    with pytest.raises(TransitionRefused):
        decisions.grant_decline(application=application)

    other = granted(handler)
    decisions.grant_decline(application=other)
    other.refresh_from_db()
    assert other.status == S.DECLINED
    # Declined money goes back to the area.
    assert ledger.area_ledger(other.round_id, lademoen().pk).granted == 0


def test_no_answer_after_the_accept_deadline(people):
    handler = people["case_handler"]
    application = granted(handler)
    decision = decisions.current_decision(application)
    decision.accept_deadline = timezone.localdate() - timezone.timedelta(days=1)
    decision.save()
    with pytest.raises(ValidationError) as error:
        decisions.grant_accept(application=application)
    assert error.value.messages
    application.refresh_from_db()
    assert application.status == S.GRANTED


def test_budget_warning_for_the_decision_page(people, settings):
    settings.NABOLAGSPOTTEN_LOW_BUDGET_SHARE = 0.1
    handler = people["case_handler"]
    round_ = a_round(budget=100_000)
    committed(round_, 85_000, handler)
    application = in_review(handler, round=round_, amount_requested=10_000)
    warning = decisions.budget_warning(application, 10_000)
    assert warning["low"] is True and warning["left"] == 5_000
    assert decisions.budget_warning(ApplicationFactory(area=None)) is None
