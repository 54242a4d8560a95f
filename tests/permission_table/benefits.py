"""Permissions for the benefits register. Every role reads; the programme leader and the
change leader of the owning unit edit; the board (and programme leader) set the priority;
project leaders of contributing projects record measurements."""

from benefits.models import Benefit, Indicator, Measurement
from portfolio.models import Goal
from tests.factories import ProjectFactory
from tests.permission_table.base import LOGIN


def _benefit(people) -> Benefit:
    owner = people["change_leader"]
    project = ProjectFactory(
        owner_unit=owner.unit, project_leader=people["project_leader"], created_by=owner
    )
    benefit = Benefit.objects.create(
        title="Økt trygghet",
        description="Beskrivelse",
        dfo_class="kvalitet",
        goal=Goal.objects.first(),
        owner_unit=owner.unit,
        created_by=owner,
    )
    benefit.contributions.create(project=project, kind="direkte")
    return benefit


def _pk(people) -> dict:
    return {"pk": _benefit(people).pk}


def _transition(people) -> dict:
    return {"pk": _benefit(people).pk, "action": "planlegg"}


def _indicator(people) -> dict:
    benefit = _benefit(people)
    indicator = Indicator.objects.create(benefit=benefit, name="Andel", unit="prosent")
    return {"pk": benefit.pk, "indicator_pk": indicator.pk}


def _measurement(people) -> dict:
    benefit = _benefit(people)
    indicator = Indicator.objects.create(benefit=benefit, name="Andel", unit="prosent")
    measurement = Measurement.objects.create(
        indicator=indicator,
        period_end="2025-06-30",
        value=50,
        state="venter",
        recorded_by=people["project_leader"],
    )
    return {"pk": benefit.pk, "measurement_pk": measurement.pk}


READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}
OWNER = {"anonymous": LOGIN, "programme_leader": 200, "change_leader": 200, "default": 403}
REDIRECT = 302

TABLE = {
    "benefits:register": ({}, "get", None, READ),
    "benefits:register_export": ({"fmt": "xlsx"}, "get", None, READ),
    "benefits:measurements_export": ({"fmt": "csv"}, "get", None, READ),
    "benefits:benefit": (_pk, "get", None, READ),
    "benefits:benefit_create": ({}, "get", None, OWNER),
    "benefits:benefit_edit": (_pk, "get", None, OWNER),
    "benefits:benefit_transition": (_transition, "get", None, OWNER),
    "benefits:indicator_create": (_pk, "get", None, OWNER),
    "benefits:benefit_priority": (
        _pk,
        "get",
        None,
        {"anonymous": LOGIN, "programme_leader": 200, "board_member": 200, "default": 403},
    ),
    "benefits:measurement_create": (
        _indicator,
        "get",
        None,
        {
            "anonymous": LOGIN,
            "programme_leader": 200,
            "change_leader": 200,
            "project_leader": 200,
            "default": 403,
        },
    ),
    "benefits:measurement_approve": (
        _measurement,
        "post",
        {},
        {
            "anonymous": LOGIN,
            "programme_leader": REDIRECT,
            "change_leader": REDIRECT,
            "default": 403,
        },
    ),
}
