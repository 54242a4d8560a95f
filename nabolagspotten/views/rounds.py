"""Rounds (søknadsrunder) and statistics: every staff member reads them (they hold no
personal data); the programme leader sets rounds up and changes them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import add_service_errors
from nabolagspotten.forms.rounds import RoundForm, YearForm
from nabolagspotten.models import Application, Round
from nabolagspotten.permissions import can_manage_rounds, can_view_rounds
from nabolagspotten.services import ledger, statistics
from nabolagspotten.services.rounds import round_create, round_update
from nabolagspotten.views.lookups import _get_round_for_manager, _get_round_for_staff


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """Every round with its totals, newest first: one query for the rounds, one for the
    ledger of all of them."""
    if not can_view_rounds(request.user):
        raise PermissionDenied
    rounds = list(Round.objects.all())
    by_round = ledger.rounds_ledgers(rounds)
    items = [{"round": r, "totals": ledger.totals(by_round.get(r.pk, []))} for r in rounds]
    context = {"items": items, "can_manage": can_manage_rounds(request.user)}
    return render(request, "nabolagspotten/rounds/list.html", context)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _get_round_for_staff(request, pk)
    ledgers = ledger.round_ledger(round_)
    counts = dict(
        Application.objects.filter(round=round_)
        .exclude(status=Application.Status.DRAFT)
        .values_list("status")
        .order_by()
        .annotate(n=Count("pk"))
    )
    statuses = [
        {"label": label, "count": counts.get(value, 0)}
        for value, label in Application.Status.choices
        if value != Application.Status.DRAFT
    ]
    context = {
        "round": round_,
        "ledgers": ledgers,
        "totals": ledger.totals(ledgers),
        "statuses": statuses,
        "total_count": sum(counts.values()),
        "can_manage": can_manage_rounds(request.user),
    }
    return render(request, "nabolagspotten/rounds/detail.html", context)


def _form_page(request, form, round_=None) -> HttpResponse:
    context = {"form": form, "round": round_}
    return render(
        request, "nabolagspotten/rounds/form.html", context, status=400 if form.is_bound else 200
    )


@login_required
def round_create_view(request: HttpRequest) -> HttpResponse:
    if not (can_view_rounds(request.user) and can_manage_rounds(request.user)):
        raise PermissionDenied
    form = RoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = round_create(by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round is set up."))
            return redirect(round_)
    return _form_page(request, form)


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _get_round_for_manager(request, pk)
    form = RoundForm(request.POST if request.method == "POST" else None, round_=round_)
    if request.method == "POST" and form.is_valid():
        try:
            round_update(round_=round_, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect(round_)
    round_.refresh_from_db()
    return _form_page(request, form, round_)


@login_required
def statistics_view(request: HttpRequest) -> HttpResponse:
    """Applications, grants and amounts per round and area (no personal data)."""
    if not can_view_rounds(request.user):
        raise PermissionDenied
    form = YearForm(request.GET or None)
    year = form.chosen_year() if form.is_bound else None
    rows = statistics.grant_statistics(year=year)
    groups = statistics.by_round(rows)
    context = {
        "form": form,
        "year": year,
        "groups": groups,
        "total": statistics.total(rows),
    }
    return render(request, "nabolagspotten/rounds/statistics.html", context)
