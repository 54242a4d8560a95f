"""Setting up rounds: dates, year, and a budget per area never below what is committed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from nabolagspotten.models import Application, Round, RoundArea
from nabolagspotten.services.ledger import rounds_ledgers
from nabolagspotten.services.rounds import budget_field, round_create, round_update
from portfolio.models import Area
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    fields = {
        "name": "Vårrunden 2027",
        "year": 2027,
        "opens_on": date(2027, 3, 1),
        "closes_on": date(2027, 4, 30),
        "max_grant": 30_000,
        "criteria": "Skaper møteplasser.",
        "accept_within_days": 21,
        "report_within_days": 60,
    }
    fields.update(overrides)
    return fields


def _area(slug="lademoen"):
    return Area.objects.get(slug=slug)


def test_round_create_saves_the_round_and_a_budget_per_area(people):
    by = people["programme_leader"]
    budgets = {area.pk: 100_000 + i for i, area in enumerate(Area.objects.order_by("name"))}
    round_ = round_create(by=by, budgets=budgets, **_fields())
    assert round_.created_by == by
    assert {row.area_id: row.budget for row in round_.areas.all()} == budgets
    assert round_.history.first().history_user == by


def test_rolling_intake_has_no_closing_date(people):
    round_ = round_create(by=people["programme_leader"], **_fields(closes_on=None))
    assert round_.is_rolling


def test_closing_before_opening_is_refused(people):
    with pytest.raises(ValidationError) as error:
        round_create(by=people["programme_leader"], **_fields(closes_on=date(2027, 2, 1)))
    assert error.value.message_dict["closes_on"] == [nb("The round cannot close before it opens.")]
    assert not Round.objects.filter(name="Vårrunden 2027").exists()


def test_the_year_must_match_the_opening_date(people):
    with pytest.raises(ValidationError) as error:
        round_create(by=people["programme_leader"], **_fields(year=2026))
    assert "year" in error.value.message_dict


def test_budget_can_be_raised_but_not_lowered_below_committed(people):
    round_ = RoundFactory(budgets={"lademoen": 50_000})
    ApplicationFactory(
        round=round_, area=_area(), status=Application.Status.GRANTED, amount_granted=20_000
    )
    by = people["programme_leader"]
    area = _area()
    round_update(round_=round_, by=by, budgets={area.pk: 80_000})
    assert RoundArea.objects.get(round=round_, area=area).budget == 80_000
    with pytest.raises(ValidationError) as error:
        round_update(round_=round_, by=by, budgets={area.pk: 19_999})
    messages = error.value.message_dict[budget_field(area.pk)]
    assert "Lademoen" in messages[0] and "20\u00a0000\u00a0kr" in messages[0]
    round_update(round_=round_, by=by, budgets={area.pk: 20_000})
    assert RoundArea.objects.get(round=round_, area=area).budget == 20_000


def test_budget_paid_back_money_frees_the_budget(people):
    round_ = RoundFactory(budgets={"lademoen": 50_000})
    application = ApplicationFactory(
        round=round_, area=_area(), status=Application.Status.CLOSED, amount_granted=20_000
    )
    application.repayments.create(amount=5_000, status="betalt")
    round_update(round_=round_, by=people["programme_leader"], budgets={_area().pk: 15_000})
    assert RoundArea.objects.get(round=round_, area=_area()).budget == 15_000


def test_update_changes_the_settings(people):
    round_ = RoundFactory()
    round_update(
        round_=round_,
        by=people["programme_leader"],
        name="Nytt navn",
        max_grant=10_000,
        year=round_.opens_on.year,
    )
    round_.refresh_from_db()
    assert (round_.name, round_.max_grant) == ("Nytt navn", 10_000)


def test_unknown_fields_are_refused(people):
    with pytest.raises(TypeError):
        round_create(by=people["programme_leader"], created_by=people["outsider"], **_fields())


def test_rounds_ledgers_gives_every_round_in_one_query(django_assert_num_queries):
    rounds = [RoundFactory(), RoundFactory()]
    with django_assert_num_queries(1):
        result = rounds_ledgers(rounds)
    assert set(result) == {r.pk for r in rounds}
    assert all(len(items) == 3 for items in result.values())
