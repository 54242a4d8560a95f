"""The first command works on a machine without WeasyPrint's system libraries: a page that
makes a PDF says, in Norwegian, what the server lacks, and `check` warns."""

import builtins

import pytest
from django.utils import timezone

from core.pdf import PdfUnavailable, render_pdf
from omradesatsing.checks import check_pdf_libraries
from portfolio.services import plans as services
from tests.portfolio.factories_plans import portfolio_project, submitted_plan


@pytest.fixture
def no_pango(monkeypatch):
    """WeasyPrint as it behaves without Pango: importing it raises OSError."""
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    import ctypes.util

    real = ctypes.util.find_library
    monkeypatch.setattr(
        ctypes.util, "find_library", lambda name: None if name.startswith("pango") else real(name)
    )


def test_render_pdf_says_the_libraries_are_missing(no_pango):
    with pytest.raises(PdfUnavailable):
        render_pdf("<p>Hei</p>")


def test_check_warns_and_names_what_to_install(monkeypatch):
    import ctypes.util

    real = ctypes.util.find_library
    monkeypatch.setattr(
        ctypes.util, "find_library", lambda name: None if name.startswith("pango") else real(name)
    )
    (warning,) = check_pdf_libraries()
    assert "libpango-1.0" in warning.msg
    assert warning.id == "omradesatsing.W001"
    assert "libpango-1.0-0" in warning.hint
    assert not warning.is_serious()


def test_with_the_libraries_there_is_no_warning():
    assert check_pdf_libraries() == []


@pytest.mark.django_db
def test_the_plan_pdf_page_says_in_norwegian_what_the_server_lacks(
    client_for, people, no_pango, django_capture_on_commit_callbacks
):
    _plan, submission = submitted_plan([portfolio_project()], by=people["programme_leader"])
    with django_capture_on_commit_callbacks(execute=True):  # the PDF task runs, and gives up
        services.submission_decide(
            submission=submission,
            by=people["board_member"],
            decision="godkjent",
            meeting_date=timezone.localdate(),
            decision_text="Godkjent.",
            conditions="",
        )
    submission.refresh_from_db()
    assert not submission.pdf
    response = client_for("board_member").get(submission.get_absolute_url() + "pdf/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Pango" in html and "PDF" in html
    assert "Denne serveren kan ikke lage PDF-filer" in html


@pytest.mark.django_db
def test_the_decision_letter_is_mailed_without_the_pdf_and_says_so(
    client, people, no_pango, django_capture_on_commit_callbacks, caplog
):
    from django.core import mail
    from django.urls import reverse

    from nabolagspotten.services import decisions
    from tests.nabolagspotten.test_cases_support import in_review

    handler = people["case_handler"]
    application = in_review(handler, amount_requested=15_000)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = decisions.decision_make(
            application=application,
            by=handler,
            outcome="innvilget",
            amount=15_000,
            reasons="Tiltaket samler naboer.",
            conditions="",
        )
    decision.refresh_from_db()
    assert decision.letter_sent_at is not None and not decision.letter_pdf
    (message,) = mail.outbox
    assert message.attachments == []
    assert "kunne ikke legges ved" in message.body
    (record,) = [r for r in caplog.records if "without the PDF" in r.getMessage()]
    assert application.email not in record.getMessage()
    assert application.contact_name not in record.getMessage()

    client.force_login(handler)
    response = client.get(reverse("nabolagspotten:case_letter", args=[application.reference]))
    assert response.status_code == 503
    assert "Denne serveren kan ikke lage PDF-filer" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.heavy
def test_seed_demo_works_without_the_libraries(no_pango):
    from nabolagspotten.models import Decision
    from omradesatsing.demo import seed_demo

    seed_demo()
    assert not Decision.objects.exclude(letter_pdf="").exists()
