"""The reports' background work (Celery): the build of one report, by its id.

- `acks_late` and `reject_on_worker_lost`: the broker keeps the message until the build is
  done, so a worker killed in the middle leaves it to be delivered again;
- a hard time limit (REPORTS_BUILD_TIME_LIMIT) and a soft one shortly before it, so a build
  that hangs is stopped and counts as a failed attempt;
- retries with exponential backoff (REPORTS_BUILD_RETRIES times), after which the report is
  marked «feilet» with the reason; `recover_stale_reports` (beat, and every report page)
  marks a build whose worker vanished as failed after REPORTS_STALE_SECONDS;
- idempotent: `report_build` leaves a ready report alone, resumes from the sections already
  gathered, keeps files already stored, and a second task for a report that another worker
  is building does nothing.
"""

import logging

from celery import shared_task
from django.conf import settings

from reports import services

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.REPORTS_BUILD_TIME_LIMIT,
    soft_time_limit=settings.REPORTS_BUILD_TIME_LIMIT - 30,
    max_retries=settings.REPORTS_BUILD_RETRIES,
)
def build_report(self, report_id: int) -> None:
    try:
        services.report_build(report_id=report_id)
    except services.BuildBusy:
        logger.info("Report %s is being built by another worker.", report_id)
    except Exception as error:
        final = self.request.retries >= self.max_retries
        logger.exception(
            "Building report %s failed (attempt %s).", report_id, self.request.retries + 1
        )
        services.report_attempt_failed(report_id=report_id, error=error, final=final)
        if not final:
            # Backoff: 4, 8, 16 … seconds (at most five minutes). Without a broker (tasks run
            # in the process that queued them) the next try runs at once.
            if self.request.is_eager:
                self.apply(args=[report_id], retries=self.request.retries + 1)
                return
            countdown = min(2 ** (self.request.retries + 2), 300)
            raise self.retry(exc=error, countdown=countdown) from error


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.REPORTS_BUILD_TIME_LIMIT,
    soft_time_limit=settings.REPORTS_BUILD_TIME_LIMIT - 30,
    max_retries=settings.REPORTS_BUILD_RETRIES,
)
def make_public_pdf(self, report_id: int) -> None:
    """The public PDF of an annual report just published (idempotent: made once). After
    the last retry the reason is kept on the report (`report_public_pdf_failed`): the
    programme leader sees it on the report's page and the waiting page, with «Prøv igjen»."""
    try:
        services.report_public_pdf(report_id=report_id)
    except Exception as error:
        final = self.request.retries >= self.max_retries
        logger.exception(
            "The public PDF of report %s could not be made (attempt %s).",
            report_id,
            self.request.retries + 1,
        )
        if final:
            services.report_public_pdf_failed(report_id=report_id, error=error)
            return
        if self.request.is_eager:  # without a broker the next try runs at once
            self.apply(args=[report_id], retries=self.request.retries + 1)
            return
        raise self.retry(exc=error, countdown=min(2 ** (self.request.retries + 2), 300)) from error


@shared_task
def recover_stale_reports() -> int:
    """Mark builds whose worker stopped without finishing as failed (beat runs this)."""
    return services.reports_fail_stale()
