"""The decision letter: a PDF stating the decision, the accept-by date and the appeal
deadline as a date; rendered once by the task that e-mails it (with the PDF attached and a
fresh personal link), stored, and served as the stored file."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, timezone, translation
from pypdf import PdfReader

from nabolagspotten.models import CaseEvent, PersonalDataAccess
from nabolagspotten.services import decisions, letters
from nabolagspotten.services.deadlines import appeal_deadline
from nabolagspotten.services.letters import (
    letter_pdf_render,
    letter_pdfs_missing,
    letter_send,
    render_letter_html,
    render_letter_pdf,
)
from tests.nabolagspotten.test_cases_support import in_review, with_link

pytestmark = pytest.mark.django_db


def _nb_date(day) -> str:
    with translation.override("nb"):
        return formats.date_format(day, "j. F Y")


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def _grant(people, django_capture_on_commit_callbacks, **kwargs):
    handler = people["case_handler"]
    application = in_review(handler, amount_requested=15_000, **kwargs)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decisions.decision_make(
            application=application,
            by=handler,
            outcome="innvilget",
            amount=15_000,
            reasons="Tiltaket samler naboer på tvers av generasjoner.",
            conditions="Kommunens logo skal stå på plakaten.",
        )
    decision.refresh_from_db()
    return application, decision


def test_the_letter_is_sent_with_the_pdf_and_the_deadline(
    people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    application, decision = _grant(people, django_capture_on_commit_callbacks)
    today = timezone.localdate()
    assert decision.letter_sent_at is not None
    assert decision.appeal_deadline == appeal_deadline(today)
    assert application.events.filter(kind=CaseEvent.Kind.LETTER_SENT).count() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [application.email]
    assert application.reference in message.subject
    assert "/nabolagspotten/" in message.body  # the fresh personal link
    assert _nb_date(decision.appeal_deadline) in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename == f"vedtaksbrev-{application.reference}.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")

    text = _text(content)
    assert _nb_date(decision.appeal_deadline) in text
    assert _nb_date(decision.accept_deadline) in text
    assert application.reference in text
    assert "15 000 kr" in text
    assert "forvaltningsloven" in text
    assert "Tiltaket samler naboer" in text


def test_the_letter_html_escapes_the_applicants_text(people, django_capture_on_commit_callbacks):
    _, decision = _grant(
        people, django_capture_on_commit_callbacks, title="<script>alert(1)</script>"
    )
    html = render_letter_html(decision)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert render_letter_pdf(decision).startswith(b"%PDF")


def test_a_superseded_decision_gets_no_letter(people, django_capture_on_commit_callbacks):
    application, decision = _grant(people, django_capture_on_commit_callbacks)
    decision.superseded_at = timezone.now()
    decision.save()
    mail.outbox.clear()
    letter_send(decision_id=decision.pk)
    assert mail.outbox == []


def test_staff_and_applicant_download_the_letter(
    client, people, django_capture_on_commit_callbacks
):
    application, decision = _grant(people, django_capture_on_commit_callbacks)
    url = reverse("nabolagspotten:applicant_letter", args=[application.reference])
    assert client.get(url).status_code == 404  # no link in this session
    with_link(client, application)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert _nb_date(decision.appeal_deadline) in _text(b"".join(response.streaming_content))

    client.force_login(people["case_handler"])
    response = client.get(reverse("nabolagspotten:case_letter", args=[application.reference]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert PersonalDataAccess.objects.filter(
        user=people["case_handler"], application=application, what=PersonalDataAccess.What.LETTER
    ).exists()


def test_the_letter_is_stored_once_and_the_download_does_not_render_it(
    client, people, django_capture_on_commit_callbacks, monkeypatch
):
    application, decision = _grant(people, django_capture_on_commit_callbacks)
    assert decision.letter_pdf.name.endswith(".pdf")
    stored = decision.letter_pdf.name
    assert letter_pdf_render(decision_id=decision.pk).letter_pdf.name == stored

    def no_rendering(html):
        raise AssertionError("a download must not render the PDF")

    monkeypatch.setattr(letters, "render_pdf", no_rendering)
    with_link(client, application)
    response = client.get(reverse("nabolagspotten:applicant_letter", args=[application.reference]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_before_the_letter_is_made_the_download_says_it_is_being_made(
    client, people, django_capture_on_commit_callbacks
):
    application, decision = _grant(people, django_capture_on_commit_callbacks)
    decision.letter_pdf.delete(save=False)
    decision.letter_pdf = ""
    decision.save()
    client.force_login(people["case_handler"])
    url = reverse("nabolagspotten:case_letter", args=[application.reference])
    response = client.get(url)
    assert response.status_code == 202
    html = response.content.decode()
    assert "PDF-en lages" in html
    assert f'hx-get="{url}"' in html
    assert reverse("nabolagspotten:case", args=[application.reference]) in html

    call_command("render_missing_pdfs", stdout=io.StringIO())
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "hx-get" not in response.content.decode()
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_render_missing_pdfs_skips_unsent_and_anonymised_letters(
    people, django_capture_on_commit_callbacks
):
    application, decision = _grant(people, django_capture_on_commit_callbacks)
    assert not letter_pdfs_missing().exists()
    decision.letter_pdf = ""
    decision.save()
    assert list(letter_pdfs_missing()) == [decision]
    application.anonymised_at = timezone.now()
    application.save()
    assert not letter_pdfs_missing().exists()


def test_anonymising_removes_the_stored_letter(people, django_capture_on_commit_callbacks):
    from nabolagspotten.services.privacy import application_anonymise

    application, decision = _grant(people, django_capture_on_commit_callbacks)
    storage, name = decision.letter_pdf.storage, decision.letter_pdf.name
    assert storage.exists(name)
    application_anonymise(application=application, by=None)
    decision.refresh_from_db()
    assert not decision.letter_pdf
    assert not storage.exists(name)
