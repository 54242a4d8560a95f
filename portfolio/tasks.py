"""The portfolio's background work (Celery): tasks take ids and call a service."""

import logging

from celery import shared_task

from core.pdf import PdfUnavailable
from portfolio.services import plans

logger = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True)
def render_plan_pdf(self, submission_id: int) -> None:
    """Make and store the PDF of an approved version of an action plan (once)."""
    try:
        plans.plan_pdf_render(submission_id=submission_id)
    except PdfUnavailable:
        # Retrying does not install Pango; the download page says what the server lacks,
        # and `manage.py render_missing_pdfs` makes it once the libraries are there.
        logger.warning(
            "No PDF for plan version %s: WeasyPrint's libraries are missing.", submission_id
        )


@shared_task
def build_overview_export(**export) -> str:
    """Build a long overview export and store it for the user who asked: the keyword arguments
    `core.exports.export_answer` queued (the export's id, the user, the format, the file
    name, the language and what the app needs to find the rows again)."""
    from portfolio.services.exports import overview_export_build

    return overview_export_build(**export)
