"""The approved plan and its decision as a PDF (WeasyPrint, A4)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from portfolio.services import plans as services
from tests.portfolio.factories_plans import portfolio_project, submitted_plan

pytestmark = pytest.mark.django_db

PDF = reverse("portfolio:submission_pdf", args=[2027, 1])


def _decide(submission, people, decision, conditions=""):
    services.submission_decide(
        submission=submission,
        by=people["board_member"],
        decision=decision,
        meeting_date=timezone.localdate(),
        decision_text="Programstyret har behandlet planen.",
        conditions=conditions,
    )


@pytest.mark.parametrize(
    ("decision", "conditions"), [("godkjent", ""), ("godkjent_med_vilkar", "Rapport i juni.")]
)
def test_an_approved_version_downloads_as_a_pdf(client_for, people, decision, conditions):
    _plan, submission = submitted_plan(
        [portfolio_project(title="<b>Møteplass</b>", planned={"kdd": 1_000, "ekstern": 5})],
        by=people["programme_leader"],
    )
    _decide(submission, people, decision, conditions)
    response = client_for("change_leader").get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="handlingsplan-2027-versjon-1.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_an_undecided_version_has_no_pdf(client_for, people):
    submitted_plan([portfolio_project()], by=people["programme_leader"])
    assert client_for("board_member").get(PDF).status_code == 404


def test_a_version_sent_back_has_no_pdf(client_for, people):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    _decide(submission, people, "sendt_tilbake")
    assert client_for("board_member").get(PDF).status_code == 404


def test_a_version_that_does_not_exist_has_no_pdf(client_for, people):
    assert client_for("board_member").get(PDF).status_code == 404
