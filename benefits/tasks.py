"""The benefits register's Celery tasks: thin wrappers around a service, scheduled by a row
of django-celery-beat that a data migration creates (0003_overdue_measurement_reminders)."""

from celery import shared_task


@shared_task
def send_overdue_reminders() -> int:
    """E-mail the owners of overdue measurements, once per indicator and period."""
    from benefits.services.reminders import reminders_send_overdue

    return reminders_send_overdue()
