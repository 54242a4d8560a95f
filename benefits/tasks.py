"""The benefits register's Celery tasks: thin wrappers around a service, scheduled by a row
of django-celery-beat that a data migration creates (0003_overdue_measurement_reminders)."""

from celery import shared_task


@shared_task
def send_overdue_reminders() -> int:
    """E-mail the owners of overdue measurements, once per indicator and period."""
    from benefits.services.reminders import reminders_send_overdue

    return reminders_send_overdue()


@shared_task
def build_measurements_export(**export) -> str:
    """Build a large measurements export and store it for the user who asked: the keyword arguments
    `core.exports.export_answer` queued (the export's id, the user, the format, the file
    name, the language and what the app needs to find the rows again)."""
    from benefits.services.exports import measurements_export_build

    return measurements_export_build(**export)
