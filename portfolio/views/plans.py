"""The annual action plans (årlige handlingsplaner): the list, one plan, editing it, sending
it to the programme board, the board's comments and decision, the changes between two
versions, and the approved plan as a PDF."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.conflicts import EditConflict
from core.files import pdf_download_or_waiting
from core.forms import add_service_errors
from portfolio.forms.plans import (
    CommentForm,
    DecisionForm,
    DiffForm,
    PlanCreateForm,
    PlanEditForm,
)
from portfolio.models import ActionPlan, Goal, PlanSubmission
from portfolio.permissions import (
    can_comment_on_submission,
    can_decide_submission,
    can_edit_plan,
    can_view_plans,
)
from portfolio.services import plans as services
from portfolio.services.lessons import last_board_decision_date, lessons_so_far

APPROVED = (PlanSubmission.Decision.APPROVED, PlanSubmission.Decision.APPROVED_WITH_CONDITIONS)


def _check_can_view(request: HttpRequest) -> None:
    if not can_view_plans(request.user):
        raise PermissionDenied


def _plan_for(request: HttpRequest, year: int) -> ActionPlan:
    _check_can_view(request)
    return get_object_or_404(ActionPlan, year=year)


def _submission_for(request: HttpRequest, year: int, number: int) -> PlanSubmission:
    _check_can_view(request)
    return get_object_or_404(
        PlanSubmission.objects.select_related("plan", "submitted_by", "decided_by"),
        plan__year=year,
        number=number,
    )


# --- The list and a new plan ----------------------------------------------------------------


def _plans_page(request: HttpRequest, form: PlanCreateForm | None, status: int = 200):
    plans = ActionPlan.objects.annotate(submission_count=Max("submissions__number"))
    context = {"plans": plans, "form": form}
    return render(request, "portfolio/plans/list.html", context, status=status)


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    form = PlanCreateForm() if can_edit_plan(request.user) else None
    return _plans_page(request, form)


@login_required
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    if not can_edit_plan(request.user):
        raise PermissionDenied
    form = PlanCreateForm(request.POST)
    if form.is_valid():
        try:
            plan = services.plan_create(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan for %(year)s is created.") % {"year": plan.year})
            return redirect("portfolio:plan_edit", year=plan.year)
    return _plans_page(request, form)


# --- One plan -------------------------------------------------------------------------------


@login_required
def plan(request: HttpRequest, year: int) -> HttpResponse:
    plan = _plan_for(request, year)
    submissions = plan.submissions.select_related("submitted_by", "decided_by").order_by("-number")
    context = {
        "plan": plan,
        "priority_list": [
            {"goal_number": p.goal.number, "goal_name": p.goal.name, "text": p.text}
            for p in plan.priorities.select_related("goal")
        ],
        "budget": services.plan_budget(plan),
        "submissions": submissions,
        "can_edit": can_edit_plan(request.user, plan),
    }
    return render(request, "portfolio/plans/plan.html", context)


@login_required
def plan_edit(request: HttpRequest, year: int) -> HttpResponse:
    plan = _plan_for(request, year)
    if not can_edit_plan(request.user):
        raise PermissionDenied
    if not plan.is_editable:
        messages.error(request, services.plan_not_editable_message(plan))
        return redirect(plan)
    goals = Goal.objects.all()
    conflict = None
    if request.method == "POST":
        form = PlanEditForm(request.POST, plan=plan, goals=goals)
        if form.is_valid():
            try:
                services.plan_update(
                    plan=plan,
                    base_version=form.cleaned_data["version"],
                    introduction=form.cleaned_data["introduction"],
                    priorities=form.priorities,
                    project_ids=[project.pk for project in form.cleaned_data["projects"]],
                    by=request.user,
                )
            except EditConflict as error:
                conflict = error
                # Keep what the user typed, but with the version now stored, so saving
                # again (after reading what changed) is a conscious choice.
                data = request.POST.copy()
                plan.refresh_from_db()
                data["version"] = str(plan.version)
                form = PlanEditForm(data, plan=plan, goals=goals)
                form.is_valid()
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The plan is saved."))
                return redirect(plan)
    else:
        initial = {
            "version": plan.version,
            "introduction": plan.introduction,
            "projects": list(plan.projects.values_list("pk", flat=True)),
        }
        for priority in plan.priorities.all():
            initial[f"priority_{priority.goal_id}"] = priority.text
        form = PlanEditForm(initial=initial, plan=plan, goals=goals)
    context = {"plan": plan, "form": form, "conflict": conflict}
    status = 409 if conflict else 400 if request.method == "POST" else 200
    return render(request, "portfolio/plans/edit.html", context, status=status)


@login_required
def plan_submit(request: HttpRequest, year: int) -> HttpResponse:
    """Send the plan to the board: a confirmation page first (GET) that shows what is sent
    and who is told, then the sending (POST)."""
    plan = _plan_for(request, year)
    if not can_edit_plan(request.user):
        raise PermissionDenied
    if request.method == "GET":
        if not plan.is_editable:
            messages.error(request, services.plan_not_editable_message(plan))
            return redirect(plan)
        context = {
            "plan": plan,
            "budget": services.plan_budget(plan),
            "board": list(services.board_members()),
            "next_number": (plan.submissions.aggregate(number=Max("number"))["number"] or 0) + 1,
        }
        return render(request, "portfolio/plans/submit_confirm.html", context)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        submission = services.plan_submit(plan=plan, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(plan)
    messages.success(
        request,
        _(
            "Version %(number)s of the plan is sent to the programme board, "
            "and the board's members are told by e-mail."
        )
        % {"number": submission.number},
    )
    return redirect(submission)


# --- A submission: the board's comments and decision ----------------------------------------


def _submission_page(
    request: HttpRequest,
    submission: PlanSubmission,
    *,
    comment_form=None,
    decision_form=None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    latest = submission.plan.submissions.aggregate(number=Max("number"))["number"]
    can_comment = can_comment_on_submission(user, submission)
    can_decide = can_decide_submission(user, submission) and submission.number == latest
    context = {
        "plan": submission.plan,
        "submission": submission,
        "content": submission.content,
        "budget": services.budget_from_snapshot(submission.content),
        "comments": submission.comments.select_related("author"),
        "is_latest": submission.number == latest,
        "latest": latest,
        "comment_form": (comment_form or CommentForm()) if can_comment else None,
        "decision_form": (decision_form or DecisionForm()) if can_decide else None,
        "is_approved": submission.decision in APPROVED,
        **_lessons_beside(submission),
    }
    return render(request, "portfolio/plans/submission.html", context, status=status)


LESSONS_SHOWN = 8


def _lessons_beside(submission: PlanSubmission) -> dict:
    """«Lærdommer så langt» beside the plan: the lessons since the board's last decision
    before this version was sent (all lessons if the board had decided nothing yet)."""
    since = last_board_decision_date(before=submission.submitted_at)
    lessons = lessons_so_far(since=since or datetime.date.min)
    return {
        "lessons": list(lessons[:LESSONS_SHOWN]),
        "lessons_count": lessons.count(),
        "lessons_since": since,
    }


@login_required
def submission(request: HttpRequest, year: int, number: int) -> HttpResponse:
    return _submission_page(request, _submission_for(request, year, number))


@login_required
@require_POST
def submission_comment(request: HttpRequest, year: int, number: int) -> HttpResponse:
    submission = _submission_for(request, year, number)
    if not can_comment_on_submission(request.user, submission):
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
            messages.success(request, _("Your comment is saved."))
            return redirect(f"{submission.get_absolute_url()}#comments")
    return _submission_page(request, submission, comment_form=form, status=400)


@login_required
@require_POST
def submission_decide(request: HttpRequest, year: int, number: int) -> HttpResponse:
    submission = _submission_for(request, year, number)
    if not can_decide_submission(request.user, submission):
        if submission.decision and request.user.is_board_member:
            messages.error(request, _("The board's decision on this version is already recorded."))
            return redirect(submission)
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


# --- What changed, and the PDF ----------------------------------------------------------------


@login_required
def plan_diff(request: HttpRequest, year: int) -> HttpResponse:
    plan = _plan_for(request, year)
    submissions = {s.number: s for s in plan.submissions.all()}
    numbers = sorted(submissions)
    asked = "fra" in request.GET or "til" in request.GET
    if asked:
        form = DiffForm(request.GET, numbers=numbers)
    else:
        initial = {"fra": numbers[-2], "til": numbers[-1]} if len(numbers) > 1 else {}
        form = DiffForm(initial=initial, numbers=numbers)
    diff = older = newer = None
    status = 200
    if asked:
        if form.is_valid():
            older = submissions[form.cleaned_data["fra"]]
            newer = submissions[form.cleaned_data["til"]]
            diff = services.submission_diff(older, newer)
        else:
            status = 400
    context = {
        "plan": plan,
        "form": form,
        "numbers": numbers,
        "diff": diff,
        "older": older,
        "newer": newer,
    }
    return render(request, "portfolio/plans/diff.html", context, status=status)


@login_required
def submission_pdf(request: HttpRequest, year: int, number: int) -> HttpResponse:
    """The approved version as a PDF: the stored file, made once by a background task when
    the board approved it (never rendered here). Until it exists, a page that says it is
    being made and picks it up when ready (htmx polling; without JavaScript, reload)."""
    submission = _submission_for(request, year, number)
    if submission.decision not in APPROVED:
        raise Http404
    back = _("Back to the action plan %(year)s, version %(number)s")
    return pdf_download_or_waiting(
        request,
        submission.pdf,
        filename=services.plan_pdf_filename(submission),
        back_url=submission.get_absolute_url(),
        back_text=back % {"year": submission.plan.year, "number": submission.number},
    )
