"""Who may do what with the risk registers: plain predicates, checked on the server in each
view.

Every member of programme staff reads the registers. The programme leader keeps them all.
A project's register is kept by those who keep the project (`can_edit_project`); an area's
register takes new risks from change leaders, and a risk in it is changed by its owner or a
change leader of the owner's unit (another unit's risk is read-only). The board reads, and
it (or the programme leader) accepts the risks whose response is to accept them.
"""

from core.permissions import is_programme_staff
from portfolio.permissions import can_edit_project


def can_view_risks(user) -> bool:
    return is_programme_staff(user)


def can_add_risk(user, register) -> bool:
    if not is_programme_staff(user):
        return False
    if user.is_programme_leader:
        return True
    if register.level == register.Level.PROJECT:
        return can_edit_project(user, register.project)
    if register.level == register.Level.AREA:
        return user.is_change_leader
    return False


def can_add_project_risk(user, project) -> bool:
    return is_programme_staff(user) and (
        user.is_programme_leader or can_edit_project(user, project)
    )


def can_edit_risk(user, risk) -> bool:
    """Change, review, escalate or close, and add actions."""
    if not is_programme_staff(user) or not risk.is_open:
        return False
    if user.is_programme_leader or (user.pk == risk.owner_id and not user.reads_only):
        return True
    register = risk.register
    if register.level == register.Level.PROJECT:
        return can_edit_project(user, register.project)
    if register.level == register.Level.AREA:
        return (
            user.is_change_leader
            and user.unit_id is not None
            and user.unit_id == risk.owner.unit_id
        )
    return False


def can_escalate_risk(user, risk) -> bool:
    return can_edit_risk(user, risk) and risk.register.parent_id is not None


def can_delegate_risk(user, risk) -> bool:
    """Move a risk down to a register directly beneath its own (one query: are there any)."""
    return can_edit_risk(user, risk) and risk.register.children.exists()


def can_accept_risk(user, risk) -> bool:
    return (
        is_programme_staff(user)
        and (user.is_programme_leader or user.is_board_member)
        and risk.is_open
        and risk.response == risk.Response.ACCEPT
    )


def can_freeze_snapshot(user) -> bool:
    return is_programme_staff(user) and user.is_programme_leader
