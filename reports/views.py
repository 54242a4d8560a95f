"""The reports' pages: the list and the order forms, one report (its progress while it is
built, its sections when ready), the summary texts, trying again, publishing, the files,
and the public page of published annual reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exports import XLSX_TYPE
from core.files import file_download
from core.forms import add_service_errors
from core.pdf import PdfUnavailable, pdf_libraries_missing
from reports import outputs, services
from reports.forms import AnnualOrderForm, BoardOrderForm, SummaryForm
from reports.models import Report
from reports.permissions import (
    can_edit_report,
    can_order_reports,
    can_publish_report,
    can_retry_public_pdf,
    can_retry_report,
    can_view_reports,
)
from reports.sections import sections_for


def _report_for_staff(request: HttpRequest, pk: int) -> Report:
    if not can_view_reports(request.user):
        raise PermissionDenied
    return get_object_or_404(Report, pk=pk)


# --- The list and ordering --------------------------------------------------------------------


def _list_page(request, annual_form=None, board_form=None, status=200):
    if not can_view_reports(request.user):
        raise PermissionDenied
    services.reports_fail_stale()
    may_order = can_order_reports(request.user)
    years = services.report_years()
    context = {
        "reports": Report.objects.order_by("-ordered_at", "-pk")[:100],
        "annual_form": (annual_form or AnnualOrderForm(years=years)) if may_order else None,
        "board_form": (board_form or BoardOrderForm()) if may_order else None,
    }
    return render(request, "reports/list.html", context, status=status)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@login_required
@require_POST
def report_order(request: HttpRequest, kind: str) -> HttpResponse:
    if not can_view_reports(request.user):
        raise PermissionDenied
    if not can_order_reports(request.user):
        raise PermissionDenied
    if kind == "arsrapport":
        form = AnnualOrderForm(request.POST, years=services.report_years())
        forms = {"annual_form": form}
    elif kind == "styrerapport":
        form = BoardOrderForm(request.POST)
        forms = {"board_form": form}
    else:
        raise Http404
    if form.is_valid():
        try:
            report = services.report_order(kind=kind, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(report)s is ordered.") % {"report": report})
            return redirect(report)
    return _list_page(request, status=400, **forms)


# --- One report -------------------------------------------------------------------------------


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report: while it is built, the share done and the section (htmx asks again every
    two seconds; without JavaScript the page says to reload); when it failed, why, and
    «Prøv igjen»; when ready, the sections, the files and the steps left."""
    report = _report_for_staff(request, pk)
    if report.status == Report.Status.BUILDING and services.report_is_stale(report):
        services.reports_fail_stale()
        report.refresh_from_db()
    context = {
        "report": report,
        "sections": outputs.report_sections(report) if report.status == Report.Status.DONE else [],
        "introduction": report.summaries.get("introduction", ""),
        "can_edit": can_edit_report(request.user, report),
        "can_retry": can_retry_report(request.user, report),
        "can_publish": can_publish_report(request.user, report),
        "can_retry_public_pdf": can_retry_public_pdf(request.user, report),
        "is_current": report.pk in services.current_published_ids(),
    }
    if request.htmx:
        # Still building: the progress alone. Done or failed: the whole page loads again.
        if report.is_busy:
            return render(request, "reports/report.html#progress", context)
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "reports/report.html", context)


