"""Every e-mail to an applicant goes through `mail_applicant`, which never writes to an
address that is gone: an anonymised application, or one without an e-mail address, gets
nothing. Every e-mail to the case handlers about a case goes through `mail_handlers`.

    mail_applicant(application, "payment", amount=..., paid_on=...)

`kind` names the templates `nabolagspotten/email/<kind>_subject.txt` and
`<kind>_body.txt`; every message has the case number, the title and the contact person in
its context. It is queued to be sent once the transaction commits (core.mail.queue_email),
so the context must be JSON-able. The decision letter is the exception: it carries its PDF
and is sent at once by the Celery task that made it (`attachments`, or `send_now` when the
PDF could not be made; services/letters.py).
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from accounts.roles import Role
from core.mail import queue_email, send_email_now
from nabolagspotten.models import Application, ImpartialityDeclaration

KINDS = [
    "link",  # the personal link(s), on starting an application and on request
    "submitted",  # the receipt for a sent (or resent) application
    "info_requested",  # the handler asks for more information
    "decision",  # the decision letter, with its PDF
    "appeal",  # each step of an appeal
    "payment",  # a payment of the grant
    "report",  # the receipt for the final report
    "repayment",  # a repayment received
    "reminder_before",  # the final report is due soon
    "reminder_after",  # the final report is overdue
    "email_confirm",  # to a new address: confirm it (it takes effect only then)
    "email_change_notice",  # to the old address: a new one was asked for
]


def can_mail_applicant(application: Application) -> bool:
    """False once the personal data is removed (or if there is no address)."""
    return application.anonymised_at is None and bool(application.email)


def mail_applicant(
    application: Application,
    kind: str,
    /,
    *,
    attachments=(),
    send_now: bool = False,
    to: str = "",
    **context,
) -> bool:
    """Send the applicant the e-mail of this `kind`; returns whether it went out. Nothing
    is sent to an anonymised application. `to` is only for the e-mails about changing the
    address (the new address, not yet confirmed, and the old one)."""
    if kind not in KINDS:
        raise ValueError(f"No applicant e-mail of the kind {kind!r}")
    if not can_mail_applicant(application):
        return False
    message = {
        "to": [to or application.email],
        "subject_template": f"nabolagspotten/email/{kind}_subject.txt",
        "body_template": f"nabolagspotten/email/{kind}_body.txt",
        "context": {
            "reference": application.reference,
            "title": application.title,
            "contact_name": application.contact_name,
            **context,
        },
    }
    if attachments or send_now:
        send_email_now(**message, attachments=attachments)
    else:
        queue_email(**message)
    return True


HANDLER_KINDS = [
    "answer_received",  # the applicant answered a request for more information
]


def handlers_of(application: Application) -> list[str]:
    """Whom a case concerns on the staff: the active handlers who have declared that they
    are impartial in it, or, before anyone has, every active case handler."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    declared = ImpartialityDeclaration.objects.filter(application=application, impartial=True)
    impartial = users.filter(pk__in=declared.values("handler"))
    chosen = impartial if impartial.exists() else users.filter(groups__name=Role.CASE_HANDLER)
    return sorted(set(chosen.values_list("email", flat=True)))


def mail_handlers(application: Application, kind: str, /, **context) -> list[str]:
    """Tell the case's handlers (`handlers_of`) that something waits for them. The message
    names the case by its number and links to it, and carries nothing else about the
    applicant: staff read the rest on the case page, where reading it is logged."""
    if kind not in HANDLER_KINDS:
        raise ValueError(f"No handler e-mail of the kind {kind!r}")
    to = handlers_of(application)
    if not to:
        return []
    queue_email(
        to=to,
        subject_template=f"nabolagspotten/email/{kind}_subject.txt",
        body_template=f"nabolagspotten/email/{kind}_body.txt",
        context={
            "reference": application.reference,
            "url": settings.SITE_URL + application.get_absolute_url(),
            **context,
        },
    )
    return to
