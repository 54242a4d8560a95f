"""Permissions for a project's pages. The project is owned by the change leader's unit; the
project leader works in another unit, so may read it but not change it."""

from tests.factories import BudgetLineFactory, ExternalPartnerFactory, ProjectFactory
from tests.permission_table.base import LOGIN


def _project(people, **kwargs):
    owner = people["change_leader"]
    return ProjectFactory(owner_unit=owner.unit, created_by=people["programme_leader"], **kwargs)


def project(people):
    return {"pk": _project(people).pk}


def criterion(people):
    return {"pk": _project(people).pk, "number": 1}


def transition(people):
    return {"pk": _project(people).pk, "action": "stop"}


def line(people):
    line = BudgetLineFactory(project=_project(people))
    return {"pk": line.project_id, "line_pk": line.pk}


def partner(people):
    partner = ExternalPartnerFactory(project=_project(people))
    return {"pk": partner.project_id, "partner_pk": partner.pk}


READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}
CREATE = {"anonymous": LOGIN, "programme_leader": 200, "default": 403}
# Edit: the programme leader and the owning unit's change leader; not the project leader of
# another unit, the board, the case handler or an outsider.
EDIT = {"anonymous": LOGIN, "programme_leader": 200, "change_leader": 200, "default": 403}
MANAGE = {"anonymous": LOGIN, "programme_leader": 200, "default": 403}

TABLE = {
    "portfolio:project_create": ({}, "get", None, CREATE),
    "portfolio:project": (project, "get", None, READ),
    "portfolio:project_edit": (project, "get", None, EDIT),
    "portfolio:project_assess": (criterion, "get", None, MANAGE),
    "portfolio:project_accept_ownership": (
        project,
        "post",
        None,
        {"anonymous": LOGIN, "change_leader": 302, "default": 403},
    ),
    "portfolio:project_transition": (
        transition,
        "post",
        {"reason": "Ikke lenger aktuelt."},
        {"anonymous": LOGIN, "programme_leader": 302, "default": 403},
    ),
    "portfolio:budget_line_create": (project, "get", None, EDIT),
    "portfolio:budget_line_edit": (line, "get", None, EDIT),
    "portfolio:status_report_create": (project, "get", None, EDIT),
    "portfolio:partner_create": (project, "get", None, EDIT),
    "portfolio:partner_delete": (
        partner,
        "post",
        None,
        {"anonymous": LOGIN, "programme_leader": 302, "change_leader": 302, "default": 403},
    ),
}
