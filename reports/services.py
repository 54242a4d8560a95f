"""Ordering, building, correcting and publishing reports (docs/reports.md).

The build (`report_build`, run by the Celery task `reports.tasks.build_report`) gathers the
sections one by one into the report's JSON snapshot, saving after each, and then writes the
PDF and the workbook from that snapshot alone. The public PDF is made only when an annual
report is published, by the publish step's own task (`reports.tasks.make_public_pdf`).
It is idempotent: a report that is ready is left alone, a section already gathered is not
gathered again, a file already stored is kept (`core.files.store_once`), and a second task
for a report another worker is building (and has not abandoned) does nothing. A build that
stopped without finishing (a worker killed) is found by `reports_fail_stale` after
REPORTS_STALE_SECONDS and marked failed with the reason, so no report says «bygges» forever.
"""

import datetime
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.exceptions import TransitionRefused
from core.mail import queue_email
from portfolio.services.lessons import last_board_decision_date
from reports import outputs
from reports.models import Report
from reports.sections import sections_for, year_period

logger = logging.getLogger(__name__)

FIRST_YEAR = 2024  # the state agreement's first year
LAST_YEAR = 2031  # the programme's last year


class BuildBusy(Exception):
    """Another worker is building this report right now."""


def latest_reports(limit: int = 3) -> list[Report]:
    """The newest ready reports (annual reports and board report packs), for the programme
    overview and the home page: one query."""
    return list(
        Report.objects.filter(status=Report.Status.DONE).order_by("-finished_at", "-pk")[:limit]
    )


def report_years() -> list[int]:
    """The years an annual report can be ordered for: the programme's years up to next year
    (the action plan and the budgets for next year are there before it starts)."""
    return list(range(FIRST_YEAR, min(LAST_YEAR, timezone.localdate().year + 1) + 1))


def board_since(meeting_date: datetime.date) -> datetime.date:
    """Where a board report pack starts: the previous board meeting (the last pack's meeting
    or the board's last decision on an action plan before this meeting), else 1 January."""
    earlier = (
        Report.objects.filter(kind=Report.Kind.BOARD, meeting_date__lt=meeting_date)
        .order_by("-meeting_date")
        .values_list("meeting_date", flat=True)
        .first()
    )
    before = timezone.make_aware(datetime.datetime.combine(meeting_date, datetime.time.min))
    decided = last_board_decision_date(before=before)
    candidates = [day for day in (earlier, decided) if day and day < meeting_date]
    return max(candidates) if candidates else datetime.date(meeting_date.year, 1, 1)


def _queue_build(report_id: int) -> None:
    from reports.tasks import build_report

    transaction.on_commit(lambda: build_report.delay(report_id))


def report_order(
    *,
    kind: str,
    by,
    year: int | None = None,
    meeting_date: datetime.date | None = None,
    since: datetime.date | None = None,
) -> Report:
    """Order a new version of a report and queue its build. While a version of the same
    report is ordered or being built, that one is returned and nothing new starts."""
    if kind == Report.Kind.ANNUAL:
        if year not in report_years():
            raise ValidationError({"year": _("Choose one of the programme's years.")})
        since, until = year_period(year)
        meeting_date = None
    elif kind == Report.Kind.BOARD:
        if meeting_date is None:
            raise ValidationError({"meeting_date": _("Give the date of the board meeting.")})
        since = since or board_since(meeting_date)
        if since > meeting_date:
            raise ValidationError({"since": _("The start cannot be after the meeting.")})
        year, until = meeting_date.year, meeting_date
    else:
        raise ValidationError({"kind": _("Choose the annual report or the board report pack.")})
    busy = Report.objects.filter(
        kind=kind, year=year, meeting_date=meeting_date, status__in=Report.BUSY_STATUSES
    )
    with transaction.atomic():
        running = busy.select_for_update().first()
        if running is not None:
            return running
        versions = Report.objects.select_for_update().filter(kind=kind, year=year)
        number = (versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
        report = Report(
            kind=kind,
            year=year,
            meeting_date=meeting_date,
            number=number,
            since=since,
            until=until,
            ordered_by=by,
        )
        report.full_clean(exclude=["number", "ordered_by"], validate_constraints=False)
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:  # ordered at the same moment by someone else
            return busy.get()
        _queue_build(report.pk)
    return report


def _stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.REPORTS_STALE_SECONDS)


