"""Payments: registering one (service and page), the list, and the export."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nabolagspotten.models import (
    Application,
    CaseEvent,
    ImpartialityDeclaration,
    Payment,
    PersonalDataAccess,
)
from nabolagspotten.services.followup import payment_register
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.portfolio.helpers import nb

pytestmark = pytest.mark.django_db
S = Application.Status


def _accepted(**kwargs):
    kwargs.setdefault("status", S.ACCEPTED)
    kwargs.setdefault("amount_granted", 10_000)
    return ApplicationFactory(**kwargs)


def _impartial(application, user):
    ImpartialityDeclaration.objects.create(application=application, handler=user, impartial=True)


def _pay(application, by, amount, **kwargs):
    return payment_register(
        application=application,
        by=by,
        amount=amount,
        paid_on=kwargs.get("paid_on", timezone.localdate()),
        reference=kwargs.get("reference", "BILAG-1"),
    )


def test_first_payment_moves_to_paid_and_emails(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    application = _accepted()
    with django_capture_on_commit_callbacks(execute=True):
        payment = _pay(application, people["case_handler"], 6_000)
    application.refresh_from_db()
    assert application.status == S.PAID
    assert payment.registered_by == people["case_handler"]
    assert application.events.filter(kind=CaseEvent.Kind.PAYMENT).count() == 1
    assert application.events.filter(kind=CaseEvent.Kind.STATUS, to_status=S.PAID).exists()
    [mail] = mailoutbox
    assert mail.to == [application.email]
    assert application.reference in mail.subject
    assert "6\u00a0000\u00a0kr" in mail.body


def test_a_further_instalment_up_to_the_grant(people):
    application = _accepted()
    _pay(application, people["case_handler"], 6_000)
    application.refresh_from_db()
    _pay(application, people["case_handler"], 4_000)
    assert sum(p.amount for p in application.payments.all()) == 10_000
    with pytest.raises(ValidationError) as error:
        _pay(application, people["case_handler"], 1)
    assert "amount" in error.value.message_dict


def test_more_than_granted_is_refused_with_the_amount_left(people):
    application = _accepted()
    with pytest.raises(ValidationError) as error:
        _pay(application, people["case_handler"], 10_001)
    [message] = error.value.message_dict["amount"]
    assert "10\u00a0000\u00a0kr" in message
    assert not Payment.objects.exists()


@pytest.mark.parametrize("status", [S.SUBMITTED, S.GRANTED, S.REFUSED, S.REPORTED])
def test_no_payment_before_acceptance_or_after_the_report(people, status):
    application = _accepted(status=status)
    with pytest.raises(ValidationError):
        _pay(application, people["case_handler"], 100)
    assert not Payment.objects.exists()


def test_payment_in_the_future_is_refused(people):
    with pytest.raises(ValidationError) as error:
        _pay(
            _accepted(),
            people["case_handler"],
            100,
            paid_on=timezone.localdate() + timedelta(days=1),
        )
    assert "paid_on" in error.value.message_dict


def test_payment_page_registers_a_payment(client_for, people):
    application = _accepted()
    _impartial(application, people["case_handler"])
    url = reverse("nabolagspotten:case_payment", args=[application.reference])
    client = client_for("case_handler")
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["amount"].initial == 10_000
    response = client.post(
        url, {"amount": "10 000", "paid_on": timezone.localdate().isoformat(), "reference": "B-7"}
    )
    assert response.status_code == 302
    assert Payment.objects.get().reference == "B-7"


def test_payment_page_over_the_grant_shows_the_error(client_for, people):
    application = _accepted()
    _impartial(application, people["case_handler"])
    url = reverse("nabolagspotten:case_payment", args=[application.reference])
    response = client_for("case_handler").post(
        url,
        {
            "amount": "20000",
            "paid_on": timezone.localdate().isoformat(),
            "reference": "<script>x</script>",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["amount"]
    assert nb("To continue, correct the following:") in response.content.decode()
    assert "<script>x</script>" not in response.content.decode()


def test_payment_page_bad_input(client_for, people):
    application = _accepted()
    _impartial(application, people["case_handler"])
    url = reverse("nabolagspotten:case_payment", args=[application.reference])
    response = client_for("case_handler").post(
        url, {"amount": "-5", "paid_on": "2026-13-01", "reference": "a\x00b"}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"amount", "paid_on", "reference"}


def test_payment_page_needs_a_declared_impartial_handler(client_for, people):
    application = _accepted()
    url = reverse("nabolagspotten:case_payment", args=[application.reference])
    assert client_for("case_handler").get(url).status_code == 403
    ImpartialityDeclaration.objects.create(
        application=application, handler=people["case_handler"], impartial=False
    )
    assert client_for("case_handler").get(url).status_code == 403
    assert client_for("board_member").get(url).status_code == 403
    missing = reverse("nabolagspotten:case_payment", args=["NP-2000-99999"])
    assert client_for("case_handler").get(missing).status_code == 404
    draft = ApplicationFactory(status=S.DRAFT)
    _impartial(draft, people["case_handler"])
    url = reverse("nabolagspotten:case_payment", args=[draft.reference])
    assert client_for("case_handler").get(url).status_code == 404


def _paid_cases(people, count, round_=None):
    round_ = round_ or RoundFactory()
    for i in range(count):
        application = _accepted(round=round_, applicant_name=f'=HYPERLINK("x") {i}')
        _pay(application, people["case_handler"], 1_000 + i, reference=f"-REF{i}")
    return round_


def test_payment_list_filters_and_fixed_query_count(
    client_for, people, django_assert_max_num_queries
):
    round_ = _paid_cases(people, 2)
    other = _paid_cases(people, 1)
    client = client_for("case_handler")
    url = reverse("nabolagspotten:payments")
    with django_assert_max_num_queries(20) as small:
        response = client.get(url, {"round": round_.pk})
    limit = len(small.captured_queries)
    assert response.context["page"].paginator.count == 2
    assert client.get(url).context["page"].paginator.count == 3
    _paid_cases(people, 8, round_)
    with django_assert_max_num_queries(limit):
        response = client.get(url, {"round": round_.pk})
    assert response.context["page"].paginator.count == 10
    assert other.name not in "".join(p.application.round.name for p in response.context["page"])
    bad = client.get(url, {"paid_from": "not a date", "round": "999999"})
    assert bad.status_code == 200
    assert bad.context["page"].paginator.count == 11
    assert {"paid_from", "round"} <= set(bad.context["form"].errors)


def test_payment_list_is_for_handlers(client_for):
    url = reverse("nabolagspotten:payments")
    assert client_for("programme_leader").get(url).status_code == 200
    assert client_for("board_member").get(url).status_code == 403


def test_csv_export_is_excel_friendly_and_safe(client_for, people):
    _paid_cases(people, 2)
    response = client_for("case_handler").get(
        reverse("nabolagspotten:payments_export", args=["csv"])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == [
        "Dato",
        "Beløp",
        "Referanse",
        "Saksnummer",
        "Mottaker",
        "Organisasjonsnummer",
        "Område",
        "Runde",
    ]
    assert len(rows) == 3
    assert all(row[4].startswith("'=") for row in rows[1:])  # no formula
    assert all(row[2].startswith("'-REF") for row in rows[1:])
    assert (
        PersonalDataAccess.objects.filter(
            what=PersonalDataAccess.What.EXPORT, application=None, user=people["case_handler"]
        ).count()
        == 1
    )


def test_xlsx_export_stores_text_as_text(client_for, people):
    _paid_cases(people, 1)
    response = client_for("programme_leader").get(
        reverse("nabolagspotten:payments_export", args=["xlsx"])
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Dato" and rows[0][7] == "Runde"
    assert rows[1][1] == 1_000
    # A text that looks like a formula is a string cell, which a spreadsheet never runs
    # (core.exports; the CSV export guards it with an apostrophe instead).
    assert rows[1][4].startswith("=")
    assert sheet.cell(row=2, column=5).data_type == "s"
    assert PersonalDataAccess.objects.filter(what=PersonalDataAccess.What.EXPORT).exists()


def test_unknown_export_format_is_404(client_for):
    url = reverse("nabolagspotten:payments_export", args=["pdf"])
    assert client_for("case_handler").get(url).status_code == 404


def test_payment_page_on_a_case_not_yet_accepted_explains(client_for, people):
    application = _accepted(status=S.GRANTED)
    _impartial(application, people["case_handler"])
    url = reverse("nabolagspotten:case_payment", args=[application.reference])
    client = client_for("case_handler")
    assert (
        nb("A payment can be registered only after the applicant has accepted the grant.")
        in client.get(url).content.decode()
    )
    response = client.post(
        url, {"amount": "100", "paid_on": timezone.localdate().isoformat(), "reference": "B"}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not Payment.objects.exists()
