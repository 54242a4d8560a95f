"""The case handler's pages: the list, the case page with the habilitet gate, the actions
in the right and the wrong state, downloads, access logging and bad input."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from core.formatting import kroner
from nabolagspotten.models import (
    Application,
    Assessment,
    Attachment,
    CaseEvent,
    Decision,
    InternalComment,
    Message,
    PersonalDataAccess,
)
from nabolagspotten.services import workflow
from tests.nabolagspotten.factories import ApplicationFactory
from tests.nabolagspotten.test_cases_support import (
    a_round,
    committed,
    declare,
    in_review,
    lademoen,
)
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status


def _url(name, application, *args):
    return reverse(f"nabolagspotten:{name}", args=[application.reference, *args])


@pytest.fixture
def handler(people):
    return people["case_handler"]


@pytest.fixture
def handler_client(client, handler):
    client.force_login(handler)
    return client


# --- The list ------------------------------------------------------------------------------


def test_the_list_shows_submitted_cases_not_drafts(handler_client):
    submitted = ApplicationFactory(applicant_name="Lademoen Vel", first_time=True)
    draft = ApplicationFactory(status=S.DRAFT, submitted_at=None, applicant_name="Utkastlaget")
    response = handler_client.get(reverse("nabolagspotten:cases"))
    assert response.status_code == 200
    content = response.content.decode()
    assert submitted.reference in content
    assert nb("Submitted") in content
    assert nb("First time") in content
    assert kroner(submitted.amount_requested) in content
    assert draft.reference not in content
    response = handler_client.get(reverse("nabolagspotten:cases"), {"status": "utkast"})
    assert draft.reference in response.content.decode()


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("reference", None),
        ("applicant_name", "møllenberg beboer"),
        ("contact_name", "Ola Norman"),
        ("email", "post@mollenberg"),
        ("title", "Loppemarked"),
    ],
)
def test_search_finds_by_number_name_email_and_title(handler_client, field, text):
    wanted = ApplicationFactory(
        applicant_name="Møllenberg Beboerforening",
        contact_name="Ola Normann",
        email="post@mollenberg.example",
        title="Loppemarked i gata",
    )
    other = ApplicationFactory()
    response = handler_client.get(reverse("nabolagspotten:cases"), {"q": text or wanted.reference})
    content = response.content.decode()
    assert wanted.reference in content
    assert other.reference not in content


def test_filters_and_sorting(handler_client):
    round_ = a_round()
    small = ApplicationFactory(round=round_, amount_requested=3_000)
    large = ApplicationFactory(round=round_, amount_requested=40_000)
    elsewhere = ApplicationFactory()
    response = handler_client.get(
        reverse("nabolagspotten:cases"), {"round": round_.pk, "sort": "amount"}
    )
    content = response.content.decode()
    assert elsewhere.reference not in content
    assert content.index(small.reference) < content.index(large.reference)
    response = handler_client.get(
        reverse("nabolagspotten:cases"), {"round": round_.pk, "sort": "-amount"}
    )
    content = response.content.decode()
    assert content.index(large.reference) < content.index(small.reference)


def test_a_filter_with_a_wrong_value_is_reported_not_a_500(handler_client):
    response = handler_client.get(
        reverse("nabolagspotten:cases"), {"round": "999999", "status": "x", "q": "a b"}
    )
    assert response.status_code == 200
    assert "ds-error-summary" in response.content.decode()


def test_the_list_query_count_does_not_grow(handler_client, django_assert_max_num_queries):
    round_ = a_round()
    ApplicationFactory.create_batch(2, round=round_)
    with django_assert_max_num_queries(20) as few:
        handler_client.get(reverse("nabolagspotten:cases"))
    ApplicationFactory.create_batch(30, round=round_)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = handler_client.get(reverse("nabolagspotten:cases"))
    assert response.content.decode().count("/nabolagspotten/behandling/NP-") >= 32


# --- The case page and habilitet ----------------------------------------------------------


def test_unknown_and_draft_cases_are_404(handler_client):
    draft = ApplicationFactory(status=S.DRAFT, submitted_at=None)
    assert handler_client.get(_url("case", draft)).status_code == 404
    response = handler_client.get(reverse("nabolagspotten:case", args=["NP-1999-99999"]))
    assert response.status_code == 404


def test_before_declaring_only_the_declaration_form(handler_client, handler):
    application = ApplicationFactory()
    response = handler_client.get(_url("case", application))
    content = response.content.decode()
    assert response.status_code == 200
    assert nb("First: are you impartial?") in content
    assert application.description in content
    assert _url("case_decide", application) not in content
    assert _url("case_request_info", application) not in content
    assert _url("case_assess", application) not in content
    assert 'name="body"' not in content  # no comment form
    for name in ("case_decide", "case_request_info", "case_assess"):
        assert handler_client.get(_url(name, application)).status_code == 403
    assert handler_client.post(_url("case_start", application)).status_code == 403


def test_declaring_impartial_opens_the_actions(handler_client, handler):
    application = ApplicationFactory()
    response = handler_client.post(_url("case_impartiality", application), {"impartial": "ja"})
    assert response.status_code == 302
    content = handler_client.get(_url("case", application)).content.decode()
    assert nb("First: are you impartial?") not in content
    assert _url("case_start", application) in content
    handler_client.post(_url("case_start", application))
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    content = handler_client.get(_url("case", application)).content.decode()
    assert _url("case_decide", application) in content
    assert _url("case_request_info", application) in content


def test_an_inhabil_handler_sees_a_notice_and_cannot_act(handler_client, handler):
    application = ApplicationFactory()
    response = handler_client.post(_url("case_impartiality", application), {"impartial": "nei"})
    assert response.status_code == 400
    assert nb("Say briefly why you are not impartial, e.g. a family tie or a role.") in (
        response.content.decode()
    )
    response = handler_client.post(
        _url("case_impartiality", application), {"impartial": "nei", "note": "Min søster leder"}
    )
    assert response.status_code == 302
    content = handler_client.get(_url("case", application)).content.decode()
    assert nb("You are not impartial in this case") in content
    assert handler_client.post(_url("case_start", application)).status_code == 403
    assert handler_client.get(_url("case_decide", application)).status_code == 403
    assert (
        handler_client.post(_url("case_comment", application), {"body": "Hei"}).status_code == 403
    )
    response = handler_client.post(_url("case_impartiality", application), {"impartial": "ja"})
    assert response.status_code == 400
    assert nb("You have already declared your impartiality in this case.") in (
        response.content.decode()
    )


def test_opening_a_case_is_logged_once_an_hour(handler_client, handler):
    application = ApplicationFactory()
    handler_client.get(_url("case", application))
    handler_client.get(_url("case", application))
    logs = PersonalDataAccess.objects.filter(
        user=handler, application=application, what=PersonalDataAccess.What.CASE
    )
    assert logs.count() == 1
    log = logs.get()
    log.at = timezone.now() - timezone.timedelta(hours=2)
    log.save()
    handler_client.get(_url("case", application))
    assert logs.count() == 2


def test_the_case_page_shown_again_after_a_refused_post_is_not_logged_as_an_opening(
    handler_client, handler
):
    application = ApplicationFactory()
    logs = PersonalDataAccess.objects.filter(
        user=handler, application=application, what=PersonalDataAccess.What.CASE
    )
    response = handler_client.post(_url("case_impartiality", application), {"impartial": "nei"})
    assert response.status_code == 400  # the case page again, with the form's error
    assert application.description in response.content.decode()
    assert not logs.exists()
    handler_client.get(_url("case", application))
    assert logs.count() == 1


def test_script_tags_in_applicant_fields_are_escaped(handler_client, handler):
    script = "<script>alert('x')</script>"
    application = ApplicationFactory(
        title=script, applicant_name=script, description=script, contact_name=script
    )
    Message.objects.create(
        application=application, direction=Message.Direction.FROM_APPLICANT, body=script
    )
    for url in (_url("case", application), reverse("nabolagspotten:cases")):
        content = handler_client.get(url).content.decode()
        assert script not in content
        assert "&lt;script&gt;" in content


def test_the_case_page_has_everything(handler_client, handler, people):
    application = in_review(handler)
    Assessment.objects.create(
        application=application, handler=handler, notes="Godt forankret.", recommendation="innvilge"
    )
    InternalComment.objects.create(application=application, author=handler, body="Sjekk budsjett")
    response = handler_client.get(_url("case", application))
    content = response.content.decode()
    assert application.round.criteria in content
    assert "Godt forankret." in content
    assert "Sjekk budsjett" in content
    assert "Mat og drikke" in content  # a budget line
    assert nb("The area's budget") in content
    assert nb("Timeline") in content


def test_the_case_page_query_count_does_not_grow(
    handler_client, handler, django_assert_max_num_queries
):
    application = in_review(handler)
    with django_assert_max_num_queries(60) as few:
        handler_client.get(_url("case", application))
    for number in range(10):
        workflow.record(application, CaseEvent.Kind.MESSAGE, by=handler, note=f"n{number}")
        InternalComment.objects.create(application=application, author=handler, body="k")
        Message.objects.create(
            application=application, direction=Message.Direction.TO_APPLICANT, body="m"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert handler_client.get(_url("case", application)).status_code == 200


# --- Actions --------------------------------------------------------------------------------


def test_start_in_a_wrong_state_is_refused_clearly(handler_client, handler):
    application = in_review(handler)
    response = handler_client.post(_url("case_start", application))
    assert response.status_code == 400
    assert nb(
        "Only a submitted or resubmitted application, or one the applicant has answered, "
        "can be taken into review."
    ) in (response.content.decode())


def test_assessment_is_saved_and_editable(handler_client, handler):
    application = in_review(handler)
    url = _url("case_assess", application)
    assert handler_client.get(url).status_code == 200
    data = {"notes": "Treffer kriteriene.", "recommendation": "delvis", "suggested_amount": 9000}
    assert handler_client.post(url, data).status_code == 302
    data["notes"] = "Treffer kriteriene godt."
    assert handler_client.post(url, data).status_code == 302
    assessment = Assessment.objects.get(application=application, handler=handler)
    assert assessment.notes == "Treffer kriteriene godt."
    assert assessment.suggested_amount == 9000


@pytest.mark.parametrize(
    "data",
    [
        {"notes": "x" * 100_000, "recommendation": "innvilge"},
        {"notes": "nul\x00byte", "recommendation": "innvilge"},
        {"notes": "Greit", "recommendation": "innvilge", "suggested_amount": -5},
        {"notes": "Greit", "recommendation": "hva"},
    ],
)
def test_bad_assessment_input_gets_a_message(handler_client, handler, data):
    application = in_review(handler)
    response = handler_client.post(_url("case_assess", application), data)
    assert response.status_code == 400
    assert "ds-error-summary" in response.content.decode()
    assert not Assessment.objects.filter(application=application).exists()


def test_a_comment_is_internal(handler_client, handler):
    application = in_review(handler)
    response = handler_client.post(_url("case_comment", application), {"body": "Ring dem"})
    assert response.status_code == 302
    assert InternalComment.objects.get(application=application).body == "Ring dem"
    response = handler_client.post(_url("case_comment", application), {"body": "x" * 100_000})
    assert response.status_code == 400
    assert "10" in response.content.decode()


def test_the_info_request_loop(handler_client, handler, django_capture_on_commit_callbacks):
    application = in_review(handler)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = handler_client.post(
            _url("case_request_info", application), {"message": "Hvem leier teltet?"}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.INFO_REQUESTED
    assert Message.objects.get(application=application).body == "Hvem leier teltet?"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.email]
    assert "Hvem leier teltet?" in mail.outbox[0].body
    assert "/nabolagspotten/" in mail.outbox[0].body
    assert application.access_links.count() == 1

    # Asking again now is refused: the applicant has the case.
    response = handler_client.post(_url("case_request_info", application), {"message": "Mer?"})
    assert response.status_code == 400
    assert (
        nb("You can ask for more information only while the application is under review.")
        in response.content.decode()
    )

    # The applicant edits and sends it again (their own pages; simulated here).
    application = workflow.lock(application)
    workflow.move(application, S.RESUBMITTED)
    assert handler_client.post(_url("case_start", application)).status_code == 302
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


def test_the_decision_page_refuses_more_than_is_left(handler_client, handler):
    round_ = a_round(budget=100_000)
    committed(round_, 88_000, handler)
    application = in_review(handler, round=round_, amount_requested=15_000)
    url = _url("case_decide", application)
    response = handler_client.get(url)
    assert response.status_code == 200
    assert kroner(12_000) in response.content.decode()
    data = {
        "outcome": "innvilget",
        "amount": 15_000,
        "reasons": "Godt tiltak.",
        "confirm_low_budget": "on",
    }
    response = handler_client.post(url, data)
    assert response.status_code == 400
    message = nb(
        "There is only %(remaining)s left in %(area)s in this round.",
        remaining=kroner(12_000),
        area="Lademoen",
    )
    content = response.content.decode()
    assert content.count(message) >= 2  # on the field and in the error summary
    assert not Decision.objects.filter(application=application).exists()


def test_the_decision_page_asks_to_confirm_a_low_budget(handler_client, handler, settings):
    settings.NABOLAGSPOTTEN_LOW_BUDGET_SHARE = 0.1
    round_ = a_round(budget=100_000)
    committed(round_, 80_000, handler)
    application = in_review(handler, round=round_, amount_requested=15_000)
    url = _url("case_decide", application)
    assert "ds-alert" in handler_client.get(url).content.decode()
    data = {"outcome": "innvilget", "amount": 15_000, "reasons": "Godt tiltak."}
    response = handler_client.post(url, data)
    assert response.status_code == 400
    assert 'name="confirm_low_budget"' in response.content.decode()
    response = handler_client.post(url, {**data, "confirm_low_budget": "on"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.GRANTED and application.amount_granted == 15_000


@pytest.mark.parametrize(
    "data",
    [
        {"outcome": "innvilget", "amount": -1, "reasons": "Ok"},
        {"outcome": "innvilget", "amount": "", "reasons": "Ok"},
        {"outcome": "innvilget", "amount": 1000, "reasons": ""},
        {"outcome": "innvilget", "amount": 1000, "reasons": "x" * 100_000},
        {"outcome": "tull", "amount": 1000, "reasons": "Ok"},
        {"outcome": "innvilget", "amount": "mye", "reasons": "Ok\x00"},
    ],
)
def test_bad_decision_input_is_a_400_with_a_message(handler_client, handler, data):
    application = in_review(handler)
    response = handler_client.post(_url("case_decide", application), data)
    assert response.status_code == 400
    assert "ds-error-summary" in response.content.decode()


def test_deciding_in_a_wrong_state(handler_client, handler):
    application = ApplicationFactory()
    declare(application, handler)
    response = handler_client.get(_url("case_decide", application))
    assert nb("A decision can only be made while the application is under review.") in (
        response.content.decode()
    )
    response = handler_client.post(
        _url("case_decide", application),
        {"outcome": "avslatt", "amount": 0, "reasons": "Nei"},
    )
    assert response.status_code == 400
    assert nb("A decision can only be made while the application is under review.") in (
        response.content.decode()
    )


def test_attachments_download_for_handlers_only_from_their_case(
    handler_client, handler, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    application = ApplicationFactory()
    other = ApplicationFactory()
    attachment = Attachment(
        application=application,
        token="tok-123",
        original_name="budsjett.pdf",
        content_type="application/pdf",
        size=8,
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4"), save=True)
    response = handler_client.get(_url("case_attachment", application, "tok-123"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4"
    assert "attachment" in response["Content-Disposition"]
    assert "budsjett.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert PersonalDataAccess.objects.filter(
        application=application, what=PersonalDataAccess.What.ATTACHMENT
    ).exists()
    assert handler_client.get(_url("case_attachment", other, "tok-123")).status_code == 404


def test_revoking_the_applicants_links(handler_client, handler):
    from nabolagspotten import access

    application = ApplicationFactory()
    access.issue_link(application)
    access.issue_link(application)
    response = handler_client.post(_url("case_revoke_links", application))
    assert response.status_code == 302
    assert not application.access_links.filter(revoked_at__isnull=True).exists()


# --- Appeals ------------------------------------------------------------------------------


def _refused(handler):
    application = in_review(handler)
    from nabolagspotten.services import decisions

    decisions.decision_make(
        application=application, by=handler, outcome="avslatt", amount=0, reasons="Drift."
    )
    return application


def test_staff_register_an_appeal_by_post_and_handle_it(handler_client, handler):
    application = _refused(handler)
    response = handler_client.post(
        _url("case_appeal_register", application), {"grounds": "Brev: vi er uenige."}
    )
    assert response.status_code == 302
    appeal = application.appeals.get()
    assert appeal.grounds == "Brev: vi er uenige."

    response = handler_client.get(reverse("nabolagspotten:appeals"))
    assert application.reference in response.content.decode()
    response = handler_client.get(reverse("nabolagspotten:appeals"), {"status": "mottatt"})
    assert application.reference in response.content.decode()

    url = _url("case_appeal", application, appeal.pk)
    assert handler_client.get(url).status_code == 200
    response = handler_client.post(url, {"action": "forward", "text": ""})
    assert response.status_code == 400
    response = handler_client.post(url, {"action": "forward", "text": "Vedtaket står."})
    assert response.status_code == 302
    response = handler_client.post(url, {"action": "uphold", "text": ""})
    assert response.status_code == 400  # no longer a choice once forwarded
    response = handler_client.post(url, {"action": "decided", "text": "Statsforvalteren: avslått."})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == "avgjort"


def test_upholding_an_appeal_sends_the_case_back(handler_client, handler):
    application = _refused(handler)
    handler_client.post(_url("case_appeal_register", application), {"grounds": "Uenig."})
    appeal = application.appeals.get()
    response = handler_client.post(
        _url("case_appeal", application, appeal.pk), {"action": "uphold"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


def test_an_appeal_without_a_decision_and_other_cases_appeal(handler_client, handler):
    application = ApplicationFactory()
    response = handler_client.post(_url("case_appeal_register", application), {"grounds": "Uenig."})
    assert response.status_code == 400
    decided = _refused(handler)
    handler_client.post(_url("case_appeal_register", decided), {"grounds": "Uenig."})
    appeal = decided.appeals.get()
    assert handler_client.get(_url("case_appeal", application, appeal.pk)).status_code == 404


def test_an_undeclared_handler_may_read_but_not_handle_an_appeal(client, people):
    handler = people["case_handler"]
    application = _refused(handler)
    client.force_login(handler)
    client.post(_url("case_appeal_register", application), {"grounds": "Uenig."})
    appeal = application.appeals.get()
    client.force_login(people["programme_leader"])
    url = _url("case_appeal", application, appeal.pk)
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "uphold"}).status_code == 403


# --- The overview ---------------------------------------------------------------------------


def test_staff_home_shows_open_rounds_with_their_ledger(client, people):
    round_ = a_round(budget=150_000, name="Vårrunden")
    ApplicationFactory(round=round_, area=lademoen())
    client.force_login(people["board_member"])
    response = client.get(reverse("nabolagspotten:staff_home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Vårrunden" in content
    assert kroner(150_000) in content
    assert reverse("nabolagspotten:cases") not in content  # no personal data for the board
    client.force_login(people["case_handler"])
    content = client.get(reverse("nabolagspotten:staff_home")).content.decode()
    assert reverse("nabolagspotten:cases") in content
    assert nb("Waiting for you") in content


def test_the_appeal_list_query_count_does_not_grow(
    handler_client, handler, django_assert_max_num_queries
):
    from nabolagspotten.services import decisions

    def appeal():
        decisions.appeal_receive(application=_refused(handler), grounds="Uenig.")

    appeal()
    with django_assert_max_num_queries(20) as few:
        handler_client.get(reverse("nabolagspotten:appeals"))
    for _ in range(5):
        appeal()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = handler_client.get(reverse("nabolagspotten:appeals"))
    assert response.content.decode().count("/klage/") >= 6
