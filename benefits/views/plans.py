"""Benefit-realisation plans: the list, one plan, writing it, sending it to the programme
board, and the board's comments and decision on each frozen version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from benefits import permissions as perms
from benefits.forms import PlanCreateForm, PlanEditForm
from benefits.models import BenefitPlan, BenefitPlanSubmission
from benefits.services import plans as services
from core.files import pdf_download_or_waiting
from core.forms import add_service_errors
from portfolio.forms.plans import CommentForm, DecisionForm


def _check_can_view(request):
    if not perms.can_view_plans(request.user):
        raise PermissionDenied


def _plan(pk) -> BenefitPlan:
    return get_object_or_404(
        BenefitPlan.objects.select_related("project", "goal", "created_by"), pk=pk
    )


def _list_page(request, form, status=200):
    plans = BenefitPlan.objects.select_related("project", "goal").annotate(
        latest=Max("submissions__number")
    )
    context = {"plans": plans, "form": form}
    return render(request, "benefits/plans/list.html", context, status=status)


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    form = PlanCreateForm() if perms.can_create_plan(request.user) else None
    return _list_page(request, form)


@login_required
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    if not perms.can_create_plan(request.user):
        raise PermissionDenied
    form = PlanCreateForm(request.POST)
    if form.is_valid():
        try:
            plan = services.plan_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The benefit-realisation plan is created."))
            return redirect(plan)
    return _list_page(request, form, status=400)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _check_can_view(request)
    plan = _plan(pk)
    submissions = list(plan.submissions.select_related("submitted_by").order_by("-number"))
    context = {
        "plan": plan,
        "content": services.content_shown(services.plan_snapshot(plan)),
        "submissions": submissions,
        "can_edit": perms.can_edit_plan(request.user, plan),
        "can_submit": perms.can_submit_plan(request.user, plan),
    }
    return render(request, "benefits/plans/plan.html", context)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _check_can_view(request)
    plan = _plan(pk)
    if not perms.can_edit_plan(request.user, plan):
        if not plan.is_editable:
            raise PermissionDenied(services.plan_not_editable_message(plan))
        raise PermissionDenied
    form = PlanEditForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(plan)
    context = {"plan": plan, "form": form}
    return render(
        request, "benefits/plans/edit.html", context, status=400 if form.is_bound else 200
    )


@login_required
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """As the action plan's «Send til programstyret»: a confirmation page (GET) that says
    what is sent and which board members are told by e-mail, then the sending (POST)."""
    _check_can_view(request)
    plan = _plan(pk)
    if not perms.can_submit_plan(request.user, plan):
        if request.method == "GET" and not plan.is_editable and request.user.is_programme_leader:
            messages.error(request, services.plan_not_editable_message(plan))
            return redirect(plan)
        raise PermissionDenied
    problems = []
    if request.method == "POST":
        try:
            submission = services.plan_submit(plan=plan, by=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _(
                    "Version %(number)s is sent to the programme board, and the board's "
                    "members are told by e-mail."
                )
                % {"number": submission.number},
            )
            return redirect(submission)
    context = {
        "plan": plan,
        "problems": problems,
        "board": list(services.board_members()),
        "benefit_count": plan.benefits().distinct().count(),
        "next_number": (plan.submissions.aggregate(number=Max("number"))["number"] or 0) + 1,
    }
    return render(request, "benefits/plans/submit.html", context, status=400 if problems else 200)


def _submission(pk, number) -> BenefitPlanSubmission:
    return get_object_or_404(
        BenefitPlanSubmission.objects.select_related(
            "plan__project", "plan__goal", "submitted_by", "decided_by"
        ),
        plan_id=pk,
        number=number,
    )


def _submission_page(request, submission, comment_form=None, decision_form=None, status=200):
    user = request.user
    if comment_form is None and perms.can_comment_on_plan(user, submission):
        comment_form = CommentForm()
    if decision_form is None and perms.can_decide_plan(user, submission):
        decision_form = DecisionForm()
    latest = submission.plan.submissions.aggregate(number=Max("number"))["number"]
    context = {
        "plan": submission.plan,
        "submission": submission,
        "content": services.content_shown(submission.content),
        "comments": submission.comments.select_related("author"),
        "comment_form": comment_form,
        "decision_form": decision_form,
        "latest": latest,
        "is_latest": latest == submission.number,
        "can_set_priority": user.is_board_member or user.is_programme_leader,
    }
    return render(request, "benefits/plans/submission.html", context, status=status)


@login_required
def plan_submission(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    _check_can_view(request)
    return _submission_page(request, _submission(pk, number))


@login_required
@require_POST
def plan_submission_comment(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    _check_can_view(request)
    submission = _submission(pk, number)
    if not perms.can_comment_on_plan(request.user, submission):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.submission_comment(
                submission=submission, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The comment is added."))
            return redirect(submission.get_absolute_url() + "#comments")
    return _submission_page(request, submission, comment_form=form, status=400)


@login_required
@require_POST
def plan_submission_decide(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    _check_can_view(request)
    submission = _submission(pk, number)
    if not perms.can_decide_plan(request.user, submission):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.submission_decide(submission=submission, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The board's decision is recorded."))
            return redirect(submission)
    return _submission_page(request, submission, decision_form=form, status=400)


@login_required
def plan_submission_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """An approved version as a PDF: the file the background task stored when the board
    approved it (never rendered here), or the page that says it is being made."""
    _check_can_view(request)
    submission = _submission(pk, number)
    if not submission.is_approved:
        raise Http404
    back = _("Back to %(plan)s, version %(number)s")
    return pdf_download_or_waiting(
        request,
        submission.pdf,
        filename=services.plan_pdf_filename(submission),
        back_url=submission.get_absolute_url(),
        back_text=back % {"plan": submission.content["title"], "number": submission.number},
    )
