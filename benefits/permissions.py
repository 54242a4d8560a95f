"""Who may do what with benefits: plain predicates, checked on the server in each view.

Every member of programme staff reads the whole register. The programme leader changes
everything. The change leader (Endringsleder) of the benefit's owning unit edits the benefit,
its indicators and their baselines and targets, moves it through its statuses, records
measurements and approves those waiting. A project leader records measurements on the
indicators of benefits their projects contribute to; those wait for the change leader's
approval. The board sets the priority and nothing else. No new role was needed.
"""

from django.utils.translation import gettext as _

from core.permissions import is_programme_staff


def can_view_benefits(user) -> bool:
    return is_programme_staff(user)


def can_create_benefit(user) -> bool:
    return is_programme_staff(user) and (user.is_programme_leader or user.is_change_leader)


def _owns(user, benefit) -> bool:
    return (
        user.is_change_leader and user.unit_id is not None and user.unit_id == benefit.owner_unit_id
    )


def can_edit_benefit(user, benefit) -> bool:
    """The programme leader, or the change leader of the benefit's owning unit."""
    if not is_programme_staff(user) or benefit.is_final:
        return False
    return user.is_programme_leader or _owns(user, benefit)


def why_not_edit_benefit(user, benefit) -> str:
    if benefit.is_final:
        return _("The benefit is «%(status)s», so it can no longer be changed.") % {
            "status": benefit.get_status_display()
        }
    if is_programme_staff(user) and (user.is_change_leader or user.is_project_leader):
        return _(
            "This benefit belongs to %(unit)s. Only the programme leader and the change leader "
            "of %(unit)s can change it."
        ) % {"unit": benefit.owner_unit.name}
    return ""


def can_move_benefit(user, benefit) -> bool:
    """Status transitions: as editing."""
    return can_edit_benefit(user, benefit)


def can_set_priority(user, benefit) -> bool:
    return is_programme_staff(user) and (user.is_board_member or user.is_programme_leader)


def _leads_a_contributing_project(user, benefit) -> bool:
    if not user.is_project_leader:
        return False
    return benefit.contributions.filter(project__project_leader_id=user.pk).exists() or (
        user.unit_id is not None
        and benefit.contributions.filter(project__owner_unit_id=user.unit_id).exists()
    )


def can_record_measurement(user, indicator) -> bool:
    benefit = indicator.benefit
    if not is_programme_staff(user) or benefit.is_final and benefit.status != "overfort_til_drift":
        return False
    return (
        can_approve_measurements(user, benefit)
        or _leads_a_contributing_project(user, benefit)
        or _receives(user, benefit)
    )


def measurement_awaits_approval(user, indicator) -> bool:
    """A project leader's measurement waits for the owner's approval."""
    return not can_approve_measurements(user, indicator.benefit)


def can_approve_measurements(user, benefit) -> bool:
    return is_programme_staff(user) and (
        user.is_programme_leader or _owns(user, benefit) or _receives(user, benefit)
    )


def _receives(user, benefit) -> bool:
    """The change leader of the unit that took a handed-over benefit into its operations."""
    return (
        user.is_change_leader
        and user.unit_id is not None
        and benefit.status == "overfort_til_drift"
        and user.unit_id == benefit.receiving_unit_id
    )


def can_follow_up(user, benefit) -> bool:
    """After the handover, the receiving unit's change leader records and approves the
    follow-up measurements (the project may be closed by then)."""
    return is_programme_staff(user) and _receives(user, benefit)


# --- Benefit-realisation plans ------------------------------------------------------------


def can_view_plans(user) -> bool:
    return is_programme_staff(user)


def can_create_plan(user) -> bool:
    """The programme leader and the change leaders draft plans."""
    return is_programme_staff(user) and (user.is_programme_leader or user.is_change_leader)


def can_edit_plan(user, plan) -> bool:
    """The programme leader, or a change leader whose unit owns the project or one of the
    plan's benefits, while the plan is a draft or sent back. Never the board."""
    if not is_programme_staff(user) or not plan.is_editable:
        return False
    if user.is_programme_leader:
        return True
    if not user.is_change_leader or user.unit_id is None:
        return False
    if plan.project_id and plan.project.owner_unit_id == user.unit_id:
        return True
    return plan.benefits().filter(owner_unit_id=user.unit_id).exists()


def can_submit_plan(user, plan) -> bool:
    """Only the programme leader sends a plan to the board."""
    return is_programme_staff(user) and user.is_programme_leader and plan.is_editable


def can_comment_on_plan(user, submission) -> bool:
    return is_programme_staff(user) and (user.is_board_member or user.is_programme_leader)


def can_decide_plan(user, submission) -> bool:
    """A board member records the board's decision on an undecided submission."""
    return is_programme_staff(user) and user.is_board_member and not submission.decision


# --- Importing measurements ---------------------------------------------------------------


def can_import_measurements(user) -> bool:
    return is_programme_staff(user) and (
        user.is_programme_leader or user.is_change_leader or user.is_project_leader
    )


def benefits_approvable_by(user):
    """The benefits whose measurements this person approves (and records at once), as a
    queryset: the same rule as can_approve_measurements, for a whole file at once."""
    from django.db.models import Q

    from benefits.models import Benefit

    if not is_programme_staff(user):
        return Benefit.objects.none()
    if user.is_programme_leader:
        return Benefit.objects.all()
    if not user.is_change_leader or user.unit_id is None:
        return Benefit.objects.none()
    return Benefit.objects.filter(
        Q(owner_unit_id=user.unit_id)
        | Q(status="overfort_til_drift", receiving_unit_id=user.unit_id)
    )


def benefits_recordable_by(user):
    """The benefits this person records measurements on (can_record_measurement for a whole
    file): those they approve, and a project leader's contributing projects' benefits."""
    from django.db.models import Q

    from benefits.models import Benefit

    if not can_import_measurements(user):
        return Benefit.objects.none()
    open_or_followed = ~Q(status="ikke_realisert")
    rule = Q(pk__in=benefits_approvable_by(user).values("pk"))
    if user.is_project_leader:
        rule |= Q(contributions__project__project_leader_id=user.pk)
        if user.unit_id is not None:
            rule |= Q(contributions__project__owner_unit_id=user.unit_id)
    return Benefit.objects.filter(rule & open_or_followed).values("pk")
