"""One risk: its page, registering and editing it, reviewing, escalating, closing and
accepting it, and adding an action."""

import operator
from functools import reduce

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from core.forms import add_service_errors
from portfolio.models import ExternalPartner, Project
from risk.forms import (
    AcceptanceForm,
    ActionForm,
    CloseForm,
    DelegateForm,
    EscalateForm,
    ReviewForm,
    RiskForm,
)
from risk.models import Matrix, Register, Risk
from risk.permissions import (
    can_accept_risk,
    can_add_project_risk,
    can_add_risk,
    can_delegate_risk,
    can_edit_risk,
    can_escalate_risk,
    can_view_risks,
)
from risk.services import (
    action_create,
    project_register,
    risk_accept,
    risk_close,
    risk_create,
    risk_delegate,
    risk_escalate,
    risk_review,
    risk_update,
)


def _staff():
    """Who may own a risk or an action: active staff, not the read-only Programeier."""
    changers = Group.objects.exclude(name=Role.PROGRAMME_OWNER.value)
    return get_user_model().objects.filter(is_active=True, groups__in=changers).distinct()


def _get_risk_for_reader(request: HttpRequest, pk: int) -> Risk:
    if not can_view_risks(request.user):
        raise PermissionDenied
    risks = Risk.objects.select_related(
        "register__area",
        "register__project",
        "register__matrix",
        "ros_area",
        "owner",
        "raised_by",
        "goal",
        "strategy__goal",
        "benefit",
        "indicator__benefit",
        "warning_indicator",
    )
    return get_object_or_404(risks, pk=pk)


def _render_form(request, template, context, form):
    return render(request, template, context, status=400 if form.is_bound else 200)


@login_required
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _get_risk_for_reader(request, pk)
    grid = risk.register.matrix.grid()
    tiers = []
    for tier, label in (
        ("inherent", _("Inherent")),
        ("current", _("Current")),
        ("forecast", _("After actions")),
        ("target", _("Target")),
    ):
        lk, cq = getattr(risk, f"{tier}_likelihood"), getattr(risk, f"{tier}_consequence")
        tiers.append(
            {"label": label, "likelihood": lk, "consequence": cq, "level": grid.get((lk, cq))}
        )
    may_edit = can_edit_risk(request.user, risk)
    context = {
        "risk": risk,
        "tiers": tiers,
        "actions": risk.actions.select_related("owner"),
        "reviews": risk.reviews.select_related("reviewed_by")[:20],
        "acceptances": risk.acceptances.select_related("accepted_by")[:5],
        "events": risk.events.select_related("actor")[:20],
        "can_edit": may_edit,
        "can_escalate": can_escalate_risk(request.user, risk),
        "can_delegate": can_delegate_risk(request.user, risk),
        "can_accept": can_accept_risk(request.user, risk),
    }
    return render(request, "risk/risk.html", context)


def _partners(register: Register | None, project=None, risk: Risk | None = None):
    """The local actors a risk may name: the partners of its register's project (or of the
    project it is registered for, or names), or of the projects of its register's area; and
    those it names already. None for a new risk in the programme's register."""
    project = project or (register.project if register else None)
    wanted = []
    if risk is not None:
        wanted.append(Q(pk__in=risk.partners.values("pk")))
        if risk.project_id:
            wanted.append(Q(project_id=risk.project_id))
    if project is not None:
        wanted.append(Q(project=project))
    elif register is not None and register.level == Register.Level.AREA:
        wanted.append(Q(project__areas=register.area_id))
    if not wanted:
        return None
    return (
        ExternalPartner.objects.filter(reduce(operator.or_, wanted))
        .select_related("project")
        .order_by("project__title", "name")
        .distinct()
    )


