"""Permissions for the risk registers. Every role reads; the programme leader keeps every
register; a project's register is kept by those who keep the project; a risk in an area
register is changed by its owner or a change leader of the owner's unit; the board and the
programme leader accept a risk whose response is to accept it."""

from portfolio.models import Area
from risk.services import area_register, project_register
from tests.factories import ProjectFactory
from tests.permission_table.base import LOGIN, NOT_FOUND  # noqa: F401
from tests.risk.helpers import make_risk


def _area_register(people) -> dict:
    return {"pk": area_register(Area.objects.order_by("name").first()).pk}


def _risk_of_change_leaders_unit(people) -> dict:
    """A risk in an area register, owned by the change leader's unit (the project leader's
    unit is another one)."""
    register = area_register(Area.objects.order_by("name").first())
    risk = make_risk(register, people["programme_leader"], owner=people["change_leader"])
    return {"pk": risk.pk}


def _risk_to_accept(people) -> dict:
    register = area_register(Area.objects.order_by("name").first())
    risk = make_risk(register, people["programme_leader"], response="accept")
    return {"pk": risk.pk}


def _escalation(people) -> dict:
    project = ProjectFactory(
        owner_unit=people["project_leader"].unit, created_by=people["programme_leader"]
    )
    risk = make_risk(project_register(project), people["programme_leader"])
    return {"pk": risk.pk}


def _project(people) -> dict:
    project = ProjectFactory(
        owner_unit=people["project_leader"].unit, created_by=people["programme_leader"]
    )
    return {"project_pk": project.pk}


def _snapshot(people) -> dict:
    from risk.services import snapshot_freeze

    snapshot_freeze(by=people["programme_leader"], note="Styremøte mars")
    make_risk(area_register(Area.objects.order_by("name").first()), people["programme_leader"])
    return {"number": snapshot_freeze(by=people["programme_leader"]).number}


def _delegation(people) -> dict:
    """A risk of the change leader's unit in an area register with a project register
    beneath it."""
    area = Area.objects.order_by("name").first()
    project = ProjectFactory(
        owner_unit=people["project_leader"].unit, created_by=people["programme_leader"]
    )
    project.areas.set([area])
    project_register(project)
    risk = make_risk(area_register(area), people["programme_leader"], owner=people["change_leader"])
    return {"pk": risk.pk}


def _pdf_of_the_programme_leader(people) -> dict:
    """A PDF the programme leader asked for: everyone else gets 404 (not theirs)."""
    from risk.models import RegisterPdf

    register = area_register(Area.objects.order_by("name").first())
    pdf = RegisterPdf.objects.create(register=register, requested_by=people["programme_leader"])
    return {"pk": pdf.pk}


READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}
EDIT_AREA_RISK = {
    "anonymous": LOGIN,
    "programme_leader": 200,
    "change_leader": 200,
    "default": 403,
}

TABLE = {
    "risk:registers": ({}, "get", None, READ),
    "risk:level_styles": ({}, "get", None, READ),
    "risk:register": (_area_register, "get", None, READ),
    "risk:risk_create": (
        _area_register,
        "get",
        None,
        {"anonymous": LOGIN, "programme_leader": 200, "change_leader": 200, "default": 403},
    ),
    "risk:project_risk_create": (
        _project,
        "get",
        None,
        {"anonymous": LOGIN, "programme_leader": 200, "project_leader": 200, "default": 403},
    ),
    "risk:risk": (_risk_of_change_leaders_unit, "get", None, READ),
    "risk:risk_edit": (_risk_of_change_leaders_unit, "get", None, EDIT_AREA_RISK),
    "risk:risk_review": (_risk_of_change_leaders_unit, "get", None, EDIT_AREA_RISK),
    "risk:risk_close": (_risk_of_change_leaders_unit, "get", None, EDIT_AREA_RISK),
    "risk:action_create": (_risk_of_change_leaders_unit, "get", None, EDIT_AREA_RISK),
    "risk:risk_accept": (
        _risk_to_accept,
        "get",
        None,
        {
            "anonymous": LOGIN,
            "programme_leader": 200,
            "board_member": 200,
            "programme_owner": 403,  # the board's form; the Programeier reads only
            "default": 403,
        },
    ),
    "risk:risk_escalate": (
        _escalation,
        "post",
        {"note": "Gjelder hele området."},
        {"anonymous": LOGIN, "programme_leader": 302, "project_leader": 302, "default": 403},
    ),
    "risk:risk_delegate": (_delegation, "get", None, EDIT_AREA_RISK),
    "risk:register_pdf_create": (
        _area_register,
        "post",
        {},
        {"anonymous": LOGIN, "outsider": 403, "default": 302},
    ),
    "risk:register_pdf": (
        _pdf_of_the_programme_leader,
        "get",
        None,
        # Being made (202) for the one who asked; not found for anyone else.
        {"anonymous": LOGIN, "outsider": 403, "programme_leader": 202, "default": NOT_FOUND},
    ),
    "risk:snapshots": ({}, "get", None, READ),
    "risk:register_export": (
        lambda people: {**_area_register(people), "fmt": "csv"},
        "get",
        None,
        READ,
    ),
    # A large export built in the background: only the user who asked finds it.
    "risk:register_export_file": (
        lambda people: {**_area_register(people), "export_id": "0" * 32},
        "get",
        None,
        {**READ, "default": NOT_FOUND},
    ),
    "risk:snapshot": (_snapshot, "get", None, READ),
    "risk:snapshot_create": (
        {},
        "post",
        {"note": "Styremøte"},
        {"anonymous": LOGIN, "programme_leader": 302, "default": 403},
    ),
}
