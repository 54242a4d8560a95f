"""Appeals from the applicant: a decision is appealed once (a second appeal is refused on
the form with a Norwegian message and status 400, and registers and mails nothing), and
the appeal form is rate-limited per case."""

import pytest
from django.core import mail
from django.urls import reverse

from core.exceptions import TransitionRefused
from nabolagspotten.models import Appeal
from nabolagspotten.services import decisions
from tests.nabolagspotten.test_cases_support import granted, with_link
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db

OPEN_APPEAL = (
    "There is already an appeal on this decision that is not decided yet. We tell you by "
    "e-mail when it is; you can write to us if you have more to add."
)


def _url(application):
    return reverse("nabolagspotten:applicant_appeal", args=[application.reference])


def test_a_second_appeal_on_the_same_decision_is_refused_with_a_message(
    client, people, django_capture_on_commit_callbacks
):
    application = granted(people["case_handler"])
    with_link(client, application)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(_url(application), {"grounds": "Vi trenger mer til telt."})
    assert first.status_code == 302
    mails = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(_url(application), {"grounds": "Og enda en klage."})
    assert second.status_code == 400
    text = second.content.decode()
    assert text.count(nb(OPEN_APPEAL)) >= 1
    assert "ds-error-summary" in text
    assert application.appeals.count() == 1
    assert len(mail.outbox) == mails  # nothing more registered, nothing more mailed
    page = client.get(reverse("nabolagspotten:applicant_page", args=[application.reference]))
    assert (
        nb(
            "You have appealed this decision. What happened to the appeal is below; we also "
            "tell you by e-mail."
        )
        in page.content.decode()
    )


@pytest.mark.parametrize(
    "status, message",
    [
        (Appeal.Status.FORWARDED, OPEN_APPEAL),
        (
            Appeal.Status.UPHELD,
            "The appeal on this decision was upheld, and the application is being assessed "
            "again. You can appeal the new decision when it comes.",
        ),
        (
            Appeal.Status.DECIDED,
            "The appeal body has decided on the appeal against this decision. Its decision "
            "is final and cannot be appealed.",
        ),
    ],
)
def test_a_decision_is_appealed_once_whatever_became_of_the_appeal(people, status, message):
    application = granted(people["case_handler"])
    appeal = decisions.appeal_receive(application=application, grounds="Første klage.")
    appeal.status = status
    appeal.save()
    with pytest.raises(TransitionRefused) as error:
        decisions.appeal_receive(application=application, grounds="Andre klage.")
    assert error.value.messages == [nb(message)]
    # Also when a handler registers one that came by post.
    with pytest.raises(TransitionRefused):
        decisions.appeal_receive(
            application=application, grounds="Per post.", by=people["case_handler"]
        )
    assert application.appeals.count() == 1


def test_a_new_decision_can_be_appealed_again(people):
    handler = people["case_handler"]
    application = granted(handler)
    appeal = decisions.appeal_receive(application=application, grounds="Første klage.")
    decisions.appeal_uphold(appeal=appeal, by=handler, text="Vi ser på saken igjen.")
    application.refresh_from_db()
    decisions.decision_make(
        application=application,
        by=handler,
        outcome="innvilget",
        amount=application.amount_requested,
        reasons="Ny vurdering.",
        confirm_low_budget=True,
    )
    application.refresh_from_db()
    decisions.appeal_receive(application=application, grounds="Klage på det nye vedtaket.")
    assert application.appeals.count() == 2


def test_the_appeal_form_is_rate_limited_per_case(client, people):
    application = granted(people["case_handler"])
    with_link(client, application)
    for _ in range(5):
        assert client.post(_url(application), {"grounds": ""}).status_code == 400
    response = client.post(_url(application), {"grounds": "Nå da?"})
    assert response.status_code == 429
    assert nb("Too many attempts") in response.content.decode()
    assert not application.appeals.exists()
