"""Permissions for Nabolagspotten's public pages and the applicant's pages. The public
pages are open to everyone. The applicant's pages need a browser session that came in by
a personal link to that application; nobody here has one, so everyone (staff too) gets
404. tests/nabolagspotten/test_public_*.py covers the pages with a link."""

from tests.nabolagspotten.factories import ApplicationFactory
from tests.permission_table.base import NOT_FOUND

OPEN = {"default": 200}
NOBODY = {"default": NOT_FOUND}


def _application(people) -> dict:
    return {"reference": ApplicationFactory().reference}


def _draft(people) -> dict:
    return {"reference": ApplicationFactory(status="utkast", submitted_at=None).reference}


def _step(people) -> dict:
    return {**_draft(people), "step": 2}


def _attachment(people) -> dict:
    return {**_application(people), "token": "ikke-et-vedlegg"}


TABLE = {
    "nabolagspotten:public_home": ({}, "get", None, OPEN),
    "nabolagspotten:eligibility": ({}, "get", None, OPEN),
    "nabolagspotten:apply_start": ({}, "get", None, OPEN),
    "nabolagspotten:request_link": ({}, "get", None, OPEN),
    "nabolagspotten:grants": ({}, "get", None, OPEN),
    "nabolagspotten:privacy_notice": ({}, "get", None, OPEN),
    # The link page (the token rides in the fragment, which the server never sees), and the
    # page that confirms a new e-mail address the same way.
    "nabolagspotten:open_link": ({}, "get", None, OPEN),
    "nabolagspotten:confirm_email": ({}, "get", None, OPEN),
    "nabolagspotten:applicant_page": (_application, "get", None, NOBODY),
    "nabolagspotten:apply_step": (_step, "get", None, NOBODY),
    "nabolagspotten:applicant_submit": (_draft, "post", {}, NOBODY),
    "nabolagspotten:applicant_withdraw": (_application, "get", None, NOBODY),
    "nabolagspotten:applicant_message": (_application, "post", {"body": "Hei"}, NOBODY),
    "nabolagspotten:applicant_leave": (_application, "post", {}, NOBODY),
    "nabolagspotten:applicant_attachment": (_attachment, "get", None, NOBODY),
    "nabolagspotten:applicant_attachment_delete": (_attachment, "post", {}, NOBODY),
}
