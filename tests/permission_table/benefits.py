"""Permissions for the benefits register. Every role reads; the programme leader and the
change leader of the owning unit edit; the board (and programme leader) set the priority;
project leaders of contributing projects record measurements."""

from benefits.models import Benefit, BenefitPlan, Indicator, Measurement
from benefits.services import plans as plan_services
from portfolio.models import Goal
from tests.factories import ProjectFactory
from tests.permission_table.base import LOGIN, NOT_FOUND


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


def _evidence(people) -> dict:
    """A measurement with its evidence file as the form stores it."""
    from django.core.files.base import ContentFile

    address = _measurement(people)
    measurement = Measurement.objects.get(pk=address["measurement_pk"])
    measurement.evidence.save("sammendrag.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return address


def _plan(people) -> BenefitPlan:
    benefit = _benefit(people)
    plan = BenefitPlan.objects.create(
        project=benefit.projects.get(),
        responsibilities="Endringslederen",
        into_operations="Enheten viderefører tiltaket.",
        created_by=people["programme_leader"],
    )
    return plan


def _with_a_benefit(people) -> dict:
    """The map with something on it: no address arguments."""
    _benefit(people)
    return {}


def _plan_pk(people) -> dict:
    return {"pk": _plan(people).pk}


def _submission(people) -> dict:
    plan = _plan(people)
    submission = plan_services.plan_submit(plan=plan, by=people["programme_leader"])
    return {"pk": plan.pk, "number": submission.number}


def _approved_submission(people) -> dict:
    """An approved version with its PDF as the background task stores it (its making is
    tested in tests/benefits/test_plan_board.py)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    plan = _plan(people)
    submission = plan_services.plan_submit(plan=plan, by=people["programme_leader"])
    submission = plan_services.submission_decide(
        submission=submission,
        by=people["board_member"],
        decision="godkjent",
        meeting_date=timezone.localdate(),
        decision_text="Planen er godkjent.",
    )
    submission.pdf.save("gevinstplan.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {"pk": plan.pk, "number": submission.number}


def _handover(people) -> dict:
    benefit = _benefit(people)
    benefit.status = Benefit.Status.REALISED
    benefit.save()
    return {"pk": benefit.pk, "action": "overfor"}


READ = {"anonymous": LOGIN, "outsider": 403, "default": 200}
OWNER = {"anonymous": LOGIN, "programme_leader": 200, "change_leader": 200, "default": 403}
REDIRECT = 302
IMPORT = {
    "anonymous": LOGIN,
    "programme_leader": 200,
    "change_leader": 200,
    "project_leader": 200,
    "default": 403,
}

TABLE = {
    "benefits:register": ({}, "get", None, READ),
    "benefits:register_export": ({"fmt": "xlsx"}, "get", None, READ),
    "benefits:measurements_export": ({"fmt": "csv"}, "get", None, READ),
    # A large export built in the background: only the user who asked finds it.
    "benefits:measurements_export_file": (
        {"export_id": "0" * 32},
        "get",
        None,
        {**READ, "default": NOT_FOUND},
    ),
    "benefits:benefit": (_pk, "get", None, READ),
    "benefits:benefit_create": ({}, "get", None, OWNER),
    "benefits:benefit_edit": (_pk, "get", None, OWNER),
    "benefits:benefit_transition": (_transition, "get", None, OWNER),
    "benefits:indicator_create": (_pk, "get", None, OWNER),
    "benefits:benefit_priority": (
        _pk,
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
    # A measurement's evidence file: whoever reads the register (as the measurement).
    "benefits:measurement_evidence": (_evidence, "get", None, READ),
    "benefits:plans": ({}, "get", None, READ),
    "benefits:plan_create": (
        {},
        "post",
        {},
        {"anonymous": LOGIN, "programme_leader": 400, "change_leader": 400, "default": 403},
    ),
    "benefits:plan": (_plan_pk, "get", None, READ),
    "benefits:plan_edit": (_plan_pk, "get", None, OWNER),
    "benefits:plan_submit": (
        _plan_pk,
        "get",
        None,
        {"anonymous": LOGIN, "programme_leader": 200, "default": 403},
    ),
    "benefits:plan_submission": (_submission, "get", None, READ),
    "benefits:plan_submission_comment": (
        _submission,
        "post",
        {},
        {"anonymous": LOGIN, "programme_leader": 400, "board_member": 400, "default": 403},
    ),
    "benefits:plan_submission_decide": (
        _submission,
        "post",
        {},
        {"anonymous": LOGIN, "board_member": 400, "default": 403},
    ),
    # The approved version's PDF: every member of programme staff reads it, as the plan.
    "benefits:plan_submission_pdf": (_approved_submission, "get", None, READ),
    "benefits:map": (_with_a_benefit, "get", None, READ),
    "benefits:learning": ({}, "get", None, READ),
    "benefits:import": ({}, "get", None, IMPORT),
    "benefits:import_template": ({"fmt": "xlsx"}, "get", None, IMPORT),
    "benefits:import_confirm": (
        {},
        "post",
        {},
        # Nothing kept in the session: back to the upload page.
        {**IMPORT, "programme_leader": 302, "change_leader": 302, "project_leader": 302},
    ),
}

# The handover page is a transition too (the change leader of the owning unit); checked in
# tests/benefits/test_plans.py, as the table holds one row per URL name.
HANDOVER = (_handover, "get", None, OWNER)
