"""A project's pages: the project itself with its gate, money, status reports and timeline,
and the forms that change it. Every staff member reads every project; who may change what
is decided by portfolio.permissions, per project."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.conflicts import EditConflict
from core.forms import add_service_errors
from portfolio.forms.projects import (
    AssessmentForm,
    BudgetLineForm,
    PartnerForm,
    ProjectForm,
    ReasonForm,
    StatusReportForm,
)
from portfolio.models import (
    BudgetLine,
    CriterionAssessment,
    ExternalPartner,
    Project,
    ProjectEvent,
    SelectionCriterion,
    StatusReport,
    Strategy,
)
from portfolio.permissions import (
    can_accept_ownership,
    can_create_project,
    can_edit_project,
    can_manage_project_lifecycle,
    can_report_on_project,
    can_view_portfolio,
    why_not_edit_project,
)
from portfolio.services import projects as services


def _project_for(request, pk: int) -> Project:
    """The project (404 if there is none), for a user who may read the portfolio (else 403)."""
    if not can_view_portfolio(request.user):
        raise PermissionDenied
    return get_object_or_404(Project.objects.select_related("owner_unit"), pk=pk)


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_view_portfolio(request.user):
        raise PermissionDenied
    project = get_object_or_404(_detail_queryset(), pk=pk)
    return render(request, "portfolio/projects/detail.html", _detail_context(request, project))


def _detail_queryset():
    """Everything the project page shows, in a fixed number of queries."""
    return Project.objects.select_related(
        "owner_unit", "change_leader", "project_leader", "ownership_accepted_by", "created_by"
    ).prefetch_related(
        "areas",
        "goals",
        Prefetch("strategies", queryset=Strategy.objects.select_related("goal")),
        "focus_areas",
        "levels",
        "participating_units",
        "partners",
        Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("year", "source", "pk")),
        Prefetch("status_reports", queryset=StatusReport.objects.select_related("author")),
        Prefetch("events", queryset=ProjectEvent.objects.select_related("actor")),
        Prefetch("assessments", queryset=CriterionAssessment.objects.select_related("assessed_by")),
    )


def _detail_context(request, project, **extra) -> dict:
    user = request.user
    assessments = {a.criterion_id: a for a in project.assessments.all()}
    criteria = [(c, assessments.get(c.pk)) for c in SelectionCriterion.objects.all()]
    lines = list(project.budget_lines.all())
    years = sorted({line.year for line in lines})
    money = [
        {
            "year": year,
            "lines": [line for line in lines if line.year == year],
            "planned": sum(line.planned for line in lines if line.year == year),
            "spent": sum(line.spent for line in lines if line.year == year),
        }
        for year in years
    ]
    gate_open = project.status in (Project.Status.PROPOSAL, Project.Status.ASSESSED)
    context = {
        "project": project,
        "criteria": criteria,
        "gaps": services.admission_gaps(project) if gate_open else [],
        "gate_open": gate_open,
        "money": money,
        "total_planned": sum(line.planned for line in lines),
        "total_spent": sum(line.spent for line in lines),
        "reports": list(project.status_reports.all()),
        "events": list(project.events.all()),
        "transitions": services.available_transitions(project)
        if can_manage_project_lifecycle(user, project)
        else [],
        "reason_form": ReasonForm(),
        "may_edit": can_edit_project(user, project),
        "may_manage": can_manage_project_lifecycle(user, project),
        "may_accept": can_accept_ownership(user, project) and project.ownership_accepted_at is None,
        "may_report": can_report_on_project(user, project),
    }
    context.update(extra)
    return context


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    if not can_create_project(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                project = services.project_create(by=request.user, **form.service_fields())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The proposal is registered."))
                return redirect(project)
        return render(request, "portfolio/projects/form.html", {"form": form}, status=400)
    return render(request, "portfolio/projects/form.html", {"form": form})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk)
    if not can_edit_project(request.user, project):
        raise PermissionDenied(why_not_edit_project(request.user, project))
    form = ProjectForm(request.POST or None, instance=project)
    if request.method != "POST":
        return render(request, "portfolio/projects/form.html", {"form": form, "project": project})
    if form.is_valid():
        base_version = form.cleaned_data.get("version") or 0
        try:
            services.project_update(
                project=project, by=request.user, base_version=base_version, **form.service_fields()
            )
        except EditConflict as conflict:
            current = Project.objects.get(pk=pk)
            data = request.POST.copy()
            data["version"] = current.version  # saving again now overwrites, knowingly
            form = ProjectForm(data, instance=current)
            form.is_valid()
            context = {"form": form, "project": current, "conflict": conflict}
            return render(request, "portfolio/projects/form.html", context, status=409)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project is saved."))
            return redirect(project)
    return render(
        request, "portfolio/projects/form.html", {"form": form, "project": project}, status=400
    )


@login_required
def project_assess(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    project = _project_for(request, pk)
    if not can_manage_project_lifecycle(request.user, project):
        raise PermissionDenied
    criterion = get_object_or_404(SelectionCriterion, number=number)
    existing = CriterionAssessment.objects.filter(project=project, criterion=criterion).first()
    form = AssessmentForm(request.POST or None, instance=existing)
    context = {"form": form, "project": project, "criterion": criterion}
    if request.method != "POST":
        return render(request, "portfolio/projects/assess.html", context)
    if form.is_valid():
        try:
            services.criterion_assess(
                project=project,
                criterion=criterion,
                by=request.user,
                result=form.cleaned_data["result"],
                justification=form.cleaned_data["justification"],
                assessed_on=form.cleaned_data["assessed_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect(project)
    return render(request, "portfolio/projects/assess.html", context, status=400)


@login_required
@require_POST
def project_accept_ownership(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk)
    if not can_accept_ownership(request.user, project):
        raise PermissionDenied
    try:
        services.ownership_accept(project=project, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your unit has accepted ownership of the result."))
    return redirect(project)


@login_required
def project_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Move the project (POST). A transition that ends the project (close, reject, stop)
    first shows a confirmation page (GET) that asks for the reason."""
    project = _project_for(request, pk)
    if not can_manage_project_lifecycle(request.user, project):
        raise PermissionDenied
    transition = next(
        (t for t in services.available_transitions(project) if t.name == action), None
    )
    if transition is None:
        raise Http404
    if request.method == "GET":
        if not transition.needs_reason:
            return HttpResponseNotAllowed(["POST"])
        return _confirm_page(request, project, transition, ReasonForm())
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = ReasonForm(request.POST)
    refusal = None
    if form.is_valid():
        kwargs = {"reason": form.cleaned_data["reason"]}
        try:
            transition.action(project=project, by=request.user, **kwargs)
        except ValidationError as error:
            if transition.needs_reason:
                add_service_errors(form, error)
            refusal = error.messages
        else:
            messages.success(
                request,
                _("The project is now «%(status)s».") % {"status": project.get_status_display()},
            )
            return redirect(project)
    if transition.needs_reason:
        return _confirm_page(request, project, transition, form, status=400)
    project = _detail_queryset().get(pk=pk)
    context = _detail_context(request, project, refusal=refusal, refused_action=action)
    return render(request, "portfolio/projects/detail.html", context, status=400)


