"""Changing the contact e-mail address: the new address waits until it is confirmed from
the link sent to it, the old address is told, and until then every letter goes to the old
address (services/applications.email_change_request / email_change_confirm)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from nabolagspotten import access
from nabolagspotten.models import Application, CaseEvent
from nabolagspotten.services import applications as service
from nabolagspotten.services.privacy import application_anonymise
from tests.nabolagspotten.factories import ApplicationFactory
from tests.nabolagspotten.links import enter, open_link
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db

S = Application.Status
OLD, NEW = "kari@test.example", "ny@test.example"
CONFIRM = reverse("nabolagspotten:confirm_email")


def _step_1(application, email):
    return {
        "applicant_kind": application.applicant_kind,
        "organisation_number": application.organisation_number,
        "applicant_name": application.applicant_name,
        "contact_name": application.contact_name,
        "email": email,
        "phone": application.phone,
        "action": "next",
    }


def _draft():
    return ApplicationFactory(status=S.DRAFT, submitted_at=None, email=OLD)


def _change(client, application, email, django_capture_on_commit_callbacks):
    url = reverse("nabolagspotten:apply_step", args=[application.reference, 1])
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, _step_1(application, email))


def _confirmation_token(message) -> str:
    line = next(line for line in message.body.splitlines() if "/bekreft-epost/#" in line)
    return line.strip().split("#", 1)[1]


def test_a_new_address_waits_for_confirmation_and_both_addresses_are_told(
    client, django_capture_on_commit_callbacks
):
    application = _draft()
    enter(client, application)
    response = _change(client, application, NEW, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.email == OLD and application.pending_email == NEW
    to_new = [message for message in mail.outbox if message.to == [NEW]]
    to_old = [message for message in mail.outbox if message.to == [OLD]]
    assert len(to_new) == 1 and "/nabolagspotten/bekreft-epost/#" in to_new[0].body
    assert len(to_old) == 1 and NEW in to_old[0].body and application.reference in to_old[0].body
    assert "bekreft-epost" not in to_old[0].body  # the old address cannot confirm it
    assert application.events.filter(kind=CaseEvent.Kind.EMAIL).exists()
    page = client.get(reverse("nabolagspotten:applicant_page", args=[application.reference]))
    assert NEW in page.content.decode() and nb("New e-mail address, not yet confirmed") in (
        page.content.decode()
    )


def test_until_confirmed_letters_go_to_the_old_address(client, django_capture_on_commit_callbacks):
    application = _draft()
    enter(client, application)
    _change(client, application, NEW, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.application_submit(application=Application.objects.get(pk=application.pk))
    [receipt] = mail.outbox
    assert receipt.to == [OLD]


def test_the_link_sent_to_the_new_address_confirms_it_once(
    client, django_capture_on_commit_callbacks
):
    application = _draft()
    enter(client, application)
    _change(client, application, NEW, django_capture_on_commit_callbacks)
    token = _confirmation_token(next(m for m in mail.outbox if m.to == [NEW]))
    unopened = access.issue_link(application)  # a link that went to the old address
    elsewhere = Client()  # the new address's owner, in another browser
    assert elsewhere.get(CONFIRM).status_code == 200
    response = elsewhere.post(CONFIRM, {"code": token})
    assert response.status_code == 200
    assert nb("The e-mail address is confirmed") in response.content.decode()
    application.refresh_from_db()
    assert application.email == NEW and application.pending_email == ""
    assert open_link(Client(), unopened).status_code == 410  # old-address links stop
    again = elsewhere.post(CONFIRM, {"code": token})
    assert again.status_code == 410
    assert (
        nb(
            "The confirmation link no longer works: the address is already confirmed, or "
            "another change has been asked for since."
        )
        in again.content.decode()
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.application_submit(application=application)
    assert mail.outbox[0].to == [NEW]


def test_a_newer_change_voids_the_earlier_confirmation(client, django_capture_on_commit_callbacks):
    application = _draft()
    enter(client, application)
    _change(client, application, NEW, django_capture_on_commit_callbacks)
    first = _confirmation_token(next(m for m in mail.outbox if m.to == [NEW]))
    _change(client, application, "tredje@test.example", django_capture_on_commit_callbacks)
    assert Client().post(CONFIRM, {"code": first}).status_code == 410
    application.refresh_from_db()
    assert application.email == OLD and application.pending_email == "tredje@test.example"


def test_saving_step_1_again_keeps_the_pending_change_and_sends_nothing(
    client, django_capture_on_commit_callbacks
):
    application = _draft()
    enter(client, application)
    _change(client, application, NEW, django_capture_on_commit_callbacks)
    url = reverse("nabolagspotten:apply_step", args=[application.reference, 1])
    page = client.get(url).content.decode()
    assert f'value="{NEW}"' in page  # the address asked for is shown
    mail.outbox.clear()
    _change(client, application, NEW, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    # Writing the old address again cancels the change.
    _change(client, application, OLD.upper(), django_capture_on_commit_callbacks)
    application.refresh_from_db()
    assert application.email == OLD and application.pending_email == ""


def test_a_tampered_confirmation_is_refused_with_a_message():
    response = Client().post(CONFIRM, {"code": "ikke-en-kode"})
    assert response.status_code == 410
    assert (
        nb("The confirmation link is not valid. Check that you copied all of it.")
        in response.content.decode()
    )
    assert Client().post(CONFIRM, {"code": ""}).status_code == 400


def test_the_pending_address_is_removed_with_the_personal_data(
    client, django_capture_on_commit_callbacks
):
    application = _draft()
    enter(client, application)
    _change(client, application, NEW, django_capture_on_commit_callbacks)
    token = _confirmation_token(next(m for m in mail.outbox if m.to == [NEW]))
    application_anonymise(application=Application.objects.get(pk=application.pk))
    application.refresh_from_db()
    assert application.pending_email == ""
    assert not Application.history.filter(id=application.pk).exclude(pending_email="").exists()
    assert Client().post(CONFIRM, {"code": token}).status_code == 410