def report_is_stale(report: Report) -> bool:
    return (
        report.status == Report.Status.BUILDING
        and report.started_at is not None
        and report.started_at < _stale_before()
    )


@transaction.atomic
def _start(report_id: int) -> Report | None:
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.status == Report.Status.DONE:
        return None
    if report.status == Report.Status.BUILDING and not report_is_stale(report):
        raise BuildBusy
    report.status = Report.Status.BUILDING
    report.started_at = timezone.now()
    report.attempts += 1
    report.failure_reason = ""
    report.save(update_fields=["status", "started_at", "attempts", "failure_reason"])
    return report


def _progress(report: Report, done: int, steps: int, section: str, **fields) -> None:
    report.progress = round(100 * done / steps)
    report.current_section = str(section)
    for name, value in fields.items():
        setattr(report, name, value)
    report.save(update_fields=["progress", "current_section", *fields])


def _plain(data) -> dict:
    """The section as it will read in five years: JSON, dates as ISO text."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def report_build(*, report_id: int) -> Report | None:
    """Build the report: each section not gathered yet, then the files, then «ferdig» and an
    e-mail to whoever ordered it. Raises BuildBusy if another worker is building it."""
    report = _start(report_id)
    if report is None:
        return None
    sections = sections_for(report.kind)
    steps = len(sections) + 1
    snapshot = dict(report.snapshot)
    with translation.override(settings.LANGUAGE_CODE):
        for done, section in enumerate(sections):
            if section.key in snapshot:
                continue
            _progress(report, done, steps, section.title)
            snapshot[section.key] = _plain(section.build(report, snapshot))
            _progress(report, done + 1, steps, section.title, snapshot=snapshot)
        _progress(report, len(sections), steps, _("The PDF and the workbook"))
        outputs.write_outputs(report)
    report.status = Report.Status.DONE
    report.progress = 100
    report.current_section = ""
    report.finished_at = timezone.now()
    report.save(update_fields=["status", "progress", "current_section", "finished_at"])
    queue_email(
        to=[report.ordered_by.email],
        subject_template="reports/email/ready_subject.txt",
        body_template="reports/email/ready_body.txt",
        context={
            "full_name": report.ordered_by.full_name,
            "report": str(report),
            "url": settings.SITE_URL + report.get_absolute_url(),
        },
    )
    return report


def failure_message(error: BaseException, section: str = "") -> str:
    """Why the build failed, in Norwegian, for the report's page."""
    from core.pdf import PdfUnavailable

    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(error, PdfUnavailable):
            return str(error.message)
        if section:
            return _(
                "The section «%(section)s» could not be built (%(error)s). Try again; if it "
                "fails again, tell the people who run the server."
            ) % {"section": section, "error": type(error).__name__}
        return _(
            "The report could not be built (%(error)s). Try again; if it fails again, tell "
            "the people who run the server."
        ) % {"error": type(error).__name__}


@transaction.atomic
def report_attempt_failed(*, report_id: int, error: BaseException, final: bool) -> None:
    """An attempt failed: back to «bestilt» for the task's next try, or «feilet» with the
    reason when it will not try again."""
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.status == Report.Status.DONE:
        return
    report.failure_reason = failure_message(error, report.current_section)
    report.status = Report.Status.FAILED if final else Report.Status.ORDERED
    report.save(update_fields=["status", "failure_reason"])


def reports_fail_stale() -> int:
    """Mark every build that stopped without finishing (its worker killed or lost) as
    failed, with the reason; returns how many. Run by the report pages and by beat."""
    with translation.override(settings.LANGUAGE_CODE):
        reason = _(
            "The build stopped without finishing (the background worker was stopped). Try again."
        )
    count = 0
    stale = Report.objects.filter(status=Report.Status.BUILDING, started_at__lt=_stale_before())
    for report_id in stale.values_list("pk", flat=True):
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=report_id)
            if report_is_stale(report):
                report.status = Report.Status.FAILED
                report.failure_reason = reason
                report.save(update_fields=["status", "failure_reason"])
                count += 1
    return count


