"""Nabolagspotten's Celery tasks. Each is a thin wrapper around a service function, so the
work is tested without a broker; the schedules (Celery beat) are rows of
django-celery-beat, created by a data migration."""

from celery import shared_task


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_decision_letter(self, decision_id: int) -> None:
    """Render the decision letter as PDF once, store it and e-mail it to the applicant."""
    from nabolagspotten.services.letters import letter_send

    letter_send(decision_id=decision_id)


@shared_task
def send_report_reminders() -> int:
    """Remind grantees of final reports due soon or overdue; returns how many were sent."""
    from nabolagspotten.services.reminders import reminders_send_due

    return reminders_send_due()


@shared_task
def anonymise_closed_cases() -> int:
    """Remove personal data from cases closed longer ago than the configured period."""
    from nabolagspotten.services.privacy import applications_anonymise_due

    return applications_anonymise_due()


@shared_task
def build_payments_export(**export) -> str:
    """Build a large payments export and store it for the user who asked: the keyword arguments
    `core.exports.export_answer` queued (the export's id, the user, the format, the file
    name, the language and what the app needs to find the rows again)."""
    from nabolagspotten.services.exports import payments_export_build

    return payments_export_build(**export)
