"""Removing personal data (anonymisation), run daily by the Celery beat task
`nabolagspotten.tasks.anonymise_closed_cases` (`applications_anonymise_due`).

A case closed (avsluttet) or withdrawn (trukket) more than
`NABOLAGSPOTTEN_ANONYMISE_AFTER_DAYS` days ago, and a draft untouched for as long, loses:

- the contact person, e-mail address (and a new one not yet confirmed) and phone number;
- the group's name, for an informal group (it may name people); an organisation's name
  and organisation number are kept, as they are not personal data;
- the request for exemption from public access;
- every attachment (files and rows), the stored decision letters (PDF files) and the text
  of the applicant's messages;
- every personal link (revoked);

and the same fields are blanked in the application's history rows. What the statistics
count (amounts, participants, areas, first-time flag) is kept, so the figures do not move.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nabolagspotten import access
from nabolagspotten.models import Application, CaseEvent, Message
from nabolagspotten.services import workflow

S = Application.Status


def _stored_text(message: str) -> str:
    """Text stored in the data is Norwegian, whatever language the job runs in."""
    with translation.override("nb"):
        return _(message)


@transaction.atomic
def application_anonymise(*, application: Application, by=None) -> Application:
    """Remove the personal data of one application (see the module's description)."""
    application = workflow.lock(application)
    if application.anonymised_at is not None:
        return application
    blank = {
        "contact_name": "",
        "email": "",
        "pending_email": "",
        "phone": "",
        "exemption_request": "",
    }
    if application.applicant_kind == Application.ApplicantKind.GROUP:
        blank["applicant_name"] = _stored_text(gettext_noop("Anonymised group"))
    for name, value in blank.items():
        setattr(application, name, value)
    application.anonymised_at = timezone.now()
    application._history_user = by
    application.save()

    # The history table is not itself audited, and its old rows still hold the personal
    # data: blanking them in one statement is exactly what is needed here (the rule
    # against `.update()` protects audited models, which this is not).
    Application.history.filter(id=application.pk).update(**blank)

    for decision in application.decisions.exclude(letter_pdf=""):
        decision.letter_pdf.delete(save=False)  # the letter names the applicant
        decision.letter_pdf = ""
        decision._history_user = by
        decision.save(update_fields=["letter_pdf"])
    for attachment in application.attachments.all():
        attachment.file.delete(save=False)
        attachment.delete()
    removed = _stored_text(gettext_noop("[removed]"))
    for message in application.messages.filter(direction=Message.Direction.FROM_APPLICANT):
        message.body = removed
        message.save(update_fields=["body"])
    access.revoke_links(application)
    workflow.record(application, CaseEvent.Kind.ANONYMISED, by=by, visible_to_applicant=False)
    return application


def _cutoff(today=None) -> datetime:
    days = timedelta(days=settings.NABOLAGSPOTTEN_ANONYMISE_AFTER_DAYS)
    if today is None:
        return timezone.now() - days
    return timezone.make_aware(datetime.combine(today, time.min)) - days


def due_for_anonymisation(today=None):
    """Closed or withdrawn cases closed before the cutoff, and drafts untouched since it."""
    cutoff = _cutoff(today)
    applications = Application.objects.filter(anonymised_at__isnull=True)
    closed = applications.filter(status__in=[S.CLOSED, S.WITHDRAWN], closed_at__lt=cutoff)
    drafts = applications.filter(status=S.DRAFT, updated_at__lt=cutoff)
    return (closed | drafts).order_by("pk")


def applications_anonymise_due(*, today=None) -> int:
    """Anonymise every case that is due; returns how many."""
    count = 0
    for application in due_for_anonymisation(today):
        application_anonymise(application=application)
        count += 1
    return count