def _confirm_page(request, project, transition, form, status: int = 200) -> HttpResponse:
    context = {"project": project, "transition": transition, "form": form}
    return render(request, "portfolio/projects/confirm_transition.html", context, status=status)


def _report_form(request, project, form_class, template, save, *, instance=None, success):
    if not can_report_on_project(request.user, project):
        raise PermissionDenied(why_not_edit_project(request.user, project))
    form = form_class(request.POST or None, instance=instance)
    context = {"form": form, "project": project, "instance": instance}
    if request.method != "POST":
        return render(request, template, context)
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(project)
    return render(request, template, context, status=400)


@login_required
def budget_line_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk)
    return _report_form(
        request,
        project,
        BudgetLineForm,
        "portfolio/projects/budget_line.html",
        lambda data: services.budget_line_add(project=project, by=request.user, **data),
        success=_("The budget line is added."),
    )


@login_required
def budget_line_edit(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    project = _project_for(request, pk)
    line = get_object_or_404(BudgetLine, pk=line_pk, project=project)
    return _report_form(
        request,
        project,
        BudgetLineForm,
        "portfolio/projects/budget_line.html",
        lambda data: services.budget_line_update(line=line, by=request.user, **data),
        instance=line,
        success=_("The budget line is saved."),
    )


@login_required
def status_report_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk)
    return _report_form(
        request,
        project,
        StatusReportForm,
        "portfolio/projects/status_report.html",
        lambda data: services.status_report_add(project=project, by=request.user, **data),
        success=_("The status report is added."),
    )


@login_required
def partner_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for(request, pk)
    if not can_edit_project(request.user, project):
        raise PermissionDenied(why_not_edit_project(request.user, project))
    return _report_form(
        request,
        project,
        PartnerForm,
        "portfolio/projects/partner.html",
        lambda data: services.partner_add(project=project, by=request.user, **data),
        success=_("The partner is added."),
    )


@login_required
@require_POST
def partner_delete(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    project = _project_for(request, pk)
    if not can_edit_project(request.user, project):
        raise PermissionDenied(why_not_edit_project(request.user, project))
    partner = get_object_or_404(ExternalPartner, pk=partner_pk, project=project)
    services.partner_remove(partner=partner, by=request.user)
    messages.success(request, _("The partner is removed."))
    return redirect(project)
