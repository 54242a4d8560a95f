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


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True)
def render_benefit_plan_pdf(self, submission_id: int) -> None:
    """Make and store the PDF of an approved version of a benefit-realisation plan (once)."""
    import logging

    from benefits.services.plans import plan_pdf_render
    from core.pdf import PdfUnavailable

    try:
        plan_pdf_render(submission_id=submission_id)
    except PdfUnavailable:
        # As the action plan's: the download page says what the server lacks, and
        # `manage.py render_missing_pdfs` makes it once the libraries are there.
        logging.getLogger(__name__).warning(
            "No PDF for benefit plan version %s: WeasyPrint's libraries are missing.",
            submission_id,
        )
