"""Permissions for Nabolagspotten's rounds, statistics, payments, final reports and
closing. Every staff member reads rounds and statistics; the programme leader sets rounds
up; handlers (and the programme leader) see payments, and act on a case once they have
declared themselves impartial in it. The applicant's final report page needs a session
that came in by the personal link: without one it is 404 for everyone (the with-link case
is tested in tests/nabolagspotten/test_followup_report.py)."""

from django.utils import timezone

from nabolagspotten.models import Application, ImpartialityDeclaration, Payment, Repayment
from tests.nabolagspotten.factories import ApplicationFactory, RoundFactory
from tests.permission_table.base import LOGIN, NOT_FOUND

READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}
LEADER = {"anonymous": LOGIN, "programme_leader": 200, "default": 403}
HANDLERS = {"anonymous": LOGIN, "programme_leader": 200, "case_handler": 200, "default": 403}


def _round(people) -> dict:
    return {"pk": RoundFactory().pk}


def _declared(people, **kwargs):
    """A case both handlers (the case handler and the programme leader) declared
    themselves impartial in."""
    application = ApplicationFactory(**kwargs)
    for name in ("case_handler", "programme_leader"):
        ImpartialityDeclaration.objects.create(
            application=application, handler=people[name], impartial=True
        )
    return application


def _accepted(people) -> dict:
    application = _declared(people, status=Application.Status.ACCEPTED, amount_granted=5_000)
    return {"reference": application.reference}


def _repayment(people) -> dict:
    application = _declared(people, status=Application.Status.REPORTED, amount_granted=5_000)
    Payment.objects.create(
        application=application,
        amount=5_000,
        paid_on=timezone.localdate(),
        reference="B-1",
        registered_by=people["case_handler"],
    )
    repayment = Repayment.objects.create(application=application, amount=1_000)
    return {"reference": application.reference, "pk": repayment.pk}


def _reported(people) -> dict:
    application = _declared(people, status=Application.Status.REPORTED, amount_granted=5_000)
    return {"reference": application.reference}


def _paid(people) -> dict:
    return {"reference": ApplicationFactory(status=Application.Status.PAID).reference}


TABLE = {
    "nabolagspotten:rounds": ({}, "get", None, READ),
    "nabolagspotten:round": (_round, "get", None, READ),
    "nabolagspotten:round_create": ({}, "get", None, LEADER),
    "nabolagspotten:round_edit": (_round, "get", None, LEADER),
    "nabolagspotten:statistics": ({}, "get", None, READ),
    "nabolagspotten:case_payment": (_accepted, "get", None, HANDLERS),
    "nabolagspotten:repayment_settle": (_repayment, "get", None, HANDLERS),
    "nabolagspotten:case_close": (_reported, "get", None, HANDLERS),
    "nabolagspotten:payments": ({}, "get", None, HANDLERS),
    "nabolagspotten:payments_export": ({"fmt": "csv"}, "get", None, HANDLERS),
    # A large export built in the background: only the handler who asked finds it.
    "nabolagspotten:payments_export_file": (
        {"export_id": "0" * 32},
        "get",
        None,
        {**HANDLERS, "programme_leader": NOT_FOUND, "case_handler": NOT_FOUND},
    ),
    "nabolagspotten:applicant_report": (_paid, "get", None, {"default": NOT_FOUND}),
}
