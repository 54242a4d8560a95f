"""Statistics per round and area: the figures, the fixed query count, and the page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from nabolagspotten.models import Application, FinalReport, Payment
from nabolagspotten.services.statistics import by_round, grant_statistics, total
from portfolio.models import Area
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory

pytestmark = pytest.mark.django_db
S = Application.Status


def _area(slug):
    return Area.objects.get(slug=slug)


def _world(people):
    round_ = RoundFactory(budgets={"lademoen": 100_000, "mollenberg": 50_000})
    lademoen = _area("lademoen")
    ApplicationFactory(round=round_, area=lademoen, status=S.DRAFT, amount_requested=99_999)
    ApplicationFactory(round=round_, area=lademoen, status=S.WITHDRAWN, amount_requested=99_999)
    ApplicationFactory(
        round=round_, area=lademoen, status=S.SUBMITTED, amount_requested=1_000, first_time=False
    )
    ApplicationFactory(round=round_, area=lademoen, status=S.REFUSED, amount_requested=2_000)
    paid = ApplicationFactory(
        round=round_,
        area=lademoen,
        status=S.REPORTED,
        amount_requested=10_000,
        amount_granted=8_000,
        expected_participants=50,
        volunteer_hours=30,
        first_time=False,
    )
    for amount in (5_000, 3_000):  # two instalments must not double the other sums
        Payment.objects.create(
            application=paid,
            amount=amount,
            paid_on=timezone.localdate(),
            reference="B",
            registered_by=people["case_handler"],
        )
    FinalReport.objects.create(
        application=paid, what_happened="x", participants=70, volunteer_hours=45, money_used=8_000
    )
    ApplicationFactory(
        round=round_,
        area=_area("mollenberg"),
        status=S.GRANTED,
        amount_requested=4_000,
        amount_granted=4_000,
        expected_participants=20,
    )
    return round_


def test_figures_per_round_and_area(people):
    round_ = _world(people)
    rows = {row.area_name: row for row in grant_statistics(rounds=[round_])}
    lademoen, mollenberg = rows["Lademoen"], rows["Møllenberg"]
    assert (lademoen.budget, lademoen.applications, lademoen.grants) == (100_000, 3, 1)
    assert (lademoen.applied, lademoen.granted, lademoen.paid) == (13_000, 8_000, 8_000)
    assert (lademoen.expected_participants, lademoen.participants) == (50, 70)
    assert (lademoen.planned_volunteer_hours, lademoen.volunteer_hours) == (30, 45)
    assert (lademoen.first_time, lademoen.first_time_percent) == (1, 33)
    assert (mollenberg.applications, mollenberg.granted, mollenberg.paid) == (1, 4_000, 0)
    assert mollenberg.first_time_share == 1.0
    summed = total(list(rows.values()))
    assert (summed.applications, summed.granted, summed.budget) == (4, 12_000, 150_000)
    [group] = by_round(list(rows.values()))
    assert group["total"].applied == 17_000


def test_year_filter(people):
    round_ = _world(people)
    assert grant_statistics(year=round_.year + 1) == []
    assert {row.round_id for row in grant_statistics(year=round_.year)} == {round_.pk}


def test_fixed_number_of_queries(people, django_assert_num_queries):
    _world(people)
    with django_assert_num_queries(3):
        grant_statistics()
    for _ in range(3):
        _world(people)
    with django_assert_num_queries(3):
        rows = grant_statistics()
    assert len(rows) == 8


def test_page_shows_the_table_for_every_staff_member(
    client_for, people, django_assert_max_num_queries
):
    round_ = _world(people)
    client = client_for("board_member")
    with django_assert_max_num_queries(12) as small:
        response = client.get(reverse("nabolagspotten:statistics"))
    limit = len(small.captured_queries)
    assert response.status_code == 200
    html = response.content.decode()
    assert round_.name in html and "Møllenberg" in html
    assert "Kari Nordmann" not in html and "@test.example" not in html  # no personal data
    _world(people)
    with django_assert_max_num_queries(limit):
        client.get(reverse("nabolagspotten:statistics"))
    RoundFactory(year=2001, budgets={})
    filtered = client.get(reverse("nabolagspotten:statistics"), {"year": 2001})
    assert filtered.status_code == 200 and filtered.context["groups"] == []
    bad = client.get(reverse("nabolagspotten:statistics"), {"year": "x"})
    assert bad.status_code == 200 and "year" in bad.context["form"].errors
    # A NUL byte is refused before any page sees it (core.middleware.RejectNulMiddleware).
    assert client.get(reverse("nabolagspotten:statistics"), {"year": "x\x00"}).status_code == 400
    assert client_for("outsider").get(reverse("nabolagspotten:statistics")).status_code == 403
