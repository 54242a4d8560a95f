"""The decision letter: a PDF rendered with WeasyPrint from
`templates/nabolagspotten/letters/decision.html`, e-mailed to the applicant with a fresh
personal link by the Celery task `tasks.send_decision_letter` (`letter_send`), through
`mail_applicant` like every e-mail to an applicant.

The appeal deadline is counted from the day the letter is sent, which for an e-mail is the
day it is received (services/deadlines.py), so it is set when the letter goes out and the
letter states it as a date.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from nabolagspotten import access
from nabolagspotten.models import Application, CaseEvent, Decision
from nabolagspotten.services import workflow
from nabolagspotten.services.deadlines import appeal_deadline
from nabolagspotten.services.mail import can_mail_applicant, mail_applicant


def _no_fetching(url, *args, **kwargs):
    """The letter fetches nothing: no images, fonts or style sheets from anywhere."""
    raise ValueError(f"The decision letter does not load {url}")


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
    from weasyprint import HTML  # loads the pango libraries only when a PDF is made

    return HTML(string=render_letter_html(decision), url_fetcher=_no_fetching).write_pdf()


def letter_filename(decision: Decision) -> str:
    return f"vedtaksbrev-{decision.application.reference}.pdf"


def letter_send(*, decision_id: int) -> None:
    """Set the date the letter goes out and the appeal deadline it starts, record it on the
    timeline, and e-mail the PDF with a fresh personal link. A superseded decision, or a
    case whose personal data is gone, gets no letter."""
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
    pdf = render_letter_pdf(decision)
    mail_applicant(
        application,
        "decision",
        attachments=[(letter_filename(decision), pdf, "application/pdf")],
        application=application,
        decision=decision,
        link=link,
    )
