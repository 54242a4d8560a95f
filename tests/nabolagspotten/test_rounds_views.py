"""The round pages: list with totals, one round's ledger, and the round form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from nabolagspotten.models import Application, Round, RoundArea
from portfolio.models import Area
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db


def _post_data(**overrides):
    today = timezone.localdate()
    data = {
        "name": "Høstrunden",
        "year": today.year,
        "opens_on": today.replace(month=1, day=1).isoformat(),
        "closes_on": today.replace(month=12, day=31).isoformat(),
        "max_grant": "30 000",
        "criteria": "Tiltaket skaper fellesskap.",
        "accept_within_days": 21,
        "report_within_days": 60,
    }
    for area in Area.objects.filter(is_active=True):
        data[f"budget_{area.pk}"] = "100 000"
    data.update(overrides)
    return data


def test_list_shows_each_rounds_totals(client_for):
    round_ = RoundFactory(budgets={"lademoen": 100_000, "mollenberg": 50_000})
    ApplicationFactory(round=round_, status=Application.Status.PAID, amount_granted=12_000)
    response = client_for("board_member").get(reverse("nabolagspotten:rounds"))
    assert response.status_code == 200
    html = response.content.decode()
    assert round_.name in html
    assert "150\u00a0000\u00a0kr" in html  # budget
    assert "138\u00a0000\u00a0kr" in html  # left
    assert reverse("nabolagspotten:round_create") not in html  # board member cannot set up


def test_list_query_count_does_not_grow(client_for, django_assert_max_num_queries):
    client = client_for("programme_leader")
    RoundFactory()
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("nabolagspotten:rounds"))
    limit = len(small.captured_queries)
    for _ in range(6):
        ApplicationFactory(round=RoundFactory())
    with django_assert_max_num_queries(limit):
        response = client.get(reverse("nabolagspotten:rounds"))
    assert response.status_code == 200


def test_round_page_shows_the_ledger_counts_and_criteria(client_for):
    round_ = RoundFactory(criteria="<script>alert(1)</script> Møteplasser")
    ApplicationFactory(round=round_, status=Application.Status.GRANTED, amount_granted=5_000)
    ApplicationFactory(round=round_, status=Application.Status.DRAFT)
    response = client_for("project_leader").get(reverse("nabolagspotten:round", args=[round_.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lademoen" in html and "Møllenberg" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert nb("Granted") in html
    assert response.context["total_count"] == 1  # the draft is not counted


def test_unknown_round_is_404(client_for):
    assert (
        client_for("programme_leader")
        .get(reverse("nabolagspotten:round", args=[999999]))
        .status_code
        == 404
    )


def test_create_round(client_for, people):
    response = client_for("programme_leader").post(
        reverse("nabolagspotten:round_create"), _post_data()
    )
    round_ = Round.objects.get(name="Høstrunden")
    assert response.status_code == 302
    assert response.url == reverse("nabolagspotten:round", args=[round_.pk])
    assert round_.max_grant == 30_000
    assert RoundArea.objects.filter(round=round_, budget=100_000).count() == 3


def test_close_before_open_is_shown_on_the_field(client_for):
    today = timezone.localdate()
    data = _post_data(
        opens_on=today.replace(month=6, day=1).isoformat(),
        closes_on=today.replace(month=5, day=1).isoformat(),
    )
    response = client_for("programme_leader").post(reverse("nabolagspotten:round_create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["closes_on"] == [
        nb("The round cannot close before it opens.")
    ]
    assert nb("To continue, correct the following:") in response.content.decode()


def test_bad_input_gives_messages_not_500(client_for):
    data = _post_data(
        criteria="x" * 100_000, name="bad\x00name", max_grant="-5", opens_on="2027-02-31"
    )
    response = client_for("programme_leader").post(reverse("nabolagspotten:round_create"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"criteria", "name", "max_grant", "opens_on"} <= set(errors)
    assert not Round.objects.exists()


def test_budget_below_committed_lands_on_the_areas_field(client_for):
    round_ = RoundFactory(budgets={"lademoen": 50_000})
    lademoen = Area.objects.get(slug="lademoen")
    ApplicationFactory(
        round=round_, area=lademoen, status=Application.Status.ACCEPTED, amount_granted=30_000
    )
    data = _post_data(
        name=round_.name,
        year=round_.year,
        opens_on=round_.opens_on.isoformat(),
        closes_on=round_.closes_on.isoformat(),
        **{f"budget_{lademoen.pk}": "10 000"},
    )
    url = reverse("nabolagspotten:round_edit", args=[round_.pk])
    response = client_for("programme_leader").post(url, data)
    assert response.status_code == 400
    [message] = response.context["form"].errors[f"budget_{lademoen.pk}"]
    assert "Lademoen" in message
    assert RoundArea.objects.get(round=round_, area=lademoen).budget == 50_000


def test_edit_round(client_for):
    round_ = RoundFactory()
    data = _post_data(
        name="Endret",
        year=round_.year,
        opens_on=round_.opens_on.isoformat(),
        closes_on="",
    )
    response = client_for("programme_leader").post(
        reverse("nabolagspotten:round_edit", args=[round_.pk]), data
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.name == "Endret" and round_.is_rolling


def test_only_the_programme_leader_sets_up_rounds(client_for):
    round_ = RoundFactory()
    for person in ("case_handler", "board_member", "outsider"):
        client = client_for(person)
        assert client.get(reverse("nabolagspotten:round_create")).status_code == 403
        assert (
            client.post(
                reverse("nabolagspotten:round_edit", args=[round_.pk]), _post_data()
            ).status_code
            == 403
        )


def test_round_page_links_to_its_case_list(client_for):
    round_ = RoundFactory()
    response = client_for("case_handler").get(reverse("nabolagspotten:round", args=[round_.pk]))
    assert f"{reverse('nabolagspotten:cases')}?round={round_.pk}" in response.content.decode()


def test_a_round_budget_beyond_what_the_database_holds_is_a_field_error(client_for):
    lademoen = Area.objects.get(slug="lademoen")
    data = _post_data(**{f"budget_{lademoen.pk}": "99 999 999 999"})
    response = client_for("programme_leader").post(reverse("nabolagspotten:round_create"), data)
    assert response.status_code == 400
    assert f"budget_{lademoen.pk}" in response.context["form"].errors
