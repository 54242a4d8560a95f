"""Nabolagspotten's staff forms are the house's forms (core.forms.Form / ModelForm): no blank
radio choice and nothing pre-selected, «Velg …» on a select without a label of its own, and
a required field left empty says which field, in Norwegian."""

import pytest
from django.utils import translation

from nabolagspotten.forms.cases import (
    AppealHandleForm,
    AppealRegisterForm,
    AssessmentForm,
    CommentForm,
    DecisionForm,
    DeclarationForm,
    InfoRequestForm,
)
from nabolagspotten.forms.followup import (
    FinalReportForm,
    PaymentFilterForm,
    PaymentForm,
    RepaymentSettleForm,
)
from nabolagspotten.forms.rounds import RoundForm
from nabolagspotten.models import Appeal
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db

GENERIC = {"Dette feltet er påkrevd.", "Feltet er påkrevet.", "This field is required."}


def _errors(form) -> dict[str, list[str]]:
    with translation.override("nb"):
        form.is_valid()
        return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


def _choose(label: str) -> str:
    return nb("Choose {label}.").format(label=nb(label)[:1].lower() + nb(label)[1:])


def _fill_in(label: str) -> str:
    return nb("Fill in {label}.").format(label=nb(label)[:1].lower() + nb(label)[1:])


@pytest.mark.parametrize(
    "form",
    [
        lambda: DecisionForm({}),
        lambda: DeclarationForm({}),
        lambda: AssessmentForm({}),
        lambda: CommentForm({}),
        lambda: InfoRequestForm({}),
        lambda: AppealRegisterForm({}),
        lambda: AppealHandleForm({}, appeal=Appeal(status=Appeal.Status.RECEIVED)),
        lambda: PaymentForm({}),
        lambda: FinalReportForm({}),
        lambda: RepaymentSettleForm({}),
        lambda: RoundForm({}),
    ],
    ids=[
        "decision",
        "declaration",
        "assessment",
        "comment",
        "info-request",
        "appeal-register",
        "appeal-handle",
        "payment",
        "final-report",
        "repayment",
        "round",
    ],
)
def test_no_staff_form_answers_an_empty_field_with_the_generic_message(form):
    errors = _errors(form())
    assert errors, "an empty form must be refused"
    for name, messages in errors.items():
        assert not GENERIC & set(messages), f"{name}: {messages}"


def test_the_decision_names_each_missing_field():
    errors = _errors(DecisionForm({}))
    assert errors["outcome"] == [_choose("Decision")]
    assert errors["reasons"] == [_fill_in("Reasons")]


def test_questions_get_a_message_of_their_own():
    assert _errors(DeclarationForm({}))["impartial"] == [
        nb("Answer whether you are impartial in this case.")
    ]
    assert _errors(InfoRequestForm({}))["message"] == [
        nb("Write what you need from the applicant.")
    ]
    assert _errors(RepaymentSettleForm({}))["outcome"] == [
        nb("Choose whether it was paid back or waived.")
    ]


def test_radio_buttons_have_no_blank_choice_and_nothing_is_chosen():
    for form, name in [
        (AssessmentForm(), "recommendation"),
        (DecisionForm(), "outcome"),
        (DeclarationForm(), "impartial"),
        (RepaymentSettleForm(), "outcome"),
    ]:
        values = [value for value, _label in form.fields[name].choices]
        assert "" not in values, name
        assert "checked" not in str(form[name]), name


def test_a_budget_field_added_by_the_round_form_names_its_area():
    errors = _errors(RoundForm({}))
    budget = [name for name in errors if name.startswith("budget_")]
    assert budget
    for name in budget:
        (message,) = errors[name]
        assert message.startswith(nb("Fill in {label}.").split("{")[0])
        assert "(kr)" in message


def test_a_select_keeps_its_own_blank_label():
    with translation.override("nb"):
        html = str(PaymentFilterForm()["area"])
    assert nb("All") in html
