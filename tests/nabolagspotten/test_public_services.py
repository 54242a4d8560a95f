"""The resident's side, without views: the organisation number, the eligibility check,
upload checks, and the application services (start, steps, submit, first_time)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nabolagspotten.forms.application import ActivityForm, ApplicantForm, BudgetLineFormSet
from nabolagspotten.forms.uploads import check_upload, clean_name
from nabolagspotten.models import Application, CaseEvent, Message
from nabolagspotten.services import applications as service
from nabolagspotten.services import eligibility as e
from nabolagspotten.validators import orgnr_is_valid, validate_orgnr
from tests.nabolagspotten import pdfs
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.portfolio.helpers import nb

PDF = pdfs.plain()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def upload(name, content):
    return SimpleUploadedFile(name, content)


# --- Organisation number ---------------------------------------------------------------


@pytest.mark.parametrize("number", ["974760673", "974 760 673", "923609016", "991825827"])
def test_valid_organisation_numbers(number):
    assert orgnr_is_valid(number)
    validate_orgnr(number)


def test_wrong_control_digit_is_refused():
    assert not orgnr_is_valid("974760674")
    with pytest.raises(ValidationError) as error:
        validate_orgnr("974760674")
    assert error.value.code == "orgnr_control"


def test_control_digit_ten_is_refused():
    # 10000013x: weights give remainder 1, so the control digit would be 10.
    base = "10000013"
    remainder = sum(int(d) * w for d, w in zip(base, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
    assert 11 - remainder == 10
    for last in "0123456789":
        assert not orgnr_is_valid(base + last)


@pytest.mark.parametrize(
    "number", ["97476067A", "abcdefghi", "97476067", "9747606730", "", "９７４７６０６７３"]
)
def test_badly_formed_numbers_are_refused(number):
    with pytest.raises(ValidationError) as error:
        validate_orgnr(number)
    assert error.value.code == "orgnr_format"


# --- Eligibility -------------------------------------------------------------------------


@pytest.mark.parametrize("who", [e.ORGANISATION, e.GROUP])
def test_organisations_and_groups_can_apply_for_an_activity_in_the_area(who):
    result = e.eligibility_check(who=who, where=e.IN_AREA, purpose=e.ACTIVITY)
    assert result.can_apply
    assert result.reasons == []


def test_a_private_person_is_pointed_to_forming_a_group():
    result = e.eligibility_check(who=e.PERSON, where=e.IN_AREA, purpose=e.ACTIVITY)
    assert not result.can_apply
    assert result.reasons == [nb("A private person cannot apply alone.")]
    assert "group" in result.suggestions[0] or "gruppe" in result.suggestions[0]


def test_every_reason_is_given():
    result = e.eligibility_check(who=e.BUSINESS, where=e.ELSEWHERE, purpose=e.PROFIT)
    assert not result.can_apply
    assert len(result.reasons) == 3


def test_running_costs_are_out():
    result = e.eligibility_check(who=e.GROUP, where=e.IN_AREA, purpose=e.RUNNING_COSTS)
    assert result.reasons == [nb("The grant does not cover ordinary running costs.")]


# --- Uploads -----------------------------------------------------------------------------


def test_pdf_jpeg_and_png_are_accepted():
    assert check_upload(upload("budsjett.pdf", PDF)) == "application/pdf"
    assert check_upload(upload("bilde.JPG", JPEG)) == "image/jpeg"
    assert check_upload(upload("bilde.jpeg", JPEG)) == "image/jpeg"
    assert check_upload(upload("kart.png", PNG)) == "image/png"


def test_png_header_followed_by_html_is_refused():
    polyglot = b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"
    with pytest.raises(ValidationError) as error:
        check_upload(upload("bilde.png", polyglot))
    assert error.value.code == "file_content"


def test_exe_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("program.exe", b"MZ\x90\x00" + b"\x00" * 50))
    assert error.value.code == "file_type"


def test_png_name_with_pdf_content_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("bilde.png", PDF))
    assert error.value.code == "file_mismatch"


def test_text_named_pdf_is_refused():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("fake.pdf", b"<html>hello</html>"))
    assert error.value.code == "file_content"


def test_a_file_over_the_limit_is_refused_with_a_message(settings):
    settings.NABOLAGSPOTTEN_MAX_UPLOAD_MB = 1
    big = upload("stor.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as error:
        check_upload(big)
    assert error.value.code == "too_big"
    assert "1 MB" in error.value.messages[0]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError):
        check_upload(upload("tom.pdf", b""))


def test_clean_name_strips_paths_and_control_characters():
    assert clean_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert clean_name("C:\\Users\\kari\\søknad.pdf") == "søknad.pdf"
    assert clean_name("a\x00b<script>.pdf") == "ab_script_.pdf"
    long = clean_name("x" * 300 + ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")


# --- Forms -------------------------------------------------------------------------------


def _start_data(**changes):
    data = {
        "applicant_kind": "organisasjon",
        "organisation_number": "974 760 673",
        "applicant_name": "Lademoen Velforening",
        "contact_name": "Kari Nordmann",
        "email": "kari@test.example",
        "phone": "900 00 000",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_applicant_form_normalises_the_organisation_number():
    round_ = RoundFactory()
    form = ApplicantForm(_start_data(round=round_.pk), rounds=[round_])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisation_number"] == "974760673"


@pytest.mark.django_db
def test_applicant_form_wrong_control_digit_message_on_the_field():
    round_ = RoundFactory()
    form = ApplicantForm(
        _start_data(round=round_.pk, organisation_number="974760674"), rounds=[round_]
    )
    assert not form.is_valid()
    assert form.errors["organisation_number"][0].startswith(
        nb(
            "This organisation number does not exist: the last digit does not match. "
            "Check it in Brønnøysundregistrene."
        )[:20]
    )


@pytest.mark.django_db
def test_applicant_form_organisation_needs_a_number_but_a_group_does_not():
    round_ = RoundFactory()
    form = ApplicantForm(_start_data(round=round_.pk, organisation_number=""), rounds=[round_])
    assert not form.is_valid()
    assert "organisation_number" in form.errors
    form = ApplicantForm(
        _start_data(round=round_.pk, applicant_kind="gruppe", organisation_number="123"),
        rounds=[round_],
    )
    assert form.is_valid(), form.errors  # a group's typed number is ignored
    assert form.cleaned_data["organisation_number"] == ""


@pytest.mark.django_db
def test_applicant_form_nul_bytes_give_a_message():
    round_ = RoundFactory()
    form = ApplicantForm(_start_data(round=round_.pk, applicant_name="Lag\x00et"), rounds=[round_])
    assert not form.is_valid()
    assert "applicant_name" in form.errors


@pytest.mark.django_db
def test_activity_form_end_before_start_and_long_text():
    application = ApplicationFactory(status="utkast")
    today = timezone.localdate()
    form = ActivityForm(
        {
            "area": application.area_id,
            "title": "Fest",
            "description": "x" * 100_000,
            "target_group": "Alle",
            "starts_on": today + timedelta(days=5),
            "ends_on": today + timedelta(days=1),
        },
        instance=application,
    )
    assert not form.is_valid()
    assert form.errors["ends_on"] == [nb("The end date cannot be before the start date.")]
    assert "description" in form.errors
    assert "10000" in form.errors["description"][0].replace("\xa0", "").replace(" ", "")


@pytest.mark.django_db
def test_activity_form_required_only_when_continuing():
    application = ApplicationFactory(status="utkast", title="", description="")
    assert not ActivityForm({"title": ""}, instance=application).is_valid()
    assert ActivityForm({"title": ""}, instance=application, require=False).is_valid()


def test_budget_line_formset_negative_amount_and_half_filled_lines():
    data = {
        "linjer-TOTAL_FORMS": "3",
        "linjer-INITIAL_FORMS": "0",
        "linjer-0-description": "Mat",
        "linjer-0-amount": "-5",
        "linjer-1-description": "Telt",
        "linjer-1-amount": "",
        "linjer-2-description": "",
        "linjer-2-amount": "",
    }
    formset = BudgetLineFormSet(data, prefix="linjer")
    assert not formset.is_valid()
    assert "amount" in formset.forms[0].errors
    assert formset.forms[1].errors["amount"] == [nb("Write the amount for this line.")]


# --- Services ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_start_application_creates_a_draft_and_emails_the_link(
    django_capture_on_commit_callbacks, settings
):
    round_ = RoundFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application, link = service.application_start(
            round=round_,
            applicant_kind="gruppe",
            organisation_number="974760673",
            applicant_name="Naboene i Nonnegata",
            contact_name="Ola",
            email="ola@test.example",
        )
    assert application.status == Application.Status.DRAFT
    assert application.reference.startswith(f"NP-{timezone.localdate().year}-")
    assert application.organisation_number == ""  # a group has none
    assert link.application == application
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "/nabolagspotten/lenke/" in body
    assert str(settings.NABOLAGSPOTTEN_LINK_DAYS) in body
    assert application.events.filter(kind=CaseEvent.Kind.LINK_SENT).exists()


@pytest.mark.django_db
def test_start_refused_when_the_round_is_closed():
    today = timezone.localdate()
    round_ = RoundFactory(opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1))
    with pytest.raises(ValidationError):
        service.application_start(
            round=round_,
            applicant_kind="gruppe",
            applicant_name="X",
            contact_name="Y",
            email="y@test.example",
        )


def _draft(**kwargs):
    return ApplicationFactory(status="utkast", submitted_at=None, first_time=None, **kwargs)


@pytest.mark.django_db
def test_save_budget_sums_lines_and_checks_the_max():
    application = _draft()
    application = service.budget_save(
        application=application, lines=[("Mat", 1000), ("Telt", 2500)], own_contribution=300
    )
    assert application.amount_requested == 3500
    assert application.budget_lines.count() == 2
    with pytest.raises(ValidationError) as error:
        service.budget_save(application=application, lines=[("Alt", 50_001)], own_contribution=0)
    assert "50" in error.value.messages[0]
    application.refresh_from_db()
    assert application.amount_requested == 3500


@pytest.mark.django_db
def test_submit_lists_what_is_missing():
    application = _draft(
        title="", read_privacy_notice=False, understands_public=False, lines=[], amount_requested=0
    )
    with pytest.raises(service.Incomplete) as error:
        service.application_submit(application=application)
    steps = {step for step, _message in error.value.items}
    assert steps == {2, 4, 6}
    messages = [message for _step, message in error.value.items]
    assert nb("The title of the activity is missing.") in messages
    assert nb("Confirm that you have read the privacy notice.") in messages
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


@pytest.mark.django_db
def test_submit_sets_first_time_and_sends_a_receipt(django_capture_on_commit_callbacks):
    earlier = ApplicationFactory(organisation_number="974760673")
    application = _draft(organisation_number="974760673")
    with django_capture_on_commit_callbacks(execute=True):
        application = service.application_submit(application=application)
    assert application.status == Application.Status.SUBMITTED
    assert application.submitted_at is not None
    assert application.first_time is False
    assert earlier.first_time is True
    assert len(mail.outbox) == 1
    assert application.reference in mail.outbox[0].subject


@pytest.mark.django_db
def test_first_time_for_groups_is_by_email():
    ApplicationFactory(applicant_kind="gruppe", organisation_number="", email="a@test.example")
    same = _draft(applicant_kind="gruppe", organisation_number="", email="A@test.example")
    other = _draft(applicant_kind="gruppe", organisation_number="", email="b@test.example")
    assert service.application_submit(application=same).first_time is False
    assert service.application_submit(application=other).first_time is True


@pytest.mark.django_db
def test_first_submission_needs_an_open_round_but_resubmission_does_not():
    today = timezone.localdate()
    closed = RoundFactory(opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1))
    draft = _draft(round=closed)
    with pytest.raises(ValidationError) as error:
        service.application_submit(application=draft)
    assert not isinstance(error.value, service.Incomplete)
    asked = ApplicationFactory(round=closed, status=Application.Status.INFO_REQUESTED)
    asked = service.application_submit(application=asked, message="Her er budsjettet.")
    assert asked.status == Application.Status.RESUBMITTED
    assert asked.messages.get().direction == Message.Direction.FROM_APPLICANT


@pytest.mark.django_db
def test_withdraw_only_before_a_decision():
    application = ApplicationFactory()
    assert (
        service.application_withdraw(application=application).status == Application.Status.WITHDRAWN
    )
    granted = ApplicationFactory(status=Application.Status.GRANTED)
    with pytest.raises(ValidationError):
        service.application_withdraw(application=granted)


@pytest.mark.django_db
def test_update_is_refused_after_sending():
    application = ApplicationFactory()
    with pytest.raises(ValidationError):
        service.application_update(application=application, title="Ny tittel")


@pytest.mark.django_db
def test_attachments_limit_and_random_storage_name(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = _draft()
    first = service.attachment_add(
        application=application, uploaded_file=upload("../søknad.pdf", PDF)
    )
    assert first.original_name == "søknad.pdf"
    assert first.token in first.file.name and "søknad" not in first.file.name
    for number in range(9):
        service.attachment_add(application=application, uploaded_file=upload(f"f{number}.png", PNG))
    with pytest.raises(ValidationError) as error:
        service.attachment_add(application=application, uploaded_file=upload("elleve.pdf", PDF))
    assert "file" in error.value.message_dict
    assert application.attachments.count() == 10


@pytest.mark.django_db
def test_send_new_links_one_email_for_every_application(django_capture_on_commit_callbacks):
    one = ApplicationFactory(email="kari@test.example")
    two = ApplicationFactory(email="KARI@test.example", status="utkast")
    ApplicationFactory(email="kari@test.example", anonymised_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert service.links_send_new(email="kari@test.example") == 2
        assert service.links_send_new(email="nobody@test.example") == 0
    assert len(mail.outbox) == 1
    assert one.reference in mail.outbox[0].body and two.reference in mail.outbox[0].body


@pytest.mark.django_db
def test_public_grants_only_committed_cases():
    granted = ApplicationFactory(status=Application.Status.GRANTED, amount_granted=10_000)
    ApplicationFactory(status=Application.Status.SUBMITTED)
    ApplicationFactory(status=Application.Status.REFUSED)
    assert list(service.public_grants()) == [granted]


@pytest.mark.parametrize(
    "markup",
    [b"<script>alert(1)</script>", b"<HTML><body>", b"<svg onload=alert(1)>", b"<!DOCTYPE html>"],
)
def test_jpeg_with_markup_in_the_first_kilobyte_is_refused(markup):
    with pytest.raises(ValidationError):
        check_upload(upload("bilde.jpg", JPEG[:20] + markup + b"\x00" * 20))


def test_camera_metadata_is_not_mistaken_for_markup():
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b'<rdf:RDF tiff:Orientation="1" crs:ConvertToGrayscale="False"/>'
    )
    assert check_upload(upload("foto.jpg", JPEG[:20] + xmp + b"\x00" * 20)) == "image/jpeg"
