"""The applicant's side of a decision, reached only with a personal link in the session:
the letter, accepting or declining by the deadline, and appealing (late appeals flagged)."""

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from nabolagspotten.models import Application
from nabolagspotten.services import decisions
from tests.nabolagspotten.test_cases_support import granted, in_review, with_link
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status


def _url(name, application):
    return reverse(f"nabolagspotten:{name}", args=[application.reference])


def test_without_a_link_everything_is_404(client, people):
    application = granted(people["case_handler"])
    other = granted(people["case_handler"])
    with_link(client, other)  # a link to ANOTHER application does not help
    assert client.get(_url("applicant_letter", application)).status_code == 404
    assert client.get(_url("applicant_appeal", application)).status_code == 404
    response = client.post(_url("applicant_respond", application), {"answer": "accept"})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == S.GRANTED


def test_the_applicant_accepts(client, people):
    application = granted(people["case_handler"])
    with_link(client, application)
    response = client.post(_url("applicant_respond", application), {"answer": "accept"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.ACCEPTED
    assert decisions.current_decision(application).responded_at is not None


def test_the_applicant_declines(client, people):
    application = granted(people["case_handler"])
    with_link(client, application)
    response = client.post(_url("applicant_respond", application), {"answer": "decline"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.DECLINED


def test_after_the_deadline_the_answer_is_refused_clearly(client, people):
    application = granted(people["case_handler"])
    decision = decisions.current_decision(application)
    decision.accept_deadline = timezone.localdate() - timezone.timedelta(days=2)
    decision.save()
    with_link(client, application)
    response = client.post(_url("applicant_respond", application), {"answer": "accept"})
    assert response.status_code == 400
    assert "ds-alert" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.GRANTED
    html = render_to_string(
        "nabolagspotten/applicant/_decision.html",
        {"application": application, "decision": decision, "appeals": []},
    )
    assert _url("applicant_respond", application) not in html


@pytest.mark.parametrize("answer", ["", "maybe"])
def test_a_bad_answer_is_a_400(client, people, answer):
    application = granted(people["case_handler"])
    with_link(client, application)
    response = client.post(_url("applicant_respond", application), {"answer": answer})
    assert response.status_code == 400


def test_answering_a_refusal_is_refused(client, people):
    handler = people["case_handler"]
    application = in_review(handler)
    decisions.decision_make(
        application=application, by=handler, outcome="avslatt", amount=0, reasons="Drift."
    )
    with_link(client, application)
    response = client.post(_url("applicant_respond", application), {"answer": "accept"})
    assert response.status_code == 400
    assert nb("There is no grant waiting for your answer.") in response.content.decode()


def test_the_decision_panel_before_the_deadline(people):
    application = granted(people["case_handler"])
    decision = decisions.current_decision(application)
    html = render_to_string(
        "nabolagspotten/applicant/_decision.html",
        {"application": application, "decision": decision, "appeals": []},
    )
    assert _url("applicant_respond", application) in html
    assert _url("applicant_letter", application) in html
    assert _url("applicant_appeal", application) in html
    assert "Tiltaket skaper fellesskap." in html


def test_the_applicant_appeals(client, people):
    application = granted(people["case_handler"], amount=10_000)
    with_link(client, application)
    url = _url("applicant_appeal", application)
    assert client.get(url).status_code == 200
    response = client.post(url, {"grounds": ""})
    assert response.status_code == 400
    response = client.post(url, {"grounds": "x" * 100_000})
    assert response.status_code == 400
    response = client.post(url, {"grounds": "<script>alert(1)</script> Vi ba om mer."})
    assert response.status_code == 302
    appeal = application.appeals.get()
    assert appeal.within_deadline is True
    assert appeal.grounds.startswith("<script>")


def test_a_late_appeal_is_received_and_the_applicant_told(client, people):
    application = granted(people["case_handler"])
    decision = decisions.current_decision(application)
    decision.appeal_deadline = timezone.localdate() - timezone.timedelta(days=1)
    decision.save()
    with_link(client, application)
    url = _url("applicant_appeal", application)
    response = client.get(url)
    assert "ds-alert" in response.content.decode()
    response = client.post(url, {"grounds": "Vi var bortreist."})
    assert response.status_code == 302
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert told == [
        nb(
            "Your appeal is received, but after the deadline. It may be refused "
            "as late; we will tell you by e-mail."
        )
    ]
    appeal = application.appeals.get()
    assert appeal.within_deadline is False


def test_no_appeal_page_without_a_decision(client, people):
    application = in_review(people["case_handler"])
    with_link(client, application)
    assert client.get(_url("applicant_appeal", application)).status_code == 404


def test_a_declined_grant_frees_the_money_and_is_never_listed_as_a_grant(people):
    """Also after the case is closed: closed is a committed status, but a declined grant has
    0 kr granted on the application (the offer stays on the decision)."""
    from nabolagspotten.services import ledger, statistics
    from nabolagspotten.services.applications import public_grants
    from nabolagspotten.services.workflow import lock, move

    application = granted(people["case_handler"], amount=10_000)
    decisions.grant_decline(application=application)
    application.refresh_from_db()
    assert application.amount_granted == 0
    assert decisions.current_decision(application).amount == 10_000
    move(lock(application), S.CLOSED, by=people["case_handler"])

    figures = ledger.area_ledger(application.round_id, application.area_id)
    assert figures.granted == 0
    assert figures.remaining == figures.budget
    assert application.pk not in {a.pk for a in public_grants()}
    rows = statistics.grant_statistics(rounds=[application.round])
    assert sum(row.grants for row in rows) == 0
