"""A benefit-realisation plan sent to the board as the annual action plan is (through
`portfolio.services.board`): «Send til programstyret» confirmed first and told to each
board member by e-mail, and each approved version a PDF made by a background task, stored
under MEDIA_ROOT and served only by a view that checks who asks."""

import datetime
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from benefits.models import BenefitPlan, Measurement
from benefits.services import plans as plan_services
from portfolio.services import board
from tests.benefits.test_plans import _benefit
from tests.factories import ProjectFactory, UserFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(people):
    return ProjectFactory(
        title="Gatetun på Møllenberg",
        owner_unit=people["change_leader"].unit,
        project_leader=people["project_leader"],
        created_by=people["programme_leader"],
    )


@pytest.fixture
def plan(people, project):
    benefit = _benefit(people, project)
    benefit.accountable = people["change_leader"]
    benefit.save()
    indicator = benefit.indicators.get()
    for year, value, state in (
        (2026, 50, "godkjent"),
        (2027, 55, "godkjent"),
        (2028, 99, "venter"),
    ):
        Measurement.objects.create(
            indicator=indicator,
            period_end=datetime.date(year - 1, 12, 31),
            value=value,
            state=state,
            recorded_by=people["change_leader"],
        )
    plan = plan_services.plan_create(by=people["programme_leader"], project=project)
    return plan_services.plan_update(
        plan=plan,
        by=people["programme_leader"],
        milestones="2026: tiltak i gang",
        responsibilities="Endringsleder i enheten",
        into_operations="Enheten viderefører tiltaket i sitt budsjett.",
    )


def _submit(plan, people):
    return plan_services.plan_submit(plan=plan, by=people["programme_leader"])


def _approve(submission, people, decision="godkjent", conditions=""):
    return plan_services.submission_decide(
        submission=submission,
        by=people["board_member"],
        decision=decision,
        meeting_date=timezone.localdate(),
        decision_text="Programstyret godkjenner planen.",
        conditions=conditions,
    )


def _pdf_url(submission):
    return reverse("benefits:plan_submission_pdf", args=[submission.plan_id, submission.number])


# --- «Send til programstyret»: confirmed, and the board told ------------------------------


