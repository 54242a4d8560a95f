"""The models read well where a person meets them outside the pages (the admin, a log, the
shell): each says which case it belongs to and what it is, in words; and each model with a
page knows its address."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from core.formatting import kroner
from nabolagspotten.demo import generate_demo
from nabolagspotten.models import (
    Appeal,
    Application,
    Decision,
    PersonalDataAccess,
    Round,
    RoundArea,
)
from tests.nabolagspotten.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def demo(people):
    generate_demo(handler=people["case_handler"], leader=people["programme_leader"])


def test_a_decision_reads_as_its_case_outcome_and_amount(demo):
    decision = Decision.objects.filter(outcome=Decision.Outcome.GRANTED, amount=8_000).first()
    with translation.override("en"):
        assert str(decision) == (
            f"{decision.application.reference}: Decision granted 8{NBSP}000{NBSP}kr"
        )
    refused = Decision.objects.filter(outcome=Decision.Outcome.REFUSED).first()
    with translation.override("en"):
        assert str(refused) == f"{refused.application.reference}: Decision refused"


def test_every_model_names_its_case_in_words_not_ids(demo, people):
    application = Application.objects.exclude(status=Application.Status.DRAFT).first()
    PersonalDataAccess.objects.create(
        user=people["case_handler"], application=application, what=PersonalDataAccess.What.CASE
    )
    seen = []
    for model in apps.get_app_config("nabolagspotten").get_models():
        if model.__name__.startswith("Historical") or model in (Round, RoundArea):
            continue
        row = model.objects.first()
        if row is None:
            continue
        with translation.override("en"):
            text = str(row)
        reference = row.reference if model is Application else row.application.reference
        assert reference in text, (model.__name__, text)
        assert "None" not in text and f"({row.pk})" not in text, (model.__name__, text)
        seen.append(model.__name__)
    assert {"Application", "Decision", "Payment", "CaseEvent", "PersonalDataAccess"} <= set(seen)


def test_a_round_area_reads_as_round_area_and_budget(demo):
    row = RoundArea.objects.select_related("round", "area").first()
    assert str(row) == f"{row.round.name} – {row.area.name}: {kroner(row.budget)}"


def test_models_with_a_page_know_its_address(demo):
    application = ApplicationFactory()
    round_ = application.round
    assert application.get_absolute_url() == reverse(
        "nabolagspotten:case", args=[application.reference]
    )
    assert application.get_applicant_url() == reverse(
        "nabolagspotten:applicant_page", args=[application.reference]
    )
    assert round_.get_absolute_url() == reverse("nabolagspotten:round", args=[round_.pk])
    appeal = Appeal.objects.first()
    assert appeal.get_absolute_url() == reverse(
        "nabolagspotten:case_appeal", args=[appeal.application.reference, appeal.pk]
    )
