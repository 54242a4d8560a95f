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
