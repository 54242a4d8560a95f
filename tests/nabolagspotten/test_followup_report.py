"""The final report (applicant side), repayments and closing the case (staff side), and
the two follow-up panels other pages include."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from nabolagspotten import access
from nabolagspotten.models import (
    Application,
    Attachment,
    Decision,
    FinalReport,
    ImpartialityDeclaration,
    Payment,
    Repayment,
)
from nabolagspotten.services.followup import (
    case_close,
    final_report_submit,
    repayment_settle,
    report_due_on,
)
from tests.nabolagspotten.factories import ApplicationFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _paid(people, granted=10_000, paid=None, **kwargs):
    application = ApplicationFactory(status=S.PAID, amount_granted=granted, **kwargs)
    Payment.objects.create(
        application=application,
        amount=granted if paid is None else paid,
        paid_on=timezone.localdate(),
        reference="B-1",
        registered_by=people["case_handler"],
    )
    return application


def _report(application, **overrides):
    fields = {
        "what_happened": "Vi grillet og spilte musikk.",
        "participants": 120,
        "volunteer_hours": 40,
        "money_used": 10_000,
    }
    fields.update(overrides)
    return final_report_submit(application=application, **fields)


def _with_link(client, application):
    link = access.session_link(application)  # as if opened: links open once
    session = client.session
    access.grant(session, link)
    session.save()
    return client


# --- Service ---------------------------------------------------------------------------


def test_report_moves_the_case_and_records_the_due_date(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    application = _paid(people)
    with django_capture_on_commit_callbacks(execute=True):
        report = _report(application)
    application.refresh_from_db()
    assert application.status == S.REPORTED
    assert report.due_on == application.ends_on + timezone.timedelta(
        days=application.round.report_within_days
    )
    assert report.due_on == report_due_on(application)
    assert not application.repayments.exists()
    [mail] = mailoutbox
    assert application.reference in mail.subject and "120" in mail.body


def test_unused_money_becomes_a_repayment(people, mailoutbox, django_capture_on_commit_callbacks):
    application = _paid(people)
    with django_capture_on_commit_callbacks(execute=True):
        _report(application, money_used=7_500)
    repayment = Repayment.objects.get(application=application)
    assert (repayment.amount, repayment.status) == (2_500, Repayment.Status.CLAIMED)
    assert "2\u00a0500\u00a0kr" in mailoutbox[0].body


def test_more_used_than_received_is_refused(people):
    application = _paid(people)
    with pytest.raises(ValidationError) as error:
        _report(application, money_used=10_001)
    assert "money_used" in error.value.message_dict
    assert not FinalReport.objects.exists()


@pytest.mark.parametrize("status", [S.ACCEPTED, S.REPORTED, S.SUBMITTED])
def test_report_only_when_paid(people, status):
    application = ApplicationFactory(status=status, amount_granted=5_000)
    with pytest.raises(ValidationError):
        _report(application, money_used=0)


def test_photos_are_stored_as_report_attachments(people):
    application = _paid(people)
    _report(application, photos=[SimpleUploadedFile("fest.png", PNG, content_type="image/png")])
    attachment = Attachment.objects.get(application=application)
    assert attachment.purpose == Attachment.Purpose.REPORT
    assert attachment.original_name == "fest.png"
    assert attachment.file.read().startswith(b"\x89PNG")


def test_a_pdf_is_not_a_photo(people):
    application = _paid(people)
    with pytest.raises(ValidationError) as error:
        _report(
            application,
            photos=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")],
        )
    assert "photos" in error.value.message_dict
    assert not Attachment.objects.exists()


def test_settle_repayment_paid_or_waived(people, mailoutbox, django_capture_on_commit_callbacks):
    application = _paid(people)
    _report(application, money_used=6_000)
    repayment = application.repayments.get()
    with pytest.raises(ValidationError) as error:
        repayment_settle(repayment=repayment, by=people["case_handler"], outcome="frafalt")
    assert "note" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        repayment_settle(repayment=repayment, by=people["case_handler"], outcome="betalt")
    repayment.refresh_from_db()
    assert (
        repayment.status == Repayment.Status.PAID and repayment.settled_on == timezone.localdate()
    )
    assert any(application.reference in m.subject for m in mailoutbox)
    with pytest.raises(ValidationError):
        repayment_settle(repayment=repayment, by=people["case_handler"], outcome="betalt")


def test_close_after_report_waits_for_claimed_repayment(people):
    application = _paid(people)
    _report(application, money_used=9_000)
    application.refresh_from_db()
    with pytest.raises(ValidationError):
        case_close(application=application, by=people["case_handler"])
    repayment_settle(
        repayment=application.repayments.get(),
        by=people["case_handler"],
        outcome="frafalt",
        note="Liten sum",
    )
    closed = case_close(application=application, by=people["case_handler"])
    assert closed.status == S.CLOSED and closed.closed_at is not None


def test_refused_case_closes_after_the_appeal_deadline(people):
    application = ApplicationFactory(status=S.REFUSED)
    decision = Decision.objects.create(
        application=application,
        outcome="avslatt",
        reasons="Utenfor kriteriene.",
        decided_by=people["case_handler"],
    )
    with pytest.raises(ValidationError) as error:  # the letter has not gone out
        case_close(application=application, by=people["case_handler"])
    assert error.value.messages == [nb("The decision letter has not been sent yet.")]
    decision.appeal_deadline = timezone.localdate() + timezone.timedelta(days=3)
    decision.save()
    with pytest.raises(ValidationError):
        case_close(application=application, by=people["case_handler"])
    decision.appeal_deadline = timezone.localdate() - timezone.timedelta(days=1)
    decision.save()
    assert case_close(application=application, by=people["case_handler"]).status == S.CLOSED


def test_declined_case_closes(people):
    application = ApplicationFactory(status=S.DECLINED)
    assert case_close(application=application, by=people["case_handler"]).status == S.CLOSED


def test_a_paid_case_cannot_be_closed(people):
    with pytest.raises(ValidationError):
        case_close(application=_paid(people), by=people["case_handler"])


# --- The applicant's page ---------------------------------------------------------------


def test_applicant_sends_the_report_with_a_photo(client, people):
    application = _paid(people)
    url = reverse("nabolagspotten:applicant_report", args=[application.reference])
    _with_link(client, application)
    page = client.get(url)
    assert page.status_code == 200
    assert nb("Send the final report") in page.content.decode()
    response = client.post(
        url,
        {
            "what_happened": "Det kom <script>alert(1)</script> mange.",
            "participants": "80",
            "volunteer_hours": "",
            "money_used": "8 000",
            "photos": [SimpleUploadedFile("bilde.png", PNG, content_type="image/png")],
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.REPORTED
    assert application.repayments.get().amount == 2_000
    assert application.attachments.count() == 1
    after = client.get(url).content.decode()
    assert "&lt;script&gt;" in after and "<script>alert(1)" not in after
    assert "2\u00a0000\u00a0kr" in after


def test_applicant_report_errors_are_shown(client, people):
    application = _paid(people)
    url = reverse("nabolagspotten:applicant_report", args=[application.reference])
    _with_link(client, application)
    response = client.post(
        url,
        {
            "what_happened": "x" * 100_000,
            "participants": "-3",
            "money_used": "20000",
            "photos": [
                SimpleUploadedFile(
                    "bilde.png", b"\x89PNG\r\n\x1a\n<html><script>", content_type="image/png"
                )
            ],
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"what_happened", "participants", "photos"} <= set(errors)
    assert nb("To continue, correct the following:") in response.content.decode()
    response = client.post(
        url, {"what_happened": "Bra\x00", "participants": "3", "money_used": "20000"}
    )
    assert response.status_code == 400
    assert "what_happened" in response.context["form"].errors
    response = client.post(
        url, {"what_happened": "Bra", "participants": "3", "money_used": "20000"}
    )
    assert response.status_code == 400
    assert "money_used" in response.context["form"].errors
    assert not FinalReport.objects.exists()


def test_applicant_report_needs_the_link(client, people):
    application = _paid(people)
    other = _paid(people)
    _with_link(client, other)
    url = reverse("nabolagspotten:applicant_report", args=[application.reference])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"what_happened": "x", "participants": 1, "money_used": 1}).status_code
        == 404
    )
    access.revoke_links(other)
    url = reverse("nabolagspotten:applicant_report", args=[other.reference])
    assert client.get(url).status_code == 404


def test_applicant_report_before_payment_explains(client, people):
    application = ApplicationFactory(status=S.ACCEPTED, amount_granted=5_000)
    _with_link(client, application)
    url = reverse("nabolagspotten:applicant_report", args=[application.reference])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"] is None
    assert (
        nb("You can send the final report once the grant has been paid out to you.")
        in response.content.decode()
    )


# --- Staff pages: repayment and close ---------------------------------------------------


def _impartial(application, user):
    ImpartialityDeclaration.objects.create(application=application, handler=user, impartial=True)


def test_settle_and_close_pages(client_for, people):
    application = _paid(people)
    _report(application, money_used=9_000)
    _impartial(application, people["case_handler"])
    client = client_for("case_handler")
    repayment = application.repayments.get()
    settle = reverse("nabolagspotten:repayment_settle", args=[application.reference, repayment.pk])
    close = reverse("nabolagspotten:case_close", args=[application.reference])
    assert client.post(close).status_code == 400
    response = client.post(settle, {"outcome": "frafalt", "note": ""})
    assert response.status_code == 400
    assert "note" in response.context["form"].errors
    assert client.post(settle, {"outcome": "frafalt", "note": "Under 1 000 kr"}).status_code == 302
    assert client.get(close).status_code == 200
    assert client.post(close, {"note": ""}).status_code == 302
    application.refresh_from_db()
    assert application.status == S.CLOSED


def test_settle_page_other_cases_repayment_is_404(client_for, people):
    first, second = _paid(people), _paid(people)
    _report(first, money_used=1)
    _impartial(second, people["case_handler"])
    url = reverse(
        "nabolagspotten:repayment_settle", args=[second.reference, first.repayments.get().pk]
    )
    assert client_for("case_handler").post(url, {"outcome": "betalt"}).status_code == 404


# --- The panels other pages include -----------------------------------------------------


def test_case_followup_panel_renders(people, rf):
    application = _paid(people)
    _report(application, money_used=9_000, what_happened="<b>fest</b>")
    application = Application.objects.prefetch_related("payments", "repayments").get(
        pk=application.pk
    )
    html = render_to_string(
        "nabolagspotten/cases/_followup.html",
        {
            "application": application,
            "user": people["case_handler"],
            "final_report": application.final_report,
        },
    )
    assert reverse("nabolagspotten:case_close", args=[application.reference]) in html
    assert (
        reverse(
            "nabolagspotten:repayment_settle",
            args=[application.reference, application.repayments.get().pk],
        )
        in html
    )
    assert "&lt;b&gt;fest" in html
    assert "1\u00a0000\u00a0kr" in html


def test_case_followup_panel_offers_a_payment(people):
    application = ApplicationFactory(status=S.ACCEPTED, amount_granted=5_000)
    html = render_to_string(
        "nabolagspotten/cases/_followup.html",
        {"application": application, "user": people["case_handler"], "final_report": None},
    )
    assert reverse("nabolagspotten:case_payment", args=[application.reference]) in html


def test_applicant_panel_shows_due_date_and_link(people):
    application = _paid(people)
    html = render_to_string(
        "nabolagspotten/applicant/_report.html",
        {
            "application": application,
            "final_report": None,
            "payments": application.payments.all(),
            "repayments": [],
        },
    )
    assert reverse("nabolagspotten:applicant_report", args=[application.reference]) in html
    assert str(report_due_on(application).year) in html


def test_applicant_panel_shows_the_sent_report_and_what_to_pay_back(people):
    application = _paid(people)
    report = _report(application, money_used=4_000)
    html = render_to_string(
        "nabolagspotten/applicant/_report.html",
        {
            "application": Application.objects.get(pk=application.pk),
            "final_report": report,
            "payments": application.payments.all(),
            "repayments": application.repayments.all(),
        },
    )
    assert "6\u00a0000\u00a0kr" in html
    assert reverse("nabolagspotten:applicant_report", args=[application.reference]) not in html
