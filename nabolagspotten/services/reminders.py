"""Reminders of the final report (sluttrapport), sent by the daily Celery beat task
`nabolagspotten.tasks.send_report_reminders` (`reminders_send_due`).

For every case that is paid out (utbetalt) and has no final report yet, with the report
due on `ends_on + round.report_within_days`:

- one e-mail `NABOLAGSPOTTEN_REMIND_DAYS_BEFORE` days before the due date (or on a later
  day up to the due date, if the job did not run that day), and
- one e-mail `NABOLAGSPOTTEN_REMIND_DAYS_AFTER` days after it, if the report is still
  missing.

Each carries a fresh personal link. A `CaseEvent` REMINDER with the note "before" or
"after" marks a reminder as sent, so none is ever sent twice.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from nabolagspotten import access
from nabolagspotten.models import Application, CaseEvent
from nabolagspotten.services.followup import report_due_on
from nabolagspotten.services.mail import mail_applicant

BEFORE = "before"
AFTER = "after"


def _which(application: Application, today) -> str | None:
    due = report_due_on(application)
    if due is None:
        return None
    sent = {event.note for event in application.reminders}
    if today >= due + timedelta(days=settings.NABOLAGSPOTTEN_REMIND_DAYS_AFTER):
        return AFTER if AFTER not in sent else None
    if due - timedelta(days=settings.NABOLAGSPOTTEN_REMIND_DAYS_BEFORE) <= today <= due:
        return BEFORE if BEFORE not in sent else None
    return None


@transaction.atomic
def _remind(application: Application, which: str) -> bool:
    Application.objects.select_for_update().filter(pk=application.pk).first()
    if application.events.filter(kind=CaseEvent.Kind.REMINDER, note=which).exists():
        return False  # another run sent it meanwhile
    token = access.issue_link(application)
    due = report_due_on(application)
    mail_applicant(
        application,
        f"reminder_{which}",
        due_on=date_format(due, "j. F Y"),
        link=access.link_url(token),
    )
    CaseEvent.objects.create(
        application=application,
        kind=CaseEvent.Kind.REMINDER,
        note=which,
        visible_to_applicant=False,
    )
    return True


def reminders_send_due(*, today=None) -> int:
    """Send the reminders due today; returns how many were sent."""
    today = today or timezone.localdate()
    candidates = (
        Application.objects.filter(
            status=Application.Status.PAID,
            final_report__isnull=True,
            anonymised_at__isnull=True,
            ends_on__isnull=False,
        )
        .exclude(email="")
        .select_related("round")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=CaseEvent.objects.filter(kind=CaseEvent.Kind.REMINDER),
                to_attr="reminders",
            )
        )
    )
    sent = 0
    for application in candidates:
        which = _which(application, today)
        if which and _remind(application, which):
            sent += 1
    return sent
