"""The resident's pages, issue 9: the privacy notice for applicants (and the box that says
«Jeg har lest personvernerklæringen», not «samtykker»), the attachment field that is not
marked required, «Logg inn for ansatte», the processing time in the receipt, the appeal
body and the case handler in the decision letter, and the forms' shared base classes."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from core import forms as core_forms
from nabolagspotten.forms import application as application_forms
from nabolagspotten.forms import public as public_forms
from nabolagspotten.models import Application
from nabolagspotten.services import decisions
from nabolagspotten.services.letters import render_letter_pdf
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.nabolagspotten.links import enter
from tests.nabolagspotten.test_cases_support import granted
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status
NOTICE = reverse("nabolagspotten:privacy_notice")


def _draft(**kwargs):
    return ApplicationFactory(status=S.DRAFT, submitted_at=None, **kwargs)


def test_the_privacy_notice_says_what_why_how_long_what_is_published_and_rights(client, settings):
    settings.NABOLAGSPOTTEN_ANONYMISE_AFTER_DAYS = 365
    response = client.get(NOTICE)
    assert response.status_code == 200
    text = response.content.decode()
    for heading in [
        "What we store",
        "Why, and on what legal basis",
        "How long we keep it",
        "What is published, and who sees it",
        "Your rights",
    ]:
        assert nb(heading) in text, heading
    assert "365 dager" in text and "730" not in text  # the days come from the settings
    assert "artikkel 6 nr. 1 bokstav e" in text  # the public task, not consent
    assert "Datatilsynet" in text and settings.PROGRAMME_CONTACT_EMAIL in text


def test_step_6_asks_to_have_read_the_notice_not_to_consent(client):
    application = _draft(read_privacy_notice=False)
    enter(client, application)
    text = client.get(reverse("nabolagspotten:apply_step", args=[application.reference, 6]))
    text = text.content.decode()
    assert "Jeg har lest personvernerklæringen" in text
    assert "samtykker" not in text
    assert f'href="{NOTICE}"' in text
    field = Application._meta.get_field("read_privacy_notice")
    assert not any(f.name == "consent_privacy" for f in Application._meta.get_fields())
    assert str(field.verbose_name) == "har lest personvernerklæringen"


def test_the_site_privacy_page_points_applicants_to_their_notice(client):
    assert f'href="{NOTICE}"' in client.get(reverse("privacy")).content.decode()


def test_the_attachment_field_is_not_marked_required_and_uploading_nothing_says_so(client):
    application = _draft()
    enter(client, application)
    step = reverse("nabolagspotten:apply_step", args=[application.reference, 5])
    text = client.get(step).content.decode()
    assert (
        nb(
            "Attachments are optional: for example a drawing, a quote from a supplier or a "
            "photo of the place."
        )
        in text
    )
    assert "Må fylles ut" not in text
    response = client.post(step, {"action": "upload"})
    assert response.status_code == 400
    assert nb("Choose a file to upload.") in response.content.decode()
    skipped = client.post(step, {"action": "next"})
    assert skipped.status_code == 302  # going on without a file is fine


def test_resident_pages_say_the_login_is_for_staff(client):
    RoundFactory()
    for name in ["public_home", "eligibility", "apply_start", "request_link", "privacy_notice"]:
        text = client.get(reverse(f"nabolagspotten:{name}")).content.decode()
        assert "Logg inn for ansatte" in text, name
    assert "Logg inn for ansatte" not in client.get(reverse("home")).content.decode()


def test_the_receipt_tells_the_processing_time(
    client, settings, django_capture_on_commit_callbacks
):
    settings.NABOLAGSPOTTEN_PROCESSING_WEEKS = 6
    application = _draft()
    enter(client, application)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("nabolagspotten:applicant_submit", args=[application.reference]),
            follow=True,
        )
    assert response.status_code == 200
    told = "Vi svarer vanligvis innen 6 uker etter at vi har fått søknaden."
    assert told in response.content.decode()  # the receipt page
    [receipt] = [
        m for m in mail.outbox if "submitted" in m.subject or application.reference in m.subject
    ]
    assert told in receipt.body  # the receipt e-mail


def test_the_decision_letter_names_the_appeal_body_and_the_case_handler(people, settings):
    settings.NABOLAGSPOTTEN_APPEAL_BODY = "Klagenemnda i Trondheim kommune"
    handler = people["case_handler"]
    handler.full_name = "Siri Saksbehandler"
    handler.save()
    decision = decisions.current_decision(granted(handler))
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_letter_pdf(decision))).pages
    )
    text = " ".join(text.split())
    assert "Klagenemnda i Trondheim kommune" in text
    assert "klageinstansen" in text
    assert "Siri Saksbehandler" in text and "Saksbehandler" in text


@pytest.mark.parametrize(
    "form",
    [
        application_forms.ApplicantForm,
        application_forms.ActivityForm,
        application_forms.InvolvementForm,
        application_forms.OwnContributionForm,
        application_forms.PrivacyForm,
    ],
)
def test_the_step_forms_are_core_model_forms(form):
    assert issubclass(form, core_forms.ModelForm)


@pytest.mark.parametrize(
    "form",
    [
        application_forms.BudgetLineForm,
        application_forms.AttachmentForm,
        application_forms.SubmitForm,
        application_forms.MessageForm,
        public_forms.EligibilityForm,
        public_forms.CodeForm,
        public_forms.RequestLinkForm,
        public_forms.GrantsFilterForm,
    ],
)
def test_the_other_forms_are_core_forms(form):
    assert issubclass(form, core_forms.Form)


def test_required_messages_name_the_field_in_plain_words():
    eligibility = public_forms.EligibilityForm({})
    assert not eligibility.is_valid()
    assert eligibility.errors["who"] == [nb("Choose who is applying.")]
    assert eligibility.errors["where"] == [nb("Choose where the activity takes place.")]
    activity = application_forms.ActivityForm({}, instance=_draft())
    assert not activity.is_valid()
    assert activity.errors["starts_on"] == [nb("Fill in the start date.")]
    assert activity.errors["title"] == ["Fyll inn navn på tiltaket."]
    assert activity.errors["description"] == [nb("Describe what you want to do.")]
    applicant = application_forms.ApplicantForm({}, rounds=[RoundFactory()])
    assert not applicant.is_valid()
    assert applicant.errors["applicant_kind"] == [nb("Choose who is applying.")]
    assert applicant.errors["contact_name"] == ["Fyll inn kontaktperson."]
