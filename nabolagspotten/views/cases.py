"""(being built)"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path

from nabolagspotten.permissions import can_view_rounds


@login_required
def staff_home(request):
    """(being built) Staff entry point."""
    if not can_view_rounds(request.user):
        raise PermissionDenied
    return redirect("home")


urlpatterns = [path("behandling/start/", staff_home, name="staff_home")]