@transaction.atomic
def report_retry(*, report: Report, by) -> Report:
    """«Prøv igjen»: a failed build starts again where it stopped."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.FAILED:
        raise TransitionRefused(_("Only a report whose build failed can be tried again."))
    report.status = Report.Status.ORDERED
    report.save(update_fields=["status"])
    _queue_build(report.pk)
    return report


@transaction.atomic
def report_summaries_update(*, report: Report, by, summaries: dict) -> Report:
    """The programme leader's summary texts, one per section, on a draft (a version not
    published). The files are made again with them; the data stays as frozen."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise TransitionRefused(
            _("A published report cannot be changed; order a new version to correct it.")
        )
    if report.is_busy:
        raise TransitionRefused(_("Wait until the report is built."))
    keys = {section.key for section in sections_for(report.kind)} | {"introduction"}
    report.summaries = {key: str(text).strip() for key, text in summaries.items() if key in keys}
    for field in ("pdf", "public_pdf", "xlsx"):
        getattr(report, field).delete(save=False)
    report.status = Report.Status.ORDERED
    report.progress = 0
    report.save(update_fields=["summaries", "pdf", "public_pdf", "xlsx", "status", "progress"])
    _queue_build(report.pk)
    return report


@transaction.atomic
def report_publish(*, report: Report, by) -> Report:
    """Publish a ready annual report on the public page. It can not be changed after this."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.kind != Report.Kind.ANNUAL:
        raise TransitionRefused(_("Only annual reports are published."))
    if report.is_published:
        raise TransitionRefused(_("This version is published already."))
    if report.status != Report.Status.DONE:
        raise TransitionRefused(_("Only a report that is ready can be published."))
    report.published_at = timezone.now()
    report.published_by = by
    report.save(update_fields=["published_at", "published_by"])
    _queue_public_pdf(report.pk)
    return report


def _queue_public_pdf(report_id: int) -> None:
    from reports.tasks import make_public_pdf

    transaction.on_commit(lambda: make_public_pdf.delay(report_id))


def report_public_pdf(*, report_id: int) -> Report | None:
    """Make the public PDF of a published annual report (the task `make_public_pdf`); a
    report that has it already, or is not published, is left alone."""
    report = Report.objects.filter(
        pk=report_id, kind=Report.Kind.ANNUAL, published_at__isnull=False
    ).first()
    if report is None:
        return None
    return outputs.write_public_pdf(report)


def public_pdf_failure_message(error: BaseException) -> str:
    """Why the public PDF could not be made, in Norwegian, for the programme leader."""
    from core.pdf import PdfUnavailable

    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(error, PdfUnavailable):
            return str(error.message)
        return _(
            "The public PDF could not be made (%(error)s). Try again; if it fails again, tell "
            "the people who run the server."
        ) % {"error": type(error).__name__}


@transaction.atomic
def report_public_pdf_failed(*, report_id: int, error: BaseException) -> None:
    """The publish task gave up (its last retry failed): the reason is kept on the report,
    so the report's page and the waiting page show it with «Prøv igjen»."""
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None or report.public_pdf or not report.is_published:
        return
    report.public_pdf_failure = public_pdf_failure_message(error)
    report.save(update_fields=["public_pdf_failure"])


@transaction.atomic
def report_public_pdf_retry(*, report: Report, by) -> Report:
    """«Prøv igjen» for the public PDF of a published annual report whose making failed:
    the reason is cleared and the publish step's task is queued again."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.public_pdf_failed:
        raise TransitionRefused(
            _("Only a published report whose public PDF could not be made can be tried again.")
        )
    report.public_pdf_failure = ""
    report.save(update_fields=["public_pdf_failure"])
    _queue_public_pdf(report.pk)
    return report


def published_reports():
    """The published annual reports whose public PDF is made, newest year and version first
    (the public page). A version just published appears when its public PDF exists."""
    return (
        Report.objects.filter(kind=Report.Kind.ANNUAL, published_at__isnull=False)
        .exclude(public_pdf="")
        .order_by("-year", "-number")
    )


def current_published_ids() -> set[int]:
    """The ids of the published version that is current for each year (the newest)."""
    current: dict[int, int] = {}
    for pk, year in published_reports().values_list("pk", "year"):
        current.setdefault(year, pk)
    return set(current.values())
