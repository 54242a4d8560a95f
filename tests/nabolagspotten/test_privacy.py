"""Anonymisation: personal data gone from the case and its history, files deleted, links
dead, statistics unchanged; and which cases are due."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from nabolagspotten import access
from nabolagspotten.models import Application, Attachment, CaseEvent, Message
from nabolagspotten.services.privacy import application_anonymise, applications_anonymise_due
from nabolagspotten.services.statistics import grant_statistics
from nabolagspotten.tasks import anonymise_closed_cases
from tests.nabolagspotten.factories import ApplicationFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.NABOLAGSPOTTEN_ANONYMISE_AFTER_DAYS = 730


def _case(**kwargs):
    kwargs.setdefault("status", S.CLOSED)
    application = ApplicationFactory(exemption_request="Budsjettet", amount_granted=5_000, **kwargs)
    application.contact_name = "Ola Nordmann"  # a second history row with personal data
    application.save()
    return application


def _attach(application):
    attachment = Attachment(
        application=application,
        token=f"tok{application.pk}",
        original_name="cv.pdf",
        content_type="application/pdf",
        size=8,
    )
    attachment.file.save(attachment.token, ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    return attachment.file.path


def test_personal_data_is_removed_from_the_case_and_its_history(people):
    application = _case(
        applicant_kind=Application.ApplicantKind.GROUP, applicant_name="Familien Hansen"
    )
    application_anonymise(application=application, by=people["case_handler"])
    application.refresh_from_db()
    assert application.anonymised_at is not None
    assert (application.contact_name, application.email, application.phone) == ("", "", "")
    assert application.exemption_request == ""
    assert application.applicant_name == nb("Anonymised group")
    for row in application.history.all():
        assert (row.contact_name, row.email, row.phone, row.exemption_request) == ("", "", "", "")
        assert row.applicant_name != "Familien Hansen"
    assert application.events.filter(kind=CaseEvent.Kind.ANONYMISED).exists()


def test_an_organisations_name_and_number_are_kept(people):
    application = _case(applicant_name="Lademoen Vel")
    application_anonymise(application=application)
    application.refresh_from_db()
    assert application.applicant_name == "Lademoen Vel"
    assert application.organisation_number == "974760673"
    assert application.email == ""


def test_files_messages_and_links(client):
    application = _case()
    path = _attach(application)
    Message.objects.create(application=application, direction="fra_soker", body="Jeg heter Ola")
    Message.objects.create(application=application, direction="til_soker", body="Takk for svar")
    link = access.session_link(application)  # as if opened: links open once
    session = client.session
    access.grant(session, link)
    session.save()
    application_anonymise(application=application)
    import os

    assert not os.path.exists(path)
    assert not application.attachments.exists()
    bodies = dict(application.messages.values_list("direction", "body"))
    assert bodies == {"fra_soker": nb("[removed]"), "til_soker": "Takk for svar"}
    link.refresh_from_db()
    assert link.revoked_at is not None
    url = reverse("nabolagspotten:applicant_report", args=[application.reference])
    assert client.get(url).status_code == 404


def test_statistics_do_not_change(people):
    application = _case(applicant_kind=Application.ApplicantKind.GROUP)
    before = grant_statistics()
    application_anonymise(application=application)
    assert grant_statistics() == before


def test_anonymising_twice_changes_nothing():
    application = _case()
    application_anonymise(application=application)
    first = Application.objects.get(pk=application.pk).anonymised_at
    application_anonymise(application=application)
    assert Application.objects.get(pk=application.pk).anonymised_at == first
    assert application.events.filter(kind=CaseEvent.Kind.ANONYMISED).count() == 1


def test_which_cases_are_due():
    old = timezone.now() - timedelta(days=731)
    recent = timezone.now() - timedelta(days=700)
    closed_old = _case(closed_at=old)
    withdrawn_old = _case(status=S.WITHDRAWN, closed_at=old)
    closed_recent = _case(closed_at=recent)
    paid_old = _case(status=S.PAID, closed_at=None)
    draft = _case(status=S.DRAFT)
    Application.objects.filter(pk=draft.pk).update(updated_at=old)  # test setup: make it stale
    assert applications_anonymise_due() == 3
    anonymised = set(
        Application.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
    )
    assert anonymised == {closed_old.pk, withdrawn_old.pk, draft.pk}
    assert closed_recent.pk not in anonymised and paid_old.pk not in anonymised
    assert applications_anonymise_due() == 0
    later = timezone.localdate() + timedelta(days=40)
    assert applications_anonymise_due(today=later) == 1  # the recently closed one


def test_the_task_runs_the_service():
    _case(closed_at=timezone.now() - timedelta(days=800))
    assert anonymise_closed_cases.delay().get() == 1