@login_required
def report_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme leader's text per section, on a version not published yet."""
    report = _report_for_staff(request, pk)
    if not can_edit_report(request.user, report):
        raise PermissionDenied
    sections = sections_for(report.kind)
    if request.method == "POST":
        form = SummaryForm(request.POST, sections=sections)
        if form.is_valid():
            try:
                services.report_summaries_update(
                    report=report, by=request.user, summaries=form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The summary is saved; the files are made again."))
                return redirect(report)
    else:
        form = SummaryForm(initial=report.summaries, sections=sections)
    return render(request, "reports/summary.html", {"report": report, "form": form})


@login_required
@require_POST
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for_staff(request, pk)
    if not can_retry_report(request.user, report):
        raise PermissionDenied
    services.report_retry(report=report, by=request.user)
    messages.success(request, _("The report is being built again."))
    return redirect(report)


@login_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for_staff(request, pk)
    if not can_publish_report(request.user, report):
        raise PermissionDenied
    report = services.report_publish(report=report, by=request.user)
    messages.success(request, _("%(report)s is published.") % {"report": report})
    report.refresh_from_db(fields=["public_pdf"])
    if report.public_pdf:  # made already (tasks run in this process without a broker)
        return redirect(report)
    # The public PDF is being made by the publish step's task: the page that waits for it.
    return redirect("reports:report_public_pdf", pk=report.pk)


@login_required
def report_public_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The public PDF of a published annual report: made by a background task when it was
    published (never here). Until it exists, a page that says it is being made and picks it
    up when ready (htmx polling; without JavaScript, reload)."""
    report = _report_for_staff(request, pk)
    if not report.is_published:
        raise Http404
    if report.public_pdf and not request.htmx:
        return file_download(
            report.public_pdf,
            filename=outputs.filename(report, "pdf", public=True),
            content_type="application/pdf",
        )
    unavailable = pdf_libraries_missing()
    context = {
        "ready": bool(report.public_pdf),
        "back_url": report.get_absolute_url(),
        "back_text": _("Back to %(report)s") % {"report": report},
        "message": PdfUnavailable.message if unavailable else "",
        "download_url": request.path,
        # The publish task gave up: the reason, and «Prøv igjen» for the programme leader.
        "failure": report.public_pdf_failure if report.public_pdf_failed else "",
        "retry_url": (
            reverse("reports:report_public_pdf_retry", kwargs={"pk": report.pk})
            if can_retry_public_pdf(request.user, report)
            else ""
        ),
    }
    if request.htmx:  # the waiting page asks again: ready, still being made, or failed
        return render(request, "pdf_pending.html#status", context)
    status = 503 if unavailable else 200 if context["failure"] else 202
    return render(request, "pdf_pending.html", context, status=status)


@login_required
@require_POST
def report_public_pdf_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """«Prøv igjen» when the publish task could not make the public PDF."""
    report = _report_for_staff(request, pk)
    if not can_retry_public_pdf(request.user, report):
        raise PermissionDenied
    report = services.report_public_pdf_retry(report=report, by=request.user)
    messages.success(request, _("The public PDF is being made again."))
    report.refresh_from_db(fields=["public_pdf", "public_pdf_failure"])
    if report.public_pdf:  # made already (tasks run in this process without a broker)
        return redirect(report)
    return redirect("reports:report_public_pdf", pk=report.pk)


@login_required
def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _report_for_staff(request, pk)
    if fmt == "pdf" and report.pdf:
        return file_download(
            report.pdf, filename=outputs.filename(report, "pdf"), content_type="application/pdf"
        )
    if fmt == "xlsx" and report.xlsx:
        return file_download(
            report.xlsx, filename=outputs.filename(report, "xlsx"), content_type=XLSX_TYPE
        )
    raise Http404


# --- The public page -------------------------------------------------------------------------


def public_reports(request: HttpRequest) -> HttpResponse:
    """Every published annual report, with its public PDF, and which version is current."""
    reports = list(services.published_reports())
    current = services.current_published_ids()
    return render(request, "reports/public_list.html", {"reports": reports, "current": current})


def public_report_pdf(request: HttpRequest, year: int, number: int) -> HttpResponse:
    report = get_object_or_404(services.published_reports(), year=year, number=number)
    if not report.public_pdf:
        raise Http404
    return file_download(
        report.public_pdf,
        filename=outputs.filename(report, "pdf", public=True),
        content_type="application/pdf",
    )
