"""The register, one benefit, creating and editing one, indicators, measurements and the
status transitions (each behind a confirmation page)."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benefits import permissions as perms
from benefits.charts import trend_chart
from benefits.forms import (
    BenefitForm,
    HandoverForm,
    IndicatorForm,
    MeasurementForm,
    PriorityForm,
    RegisterFilterForm,
    TransitionForm,
)
from benefits.models import Baseline, Benefit, Indicator, Measurement, Target
from benefits.services import benefits as services
from benefits.services.status import indicator_status
from core.files import file_download
from core.uploads import EXTENSIONS

PAGE_SIZE = 50  # benefits per page of the register

TRANSITIONS = {
    "planlegg": (services.benefit_plan, gettext_lazy("Mark the benefit as planned")),
    "start": (services.benefit_start_realisation, gettext_lazy("Start the realisation")),
    "realisert": (services.benefit_realise, gettext_lazy("Mark the benefit as realised")),
    "overfor": (
        services.benefit_hand_over,
        gettext_lazy("Hand the benefit over to ordinary operations"),
    ),
    "ikke-realisert": (services.benefit_abandon, gettext_lazy("Mark as not realised")),
}
# The status each move leads to (the services know where it may start from).
MOVES_TO = {
    "planlegg": Benefit.Status.PLANNED,
    "start": Benefit.Status.REALISING,
    "realisert": Benefit.Status.REALISED,
    "overfor": Benefit.Status.HANDED_OVER,
    "ikke-realisert": Benefit.Status.NOT_REALISED,
}


def _check_can_view(request):
    if not perms.can_view_benefits(request.user):
        raise PermissionDenied


def _indicators_prefetch():
    return Prefetch(
        "indicators",
        queryset=Indicator.objects.select_related("area").prefetch_related(
            "baselines", "targets", "measurements"
        ),
    )


def indicator_groups(indicators) -> list:
    """The indicators grouped by area (perceived change: survey results per area and year),
    those of the whole benefit first, then the areas by name; empty when no indicator has an
    area (the page then lists them ungrouped)."""
    if not any(i.area_id for i in indicators):
        return []
    groups = {}
    for indicator in sorted(
        indicators, key=lambda i: (i.area is not None, i.area.name if i.area else "")
    ):
        groups.setdefault(indicator.area, []).append(indicator)
    return list(groups.items())


def _with_status(indicator):
    measurements = list(indicator.measurements.all())
    indicator.status = indicator_status(indicator)
    indicator.status_label = Indicator.Judgement(indicator.status).label if indicator.status else ""
    approved = [m for m in measurements if m.state == Measurement.State.APPROVED]
    indicator.latest = approved[-1] if approved else None
    indicator.awaiting = [m for m in measurements if m.state == Measurement.State.AWAITING]
    return indicator


@login_required
def register(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    form = RegisterFilterForm(request.GET)
    benefits = (
        Benefit.objects.filter(**form.filters())
        .select_related("goal", "owner_unit")
        .prefetch_related("areas", _indicators_prefetch())
        .distinct()
        .order_by("title", "pk")
    )
    page = Paginator(benefits, PAGE_SIZE).get_page(request.GET.get("page"))
    for benefit in page.object_list:
        benefit.indicator_list = [_with_status(i) for i in benefit.indicators.all()]
    context = {
        "form": form,
        "page": page,
        "benefits": page.object_list,
        "can_create": perms.can_create_benefit(request.user),
        "can_import": perms.can_import_measurements(request.user),
    }
    return render(request, "benefits/register.html", context)


def _benefit(pk):
    return get_object_or_404(
        Benefit.objects.select_related("goal", "owner_unit", "accountable").prefetch_related(
            "areas", "strategies", "focus_areas", "levels", _indicators_prefetch()
        ),
        pk=pk,
    )


@login_required
def benefit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _check_can_view(request)
    benefit = _benefit(pk)
    indicators = [_with_status(i) for i in benefit.indicators.all()]
    for indicator in indicators:
        indicator.chart = trend_chart(indicator)
        indicator.can_record = perms.can_record_measurement(request.user, indicator)
    user = request.user
    context = {
        "benefit": benefit,
        "indicators": indicators,
        "indicator_groups": indicator_groups(indicators),
        "contributions": benefit.contributions.select_related("project"),
        "events": benefit.events.select_related("actor"),
        "can_edit": perms.can_edit_benefit(user, benefit),
        "can_set_priority": perms.can_set_priority(user, benefit),
        "can_approve": perms.can_approve_measurements(user, benefit),
        "transitions": [
            (slug, label)
            for slug, (_f, label) in TRANSITIONS.items()
            if benefit.status in services.MOVES_FROM[MOVES_TO[slug]]
            and perms.can_move_benefit(user, benefit)
        ],
    }
    return render(request, "benefits/detail.html", context)


def _form_page(request, form, benefit, status=200):
    return render(request, "benefits/form.html", {"form": form, "benefit": benefit}, status=status)


@login_required
def benefit_create(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    if not perms.can_create_benefit(request.user):
        raise PermissionDenied
    initial = {"owner_unit": request.user.unit_id}
    form = BenefitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            projects = data.pop("direct_projects", [])
            benefit = services.benefit_create(
                by=request.user,
                contributions=[(project, "direkte") for project in projects],
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The benefit is registered."))
            return redirect(benefit)
    return _form_page(request, form, None, status=400 if form.is_bound else 200)


@login_required
def benefit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _check_can_view(request)
    benefit = _benefit(pk)
    if not perms.can_edit_benefit(request.user, benefit):
        raise PermissionDenied(perms.why_not_edit_benefit(request.user, benefit))
    form = BenefitForm(request.POST or None, instance=benefit)
    del form.fields["direct_projects"]
    if request.method == "POST" and form.is_valid():
        try:
            services.benefit_update(benefit=benefit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The benefit is saved."))
            return redirect(benefit)
    return _form_page(request, form, benefit, status=400 if form.is_bound else 200)


@login_required
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    _check_can_view(request)
    benefit = _benefit(pk)
    if not perms.can_edit_benefit(request.user, benefit):
        raise PermissionDenied(perms.why_not_edit_benefit(request.user, benefit))
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_create(benefit=benefit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The indicator is added."))
            return redirect(benefit)
    context = {"form": form, "benefit": benefit}
    return render(
        request, "benefits/indicator_form.html", context, status=400 if form.is_bound else 200
    )


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def measurement_create(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    _check_can_view(request)
    indicator = get_object_or_404(
        Indicator.objects.select_related("benefit"), pk=indicator_pk, benefit_id=pk
    )
    if not perms.can_record_measurement(request.user, indicator):
        raise PermissionDenied
    form = MeasurementForm(request.POST or None, request.FILES or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.measurement_record(
                indicator=indicator,
                by=request.user,
                period_end=data["period_end"],
                value=data.get("value"),
                text=data.get("text", ""),
                comment=data.get("comment", ""),
                evidence=data.get("evidence"),
                awaiting=perms.measurement_awaits_approval(request.user, indicator),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The measurement is recorded."))
            return redirect(indicator.benefit)
    context = {"form": form, "indicator": indicator, "benefit": indicator.benefit}
    return render(
        request, "benefits/measurement_form.html", context, status=400 if form.is_bound else 200
    )


@login_required
def measurement_approve(request: HttpRequest, pk: int, measurement_pk: int) -> HttpResponse:
    _check_can_view(request)
    if request.method != "POST":
        raise Http404
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator__benefit"),
        pk=measurement_pk,
        indicator__benefit_id=pk,
    )
    if not perms.can_approve_measurements(request.user, measurement.indicator.benefit):
        raise PermissionDenied
    try:
        services.measurement_approve(measurement=measurement, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The measurement is approved."))
    return redirect(measurement.indicator.benefit)


@login_required
def benefit_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _check_can_view(request)
    if action not in TRANSITIONS:
        raise Http404
    benefit = _benefit(pk)
    if not perms.can_move_benefit(request.user, benefit):
        raise PermissionDenied(perms.why_not_edit_benefit(request.user, benefit))
    function, label = TRANSITIONS[action]
    if action == "overfor":
        form = HandoverForm(
            request.POST or None,
            initial={"receiving_unit": benefit.owner_unit_id, "follow_up": benefit.follow_up},
        )
    else:
        form = TransitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if action == "overfor":
                function(benefit=benefit, by=request.user, **form.cleaned_data)
            elif action == "ikke-realisert":
                function(benefit=benefit, by=request.user, reason=note)
            else:
                function(benefit=benefit, by=request.user, note=note)
        except ValidationError as error:
            if action == "overfor":
                _add_errors(form, error)
            elif hasattr(error, "error_dict"):
                form.add_error("note", error.messages)
            else:
                form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The status is now: %(status)s.") % {"status": benefit.get_status_display()},
            )
            return redirect(benefit)
    context = {"form": form, "benefit": benefit, "label": label, "action": action}
    return render(
        request, "benefits/transition.html", context, status=400 if form.is_bound else 200
    )


@login_required
def benefit_priority(request: HttpRequest, pk: int) -> HttpResponse:
    _check_can_view(request)
    benefit = _benefit(pk)
    if not perms.can_set_priority(request.user, benefit):
        raise PermissionDenied
    form = PriorityForm(request.POST or None, initial={"priority": benefit.priority})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            services.benefit_set_priority(
                benefit=benefit, by=request.user, priority=form.cleaned_data["priority"]
            )
        messages.success(request, _("The priority is set."))
        return redirect(benefit)
    context = {"form": form, "benefit": benefit}
    return render(request, "benefits/priority.html", context, status=400 if form.is_bound else 200)


__all__ = ["Baseline", "Target"]


@login_required
def measurement_evidence(request: HttpRequest, pk: int, measurement_pk: int) -> HttpResponse:
    """A measurement's evidence file, for whoever reads the register (programme staff):
    stored under MEDIA_ROOT, which no URL serves, and handed out only here."""
    _check_can_view(request)
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator"),
        pk=measurement_pk,
        indicator__benefit_id=pk,
    )
    if not measurement.evidence:
        raise Http404
    name = os.path.basename(measurement.evidence.name)
    content_type = EXTENSIONS.get(os.path.splitext(name)[1].lower(), "application/octet-stream")
    return file_download(measurement.evidence, filename=name, content_type=content_type)
