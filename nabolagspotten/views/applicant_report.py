"""The applicant's final report (sluttrapport), reached without an account through the
personal link (access.py): what happened, who took part, the volunteer hours, the money
used, and optional photos. Money received but not used becomes a repayment, and the page
then says how much to pay back and how."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import add_service_errors
from nabolagspotten.forms.followup import FinalReportForm
from nabolagspotten.models import Application, FinalReport
from nabolagspotten.services.followup import final_report_submit, paid_total, report_due_on
from nabolagspotten.views.lookups import _get_application_for_applicant


def _posted(request: HttpRequest) -> tuple:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def applicant_report(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_application_for_applicant(request, reference)
    final_report = FinalReport.objects.filter(application=application).first()
    can_report = application.status == Application.Status.PAID and final_report is None
    form = FinalReportForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            final_report_submit(application=application, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you! We have received your final report."))
            return redirect(application.get_applicant_url())
    context = {
        "application": application,
        "final_report": final_report,
        "repayments": application.repayments.all(),
        "form": form if can_report else None,
        "can_report": can_report,
        "due_on": report_due_on(application),
        "received": paid_total(application),
    }
    status = 400 if form.is_bound else 200
    return render(request, "nabolagspotten/followup/applicant_report.html", context, status=status)
