"""The one line at the top of each view that fetches the object for this person, named for
the access it means (as healthchecks' `_get_check_for_user`). Each either returns the
object or raises: 403 (PermissionDenied) for someone who may not have this kind of access
at all, 404 for an object that does not exist for them.

- `_get_case_for_handler`: a case handler or the programme leader reads the case (drafts
  belong to the applicant and are not shown to staff);
- `_get_case_for_acting_handler`: the same, and they have declared themselves impartial
  in this case, so they may act on it;
- `_get_application_for_applicant`: the applicant, whose browser session came in by a
  personal link to this very application that is not revoked, and is not idle for too
  long (access.py); 404 for anyone else, never a hint that the case exists;
- `_get_round_for_staff` / `_get_round_for_manager`: a round, for any staff member / for
  the programme leader, who sets rounds up.

Private to the views: the names say which access a view means.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from nabolagspotten import access
from nabolagspotten.models import AccessLink, Application, Round
from nabolagspotten.permissions import (
    can_assess,
    can_handle_cases,
    can_manage_rounds,
    can_view_rounds,
)


def _get_case_for_handler(
    request: HttpRequest, reference: str, queryset: QuerySet | None = None
) -> Application:
    """The case (not a draft), for a case handler or the programme leader; 403 for anyone
    else, 404 when there is no such case. `queryset` may add what the page prefetches."""
    if not can_handle_cases(request.user):
        raise PermissionDenied
    queryset = Application.objects.all() if queryset is None else queryset
    return get_object_or_404(
        queryset.select_related("round", "area").exclude(status=Application.Status.DRAFT),
        reference=reference,
    )


def _get_case_for_acting_handler(request: HttpRequest, reference: str) -> Application:
    """The case, for a handler who has declared impartiality in it; 403 for anyone else
    (also for a handler who has not declared, or who is inhabil), 404 for no such case."""
    application = _get_case_for_handler(request, reference)
    if not can_assess(request.user, application):
        raise PermissionDenied
    return application


def _get_application_for_applicant(request: HttpRequest, reference: str) -> Application:
    """The application with this case number, if this browser session came in by a link
    to it that is not revoked, and has not been idle for NABOLAGSPOTTEN_SESSION_HOURS;
    404 otherwise. A revoked link ends access at once."""
    application = (
        Application.objects.select_related("round", "area")
        .filter(reference=reference, anonymised_at__isnull=True)
        .first()
    )
    link_id = access.session_link_id(request, application) if application else None
    if link_id is None:
        raise Http404
    link = AccessLink.objects.filter(pk=link_id, application=application).first()
    if link is None or not link.keeps_session or access.session_idle_too_long(request):
        access.forget(request, application.pk)
        raise Http404
    return application


def _get_round_for_staff(request: HttpRequest, pk: int) -> Round:
    """The round, for any staff member (rounds hold no personal data); 403 for others."""
    if not can_view_rounds(request.user):
        raise PermissionDenied
    return get_object_or_404(Round, pk=pk)


def _get_round_for_manager(request: HttpRequest, pk: int) -> Round:
    """The round, for the programme leader, who may change it; 403 for anyone else."""
    if not (can_view_rounds(request.user) and can_manage_rounds(request.user)):
        raise PermissionDenied
    return get_object_or_404(Round, pk=pk)
