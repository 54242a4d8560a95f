"""The staff side of Nabolagspotten: the overview for every staff member, and for case
handlers the case list, the case page and its actions (habilitet, review, assessment,
comments, asking for information, the decision and its letter, appeals, attachments).

Every view fetches its case in one line that says which access it means (views/lookups.py):
`_get_case_for_handler` (handlers and the programme leader) or, for the actions on a case,
`_get_case_for_acting_handler` (a handler who has declared impartiality). Drafts belong to
the applicant and are not shown to staff.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
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
from nabolagspotten.home import home_panels
from nabolagspotten.models import (
    Appeal,
    Application,
    Assessment,
    Attachment,
    CaseEvent,
    Decision,
    FinalReport,
    Message,
    PersonalDataAccess,
    Round,
)
from nabolagspotten.permissions import can_assess, can_handle_cases, can_view_rounds, is_impartial
from nabolagspotten.services import cases as services
from nabolagspotten.services import decisions, ledger
from nabolagspotten.services.audit import access_record, case_opening_record
from nabolagspotten.views.downloads import attachment_response, letter_response
from nabolagspotten.views.lookups import _get_case_for_acting_handler, _get_case_for_handler

S = Application.Status
PAGE_SIZE = 50
# What the handler chooses on an appeal (AppealHandleForm), and the service for each step.
APPEAL_STEPS = {
    "uphold": decisions.appeal_uphold,
    "forward": decisions.appeal_forward,
    "decided": decisions.appeal_record_result,
}


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
        "panels": home_panels(request.user),
    }
    return render(request, "nabolagspotten/cases/staff_home.html", context)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    if not can_handle_cases(request.user):
        raise PermissionDenied
    form = CaseFilterForm(request.GET)
    filters = form.filters()
    applications = services.case_list(**filters)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "filtered": any(
            request.GET.get(name) for name in ("q", "round", "area", "status", "report")
        ),
        "today": timezone.localdate(),
        "query": query.urlencode(),
    }
    return render(request, "nabolagspotten/cases/list.html", context)


def _case_page_queryset():
    """Everything the case page shows, in a fixed number of queries."""
    return Application.objects.select_related("round", "area").prefetch_related(
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


def _case_page(
    request: HttpRequest, application: Application, *, status: int = 200, error=None, **forms
) -> HttpResponse:
    """The case page of an application fetched with `_case_page_queryset`."""
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
        "may_start": may_act and application.status in services.REVIEWABLE,
        "answer": _latest_answer(application),
        "in_review": may_act and application.status == S.IN_REVIEW,
        "may_assess": may_act and application.status in Application.OPEN_STATUSES,
        "declaration_form": forms.get("declaration_form")
        or (DeclarationForm() if impartial is None else None),
        "comment_form": forms.get("comment_form") or (CommentForm() if may_act else None),
        "appeal_form": forms.get("appeal_form")
        or (AppealRegisterForm() if current is not None else None),
        "error": error,
    }
    return render(request, "nabolagspotten/cases/case.html", context, status=status)


def _latest_answer(application: Application):
    """The applicant's answer that waits for the handler (svar mottatt), from the prefetched
    messages; None in any other state."""
    if application.status != S.ANSWERED:
        return None
    answers = [
        m for m in application.messages.all() if m.direction == Message.Direction.FROM_APPLICANT
    ]
    return answers[-1] if answers else None


def _case_page_again(request: HttpRequest, application: Application, **forms) -> HttpResponse:
    """The case page shown again (400) after a refused or invalid POST. It is not a new
    opening of the case, so it is not recorded as an access."""
    full = _case_page_queryset().get(pk=application.pk)
    return _case_page(request, full, status=400, **forms)


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_case_for_handler(request, reference, queryset=_case_page_queryset())
    case_opening_record(user=request.user, application=application)
    return _case_page(request, application)


@login_required
@require_POST
def case_impartiality(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_case_for_handler(request, reference)
    form = DeclarationForm(request.POST)
    if form.is_valid():
        try:
            services.impartiality_declare(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.cleaned_data["impartial"]:
                messages.success(request, _("You have declared that you are impartial."))
            else:
                messages.info(request, _("You have declared that you are not impartial."))
            return redirect(application)
    return _case_page_again(request, application, declaration_form=form)


@login_required
@require_POST
def case_start(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_case_for_acting_handler(request, reference)
    try:
        services.review_start(application=application, by=request.user)
    except ValidationError as error:
        return _case_page_again(request, application, error=error.messages)
    messages.success(request, _("The application is now under review."))
    return redirect(application)


@login_required
@require_POST
def case_comment(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_case_for_acting_handler(request, reference)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The comment is saved."))
            return redirect(application.get_absolute_url() + "#comments-heading")
    return _case_page_again(request, application, comment_form=form)


@login_required
def case_assess(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_case_for_acting_handler(request, reference)
    mine = Assessment.objects.filter(application=application, handler=request.user).first()
    form = AssessmentForm(request.POST or None, instance=mine)
    open_case = application.status in Application.OPEN_STATUSES
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your assessment is saved."))
            return redirect(application)
    context = {"application": application, "form": form, "open_case": open_case}
    return render(
        request,
        "nabolagspotten/cases/assess.html",
        context,
        status=400 if form.is_bound else 200,
    )


@login_required
def case_request_info(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_case_for_acting_handler(request, reference)
    form = InfoRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.info_request(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The request is sent to the applicant with a link to the application.")
            )
            return redirect(application)
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
    """The decision form. The confirmation box for a grant that leaves the area low is
    there only when the amount proposed (on GET, the suggested amount; after a POST, the
    amount posted) calls for it; with htmx the page asks again as the amount changes."""
    application = _get_case_for_acting_handler(request, reference)
    initial = _decision_initial(request, application)
    if request.method == "POST":
        data = request.POST
    elif request.htmx:
        data = request.GET
    else:
        data = None
    outcome, amount = DecisionForm.proposal(data) if data else ("", initial["amount"])
    budget = decisions.budget_warning(application, amount, outcome)
    low_budget = bool(budget and budget["low"])
    if request.method == "POST":
        form = DecisionForm(request.POST, initial=initial, low_budget=low_budget)
    else:
        confirmed = bool(data and data.get("confirm_low_budget"))
        form = DecisionForm(
            initial={**initial, "confirm_low_budget": confirmed}, low_budget=low_budget
        )
    if request.method == "POST" and form.is_valid():
        try:
            decisions.decision_make(
                application=application,
                by=request.user,
                **{"confirm_low_budget": False, **form.cleaned_data},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The decision is made. The letter is being sent to the applicant by e-mail."),
            )
            return redirect(application)
    context = {
        "application": application,
        "form": form,
        "possible": application.status == S.IN_REVIEW,
        "budget": budget,
        "low_budget": low_budget,
        "amount": amount,
    }
    if request.htmx and request.method == "GET":
        return render(request, "nabolagspotten/cases/decide.html#budget-check", context)
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
    application = _get_case_for_handler(request, reference)
    decision = _current_decision_or_404(application)
    access_record(user=request.user, application=application, what=PersonalDataAccess.What.LETTER)
    back_url = reverse("nabolagspotten:case", args=[application.reference])
    return letter_response(request, decision, back_url=back_url)


@login_required
def case_attachment(request: HttpRequest, reference: str, token: str) -> HttpResponse:
    application = _get_case_for_handler(request, reference)
    attachment = get_object_or_404(Attachment, application=application, token=token)
    response = attachment_response(attachment)  # 404 before the access is recorded
    access_record(
        user=request.user, application=application, what=PersonalDataAccess.What.ATTACHMENT
    )
    return response


@login_required
@require_POST
def case_revoke_links(request: HttpRequest, reference: str) -> HttpResponse:
    application = _get_case_for_handler(request, reference)
    count = services.links_revoke(application=application, by=request.user)
    messages.success(
        request,
        _("%(count)s personal link(s) withdrawn. The applicant can ask for a new one by e-mail.")
        % {"count": count},
    )
    return redirect(application)


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    if not can_handle_cases(request.user):
        raise PermissionDenied
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
    """Every handler reads the appeal; only one who has declared impartiality acts on it."""
    application = _get_case_for_handler(request, reference)
    appeal = get_object_or_404(
        Appeal.objects.select_related("decision", "handled_by"), pk=pk, application=application
    )
    may_act = can_assess(request.user, application)
    if request.method == "POST" and not may_act:
        raise PermissionDenied
    form = AppealHandleForm(request.POST or None, appeal=appeal)
    if request.method == "POST" and form.is_valid():
        step = APPEAL_STEPS[form.cleaned_data["action"]]
        try:
            step(appeal=appeal, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The appeal is updated and the applicant told."))
            return redirect(appeal)
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
    application = _get_case_for_handler(request, reference)
    form = AppealRegisterForm(request.POST)
    if form.is_valid():
        try:
            appeal = decisions.appeal_receive(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The appeal is registered."))
            return redirect(appeal)
    return _case_page_again(request, application, appeal_form=form)
