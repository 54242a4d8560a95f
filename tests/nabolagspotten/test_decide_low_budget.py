"""The decision page asks the handler to confirm a grant that leaves the area with less than
NABOLAGSPOTTEN_LOW_BUDGET_SHARE of its budget, and only then: the box is not there while
plenty is left, the server adds it when the amount posted calls for it, and htmx asks for
it as the amount changes."""

import pytest
from django.urls import reverse

from core.formatting import kroner
from nabolagspotten.models import Application, Decision
from nabolagspotten.services import decisions
from tests.nabolagspotten.test_cases_support import a_round, committed, in_review
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status
BOX = 'name="confirm_low_budget"'


@pytest.fixture(autouse=True)
def _share(settings):
    settings.NABOLAGSPOTTEN_LOW_BUDGET_SHARE = 0.1


@pytest.fixture
def handler(people):
    return people["case_handler"]


@pytest.fixture
def handler_client(client, handler):
    client.force_login(handler)
    return client


def _decide_url(application):
    return reverse("nabolagspotten:case_decide", args=[application.reference])


def _grant(amount, **extra):
    return {"outcome": "delvis_innvilget", "amount": amount, "reasons": "Godt tiltak.", **extra}


def test_no_confirmation_while_two_thirds_of_the_budget_is_left(handler_client, handler):
    round_ = a_round(budget=150_000)
    committed(round_, 35_000, handler)  # 115 000 kr left: 77 %
    application = in_review(handler, round=round_, amount_requested=15_000)
    content = handler_client.get(_decide_url(application)).content.decode()
    assert BOX not in content
    assert "ds-alert" not in content
    response = handler_client.post(_decide_url(application), _grant(10_000))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.PARTLY_GRANTED


def test_the_box_is_there_on_get_when_the_suggested_amount_leaves_little(handler_client, handler):
    round_ = a_round(budget=100_000)
    committed(round_, 80_000, handler)
    application = in_review(handler, round=round_, amount_requested=15_000)
    content = handler_client.get(_decide_url(application)).content.decode()
    assert BOX in content
    assert kroner(5_000) in content  # what the grant would leave


def test_the_server_asks_when_the_amount_posted_calls_for_it(handler_client, handler):
    round_ = a_round(budget=100_000)
    committed(round_, 80_000, handler)  # 20 000 kr left
    application = in_review(handler, round=round_, amount_requested=15_000)
    url = _decide_url(application)
    # Changed to a small grant, the page has no box; the handler then posts a large one.
    response = handler_client.post(url, _grant(14_000))
    assert response.status_code == 400
    content = response.content.decode()
    assert BOX in content
    message = nb(
        "After this grant only %(left)s is left in %(area)s. Confirm that you want to use "
        "this much of the area's last money.",
        left=kroner(6_000),
        area="Lademoen",
    )
    assert content.count(message) >= 2  # on the box and in the error summary
    assert not Decision.objects.filter(application=application).exists()
    assert handler_client.post(url, _grant(14_000, confirm_low_budget="on")).status_code == 302


def test_a_small_grant_needs_no_box_even_if_one_was_shown(handler_client, handler):
    round_ = a_round(budget=100_000)
    committed(round_, 80_000, handler)
    application = in_review(handler, round=round_, amount_requested=15_000)
    response = handler_client.post(_decide_url(application), _grant(5_000))
    assert response.status_code == 302


def test_a_refusal_never_asks(handler_client, handler):
    round_ = a_round(budget=100_000)
    committed(round_, 95_000, handler)  # already low
    application = in_review(handler, round=round_, amount_requested=15_000)
    data = {"outcome": "avslatt", "amount": "", "reasons": "Utenfor kriteriene."}
    assert decisions.budget_warning(application, 15_000, "avslatt")["low"] is False
    assert handler_client.post(_decide_url(application), data).status_code == 302


def test_more_than_is_left_is_refused_on_the_amount_without_a_box(handler_client, handler):
    round_ = a_round(budget=100_000)
    committed(round_, 90_000, handler)
    application = in_review(handler, round=round_, amount_requested=15_000)
    response = handler_client.post(_decide_url(application), _grant(14_000))
    assert response.status_code == 400
    assert BOX not in response.content.decode()


def test_htmx_asks_for_the_box_as_the_amount_changes(handler_client, handler):
    round_ = a_round(budget=100_000)
    committed(round_, 80_000, handler)
    application = in_review(handler, round=round_, amount_requested=15_000)
    url = _decide_url(application)
    low = handler_client.get(
        url, {"outcome": "delvis_innvilget", "amount": "12000"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert BOX in low and "<html" not in low
    assert kroner(8_000) in low
    plenty = handler_client.get(
        url, {"outcome": "delvis_innvilget", "amount": "2000"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert BOX not in plenty
    refused = handler_client.get(
        url, {"outcome": "avslatt", "amount": "12000"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert BOX not in refused
