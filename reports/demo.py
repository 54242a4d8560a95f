"""The demo's reports (called by `seed_demo`): the annual report for 2026, built by the same
Celery task as any other (run here in this process) and published, and a board report pack
for the latest board meeting. Made once: nothing happens when reports exist."""

import datetime
import logging

from django.utils import timezone

from reports import services
from reports.models import Report
from reports.tasks import build_report, make_public_pdf

logger = logging.getLogger(__name__)

DEMO_YEAR = 2026


def demo_reports(*, leader) -> list[Report]:
    if Report.objects.exists():
        return []
    annual = services.report_order(kind=Report.Kind.ANNUAL, year=DEMO_YEAR, by=leader)
    today = timezone.localdate()
    meeting = min(today, datetime.date(DEMO_YEAR, 12, 1))
    pack = services.report_order(kind=Report.Kind.BOARD, meeting_date=meeting, by=leader)
    reports = []
    for report in (annual, pack):
        build_report.apply(args=[report.pk])  # a queued copy of the task finds it built
        report.refresh_from_db()
        reports.append(report)
        if report.status != Report.Status.DONE:
            logger.warning("The demo %s is not built: %s", report, report.failure_reason)
    if annual.status == Report.Status.DONE:
        annual.summaries = {
            "introduction": (
                "Områdesatsingen kom godt i gang i 2026: porteføljen er etablert i alle tre "
                "områdene, og de første gevinstene måles mot stedsanalysene fra 2022 og 2025."
            )
        }
        annual.save(update_fields=["summaries"])
        services.report_publish(report=annual, by=leader)
        make_public_pdf.apply(args=[annual.pk])  # a queued copy of the task finds it made
    return reports
