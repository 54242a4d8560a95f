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
from risk.services import snapshot_diff_page, snapshot_freeze, snapshot_open_risks


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


# The address's name for each list's page (`?ny=2`), and for the snapshot's open risks.
PAGE_PARAMETERS = {"new": "ny", "closed": "lukket", "changed": "endret", "moved": "flyttet"}
OPEN_PAGE_PARAMETER = "side"


def _page_link(request: HttpRequest, parameter: str, page: int, anchor: str) -> str:
    query = request.GET.copy()
    query[parameter] = page
    return f"?{query.urlencode()}#{anchor}"


def _links(request: HttpRequest, parameter: str, listing, anchor: str) -> dict:
    """One list's page, and the links to the pages before and after it (the other lists
    keep their pages; the link lands on the list's heading)."""
    link = lambda page: _page_link(request, parameter, page, anchor)  # noqa: E731
    return {
        "list": listing,
        "previous": link(listing.page - 1) if listing.has_previous else None,
        "next": link(listing.page + 1) if listing.has_next else None,
    }


@login_required
def snapshot_detail(request: HttpRequest, number: int) -> HttpResponse:
    """One snapshot, and what changed since the one before it (or since `?fra=<number>`).
    The diff is computed by the database and each of its lists is paged (50 a page, its
    own page in the address), as is the snapshot's list of open risks (100 a page), so the
    page costs the same whatever the size of the registers."""
    _check_can_view(request)
    snapshots = Snapshot.objects.select_related("taken_by").defer("data")
    snapshot = get_object_or_404(snapshots, number=number)
    try:
        since = int(request.GET.get("fra", ""))
    except ValueError:
        since = None
    earlier = Snapshot.objects.filter(number__lt=snapshot.number).defer("data")
    previous = earlier.filter(number=since).first() if since is not None else earlier.first()
    diff = None
    if previous:
        pages = {name: request.GET.get(parameter) for name, parameter in PAGE_PARAMETERS.items()}
        lists = snapshot_diff_page(previous, snapshot, pages)
        diff = {
            name: _links(request, PAGE_PARAMETERS[name], lists[name], f"diff-{name}")
            for name in lists
        }
    frozen = snapshot_open_risks(snapshot, request.GET.get(OPEN_PAGE_PARAMETER))
    context = {
        "snapshot": snapshot,
        "previous": previous,
        "earlier": earlier,
        "diff": diff,
        "frozen": _links(request, OPEN_PAGE_PARAMETER, frozen, "frozen-heading"),
    }
    return render(request, "risk/snapshot.html", context)
