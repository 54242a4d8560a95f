"""The risk registers' background work (Celery): thin wrappers around services."""

import logging

from celery import shared_task

from core.pdf import PdfUnavailable

logger = logging.getLogger(__name__)


@shared_task
def send_reminders() -> int:
    """The daily job: early warnings and overdue reviews, each mailed once."""
    from risk.services.reminders import reminders_send_due

    return reminders_send_due()


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True)
def render_register_pdf(self, pdf_id: int) -> None:
    """Make and store a register's PDF (heat map and table)."""
    from risk.services.pdfs import register_pdf_render

    try:
        register_pdf_render(pdf_id=pdf_id)
    except PdfUnavailable:
        logger.warning(
            "No PDF for risk register PDF %s: WeasyPrint's libraries are missing.", pdf_id
        )


@shared_task
def build_register_export(**export) -> str:
    """Build a large register export (the roll-up) and store it for the user who asked:
    the keyword arguments `core.exports.export_answer` queued (the export's id, the user,
    the format, the file name, the language, the register and whether it is rolled up)."""
    from risk.services.exports import register_export_build

    return register_export_build(**export)