def test_sending_asks_for_confirmation_and_names_who_is_told(plan, people, client_for):
    url = reverse("benefits:plan_submit", args=[plan.pk])
    page = client_for("programme_leader").get(plan.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page
    response = client_for("programme_leader").get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert people["board_member"].full_name in html
    assert nb("These members of the programme board get an e-mail with a link to the plan:") in (
        html
    )
    plan.refresh_from_db()
    assert plan.status == BenefitPlan.Status.DRAFT  # opening the page sends nothing
    assert plan.submissions.count() == 0


def test_the_confirmation_warns_when_no_one_is_on_the_board(plan, people, client_for):
    people["board_member"].groups.clear()
    html = client_for("programme_leader").get(reverse("benefits:plan_submit", args=[plan.pk]))
    assert (
        nb(
            "No one has the role Programstyret, so no one is told by e-mail. Give the board "
            "members their role in the admin first."
        )
        in html.content.decode()
    )


def test_sending_emails_each_board_member_and_no_one_else(
    plan, people, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    second = UserFactory(roles=[Role.BOARD], full_name="Styremedlem To")
    UserFactory(roles=[Role.BOARD], full_name="Gammelt Styremedlem", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("programme_leader").post(
            reverse("benefits:plan_submit", args=[plan.pk])
        )
    submission = plan.submissions.get()
    assert response.status_code == 302
    assert response.url == submission.get_absolute_url()
    # One message to each active member, each to that member's address only.
    assert sorted(message.to for message in mailoutbox) == sorted(
        [[people["board_member"].email], [second.email]]
    )
    assert all(not message.cc and not message.bcc for message in mailoutbox)
    for message in mailoutbox:
        assert "Gatetun på Møllenberg" in message.subject
        assert settings.SITE_URL + submission.get_absolute_url() in message.body
        assert people["programme_leader"].full_name in message.body  # who sent it
        # No personal data beyond the member's own name and the sender: not the other
        # members, not the benefit's accountable line leader, no one's e-mail address.
        others = [people["board_member"], second]
        addressee = next(u for u in others if [u.email] == message.to)
        other = next(u for u in others if u is not addressee)
        assert addressee.full_name in message.body
        assert other.full_name not in message.body
        assert other.email not in message.body
        assert people["change_leader"].full_name not in message.body
        assert people["change_leader"].email not in message.body
        assert "@" not in message.body.replace(settings.SITE_URL, "")


def test_the_message_is_in_norwegian(plan, people, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = _submit(plan, people)
    (message,) = mailoutbox
    assert message.subject == nb(
        "%(plan)s, version %(number)s, waits for the board's decision",
        plan=submission.content["title"],
        number=1,
    )
    assert nb("Trondheim municipality, Områdesatsing") in message.body


def test_a_plan_that_cannot_be_sent_tells_no_one(
    people, project, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    plan = plan_services.plan_create(by=people["programme_leader"], project=project)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("programme_leader").post(
            reverse("benefits:plan_submit", args=[plan.pk])
        )
    assert response.status_code == 400
    assert nb("The plan has no benefits. Link a benefit to it before you send it.") in (
        response.content.decode()
    )
    assert mailoutbox == []
    assert plan.submissions.count() == 0


def test_the_action_plan_and_the_benefit_plan_share_the_board_machinery():
    """Reused, not copied: both kinds of plan tell the board through the one function."""
    from portfolio.services import plans as action_plans

    assert plan_services.board_members is board.board_members
    assert action_plans.board_members is board.board_members


# --- The approved version as a PDF -------------------------------------------------------


def test_approving_queues_the_pdf_and_it_is_made_once(
    plan, people, django_capture_on_commit_callbacks, monkeypatch
):
    submission = _submit(plan, people)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _approve(submission, people)
    assert len(callbacks) == 1  # the task, queued when the decision commits
    submission.refresh_from_db()
    assert submission.pdf.name.startswith("gevinstplaner/")
    assert submission.pdf.name.endswith(".pdf")
    assert submission.pdf.read().startswith(b"%PDF")
    monkeypatch.setattr(board, "render_pdf", lambda html: pytest.fail("rendered twice"))
    assert plan_services.plan_pdf_render(submission_id=submission.pk).pdf == submission.pdf
    assert [s.pk for s in plan_services.plan_pdfs_missing()] == []


def test_a_version_sent_back_gets_no_pdf(plan, people, django_capture_on_commit_callbacks):
    submission = _submit(plan, people)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _approve(submission, people, decision="sendt_tilbake")
    assert callbacks == []
    assert plan_services.plan_pdf_render(submission_id=submission.pk) is None


def _pdf_text(pdf: bytes) -> list[tuple[str, float, float]]:
    """(text, right edge, page width) of every line in the PDF (pdfminer.six)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    lines = []
    for page in extract_pages(io.BytesIO(pdf)):
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    if isinstance(line, LTTextLine):
                        lines.append((line.get_text().strip(), line.bbox[2], page.bbox[2]))
    return lines


def test_the_pdf_shows_the_frozen_plan_its_chart_and_tables_within_the_page(plan, people):
    submission = _submit(plan, people)
    # Changed after it was sent: the PDF shows what the board approved, not this.
    benefit = plan.benefits().get()
    benefit.title = "Endret etter at planen ble sendt"
    benefit.save()
    _approve(submission, people, decision="godkjent_med_vilkar", conditions="Rapport i juni.")
    submission = plan_services.plan_pdf_render(submission_id=submission.pk)
    lines = _pdf_text(submission.pdf.read())
    text = "\n".join(line for line, _right, _width in lines)
    assert "Økt opplevd trygghet i Lademoen" in text
    assert "Endret etter" not in text
    assert "Andel trygge" in text
    assert "Rapport i juni." in text
    assert "Enheten viderefører tiltaket i sitt budsjett." in text
    # The chart's data table: both baselines, the two approved measurements and the target;
    # the measurement awaiting approval is not in the plan.
    assert "48" in text and "52" in text and "55" in text and "65" in text
    assert "99" not in text
    for line, right, width in lines:
        assert right <= width, f"{line!r} runs off the page (to {right:.0f} of {width:.0f} pt)"


def test_the_pdf_has_the_chart_as_a_drawing(plan, people, monkeypatch):
    """The same SVG as the page's chart goes into the PDF's HTML."""
    rendered = []
    real = board.render_pdf
    monkeypatch.setattr(board, "render_pdf", lambda html: rendered.append(html) or real(html))
    submission = _submit(plan, people)
    _approve(submission, people)
    plan_services.plan_pdf_render(submission_id=submission.pk)
    (html,) = rendered
    assert html.count("<svg") == 1
    assert 'role="img"' in html
    assert "<script" not in html
    assert nb("Trend for «%(name)s»", name="Andel trygge") in html


def test_the_snapshot_freezes_the_approved_measurements_for_the_chart(plan, people):
    content = _submit(plan, people).content
    (indicator,) = content["benefits"][0]["indicators"]
    assert indicator["unit_code"] == "prosent"
    assert [(m["date"], m["value"]) for m in indicator["measurements"]] == [
        ("2025-12-31", "50.00"),
        ("2026-12-31", "55.00"),
    ]  # the one awaiting approval is not frozen


def test_the_approved_pdf_is_served_with_its_name_and_never_rendered_in_the_request(
    plan, people, client_for, monkeypatch
):
    submission = _submit(plan, people)
    _approve(submission, people)
    plan_services.plan_pdf_render(submission_id=submission.pk)
    monkeypatch.setattr(board, "render_pdf", lambda html: pytest.fail("rendered in a request"))
    response = client_for("project_leader").get(_pdf_url(submission))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="gevinstrealiseringsplan-{plan.pk}-versjon-1.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_before_the_pdf_is_made_the_page_says_so_and_polls(plan, people, client_for):
    submission = _submit(plan, people)
    _approve(submission, people)  # the task has not run (the transaction never commits)
    client = client_for("board_member")
    response = client.get(_pdf_url(submission))
    assert response.status_code == 202
    html = response.content.decode()
    assert nb("The PDF is being made") in html  # «PDF-en lages»
    assert f'hx-get="{_pdf_url(submission)}"' in html
    assert submission.get_absolute_url() in html  # the way back
    polled = client.get(_pdf_url(submission), headers={"HX-Request": "true"})
    assert polled.status_code == 200
    assert 'id="pdf-status"' in polled.content.decode()
    assert "<html" not in polled.content.decode()
    plan_services.plan_pdf_render(submission_id=submission.pk)
    ready = client.get(_pdf_url(submission), headers={"HX-Request": "true"}).content.decode()
    assert nb("The PDF is ready.") in ready


def test_only_an_approved_version_has_a_pdf(plan, people, client_for):
    submission = _submit(plan, people)
    client = client_for("board_member")
    assert client.get(_pdf_url(submission)).status_code == 404  # undecided
    _approve(submission, people, decision="sendt_tilbake")
    assert client.get(_pdf_url(submission)).status_code == 404
    missing = reverse("benefits:plan_submission_pdf", args=[plan.pk, 7])
    assert client.get(missing).status_code == 404


def test_the_plan_and_the_version_link_to_the_approved_pdf(plan, people, client_for):
    submission = _submit(plan, people)
    client = client_for("change_leader")
    assert _pdf_url(submission) not in client.get(plan.get_absolute_url()).content.decode()
    _approve(submission, people)
    assert _pdf_url(submission) in client.get(plan.get_absolute_url()).content.decode()
    assert _pdf_url(submission) in client.get(submission.get_absolute_url()).content.decode()


def test_render_missing_pdfs_makes_the_benefit_plans_too(plan, people):
    from omradesatsing.pdfs import pdfs_render_missing

    submission = _submit(plan, people)
    _approve(submission, people)
    made = list(pdfs_render_missing())
    assert plan_services.plan_pdf_filename(submission) in made
    submission.refresh_from_db()
    assert submission.pdf
