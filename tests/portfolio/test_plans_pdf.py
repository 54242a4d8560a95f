"""The approved plan and its decision as a PDF (WeasyPrint, A4)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from portfolio.services import board
from portfolio.services import plans as services
from tests.portfolio.factories_plans import portfolio_project, submitted_plan

pytestmark = pytest.mark.django_db

PDF = reverse("portfolio:submission_pdf", args=[2027, 1])


def _decide(submission, people, decision, conditions="", *, render=True):
    """The board's decision; with `render`, the PDF task's work done too (in a test the
    transaction never commits, so the queued task would not run)."""
    services.submission_decide(
        submission=submission,
        by=people["board_member"],
        decision=decision,
        meeting_date=timezone.localdate(),
        decision_text="Programstyret har behandlet planen.",
        conditions=conditions,
    )
    if render:
        services.plan_pdf_render(submission_id=submission.pk)


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
    assert response.getvalue().startswith(b"%PDF")


def test_an_undecided_version_has_no_pdf(client_for, people):
    submitted_plan([portfolio_project()], by=people["programme_leader"])
    assert client_for("board_member").get(PDF).status_code == 404


def test_a_version_sent_back_has_no_pdf(client_for, people):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    _decide(submission, people, "sendt_tilbake")
    assert client_for("board_member").get(PDF).status_code == 404


def test_a_version_that_does_not_exist_has_no_pdf(client_for, people):
    assert client_for("board_member").get(PDF).status_code == 404


def _lines_on_pages(pdf_bytes: bytes) -> list[tuple[str, float, float]]:
    """(text, right edge of its last character, page width) of every line in the PDF,
    read with pdfminer.six, which knows where each character is drawn."""
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    lines = []
    for page in extract_pages(io.BytesIO(pdf_bytes)):
        width = page.bbox[2]
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    if isinstance(line, LTTextLine):
                        lines.append((line.get_text().strip(), line.bbox[2], width))
    return lines


def test_the_budget_totals_can_be_read_on_the_page_with_many_funding_sources(client_for, people):
    """Four funding sources and large amounts: the total column must be on the page, not
    past its right edge (read back from the PDF with its positions)."""
    planned = {"kdd": 4_240_000, "husbanken": 3_500_000, "kommunal": 370_000, "ekstern": 2_070_000}
    projects = [
        portfolio_project(title=f"Lavterskel trening ved Rosenborg skole {n}", planned=planned)
        for n in range(3)
    ]
    _plan, submission = submitted_plan(projects, by=people["programme_leader"])
    _decide(submission, people, "godkjent")
    pdf = client_for("board_member").get(PDF).getvalue()
    total = "30\u00a0540\u00a0000\u00a0kr"  # 3 × 10 180 000
    found = [line for line in _lines_on_pages(pdf) if total in line[0]]
    assert found, "the grand total is not in the PDF's text"
    for text, right, width in found:
        assert right <= width, f"{text!r} runs off the page (to {right:.0f} of {width:.0f} pt)"


def test_approving_queues_the_pdf_and_it_is_made_once(
    people, django_capture_on_commit_callbacks, monkeypatch
):
    from core import pdf as pdf_module

    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _decide(submission, people, "godkjent", render=False)
    assert len(callbacks) == 1  # the task, queued when the decision commits
    submission.refresh_from_db()
    assert submission.pdf.name.endswith(".pdf")
    assert submission.pdf.read().startswith(b"%PDF")
    calls = []
    monkeypatch.setattr(board, "render_pdf", lambda html: calls.append(html) or b"%PDF")
    services.plan_pdf_render(submission_id=submission.pk)
    assert calls == []  # stored already: never rendered again
    assert pdf_module  # (the real renderer was used above)


def test_the_download_serves_the_stored_file_without_rendering(client_for, people, monkeypatch):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    _decide(submission, people, "godkjent")
    monkeypatch.setattr(board, "render_pdf", lambda html: pytest.fail("rendered in a request"))
    response = client_for("board_member").get(PDF)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]


def test_before_the_file_exists_the_page_says_it_is_being_made_and_polls(client_for, people):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    _decide(submission, people, "godkjent", render=False)
    client = client_for("board_member")
    response = client.get(PDF)
    assert response.status_code == 202
    html = response.content.decode()
    assert "PDF-en lages" in html
    assert 'hx-trigger="every 2s"' in html and 'aria-live="polite"' in html
    services.plan_pdf_render(submission_id=submission.pk)
    fragment = client.get(PDF, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and f'href="{PDF}"' in fragment
    assert "every 2s" not in fragment  # ready: it stops asking
