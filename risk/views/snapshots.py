"""Board snapshots: the list (with the programme leader's button to freeze a new one), one
snapshot's risks, and the changes between two snapshots."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from risk.models import Snapshot
from risk.permissions import can_freeze_snapshot, can_view_risks
from risk.services import snapshot_diff, snapshot_freeze


def _check_can_view(request: HttpRequest) -> None:
    if not can_view_risks(request.user):
        raise PermissionDenied


@login_required
def snapshot_list(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    snapshots = Snapshot.objects.select_related("taken_by").defer("data")
    context = {"snapshots": snapshots, "can_freeze": can_freeze_snapshot(request.user)}
    return render(request, "risk/snapshots.html", context)


@login_required
@require_POST
def snapshot_create(request: HttpRequest) -> HttpResponse:
    _check_can_view(request)
    if not can_freeze_snapshot(request.user):
        raise PermissionDenied
    note = request.POST.get("note", "").strip()[:200]
    snapshot = snapshot_freeze(by=request.user, note=note)
    messages.success(request, _("%(snapshot)s is frozen.") % {"snapshot": snapshot})
    return redirect(snapshot)


@login_required
def snapshot_detail(request: HttpRequest, number: int) -> HttpResponse:
    """One snapshot, and what changed since the one before it (or since `?fra=<number>`)."""
    _check_can_view(request)
    snapshot = get_object_or_404(Snapshot.objects.select_related("taken_by"), number=number)
    try:
        since = int(request.GET.get("fra", ""))
    except ValueError:
        since = None
    earlier = Snapshot.objects.filter(number__lt=snapshot.number)
    previous = earlier.filter(number=since).first() if since is not None else earlier.first()
    diff = snapshot_diff(previous, snapshot) if previous else None
    risks = sorted(snapshot.data["risks"].values(), key=lambda r: (r["register"], r["reference"]))
    context = {
        "snapshot": snapshot,
        "previous": previous,
        "earlier": earlier.defer("data"),
        "diff": diff,
        "risks": [risk for risk in risks if risk["status"] == "open"],
    }
    return render(request, "risk/snapshot.html", context)
