"""The decision letter: a PDF rendered with WeasyPrint (core.pdf) from
`templates/nabolagspotten/letters/decision.html`, e-mailed to the applicant with a fresh
personal link by the Celery task `tasks.send_decision_letter` (`letter_send`), through
`mail_applicant` like every e-mail to an applicant.

The letter is rendered once, in that task, and stored (`Decision.letter_pdf`); the
downloads serve the stored file and never render it. On a server without WeasyPrint's
libraries the e-mail still goes out, without the attachment and saying so, and
`manage.py render_missing_pdfs` makes the file later.

The appeal deadline is counted from the day the letter is sent, which for an e-mail is the
day it is received (services/deadlines.py), so it is set when the letter goes out and the
letter states it as a date.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.files import store_once
from core.pdf import PdfUnavailable, render_pdf
from nabolagspotten import access
from nabolagspotten.models import Application, CaseEvent, Decision
from nabolagspotten.services import workflow
from nabolagspotten.services.deadlines import appeal_deadline
from nabolagspotten.services.mail import can_mail_applicant, mail_applicant

logger = logging.getLogger(__name__)


def letter_context(decision: Decision) -> dict:
    application = decision.application
    return {
        "decision": decision,
        "application": application,
        "round": application.round,
        "granted": decision.outcome != Decision.Outcome.REFUSED,
        "letter_date": timezone.localtime(decision.letter_sent_at).date()
        if decision.letter_sent_at
        else timezone.localdate(),
        "contact": settings.PROGRAMME_CONTACT_EMAIL,
        "site_url": settings.SITE_URL,
        "appeal_body": settings.NABOLAGSPOTTEN_APPEAL_BODY,
        "handler": decision.decided_by.full_name or decision.decided_by.email,
    }


def render_letter_html(decision: Decision) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string("nabolagspotten/letters/decision.html", letter_context(decision))


def render_letter_pdf(decision: Decision) -> bytes:
    """The letter as PDF bytes; raises core.pdf.PdfUnavailable without WeasyPrint's libraries."""
    return render_pdf(render_letter_html(decision))


def letter_filename(decision: Decision) -> str:
    return f"vedtaksbrev-{decision.application.reference}.pdf"


def letter_pdf_render(*, decision_id: int) -> Decision | None:
    """Render the decision's letter and store it, unless it is stored already (the letter
    of a decision does not change once sent). Raises core.pdf.PdfUnavailable on a server
    without WeasyPrint's libraries. Nothing is made for a case whose personal data is gone."""
    decision = (
        Decision.objects.select_related(
            "application", "application__round", "application__area", "decided_by"
        )
        .filter(pk=decision_id, application__anonymised_at__isnull=True)
        .first()
    )
    if decision is None or decision.letter_pdf:
        return decision
    return store_once(
        decision,
        "letter_pdf",
        filename=letter_filename(decision),
        content=render_letter_pdf(decision),
    )


def letter_pdfs_missing():
    """Sent letters of current decisions whose PDF is not stored yet (for
    `manage.py render_missing_pdfs`); none for a case whose personal data is gone."""
    return Decision.objects.filter(
        letter_pdf="",
        letter_sent_at__isnull=False,
        superseded_at__isnull=True,
        application__anonymised_at__isnull=True,
    ).order_by("pk")


def letter_send(*, decision_id: int) -> None:
    """Set the date the letter goes out and the appeal deadline it starts, record it on the
    timeline, render and store the PDF, and e-mail it with a fresh personal link. A
    superseded decision, or a case whose personal data is gone, gets no letter. Without
    WeasyPrint's libraries the e-mail goes out without the attachment and says so."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("application", "application__round", "application__area")
            .filter(pk=decision_id)
            .first()
        )
        if decision is None or decision.superseded_at is not None:
            return
        application: Application = decision.application
        if not can_mail_applicant(application):
            return
        now = timezone.now()
        decision.letter_sent_at = now
        decision.appeal_deadline = appeal_deadline(timezone.localtime(now).date())
        decision._history_user = None
        decision.save()
        workflow.record(application, CaseEvent.Kind.LETTER_SENT)
        link = access.link_url(access.issue_link(application))
    attachments = []
    try:
        stored = letter_pdf_render(decision_id=decision.pk)
    except PdfUnavailable:
        stored = None
        logger.warning(
            "Decision %s: letter e-mailed without the PDF, WeasyPrint's libraries are missing.",
            decision.pk,
        )
    if stored is not None and stored.letter_pdf:
        with stored.letter_pdf.open("rb") as handle:
            attachments.append((letter_filename(decision), handle.read(), "application/pdf"))
    mail_applicant(
        application,
        "decision",
        attachments=attachments,
        send_now=True,
        application=application,
        decision=decision,
        link=link,
        letter_attached=bool(attachments),
    )
