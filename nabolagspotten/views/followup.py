"""The money after the decision, for handlers and the programme leader: register a
payment, the list and export of payments for the finance system, settle a repayment, and
close a case. The case page (views/cases.py) shows these in its follow-up panel
(templates/nabolagspotten/cases/_followup.html)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.exports import (
    BACKGROUND_ROWS,
    FORMATS,
    export_file,
    export_queue,
    export_response,
)
from core.forms import add_service_errors
from nabolagspotten.forms.followup import (
    CloseForm,
    PaymentForm,
    RepaymentSettleForm,
)
from nabolagspotten.models import Application, PersonalDataAccess, Repayment
from nabolagspotten.permissions import can_handle_cases
from nabolagspotten.services import exports, followup
from nabolagspotten.services.audit import access_record
from nabolagspotten.tasks import build_payments_export
from nabolagspotten.views.lookups import _get_case_for_acting_handler

PAGE_SIZE = 50


# --- Registering a payment ---------------------------------------------------------------


@login_required
def case_payment(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_case_for_acting_handler(request, reference)
    paid = followup.paid_total(application)
    left = max((application.amount_granted or 0) - paid, 0)
    form = PaymentForm(request.POST if request.method == "POST" else None, left=left)
    if request.method == "POST" and form.is_valid():
        try:
            followup.payment_register(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The payment is registered."))
            return redirect(application)
    context = {
        "application": application,
        "form": form,
        "paid": paid,
        "left": left,
        "payments": application.payments.all(),
        "payable": application.status in (Application.Status.ACCEPTED, Application.Status.PAID),
    }
    status = 400 if form.is_bound else 200
    return render(request, "nabolagspotten/followup/payment.html", context, status=status)


# --- The list and export of payments -----------------------------------------------------


def _payments(request: HttpRequest):
    """The payments the filters in the address ask for (the caller checks who may see them)."""
    return exports.payments_filtered(request.GET)


@login_required
@require_GET
def payment_list(request: HttpRequest) -> HttpResponse:
    if not can_handle_cases(request.user):
        raise PermissionDenied
    form, filters, payments = _payments(request)
    page = Paginator(payments, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filtered": bool(filters),
        "sum": payments.aggregate(total=Sum("amount"))["total"] or 0,
        "query": query.urlencode(),
    }
    return render(request, "nabolagspotten/followup/payments.html", context)


@login_required
@require_GET
def payments_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered payments for the finance system, as XLSX or CSV: in the answer for up
    to BACKGROUND_ROWS payments; a larger export is built in the background and this
    sends the user to its waiting page. The export holds recipients' names, so it is
    logged as an access to personal data (when it is handed out)."""
    if fmt not in FORMATS:
        raise Http404
    if not can_handle_cases(request.user):
        raise PermissionDenied
    _form, _filters, payments = _payments(request)
    total = payments.count()
    if total > BACKGROUND_ROWS:
        export_id = export_queue(
            task=build_payments_export,
            user=request.user,
            fmt=fmt,
            filename=exports.payments_export_filename(),
            total=total,
            query=request.GET.urlencode(),
        )
        return redirect("nabolagspotten:payments_export_file", export_id)
    response = export_response(
        fmt=fmt,
        filename=exports.payments_export_filename(),
        sheet=_("Payments"),
        headers=exports.payments_export_headers(),
        rows=exports.payments_export_rows(payments),
    )
    access_record(user=request.user, application=None, what=PersonalDataAccess.What.EXPORT)
    return response


@login_required
@require_GET
def payments_export_file(request: HttpRequest, export_id: str) -> HttpResponse:
    """A large export built in the background: the waiting page until it is stored, then
    the file (only for the handler who asked for it; anyone else gets a 404)."""
    if not can_handle_cases(request.user):
        raise PermissionDenied
    return export_file(
        request,
        export_id,
        back_url=reverse("nabolagspotten:payments"),
        back_text=_("Back to payments"),
        on_download=lambda: access_record(
            user=request.user, application=None, what=PersonalDataAccess.What.EXPORT
        ),
    )


# --- Repayments and closing --------------------------------------------------------------


@login_required
def repayment_settle(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Mark a repayment paid back or waived (POST); GET shows the form on its own page."""
    application = _get_case_for_acting_handler(request, reference)
    repayment = get_object_or_404(Repayment, pk=pk, application=application)
    form = RepaymentSettleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            followup.repayment_settle(repayment=repayment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The repayment is settled."))
            return redirect(application)
    context = {"application": application, "repayment": repayment, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "nabolagspotten/followup/repayment.html", context, status=status)


@login_required
def case_close(request: HttpRequest, reference: str) -> HttpResponse:
    """Close the case (POST); GET shows what closing means and anything still outstanding."""
    application = _get_case_for_acting_handler(request, reference)
    form = CloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            followup.case_close(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The case is closed."))
            return redirect(application)
    context = {
        "application": application,
        "form": form,
        "blockers": followup.close_blockers(application),
    }
    status = 400 if form.is_bound else 200
    return render(request, "nabolagspotten/followup/close.html", context, status=status)
