"""A resident's answer to a request for more information does not vanish: the case moves to
«svar mottatt», the handlers who declared impartiality (or every case handler, before anyone
has) get an e-mail naming only the case number, the case list filters for it, the case page
shows the answer, and the handler takes the case into review again."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import Role
from nabolagspotten.models import Application, CaseEvent, Message
from nabolagspotten.services import applications, cases, workflow
from tests.factories import UserFactory
from tests.nabolagspotten.factories import ApplicationFactory
from tests.nabolagspotten.test_cases_support import declare, with_link
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def handler(people):
    return people["case_handler"]


def _asked(handler, **kwargs) -> Application:
    """A case in «mer informasjon etterspurt», asked by `handler` (declared impartial)."""
    application = ApplicationFactory(
        status=S.IN_REVIEW,
        applicant_name="Strikkegjengen på Møllenberg",
        contact_name="Astrid Berg",
        email="astrid@test.example",
        title="Strikkekafé i bydelshuset",
        **kwargs,
    )
    declare(application, handler)
    cases.info_request(application=application, by=handler, message="Hvor mange kommer?")
    application.refresh_from_db()
    mail.outbox.clear()
    return application


def _answer(application, body="Rundt 40, og budsjettet er oppdatert.", **kwargs):
    return applications.message_send(application=application, body=body)


def test_an_answer_moves_the_case_to_answer_received(handler, django_capture_on_commit_callbacks):
    application = _asked(handler)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(application)
    application.refresh_from_db()
    assert application.status == S.ANSWERED
    assert application.get_status_display() == nb("Answer received")
    step = application.events.filter(kind=CaseEvent.Kind.STATUS).last()
    assert (step.from_status, step.to_status, step.actor) == (S.INFO_REQUESTED, S.ANSWERED, None)
    assert application.messages.filter(direction=Message.Direction.FROM_APPLICANT).count() == 1


def test_the_impartial_handlers_get_an_e_mail_with_only_the_case_number(
    handler, people, django_capture_on_commit_callbacks
):
    application = _asked(handler)
    colleague = UserFactory(roles=[Role.CASE_HANDLER], email="kollega@test.example")
    declare(application, colleague)
    biased = UserFactory(roles=[Role.CASE_HANDLER], email="inhabil@test.example")
    declare(application, biased, impartial=False)
    UserFactory(roles=[Role.CASE_HANDLER], email="annen@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        _answer(application)
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([handler.email, colleague.email])
    assert application.reference in message.subject
    text = message.subject + message.body
    assert application.get_absolute_url() in message.body
    for personal in [
        "Strikkegjengen",
        "Astrid",
        "astrid@test.example",
        "Strikkekafé",
        "Rundt 40",
        application.organisation_number,
        application.phone,
    ]:
        assert personal not in text


def test_before_anyone_has_declared_every_case_handler_is_told(
    handler, people, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(status=S.INFO_REQUESTED)
    other = UserFactory(roles=[Role.CASE_HANDLER], email="nr2@test.example")
    UserFactory(roles=[Role.CASE_HANDLER], email="sluttet@test.example", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        _answer(application)
    (message,) = mail.outbox
    assert sorted(message.to) == sorted([handler.email, other.email])
    assert people["programme_leader"].email not in message.to


def test_the_handler_takes_the_answered_case_into_review_again(handler):
    application = _asked(handler)
    _answer(application)
    application.refresh_from_db()
    cases.review_start(application=application, by=handler)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


def test_the_applicant_may_still_change_and_resend_or_withdraw(handler):
    application = _asked(handler)
    _answer(application)
    application.refresh_from_db()
    assert application.is_editable_by_applicant
    assert S.RESUBMITTED in workflow.ALLOWED[S.ANSWERED]
    applications.application_submit(application=application)
    application.refresh_from_db()
    assert application.status == S.RESUBMITTED
    other = _asked(handler)
    _answer(other)
    other.refresh_from_db()
    applications.application_withdraw(application=other)
    other.refresh_from_db()
    assert other.status == S.WITHDRAWN


def test_the_case_list_filters_for_answers_received(client, handler):
    answered = _asked(handler)
    _answer(answered)
    waiting = _asked(handler)
    client.force_login(handler)
    response = client.get(reverse("nabolagspotten:cases"), {"status": S.ANSWERED})
    content = response.content.decode()
    assert response.status_code == 200
    assert answered.reference in content
    assert waiting.reference not in content
    assert nb("Answer received") in content


def test_the_case_page_shows_the_answer_and_offers_review(client, handler):
    application = _asked(handler)
    _answer(application, body="Vi blir rundt 40 <b>personer</b>.")
    client.force_login(handler)
    content = client.get(application.get_absolute_url()).content.decode()
    assert "Vi blir rundt 40 &lt;b&gt;personer&lt;/b&gt;." in content
    assert reverse("nabolagspotten:case_start", args=[application.reference]) in content


def test_the_applicant_page_explains_the_answer_received(client, handler):
    application = _asked(handler)
    _answer(application)
    with_link(client, application)
    content = client.get(application.get_applicant_url()).content.decode()
    assert nb("Answer received") in content
    assert (
        nb(
            "We have received your answer. The case handler will continue the assessment. "
            "Until then you can still change the application and send it again."
        )
        in content
    )
