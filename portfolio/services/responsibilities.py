"""What a staff member is responsible for in the portfolio, for their home page."""

from django.db.models import Q

from portfolio.models import PlanSubmission, Project

Status = Project.Status
ACTIVE = [Status.PROPOSAL, Status.ASSESSED, Status.IN_PORTFOLIO]
SHOWN = 10  # rows per list on the home page; the lists link to the full overview


def responsibilities_for(user) -> dict:
    """Lists for the home page, each in one query, empty when the role has none."""
    found = {}
    if user.is_programme_leader:
        found["to_assess"] = list(
            Project.objects.filter(status=Status.PROPOSAL).order_by("created_at")[:SHOWN]
        )
        found["to_admit"] = list(
            Project.objects.filter(status=Status.ASSESSED).order_by("title")[:SHOWN]
        )
    if user.is_change_leader or user.is_project_leader:
        mine = Q(change_leader=user) | Q(project_leader=user)
        if user.unit_id:
            mine |= Q(owner_unit_id=user.unit_id)
        found["my_projects"] = list(
            Project.objects.filter(mine, status__in=ACTIVE)
            .select_related("owner_unit")
            .order_by("title")[:SHOWN]
        )
    if user.is_change_leader and user.unit_id:
        found["ownership_to_accept"] = list(
            Project.objects.filter(
                owner_unit_id=user.unit_id,
                ownership_accepted_at__isnull=True,
                status__in=[Status.PROPOSAL, Status.ASSESSED],
            ).order_by("title")[:SHOWN]
        )
    if user.is_board_member or user.is_programme_leader:
        found["awaiting_decision"] = list(
            PlanSubmission.objects.filter(decision="", plan__status="sendt")
            .select_related("plan")
            .order_by("plan__year", "number")[:SHOWN]
        )
    return found
