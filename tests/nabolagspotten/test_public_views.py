"""The resident's pages: public home, eligibility, the application's steps, sending,
the personal link, the applicant's page, attachments, the public list of grants, and
abuse protection (honeypot, rate limit)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nabolagspotten import access
from nabolagspotten.models import (
    AccessLink,
    Application,
    Attachment,
    CaseEvent,
    Message,
    PersonalDataAccess,
)
from tests.nabolagspotten import pdfs
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.nabolagspotten.links import enter, open_link
from tests.portfolio.helpers import nb

S = Application.Status
PDF = pdfs.plain()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture(autouse=True)
def _fresh_cache(fresh_cache):
    """The rate limits count from zero in every test."""


def url(name, *args):
    return reverse(f"nabolagspotten:{name}", args=args)


def draft(**kwargs):
    return ApplicationFactory(status=S.DRAFT, submitted_at=None, first_time=None, **kwargs)


START = {
    "applicant_kind": "organisasjon",
    "organisation_number": "974 760 673",
    "applicant_name": "Lademoen Velforening",
    "contact_name": "Kari Nordmann",
    "email": "kari@test.example",
    "phone": "900 00 000",
}


# --- Public pages ------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_home_shows_open_rounds_and_money_left(client):
    round_ = RoundFactory(name="Vårrunden")
    ApplicationFactory(round=round_, status=S.GRANTED, amount_granted=50_000)
    RoundFactory(
        name="Gammel runde",
        opens_on=timezone.localdate() - timedelta(days=90),
        closes_on=timezone.localdate() - timedelta(days=60),
    )
    response = client.get(url("public_home"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Vårrunden" in text and "Gammel runde" not in text
    assert "150\xa0000\xa0kr" in text  # 200 000 less 50 000 granted
    assert nb("Have you lost the link?") in text


@pytest.mark.django_db
def test_eligibility_yes_and_no(client):
    RoundFactory()
    yes = client.post(
        url("eligibility"), {"who": "gruppe", "where": "i_omradet", "purpose": "aktivitet"}
    )
    assert yes.status_code == 200
    assert nb("You can apply") in yes.content.decode()
    assert url("apply_start") in yes.content.decode()
    no = client.post(
        url("eligibility"), {"who": "privatperson", "where": "annet_sted", "purpose": "drift"}
    )
    text = no.content.decode()
    assert nb("You cannot apply, because:") in text
    assert nb("A private person cannot apply alone.") in text
    assert nb("The grant does not cover ordinary running costs.") in text
    missing = client.post(url("eligibility"), {})
    assert missing.status_code == 400


@pytest.mark.django_db
def test_apply_start_without_an_open_round(client):
    response = client.get(url("apply_start"))
    assert response.status_code == 200
    assert nb("No round is open") in response.content.decode()
    assert b'name="applicant_name"' not in response.content


@pytest.mark.django_db
def test_apply_start_has_autocomplete_and_honeypot(client):
    RoundFactory()
    text = client.get(url("apply_start")).content.decode()
    for attribute in [
        'autocomplete="name"',
        'autocomplete="email"',
        'autocomplete="tel"',
        'autocomplete="organization"',
        'inputmode="numeric"',
    ]:
        assert attribute in text
    assert 'aria-hidden="true"' in text and 'tabindex="-1"' in text


@pytest.mark.django_db
def test_apply_start_creates_the_draft_emails_the_link_and_opens_step_2(
    client, django_capture_on_commit_callbacks
):
    RoundFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("apply_start"), START)
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == url("apply_step", application.reference, 2)
    assert application.status == S.DRAFT and application.organisation_number == "974760673"
    assert len(mail.outbox) == 1 and "/nabolagspotten/lenke/#" in mail.outbox[0].body
    assert client.get(response.url).status_code == 200


@pytest.mark.django_db
def test_apply_start_wrong_control_digit_400_with_message(client):
    RoundFactory()
    response = client.post(url("apply_start"), {**START, "organisation_number": "974760674"})
    assert response.status_code == 400
    text = response.content.decode()
    message = nb(
        "This organisation number does not exist: the last digit does not match. "
        "Check it in Brønnøysundregistrene."
    )
    assert text.count(message) >= 2  # on the field and in the error summary
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_apply_start_nul_bytes_and_long_text(client):
    RoundFactory()
    response = client.post(
        url("apply_start"), {**START, "contact_name": "Kari\x00", "applicant_name": "x" * 100_000}
    )
    assert response.status_code == 400
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_honeypot_filled_is_400_and_saves_nothing(client):
    RoundFactory()
    response = client.post(url("apply_start"), {**START, "nettside": "http://spam.example"})
    assert response.status_code == 400
    assert not Application.objects.exists()
    response = client.post(url("request_link"), {"email": "a@test.example", "nettside": "x"})
    assert response.status_code == 400
    assert len(mail.outbox) == 0


@pytest.mark.django_db
def test_rate_limit_gives_429(client):
    RoundFactory()
    for _ in range(5):
        assert client.post(url("request_link"), {"email": "a@test.example"}).status_code == 200
    response = client.post(url("request_link"), {"email": "a@test.example"})
    assert response.status_code == 429
    assert nb("Too many attempts") in response.content.decode()
    for _ in range(10):
        client.post(url("apply_start"), {})
    assert client.post(url("apply_start"), START).status_code == 429


# --- The personal link -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_valid_link_opens_the_applicant_page(client):
    application = ApplicationFactory()
    token = access.issue_link(application)
    response = open_link(client, token)
    assert response.url == url("applicant_page", application.reference)
    assert client.get(response.url).status_code == 200


@pytest.mark.django_db
def test_a_tampered_link_is_403_with_the_request_form(client):
    application = ApplicationFactory()
    token = access.issue_link(application)
    response = open_link(client, token[:-3] + "abc")
    assert response.status_code == 403
    text = response.content.decode()
    assert nb("The link is not valid. Check that you copied all of it.") in text
    assert 'name="email"' in text


@pytest.mark.django_db
def test_an_expired_link_is_410(client, settings):
    application = ApplicationFactory()
    token = access.issue_link(application)
    AccessLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = open_link(client, token)
    assert response.status_code == 410
    assert nb("The link has expired.") in response.content.decode()


@pytest.mark.django_db
def test_a_signature_past_its_age_is_410(client, monkeypatch):
    application = ApplicationFactory()
    token = access.issue_link(application)
    later = timezone.now() + timedelta(days=31)
    monkeypatch.setattr("django.core.signing.time.time", lambda: later.timestamp())
    response = open_link(client, token)
    assert response.status_code == 410


@pytest.mark.django_db
def test_a_revoked_link_is_410_and_ends_access_at_once(client):
    application = ApplicationFactory()
    enter(client, application)
    token = access.issue_link(application)  # a newer link, not yet opened
    access.revoke_links(application)
    assert client.get(url("applicant_page", application.reference)).status_code == 404
    response = open_link(client, token)
    assert response.status_code == 410
    assert (
        nb("The link no longer works: a newer link has been sent, or the link was withdrawn.")
        in response.content.decode()
    )


@pytest.mark.django_db
def test_another_applicants_case_is_404(client):
    mine, theirs = ApplicationFactory(), ApplicationFactory()
    enter(client, mine)
    assert client.get(url("applicant_page", mine.reference)).status_code == 200
    for name in ["applicant_page", "applicant_withdraw"]:
        assert client.get(url(name, theirs.reference)).status_code == 404
    other_draft = draft()
    assert client.get(url("apply_step", other_draft.reference, 2)).status_code == 404
    assert client.post(url("applicant_submit", other_draft.reference)).status_code == 404


@pytest.mark.django_db
def test_request_link_same_answer_whether_found_or_not(client, django_capture_on_commit_callbacks):
    application = ApplicationFactory(email="kari@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        found = client.post(url("request_link"), {"email": "kari@test.example"})
        missing = client.post(url("request_link"), {"email": "ingen@test.example"})
    assert found.status_code == missing.status_code == 200

    def main(response, email):
        text = response.content.decode()
        return text[text.index("<main") : text.index("</main>")].replace(email, "X")

    assert main(found, "kari@test.example") == main(missing, "ingen@test.example")
    assert nb("Check your e-mail") in found.content.decode()
    assert len(mail.outbox) == 1 and application.reference in mail.outbox[0].body


@pytest.mark.django_db
def test_leaving_the_page_forgets_the_session(client):
    application = ApplicationFactory()
    enter(client, application)
    response = client.post(url("applicant_leave", application.reference))
    assert response.status_code == 302
    assert client.get(url("applicant_page", application.reference)).status_code == 404


# --- The steps ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_step_renders_with_progress(client):
    application = draft()
    enter(client, application)
    for step in range(1, 8):
        response = client.get(url("apply_step", application.reference, step))
        assert response.status_code == 200, step
        assert nb("Step %(step)s of %(total)s", step=step, total=7) in response.content.decode()
    assert client.get(url("apply_step", application.reference, 8)).status_code == 404


@pytest.mark.django_db
def test_step_2_saves_and_validates(client):
    application = draft(title="")
    enter(client, application)
    today = timezone.localdate()
    data = {
        "area": application.area_id,
        "location": "Parken",
        "title": "<script>alert(1)</script>",
        "description": "Grilling",
        "target_group": "Alle",
        "starts_on": (today + timedelta(days=3)).isoformat(),
        "ends_on": (today + timedelta(days=2)).isoformat(),
        "expected_participants": "40",
        "action": "next",
    }
    bad = client.post(url("apply_step", application.reference, 2), data)
    assert bad.status_code == 400
    assert nb("The end date cannot be before the start date.") in bad.content.decode()
    data["ends_on"] = (today + timedelta(days=4)).isoformat()
    good = client.post(url("apply_step", application.reference, 2), data)
    assert good.url == url("apply_step", application.reference, 3)
    application.refresh_from_db()
    assert application.title == "<script>alert(1)</script>"
    page = client.get(url("applicant_page", application.reference)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_step_3_long_text_gives_a_message_not_a_crash(client):
    application = draft()
    enter(client, application)
    response = client.post(
        url("apply_step", application.reference, 3),
        {"resident_involvement": "x" * 100_000, "action": "next"},
    )
    assert response.status_code == 400
    assert "10" in response.content.decode()
    application.refresh_from_db()
    assert len(application.resident_involvement) < 100_000


@pytest.mark.django_db
def test_step_3_nul_byte_message(client):
    application = draft()
    enter(client, application)
    response = client.post(
        url("apply_step", application.reference, 3),
        {"resident_involvement": "Dugnad\x00", "action": "next"},
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_save_later_keeps_a_partial_step(client):
    application = draft(title="Gammel")
    enter(client, application)
    response = client.post(
        url("apply_step", application.reference, 2), {"title": "Ny", "action": "later"}
    )
    assert response.url == url("applicant_page", application.reference)
    application.refresh_from_db()
    assert application.title == "Ny"


def _lines(*rows, total=3):
    data = {
        "linjer-TOTAL_FORMS": str(total),
        "linjer-INITIAL_FORMS": "0",
        "own_contribution": "500",
    }
    for number in range(total):
        description, amount = rows[number] if number < len(rows) else ("", "")
        data[f"linjer-{number}-description"] = description
        data[f"linjer-{number}-amount"] = amount
    return data


@pytest.mark.django_db
def test_step_4_budget_sum_and_max(client):
    application = draft(lines=[], amount_requested=0)
    enter(client, application)
    step = url("apply_step", application.reference, 4)
    response = client.post(step, {**_lines(("Mat", "3000"), ("Telt", "2000")), "action": "next"})
    assert response.url == url("apply_step", application.reference, 5)
    application.refresh_from_db()
    assert application.amount_requested == 5000 and application.own_contribution == 500
    too_much = client.post(step, {**_lines(("Alt", "60000")), "action": "next"})
    assert too_much.status_code == 400
    assert "50\xa0000" in too_much.content.decode() or "50 000" in too_much.content.decode()
    empty = client.post(step, {**_lines(), "action": "next"})
    assert empty.status_code == 400
    assert nb("Add at least one budget line with an amount.") in empty.content.decode()
    negative = client.post(step, {**_lines(("Mat", "-10")), "action": "next"})
    assert negative.status_code == 400


@pytest.mark.django_db
def test_step_4_add_line_without_javascript(client):
    application = draft(lines=[], amount_requested=0)
    enter(client, application)
    step = url("apply_step", application.reference, 4)
    response = client.post(step, {**_lines(("Mat", "100")), "add_line": "1"})
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert 'name="linjer-3-description"' in page
    application.refresh_from_db()
    assert application.amount_requested == 100


@pytest.mark.django_db
def test_step_5_upload_list_download_delete(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = draft()
    enter(client, application)
    step = url("apply_step", application.reference, 5)
    response = client.post(
        step, {"file": SimpleUploadedFile("Budsjett <1>.pdf", PDF), "action": "upload"}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    page = client.get(step).content.decode()
    assert "Budsjett _1_.pdf" in page  # markup characters are replaced in file names
    download = client.get(url("applicant_attachment", application.reference, attachment.token))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "sandbox"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF
    other = ApplicationFactory()
    assert (
        client.get(url("applicant_attachment", other.reference, attachment.token)).status_code
        == 404
    )
    deleted = client.post(
        url("applicant_attachment_delete", application.reference, attachment.token)
    )
    assert deleted.status_code == 302
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_step_5_refuses_bad_files_with_a_message(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.NABOLAGSPOTTEN_MAX_UPLOAD_MB = 1
    application = draft()
    enter(client, application)
    step = url("apply_step", application.reference, 5)
    cases = [
        (
            SimpleUploadedFile("bilde.png", b"\x89PNG\r\n\x1a\n<html><script>x</script>"),
            nb("The file is not a real PDF, JPG or PNG file."),
        ),
        (
            SimpleUploadedFile("virus.exe", b"MZ" + b"\x00" * 20),
            nb("Only PDF, JPG and PNG files can be uploaded."),
        ),
        (
            SimpleUploadedFile("bilde.png", PDF),
            nb("The file's name does not match its content. Check that it is the right file."),
        ),
        (
            SimpleUploadedFile("stor.pdf", PDF + b"0" * (1024 * 1024 + 1)),
            nb("The file is too big. The largest size is %(mb)s MB.", mb=1),
        ),
    ]
    for uploaded, message in cases:
        response = client.post(step, {"file": uploaded, "action": "upload"})
        assert response.status_code == 400
        assert (
            message.replace("'", "&#x27;") in response.content.decode()
            or message in response.content.decode()
        )
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_step_6_read_privacy_notice_required(client):
    application = draft(read_privacy_notice=False, understands_public=False)
    enter(client, application)
    step = url("apply_step", application.reference, 6)
    page = client.get(step).content.decode()
    assert f'href="{url("privacy_notice")}"' in page
    assert nb("I have read the privacy notice") in page
    refused = client.post(step, {"action": "next"})
    assert refused.status_code == 400
    assert nb("Confirm that you have read the privacy notice.") in refused.content.decode()
    response = client.post(
        step,
        {
            "read_privacy_notice": "on",
            "understands_public": "on",
            "exemption_request": "",
            "action": "next",
        },
    )
    assert response.url == url("apply_step", application.reference, 7)


# --- Sending -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_submit_incomplete_lists_what_is_missing_with_links(client):
    application = draft(title="", read_privacy_notice=False)
    enter(client, application)
    response = client.post(url("applicant_submit", application.reference))
    assert response.status_code == 400
    text = response.content.decode()
    assert nb("The title of the activity is missing.") in text
    assert url("apply_step", application.reference, 2) in text
    assert url("apply_step", application.reference, 6) in text


@pytest.mark.django_db
def test_submit_complete_sends_and_locks_the_application(
    client, django_capture_on_commit_callbacks
):
    application = draft()
    enter(client, application)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("applicant_submit", application.reference))
    assert response.url == url("applicant_page", application.reference)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.first_time is True
    assert any(application.reference in message.subject for message in mail.outbox)
    again = client.get(url("apply_step", application.reference, 2))
    assert again.status_code == 302 and again.url == url("applicant_page", application.reference)


@pytest.mark.django_db
def test_resubmission_with_a_message(client):
    application = ApplicationFactory(status=S.INFO_REQUESTED)
    Message.objects.create(
        application=application, direction=Message.Direction.TO_APPLICANT, body="Send budsjett"
    )
    enter(client, application)
    page = client.get(url("applicant_page", application.reference)).content.decode()
    assert "Send budsjett" in page and 'name="body"' in page
    reply = client.post(url("applicant_message", application.reference), {"body": "Kommer"})
    assert reply.status_code == 302
    assert application.events.filter(kind=CaseEvent.Kind.MESSAGE).exists()
    assert (
        client.post(url("applicant_message", application.reference), {"body": ""}).status_code
        == 400
    )
    response = client.post(
        url("applicant_submit", application.reference), {"message": "Nytt budsjett lagt ved"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.RESUBMITTED
    assert application.messages.filter(direction=Message.Direction.FROM_APPLICANT).count() == 2


@pytest.mark.django_db
def test_withdraw_confirm_then_post(client):
    application = ApplicationFactory()
    enter(client, application)
    assert client.get(url("applicant_withdraw", application.reference)).status_code == 200
    client.post(url("applicant_withdraw", application.reference))
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    granted = ApplicationFactory(status=S.GRANTED)
    enter(client, granted)
    assert client.post(url("applicant_withdraw", granted.reference)).status_code == 302
    granted.refresh_from_db()
    assert granted.status == S.GRANTED


# --- The applicant's page ----------------------------------------------------------------


@pytest.mark.django_db
def test_applicant_page_shows_all_data_and_the_staff_log(client, people):
    application = ApplicationFactory(contact_name="Kari <b>Nordmann</b>")
    PersonalDataAccess.objects.create(
        user=people["case_handler"], application=application, what="sak"
    )
    enter(client, application)
    text = client.get(url("applicant_page", application.reference)).content.decode()
    assert nb("All data we hold about you") in text
    assert application.email in text and "Kari &lt;b&gt;Nordmann&lt;/b&gt;" in text
    assert nb("Case handler") in text
    assert "Case Handler" not in text  # the role, not the name


@pytest.mark.django_db
def test_applicant_page_query_count_does_not_grow(client, django_assert_max_num_queries, people):
    application = ApplicationFactory()
    enter(client, application)

    def add(number):
        for index in range(number):
            Message.objects.create(application=application, direction="til_soker", body=f"m{index}")
            CaseEvent.objects.create(application=application, kind="melding", note=f"e{index}")
            PersonalDataAccess.objects.create(
                user=people["case_handler"], application=application, what="sak"
            )

    add(2)
    with django_assert_max_num_queries(30) as small:
        client.get(url("applicant_page", application.reference))
    add(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("applicant_page", application.reference))


# --- The public list of grants -----------------------------------------------------------


@pytest.mark.django_db
def test_grants_never_show_personal_data_and_escape_script(client):
    granted = ApplicationFactory(
        status=S.GRANTED,
        amount_granted=12_345,
        applicant_name="<script>alert('x')</script> Vel",
        contact_name="Hemmelig Person",
        email="hemmelig@test.example",
        phone="99887766",
    )
    ApplicationFactory(status=S.SUBMITTED, title="Ikke innvilget ennå")
    text = client.get(url("grants")).content.decode()
    assert granted.title in text and "12\xa0345\xa0kr" in text
    assert "<script>alert" not in text and "&lt;script&gt;" in text
    for private in ["Hemmelig Person", "hemmelig@test.example", "99887766", "Ikke innvilget ennå"]:
        assert private not in text


@pytest.mark.django_db
def test_grants_filter_and_query_count(client, django_assert_max_num_queries):
    round_ = RoundFactory()
    other = RoundFactory()
    ApplicationFactory(round=round_, status=S.PAID, amount_granted=1000, title="Runde en")
    ApplicationFactory(round=other, status=S.PAID, amount_granted=1000, title="Runde to")
    text = client.get(url("grants"), {"round": round_.pk}).content.decode()
    assert "Runde en" in text and "Runde to" not in text
    with django_assert_max_num_queries(20) as small:
        client.get(url("grants"))
    for _ in range(20):
        ApplicationFactory(round=round_, status=S.ACCEPTED, amount_granted=500)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("grants"))


@pytest.mark.django_db
def test_step_1_can_be_revisited_and_changed(client):
    application = draft()
    enter(client, application)
    step = url("apply_step", application.reference, 1)
    page = client.get(step).content.decode()
    assert 'name="round"' not in page  # the round is fixed once the draft exists
    response = client.post(
        step,
        {**START, "applicant_kind": "gruppe", "applicant_name": "Naboene", "action": "next"},
    )
    assert response.url == url("apply_step", application.reference, 2)
    application.refresh_from_db()
    assert application.applicant_kind == "gruppe"
    assert application.organisation_number == ""
    assert application.applicant_name == "Naboene"


@pytest.mark.django_db
def test_info_requested_case_can_be_edited_and_shows_the_message_field(client):
    application = ApplicationFactory(status=S.INFO_REQUESTED)
    enter(client, application)
    assert client.get(url("apply_step", application.reference, 2)).status_code == 200
    summary = client.get(url("apply_step", application.reference, 7)).content.decode()
    assert 'name="message"' in summary
    assert nb("Send the application again") in summary


@pytest.mark.django_db
def test_a_submitted_case_cannot_be_sent_or_edited_again(client):
    application = ApplicationFactory(status=S.IN_REVIEW)
    enter(client, application)
    response = client.post(url("applicant_submit", application.reference))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    other = client.post(url("apply_step", application.reference, 3), {"resident_involvement": "x"})
    assert other.status_code == 302


@pytest.mark.django_db
def test_request_link_with_case_number_and_bad_email(client, django_capture_on_commit_callbacks):
    one = ApplicationFactory(email="kari@test.example")
    two = ApplicationFactory(email="kari@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("request_link"), {"email": "kari@test.example", "reference": two.reference.lower()}
        )
    assert response.status_code == 200
    assert two.reference in mail.outbox[0].body and one.reference not in mail.outbox[0].body
    bad = client.post(url("request_link"), {"email": "ikke-en-adresse\x00"})
    assert bad.status_code == 400


@pytest.mark.django_db
def test_step_2_wrong_date_and_negative_number_give_messages(client):
    application = draft()
    enter(client, application)
    response = client.post(
        url("apply_step", application.reference, 2),
        {
            "area": application.area_id,
            "title": "Fest",
            "description": "Grilling",
            "target_group": "Alle",
            "starts_on": "2026-13-45",
            "ends_on": "i morgen",
            "expected_participants": "-5",
            "action": "next",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert {"starts_on", "ends_on", "expected_participants"} <= set(form.errors)


@pytest.mark.django_db
def test_odd_query_strings_never_break_the_pages(client):
    application = draft()
    enter(client, application)
    assert (
        client.get(url("apply_step", application.reference, 4), {"flere": "x"}).status_code == 200
    )
    assert client.get(url("grants"), {"round": "x", "area": "y", "page": "z"}).status_code == 200
    # A NUL byte is refused before any page sees it (core.middleware.RejectNulMiddleware).
    assert client.get(url("grants"), {"round": "x", "area": "\x00", "page": "z"}).status_code == 400
    assert client.get(url("request_link"), {"sak": "x" * 500}).status_code == 200
    assert client.get(url("apply_step", application.reference, 0)).status_code == 404


# --- Behind the TLS proxy (issue 9, item 3) ------------------------------------------------


def _start_from(client, person: str):
    """An application's first step as it reaches the server through the proxy 10.0.0.5."""
    return client.post(
        url("apply_start"), {}, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=person
    ).status_code


@pytest.mark.django_db
def test_behind_a_trusted_proxy_one_persons_applications_do_not_block_another(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    RoundFactory()
    for _ in range(10):
        assert _start_from(client, "198.51.100.1") != 429
    assert _start_from(client, "198.51.100.1") == 429
    assert _start_from(client, "198.51.100.2") != 429  # someone else behind the same proxy


@pytest.mark.django_db
def test_without_trusted_proxies_the_forwarded_header_changes_no_limit(client, settings):
    settings.TRUSTED_PROXIES = []
    RoundFactory()
    for number in range(10):
        assert _start_from(client, f"198.51.100.{number + 1}") != 429
    # A client cannot escape the limit by sending a header of its own.
    assert _start_from(client, "198.51.100.99") == 429
