"""Who may do what in the portfolio: plain predicates, checked on the server in each view.

Every member of programme staff (any role) reads the whole portfolio. What one may change
depends on role and unit: a unit's change leader and project leaders keep their own unit's
projects current; only the programme leader admits projects and prepares the plans; the
board comments on and decides the plans.
"""

from django.utils.translation import gettext as _

from core.permissions import is_programme_staff


def can_view_structure(user) -> bool:
    return is_programme_staff(user)


def can_view_portfolio(user) -> bool:
    return is_programme_staff(user)


# --- Projects ---------------------------------------------------------------------------


def can_create_project(user) -> bool:
    return is_programme_staff(user) and user.is_programme_leader


def can_edit_project(user, project) -> bool:
    """The programme leader, or a change or project leader of the project's own unit (or
    named on the project). A unit leader cannot change another unit's project."""
    if not is_programme_staff(user) or project.is_final:
        return False
    if user.is_programme_leader:
        return True
    if not (user.is_change_leader or user.is_project_leader):
        return False
    own_unit = user.unit_id is not None and user.unit_id == project.owner_unit_id
    named = user.pk in (project.change_leader_id, project.project_leader_id)
    return own_unit or named


def why_not_edit_project(user, project) -> str:
    """What the 403 page says to someone `can_edit_project` refuses: the reason in plain
    words (the project is finished, or it belongs to another unit), not only «your role»."""
    if project.is_final:
        return _("The project is «%(status)s», so it can no longer be changed.") % {
            "status": project.get_status_display()
        }
    if is_programme_staff(user) and (user.is_change_leader or user.is_project_leader):
        unit = project.owner_unit.name if project.owner_unit else _("the owning unit")
        return _(
            "This project belongs to %(unit)s. Only the programme leader and the change and "
            "project leaders of %(unit)s, or the people named on the project, can change it."
        ) % {"unit": unit}
    return ""


def can_manage_project_lifecycle(user, project) -> bool:
    """Assess against the criteria, admit, hand over, close, reject or stop."""
    return is_programme_staff(user) and user.is_programme_leader


def can_accept_ownership(user, project) -> bool:
    """The owning unit's change leader accepts ownership on the line's behalf."""
    return (
        is_programme_staff(user)
        and user.is_change_leader
        and project.owner_unit_id is not None
        and user.unit_id == project.owner_unit_id
        and not project.is_final
    )


def can_report_on_project(user, project) -> bool:
    """Budget actuals and status reports: whoever keeps the project current."""
    return can_edit_project(user, project)


# --- Annual action plans ----------------------------------------------------------------


def can_view_plans(user) -> bool:
    return is_programme_staff(user)


def can_edit_plan(user, plan=None) -> bool:
    return (
        is_programme_staff(user) and user.is_programme_leader and (plan is None or plan.is_editable)
    )


def can_comment_on_submission(user, submission) -> bool:
    return is_programme_staff(user) and (user.is_board_member or user.is_programme_leader)


def can_decide_submission(user, submission) -> bool:
    """A board member records the board's decision on the latest, undecided submission."""
    return is_programme_staff(user) and user.is_board_member and not submission.decision


# --- Lessons learned --------------------------------------------------------------------


def can_view_lessons(user) -> bool:
    return is_programme_staff(user)


def can_log_lesson(user) -> bool:
    return is_programme_staff(user) and (
        user.is_programme_leader or user.is_change_leader or user.is_project_leader
    )


def can_edit_lesson(user, lesson) -> bool:
    """The programme leader, or its author (unless they now only read, as the Programeier)."""
    return is_programme_staff(user) and (
        user.is_programme_leader or (lesson.author_id == user.pk and not user.reads_only)
    )


def can_set_lesson_status(user, lesson) -> bool:
    """The programme leader, or the change leader of the lesson's unit."""
    if not is_programme_staff(user):
        return False
    if user.is_programme_leader:
        return True
    return user.is_change_leader and lesson.unit_id is not None and lesson.unit_id == user.unit_id
