"""A PDF with active content (JavaScript, actions, embedded files, XFA, rich media) is
refused with a Norwegian message, also when the JavaScript hides in a compressed object
stream; ordinary PDFs, our own decision letter among them, are accepted
(forms/uploads.check_upload)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nabolagspotten.forms.uploads import check_upload
from nabolagspotten.models import Application, Attachment
from nabolagspotten.services import decisions
from nabolagspotten.services.letters import render_letter_pdf
from tests.nabolagspotten import pdfs
from tests.nabolagspotten.factories import ApplicationFactory
from tests.nabolagspotten.links import enter
from tests.nabolagspotten.test_cases_support import granted
from tests.portfolio.helpers import nb

ACTIVE_MESSAGE = (
    "The PDF file contains active content (JavaScript, actions or embedded files), which we "
    "do not accept. Save or print it as a new PDF and try again."
)


def _upload(content, name="dokument.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize("make", pdfs.ACTIVE.values(), ids=pdfs.ACTIVE.keys())
def test_a_pdf_with_active_content_is_refused(make):
    with pytest.raises(ValidationError) as error:
        check_upload(_upload(make()))
    assert error.value.code == "pdf_active"
    assert error.value.messages == [nb(ACTIVE_MESSAGE)]


def test_javascript_packed_in_an_object_stream_is_found():
    content = pdfs.javascript_in_object_stream()
    assert b"JavaScript" not in content and b"/JS" not in content  # invisible in the bytes
    with pytest.raises(ValidationError) as error:
        check_upload(_upload(content))
    assert error.value.code == "pdf_active"


def test_ordinary_pdfs_are_accepted():
    assert check_upload(_upload(pdfs.plain())) == "application/pdf"
    assert check_upload(_upload(pdfs.web_link())) == "application/pdf"  # links and /Fit


@pytest.mark.django_db
def test_our_own_decision_letter_is_accepted(people):
    decision = decisions.current_decision(granted(people["case_handler"]))
    assert check_upload(_upload(render_letter_pdf(decision))) == "application/pdf"


def test_a_pdf_that_cannot_be_read_is_refused_with_a_message():
    with pytest.raises(ValidationError) as error:
        check_upload(_upload(b"%PDF-1.4\n%%EOF\n"))
    assert error.value.code == "pdf_unreadable"
    assert (
        nb(
            "We cannot read this PDF file, or it is locked with a password. Save or print it as "
            "a new PDF and try again."
        )
        in error.value.messages
    )


@pytest.mark.django_db
def test_the_attachment_step_refuses_it_on_the_field_with_400(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = ApplicationFactory(status=Application.Status.DRAFT, submitted_at=None)
    enter(client, application)
    step = reverse("nabolagspotten:apply_step", args=[application.reference, 5])
    response = client.post(
        step, {"file": _upload(pdfs.javascript_in_object_stream()), "action": "upload"}
    )
    assert response.status_code == 400
    assert response.content.decode().count(nb(ACTIVE_MESSAGE)) >= 2  # field and summary
    assert not Attachment.objects.exists()
