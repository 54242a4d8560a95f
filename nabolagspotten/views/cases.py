"""The staff side of Nabolagspotten: the overview for every staff member, and for case
handlers the case list, the case page and its actions (habilitet, review, assessment,
comments, asking for information, the decision and its letter, appeals, attachments).

Every view checks on the server who may do it: handlers only (`can_handle_cases`), and for
the actions on a case a handler who has declared impartiality (`can_assess`). Drafts belong
to the applicant and are not shown to staff.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from nabolagspotten.forms.cases import (
    AppealHandleForm,
    AppealRegisterForm,
    AssessmentForm,
    CaseFilterForm,
    CommentForm,
    DecisionForm,
    DeclarationForm,
    InfoRequestForm,
)
from nabolagspotten.models import (
    Appeal,
    Application,
    Assessment,
    Attachment,
    CaseEvent,
    Decision,
    FinalReport,
    PersonalDataAccess,
    Round,
)
from nabolagspotten.permissions import can_assess, can_handle_cases, can_view_rounds, is_impartial
from nabolagspotten.services import cases as services
from nabolagspotten.services import decisions, ledger
from nabolagspotten.services.audit import log_access
from nabolagspotten.views.downloads import attachment_response, letter_response

S = Application.Status
PAGE_SIZE = 50
LOG_EVERY = timedelta(hours=1)  # one record per handler and case per hour is enough


def _check_handler(request: HttpRequest) -> None:
    if not can_handle_cases(request.user):
        raise PermissionDenied


def _application(reference: str, queryset=None) -> Application:
    queryset = queryset if queryset is not None else Application.objects.all()
    return get_object_or_404(
        queryset.select_related("round", "area").exclude(status=S.DRAFT), reference=reference
    )


def _acting(request: HttpRequest, reference: str) -> Application:
    """The case, for a handler who has declared impartiality; 403 for anyone else."""
    _check_handler(request)
    application = _application(reference)
    if not can_assess(request.user, application):
        raise PermissionDenied
    return application


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """The overview: open rounds with their ledger, cases by status, and the way onward."""
    if not can_view_rounds(request.user):
        raise PermissionDenied
    open_rounds = list(Round.objects.open())
    by_round = ledger.rounds_ledgers(open_rounds)
    rounds = []
    for round_ in open_rounds:
        areas = by_round.get(round_.pk, [])
        rounds.append({"round": round_, "areas": areas, "totals": ledger.totals(areas)})
    counts = dict(
        Application.objects.exclude(status=S.DRAFT)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    by_status = [
        {"status": value, "label": label, "count": counts[value]}
        for value, label in S.choices
        if counts.get(value)
    ]
    context = {
        "rounds": rounds,
        "by_status": by_status,
        "is_handler": can_handle_cases(request.user),
        "waiting": services.waiting_for(request.user),
    }
    return render(request, "nabolagspotten/cases/staff_home.html", context)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    _check_handler(request)
    form = CaseFilterForm(request.GET)
    filters = form.filters()
    applications = services.case_list(**filters)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filtered": any(request.GET.get(name) for name in ("q", "round", "area", "status")),
        "query": query.urlencode(),
    }
    return render(request, "nabolagspotten/cases/list.html", context)


def _full_case(reference: str) -> Application:
    queryset = Application.objects.prefetch_related(
        "budget_lines",
        "attachments",
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
        "messages__author",
        "comments__author",
        "declarations__handler",
        Prefetch("assessments", queryset=Assessment.objects.select_related("handler")),
        Prefetch("decisions", queryset=Decision.objects.select_related("decided_by")),
        Prefetch("appeals", queryset=Appeal.objects.select_related("handled_by", "decision")),
        "payments",
        "repayments",
    )
    return _application(reference, queryset)


def _log_case_opened(user, application: Application) -> None:
    recently = PersonalDataAccess.objects.filter(
        user=user,
        application=application,
        what=PersonalDataAccess.What.CASE,
        at__gte=timezone.now() - LOG_EVERY,
    ).exists()
    if not recently:
        log_access(user, application, PersonalDataAccess.What.CASE)


def _render_case(
    request: HttpRequest, reference: str, *, status: int = 200, error=None, **forms
) -> HttpResponse:
    application = _full_case(reference)
    user = request.user
    declarations = list(application.declarations.all())
    impartial = is_impartial(user, application, declarations)
    may_act = impartial is True
    decision_list = list(application.decisions.all())
    current = next((d for d in decision_list if d.superseded_at is None), None)
    area_ledger = (
        ledger.area_ledger(application.round_id, application.area_id)
        if application.area_id
        else None
    )
    context = {
        "application": application,
        "user": user,
        "impartial": impartial,
        "may_act": may_act,
        "declarations": declarations,
        "ledger": area_ledger,
        "ledger_areas": [area_ledger] if area_ledger else [],
        "decision": current,
        "decisions": decision_list,
        "appeals": list(application.appeals.all()),
        "assessments": list(application.assessments.all()),
        "final_report": FinalReport.objects.filter(application=application).first(),
        "may_start": may_act and application.status in (S.SUBMITTED, S.RESUBMITTED),
        "in_review": may_act and application.status == S.IN_REVIEW,
        "may_assess": may_act and application.status in Application.OPEN_STATUSES,
        "declaration_form": forms.get("declaration_form")
        or (DeclarationForm() if impartial is None else None),
        "comment_form": forms.get("comment_form") or (CommentForm() if may_act else None),
        "appeal_form": forms.get("appeal_form")
        or (AppealRegisterForm() if current is not None else None),
        "error": error,
    }
    _log_case_opened(user, application)
    return render(request, "nabolagspotten/cases/case.html", context, status=status)


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    _check_handler(request)
    return _render_case(request, reference)


def _refused(request: HttpRequest, reference: str, error: ValidationError) -> HttpResponse:
    return _render_case(request, reference, status=400, error=error.messages)


@login_required
@require_POST
def case_impartiality(request: HttpRequest, reference: str) -> HttpResponse:
    _check_handler(request)
    application = _application(reference)
    form = DeclarationForm(request.POST)
    if form.is_valid():
        try:
            services.declare(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.cleaned_data["impartial"]:
                messages.success(request, _("You have declared that you are impartial."))
            else:
                messages.info(request, _("You have declared that you are not impartial."))
            return redirect("nabolagspotten:case", reference)
    return _render_case(request, reference, status=400, declaration_form=form)


@login_required
@require_POST
def case_start(request: HttpRequest, reference: str) -> HttpResponse:
    application = _acting(request, reference)
    try:
        services.start_review(application=application, by=request.user)
    except ValidationError as error:
        return _refused(request, reference, error)
    messages.success(request, _("The application is now under review."))
    return redirect("nabolagspotten:case", reference)


@login_required
@require_POST
def case_comment(request: HttpRequest, reference: str) -> HttpResponse:
    application = _acting(request, reference)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The comment is saved."))
            return redirect(reverse("nabolagspotten:case", args=[reference]) + "#comments-heading")
    return _render_case(request, reference, status=400, comment_form=form)


@login_required
def case_assess(request: HttpRequest, reference: str) -> HttpResponse:
    application = _acting(request, reference)
    mine = Assessment.objects.filter(application=application, handler=request.user).first()
    form = AssessmentForm(request.POST or None, instance=mine)
    open_case = application.status in Application.OPEN_STATUSES
    if request.method == "POST" and form.is_valid():
        try:
            services.save_assessment(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your assessment is saved."))
            return redirect("nabolagspotten:case", reference)
    context = {"application": application, "form": form, "open_case": open_case}
    return render(
        request,
        "nabolagspotten/cases/assess.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
def case_request_info(request: HttpRequest, reference: str) -> HttpResponse:
    application = _acting(request, reference)
    form = InfoRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_info(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The request is sent to the applicant with a link to the application.")
            )
            return redirect("nabolagspotten:case", reference)
    context = {
        "application": application,
        "form": form,
        "possible": application.status == S.IN_REVIEW,
    }
    return render(
        request,
        "nabolagspotten/cases/request_info.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
def case_decide(request: HttpRequest, reference: str) -> HttpResponse:
    application = _acting(request, reference)
    form = DecisionForm(request.POST or None, initial=_decision_initial(request, application))
    if request.method == "POST" and form.is_valid():
        try:
            decisions.decide(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The decision is made. The letter is being sent to the applicant by e-mail."),
            )
            return redirect("nabolagspotten:case", reference)
    amount = (
        form.cleaned_data.get("amount") if form.is_bound and hasattr(form, "cleaned_data") else None
    )
    if amount is None:
        amount = form.initial.get("amount")
    context = {
        "application": application,
        "form": form,
        "possible": application.status == S.IN_REVIEW,
        "budget": decisions.budget_warning(application, amount),
        "amount": amount,
    }
    return render(
        request,
        "nabolagspotten/cases/decide.html",
        context,
        status=400 if form.is_bound else 200,
    )


def _decision_initial(request: HttpRequest, application: Application) -> dict:
    mine = Assessment.objects.filter(application=application, handler=request.user).first()
    amount = application.amount_requested
    if mine is not None and mine.suggested_amount:
        amount = mine.suggested_amount
    return {"amount": amount}


def _current_decision_or_404(application: Application) -> Decision:
    decision = (
        Decision.objects.select_related("application__round", "application__area")
        .filter(application=application, superseded_at__isnull=True)
        .first()
    )
    if decision is None:
        raise Http404
    return decision


@login_required
def case_letter(request: HttpRequest, reference: str) -> HttpResponse:
    _check_handler(request)
    application = _application(reference)
    decision = _current_decision_or_404(application)
    log_access(request.user, application, PersonalDataAccess.What.LETTER)
    return letter_response(decision)


@login_required
def case_attachment(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    _check_handler(request)
    application = _application(reference)
    attachment = get_object_or_404(Attachment, application=application, token=token)
    response = attachment_response(attachment)  # 404 before the access is logged
    log_access(request.user, application, PersonalDataAccess.What.ATTACHMENT)
    return response


@login_required
@require_POST
def case_revoke_links(request: HttpRequest, reference: str) -> HttpResponse:
    _check_handler(request)
    application = _application(reference)
    count = services.revoke_links(application=application, by=request.user)
    messages.success(
        request,
        _("%(count)s personal link(s) withdrawn. The applicant can ask for a new one by e-mail.")
        % {"count": count},
    )
    return redirect("nabolagspotten:case", reference)


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    _check_handler(request)
    status = request.GET.get("status", "")
    appeals = Appeal.objects.select_related("application", "application__area", "decision")
    if status in Appeal.Status.values:
        appeals = appeals.filter(status=status)
    else:
        status = ""
    page = Paginator(appeals.order_by("-received_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "status": status,
        "statuses": Appeal.Status.choices,
        "query": f"status={status}" if status else "",
    }
    return render(request, "nabolagspotten/cases/appeals.html", context)


@login_required
def case_appeal(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    _check_handler(request)
    application = _application(reference)
    appeal = get_object_or_404(
        Appeal.objects.select_related("decision", "handled_by"), pk=pk, application=application
    )
    may_act = can_assess(request.user, application)
    form = AppealHandleForm(request.POST or None, appeal=appeal)
    if request.method == "POST":
        if not may_act:
            raise PermissionDenied
        if form.is_valid():
            try:
                decisions.handle_appeal(appeal=appeal, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The appeal is updated and the applicant told."))
                return redirect("nabolagspotten:case_appeal", reference, pk)
    context = {
        "application": application,
        "appeal": appeal,
        "form": form if form.fields["action"].choices else None,
        "may_act": may_act,
    }
    return render(
        request,
        "nabolagspotten/cases/appeal.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def case_appeal_register(request: HttpRequest, reference: str) -> HttpResponse:
    _check_handler(request)
    application = _application(reference)
    form = AppealRegisterForm(request.POST)
    if form.is_valid():
        try:
            appeal = decisions.receive_appeal(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The appeal is registered."))
            return redirect("nabolagspotten:case_appeal", reference, appeal.pk)
    return _render_case(request, reference, status=400, appeal_form=form)


CASE = "behandling/<str:reference>/"

urlpatterns = [
    path("oversikt/", staff_home, name="staff_home"),
    path("behandling/", case_list, name="cases"),
    path("behandling/klager/", appeal_list, name="appeals"),
    path(CASE, case_detail, name="case"),
    path(CASE + "habilitet/", case_impartiality, name="case_impartiality"),
    path(CASE + "ta-til-behandling/", case_start, name="case_start"),
    path(CASE + "vurdering/", case_assess, name="case_assess"),
    path(CASE + "kommentar/", case_comment, name="case_comment"),
    path(CASE + "be-om-informasjon/", case_request_info, name="case_request_info"),
    path(CASE + "vedtak/", case_decide, name="case_decide"),
    path(CASE + "vedtaksbrev.pdf", case_letter, name="case_letter"),
    path(CASE + "klage/ny/", case_appeal_register, name="case_appeal_register"),
    path(CASE + "klage/<int:pk>/", case_appeal, name="case_appeal"),
    path(CASE + "vedlegg/<str:token>/", case_attachment, name="case_attachment"),
    path(CASE + "trekk-tilbake-lenker/", case_revoke_links, name="case_revoke_links"),
]
