"""Permissions for Nabolagspotten's case handling and decisions. Every staff member sees the
overview; only case handlers (and the programme leader) see cases, and on a case only a
handler who has declared impartiality may act. The applicant's decision pages need a
browser session that came in by a personal link, which nobody here has: 404 for everyone
(tests/nabolagspotten/test_decisions_applicant.py covers them with a link)."""

from django.core.files.base import ContentFile

from nabolagspotten.models import Appeal, Decision, ImpartialityDeclaration
from tests.nabolagspotten.factories import ApplicationFactory
from tests.permission_table.base import LOGIN, NOT_FOUND

HANDLERS = {"anonymous": LOGIN, "case_handler": 200, "programme_leader": 200, "default": 403}
HANDLERS_POST = {**HANDLERS, "case_handler": 302, "programme_leader": 302}
NOBODY = {"default": NOT_FOUND}


def _application(people) -> dict:
    return {"reference": ApplicationFactory().reference}


def _declared_application(people):
    application = ApplicationFactory()
    for name in ("case_handler", "programme_leader"):
        ImpartialityDeclaration.objects.create(
            application=application, handler=people[name], impartial=True
        )
    return application


def _declared(people) -> dict:
    return {"reference": _declared_application(people).reference}


def _decided_application(people):
    application = _declared_application(people)
    application.status = "avslatt"
    application.amount_granted = 0
    application.save()
    decision = Decision.objects.create(
        application=application,
        outcome="avslatt",
        reasons="Tiltaket er ordinær drift.",
        decided_by=people["case_handler"],
    )
    return application, decision


def _decided(people) -> dict:
    return {"reference": _decided_application(people)[0].reference}


def _letter_stored(people) -> dict:
    application, decision = _decided_application(people)
    # The letter as the background task stores it (its making is tested in
    # tests/nabolagspotten/test_decisions_letters.py).
    decision.letter_pdf.save("vedtaksbrev.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {"reference": application.reference}


def _appeal(people) -> dict:
    application, decision = _decided_application(people)
    appeal = Appeal.objects.create(application=application, decision=decision, grounds="Uenig.")
    return {"reference": application.reference, "pk": appeal.pk}


def _attachment(people) -> dict:
    return {**_application(people), "token": "ikke-et-vedlegg"}


TABLE = {
    "nabolagspotten:staff_home": (
        {},
        "get",
        None,
        {"anonymous": LOGIN, "outsider": 403, "default": 200},
    ),
    "nabolagspotten:cases": ({}, "get", None, HANDLERS),
    "nabolagspotten:appeals": ({}, "get", None, HANDLERS),
    "nabolagspotten:case": (_application, "get", None, HANDLERS),
    "nabolagspotten:case_impartiality": (_application, "post", {"impartial": "ja"}, HANDLERS_POST),
    "nabolagspotten:case_start": (_declared, "post", {}, HANDLERS_POST),
    "nabolagspotten:case_assess": (_declared, "get", None, HANDLERS),
    "nabolagspotten:case_comment": (_declared, "post", {"body": "Ser bra ut."}, HANDLERS_POST),
    "nabolagspotten:case_request_info": (_declared, "get", None, HANDLERS),
    "nabolagspotten:case_decide": (_declared, "get", None, HANDLERS),
    "nabolagspotten:case_letter": (_letter_stored, "get", None, HANDLERS),
    "nabolagspotten:case_appeal_register": (
        _decided,
        "post",
        {"grounds": "Klage mottatt per brev."},
        HANDLERS_POST,
    ),
    "nabolagspotten:case_appeal": (_appeal, "get", None, HANDLERS),
    # No such attachment: 404 for handlers, who may otherwise download.
    "nabolagspotten:case_attachment": (
        _attachment,
        "get",
        None,
        {**HANDLERS, "case_handler": NOT_FOUND, "programme_leader": NOT_FOUND},
    ),
    "nabolagspotten:case_revoke_links": (_application, "post", {}, HANDLERS_POST),
    "nabolagspotten:applicant_letter": (_decided, "get", None, NOBODY),
    "nabolagspotten:applicant_respond": (_decided, "post", {"answer": "accept"}, NOBODY),
    "nabolagspotten:applicant_appeal": (_decided, "get", None, NOBODY),
}
