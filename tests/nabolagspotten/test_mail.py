"""Every e-mail to an applicant goes through `mail_applicant`, and none of them, of any
kind, goes to an application whose personal data is removed (or that has no address)."""

from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from nabolagspotten.services.letters import letter_send
from nabolagspotten.services.mail import KINDS, mail_applicant
from nabolagspotten.services.privacy import application_anonymise
from tests.nabolagspotten.factories import ApplicationFactory
from tests.nabolagspotten.test_cases_support import granted

pytestmark = pytest.mark.django_db

APP = Path(__file__).resolve().parents[2] / "nabolagspotten"
PDF = ("vedtaksbrev.pdf", b"%PDF-1.4", "application/pdf")
LINK = "https://omradesatsing.example/nabolagspotten/lenke/#abc"
# What each kind's templates need beyond the case number, title and contact person.
CONTEXT = {
    "link": {"links": [{"reference": "NP-2026-00001", "url": LINK}], "days": 30},
    "submitted": {"round": "Vårrunden", "amount": 15_000, "resubmitted": False, "weeks": 4},
    "email_confirm": {
        "url": "https://omradesatsing.example/nabolagspotten/bekreft-epost/#x",
        "days": 30,
    },
    "email_change_notice": {"new_email": "ny@test.example", "contact": "post@test.example"},
    "decision": {"attachments": [PDF]},
    "appeal": {"step": "received", "within_deadline": True},
}


def _send(application, kind, django_capture_on_commit_callbacks) -> bool:
    context = {"link": LINK, **CONTEXT.get(kind, {})}
    with django_capture_on_commit_callbacks(execute=True):
        return mail_applicant(application, kind, **context)


@pytest.mark.parametrize("kind", KINDS)
def test_no_email_of_this_kind_goes_to_an_anonymised_application(
    kind, django_capture_on_commit_callbacks
):
    # Marked anonymised but with the address still there: the mark alone stops the e-mail.
    application = ApplicationFactory(anonymised_at=timezone.now())
    mail.outbox.clear()
    assert _send(application, kind, django_capture_on_commit_callbacks) is False
    assert mail.outbox == []


@pytest.mark.parametrize("kind", KINDS)
def test_no_email_of_this_kind_goes_to_an_application_without_an_address(
    kind, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(email="")
    mail.outbox.clear()
    assert _send(application, kind, django_capture_on_commit_callbacks) is False
    assert mail.outbox == []


@pytest.mark.parametrize("kind", KINDS)
def test_an_email_of_this_kind_goes_to_a_current_applicant(
    kind, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    mail.outbox.clear()
    assert _send(application, kind, django_capture_on_commit_callbacks) is True
    [message] = mail.outbox
    assert message.to == [application.email]
    assert message.subject
    assert [a[0] for a in message.attachments] == (
        ["vedtaksbrev.pdf"] if kind == "decision" else []
    )


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        mail_applicant(ApplicationFactory(), "newsletter")


def test_the_decision_letter_is_not_sent_once_the_case_is_anonymised(
    people, django_capture_on_commit_callbacks
):
    application = granted(people["case_handler"])
    decision = application.decisions.get()
    application_anonymise(application=application)
    mail.outbox.clear()
    letter_send(decision_id=decision.pk)
    assert mail.outbox == []
    decision.refresh_from_db()
    assert decision.letter_sent_at is None


def test_nothing_in_nabolagspotten_sends_mail_but_mail_applicant():
    senders = ("queue_email", "send_email_now", "EmailMessage", "send_mail(")
    offenders = [
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if path.name != "mail.py" and any(name in path.read_text() for name in senders)
    ]
    assert offenders == []