def _create(request: HttpRequest, *, register: Register | None, project=None) -> HttpResponse:
    matrix = register.matrix if register else Matrix.default()
    form = RiskForm(
        request.POST or None,
        matrix=matrix,
        owners=_staff(),
        partners=_partners(register, project),
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields["owner"] = fields["owner"] or request.user
        try:
            if register is None:
                register = project_register(project)
                fields["project"] = project
            risk = risk_create(register=register, by=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The risk is registered as %(ref)s.") % {"ref": risk.reference}
            )
            return redirect(risk)
    context = {"form": form, "register": register, "project": project, "risk": None}
    return _render_form(request, "risk/risk_form.html", context, form)


@login_required
def risk_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_view_risks(request.user):
        raise PermissionDenied
    register = get_object_or_404(Register.objects.select_related("matrix", "project"), pk=pk)
    if not can_add_risk(request.user, register):
        raise PermissionDenied
    return _create(request, register=register)


@login_required
def project_risk_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    """A risk in a project's register, which is made with its first risk."""
    if not can_view_risks(request.user):
        raise PermissionDenied
    project = get_object_or_404(Project, pk=project_pk)
    if not can_add_project_risk(request.user, project):
        raise PermissionDenied
    register = Register.objects.filter(project=project).select_related("matrix").first()
    return _create(request, register=register, project=project)


@login_required
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _get_risk_for_reader(request, pk)
    if not can_edit_risk(request.user, risk):
        raise PermissionDenied
    reference, title = risk.reference, risk.title
    form = RiskForm(
        request.POST or None,
        instance=risk,
        matrix=risk.register.matrix,
        owners=_staff(),
        partners=_partners(risk.register, risk.register.project, risk),
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields["owner"] = fields["owner"] or risk.owner
        try:
            risk_update(risk=risk, by=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The risk is saved."))
            return redirect(risk)
    context = {
        "form": form,
        "register": risk.register,
        "risk": risk,
        "reference": reference,
        "title": title,
    }
    return _render_form(request, "risk/risk_form.html", context, form)


def _risk_step(request, risk, *, form, service, success, heading, button):
    """A step on one risk (review, accept, close, add an action): the form, the service with
    its refusals on the form (400), and back to the risk with a message when it is done."""
    if request.method == "POST" and form.is_valid():
        try:
            service(risk=risk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success() if callable(success) else success)
            return redirect(risk)
    context = {"form": form, "risk": risk, "heading": heading, "button": button}
    return _render_form(request, "risk/step_form.html", context, form)


@login_required
def risk_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _get_risk_for_reader(request, pk)
    if not can_edit_risk(request.user, risk):
        raise PermissionDenied
    form = ReviewForm(
        request.POST or None,
        matrix=risk.register.matrix,
        initial={"likelihood": risk.current_likelihood, "consequence": risk.current_consequence},
    )
    return _risk_step(
        request,
        risk,
        form=form,
        service=risk_review,
        success=_("The review is recorded."),
        heading=_("Review the risk"),
        button=_("Record the review"),
    )


@login_required
def risk_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _get_risk_for_reader(request, pk)
    if not can_accept_risk(request.user, risk):
        raise PermissionDenied
    return _risk_step(
        request,
        risk,
        form=AcceptanceForm(request.POST or None),
        service=risk_accept,
        success=_("The risk is accepted."),
        heading=_("Accept the risk"),
        button=_("Accept the risk"),
    )


@login_required
def risk_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _get_risk_for_reader(request, pk)
    if not can_edit_risk(request.user, risk):
        raise PermissionDenied
    return _risk_step(
        request,
        risk,
        form=CloseForm(request.POST or None),
        service=risk_close,
        success=lambda: (
            _("The risk is %(status)s.") % {"status": risk.get_status_display().lower()}
        ),
        heading=_("Close the risk"),
        button=_("Close the risk"),
    )


@login_required
@require_POST
def risk_escalate_view(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _get_risk_for_reader(request, pk)
    if not can_escalate_risk(request.user, risk):
        raise PermissionDenied
    form = EscalateForm(request.POST)
    if form.is_valid():
        try:
            risk_escalate(risk=risk, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The risk is escalated to %(register)s as %(ref)s.")
                % {"register": risk.register, "ref": risk.reference},
            )
    else:
        messages.error(request, _("The note is too long."))
    return redirect(risk)


@login_required
def action_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _get_risk_for_reader(request, pk)
    if not can_edit_risk(request.user, risk):
        raise PermissionDenied
    return _risk_step(
        request,
        risk,
        form=ActionForm(request.POST or None, owners=_staff()),
        service=action_create,
        success=_("The action is added."),
        heading=_("Add an action"),
        button=_("Add the action"),
    )


@login_required
def risk_delegate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delegate the risk down: to a register directly beneath its own, and perhaps to a new
    owner there. It gets the next reference there and keeps its history."""
    risk = _get_risk_for_reader(request, pk)
    if not can_delegate_risk(request.user, risk):
        raise PermissionDenied
    beneath = Register.objects.filter(parent=risk.register).select_related("area", "project")
    form = DelegateForm(request.POST or None, registers=beneath, owners=_staff())
    old_reference = risk.reference

    def success():
        return _("%(old)s is delegated to %(register)s as %(ref)s.") % {
            "old": old_reference,
            "register": risk.register,
            "ref": risk.reference,
        }

    return _risk_step(
        request,
        risk,
        form=form,
        service=risk_delegate,
        success=success,
        heading=_("Delegate the risk to a register beneath"),
        button=_("Delegate the risk"),
    )
